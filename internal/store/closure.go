package store

import (
	"context"
	"database/sql"

	"payesh"
)

// Closing a resolution: its owner (whoever may report on it) asks with
// evidence; the secretariat accepts, which posts "done" to its history,
// or rejects with a reason, which the owner is told in the same
// transaction. Every step holds the item's work tree, and a decision is
// taken against the request's version the decider saw, so of two
// acceptances sent at once one wins and the other is a conflict.

const closureColumns = `c.id, c.work_item_id, c.state, c.evidence_ref, c.file_id, COALESCE(f.name, ''), c.note,
	c.requested_by, c.requester_name, c.requested_at, c.decided_by, c.decider_name, c.decided_at, c.reason, c.version`

const closureFrom = ` FROM resolution_closures c LEFT JOIN meeting_files f ON f.id = c.file_id`

func scanClosure(r interface{ Scan(...any) error }) (*payesh.Closure, error) {
	var c payesh.Closure
	var file, by, decider sql.NullInt64
	var decided sql.NullTime
	err := r.Scan(&c.ID, &c.WorkItemID, &c.State, &c.EvidenceRef, &file, &c.FileName, &c.Note,
		&by, &c.RequesterName, &c.RequestedAt, &decider, &c.DeciderName, &decided, &c.Reason, &c.Version)
	if file.Valid {
		c.FileID = &file.Int64
	}
	if by.Valid {
		c.RequestedBy = &by.Int64
	}
	if decider.Valid {
		c.DecidedBy = &decider.Int64
	}
	if decided.Valid {
		c.DecidedAt = &decided.Time
	}
	return &c, err
}

func findClosure(ctx context.Context, q queryer, id int64) (*payesh.Closure, error) {
	c, err := scanClosure(q.QueryRowContext(ctx, `SELECT `+closureColumns+closureFrom+` WHERE c.id = $1`, id))
	return c, notFoundIfNoRows(err, "closure")
}

// closingKey marks the context of an accepted closure's own "done".
type closingKey struct{}

// guardResolution keeps a meeting's resolution from being closed by a
// plain progress update: status done is refused, and progress 100, which
// would close a leaf, leaves it open until the secretariat accepts.
func (tx *Tx) guardResolution(before, w *payesh.WorkItem, in payesh.ProgressUpdateInput) error {
	if before.Kind != payesh.KindResolution || w.Status != payesh.StatusDone || before.Status == payesh.StatusDone ||
		tx.ctx.Value(closingKey{}) != nil {
		return nil
	}
	var meeting sql.NullInt64
	if err := tx.QueryRowContext(tx.ctx, `SELECT meeting_id FROM work_items WHERE id = $1`, before.ID).Scan(&meeting); err != nil || !meeting.Valid {
		return err
	}
	if in.Status == payesh.StatusDone {
		return payesh.Invalid(map[string]string{"status": "err.resolution.close_by_request"})
	}
	w.Status, w.DoneDate = payesh.StatusInProgress, payesh.Date{}
	return nil
}

