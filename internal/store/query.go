package store

import (
	"context"
	"database/sql"
	"fmt"
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

func (w *where) add(cond string, args ...any) {
	for _, a := range args {
		w.args = append(w.args, a)
		cond = strings.Replace(cond, "?", fmt.Sprintf("$%d", len(w.args)), 1)
	}
	w.conds = append(w.conds, cond)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// like returns a LIKE pattern that matches s anywhere, lower-cased, with
// LIKE's wildcards in s escaped.
func like(s string) string {
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
