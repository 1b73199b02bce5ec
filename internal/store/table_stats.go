package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// TableStat is what the metrics show of one table. Both numbers are
// estimates, read from what the engine already keeps rather than by
// counting: a count(*) of 20 M rows reads them all.
type TableStat struct {
	Table string
	// Rows is the planner's estimate: SQLite's sqlite_stat1 (as of the
	// last ANALYZE, which Open's PRAGMA optimize refreshes when a table
	// has grown), PostgreSQL's pg_class.reltuples (as of the last
	// autovacuum or ANALYZE). A table with no estimate yet — new, or
	// never analyzed — is counted, up to statCountCap rows.
	Rows int64
	// Bytes is the table's size with its indexes, and -1 when not asked
	// for on SQLite, where it is read page by page (dbstat).
	Bytes int64
}

// statCountCap bounds the count of a table without an estimate: such a
// table is small or new, and a larger one is shown as at least this.
const statCountCap = 100_000

// TableStats returns every Payesh table's estimated rows and, on
// PostgreSQL always and on SQLite when sizes is true, its bytes with its
// indexes. PostgreSQL's come from its catalog (pg_total_relation_size
// stats the files). SQLite's sizes walk every page of the file through
// the dbstat table — about a second per half gigabyte — so the caller
// asks for them rarely.
func (db *DB) TableStats(ctx context.Context, sizes bool) ([]TableStat, error) {
	var (
		out []TableStat
		err error
	)
	if db.engine == Postgres {
		out, err = db.pgTableStats(ctx)
	} else {
		out, err = db.sqliteTableStats(ctx, sizes)
	}
	if err != nil {
		return nil, fmt.Errorf("store: table statistics: %w", err)
	}
	for i := range out {
		if out[i].Rows >= 0 {
			continue
		}
		q := `SELECT COUNT(*) FROM (SELECT 1 FROM "` + out[i].Table + `" LIMIT ` + strconv.Itoa(statCountCap) + `) capped`
		if err := db.db.QueryRowContext(ctx, q).Scan(&out[i].Rows); err != nil {
			return nil, fmt.Errorf("store: table statistics of %s: %w", out[i].Table, err)
		}
	}
	return out, nil
}

// pgTableStats reads the catalog of the current schema; a reltuples of -1
// (never analyzed) is left for TableStats to count.
func (db *DB) pgTableStats(ctx context.Context) ([]TableStat, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT c.relname, CASE WHEN c.reltuples < 0 THEN -1 ELSE c.reltuples::bigint END,
			pg_total_relation_size(c.oid)
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname`)
	if err != nil {
		return nil, err
	}
	all, err := scanAll(rows, func(r *sql.Rows) (s TableStat, err error) { return s, r.Scan(&s.Table, &s.Rows, &s.Bytes) })
	if err != nil {
		return nil, err
	}
	return statsOfPayesh(all), nil
}

// sqliteTableStats takes each table's largest index count in sqlite_stat1
// (the first number of an index's stat is its rows; a partial index has
// fewer, a table without an index has a row whose idx is NULL).
func (db *DB) sqliteTableStats(ctx context.Context, sizes bool) ([]TableStat, error) {
	names, err := db.tableNames(ctx)
	if err != nil {
		return nil, err
	}
	est := map[string]int64{}
	var analyzed int
	if err := db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat1'`).Scan(&analyzed); err != nil {
		return nil, err
	}
	if analyzed > 0 {
		rows, err := db.db.QueryContext(ctx, `SELECT tbl, stat FROM sqlite_stat1`)
		if err != nil {
			return nil, err
		}
		type stat struct{ tbl, stat string }
		all, err := scanAll(rows, func(r *sql.Rows) (s stat, err error) { return s, r.Scan(&s.tbl, &s.stat) })
		if err != nil {
			return nil, err
		}
		for _, s := range all {
			first, _, _ := strings.Cut(s.stat, " ")
			if n, err := strconv.ParseInt(first, 10, 64); err == nil && n > est[s.tbl] {
				est[s.tbl] = n
			}
		}
	}
	bytes := map[string]int64{}
	if sizes {
		rows, err := db.db.QueryContext(ctx, `SELECT m.tbl_name, SUM(d.size)
			FROM (SELECT name, pgsize AS size FROM dbstat WHERE aggregate = 1) d
			JOIN sqlite_master m ON m.name = d.name GROUP BY m.tbl_name`)
		if err != nil {
			return nil, err
		}
		type size struct {
			tbl string
			n   int64
		}
		all, err := scanAll(rows, func(r *sql.Rows) (s size, err error) { return s, r.Scan(&s.tbl, &s.n) })
		if err != nil {
			return nil, err
		}
		for _, s := range all {
			bytes[s.tbl] = s.n
		}
	}
	out := make([]TableStat, 0, len(names))
	for _, n := range names {
		s := TableStat{Table: n, Rows: -1, Bytes: -1}
		if e, ok := est[n]; ok {
			s.Rows = e
		}
		if sizes {
			s.Bytes = bytes[n]
		}
		out = append(out, s)
	}
	return out, nil
}

// statsOfPayesh drops the bookkeeping tables a copy skips too.
func statsOfPayesh(all []TableStat) []TableStat {
	out := all[:0]
	for _, s := range all {
		if !copySkips[s.Table] {
			out = append(out, s)
		}
	}
	return out
}

// DatabaseSize is the database's size in bytes: SQLite's file (pages
// times page size, free pages included, as the disk sees it), or
// PostgreSQL's whole database (pg_database_size), both from the engine's
// bookkeeping.
func (db *DB) DatabaseSize(ctx context.Context) (int64, error) {
	q := `SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()`
	if db.engine == Postgres {
		q = `SELECT pg_database_size(current_database())`
	}
	var n int64
	if err := db.db.QueryRowContext(ctx, q).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: database size: %w", err)
	}
	return n, nil
}
