package briefing

import (
	"context"
	"errors"
	"fmt"

	"payesh"
	"payesh/internal/export"
	"payesh/internal/i18n"
)

// WorkFinder reads work items as the signed-in user may (the store
// applies the read scope).
type WorkFinder interface {
	FindWorkItems(ctx context.Context, f payesh.WorkItemFilter) ([]*payesh.WorkItem, int, error)
}

// ClauseFinder reads a clause, for the names of the clauses work answers.
type ClauseFinder interface {
	FindClauseByID(ctx context.Context, id int64) (*payesh.Clause, error)
}

// Work is the work list as a table: a row an item, with its code (only
// for those who configure, as the list shows it), title, kind, owner,
// partners, status, progress, start and due dates, days late and clauses.
type Work struct {
	Lang     i18n.Lang
	ShowCode bool
	Today    payesh.Date
	Units    map[int64]*payesh.OrgUnit
	Clauses  ClauseFinder
	// Limit is how many rows a file takes; zero is export.MaxRows.
	Limit int

	clauses map[int64]string
}

// Table is the work table titled title, with notes under it (the
// filters); cut adds the note that the file holds only the first rows of
// total.
func (b *Work) Table(title string, notes []string, total int) export.Table {
	lang := b.Lang
	t := newTable(lang, "ui.export.work.sheet", Titled(lang, title, b.Today), notes)
	t.Limit = b.Limit
	if limit := b.limit(); total > limit {
		t.CutNote = CutNote(lang, limit, total)
		t.Notes = append(t.Notes, t.CutNote)
	}
	if b.ShowCode {
		t.Columns = append(t.Columns, export.Column{Header: i18n.T(lang, "ui.work.code"), Width: 14})
	}
	t.Columns = append(t.Columns,
		export.Column{Header: i18n.T(lang, "ui.work.title"), Width: 50},
		export.Column{Header: i18n.T(lang, "ui.work.kind"), Width: 14},
		export.Column{Header: i18n.T(lang, "ui.work.owner"), Width: 30},
		export.Column{Header: i18n.T(lang, "ui.work.partners"), Width: 30},
		export.Column{Header: i18n.T(lang, "ui.work.status"), Width: 14},
		export.Column{Header: percent(lang, "ui.work.progress"), Kind: export.Percent},
		export.Column{Header: i18n.T(lang, "ui.work.start"), Kind: export.Date, DateHeader: gregorian(lang, "ui.work.start")},
		export.Column{Header: i18n.T(lang, "ui.work.due"), Kind: export.Date, DateHeader: gregorian(lang, "ui.work.due")},
		export.Column{Header: i18n.T(lang, "ui.export.days_late"), Kind: export.Number, Width: 10},
		export.Column{Header: i18n.T(lang, "ui.work.clauses"), Width: 20},
	)
	return t
}

func (b *Work) limit() int {
	if b.Limit <= 0 || b.Limit > export.MaxRows {
		return export.MaxRows
	}
	return b.Limit
}

// Count is how many items f selects, counted exactly (a list counts only
// up to a cap): the file says so when it holds fewer.
func Count(ctx context.Context, find WorkFinder, f payesh.WorkItemFilter) (int, error) {
	f.Page, f.CountLimit, f.Counted = payesh.Page{Limit: 1}, 0, 0
	_, total, err := find.FindWorkItems(ctx, f)
	return total, err
}

// List is the work list f selects as a file: the table, titled with the
// filters and cut at the limit, and what writes its rows. Both doors
// export the list through it.
func (b *Work) List(ctx context.Context, find WorkFinder, f payesh.WorkItemFilter) (export.Table, func(export.Writer) error, error) {
	total, err := Count(ctx, find, f)
	if err != nil {
		return export.Table{}, nil, err
	}
	note, err := b.FilterNote(ctx, f)
	if err != nil {
		return export.Table{}, nil, err
	}
	t := b.Table(i18n.T(b.Lang, "ui.export.work.title"), []string{note}, total)
	return t, func(w export.Writer) error { return b.Write(ctx, find, f, total, w) }, nil
}

// Write writes every item f selects, total of them (Count), in f's order,
// a page at a time, until the table's limit. Items changed during the
// export may shift between pages, as they do between two pages of the
// list.
func (b *Work) Write(ctx context.Context, find WorkFinder, f payesh.WorkItemFilter, total int, w export.Writer) error {
	f.Page, f.CountLimit, f.Counted = payesh.Page{Limit: payesh.MaxLimit}, 0, max(total, 1)
	for {
		items, _, err := find.FindWorkItems(ctx, f)
		if err != nil {
			return err
		}
		for _, it := range items {
			row, err := b.Row(ctx, it)
			if err != nil {
				return err
			}
			if err := w.Write(row...); errors.Is(err, export.ErrFull) {
				return nil
			} else if err != nil {
				return err
			}
		}
		f.Offset += len(items)
		if len(items) < f.Limit || f.Offset >= total {
			return nil
		}
	}
}

// Row is an item's cells.
func (b *Work) Row(ctx context.Context, it *payesh.WorkItem) ([]any, error) {
	lang := b.Lang
	var partners []string
	for _, id := range it.PartnerUnitIDs {
		if n := UnitName(lang, b.Units[id]); n != "" {
			partners = append(partners, n)
		}
	}
	clauses, err := b.clauseNames(ctx, it.ClauseIDs)
	if err != nil {
		return nil, err
	}
	var late any
	if n := b.daysLate(it); n > 0 {
		late = n
	}
	row := []any{}
	if b.ShowCode {
		row = append(row, it.Code)
	}
	return append(row, it.Title, i18n.T(lang, "ui.kind."+string(it.Kind)), UnitName(lang, b.Units[it.OwnerUnitID]),
		list(lang, partners), i18n.T(lang, "ui.status."+string(it.ShownStatus())), it.Progress,
		it.StartDate, it.DueDate, late, list(lang, clauses)), nil
}

// daysLate is how late an item was done or, open past its due date, how
// many days it is late today; 0 when it is not late.
func (b *Work) daysLate(it *payesh.WorkItem) int {
	if it.DaysLate > 0 {
		return it.DaysLate
	}
	if it.Overdue {
		if from := it.LateFrom(); !from.IsZero() {
			return payesh.DaysBetween(from, b.Today)
		}
	}
	return 0
}

// clauseNames are the clauses' short names, «بند ۸», each read once per
// export; a clause gone or out of reach is left out.
func (b *Work) clauseNames(ctx context.Context, ids []int64) ([]string, error) {
	if b.clauses == nil {
		b.clauses = map[int64]string{}
	}
	var out []string
	for _, id := range ids {
		name, ok := b.clauses[id]
		if !ok && b.Clauses != nil {
			c, err := b.Clauses.FindClauseByID(ctx, id)
			switch code := payesh.ErrorCode(err); {
			case err == nil:
				name = ClauseNumber(b.Lang, c)
			case code != payesh.ENOTFOUND && code != payesh.EFORBIDDEN:
				return nil, err
			}
			b.clauses[id] = name
		}
		if name != "" {
			out = append(out, name)
		}
	}
	return out, nil
}

// ClauseNumber is a clause's short name, «بند ۸», "Clause 8".
func ClauseNumber(lang i18n.Lang, c *payesh.Clause) string {
	return digits(lang, fmt.Sprintf(i18n.T(lang, "ui.clause.number"), c.Number))
}
