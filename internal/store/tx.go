package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"payesh"
)

// Tx is a write transaction that knows its actor and its moment, so every
// row it touches carries the same timestamp and every change one audit row.
type Tx struct {
	*sql.Tx
	db    *DB
	ctx   context.Context
	actor *payesh.User
	// scope is what the actor reads (scope.go): a write on what it may
	// not read answers not found, as the read would.
	scope scope
	now   time.Time
	held  map[int64]bool // advisory lock keys taken (lock.go)
}

// begin starts a write transaction for the user in ctx. The user's read
// scope is derived first, from the cached org tree, so that no check
// inside the transaction waits for a second connection.
func (db *DB) begin(ctx context.Context) (*Tx, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return &Tx{Tx: tx, db: db, ctx: ctx, actor: payesh.UserFrom(ctx), scope: s, now: db.timestamp()}, nil
}

// audit appends one event; before and after are marshalled as JSON (nil
// stays NULL).
func (tx *Tx) audit(entity string, id int64, action string, before, after any) error {
	b, err := jsonOrNil(before)
	if err != nil {
		return err
	}
	a, err := jsonOrNil(after)
	if err != nil {
		return err
	}
	var actorID *int64
	if tx.actor.ID != 0 {
		actorID = &tx.actor.ID
	}
	_, err = tx.ExecContext(tx.ctx, `
		INSERT INTO audit_events (at, actor_id, actor_name, entity, entity_id, action, before_json, after_json)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		tx.now, actorID, tx.actor.Username, entity, id, action, b, a)
	return err
}

// auditEvent is one event of a batch written by auditMany.
type auditEvent struct {
	entity        string
	id            int64
	action        string
	before, after any
}

// auditMany appends a batch's events in a few multi-row statements, for
// writes that change many rows at once.
func (tx *Tx) auditMany(events []auditEvent) error {
	var actorID *int64
	if tx.actor.ID != 0 {
		actorID = &tx.actor.ID
	}
	rows := make([][]any, len(events))
	for n, e := range events {
		b, err := jsonOrNil(e.before)
		if err != nil {
			return err
		}
		a, err := jsonOrNil(e.after)
		if err != nil {
			return err
		}
		rows[n] = []any{tx.now, actorID, tx.actor.Username, e.entity, e.id, e.action, b, a}
	}
	return tx.insertMany(`INSERT INTO audit_events (at, actor_id, actor_name, entity, entity_id, action, before_json, after_json) VALUES `,
		"", 8, len(rows), func(i int) []any { return rows[i] })
}

func jsonOrNil(v any) (*string, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	s := string(b)
	return &s, nil
}

// checkVersion turns a versioned UPDATE that touched nothing into a conflict
// carrying the current row; current must read it again, since on
// PostgreSQL another transaction may have committed since the first read.
func checkVersion(res sql.Result, current func() (any, error)) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 1 {
		return nil
	}
	cur, err := current()
	if err != nil {
		return err
	}
	return payesh.Conflict(cur)
}

// requireVersion rejects a write that does not say which version it edits:
// without it a stale edit could never be told from a fresh one.
func requireVersion(v int) error {
	if v <= 0 {
		return payesh.Invalid(map[string]string{"version": "err.version"})
	}
	return nil
}

func notFoundIfNoRows(err error, entity string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return payesh.NotFound(entity)
	}
	return err
}

// dependent names rows that stop a delete: query counts them for id $1, and
// key is the conflict message when there are any.
type dependent struct{ query, key string }

func childrenOf(table string) dependent {
	return dependent{`SELECT COUNT(*) FROM ` + table + ` WHERE parent_id = $1`, "err.has_children"}
}

// deleteRow deletes row id of table when the caller's version is current and
// nothing depends on it, and records the row as it was.
func (tx *Tx) deleteRow(entity, table string, id int64, before any, current, version int, deps ...dependent) error {
	if current != version {
		return payesh.Conflict(before)
	}
	for _, d := range deps {
		if n, err := tx.countRefs(d.query, id); err != nil || n > 0 {
			return orConflict(err, d.key)
		}
	}
	if _, err := tx.ExecContext(tx.ctx, `DELETE FROM `+table+` WHERE id = $1`, id); err != nil {
		return err
	}
	return tx.audit(entity, id, payesh.ActionDelete, before, nil)
}
