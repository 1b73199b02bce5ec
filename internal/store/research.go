package store

import (
	"context"
	"database/sql"

	"payesh"
)

// The research register's axes (payesh.ResearchService). Which axes
// exist is no secret — their projects are read by scope — so every
// signed-in user lists them, each with the counts by stage of the
// projects that user reads.

var _ payesh.ResearchService = (*DB)(nil)

// readsProject applies the register's read rule: a project is read as
// work owned by its axis's unit with its institution as partner.
func (s scope) readsProject(ownerUnitID int64, institution *int64) bool {
	switch {
	case s.Everything():
		return true
	case s.Nothing():
		return false
	}
	var partners []string
	if institution != nil {
		partners = []string{s.ix.path(*institution)}
	}
	return s.ReadsWork(s.ix.path(ownerUnitID), s.ix.national[ownerUnitID], partners)
}

// CreateResearchAxis adds an axis (admins and the secretariat).
func (db *DB) CreateResearchAxis(ctx context.Context, a *payesh.ResearchAxis) error {
	if err := requireConfigure(ctx); err != nil {
		return err
	}
	a.Normalize()
	if err := a.Validate(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.checkAxisRefs(a); err != nil {
			return err
		}
		err := tx.QueryRowContext(tx.ctx, `INSERT INTO research_axes (number, title, note, owner_unit_id, work_item_id, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`, a.Number, a.Title, a.Note, a.OwnerUnitID, a.WorkItemID, tx.now).Scan(&a.ID)
		if err != nil {
			return err
		}
		if err := tx.setIDs("research_axis_clauses", "axis_id", "clause_id", a.ID, a.ClauseIDs); err != nil {
			return err
		}
		after, err := loadAxis(tx.ctx, tx, a.ID)
		if err != nil {
			return err
		}
		*a = *after
		return tx.audit("research_axis", a.ID, payesh.ActionCreate, nil, a)
	})
}

// checkAxisRefs checks the unit, work item and clauses an axis names,
// and that its number is free (a friendlier answer than the unique key).
func (tx *Tx) checkAxisRefs(a *payesh.ResearchAxis) error {
	if err := tx.allExist("org_units", []int64{a.OwnerUnitID}, "owner_unit_id"); err != nil {
		return err
	}
	if a.WorkItemID != nil {
		if err := tx.allExist("work_items", []int64{*a.WorkItemID}, "work_item_id"); err != nil {
			return err
		}
	}
	var n int
	if err := tx.QueryRowContext(tx.ctx, `SELECT COUNT(*) FROM research_axes WHERE number = $1 AND id <> $2`, a.Number, a.ID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return payesh.Invalid(map[string]string{"number": "err.research.axis_taken"})
	}
	return tx.allExist("clauses", a.ClauseIDs, "clause_ids")
}

// setIDs replaces the ids a row links to in a link table.
func (tx *Tx) setIDs(table, own, other string, id int64, ids []int64) error {
	if _, err := tx.ExecContext(tx.ctx, `DELETE FROM `+table+` WHERE `+own+` = $1`, id); err != nil {
		return err
	}
	return tx.insertMany(`INSERT INTO `+table+` (`+own+`, `+other+`) VALUES `, "", 2, len(ids),
		func(i int) []any { return []any{id, ids[i]} })
}

// UpdateResearchAxis replaces an axis's fields at the version the editor
// saw.
func (db *DB) UpdateResearchAxis(ctx context.Context, id int64, a *payesh.ResearchAxis) (*payesh.ResearchAxis, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	if err := requireVersion(a.Version); err != nil {
		return nil, err
	}
	a.ID = id
	a.Normalize()
	if err := a.Validate(); err != nil {
		return nil, err
	}
	var after *payesh.ResearchAxis
	err := db.write(ctx, func(tx *Tx) error {
		before, err := loadAxis(tx.ctx, tx, id)
		if err != nil {
			return err
		}
		if err := tx.checkAxisRefs(a); err != nil {
			return err
		}
		res, err := tx.ExecContext(tx.ctx, `UPDATE research_axes SET number = $1, title = $2, note = $3, owner_unit_id = $4,
				work_item_id = $5, updated_at = $6, version = version + 1 WHERE id = $7 AND version = $8`,
			a.Number, a.Title, a.Note, a.OwnerUnitID, a.WorkItemID, tx.now, id, a.Version)
		if err != nil {
			return err
		}
		if err := checkVersion(res, func() (any, error) { return loadAxis(tx.ctx, tx, id) }); err != nil {
			return err
		}
		if err := tx.setIDs("research_axis_clauses", "axis_id", "clause_id", id, a.ClauseIDs); err != nil {
			return err
		}
		if after, err = loadAxis(tx.ctx, tx, id); err != nil {
			return err
		}
		return tx.audit("research_axis", id, payesh.ActionUpdate, before, after)
	})
	return after, err
}

