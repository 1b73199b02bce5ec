package store

import (
	"context"
	"errors"
	"slices"
	"sort"

	"payesh"
)

// Importing the project list from a workbook (internal/sheet/research.go
// reads it): all or nothing. Every row is tried in one transaction; a
// row refused for its content is noted and the rest still tried, so the
// answer names every refused row, and then the transaction is rolled
// back. A row with an id updates that project — its fields, never its
// stage, which moves only with a recorded move — and one without creates
// a project, at the stage the row gives, as its first move.

// errRefusedRows rolls an import back after its rows were all tried.
var errRefusedRows = errors.New("store: import refused")

// ImportResearchProjects writes every row or none.
func (db *DB) ImportResearchProjects(ctx context.Context, rows []payesh.ResearchImportRow) (payesh.ResearchImportResult, []payesh.RowError, error) {
	var res payesh.ResearchImportResult
	if _, err := requireUser(ctx); err != nil {
		return res, nil, err
	}
	if len(rows) == 0 {
		return res, nil, payesh.Invalid(map[string]string{"file": "err.research.import_empty"})
	}
	if len(rows) > payesh.MaxResearchImport {
		return res, nil, payesh.Invalid(map[string]string{"file": payesh.KeyTooMany})
	}
	var refused []payesh.RowError
	err := db.write(ctx, func(tx *Tx) error {
		res, refused = payesh.ResearchImportResult{}, nil
		seen := map[int64]bool{}
		for _, row := range rows {
			p := row.Project
			if p.ID != 0 {
				if seen[p.ID] {
					refused = append(refused, payesh.RowError{Row: row.Row, Field: "id", Key: "err.research.import_twice"})
					continue
				}
				seen[p.ID] = true
			}
			err := tx.importRow(&p, &res)
			if fields, ok := rowFields(err); ok {
				for _, f := range fields {
					refused = append(refused, payesh.RowError{Row: row.Row, Field: f.Field, Key: f.Key})
				}
				continue
			}
			if err != nil {
				return err
			}
		}
		if len(refused) > 0 {
			return errRefusedRows
		}
		return nil
	})
	if errors.Is(err, errRefusedRows) {
		sort.SliceStable(refused, func(i, j int) bool { return refused[i].Row < refused[j].Row })
		return payesh.ResearchImportResult{}, refused, payesh.Invalid(map[string]string{"file": "err.research.import_refused"})
	}
	if err != nil {
		return payesh.ResearchImportResult{}, nil, err
	}
	return res, nil, nil
}

// rowFields returns a row's validation errors, field by field in order;
// not found (a project the importer does not read) is the id's.
func rowFields(err error) ([]payesh.RowError, bool) {
	var e *payesh.Error
	if !errors.As(err, &e) {
		return nil, false
	}
	switch e.Code {
	case payesh.ENOTFOUND:
		return []payesh.RowError{{Field: "id", Key: "err.unknown_ref"}}, true
	case payesh.EINVALID:
	default:
		return nil, false
	}
	keys := make([]string, 0, len(e.Fields))
	for f := range e.Fields {
		keys = append(keys, f)
	}
	slices.Sort(keys)
	out := make([]payesh.RowError, 0, len(keys)+1)
	for _, f := range keys {
		out = append(out, payesh.RowError{Field: f, Key: e.Fields[f]})
	}
	if len(out) == 0 {
		out = append(out, payesh.RowError{Field: "row", Key: e.Message})
	}
	return out, true
}

// importRow creates or updates one project. A validation error inside
// runs no statement that fails, so the transaction goes on (PostgreSQL
// would abort it after a failed statement).
func (tx *Tx) importRow(p *payesh.ResearchProject, res *payesh.ResearchImportResult) error {
	p.Normalize()
	if p.ID == 0 {
		if err := p.Validate(); err != nil {
			return err
		}
		res.Created++
		return tx.createProject(p, "")
	}
	before, err := tx.editableProject(p.ID)
	if err != nil {
		return err
	}
	if p.Stage != before.Stage {
		return payesh.Invalid(map[string]string{"stage": "err.research.import_stage"})
	}
	// The workbook carries no links: a project keeps its own.
	p.ClauseIDs, p.WorkItemIDs, p.Version = before.ClauseIDs, before.WorkItemIDs, before.Version
	if sameProject(before, p) {
		res.Unchanged++
		return nil
	}
	res.Updated++
	_, err = tx.updateProject(p.ID, p)
	return err
}

// sameProject reports whether the row changes nothing the workbook holds.
func sameProject(a, b *payesh.ResearchProject) bool {
	sameInst := a.InstitutionUnitID == nil && b.InstitutionUnitID == nil ||
		a.InstitutionUnitID != nil && b.InstitutionUnitID != nil && *a.InstitutionUnitID == *b.InstitutionUnitID
	return sameInst && a.AxisID == b.AxisID && a.Title == b.Title && a.InstitutionName == b.InstitutionName &&
		a.Investigator == b.Investigator && a.ContractStart.Equal(b.ContractStart) && a.ContractEnd.Equal(b.ContractEnd) &&
		a.BudgetRials == b.BudgetRials && a.Note == b.Note
}
