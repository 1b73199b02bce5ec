package store

import (
	"context"
	"database/sql"
	"sort"
	"time"

	"payesh"
)

// ClaimEmails marks as emailed, in one statement, every unread notification
// created since since that belongs to an active user with an email address,
// and returns them grouped by user. The claim is the UPDATE itself: when
// two app instances claim at once, PostgreSQL makes the second wait for the
// first's row locks and then re-checks emailed_at IS NULL, and SQLite runs
// one writer at a time, so each notification is mailed by one instance.
// Only the job (admins, the system) claims.
func (db *DB) ClaimEmails(ctx context.Context, since time.Time) ([]payesh.Outbox, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	var outbox []payesh.Outbox
	err := db.write(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `UPDATE notifications SET emailed_at = $1
			WHERE emailed_at IS NULL AND read_at IS NULL AND created_at >= $2
				AND user_id IN (SELECT id FROM users WHERE active = 1 AND email <> '')
			RETURNING id`, tx.now, since.UTC().Truncate(time.Microsecond))
		if err != nil {
			return err
		}
		ids, err := scanAll(rows, func(r *sql.Rows) (int64, error) {
			var id int64
			return id, r.Scan(&id)
		})
		if err != nil || len(ids) == 0 {
			outbox = []payesh.Outbox{}
			return err
		}
		notes, err := notificationsByID(ctx, tx, ids)
		if err != nil {
			return err
		}
		// Sorted, so each email lists its notifications oldest first.
		sort.Slice(notes, func(i, j int) bool {
			if notes[i].UserID != notes[j].UserID {
				return notes[i].UserID < notes[j].UserID
			}
			return notes[i].ID < notes[j].ID
		})
		var out []payesh.Outbox
		for _, n := range notes {
			if len(out) == 0 || out[len(out)-1].UserID != n.UserID {
				out = append(out, payesh.Outbox{UserID: n.UserID})
			}
			last := &out[len(out)-1]
			last.Notifications = append(last.Notifications, n)
		}
		for i := range out {
			if err := tx.QueryRowContext(ctx, `SELECT name, email FROM users WHERE id = $1`, out[i].UserID).
				Scan(&out[i].Name, &out[i].Email); err != nil {
				return err
			}
		}
		outbox = out
		return nil
	})
	return outbox, err
}

// ReleaseEmails clears the claim on notifications whose email failed, so
// that the next run tries them again.
func (db *DB) ReleaseEmails(ctx context.Context, ids []int64) error {
	if err := requireAdmin(ctx); err != nil {
		return err
	}
	if len(ids) == 0 {
		return nil
	}
	w := &where{}
	w.add("id IN "+inList(len(ids)), anySlice(ids)...)
	_, err := db.db.ExecContext(ctx, `UPDATE notifications SET emailed_at = NULL`+w.String(), w.args...)
	return err
}

// notificationsByID reads notifications back by id, in chunks that stay
// under both engines' limits on bound parameters. (They are read back rather
// than through RETURNING, whose columns SQLite's driver hands over untyped.)
func notificationsByID(ctx context.Context, q queryer, ids []int64) ([]*payesh.Notification, error) {
	const chunk = 500
	var out []*payesh.Notification
	for len(ids) > 0 {
		n := min(chunk, len(ids))
		w := &where{}
		w.add("n.id IN "+inList(n), anySlice(ids[:n])...)
		rows, err := q.QueryContext(ctx, `SELECT `+notificationColumns+` FROM notifications n`+w.String(), w.args...)
		if err != nil {
			return nil, err
		}
		part, err := scanAll(rows, func(r *sql.Rows) (*payesh.Notification, error) { return scanNotification(r) })
		if err != nil {
			return nil, err
		}
		out, ids = append(out, part...), ids[n:]
	}
	return out, nil
}