const axisColumns = `a.id, a.number, a.title, a.note, a.owner_unit_id, a.work_item_id, a.version, a.created_at, a.updated_at`

func scanAxis(r interface{ Scan(...any) error }) (*payesh.ResearchAxis, error) {
	var a payesh.ResearchAxis
	var work sql.NullInt64
	err := r.Scan(&a.ID, &a.Number, &a.Title, &a.Note, &a.OwnerUnitID, &work, &a.Version, &a.CreatedAt, &a.UpdatedAt)
	if work.Valid {
		a.WorkItemID = &work.Int64
	}
	a.ClauseIDs, a.Stages = []int64{}, map[payesh.ResearchStage]int{}
	return &a, err
}

// loadAxis reads one axis with its clauses, without counts.
func loadAxis(ctx context.Context, q queryer, id int64) (*payesh.ResearchAxis, error) {
	a, err := scanAxis(q.QueryRowContext(ctx, `SELECT `+axisColumns+` FROM research_axes a WHERE a.id = $1`, id))
	if err != nil {
		return nil, notFoundIfNoRows(err, "research_axis")
	}
	a.ClauseIDs, err = idList(ctx, q, `SELECT clause_id FROM research_axis_clauses WHERE axis_id = $1 ORDER BY 1`, id)
	return a, err
}

// FindResearchAxes lists the axes by number, each with its clauses and
// the counts by stage of the projects the reader reads.
func (db *DB) FindResearchAxes(ctx context.Context) ([]*payesh.ResearchAxis, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+axisColumns+` FROM research_axes a ORDER BY a.number, a.id`)
	if err != nil {
		return nil, err
	}
	axes, err := scanAll(rows, func(r *sql.Rows) (*payesh.ResearchAxis, error) { return scanAxis(r) })
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*payesh.ResearchAxis, len(axes))
	for _, a := range axes {
		byID[a.ID] = a
	}
	err = db.eachRow(ctx, `SELECT axis_id, clause_id FROM research_axis_clauses ORDER BY 1, 2`, nil, func(scan func(...any) error) error {
		var axis, clause int64
		if err := scan(&axis, &clause); err != nil {
			return err
		}
		if a := byID[axis]; a != nil {
			a.ClauseIDs = append(a.ClauseIDs, clause)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = db.eachRow(ctx, `SELECT p.axis_id, a.owner_unit_id, p.institution_unit_id, p.stage
		FROM research_projects p JOIN research_axes a ON a.id = p.axis_id`, nil, func(scan func(...any) error) error {
		var axis, owner int64
		var inst sql.NullInt64
		var stage payesh.ResearchStage
		if err := scan(&axis, &owner, &inst, &stage); err != nil {
			return err
		}
		if !s.readsProject(owner, nullID(inst)) {
			return nil
		}
		if a := byID[axis]; a != nil {
			a.Stages[stage]++
			a.Projects++
		}
		return nil
	})
	return axes, err
}

// FindResearchAxis returns one axis with its counts.
func (db *DB) FindResearchAxis(ctx context.Context, id int64) (*payesh.ResearchAxis, error) {
	all, err := db.FindResearchAxes(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range all {
		if a.ID == id {
			return a, nil
		}
	}
	return nil, payesh.NotFound("research_axis")
}

func nullID(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	return &n.Int64
}
