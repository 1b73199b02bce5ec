package store

import (
	"database/sql"
	"encoding/json"

	"payesh"
)

// Telling people at once. Whatever changes someone else's work tells
// them in the transaction that changes it: a round opened tells each of
// its units, a submitted report its reviewers, a report returned,
// approved or reopened its unit. The hourly digest stays for what falls
// due or late with time; it does not tell the same thing twice on a day
// (notifications_once). Each event is one INSERT … SELECT over the users
// it concerns, however many they are; the email job mails them as it does
// every notification.

// notifyWhere tells n to every active user but the actor that cond
// selects from from (users u, perhaps joined): one notification each, in
// two statements however many they are — the users read, then inserted
// together. With entityFromReport each is about the report p joined to
// its user rather than n's EntityID.
func (tx *Tx) notifyWhere(n payesh.Notification, entityFromReport bool, from, cond string, args ...any) error {
	b, err := json.Marshal(n.Args)
	if err != nil {
		return err
	}
	entity := "0"
	if entityFromReport {
		entity = "p.id"
	}
	w := &where{}
	w.add("u.active = 1 AND u.id <> ?", tx.actor.ID)
	w.add(cond, args...)
	rows, err := tx.QueryContext(tx.ctx, `SELECT u.id, `+entity+` FROM `+from+w.String()+` ORDER BY u.id`, w.args...)
	if err != nil {
		return err
	}
	type target struct{ user, entity int64 }
	targets, err := scanAll(rows, func(r *sql.Rows) (t target, err error) { return t, r.Scan(&t.user, &t.entity) })
	if err != nil {
		return err
	}
	return tx.insertMany(`INSERT INTO notifications (user_id, kind, entity, entity_id, day, message, args, created_at) VALUES `,
		` ON CONFLICT DO NOTHING`, 8, len(targets), func(i int) []any {
			id := n.EntityID
			if entityFromReport {
				id = targets[i].entity
			}
			return []any{targets[i].user, n.Kind, n.Entity, id, n.Day, n.Message, string(b), tx.now}
		})
}

// tellRoundOpened tells the people of each unit of a new round that its
// report is open, each with a link to their unit's report.
func (tx *Tx) tellRoundOpened(r *payesh.Round) error {
	n := payesh.Notification{Kind: payesh.NoteRoundOpened, Entity: payesh.EntityReport, Message: "ui.note.round_opened",
		Day: payesh.Today(tx.now), Args: map[string]string{"round": r.Title, "period": r.Period, "deadline": r.Deadline.String()}}
	return tx.notifyWhere(n, true, `users u JOIN reports p ON p.unit_id = u.unit_id`,
		`p.round_id = ? AND u.role <> ?`, r.ID, payesh.RoleViewer)
}

// tellReviewers tells the reviewers of the step a submitted report waits
// at that it is theirs: the step unit's people, or the secretariat — less
// those the separation of duties leaves out (who sent or wrote it, and
// the reporting unit's own people), unless the round allows self-review
// at the secretariat step.
func (tx *Tx) tellReviewers(rc *reportCtx, step payesh.ChainStep) error {
	var unitName string
	if err := tx.QueryRowContext(tx.ctx, `SELECT name_fa FROM org_units WHERE id = $1`, rc.UnitID).Scan(&unitName); err != nil {
		return err
	}
	n := payesh.Notification{Kind: payesh.NoteReportToReview, Entity: payesh.EntityReport, EntityID: rc.ID,
		Message: "ui.note.report_to_review", Day: payesh.Today(tx.now),
		Args: map[string]string{"round": rc.round.Title, "period": rc.round.Period, "unit": unitName, "deadline": rc.round.Deadline.String()}}
	cond, args := `u.role = ?`, []any{payesh.RoleSecretariat}
	if step.Level != payesh.LevelSecretariat {
		cond, args = `u.unit_id = ? AND u.role <> ?`, []any{step.UnitID, payesh.RoleViewer}
	}
	if step.Level != payesh.LevelSecretariat || !rc.round.AllowSelfReview {
		cond += ` AND u.unit_id <> ? AND u.id NOT IN (SELECT a.user_id FROM report_authors a WHERE a.report_id = ?)`
		args = append(args, rc.UnitID, rc.ID)
	}
	return tx.notifyWhere(n, false, `users u`, cond, args...)
}

// tellUnit tells the reporting unit's people (not its viewers) what
// became of its report.
func (tx *Tx) tellUnit(rc *reportCtx, kind payesh.NotificationKind, message string) error {
	n := payesh.Notification{Kind: kind, Entity: payesh.EntityReport, EntityID: rc.ID, Message: message, Day: payesh.Today(tx.now),
		Args: map[string]string{"round": rc.round.Title, "period": rc.round.Period, "deadline": rc.round.Deadline.String()}}
	return tx.notifyWhere(n, false, `users u`, `u.unit_id = ? AND u.role <> ?`, rc.UnitID, payesh.RoleViewer)
}

// tellReviewed tells whom a review action concerns: the next step's
// reviewers when the report moved on, the unit when it came back, passed
// its last step or was opened again.
func (tx *Tx) tellReviewed(rc *reportCtx, action payesh.ReviewAction, after *payesh.Report, chain []payesh.ChainStep) error {
	switch {
	case after.State == payesh.ReportSubmitted && after.Level < len(chain):
		return tx.tellReviewers(rc, chain[after.Level])
	case action == payesh.ActReturn:
		return tx.tellUnit(rc, payesh.NoteReportReturned, "ui.note.report_returned")
	case action == payesh.ActReopen:
		return tx.tellUnit(rc, payesh.NoteReportReopened, "ui.note.report_reopened")
	case after.State == payesh.ReportApproved:
		return tx.tellUnit(rc, payesh.NoteReportApproved, "ui.note.report_approved")
	}
	return nil
}

// tellAssigned tells the people of a work item's owner unit (not its
// viewers) that the item is theirs, when someone of another unit gave it
// to them; the command line and the demo loader (the system) tell no one.
func (tx *Tx) tellAssigned(w *payesh.WorkItem) error {
	if tx.actor.ID == 0 || tx.actor.UnitID == w.OwnerUnitID {
		return nil
	}
	n := payesh.Notification{Kind: payesh.NoteWorkAssigned, Entity: payesh.EntityWorkItem, EntityID: w.ID,
		Message: "ui.note.work_assigned", Day: payesh.Today(tx.now),
		Args: map[string]string{"title": w.Title, "due": w.DueDate.String(), "by": tx.actor.Name}}
	return tx.notifyWhere(n, false, `users u`, `u.unit_id = ? AND u.role <> ?`, w.OwnerUnitID, payesh.RoleViewer)
}
