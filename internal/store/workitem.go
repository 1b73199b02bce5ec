package store

import (
	"context"
	"database/sql"
	"slices"
	"strconv"

	"payesh"
)

const workColumns = `w.id, w.kind, w.parent_id, w.code, w.title, w.description, w.owner_unit_id,
	w.start_date, w.due_date, w.done_date, w.status, w.weight, w.progress, w.path, w.created_by,
	w.version, w.created_at, w.updated_at, w.derived_status, w.risk_from, w.original_due_date, w.replans,
	(SELECT COUNT(*) FROM work_items c WHERE c.parent_id = w.id)`

func scanWorkItem(r interface{ Scan(...any) error }) (*payesh.WorkItem, error) {
	var w payesh.WorkItem
	var parent, createdBy sql.NullInt64
	err := r.Scan(&w.ID, &w.Kind, &parent, &w.Code, &w.Title, &w.Description, &w.OwnerUnitID,
		&w.StartDate, &w.DueDate, &w.DoneDate, &w.Status, &w.Weight, &w.Progress, &w.Path, &createdBy,
		&w.Version, &w.CreatedAt, &w.UpdatedAt, &w.DerivedStatus, &w.RiskFrom, &w.OriginalDueDate, &w.Replans, &w.ChildCount)
	if parent.Valid {
		w.ParentID = &parent.Int64
	}
	if createdBy.Valid {
		w.CreatedBy = &createdBy.Int64
	}
	w.PartnerUnitIDs, w.ClauseIDs = []int64{}, []int64{}
	return &w, err
}

// findWorkItem loads one item with its partners and clause links.
func (db *DB) findWorkItem(ctx context.Context, q queryer, id int64) (*payesh.WorkItem, error) {
	w, err := scanWorkItem(q.QueryRowContext(ctx, `SELECT `+workColumns+` FROM work_items w WHERE w.id = $1`, id))
	if err != nil {
		return nil, notFoundIfNoRows(err, "work_item")
	}
	if err := db.loadRelations(ctx, q, []*payesh.WorkItem{w}); err != nil {
		return nil, err
	}
	return w, nil
}

