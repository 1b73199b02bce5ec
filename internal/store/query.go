package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"payesh"
)

// where builds a WHERE clause with numbered placeholders. Conditions are
// written with "?" and numbered as they are added, so one builder serves
// both engines and no value is ever spliced into SQL text.
type where struct {
	conds []string
	args  []any
}

// add appends cond with its "?"s numbered after the arguments already
// held, in one pass over cond: an IN list of thousands of ids costs what
// its length does. An argument beyond the "?"s is still held, numbered
// in turn, for a condition that names it itself.
func (w *where) add(cond string, args ...any) {
	if len(args) == 0 {
		w.conds = append(w.conds, cond)
		return
	}
	w.args = slices.Grow(w.args, len(args))
	var b strings.Builder
	b.Grow(len(cond) + len(args)*len(strconv.Itoa(len(w.args)+len(args))))
	var num [20]byte
	next := 0
	for i := 0; i < len(cond); i++ {
		if cond[i] != '?' || next == len(args) {
			b.WriteByte(cond[i])
			continue
		}
		w.args = append(w.args, args[next])
		next++
		b.WriteByte('$')
		b.Write(strconv.AppendInt(num[:0], int64(len(w.args)), 10))
	}
	w.args = append(w.args, args[next:]...)
	w.conds = append(w.conds, b.String())
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// like returns a LIKE pattern that matches s anywhere, lower-cased, with
// LIKE's wildcards in s escaped. A search term is never stored, so what no
// stored text holds — a NUL byte, invalid UTF-8, on which PostgreSQL would
// fail — is dropped rather than refused: the filter then answers on both
// engines alike, whichever door the term came through.
func like(s string) string {
	s = strings.ToValidUTF8(strings.ReplaceAll(s, "\x00", ""), "")
	s = strings.ToLower(payesh.NormalizeText(s))
	s = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
	return "%" + s + "%"
}

// inList returns "(?, ?, ?)" for n values.
func inList(n int) string {
	return "(" + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")"
}

// pageSQL returns the LIMIT/OFFSET tail for p.
func pageSQL(p payesh.Page) string {
	p = p.Normalized()
	return fmt.Sprintf(" LIMIT %d OFFSET %d", p.Limit, p.Offset)
}

// count runs SELECT COUNT(*) over from+where.
func (db *DB) count(ctx context.Context, from string, w *where) (int, error) {
	var n int
	err := db.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+from+w.String(), w.args...).Scan(&n)
	return n, err
}

// queryer is what both *sql.DB and *sql.Tx offer, so finders serve reads
// and the reads inside a write transaction alike.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// scanAll scans every row with scan.
func scanAll[T any](rows *sql.Rows, scan func(*sql.Rows) (T, error)) ([]T, error) {
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// childPath returns the materialized path of a row with id under parentPath.
func childPath(parentPath string, id int64) string {
	if parentPath == "" {
		parentPath = "/"
	}
	return fmt.Sprintf("%s%d/", parentPath, id)
}

// depthOf returns how deep a path is: "/1/" is 0, "/1/4/" is 1.
func depthOf(path string) int {
	return strings.Count(path, "/") - 2
}

// movePaths rewrites the paths of every row under oldPath to sit under
// newPath, in one statement, after a row moved in its tree.
func (tx *Tx) movePaths(table, oldPath, newPath string) error {
	if oldPath == newPath {
		return nil
	}
	_, err := tx.ExecContext(tx.ctx, `UPDATE `+table+`
		SET path = $1 || substr(path, $2), depth = depth + $3
		WHERE path LIKE $4 AND path <> $5`,
		newPath, len(oldPath)+1, depthOf(newPath)-depthOf(oldPath), oldPath+"%", oldPath)
	return err
}
