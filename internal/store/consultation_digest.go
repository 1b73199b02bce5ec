package store

import (
	"context"
	"database/sql"

	"payesh"
)

// consultationDueDays: in the last days before a round's deadline the
// daily digest reminds whoever has not submitted, once a day — the
// follow-up engine's own reminder, beside the secretariat's
// (consultation_remind.go).
const consultationDueDays = 3

// digestConsultations reminds, for each open consultation whose round
// ends within consultationDueDays, the users who answer for an invitee
// that has not submitted. Each consultation is one transaction holding
// its row, so an answer submitted meanwhile is either counted or
// reminded; a user already reminded that day (by the secretariat or an
// earlier run) is not told twice (notifications_once).
func (db *DB) digestConsultations(ctx context.Context, day payesh.Date, res *payesh.DigestResult) error {
	rows, err := db.db.QueryContext(ctx, `SELECT c.id FROM consultations c
		JOIN consultation_rounds r ON r.consultation_id = c.id AND r.number = c.round
		WHERE c.state = $1 AND r.deadline >= $2 AND r.deadline <= $3 ORDER BY c.id`,
		string(payesh.ConsultationOpen), day.String(), day.AddDays(consultationDueDays).String())
	if err != nil {
		return err
	}
	ids, err := scanAll(rows, func(r *sql.Rows) (id int64, err error) { return id, r.Scan(&id) })
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := db.write(ctx, func(tx *Tx) error { return tx.remindDue(id, day, res) }); err != nil {
			return err
		}
	}
	return nil
}

// remindDue is one consultation's share of the digest.
func (tx *Tx) remindDue(id int64, day payesh.Date, res *payesh.DigestResult) error {
	c, err := tx.lockConsultation(id)
	if err != nil {
		return err
	}
	var pending []int64
	for _, i := range c.Invitees {
		if i.State != payesh.ResponseSubmitted {
			pending = append(pending, i.ID)
		}
	}
	if len(pending) == 0 {
		return nil
	}
	count := func() (n int, err error) {
		err = tx.QueryRowContext(tx.ctx, `SELECT COUNT(*) FROM notifications WHERE kind = $1 AND entity = $2 AND entity_id = $3 AND day = $4`,
			payesh.NoteConsultationReminder, payesh.EntityConsultation, id, day).Scan(&n)
		return n, err
	}
	before, err := count()
	if err != nil {
		return err
	}
	n := payesh.Notification{Kind: payesh.NoteConsultationReminder, Entity: payesh.EntityConsultation, EntityID: id,
		Message: "ui.note.consultation_due", Day: day, Args: map[string]string{"title": c.Title, "deadline": c.Deadline.String()}}
	told, err := tx.tellInvitees(c, pending, n)
	if err != nil {
		return err
	}
	after, err := count()
	if err != nil {
		return err
	}
	res.Created += after - before
	res.Existing += told - (after - before)
	res.ByKind[payesh.NoteConsultationReminder] += after - before
	return nil
}
