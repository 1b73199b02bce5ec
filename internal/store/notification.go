package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"payesh"
)

var _ payesh.FollowUpService = (*DB)(nil)

const notificationColumns = `n.id, n.user_id, n.kind, n.entity, n.entity_id, n.message, n.args, n.day, n.created_at, n.read_at`

func scanNotification(r interface{ Scan(...any) error }) (*payesh.Notification, error) {
	var n payesh.Notification
	var args string
	var read sql.NullTime
	if err := r.Scan(&n.ID, &n.UserID, &n.Kind, &n.Entity, &n.EntityID, &n.Message, &args, &n.Day, &n.CreatedAt, &read); err != nil {
		return nil, err
	}
	if read.Valid {
		n.ReadAt = &read.Time
	}
	n.Args = map[string]string{}
	if err := json.Unmarshal([]byte(args), &n.Args); err != nil {
		return nil, err
	}
	return &n, nil
}

// insertNotification adds n unless the user already has the same
// notification for the day, and reports whether it did. The unique index
// notifications_once decides, in the database, so two app instances
// running the digest at once cannot both insert.
func (tx *Tx) insertNotification(n *payesh.Notification) (bool, error) {
	args, err := json.Marshal(n.Args)
	if err != nil {
		return false, err
	}
	res, err := tx.ExecContext(tx.ctx, `INSERT INTO notifications (user_id, kind, entity, entity_id, day, message, args, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
		n.UserID, n.Kind, n.Entity, n.EntityID, n.Day, n.Message, string(args), tx.now)
	if err != nil {
		return false, err
	}
	k, err := res.RowsAffected()
	return k == 1, err
}

// Notifications returns the signed-in user's notifications, newest first.
func (db *DB) Notifications(ctx context.Context, unreadOnly bool, page payesh.Page) ([]*payesh.Notification, int, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, 0, err
	}
	w := &where{}
	w.add("n.user_id = ?", u.ID)
	if unreadOnly {
		w.add("n.read_at IS NULL")
	}
	total, err := db.count(ctx, "notifications n", w)
	if err != nil {
		return nil, 0, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+notificationColumns+` FROM notifications n`+w.String()+
		` ORDER BY n.id DESC`+pageSQL(page), w.args...)
	if err != nil {
		return nil, 0, err
	}
	list, err := scanAll(rows, func(r *sql.Rows) (*payesh.Notification, error) { return scanNotification(r) })
	return list, total, err
}

// MarkRead marks the user's own notifications read; ids of other users'
// notifications are ignored rather than refused, so a stale page cannot
// learn which ids exist. With no ids it marks every unread one. Reading is
// the user's own business, so it is not audited.
func (db *DB) MarkRead(ctx context.Context, ids []int64) error {
	if err := payesh.ValidateIDs("ids", ids); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		// $1 is the SET value; the conditions number on from $2.
		cond := &where{args: []any{tx.now}}
		cond.add("user_id = ?", tx.actor.ID)
		cond.add("read_at IS NULL")
		if len(ids) > 0 {
			cond.add("id IN "+inList(len(ids)), anySlice(ids)...)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE notifications SET read_at = $1`+cond.String(), cond.args...); err != nil {
			return err
		}
		return nil
	})
}

// UnreadCount returns how many unread notifications the signed-in user
// has, counting no further than upTo (upTo < 1 counts them all). It reads
// the partial index notifications_unread, which holds the unread rows
// only, and stops at upTo of them, so the count on every page costs the
// same however long the user's history or backlog.
func (db *DB) UnreadCount(ctx context.Context, upTo int) (int, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return 0, err
	}
	q, args := unreadCountSQL(u.ID, upTo)
	var n int
	err = db.db.QueryRowContext(ctx, q, args...).Scan(&n)
	return n, err
}

// unreadCountSQL is UnreadCount's query, shared with the test that checks
// its plan.
func unreadCountSQL(user int64, upTo int) (string, []any) {
	if upTo < 1 {
		return `SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL`, []any{user}
	}
	return `SELECT COUNT(*) FROM (SELECT 1 AS one FROM notifications WHERE user_id = $1 AND read_at IS NULL LIMIT $2) u`,
		[]any{user, upTo}
}

// DefaultPruneBatch is how many notifications one pruning transaction
// deletes at most: small enough that a table with years of history is
// pruned without holding the writer for long, so pages keep answering.
const DefaultPruneBatch = 5000

// PruneNotifications deletes the read notifications created before
// before, oldest first, batch rows per transaction (DefaultPruneBatch when
// batch < 1) until none is left. Unread notifications are kept whatever
// their age: nobody has seen them. Each batch is one short transaction
// through the partial index notifications_read_age, so two instances
// pruning at once only delete fewer rows each. Only the job prunes; the
// rows are derived, so it is not audited.
func (db *DB) PruneNotifications(ctx context.Context, before time.Time, batch int) (int, error) {
	if err := requireAdmin(ctx); err != nil {
		return 0, err
	}
	if batch < 1 {
		batch = DefaultPruneBatch
	}
	before = before.UTC().Truncate(time.Microsecond)
	total := 0
	for {
		res, err := db.db.ExecContext(ctx, `DELETE FROM notifications WHERE id IN (
			SELECT id FROM notifications WHERE read_at IS NOT NULL AND created_at < $1
			ORDER BY created_at LIMIT $2)`, before, batch)
		if err != nil {
			return total, err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return total, err
		}
		total += int(n)
		if int(n) < batch {
			return total, nil
		}
		if err := ctx.Err(); err != nil {
			return total, err
		}
	}
}
