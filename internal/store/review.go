package store

import (
	"context"
	"database/sql"
	"maps"
	"slices"
	"time"

	"payesh"
)

// SaveNarrative changes what a unit writes in its report, while the report
// is still the unit's to edit.
func (db *DB) SaveNarrative(ctx context.Context, id int64, n payesh.Narrative) (*payesh.Report, error) {
	if err := requireVersion(n.Version); err != nil {
		return nil, err
	}
	n.Normalize()
	if err := n.Validate(); err != nil {
		return nil, err
	}
	var after *payesh.Report
	err := db.write(ctx, func(tx *Tx) error {
		rc, err := db.loadReport(ctx, tx, id)
		if err != nil {
			return err
		}
		if !canRead(tx.actor, rc.unitPath) {
			return payesh.NotFound("report")
		}
		if !tx.actor.CanEditWorkOf(rc.unitPath) {
			return payesh.ErrForbidden
		}
		if !rc.Editable() {
			return payesh.Errorf(payesh.ECONFLICT, "err.report.locked")
		}
		res, err := tx.ExecContext(ctx, `UPDATE reports SET achievements = $1, obstacles = $2, requests = $3,
			updated_at = $4, version = version + 1 WHERE id = $5 AND version = $6`,
			n.Achievements, n.Obstacles, n.Requests, tx.now, id, n.Version)
		if err != nil {
			return err
		}
		if err := checkVersion(res, func() (any, error) { return tx.currentReport(rc.ID) }); err != nil {
			return err
		}
		r := *rc.Report
		r.Achievements, r.Obstacles, r.Requests = n.Achievements, n.Obstacles, n.Requests
		r.Version, r.UpdatedAt = rc.Version+1, tx.now
		after = &r
		return tx.audit("report", id, payesh.ActionUpdate, rc.Report, after)
	})
	return after, err
}

// Review applies one action — submit, approve, return, reopen, withdraw —
// with its comments, moves the period's indicator values of the unit along
// (an approved report locks them; a withdrawn one gives them back as
// drafts), and records it all, in one transaction. A submission is judged
// by the report's checklist as the transaction reads it.
// Of two reviewers acting on the same version, one wins and the other
// gets a conflict.
func (db *DB) Review(ctx context.Context, id int64, in payesh.ReviewInput) (*payesh.Report, error) {
	if err := requireVersion(in.Version); err != nil {
		return nil, err
	}
	in.Comments = slices.Clone(in.Comments) // Normalize cleans in place; the caller's slice stays as sent
	in.Normalize()
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var after *payesh.Report
	err := db.write(ctx, func(tx *Tx) (err error) {
		after, err = tx.review(id, in)
		return err
	})
	return after, err
}

