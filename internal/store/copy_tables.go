package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// table is one of Payesh's tables as a copy sees it: its columns, the
// key it is read in order of, and the tables it refers to.
type table struct {
	name    string
	columns []string
	key     []string // the primary key's columns, in order
	parents []string // tables its foreign keys point to (itself included)
	// treeKey orders a table that refers to itself (org_units,
	// work_items, clauses) parents first: a moved item may have a
	// parent with a larger id.
	treeKey string
}

// copySkips are tables a copy does not carry: the target's own migrations
// made its schema_migrations, and SQLite's bookkeeping is its own.
var copySkips = map[string]bool{"schema_migrations": true, "sqlite_sequence": true, "sqlite_stat1": true, "sqlite_stat4": true}

// tables lists the database's tables, parents before children.
func (db *DB) tables(ctx context.Context) ([]*table, error) {
	names, err := db.tableNames(ctx)
	if err != nil {
		return nil, err
	}
	byName := map[string]*table{}
	for _, n := range names {
		t := &table{name: n}
		if t.columns, t.key, err = db.tableColumns(ctx, n); err != nil {
			return nil, fmt.Errorf("store: columns of %s: %w", n, err)
		}
		if t.parents, err = db.tableParents(ctx, n); err != nil {
			return nil, fmt.Errorf("store: foreign keys of %s: %w", n, err)
		}
		if slices.Contains(t.parents, n) && slices.Contains(t.columns, "path") {
			t.treeKey = "LENGTH(path)"
		}
		byName[n] = t
	}
	// Parents first: repeatedly take the tables whose parents are placed.
	var out []*table
	placed := map[string]bool{}
	for len(out) < len(names) {
		progress := false
		for _, n := range names {
			t := byName[n]
			if placed[n] || slices.ContainsFunc(t.parents, func(p string) bool { return p != n && !placed[p] && byName[p] != nil }) {
				continue
			}
			out, placed[n], progress = append(out, t), true, true
		}
		if !progress {
			return nil, fmt.Errorf("store: the tables' foreign keys form a cycle")
		}
	}
	return out, nil
}

func (db *DB) tableNames(ctx context.Context) ([]string, error) {
	q := `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`
	if db.engine == Postgres {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`
	}
	rows, err := db.db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	all, err := scanAll(rows, func(r *sql.Rows) (n string, err error) { return n, r.Scan(&n) })
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(n string) bool { return copySkips[n] }), nil
}

// tableColumns returns a table's columns in their order and its primary
// key's.
func (db *DB) tableColumns(ctx context.Context, name string) (cols, key []string, err error) {
	if db.engine == SQLite {
		rows, err := db.db.QueryContext(ctx, `SELECT name, pk FROM pragma_table_info($1) ORDER BY cid`, name)
		if err != nil {
			return nil, nil, err
		}
		type col struct {
			name string
			pk   int
		}
		all, err := scanAll(rows, func(r *sql.Rows) (c col, err error) { return c, r.Scan(&c.name, &c.pk) })
		if err != nil {
			return nil, nil, err
		}
		slices.SortStableFunc(all, func(a, b col) int { return a.pk - b.pk })
		for _, c := range all {
			if c.pk > 0 {
				key = append(key, c.name)
			}
		}
		for _, c := range all {
			cols = append(cols, c.name)
		}
		slices.Sort(cols) // column order is the migrations' history on each engine; a copy names them
		return cols, key, nil
	}
	rows, err := db.db.QueryContext(ctx, `SELECT column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = $1 ORDER BY column_name`, name)
	if err != nil {
		return nil, nil, err
	}
	if cols, err = scanAll(rows, func(r *sql.Rows) (c string, err error) { return c, r.Scan(&c) }); err != nil {
		return nil, nil, err
	}
	rows, err = db.db.QueryContext(ctx, `SELECT a.attname FROM pg_index i
		JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
		WHERE i.indrelid = (quote_ident(current_schema()) || '.' || quote_ident($1))::regclass AND i.indisprimary
		ORDER BY array_position(i.indkey, a.attnum)`, name)
	if err != nil {
		return nil, nil, err
	}
	key, err = scanAll(rows, func(r *sql.Rows) (c string, err error) { return c, r.Scan(&c) })
	return cols, key, err
}

// tableParents returns the tables a table's foreign keys point to.
func (db *DB) tableParents(ctx context.Context, name string) ([]string, error) {
	q := `SELECT DISTINCT "table" FROM pragma_foreign_key_list($1)`
	if db.engine == Postgres {
		q = `SELECT DISTINCT ccu.table_name FROM information_schema.table_constraints tc
			JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
				AND ccu.constraint_schema = tc.constraint_schema
			WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema() AND tc.table_name = $1`
	}
	rows, err := db.db.QueryContext(ctx, q, name)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (p string, err error) { return p, r.Scan(&p) })
}

// orderBy is the order a table is read in: parents first for a tree, then
// the primary key (SQLite's rowid for a table without one).
func (t *table) orderBy() string {
	var parts []string
	if t.treeKey != "" {
		parts = append(parts, t.treeKey)
	}
	parts = append(parts, t.key...)
	if len(parts) == 0 {
		parts = t.columns
	}
	return " ORDER BY " + strings.Join(quoteAll(parts), ", ")
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		if strings.HasPrefix(n, "LENGTH(") {
			out[i] = n
			continue
		}
		out[i] = `"` + n + `"`
	}
	return out
}
