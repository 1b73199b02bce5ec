package store

import (
	"context"
	"time"

	"payesh"
)

// Remind sends the secretariat's reminder to a unit: a notification for
// every active user of the unit itself who may act on its work (viewers
// only read, so they are not chased), the reminder row the board shows,
// and an audit event, in one transaction.
func (db *DB) Remind(ctx context.Context, unitID int64, note string) (*payesh.Reminder, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	note = payesh.NormalizeText(note)
	if err := payesh.ValidateReminderNote(note); err != nil {
		return nil, err
	}
	var sent *payesh.Reminder
	err := db.write(ctx, func(tx *Tx) error {
		unit, err := findUnit(ctx, tx, unitID)
		if err != nil {
			return err
		}
		users, err := idList(ctx, tx, `SELECT id FROM users WHERE unit_id = $1 AND active = 1 AND role <> 'viewer' ORDER BY id`, unitID)
		if err != nil {
			return err
		}
		r := &payesh.Reminder{UnitID: unitID, Note: note, SenderName: tx.actor.Name, Notified: len(users), CreatedAt: tx.now}
		if tx.actor.ID != 0 {
			r.SenderID = &tx.actor.ID
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO reminders (unit_id, note, sender_id, sender_name, notified, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, unitID, note, r.SenderID, r.SenderName, r.Notified, tx.now).Scan(&r.ID)
		if err != nil {
			return err
		}
		msg := "ui.note.reminder"
		if note == "" {
			msg = "ui.note.reminder_plain"
		}
		args := map[string]string{"unit": unit.NameFA, "sender": r.SenderName, "note": note}
		for _, id := range users {
			n := &payesh.Notification{UserID: id, Kind: payesh.NoteReminder, Entity: payesh.EntityOrgUnit, EntityID: unitID,
				Message: msg, Args: args, Day: payesh.Today(tx.now)}
			if _, err := tx.insertNotification(n); err != nil {
				return err
			}
		}
		if err := tx.audit("org_unit", unitID, payesh.ActionRemind, nil, r); err != nil {
			return err
		}
		sent = r
		return nil
	})
	return sent, err
}

// lastReminders returns, per unit, how many reminders it has had and when
// the last was sent. The time is read from the row itself rather than as
// MAX(created_at), which SQLite's driver would return untyped.
func (db *DB) lastReminders(ctx context.Context) (map[int64]reminderStat, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT r.unit_id, c.n, r.created_at FROM reminders r
		JOIN (SELECT MAX(id) AS id, COUNT(*) AS n FROM reminders GROUP BY unit_id) c ON c.id = r.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]reminderStat{}
	for rows.Next() {
		var unit int64
		var s reminderStat
		if err := rows.Scan(&unit, &s.count, &s.last); err != nil {
			return nil, err
		}
		out[unit] = s
	}
	return out, rows.Err()
}

type reminderStat struct {
	count int
	last  time.Time
}