func (tx *Tx) review(id int64, in payesh.ReviewInput) (*payesh.Report, error) {
	rc, err := tx.db.loadReport(tx.ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if !canRead(tx.actor, rc.unitPath) {
		return nil, payesh.NotFound("report")
	}
	if rc.Version != in.Version {
		// Someone acted first: say so, rather than judge the action
		// against a state its author never saw.
		return nil, payesh.Conflict(rc.Report)
	}
	chain, err := tx.db.chainOf(tx.ctx, tx, rc)
	if err != nil {
		return nil, err
	}
	if err := tx.mayAct(rc, chain, in); err != nil {
		return nil, err
	}
	state, level, err := payesh.Transition(rc.State, rc.Level, in.Action, len(chain))
	if err != nil {
		return nil, err
	}
	if err := tx.checkSubmission(rc, in); err != nil {
		return nil, err
	}
	after, err := tx.moveReport(rc, in, state, level)
	if err != nil {
		return nil, err
	}
	if in.Action == payesh.ActSubmit {
		if err := tx.recordAuthors(rc); err != nil {
			return nil, err
		}
	}
	if err := tx.addComments(rc, in); err != nil {
		return nil, err
	}
	if err := tx.moveValues(rc, state); err != nil {
		return nil, err
	}
	if in.Action == payesh.ActWithdraw {
		if err := tx.tellWithdrawn(rc); err != nil {
			return nil, err
		}
	} else if err := tx.tellReviewed(rc, in.Action, after, chain); err != nil {
		return nil, err
	}
	return after, tx.audit("report", id, string(in.Action), rc.Report, after)
}

// mayAct checks the actor's right to the action and that a return says
// why.
func (tx *Tx) mayAct(rc *reportCtx, chain []payesh.ChainStep, in payesh.ReviewInput) error {
	u := tx.actor
	allowed := false
	switch in.Action {
	case payesh.ActSubmit:
		allowed = u.CanEditWorkOf(rc.unitPath)
	case payesh.ActWithdraw:
		allowed = mayWithdraw(u, rc.UnitID, rc.unitPath)
	case payesh.ActApprove, payesh.ActReturn:
		allowed = rc.State == payesh.ReportSubmitted && rc.Level < len(chain) && mayReview(u, chain[rc.Level])
	case payesh.ActReopen:
		allowed = u.CanConfigure()
	default:
		return payesh.Invalid(map[string]string{"action": "err.report.action"})
	}
	if !allowed {
		return payesh.ErrForbidden
	}
	if in.Action == payesh.ActApprove || in.Action == payesh.ActReturn {
		// The step is the user's by role; is it theirs to take on this
		// report? A submitter withdraws, it does not review.
		part, err := partIn(tx.ctx, tx, rc, u)
		if err != nil {
			return err
		}
		c := reviewCase{reportID: rc.ID, unitID: rc.UnitID, allowSelf: rc.round.AllowSelfReview, part: part}
		if err := dutyBar(u, c, chain[rc.Level]); err != nil {
			return err
		}
	}
	// A report withdrawn in a closed round could never be sent again.
	if rc.round.Closed && (in.Action == payesh.ActSubmit || in.Action == payesh.ActWithdraw) {
		return payesh.Errorf(payesh.ECONFLICT, "err.report.round_closed")
	}
	if (in.Action == payesh.ActReturn || in.Action == payesh.ActReopen) && len(in.Comments) == 0 {
		return payesh.Invalid(map[string]string{"comments": "err.report.comment_required"})
	}
	return nil
}

// recordAuthors notes, with a submission, who made it: the submitter and
// whoever wrote the report's content since it last came back from a
// reviewer (authorsOf). Their rows replace the previous submission's;
// they are derived from audited rows and not audited themselves.
func (tx *Tx) recordAuthors(rc *reportCtx) error {
	if _, err := tx.ExecContext(tx.ctx, `DELETE FROM report_authors WHERE report_id = $1`, rc.ID); err != nil {
		return err
	}
	authors, err := authorsOf(tx.ctx, tx, rc)
	if err != nil {
		return err
	}
	if tx.actor.ID != 0 {
		authors[tx.actor.ID] = true
	}
	ids := slices.Sorted(maps.Keys(authors))
	if len(ids) == 0 {
		return nil
	}
	return tx.insertMany(`INSERT INTO report_authors (report_id, user_id, submitter) VALUES `, "", 3, len(ids),
		func(i int) []any { return []any{rc.ID, ids[i], boolInt(ids[i] == tx.actor.ID)} })
}

func (tx *Tx) moveReport(rc *reportCtx, in payesh.ReviewInput, state payesh.ReportState, level int) (*payesh.Report, error) {
	after := *rc.Report
	after.State, after.Level, after.Version, after.UpdatedAt = state, level, rc.Version+1, tx.now
	switch {
	case in.Action == payesh.ActSubmit:
		after.SubmittedAt = &tx.now
	case in.Action == payesh.ActWithdraw:
		after.SubmittedAt = nil
	case state == payesh.ReportApproved:
		after.ApprovedAt = &tx.now
	case in.Action == payesh.ActReopen:
		after.ApprovedAt = nil
	}
	res, err := tx.ExecContext(tx.ctx, `UPDATE reports SET state = $1, level = $2, submitted_at = $3, approved_at = $4,
		updated_at = $5, version = version + 1 WHERE id = $6 AND version = $7`,
		after.State, after.Level, nullTime(after.SubmittedAt), nullTime(after.ApprovedAt), tx.now, rc.ID, in.Version)
	if err != nil {
		return nil, err
	}
	return &after, checkVersion(res, func() (any, error) { return tx.currentReport(rc.ID) })
}

func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return *t
}

func (tx *Tx) addComments(rc *reportCtx, in payesh.ReviewInput) error {
	var author *int64
	if tx.actor.ID != 0 {
		author = &tx.actor.ID
	}
	for _, c := range in.Comments {
		if _, err := tx.ExecContext(tx.ctx, `INSERT INTO review_comments (report_id, level, action, item, text, author_id, author_name, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			rc.ID, rc.Level, in.Action, c.Item, c.Text, author, tx.actor.Name, tx.now); err != nil {
			return err
		}
	}
	return nil
}

// FindComments returns a report's comments, oldest first.
func (db *DB) FindComments(ctx context.Context, reportID int64) ([]*payesh.ReviewComment, error) {
	if _, err := db.FindReport(ctx, reportID); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT id, report_id, level, action, item, text, author_id, author_name, created_at
		FROM review_comments WHERE report_id = $1 ORDER BY id`, reportID)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (*payesh.ReviewComment, error) {
		var c payesh.ReviewComment
		var author sql.NullInt64
		err := r.Scan(&c.ID, &c.ReportID, &c.Level, &c.Action, &c.Item, &c.Text, &author, &c.AuthorName, &c.CreatedAt)
		if author.Valid {
			c.AuthorID = &author.Int64
		}
		return &c, err
	})
}

// currentReport re-reads a report inside the transaction: after a lost
// race on PostgreSQL it shows the winner's row, not the one read first.
func (tx *Tx) currentReport(id int64) (any, error) {
	rc, err := tx.db.loadReport(tx.ctx, tx, id)
	if err != nil {
		return nil, err
	}
	return rc.Report, nil
}
