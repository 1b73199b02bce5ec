package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
	"unicode/utf8"
)

// Scheduled jobs that must run once per slot — a backup every 24 h —
// whatever the number of instances that schedule them. Each instance
// wakes at the slot's start and tries to insert the slot's row; the
// primary key lets one insert win and the others find it there, on
// SQLite (one writer at a time) and PostgreSQL (the unique index) alike,
// as the digest's unique index makes one digest per user and day. A
// row, unlike an advisory lock, also outlives the run: an instance that
// starts after the slot's run finished does not run it again.

// slotKey is how a slot is stored: its start in UTC, to the second.
func slotKey(slot time.Time) string { return slot.UTC().Format(time.RFC3339) }

// ClaimSlot records that instance runs job's slot, and says whether it
// was the first to: false means another instance has (or had) it.
func (db *DB) ClaimSlot(ctx context.Context, job string, slot time.Time, instance string) (bool, error) {
	res, err := db.db.ExecContext(ctx, `INSERT INTO job_slots (job, slot, instance, started_at)
		VALUES ($1, $2, $3, $4) ON CONFLICT (job, slot) DO NOTHING`, job, slotKey(slot), instance, db.timestamp())
	if err != nil {
		return false, fmt.Errorf("store: claim %s slot %s: %w", job, slotKey(slot), err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// maxSlotDetail bounds what a run leaves in its row (an error's text).
const maxSlotDetail = 1000

// FinishSlot records how a claimed slot's run ended: ok, with detail
// (the file written), or failed, with the error's text.
func (db *DB) FinishSlot(ctx context.Context, job string, slot time.Time, ok bool, detail string) error {
	if len(detail) > maxSlotDetail {
		detail = detail[:maxSlotDetail]
		for !utf8.ValidString(detail) {
			detail = detail[:len(detail)-1]
		}
	}
	okInt := 0
	if ok {
		okInt = 1
	}
	_, err := db.db.ExecContext(ctx, `UPDATE job_slots SET finished_at = $1, ok = $2, detail = $3 WHERE job = $4 AND slot = $5`,
		db.timestamp(), okInt, detail, job, slotKey(slot))
	if err != nil {
		return fmt.Errorf("store: finish %s slot %s: %w", job, slotKey(slot), err)
	}
	return nil
}

// SlotRun is what a job's slot row says.
type SlotRun struct {
	Slot     string // RFC 3339, UTC
	Instance string
	Finished bool
	OK       bool
	Detail   string
}

// SlotRuns returns job's recorded slots, oldest first, at most limit.
func (db *DB) SlotRuns(ctx context.Context, job string, limit int) ([]SlotRun, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT slot, instance, finished_at IS NOT NULL, COALESCE(ok, 0), COALESCE(detail, '')
		FROM job_slots WHERE job = $1 ORDER BY slot LIMIT $2`, job, limit)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (s SlotRun, err error) {
		var ok int
		err = r.Scan(&s.Slot, &s.Instance, &s.Finished, &ok, &s.Detail)
		s.OK = ok == 1
		return s, err
	})
}
