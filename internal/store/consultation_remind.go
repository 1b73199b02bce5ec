package store

import (
	"context"

	"payesh"
)

// RemindConsultation reminds the current round's invitees that have not
// submitted — and no one else — as the follow-up board reminds a unit
// (reminder.go): the reminder row, whom it reached, a notification to
// each user who answers for them, and an audit event, in one
// transaction, so an answer submitted meanwhile is either counted or
// reminded, never both.
func (db *DB) RemindConsultation(ctx context.Context, id int64, note string) (*payesh.ConsultationReminder, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	note = payesh.NormalizeText(note)
	if err := payesh.ValidateReminderNote(note); err != nil {
		return nil, err
	}
	var rem *payesh.ConsultationReminder
	err := db.write(ctx, func(tx *Tx) error {
		c, err := tx.lockConsultation(id)
		if err != nil {
			return err
		}
		switch {
		case c.State != payesh.ConsultationOpen:
			return errConsultationClosed
		case payesh.Today(tx.now).After(c.Deadline):
			return errDeadlinePassed
		}
		var late []int64
		for _, i := range c.Invitees {
			if i.State != payesh.ResponseSubmitted {
				late = append(late, i.ID)
			}
		}
		if len(late) == 0 {
			return payesh.Errorf(payesh.ECONFLICT, "err.consultation.all_answered")
		}
		rem = &payesh.ConsultationReminder{ConsultationID: id, Round: c.Round, Note: note, InviteeIDs: late,
			SenderName: tx.actor.Name, CreatedAt: tx.now}
		msg := "ui.note.consultation_reminder"
		if note == "" {
			msg = "ui.note.consultation_reminder_plain"
		}
		n := payesh.Notification{Kind: payesh.NoteConsultationReminder, Entity: payesh.EntityConsultation, EntityID: id,
			Message: msg, Day: payesh.Today(tx.now),
			Args: map[string]string{"title": c.Title, "deadline": c.Deadline.String(), "note": note, "sender": tx.actor.Name}}
		if rem.Notified, err = tx.tellInvitees(c, late, n); err != nil {
			return err
		}
		var sender *int64
		if tx.actor.ID != 0 {
			sender = &tx.actor.ID
		}
		if err := tx.QueryRowContext(tx.ctx, `INSERT INTO consultation_reminders (consultation_id, round, note, notified, sender_id, sender_name, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, id, c.Round, note, rem.Notified, sender, rem.SenderName, tx.now).Scan(&rem.ID); err != nil {
			return err
		}
		if err := tx.insertMany(`INSERT INTO consultation_reminded (reminder_id, invitee_id) VALUES `, "", 2, len(late),
			func(i int) []any { return []any{rem.ID, late[i]} }); err != nil {
			return err
		}
		return tx.audit("consultation", id, payesh.ActionRemind, nil, rem)
	})
	return rem, err
}
