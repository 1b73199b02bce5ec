package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"payesh"
)

// Copying a database: every table of one Payesh database into another,
// empty and migrated, of either engine — to grow from the embedded SQLite
// to PostgreSQL, to keep a local copy of the national database, or to
// make and restore a backup. The source is read in one snapshot (a read
// transaction), table by table, parents before children, each table in
// its key's order; the target is written in batches, a transaction each.
// Then the target's identity sequences are moved past the copied ids, and
// every table is counted and checksummed on both sides the same way.

// CopyBatch is how many rows a target transaction writes.
const CopyBatch = 2000

// TableCopy is what a copy found of one table on both sides.
type TableCopy struct {
	Table                string
	Source, Target       int64  // rows
	SourceSum, TargetSum string // checksum of the rows in key order
}

// Matches reports whether the table arrived whole.
func (t TableCopy) Matches() bool { return t.Source == t.Target && t.SourceSum == t.TargetSum }

// CopyProgress is told, after each batch, how far a table has come.
type CopyProgress func(table string, copied, total int64)

// ErrTargetNotEmpty refuses a copy into a database that holds data.
var ErrTargetNotEmpty = errors.New("store: the target database is not empty")

// CopyTo copies every table of db into dst, which must be migrated and
// hold no rows, and returns each table's counts and checksums on both
// sides; an error when any differ.
func (db *DB) CopyTo(ctx context.Context, dst *DB, progress CopyProgress) ([]TableCopy, error) {
	tables, err := db.tables(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range tables {
		var n int64
		if err := dst.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM "`+t.name+`"`).Scan(&n); err != nil {
			return nil, fmt.Errorf("store: the target lacks table %s (migrate it first): %w", t.name, err)
		}
		if n > 0 {
			return nil, fmt.Errorf("%w: %s has %d rows", ErrTargetNotEmpty, t.name, n)
		}
	}
	snap, err := db.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	defer snap.close()
	var out []TableCopy
	for _, t := range tables {
		tc := TableCopy{Table: t.name}
		if tc.Source, tc.SourceSum, err = checksum(ctx, snap.q, t); err != nil {
			return nil, fmt.Errorf("store: checksum of %s: %w", t.name, err)
		}
		if err := copyTable(ctx, snap.q, dst, t, tc.Source, progress); err != nil {
			return nil, fmt.Errorf("store: copy %s: %w", t.name, err)
		}
		out = append(out, tc)
	}
	if err := dst.resetSequences(ctx, tables); err != nil {
		return nil, err
	}
	bad := 0
	for i, t := range tables {
		if out[i].Target, out[i].TargetSum, err = checksum(ctx, dst.db, t); err != nil {
			return nil, fmt.Errorf("store: checksum of %s in the target: %w", t.name, err)
		}
		if !out[i].Matches() {
			bad++
		}
	}
	if bad > 0 {
		return out, fmt.Errorf("store: %d tables differ after the copy", bad)
	}
	return out, nil
}

// snapshot is a read transaction on the source: every table is read as
// of one moment while the server goes on writing. SQLite's is a plain
// (deferred) BEGIN on one connection, which takes no write lock.
type snapshot struct {
	q     queryer
	close func()
}

func (db *DB) snapshot(ctx context.Context) (*snapshot, error) {
	if db.engine == Postgres {
		tx, err := db.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			return nil, err
		}
		return &snapshot{q: tx, close: func() { tx.Rollback() }}, nil
	}
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		conn.Close()
		return nil, err
	}
	return &snapshot{q: conn, close: func() {
		conn.ExecContext(context.Background(), "ROLLBACK")
		conn.Close()
	}}, nil
}

// copyTable streams t's rows from src into dst, CopyBatch rows a
// transaction.
func copyTable(ctx context.Context, src queryer, dst *DB, t *table, total int64, progress CopyProgress) error {
	rows, err := src.QueryContext(ctx, `SELECT `+strings.Join(quoteAll(t.columns), ", ")+` FROM "`+t.name+`"`+t.orderBy())
	if err != nil {
		return err
	}
	defer rows.Close()
	head := `INSERT INTO "` + t.name + `" (` + strings.Join(quoteAll(t.columns), ", ") + `) VALUES `
	var batch [][]any
	var copied int64
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := dst.write(payesh.WithUser(ctx, payesh.System), func(tx *Tx) error {
			return tx.insertMany(head, "", len(t.columns), len(batch), func(i int) []any { return batch[i] })
		})
		copied += int64(len(batch))
		batch = batch[:0]
		if progress != nil {
			progress(t.name, copied, total)
		}
		return err
	}
	for rows.Next() {
		row := make([]any, len(t.columns))
		ptrs := make([]any, len(row))
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		batch = append(batch, row)
		if len(batch) == CopyBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if err := flush(); err != nil {
		return err
	}
	if progress != nil && total == 0 {
		progress(t.name, 0, 0)
	}
	return nil
}

// resetSequences moves each PostgreSQL identity past the largest id
// copied, so that the next row gets a new one. SQLite's AUTOINCREMENT
// keeps its own counter from the ids inserted.
func (db *DB) resetSequences(ctx context.Context, tables []*table) error {
	if db.engine != Postgres {
		return nil
	}
	for _, t := range tables {
		if len(t.key) != 1 || t.key[0] != "id" {
			continue
		}
		var seq sql.NullString
		if err := db.db.QueryRowContext(ctx, `SELECT pg_get_serial_sequence($1, 'id')`, t.name).Scan(&seq); err != nil {
			return err
		}
		if !seq.Valid {
			continue
		}
		if _, err := db.db.ExecContext(ctx, `SELECT setval($1, COALESCE((SELECT MAX(id) FROM "`+t.name+`"), 0) + 1, false)`, seq.String); err != nil {
			return fmt.Errorf("store: sequence of %s: %w", t.name, err)
		}
	}
	return nil
}

// checksum counts t's rows and hashes them in key order, each value
// written the same way whichever engine read it: a time as UTC to the
// microsecond, a number in its shortest form, bytes in hex.
func checksum(ctx context.Context, q queryer, t *table) (int64, string, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+strings.Join(quoteAll(t.columns), ", ")+` FROM "`+t.name+`"`+t.orderBy())
	if err != nil {
		return 0, "", err
	}
	defer rows.Close()
	h := sha256.New()
	var n int64
	vals := make([]any, len(t.columns))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var b []byte
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return 0, "", err
		}
		b = b[:0]
		for _, v := range vals {
			b = appendCanonical(b, v)
			b = append(b, 0x1f)
		}
		b = append(b, 0x1e)
		h.Write(b)
		n++
	}
	return n, hex.EncodeToString(h.Sum(nil)), rows.Err()
}

// appendCanonical writes a value as the checksum reads it.
func appendCanonical(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, "\x00null"...)
	case time.Time:
		return x.UTC().Truncate(time.Microsecond).AppendFormat(b, time.RFC3339Nano)
	case int64:
		return strconv.AppendInt(b, x, 10)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return strconv.AppendInt(b, int64(x), 10)
		}
		return strconv.AppendFloat(b, x, 'g', -1, 64)
	case bool:
		if x {
			return append(b, '1')
		}
		return append(b, '0')
	case []byte:
		return hex.AppendEncode(b, x)
	case string:
		return append(b, x...)
	}
	return fmt.Append(b, v)
}
