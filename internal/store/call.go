package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"payesh"
	"payesh/internal/jalali"
)

// Calls for papers (payesh.CallService), 021_calls.sql. A call is read by
// whoever reads its owner unit's work and run by whoever may change it.
//
// The milestone's progress is derived: accepted papers over planned ones.
// Every write that can change it — a decision, a new planned count or
// milestone — first locks the call's row, then the milestone's work tree
// (lock.go's order: the call is not an aggregate any other writer locks
// after a work tree), and counts the accepted papers only then. Under
// READ COMMITTED the count is a fresh statement after the lock was
// granted, so it sees every decision committed before, and the next
// decider's count will see this one: the last writer's number is the
// true one whatever the interleaving (TestConcurrentDecisions).

var _ payesh.CallService = (*DB)(nil)

const callColumns = `c.id, c.title, c.description, c.owner_unit_id, c.deadline, c.planned_papers, c.milestone_id,
	c.version, c.created_at, c.updated_at`

func scanCall(r interface{ Scan(...any) error }) (*payesh.Call, error) {
	var c payesh.Call
	var milestone sql.NullInt64
	err := r.Scan(&c.ID, &c.Title, &c.Description, &c.OwnerUnitID, &c.Deadline, &c.PlannedPapers, &milestone,
		&c.Version, &c.CreatedAt, &c.UpdatedAt)
	if milestone.Valid {
		c.MilestoneID = &milestone.Int64
	}
	c.Axes = []payesh.CallAxis{}
	return &c, err
}

// readsCall applies the call's read rule: the reader reads its owner
// unit's work.
func readsCall(s scope, c *payesh.Call) bool {
	switch {
	case s.Everything():
		return true
	case s.Nothing() || s.ix == nil:
		return false
	}
	return s.ReadsWork(s.unitPath(c.OwnerUnitID), s.ix.national[c.OwnerUnitID], nil)
}

// loadCall reads a call with its axes and tally, without a scope check.
func loadCall(ctx context.Context, q queryer, id int64) (*payesh.Call, error) {
	c, err := scanCall(q.QueryRowContext(ctx, `SELECT `+callColumns+` FROM calls c WHERE c.id = $1`, id))
	if err != nil {
		return nil, notFoundIfNoRows(err, "call")
	}
	rows, err := q.QueryContext(ctx, `SELECT number, title FROM call_axes WHERE call_id = $1 ORDER BY number`, id)
	if err != nil {
		return nil, err
	}
	if c.Axes, err = scanAll(rows, func(r *sql.Rows) (a payesh.CallAxis, err error) {
		return a, r.Scan(&a.Number, &a.Title)
	}); err != nil {
		return nil, err
	}
	tallies, err := callTallies(ctx, q, []int64{id})
	c.Tally = tallies[id]
	return c, err
}

// callTallies counts the calls' submissions by decision.
func callTallies(ctx context.Context, q queryer, ids []int64) (map[int64]payesh.CallTally, error) {
	out := map[int64]payesh.CallTally{}
	if len(ids) == 0 {
		return out, nil
	}
	w := &where{}
	w.add("call_id IN "+inList(len(ids)), anySlice(ids)...)
	rows, err := q.QueryContext(ctx, `SELECT call_id, decision, COUNT(*) FROM call_submissions`+w.String()+
		` GROUP BY call_id, decision`, w.args...)
	if err != nil {
		return nil, err
	}
	_, err = scanAll(rows, func(r *sql.Rows) (struct{}, error) {
		var id int64
		var decision payesh.Verdict
		var n int
		if err := r.Scan(&id, &decision, &n); err != nil {
			return struct{}{}, err
		}
		t := out[id]
		t.Submissions += n
		switch decision {
		case payesh.VerdictAccept:
			t.Accepted += n
		case payesh.VerdictRevise:
			t.Revise += n
		case payesh.VerdictReject:
			t.Rejected += n
		default:
			t.Undecided += n
		}
		out[id] = t
		return struct{}{}, nil
	})
	return out, err
}

