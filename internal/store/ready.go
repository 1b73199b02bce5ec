package store

import (
	"context"
	"database/sql"
	"fmt"
	"path"
	"strings"
)

// ErrNotMigrated says that the database answers but lacks a migration
// this binary carries: an instance that serves it would meet tables or
// columns that are not there yet. It has a NotMigrated method, which is
// how the API tells it from an unreachable database without importing
// the store.
var ErrNotMigrated error = notMigrated{}

type notMigrated struct{}

func (notMigrated) Error() string     { return "store: the database lacks migrations of this binary" }
func (notMigrated) NotMigrated() bool { return true }

// LatestMigration is the name of the binary's newest migration
// ("015_read_scope"), which /readyz names.
func LatestMigration() string {
	names := migrationNames()
	return strings.TrimSuffix(path.Base(names[len(names)-1]), ".sql")
}

// Ready reports whether the database answers and holds every migration
// of this binary: nil, ErrNotMigrated (wrapped, naming the first missing
// one), or the error that reaching it gave. Open migrates, so a running
// instance is normally ready; it stops being so when the database goes
// away, or is swapped for one restored from an older backup. A migration
// the database has and the binary lacks (a newer instance migrated it)
// does not make it unready: migrations only add.
func (db *DB) Ready(ctx context.Context) error {
	if err := db.db.PingContext(ctx); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT name FROM schema_migrations`)
	if err != nil {
		// A lost connection and a missing table both fail here; only
		// the second still answers a ping.
		if perr := db.db.PingContext(ctx); perr != nil {
			return fmt.Errorf("store: %w", perr)
		}
		return fmt.Errorf("%w: %v", ErrNotMigrated, err)
	}
	applied := map[string]bool{}
	names, err := scanAll(rows, func(r *sql.Rows) (n string, err error) { return n, r.Scan(&n) })
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	for _, n := range names {
		applied[n] = true
	}
	for _, n := range migrationNames() {
		if !applied[n] {
			return fmt.Errorf("%w: %s is not applied", ErrNotMigrated, path.Base(n))
		}
	}
	return nil
}
