package store

import (
	"context"
	"database/sql"

	"payesh"
)

// A work item's due date and weight are the secretariat's baseline: a
// reporter's change of them becomes a work_changes row (updateWorkItem),
// which the secretariat approves — applying it to the item — or rejects.
// Every write of a request holds the item's work tree lock, as every write
// of the item does, so a request is decided against the item as it is.

const changeColumns = `c.id, c.work_item_id, c.state, c.change_due, c.due_date, c.old_due_date, c.weight, c.old_weight,
	c.reason, c.requested_by, c.requester_name, c.requested_at, c.decided_by, c.decider_name, c.decided_at,
	c.decision_note, c.version, w.title, w.owner_unit_id`

const changeFrom = ` FROM work_changes c JOIN work_items w ON w.id = c.work_item_id`

func scanChange(r interface{ Scan(...any) error }) (*payesh.WorkChange, error) {
	var c payesh.WorkChange
	var changeDue int
	var weight sql.NullFloat64
	var requester, decider sql.NullInt64
	var decided sql.NullTime
	err := r.Scan(&c.ID, &c.WorkItemID, &c.State, &changeDue, &c.DueDate, &c.OldDueDate, &weight, &c.OldWeight,
		&c.Reason, &requester, &c.RequesterName, &c.RequestedAt, &decider, &c.DeciderName, &decided,
		&c.DecisionNote, &c.Version, &c.WorkTitle, &c.OwnerUnitID)
	c.ChangeDue = changeDue != 0
	if weight.Valid {
		c.Weight = &weight.Float64
	}
	if requester.Valid {
		c.RequestedBy = &requester.Int64
	}
	if decider.Valid {
		c.DecidedBy = &decider.Int64
	}
	if decided.Valid {
		c.DecidedAt = &decided.Time
	}
	return &c, err
}

func findChange(ctx context.Context, q queryer, id int64) (*payesh.WorkChange, error) {
	c, err := scanChange(q.QueryRowContext(ctx, `SELECT `+changeColumns+changeFrom+` WHERE c.id = $1`, id))
	if err != nil {
		return nil, notFoundIfNoRows(err, "work_change")
	}
	return c, nil
}

// loadPendingChanges sets PendingChange on the items of byID from the
// pending change requests with the given ids.
func loadPendingChanges(ctx context.Context, q queryer, byID map[int64]*payesh.WorkItem, ids []any) error {
	in := &where{}
	in.add("c.id IN "+inList(len(ids)), ids...)
	rows, err := q.QueryContext(ctx, `SELECT `+changeColumns+changeFrom+in.String(), in.args...)
	if err != nil {
		return err
	}
	changes, err := scanAll(rows, func(r *sql.Rows) (*payesh.WorkChange, error) { return scanChange(r) })
	for _, c := range changes {
		byID[c.WorkItemID].PendingChange = c
	}
	return err
}

