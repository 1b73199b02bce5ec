package store

import (
	"errors"
	"slices"
)

// Concurrency design — how a stored number stays equal to what it is
// derived from under any interleaving of writers, on both engines and
// across app instances sharing one database.
//
// A number derived from other rows (a parent's progress, an indicator's
// roll-ups at every unit and period) is only ever written by a
// transaction that first takes the lock of the aggregate it belongs to,
// then reads, computes and writes:
//
//   - the org tree: one lock, shared by every writer that follows unit
//     paths to roll values up, exclusive for whatever changes a path
//     (creating, moving or deleting a unit);
//   - a work tree: one lock per top-level work item, taken by every write
//     that changes an item of the tree or its shape;
//   - an indicator: one lock per indicator, taken by every write of its
//     values or roll-ups.
//
// Locks are taken in that order — org tree, work trees, indicators — and
// within a kind in ascending id, so two writers never wait on each other
// in a cycle. They are PostgreSQL transaction-scoped advisory locks: held
// until commit or rollback, after which the next holder's statements see
// the committed rows (READ COMMITTED takes a fresh snapshot per
// statement). SQLite needs none: BEGIN IMMEDIATE gives each write
// transaction the database's single write lock for its whole life, which
// also serializes several processes on one file.
//
// Everything else relies on single statements that are atomic on their
// own: versioned UPDATE … WHERE version = $n (optimistic concurrency for
// what users edit), INSERT … ON CONFLICT for rows that may be created
// twice, and the write wrapper (write.go) that runs a transaction again
// when PostgreSQL reports a deadlock or serialization failure, or when a
// lock turned out to be the wrong one (errRetry).
//
// Why not SERIALIZABLE: every write would need to be retryable anyway,
// and under contention on one program or one indicator — a round's last
// day — most attempts would fail and retry; the locks make them queue
// instead, each waiting only for the writers of the same aggregate.

// lockSpace separates the kinds of lock in PostgreSQL's one advisory key
// space: a key is the space in the top bits and the id below.
type lockSpace int64

const (
	lockOrgTree lockSpace = iota + 1
	lockWorkTree
	lockIndicator
)

const lockIDBits = 48

// errRetry says that a transaction locked an aggregate that, by the time
// the lock was granted, no longer held the row it is about — an item
// moved to another work tree meanwhile. write runs the transaction again.
var errRetry = errors.New("store: lock target moved; retry")

// lockOrg takes the org tree lock: shared for writers that read unit
// paths, exclusive for writers that change them.
func (tx *Tx) lockOrg(exclusive bool) error {
	if tx.db.engine != Postgres {
		return nil
	}
	fn := "pg_advisory_xact_lock_shared"
	if exclusive {
		fn = "pg_advisory_xact_lock"
	}
	_, err := tx.ExecContext(tx.ctx, `SELECT `+fn+`($1)`, lockKey(lockOrgTree, 0))
	return err
}

// lock takes the exclusive locks of the given ids in one space, in
// ascending order, skipping those this transaction already holds.
func (tx *Tx) lock(space lockSpace, ids ...int64) error {
	if tx.db.engine != Postgres || len(ids) == 0 {
		return nil
	}
	ids = slices.Clone(ids)
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		key := lockKey(space, id)
		if tx.held[key] {
			continue
		}
		if _, err := tx.ExecContext(tx.ctx, `SELECT pg_advisory_xact_lock($1)`, key); err != nil {
			return err
		}
		if tx.held == nil {
			tx.held = map[int64]bool{}
		}
		tx.held[key] = true
	}
	return nil
}

func lockKey(space lockSpace, id int64) int64 {
	return int64(space)<<lockIDBits | id&(1<<lockIDBits-1)
}

// forUpdate is the row-lock suffix of a SELECT whose row the transaction
// goes on to change: PostgreSQL's FOR UPDATE; SQLite has no row locks and
// needs none.
func (tx *Tx) forUpdate() string {
	if tx.db.engine == Postgres {
		return " FOR UPDATE"
	}
	return ""
}
