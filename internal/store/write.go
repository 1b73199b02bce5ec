package store

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"payesh"
)

// maxWriteAttempts bounds how often write runs one transaction: a
// deadlock needs one more try, a queue of writers moving the same items
// a few.
const maxWriteAttempts = 8

// write runs fn in one write transaction for the user in ctx and commits.
// A transaction PostgreSQL chose as a deadlock's victim or failed for
// serialization, or one that locked an aggregate its row had left
// (errRetry), is rolled back and run again from the start, so fn must
// derive everything it writes from what it reads inside tx. What still
// fails as a database constraint — a unique key or a reference another
// transaction won the race for — is a conflict, never a 5xx.
func (db *DB) write(ctx context.Context, fn func(tx *Tx) error) error {
	for attempt := 1; ; attempt++ {
		err := db.writeOnce(ctx, fn)
		if !retryable(err) || attempt == maxWriteAttempts {
			return constraintConflict(err)
		}
		// A short random pause lets the winner commit before the retry.
		pause := time.Duration(rand.Int64N(int64(attempt) * int64(5*time.Millisecond)))
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
	}
}

func (db *DB) writeOnce(ctx context.Context, fn func(tx *Tx) error) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// PostgreSQL error codes write acts on.
const (
	pgSerializationFailure = "40001"
	pgDeadlockDetected     = "40P01"
	pgUniqueViolation      = "23505"
	pgForeignKeyViolation  = "23503"
)

func retryable(err error) bool {
	if errors.Is(err, errRetry) {
		return true
	}
	var pg *pgconn.PgError
	return errors.As(err, &pg) && (pg.Code == pgSerializationFailure || pg.Code == pgDeadlockDetected)
}

// constraintConflict turns a constraint the database enforced against a
// concurrent writer into the domain's conflict; other errors pass as
// they are. A domain error is already what the caller should see.
func constraintConflict(err error) error {
	var e *payesh.Error
	switch {
	case err == nil, errors.As(err, &e):
		return err
	case retryable(err):
		return payesh.Errorf(payesh.ECONFLICT, "err.busy") // still losing after every attempt
	case isUniqueViolation(err):
		return payesh.Errorf(payesh.ECONFLICT, "err.duplicate")
	case isForeignKeyViolation(err):
		return payesh.Errorf(payesh.ECONFLICT, "err.ref_changed")
	}
	return err
}

// isUniqueViolation reports whether err is a unique-constraint failure in
// either engine; the caller turns it into a conflict on the right field.
func isUniqueViolation(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == pgUniqueViolation
	}
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

func isForeignKeyViolation(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == pgForeignKeyViolation
	}
	return err != nil && strings.Contains(err.Error(), "FOREIGN KEY constraint failed")
}