// requestChange records c as its item's pending request, superseding the
// one it had, and puts it in the item's history. The caller holds the
// item's work tree.
func (tx *Tx) requestChange(c *payesh.WorkChange) error {
	if _, err := tx.ExecContext(tx.ctx, `UPDATE work_changes SET state = $1, version = version + 1
		WHERE work_item_id = $2 AND state = $3`, payesh.ChangeSuperseded, c.WorkItemID, payesh.ChangePending); err != nil {
		return err
	}
	c.RequesterName, c.RequestedAt, c.Version = tx.actor.Name, tx.now, 1
	if tx.actor.ID != 0 {
		c.RequestedBy = &tx.actor.ID
	}
	changeDue := 0
	if c.ChangeDue {
		changeDue = 1
	}
	err := tx.QueryRowContext(tx.ctx, `INSERT INTO work_changes (work_item_id, state, change_due, due_date, old_due_date,
			weight, old_weight, reason, requested_by, requester_name, requested_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		c.WorkItemID, c.State, changeDue, c.DueDate, c.OldDueDate, c.Weight, c.OldWeight, c.Reason,
		c.RequestedBy, c.RequesterName, tx.now).Scan(&c.ID)
	if err != nil {
		return err
	}
	return tx.audit("work_item", c.WorkItemID, payesh.ActionRequestChange, nil, c)
}

// FindWorkChanges lists requests, newest first: one item's for whoever
// may read it (the item's page shows them), everyone's for the
// secretariat.
func (db *DB) FindWorkChanges(ctx context.Context, f payesh.WorkChangeFilter) ([]*payesh.WorkChange, int, error) {
	check := requireConfigure
	if f.WorkItemID != 0 {
		// One item's requests go to whoever reads the item.
		check = func(ctx context.Context) error { _, err := db.FindWorkItemByID(ctx, f.WorkItemID); return err }
	}
	if err := check(ctx); err != nil {
		return nil, 0, err
	}
	if f.State != "" && !f.State.Valid() {
		return nil, 0, payesh.Invalid(map[string]string{"state": "err.bad_query"})
	}
	w := &where{}
	if f.WorkItemID != 0 {
		w.add("c.work_item_id = ?", f.WorkItemID)
	}
	if f.State != "" {
		w.add("c.state = ?", f.State)
	}
	total, err := db.count(ctx, "work_changes c", w)
	if err != nil {
		return nil, 0, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+changeColumns+changeFrom+w.String()+` ORDER BY c.id DESC`+pageSQL(f.Page), w.args...)
	if err != nil {
		return nil, 0, err
	}
	list, err := scanAll(rows, func(r *sql.Rows) (*payesh.WorkChange, error) { return scanChange(r) })
	return list, total, err
}

// ApproveWorkChange applies a pending request to its item, against the
// request's version the secretariat saw, re-plans the item and rolls the
// new weight and due date up, in one transaction.
func (db *DB) ApproveWorkChange(ctx context.Context, id int64, d payesh.WorkChangeDecision) (*payesh.WorkChange, *payesh.WorkItem, error) {
	var c *payesh.WorkChange
	var after *payesh.WorkItem
	err := db.decideChange(ctx, id, d, false, func(tx *Tx, pending *payesh.WorkChange, before *payesh.WorkItem) (err error) {
		if c, err = tx.closeChange(pending, payesh.ChangeApproved, d.Reason); err != nil {
			return err
		}
		if after, err = tx.applyChange(c, before); err != nil {
			return err
		}
		return tx.audit("work_item", before.ID, payesh.ActionApproveChange, before, after)
	})
	return c, after, err
}

// RejectWorkChange refuses a pending request with a reason, records it
// in the item's history and tells the requester, in one transaction.
func (db *DB) RejectWorkChange(ctx context.Context, id int64, d payesh.WorkChangeDecision) (*payesh.WorkChange, error) {
	var c *payesh.WorkChange
	err := db.decideChange(ctx, id, d, true, func(tx *Tx, pending *payesh.WorkChange, item *payesh.WorkItem) (err error) {
		if c, err = tx.closeChange(pending, payesh.ChangeRejected, d.Reason); err != nil {
			return err
		}
		if err := tx.notifyRejected(c, item); err != nil {
			return err
		}
		return tx.audit("work_item", item.ID, payesh.ActionRejectChange, pending, c)
	})
	return c, err
}

// decideChange checks a decision and runs decide in a write transaction
// that holds the item's work tree, with the request read under the lock
// and found still pending at the version the decider saw.
func (db *DB) decideChange(ctx context.Context, id int64, d payesh.WorkChangeDecision, reject bool,
	decide func(tx *Tx, pending *payesh.WorkChange, item *payesh.WorkItem) error) error {
	if err := requireConfigure(ctx); err != nil {
		return err
	}
	if err := requireVersion(d.Version); err != nil {
		return err
	}
	if err := d.Validate(reject); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		var itemID int64
		err := tx.QueryRowContext(ctx, `SELECT work_item_id FROM work_changes WHERE id = $1`, id).Scan(&itemID)
		if err != nil {
			return notFoundIfNoRows(err, "work_change")
		}
		item, err := tx.lockedWorkItem(itemID)
		if err != nil {
			return err
		}
		pending, err := findChange(ctx, tx, id)
		if err != nil {
			return err
		}
		if pending.State != payesh.ChangePending || pending.Version != d.Version {
			return payesh.Conflict(pending)
		}
		return decide(tx, pending, item)
	})
}

// applyChange gives the item the requested due date and weight, checked
// as any edit of them is, and rolls them up.
func (tx *Tx) applyChange(c *payesh.WorkChange, before *payesh.WorkItem) (*payesh.WorkItem, error) {
	w := *before
	c.Apply(&w)
	if err := w.Validate(); err != nil {
		return nil, err
	}
	replan(before, &w)
	res, err := tx.ExecContext(tx.ctx, `UPDATE work_items SET due_date = $1, weight = $2, original_due_date = $3,
			replans = $4, late_from = $5, updated_at = $6, version = version + 1
		WHERE id = $7 AND version = $8`,
		w.DueDate, w.Weight, w.OriginalDueDate, w.Replans, w.LateFrom(), tx.now, w.ID, before.Version)
	if err != nil {
		return nil, err
	}
	if err := checkVersion(res, func() (any, error) { return tx.db.findWorkItem(tx.ctx, tx, w.ID) }); err != nil {
		return nil, err
	}
	if err := tx.rollUp(w.ParentID); err != nil {
		return nil, err
	}
	return tx.db.findWorkItem(tx.ctx, tx, w.ID)
}

// closeChange records the decision on a pending request.
func (tx *Tx) closeChange(c *payesh.WorkChange, state payesh.WorkChangeState, note string) (*payesh.WorkChange, error) {
	var decider *int64
	if tx.actor.ID != 0 {
		decider = &tx.actor.ID
	}
	res, err := tx.ExecContext(tx.ctx, `UPDATE work_changes SET state = $1, decided_by = $2, decider_name = $3,
			decided_at = $4, decision_note = $5, version = version + 1
		WHERE id = $6 AND state = $7 AND version = $8`,
		state, decider, tx.actor.Name, tx.now, note, c.ID, payesh.ChangePending, c.Version)
	if err != nil {
		return nil, err
	}
	if err := checkVersion(res, func() (any, error) { return findChange(tx.ctx, tx, c.ID) }); err != nil {
		return nil, err
	}
	return findChange(tx.ctx, tx, c.ID)
}

// notifyRejected tells the requester, if still an active user, that the
// request was refused and why. Like every notification but reminders, a
// user hears of one item at most once a day (notifications_once).
func (tx *Tx) notifyRejected(c *payesh.WorkChange, item *payesh.WorkItem) error {
	if c.RequestedBy == nil {
		return nil
	}
	var active int
	err := tx.QueryRowContext(tx.ctx, `SELECT COUNT(*) FROM users WHERE id = $1 AND active = 1`, *c.RequestedBy).Scan(&active)
	if err != nil || active == 0 {
		return err
	}
	n := &payesh.Notification{UserID: *c.RequestedBy, Kind: payesh.NoteChangeRejected, Entity: payesh.EntityWorkItem,
		EntityID: item.ID, Message: "ui.note.work_change_rejected", Day: payesh.Today(tx.now),
		Args: map[string]string{"title": item.Title, "code": item.Code, "reason": c.DecisionNote, "by": tx.actor.Name}}
	_, err = tx.insertNotification(n)
	return err
}