// loadRelations fills partner units, clause links and pending change
// requests of items in one query (two when there is a pending request),
// however many items there are, and
// derives the flags that depend on today (payesh.WorkItem.Derive).
func (db *DB) loadRelations(ctx context.Context, q queryer, items []*payesh.WorkItem) error {
	if len(items) == 0 {
		return nil
	}
	byID := map[int64]*payesh.WorkItem{}
	ids := make([]any, len(items))
	today := db.today()
	for i, w := range items {
		byID[w.ID], ids[i] = w, w.ID
		w.Derive(today)
	}
	// Partners, clause links and pending change requests in one
	// statement: a list page is two round trips fewer. A pending request
	// is rare; its details are read only when there is one.
	list := inList(len(ids))
	in := &where{}
	in.add(`SELECT 0, work_item_id, unit_id FROM work_item_partners WHERE work_item_id IN `+list+`
		UNION ALL SELECT 1, work_item_id, clause_id FROM work_item_clauses WHERE work_item_id IN `+list+`
		UNION ALL SELECT 2, work_item_id, id FROM work_changes WHERE work_item_id IN `+list+` AND state = '`+string(payesh.ChangePending)+`'
		ORDER BY 1, 2, 3`, slices.Concat(ids, ids, ids)...)
	rows, err := q.QueryContext(ctx, in.conds[0], in.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var pending []any
	for rows.Next() {
		var kind int
		var item, ref int64
		if err := rows.Scan(&kind, &item, &ref); err != nil {
			return err
		}
		switch w := byID[item]; kind {
		case 0:
			w.PartnerUnitIDs = append(w.PartnerUnitIDs, ref)
		case 1:
			w.ClauseIDs = append(w.ClauseIDs, ref)
		default:
			pending = append(pending, ref)
		}
	}
	if err := rows.Err(); err != nil || len(pending) == 0 {
		return err
	}
	rows.Close()
	return loadPendingChanges(ctx, q, byID, pending)
}

// FindWorkItemByID returns one work item the user may read; one out of
// the user's scope is not found (payesh.ReadScope).
func (db *DB) FindWorkItemByID(ctx context.Context, id int64) (*payesh.WorkItem, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	w, err := db.findWorkItem(ctx, db.db, id)
	if err != nil {
		return nil, err
	}
	if !s.readsWork(w) {
		return nil, payesh.NotFound("work_item")
	}
	return w, nil
}

// CreateWorkItem adds a work item, links it and rolls its parent up, with
// the parent's work tree locked.
func (db *DB) CreateWorkItem(ctx context.Context, w *payesh.WorkItem) error {
	if _, err := requireUser(ctx); err != nil {
		return err
	}
	w.Progress = 0
	w.Normalize()
	if err := w.Validate(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error { return tx.createWorkItem(w) })
}

func (tx *Tx) createWorkItem(w *payesh.WorkItem) error {
	if w.ParentID != nil {
		if err := tx.lockWorkTrees(*w.ParentID); err != nil {
			return err
		}
	}
	if err := tx.checkWorkRefs(w); err != nil {
		return err
	}
	parentPath, err := tx.parentWorkPath(w.ParentID)
	if err != nil {
		return err
	}
	if w.ParentID != nil {
		if err := tx.inLockedTree(parentPath); err != nil {
			return err
		}
	}
	if w.Status == payesh.StatusDone {
		w.Progress, w.DoneDate = 100, tx.db.today()
	}
	if tx.actor.ID != 0 {
		w.CreatedBy = &tx.actor.ID
	}
	w.OriginalDueDate = w.DueDate
	err = tx.QueryRowContext(tx.ctx, `
		INSERT INTO work_items (kind, parent_id, code, title, description, owner_unit_id, start_date, due_date,
			done_date, status, weight, progress, path, depth, created_by, created_at, updated_at,
			original_due_date, late_from)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, '', 0, $13, $14, $14, $8, $15) RETURNING id`,
		w.Kind, w.ParentID, w.Code, w.Title, w.Description, w.OwnerUnitID, w.StartDate, w.DueDate,
		w.DoneDate, w.Status, w.Weight, w.Progress, w.CreatedBy, tx.now, w.LateFrom()).Scan(&w.ID)
	if err != nil {
		return err
	}
	w.Path, w.Version, w.CreatedAt, w.UpdatedAt = childPath(parentPath, w.ID), 1, tx.now, tx.now
	if _, err := tx.ExecContext(tx.ctx, `UPDATE work_items SET path = $1, depth = $2 WHERE id = $3`,
		w.Path, depthOf(w.Path), w.ID); err != nil {
		return err
	}
	if err := tx.setWorkRelations(w.ID, w.PartnerUnitIDs, w.ClauseIDs); err != nil {
		return err
	}
	if err := tx.reindex(payesh.SearchWork, w.ID); err != nil {
		return err
	}
	if err := tx.rollUp(w.ParentID); err != nil {
		return err
	}
	w.Derive(tx.db.today())
	if err := tx.tellAssigned(w); err != nil {
		return err
	}
	return tx.audit("work_item", w.ID, payesh.ActionCreate, nil, w)
}

// UpdateWorkItem changes an item's plan: title, owner, partners, dates,
// weight, parent, clause links. A move holds both work trees.
func (db *DB) UpdateWorkItem(ctx context.Context, id int64, up payesh.WorkItemUpdate) (*payesh.WorkItem, error) {
	if err := requireVersion(up.Version); err != nil {
		return nil, err
	}
	var after *payesh.WorkItem
	err := db.write(ctx, func(tx *Tx) (err error) {
		after, err = tx.updateWorkItem(id, up)
		return err
	})
	return after, err
}

func (tx *Tx) updateWorkItem(id int64, up payesh.WorkItemUpdate) (*payesh.WorkItem, error) {
	trees := []int64{id}
	if up.ParentID != nil && *up.ParentID > 0 {
		trees = append(trees, *up.ParentID)
	}
	if err := tx.lockWorkTrees(trees...); err != nil {
		return nil, err
	}
	before, err := tx.db.findWorkItem(tx.ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := tx.inLockedTree(before.Path); err != nil {
		return nil, err
	}
	if err := tx.requireReadWork(before); err != nil {
		return nil, err
	}
	if err := tx.requireEditWork(before.OwnerUnitID); err != nil {
		return nil, err
	}
	// A stale version is a conflict before anything is judged against the
	// item as it now is: a reporter's stale form would otherwise be told
	// to give a reason for "moving" a due date someone else moved.
	if before.Version != up.Version {
		return nil, payesh.Conflict(before)
	}
	var change *payesh.WorkChange
	if !tx.actor.CanConfigure() {
		if change, err = up.PlanChange(before); err != nil {
			return nil, err
		}
	}
	w := *before
	up.Apply(&w)
	w.Normalize()
	if err := w.Validate(); err != nil {
		return nil, err
	}
	if err := tx.checkWorkRefs(&w); err != nil {
		return nil, err
	}
	replan(before, &w)
	parentPath, err := tx.parentPathFor(before, w.ParentID)
	if err != nil {
		return nil, err
	}
	if parentPath != "" {
		if err := tx.inLockedTree(parentPath); err != nil {
			return nil, err
		}
	}
	if isUnder(parentPath, before.Path) {
		return nil, payesh.Invalid(map[string]string{"parent_id": "err.parent_cycle"})
	}
	w.Path, w.UpdatedAt = childPath(parentPath, id), tx.now
	res, err := tx.ExecContext(tx.ctx, `
		UPDATE work_items SET kind = $1, parent_id = $2, code = $3, title = $4, description = $5,
			owner_unit_id = $6, start_date = $7, due_date = $8, weight = $9, path = $10, depth = $11,
			updated_at = $12, version = version + 1, original_due_date = $15, replans = $16, late_from = $17
		WHERE id = $13 AND version = $14`,
		w.Kind, w.ParentID, w.Code, w.Title, w.Description, w.OwnerUnitID, w.StartDate, w.DueDate,
		w.Weight, w.Path, depthOf(w.Path), tx.now, id, up.Version, w.OriginalDueDate, w.Replans, w.LateFrom())
	if err != nil {
		return nil, err
	}
	if err := checkVersion(res, func() (any, error) { return tx.db.findWorkItem(tx.ctx, tx, id) }); err != nil {
		return nil, err
	}
	if err := tx.movePaths("work_items", before.Path, w.Path); err != nil {
		return nil, err
	}
	if err := tx.setWorkRelations(id, w.PartnerUnitIDs, w.ClauseIDs); err != nil {
		return nil, err
	}
	if err := tx.reindex(payesh.SearchWork, id); err != nil {
		return nil, err
	}
	if err := tx.rollUpBoth(before.ParentID, w.ParentID); err != nil {
		return nil, err
	}
	if change != nil {
		if err := tx.requestChange(change); err != nil {
			return nil, err
		}
	}
	after, err := tx.db.findWorkItem(tx.ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if after.OwnerUnitID != before.OwnerUnitID {
		if err := tx.tellAssigned(after); err != nil {
			return nil, err
		}
	}
	return after, tx.audit("work_item", id, payesh.ActionUpdate, before, after)
}

// replan keeps the baseline's bookkeeping when w's due date changes from
// before's: a first due date is the original one; changing a set one is a
// re-planning, counted.
func replan(before, w *payesh.WorkItem) {
	switch {
	case w.DueDate.Equal(before.DueDate):
	case before.DueDate.IsZero() && w.OriginalDueDate.IsZero():
		w.OriginalDueDate = w.DueDate
	case !before.DueDate.IsZero():
		w.Replans++
	}
}

// DeleteWorkItem removes an item without children; its history goes with
// it, and the audit trail keeps the item as it was. Holding the tree, the
// check for children cannot miss one added meanwhile.
func (db *DB) DeleteWorkItem(ctx context.Context, id int64, version int) error {
	if err := requireVersion(version); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		before, err := tx.lockedWorkItem(id)
		if err != nil {
			return err
		}
		if err := tx.requireReadWork(before); err != nil {
			return err
		}
		if err := tx.requireEditWork(before.OwnerUnitID); err != nil {
			return err
		}
		if err := tx.deleteRow("work_item", "work_items", id, before, before.Version, version, childrenOf("work_items")); err != nil {
			return err
		}
		if err := tx.reindex(payesh.SearchWork, id); err != nil {
			return err
		}
		return tx.rollUp(before.ParentID)
	})
}

// checkWorkRefs checks that the owner, partners and clauses exist and that
// the actor may give work to the owner. Unknown ids are field errors.
func (tx *Tx) checkWorkRefs(w *payesh.WorkItem) error {
	if _, err := tx.unitPath(w.OwnerUnitID); payesh.ErrorCode(err) == payesh.ENOTFOUND {
		return payesh.Invalid(map[string]string{"owner_unit_id": "err.unknown_ref"})
	} else if err != nil {
		return err
	}
	if err := tx.requireEditWork(w.OwnerUnitID); err != nil {
		return err
	}
	if err := tx.allExist("org_units", w.PartnerUnitIDs, "partner_unit_ids"); err != nil {
		return err
	}
	return tx.allExist("clauses", w.ClauseIDs, "clause_ids")
}

func (tx *Tx) allExist(table string, ids []int64, field string) error {
	// In chunks: SQLite finds each "$n" by a linear search, so one IN
	// list of thousands of ids costs far more than a few of hundreds.
	found := 0
	for chunk := range slices.Chunk(ids, 500) {
		w := &where{}
		w.add("id IN "+inList(len(chunk)), anySlice(chunk)...)
		var n int
		if err := tx.QueryRowContext(tx.ctx, "SELECT COUNT(*) FROM "+table+w.String(), w.args...).Scan(&n); err != nil {
			return err
		}
		found += n
	}
	if found != len(ids) {
		return payesh.Invalid(map[string]string{field: "err.unknown_ref"})
	}
	return nil
}

// parentWorkPath returns the parent's path and checks the actor may change
// the parent's structure: adding a child changes the parent's progress.
func (tx *Tx) parentWorkPath(parentID *int64) (string, error) {
	if parentID == nil {
		return "", nil
	}
	unknown := payesh.Invalid(map[string]string{"parent_id": "err.unknown_ref"})
	var path string
	var owner int64
	err := tx.QueryRowContext(tx.ctx, `SELECT path, owner_unit_id FROM work_items WHERE id = $1`, *parentID).Scan(&path, &owner)
	if err == sql.ErrNoRows {
		return "", unknown
	} else if err != nil {
		return "", err
	}
	if !tx.scope.Everything() {
		// A parent the actor may not read is one it does not know of.
		parent, err := tx.db.findWorkItem(tx.ctx, tx, *parentID)
		if err != nil {
			return "", err
		}
		if !tx.scope.readsWork(parent) {
			return "", unknown
		}
	}
	return path, tx.requireEditWork(owner)
}

// parentPathFor returns the path of the parent an update gives an item. An
// unchanged parent needs no rights on it: a reporter edits its own action
// under the secretariat's program without rights on the program.
func (tx *Tx) parentPathFor(before *payesh.WorkItem, parentID *int64) (string, error) {
	if parentID != nil && before.ParentID != nil && *parentID == *before.ParentID {
		return before.Path[:len(before.Path)-len(strconv.FormatInt(before.ID, 10))-1], nil
	}
	return tx.parentWorkPath(parentID)
}

// setWorkRelations replaces an item's partners and clause links.
func (tx *Tx) setWorkRelations(id int64, partners, clauses []int64) error {
	for _, q := range []string{`DELETE FROM work_item_partners WHERE work_item_id = $1`, `DELETE FROM work_item_clauses WHERE work_item_id = $1`} {
		if _, err := tx.ExecContext(tx.ctx, q, id); err != nil {
			return err
		}
	}
	for _, p := range partners {
		if _, err := tx.ExecContext(tx.ctx, `INSERT INTO work_item_partners (work_item_id, unit_id) VALUES ($1, $2)`, id, p); err != nil {
			return err
		}
	}
	for _, c := range clauses {
		if _, err := tx.ExecContext(tx.ctx, `INSERT INTO work_item_clauses (work_item_id, clause_id) VALUES ($1, $2)`, id, c); err != nil {
			return err
		}
	}
	return nil
}
