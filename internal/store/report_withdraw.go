package store

import (
	"database/sql"

	"payesh"
)

// checkSubmission judges a submission by the report's checklist: what the
// round requires must be there, and anything else missing must have been
// confirmed by the unit.
func (tx *Tx) checkSubmission(rc *reportCtx, in payesh.ReviewInput) error {
	if in.Action != payesh.ActSubmit {
		return nil
	}
	c, err := tx.db.checklist(tx.ctx, tx, rc)
	if err != nil {
		return err
	}
	return c.Check(in.Confirm)
}

// mayWithdraw: a report is taken back by its own unit's reporters — not
// by the province above it, which reviews it — or by an admin.
func mayWithdraw(u *payesh.User, unitID int64, unitPath string) bool {
	return u.CanAdminister() || (u.UnitID == unitID && u.Role == payesh.RoleReporter && u.CanEditWorkOf(unitPath))
}

// tellWithdrawn tells the reviewers who were told that the report waits
// for them that it no longer does: their notice of it is marked read and
// a notice of the withdrawal takes its place, in the withdrawal's own
// transaction, so no one opens a report that has left their inbox.
func (tx *Tx) tellWithdrawn(rc *reportCtx) error {
	since := tx.now
	if rc.SubmittedAt != nil {
		since = *rc.SubmittedAt
	}
	rows, err := tx.QueryContext(tx.ctx, `SELECT DISTINCT user_id FROM notifications
		WHERE kind = $1 AND entity = $2 AND entity_id = $3 AND created_at >= $4 ORDER BY user_id`,
		payesh.NoteReportToReview, payesh.EntityReport, rc.ID, since)
	if err != nil {
		return err
	}
	users, err := scanAll(rows, func(r *sql.Rows) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	})
	if err != nil || len(users) == 0 {
		return err
	}
	if _, err := tx.ExecContext(tx.ctx, `UPDATE notifications SET read_at = $1
		WHERE kind = $2 AND entity = $3 AND entity_id = $4 AND read_at IS NULL`,
		tx.now, payesh.NoteReportToReview, payesh.EntityReport, rc.ID); err != nil {
		return err
	}
	var unit string
	if err := tx.QueryRowContext(tx.ctx, `SELECT name_fa FROM org_units WHERE id = $1`, rc.UnitID).Scan(&unit); err != nil {
		return err
	}
	args := map[string]string{"round": rc.round.Title, "period": rc.round.Period, "unit": unit}
	for _, id := range users {
		n := &payesh.Notification{UserID: id, Kind: payesh.NoteReportWithdrawn, Entity: payesh.EntityReport,
			EntityID: rc.ID, Message: "ui.note.report_withdrawn", Args: args, Day: payesh.Today(tx.now)}
		if _, err := tx.insertNotification(n); err != nil {
			return err
		}
	}
	return nil
}
