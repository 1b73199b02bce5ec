package store

import (
	"context"
	"database/sql"
	"slices"

	"payesh"
)

// PostProgress appends an update to an item's history, applies it and rolls
// the change up to every ancestor, all in one transaction that holds the
// item's work tree.
func (db *DB) PostProgress(ctx context.Context, id int64, in payesh.ProgressUpdateInput) (*payesh.ProgressUpdate, *payesh.WorkItem, error) {
	if err := requireVersion(in.Version); err != nil {
		return nil, nil, err
	}
	var u *payesh.ProgressUpdate
	var after *payesh.WorkItem
	err := db.write(ctx, func(tx *Tx) (err error) {
		u, after, err = tx.postProgress(id, in)
		return err
	})
	return u, after, err
}

func (tx *Tx) postProgress(id int64, in payesh.ProgressUpdateInput) (*payesh.ProgressUpdate, *payesh.WorkItem, error) {
	before, err := tx.lockedWorkItem(id)
	if err != nil {
		return nil, nil, err
	}
	if err := tx.requireReadWork(before); err != nil {
		return nil, nil, err
	}
	if err := tx.requireReportWork(before); err != nil {
		return nil, nil, err
	}
	if before.Version != in.Version {
		return nil, nil, payesh.Conflict(before)
	}
	w := *before
	if err := in.Apply(&w, tx.db.today()); err != nil {
		return nil, nil, err
	}
	if err := tx.guardResolution(before, &w, in); err != nil {
		return nil, nil, err
	}
	if w.Status == payesh.StatusDone && before.Status != payesh.StatusDone && w.ChildCount > 0 {
		if err := tx.requireClosedChildren(id); err != nil {
			return nil, nil, err
		}
	}
	// The version is checked again in the UPDATE: a clause link takes no
	// tree lock and may have bumped it since the read.
	res, err := tx.ExecContext(tx.ctx, `
		UPDATE work_items SET progress = $1, status = $2, done_date = $3, updated_at = $4, version = version + 1,
			late_from = $7
		WHERE id = $5 AND version = $6`,
		w.Progress, w.Status, w.DoneDate, tx.now, id, in.Version, w.LateFrom())
	if err != nil {
		return nil, nil, err
	}
	if err := checkVersion(res, func() (any, error) { return tx.db.findWorkItem(tx.ctx, tx, id) }); err != nil {
		return nil, nil, err
	}
	u := &payesh.ProgressUpdate{WorkItemID: id, AuthorName: tx.actor.Name, CreatedAt: tx.now,
		Progress: in.Progress, Status: in.Status, Note: in.Note}
	if tx.actor.ID != 0 {
		u.AuthorID, u.AuthorUnitID = &tx.actor.ID, &tx.actor.UnitID
	}
	err = tx.QueryRowContext(tx.ctx, `
		INSERT INTO progress_updates (work_item_id, author_id, author_name, created_at, progress, status, note, author_unit_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		id, u.AuthorID, u.AuthorName, tx.now, u.Progress, u.Status, u.Note, u.AuthorUnitID).Scan(&u.ID)
	if err != nil {
		return nil, nil, err
	}
	if err := tx.rollUp(w.ParentID); err != nil {
		return nil, nil, err
	}
	after, err := tx.db.findWorkItem(tx.ctx, tx, id)
	if err != nil {
		return nil, nil, err
	}
	return u, after, tx.audit("work_item", id, payesh.ActionProgress, before, after)
}

// FindProgressUpdates returns the history of an item the user may read,
// newest first.
func (db *DB) FindProgressUpdates(ctx context.Context, id int64) ([]*payesh.ProgressUpdate, error) {
	if _, err := db.FindWorkItemByID(ctx, id); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `
		SELECT id, work_item_id, author_id, author_name, created_at, progress, status, note, author_unit_id
		FROM progress_updates WHERE work_item_id = $1 ORDER BY id DESC`, id)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (*payesh.ProgressUpdate, error) {
		var u payesh.ProgressUpdate
		var author, unit sql.NullInt64
		var progress sql.NullFloat64
		err := r.Scan(&u.ID, &u.WorkItemID, &author, &u.AuthorName, &u.CreatedAt, &progress, &u.Status, &u.Note, &unit)
		if author.Valid {
			u.AuthorID = &author.Int64
		}
		if unit.Valid {
			u.AuthorUnitID = &unit.Int64
		}
		if progress.Valid {
			u.Progress = &progress.Float64
		}
		return &u, err
	})
}

// LinkClause records that an item answers a clause.
func (db *DB) LinkClause(ctx context.Context, id, clauseID int64) (*payesh.WorkItem, error) {
	return db.changeClauseLink(ctx, id, clauseID, true)
}

// UnlinkClause removes that record.
func (db *DB) UnlinkClause(ctx context.Context, id, clauseID int64) (*payesh.WorkItem, error) {
	return db.changeClauseLink(ctx, id, clauseID, false)
}

// changeClauseLink adds or removes one link; doing what is already done
// changes nothing and writes no audit row. A link derives no number, so
// it takes no lock: ON CONFLICT lets two links made at once both succeed.
func (db *DB) changeClauseLink(ctx context.Context, id, clauseID int64, link bool) (*payesh.WorkItem, error) {
	var after *payesh.WorkItem
	err := db.write(ctx, func(tx *Tx) error {
		before, err := tx.db.findWorkItem(ctx, tx, id)
		if err != nil {
			return err
		}
		after = before
		if err := tx.requireReadWork(before); err != nil {
			return err
		}
		if err := tx.requireEditWork(before.OwnerUnitID); err != nil {
			return err
		}
		if _, err := findClause(ctx, tx, clauseID); err != nil {
			return err
		}
		if link && len(before.ClauseIDs) >= payesh.MaxClauseLinks && !slices.Contains(before.ClauseIDs, clauseID) {
			return payesh.Invalid(map[string]string{"clause_ids": payesh.KeyTooMany})
		}
		query, action := `DELETE FROM work_item_clauses WHERE work_item_id = $1 AND clause_id = $2`, payesh.ActionUnlink
		if link {
			query, action = `INSERT INTO work_item_clauses (work_item_id, clause_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, payesh.ActionLink
		}
		res, err := tx.ExecContext(ctx, query, id, clauseID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE work_items SET version = version + 1, updated_at = $1 WHERE id = $2`, tx.now, id); err != nil {
			return err
		}
		if after, err = tx.db.findWorkItem(ctx, tx, id); err != nil {
			return err
		}
		return tx.audit("work_item", id, action, before, after)
	})
	return after, err
}

// rollUp recomputes what parentID and each ancestor above it derive from
// their children (payesh.Derive): progress, status and risk, and so their
// lateness. The caller holds the tree's lock, so the children read here are
// the committed ones and no other writer changes them before this
// transaction commits. A node left with no children keeps its progress.
func (tx *Tx) rollUp(parentID *int64) error {
	for parentID != nil {
		rows, err := tx.QueryContext(tx.ctx, `SELECT weight, progress, status, due_date, risk_from
			FROM work_items WHERE parent_id = $1`, *parentID)
		if err != nil {
			return err
		}
		children, err := scanAll(rows, func(r *sql.Rows) (payesh.Child, error) {
			var c payesh.Child
			return c, r.Scan(&c.Weight, &c.Progress, &c.Status, &c.Due, &c.RiskFrom)
		})
		if err != nil {
			return err
		}
		var p payesh.WorkItem
		var next sql.NullInt64
		err = tx.QueryRowContext(tx.ctx, `SELECT status, due_date, progress, parent_id FROM work_items WHERE id = $1`,
			*parentID).Scan(&p.Status, &p.DueDate, &p.Progress, &next)
		if err != nil {
			return err
		}
		d := payesh.Derive(children)
		if len(children) == 0 {
			d.Progress = p.Progress
		}
		p.RiskFrom = d.RiskFrom
		_, err = tx.ExecContext(tx.ctx, `UPDATE work_items SET progress = $1, derived_status = $2, risk_from = $3,
			late_from = $4 WHERE id = $5`, d.Progress, d.Status, d.RiskFrom, p.LateFrom(), *parentID)
		if err != nil {
			return err
		}
		parentID = nil
		if next.Valid {
			parentID = &next.Int64
		}
	}
	return nil
}

// requireClosedChildren refuses to close item id while any of its
// children is open, naming them.
func (tx *Tx) requireClosedChildren(id int64) error {
	open, err := idList(tx.ctx, tx, `SELECT id FROM work_items WHERE parent_id = $1 AND status NOT IN `+closedStatuses+
		` ORDER BY id`, id)
	if err != nil || len(open) == 0 {
		return err
	}
	return payesh.ErrOpenChildren(open)
}

// rollUpBoth rolls up the old and the new parent chain after a move.
func (tx *Tx) rollUpBoth(oldParent, newParent *int64) error {
	if err := tx.rollUp(oldParent); err != nil {
		return err
	}
	if oldParent != nil && newParent != nil && *oldParent == *newParent {
		return nil
	}
	return tx.rollUp(newParent)
}