// RequestClosure asks to close a resolution, with evidence: a reference
// (a link, a letter number) or a file, or both.
func (db *DB) RequestClosure(ctx context.Context, workItemID int64, in payesh.ClosureInput, file *payesh.Upload) (*payesh.Closure, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	if err := requireVersion(in.Version); err != nil {
		return nil, err
	}
	if err := in.Validate(file != nil); err != nil {
		return nil, err
	}
	if _, err := db.FindWorkItemByID(ctx, workItemID); err != nil {
		return nil, err // before reading a file
	}
	var name, sniffed string
	var data []byte
	if file != nil {
		var err error
		if name, data, sniffed, err = readUpload(*file); err != nil {
			return nil, err
		}
	}
	var c *payesh.Closure
	err := db.write(ctx, func(tx *Tx) error {
		item, err := tx.lockedWorkItem(workItemID)
		if err != nil {
			return err
		}
		if err := tx.requireReadWork(item); err != nil {
			return err
		}
		if err := tx.requireReportWork(item); err != nil {
			return err
		}
		var meeting sql.NullInt64
		if err := tx.QueryRowContext(tx.ctx, `SELECT meeting_id FROM work_items WHERE id = $1`, workItemID).Scan(&meeting); err != nil {
			return err
		}
		switch {
		case item.Kind != payesh.KindResolution || !meeting.Valid:
			return payesh.Invalid(map[string]string{"work_item_id": "err.resolution.not_resolution"})
		case item.Status.Closed():
			return payesh.Errorf(payesh.ECONFLICT, "err.resolution.closed")
		case item.Version != in.Version:
			return payesh.Conflict(item)
		}
		var pending int
		if err := tx.QueryRowContext(tx.ctx, `SELECT COUNT(*) FROM resolution_closures WHERE work_item_id = $1 AND state = $2`,
			workItemID, payesh.ClosurePending).Scan(&pending); err != nil {
			return err
		}
		if pending > 0 {
			return payesh.Errorf(payesh.ECONFLICT, "err.resolution.pending")
		}
		var fileID *int64
		if data != nil {
			f, err := tx.insertMeetingFile(meeting.Int64, payesh.FileEvidence, name, data, sniffed)
			if err != nil {
				return err
			}
			fileID = &f.ID
		}
		var by *int64
		if tx.actor.ID != 0 {
			by = &tx.actor.ID
		}
		var id int64
		if err := tx.QueryRowContext(tx.ctx, `INSERT INTO resolution_closures (work_item_id, state, evidence_ref, file_id, note,
				requested_by, requester_name, requested_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			workItemID, payesh.ClosurePending, in.EvidenceRef, fileID, in.Note, by, tx.actor.Name, tx.now).Scan(&id); err != nil {
			return err
		}
		if c, err = findClosure(tx.ctx, tx, id); err != nil {
			return err
		}
		return tx.audit("work_item", workItemID, payesh.ActionRequestClosure, nil, c)
	})
	return c, err
}

// AcceptClosure closes the resolution: the request is accepted and the
// item's history gets "done", rolled up as any update is.
func (db *DB) AcceptClosure(ctx context.Context, id int64, d payesh.WorkChangeDecision) (*payesh.Closure, *payesh.WorkItem, error) {
	var c *payesh.Closure
	var after *payesh.WorkItem
	err := db.decideClosure(ctx, id, d, false, func(tx *Tx, pending *payesh.Closure, item *payesh.WorkItem) (err error) {
		if c, err = tx.closeClosure(pending, payesh.ClosureAccepted, d.Reason); err != nil {
			return err
		}
		note := pending.Note
		if note == "" {
			note = pending.EvidenceRef
		}
		if note == "" {
			note = pending.FileName
		}
		closing := *tx
		closing.ctx = context.WithValue(tx.ctx, closingKey{}, id)
		if _, after, err = closing.postProgress(item.ID, payesh.ProgressUpdateInput{Status: payesh.StatusDone, Note: note, Version: item.Version}); err != nil {
			return err
		}
		return tx.audit("work_item", item.ID, payesh.ActionAcceptClosure, pending, c)
	})
	return c, after, err
}

// RejectClosure sends the resolution back to its owner with a reason:
// the requester and the owner unit's people who act are told.
func (db *DB) RejectClosure(ctx context.Context, id int64, d payesh.WorkChangeDecision) (*payesh.Closure, error) {
	var c *payesh.Closure
	err := db.decideClosure(ctx, id, d, true, func(tx *Tx, pending *payesh.Closure, item *payesh.WorkItem) (err error) {
		if c, err = tx.closeClosure(pending, payesh.ClosureRejected, d.Reason); err != nil {
			return err
		}
		if err := tx.notifyClosureRejected(c, item); err != nil {
			return err
		}
		return tx.audit("work_item", item.ID, payesh.ActionRejectClosure, pending, c)
	})
	return c, err
}

// decideClosure runs decide with the item's tree held and the request
// read under the lock, still pending at the version the decider saw.
func (db *DB) decideClosure(ctx context.Context, id int64, d payesh.WorkChangeDecision, reject bool,
	decide func(tx *Tx, pending *payesh.Closure, item *payesh.WorkItem) error) error {
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
		if err := tx.QueryRowContext(ctx, `SELECT work_item_id FROM resolution_closures WHERE id = $1`, id).Scan(&itemID); err != nil {
			return notFoundIfNoRows(err, "closure")
		}
		item, err := tx.lockedWorkItem(itemID)
		if err != nil {
			return err
		}
		pending, err := findClosure(ctx, tx, id)
		if err != nil {
			return err
		}
		if pending.State != payesh.ClosurePending || pending.Version != d.Version {
			return payesh.Conflict(pending)
		}
		return decide(tx, pending, item)
	})
}

// closeClosure records a decision, checking the version again in the
// UPDATE itself: under READ COMMITTED the row is re-read when another
// transaction changed it, and then matches nothing.
func (tx *Tx) closeClosure(c *payesh.Closure, state payesh.ClosureState, reason string) (*payesh.Closure, error) {
	var by *int64
	if tx.actor.ID != 0 {
		by = &tx.actor.ID
	}
	res, err := tx.ExecContext(tx.ctx, `UPDATE resolution_closures SET state = $1, decided_by = $2, decider_name = $3,
			decided_at = $4, reason = $5, version = version + 1
		WHERE id = $6 AND state = $7 AND version = $8`,
		state, by, tx.actor.Name, tx.now, reason, c.ID, payesh.ClosurePending, c.Version)
	if err != nil {
		return nil, err
	}
	if err := checkVersion(res, func() (any, error) { return findClosure(tx.ctx, tx, c.ID) }); err != nil {
		return nil, err
	}
	return findClosure(tx.ctx, tx, c.ID)
}

// notifyClosureRejected tells the requester and the owner unit's active
// users who act (not viewers) that the closure was refused, and why.
func (tx *Tx) notifyClosureRejected(c *payesh.Closure, item *payesh.WorkItem) error {
	users, err := idList(tx.ctx, tx, `SELECT id FROM users WHERE unit_id = $1 AND active = 1 AND role <> 'viewer' ORDER BY id`, item.OwnerUnitID)
	if err != nil {
		return err
	}
	if c.RequestedBy != nil {
		var active int
		if err := tx.QueryRowContext(tx.ctx, `SELECT COUNT(*) FROM users WHERE id = $1 AND active = 1`, *c.RequestedBy).Scan(&active); err != nil {
			return err
		}
		if active > 0 {
			users = append(users, *c.RequestedBy)
		}
	}
	seen := map[int64]bool{}
	for _, u := range users {
		if seen[u] {
			continue
		}
		seen[u] = true
		n := &payesh.Notification{UserID: u, Kind: payesh.NoteClosureRejected, Entity: payesh.EntityWorkItem,
			EntityID: item.ID, Message: "ui.note.closure_rejected", Day: payesh.Today(tx.now),
			Args: map[string]string{"title": item.Title, "code": item.Code, "reason": c.Reason, "by": tx.actor.Name}}
		if _, err := tx.insertNotification(n); err != nil {
			return err
		}
	}
	return nil
}

// FindClosures lists a resolution's closure requests, newest first, for
// whoever reads it.
func (db *DB) FindClosures(ctx context.Context, workItemID int64) ([]*payesh.Closure, error) {
	if _, err := db.FindWorkItemByID(ctx, workItemID); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+closureColumns+closureFrom+` WHERE c.work_item_id = $1 ORDER BY c.id DESC`, workItemID)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (*payesh.Closure, error) { return scanClosure(r) })
}
