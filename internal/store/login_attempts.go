package store

import (
	"cmp"
	"context"
	"database/sql"
	"math/rand/v2"
	"slices"
	"time"

	"payesh/internal/login"
)

var _ login.Attempts = (*DB)(nil)

// UpdateLoginAttempts implements login.Attempts over the login_attempts
// table, so that every instance of the application counts the same
// failures.
//
// Each counter's row is created if missing and locked in one statement —
// INSERT … ON CONFLICT DO UPDATE, which on PostgreSQL under READ COMMITTED
// either inserts or locks the newest committed version of the row and
// returns it — and then written back from what fn left, in the same
// transaction. A second sign-in on the same pair therefore waits at the
// upsert until the first commits, and reads its result: no count is lost
// and no reservation is made twice. Rows are locked in ascending key
// order, so two transactions never wait on each other in a cycle (lock.go);
// a deadlock or serialization failure is retried like any write. SQLite
// needs no row lock: the transaction begins IMMEDIATE and holds the
// database's write lock throughout.
//
// Roughly one call in pruneEvery also deletes the rows that expired before
// now, so the table stays bounded without a job of its own.
func (db *DB) UpdateLoginAttempts(ctx context.Context, now time.Time, keys []login.Key, fn func([]login.Counter) error) error {
	now = now.UTC().Truncate(time.Microsecond)
	if rand.IntN(pruneEvery) == 0 {
		// Best effort: a failed prune leaves rows for the next one.
		db.PruneLoginAttempts(ctx, now)
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		ka, kb := keys[a], keys[b]
		return cmp.Or(cmp.Compare(ka.Scope, kb.Scope), cmp.Compare(ka.Username, kb.Username), cmp.Compare(ka.Addr, kb.Addr))
	})
	for attempt := 1; ; attempt++ {
		err := db.updateLoginAttempts(ctx, now, keys, order, fn)
		if !retryable(err) || attempt == maxWriteAttempts {
			return err
		}
		pause := time.Duration(rand.Int64N(int64(attempt) * int64(5*time.Millisecond)))
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
	}
}

// pruneEvery is how many updates, on average, run one prune.
const pruneEvery = 32

func (db *DB) updateLoginAttempts(ctx context.Context, now time.Time, keys []login.Key, order []int, fn func([]login.Counter) error) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	cs := make([]login.Counter, len(keys))
	for _, i := range order {
		k := keys[i]
		c := login.Counter{Key: k}
		var since, next, ok sql.NullTime
		err := tx.QueryRowContext(ctx, `
			INSERT INTO login_attempts (scope, username, addr, failures, expires_at) VALUES ($1, $2, $3, 0, $4)
			ON CONFLICT (scope, username, addr) DO UPDATE SET failures = login_attempts.failures
			RETURNING failures, since_at, next_at, ok_at`,
			string(k.Scope), k.Username, k.Addr, now).Scan(&c.Failures, &since, &next, &ok)
		if err != nil {
			return err
		}
		c.Since, c.Next, c.OK = since.Time, next.Time, ok.Time
		cs[i] = c
	}
	if err := fn(cs); err != nil {
		return err
	}
	for _, i := range order {
		c := cs[i]
		if c.Empty() {
			_, err = tx.ExecContext(ctx, `DELETE FROM login_attempts WHERE scope = $1 AND username = $2 AND addr = $3`,
				string(c.Scope), c.Username, c.Addr)
		} else {
			_, err = tx.ExecContext(ctx, `
				UPDATE login_attempts SET failures = $4, since_at = $5, next_at = $6, ok_at = $7, expires_at = $8
				WHERE scope = $1 AND username = $2 AND addr = $3`,
				string(c.Scope), c.Username, c.Addr, c.Failures,
				storedTime(c.Since), storedTime(c.Next), storedTime(c.OK), c.Expires.UTC().Truncate(time.Microsecond))
		}
		if err != nil {
			return err
		}
	}
	return tx.Commit()
}

// storedTime is t as the store keeps times, or NULL for the zero time.
func storedTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Truncate(time.Microsecond)
}

// PruneLoginAttempts deletes the counters that expired before now and
// returns how many. UpdateLoginAttempts runs it now and then; a job may
// too.
func (db *DB) PruneLoginAttempts(ctx context.Context, now time.Time) (int64, error) {
	res, err := db.db.ExecContext(ctx, `DELETE FROM login_attempts WHERE expires_at < $1`, now.UTC().Truncate(time.Microsecond))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
