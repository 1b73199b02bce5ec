package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
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
	var sent []*payesh.Reminder
	err := db.write(ctx, func(tx *Tx) error {
		unit, err := findUnit(ctx, tx, unitID)
		if err != nil {
			return err
		}
		sent, err = tx.remind([]*payesh.OrgUnit{unit}, note)
		return err
	})
	if err != nil {
		return nil, err
	}
	return sent[0], nil
}

// RemindUnits sends one note to many units at once, as Remind sends it to
// one: the board's "remind the selected units". One transaction holds it
// all, so a unit removed meanwhile refuses the list and no unit is told
// twice when the secretariat sends it again.
func (db *DB) RemindUnits(ctx context.Context, unitIDs []int64, note string) ([]*payesh.Reminder, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	note = payesh.NormalizeText(note)
	f := map[string]string{}
	if err := payesh.ValidateReminderUnits(unitIDs); err != nil {
		f = err.(*payesh.Error).Fields
	}
	if err := payesh.ValidateReminderNote(note); err != nil {
		maps.Copy(f, err.(*payesh.Error).Fields)
	}
	if err := payesh.Invalid(f); err != nil {
		return nil, err
	}
	var sent []*payesh.Reminder
	err := db.write(ctx, func(tx *Tx) error {
		units, err := tx.unitsIn(unitIDs)
		if err != nil {
			return err
		}
		sent, err = tx.remind(units, note)
		return err
	})
	return sent, err
}

// unitsIn reads the units ids names, in the order given and each once; an
// id no unit has refuses the list, naming its place in it.
func (tx *Tx) unitsIn(ids []int64) ([]*payesh.OrgUnit, error) {
	w := &where{}
	w.add("u.id IN "+inList(len(ids)), anySlice(ids)...)
	rows, err := tx.QueryContext(tx.ctx, `SELECT `+unitColumns+` FROM org_units u`+w.String(), w.args...)
	if err != nil {
		return nil, err
	}
	found, err := scanAll(rows, func(r *sql.Rows) (*payesh.OrgUnit, error) { return scanUnit(r) })
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*payesh.OrgUnit, len(found))
	for _, u := range found {
		byID[u.ID] = u
	}
	out := make([]*payesh.OrgUnit, 0, len(found))
	seen := make(map[int64]bool, len(ids))
	for i, id := range ids {
		u, ok := byID[id]
		if !ok {
			return nil, payesh.Invalid(map[string]string{fmt.Sprintf("unit_ids.%d", i): "err.unknown_ref"})
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, u)
		}
	}
	return out, nil
}

// remind writes the reminders of units with one note: per unit a reminder
// row, a notification to each of its active users who act, and an audit
// event on the unit, so its history shows when the secretariat chased it.
// Notifications and audit events go in a few multi-row statements, so the
// whole organization reminded at once stays a short transaction.
func (tx *Tx) remind(units []*payesh.OrgUnit, note string) ([]*payesh.Reminder, error) {
	ids := make([]int64, len(units))
	for i, u := range units {
		ids[i] = u.ID
	}
	people, err := tx.actingUsers(ids)
	if err != nil {
		return nil, err
	}
	msg := "ui.note.reminder"
	if note == "" {
		msg = "ui.note.reminder_plain"
	}
	var senderID *int64
	if tx.actor.ID != 0 {
		senderID = &tx.actor.ID
	}
	sent := make([]*payesh.Reminder, len(units))
	var notes []notificationRow
	events := make([]auditEvent, len(units))
	for i, unit := range units {
		users := people[unit.ID]
		r := &payesh.Reminder{UnitID: unit.ID, Note: note, SenderID: senderID, SenderName: tx.actor.Name,
			Notified: len(users), CreatedAt: tx.now}
		err := tx.QueryRowContext(tx.ctx, `INSERT INTO reminders (unit_id, note, sender_id, sender_name, notified, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, unit.ID, note, r.SenderID, r.SenderName, r.Notified, tx.now).Scan(&r.ID)
		if err != nil {
			return nil, err
		}
		args, err := json.Marshal(map[string]string{"unit": unit.NameFA, "sender": r.SenderName, "note": note})
		if err != nil {
			return nil, err
		}
		for _, id := range users {
			notes = append(notes, notificationRow{user: id, unit: unit.ID, args: string(args)})
		}
		sent[i] = r
		events[i] = auditEvent{entity: "org_unit", id: unit.ID, action: payesh.ActionRemind, after: r}
	}
	day := payesh.Today(tx.now)
	// ON CONFLICT DO NOTHING: a unit reminded twice in a day keeps one
	// notification per user (the index notifications_once), as before.
	err = tx.insertMany(`INSERT INTO notifications (user_id, kind, entity, entity_id, day, message, args, created_at) VALUES `,
		" ON CONFLICT DO NOTHING", 8, len(notes), func(i int) []any {
			n := notes[i]
			return []any{n.user, payesh.NoteReminder, payesh.EntityOrgUnit, n.unit, day, msg, n.args, tx.now}
		})
	if err != nil {
		return nil, err
	}
	return sent, tx.auditMany(events)
}

// notificationRow is one reminder notification of a batch.
type notificationRow struct {
	user, unit int64
	args       string
}

// actingUsers returns, per unit, its active users who act on its work
// (not viewers, who only read), by id.
func (tx *Tx) actingUsers(units []int64) (map[int64][]int64, error) {
	w := &where{}
	w.add("unit_id IN "+inList(len(units)), anySlice(units)...)
	w.add("active = 1")
	w.add("role <> 'viewer'")
	rows, err := tx.QueryContext(tx.ctx, `SELECT unit_id, id FROM users`+w.String()+` ORDER BY unit_id, id`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]int64{}
	for rows.Next() {
		var unit, id int64
		if err := rows.Scan(&unit, &id); err != nil {
			return nil, err
		}
		out[unit] = append(out[unit], id)
	}
	return out, rows.Err()
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