// lockCall takes the call's row lock (PostgreSQL; SQLite's one writer
// needs none). key is for writes that change the row's keys (its
// milestone); the others take FOR NO KEY UPDATE, which leaves inserting
// a submission — whose foreign key shares the row — free to go on.
func (tx *Tx) lockCall(id int64, key bool) (*payesh.Call, error) {
	lock := ""
	if tx.db.engine == Postgres {
		lock = " FOR NO KEY UPDATE"
		if key {
			lock = " FOR UPDATE"
		}
	}
	var n int
	if err := tx.QueryRowContext(tx.ctx, `SELECT 1 FROM calls WHERE id = $1`+lock, id).Scan(&n); err != nil {
		return nil, notFoundIfNoRows(err, "call")
	}
	c, err := loadCall(tx.ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if !readsCall(tx.scope, c) {
		return nil, payesh.NotFound("call")
	}
	return c, nil
}

// CreateCall records a call with its axes.
func (db *DB) CreateCall(ctx context.Context, c *payesh.Call) error {
	if _, err := requireUser(ctx); err != nil {
		return err
	}
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.allExist("org_units", []int64{c.OwnerUnitID}, "owner_unit_id"); err != nil {
			return err
		}
		if err := tx.requireEditWork(c.OwnerUnitID); err != nil {
			return err
		}
		if err := tx.checkMilestone(c.MilestoneID, 0); err != nil {
			return err
		}
		var by *int64
		if tx.actor.ID != 0 {
			by = &tx.actor.ID
		}
		if err := tx.QueryRowContext(tx.ctx, `INSERT INTO calls (title, description, owner_unit_id, deadline, planned_papers,
				milestone_id, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
			c.Title, c.Description, c.OwnerUnitID, c.Deadline, c.PlannedPapers, c.MilestoneID, by, tx.now).Scan(&c.ID); err != nil {
			return err
		}
		if err := tx.setAxes(c.ID, c.Axes); err != nil {
			return err
		}
		if err := tx.syncMilestone(c.ID); err != nil {
			return err
		}
		after, err := loadCall(tx.ctx, tx, c.ID)
		if err != nil {
			return err
		}
		*c = *after
		return tx.audit("call", c.ID, payesh.ActionCreate, nil, c)
	})
}

func (tx *Tx) setAxes(id int64, axes []payesh.CallAxis) error {
	if _, err := tx.ExecContext(tx.ctx, `DELETE FROM call_axes WHERE call_id = $1`, id); err != nil {
		return err
	}
	return tx.insertMany(`INSERT INTO call_axes (call_id, number, title) VALUES `, "", 3, len(axes),
		func(i int) []any { return []any{id, axes[i].Number, axes[i].Title} })
}

// checkMilestone checks the work item a call feeds: one the actor reads
// and reports on, a milestone or a program without children (a parent's
// progress is its children's), fed by no other call.
func (tx *Tx) checkMilestone(id *int64, callID int64) error {
	if id == nil {
		return nil
	}
	bad := func(key string) error { return payesh.Invalid(map[string]string{"milestone_id": key}) }
	w, err := tx.lockedWorkItem(*id)
	if payesh.ErrorCode(err) == payesh.ENOTFOUND {
		return bad("err.unknown_ref")
	} else if err != nil {
		return err
	}
	if !tx.scope.readsWork(w) {
		return bad("err.unknown_ref")
	}
	switch {
	case w.Kind != payesh.KindMilestone && w.Kind != payesh.KindProgram:
		return bad("err.call.milestone_kind")
	case w.ChildCount > 0:
		return bad("err.call.milestone_parent")
	}
	if err := tx.requireReportWork(w); err != nil {
		return err
	}
	var other int
	if err := tx.QueryRowContext(tx.ctx, `SELECT COUNT(*) FROM calls WHERE milestone_id = $1 AND id <> $2`, *id, callID).Scan(&other); err != nil {
		return err
	}
	if other > 0 {
		return bad("err.call.milestone_taken")
	}
	return nil
}

// syncMilestone sets the call's milestone's progress to accepted over
// planned, as an update in its history. The caller holds the call's row
// (or made it in this transaction). A call without a planned count or a
// milestone moves nothing; nor does a milestone closed — the issue
// published or given up is a decision the papers do not undo — or one
// that has since been given children, whose progress is theirs. At 100%
// the milestone stays open: the papers are ready, the issue is not yet
// out, and publishing it is a person's report.
func (tx *Tx) syncMilestone(callID int64) error {
	var title string
	var planned int
	var milestone sql.NullInt64
	if err := tx.QueryRowContext(tx.ctx, `SELECT title, planned_papers, milestone_id FROM calls WHERE id = $1`, callID).
		Scan(&title, &planned, &milestone); err != nil {
		return err
	}
	if !milestone.Valid || planned <= 0 {
		return nil
	}
	w, err := tx.lockedWorkItem(milestone.Int64)
	if err != nil {
		return err
	}
	if w.Status.Closed() || w.ChildCount > 0 {
		return nil
	}
	// Counted after the locks: see the comment at the top of the file.
	var accepted int
	if err := tx.QueryRowContext(tx.ctx, `SELECT COUNT(*) FROM call_submissions WHERE call_id = $1 AND decision = $2`,
		callID, payesh.VerdictAccept).Scan(&accepted); err != nil {
		return err
	}
	p := payesh.MilestoneProgress(accepted, planned)
	if p == w.Progress {
		return nil
	}
	in := payesh.ProgressUpdateInput{Progress: &p, Version: w.Version,
		Note: fmt.Sprintf("مقاله‌های پذیرفته‌شدهٔ فراخوان «%s»: %s از %s مقالهٔ برنامه‌ریزی‌شده.", title,
			jalali.ToPersianDigits(strconv.Itoa(accepted)), jalali.ToPersianDigits(strconv.Itoa(planned)))}
	if p == 100 {
		in.Status = payesh.StatusInProgress // ready, not yet published
		if w.Status == payesh.StatusDelayed {
			in.Status = w.Status
		}
	}
	_, _, err = tx.postProgress(w.ID, in)
	return err
}

// FindCall returns a call the reader reads.
func (db *DB) FindCall(ctx context.Context, id int64) (*payesh.Call, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	c, err := loadCall(ctx, db.db, id)
	if err != nil {
		return nil, err
	}
	if !readsCall(s, c) {
		return nil, payesh.NotFound("call")
	}
	return c, nil
}

// FindCalls lists the calls the reader reads, newest first. An institute
// issues a few calls a year, so the scope is applied in Go.
func (db *DB) FindCalls(ctx context.Context, f payesh.CallFilter) ([]*payesh.Call, int, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, 0, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+callColumns+` FROM calls c ORDER BY c.id DESC`)
	if err != nil {
		return nil, 0, err
	}
	all, err := scanAll(rows, func(r *sql.Rows) (*payesh.Call, error) { return scanCall(r) })
	if err != nil {
		return nil, 0, err
	}
	var out []*payesh.Call
	for _, c := range all {
		if readsCall(s, c) {
			out = append(out, c)
		}
	}
	p := f.Page.Normalized()
	total := len(out)
	out = out[min(p.Offset, total):min(p.Offset+p.Limit, total)]
	ids := make([]int64, len(out))
	for i, c := range out {
		ids[i] = c.ID
	}
	tallies, err := callTallies(ctx, db.db, ids)
	if err != nil {
		return nil, 0, err
	}
	axes := map[int64][]payesh.CallAxis{}
	if len(ids) > 0 {
		w := &where{}
		w.add("call_id IN "+inList(len(ids)), anySlice(ids)...)
		err = db.eachRow(ctx, `SELECT call_id, number, title FROM call_axes`+w.String()+` ORDER BY call_id, number`, w.args,
			func(scan func(...any) error) error {
				var id int64
				var a payesh.CallAxis
				if err := scan(&id, &a.Number, &a.Title); err != nil {
					return err
				}
				axes[id] = append(axes[id], a)
				return nil
			})
		if err != nil {
			return nil, 0, err
		}
	}
	for _, c := range out {
		c.Tally = tallies[c.ID]
		if a := axes[c.ID]; a != nil {
			c.Axes = a
		}
	}
	if out == nil {
		out = []*payesh.Call{}
	}
	return out, total, nil
}

// UpdateCall replaces a call's fields and axes at the version the editor
// saw. Axes holding papers cannot go; a new planned count or milestone
// moves the milestone at once.
func (db *DB) UpdateCall(ctx context.Context, id int64, c *payesh.Call) (*payesh.Call, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	if err := requireVersion(c.Version); err != nil {
		return nil, err
	}
	c.Normalize()
	if err := c.Validate(); err != nil {
		return nil, err
	}
	var after *payesh.Call
	err := db.write(ctx, func(tx *Tx) error {
		before, err := tx.lockCall(id, true)
		if err != nil {
			return err
		}
		if err := tx.requireEditWork(before.OwnerUnitID); err != nil {
			return err
		}
		if c.OwnerUnitID != before.OwnerUnitID {
			if err := tx.allExist("org_units", []int64{c.OwnerUnitID}, "owner_unit_id"); err != nil {
				return err
			}
			if err := tx.requireEditWork(c.OwnerUnitID); err != nil {
				return err
			}
		}
		if before.Version != c.Version {
			return payesh.Conflict(before)
		}
		if !sameID(before.MilestoneID, c.MilestoneID) {
			if err := tx.checkMilestone(c.MilestoneID, id); err != nil {
				return err
			}
		}
		var maxAxis int
		if err := tx.QueryRowContext(tx.ctx, `SELECT COALESCE(MAX(axis), 0) FROM call_submissions WHERE call_id = $1`, id).Scan(&maxAxis); err != nil {
			return err
		}
		if maxAxis > len(c.Axes) {
			return payesh.Invalid(map[string]string{"axes": "err.call.axis_in_use"})
		}
		res, err := tx.ExecContext(tx.ctx, `UPDATE calls SET title = $1, description = $2, owner_unit_id = $3, deadline = $4,
				planned_papers = $5, milestone_id = $6, updated_at = $7, version = version + 1
			WHERE id = $8 AND version = $9`,
			c.Title, c.Description, c.OwnerUnitID, c.Deadline, c.PlannedPapers, c.MilestoneID, tx.now, id, c.Version)
		if err != nil {
			return err
		}
		if err := checkVersion(res, func() (any, error) { return loadCall(tx.ctx, tx, id) }); err != nil {
			return err
		}
		if err := tx.setAxes(id, c.Axes); err != nil {
			return err
		}
		if err := tx.syncMilestone(id); err != nil {
			return err
		}
		if after, err = loadCall(tx.ctx, tx, id); err != nil {
			return err
		}
		return tx.audit("call", id, payesh.ActionUpdate, before, after)
	})
	return after, err
}

func sameID(a, b *int64) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// requireRunCall allows a change to a call's papers and reviewers to
// whoever may change its owner unit's work.
func (tx *Tx) requireRunCall(c *payesh.Call) error {
	return tx.requireEditWork(c.OwnerUnitID)
}
