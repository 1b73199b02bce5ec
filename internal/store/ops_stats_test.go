package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestTableStats: every Payesh table is listed once, without the
// engines' bookkeeping; a table the planner has no estimate for yet is
// counted, and after ANALYZE the estimate of a small table is its count;
// sizes come with the indexes on PostgreSQL always, on SQLite only when
// asked for.
func TestTableStats(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		newRoundWorld(t, db)
		exact := func(table string) int64 {
			var n int64
			if err := db.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM "`+table+`"`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		check := func(when string, sizes bool) {
			got, err := db.TableStats(ctx, sizes)
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]store.TableStat{}
			for _, s := range got {
				if _, dup := seen[s.Table]; dup || strings.HasPrefix(s.Table, "sqlite_") || s.Table == "schema_migrations" {
					t.Errorf("%s: table %q listed", when, s.Table)
				}
				seen[s.Table] = s
			}
			for _, table := range []string{"org_units", "users", "rounds", "reports", "audit_events", "work_items"} {
				s, ok := seen[table]
				if !ok {
					t.Errorf("%s: no %s", when, table)
					continue
				}
				if want := exact(table); s.Rows != want {
					t.Errorf("%s: %s has %d rows, estimated %d", when, table, want, s.Rows)
				}
				switch {
				case (db.Engine() == store.Postgres || sizes) && s.Bytes <= 0:
					t.Errorf("%s: %s is %d bytes", when, table, s.Bytes)
				case db.Engine() == store.SQLite && !sizes && s.Bytes != -1:
					t.Errorf("%s: %s is %d bytes, though sizes were not asked for", when, table, s.Bytes)
				}
			}
			if len(seen) < 25 {
				t.Errorf("%s: only %d tables", when, len(seen))
			}
		}
		check("before ANALYZE", false)
		storetest.Analyze(t, db.SQL(), db.Engine())
		check("after ANALYZE", false)
		check("with sizes", true)
		if n, err := db.DatabaseSize(ctx); err != nil || n <= 0 {
			t.Errorf("database size %d, %v", n, err)
		}
	})
}

// TestReady: a migrated database is ready; one that lacks the binary's
// latest migration is not, and says so; a closed one is not, for another
// reason.
func TestReady(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := db.Ready(ctx); err != nil {
			t.Fatalf("migrated: %v", err)
		}
		latest := store.LatestMigration()
		if !strings.HasPrefix(latest, "0") || strings.HasSuffix(latest, ".sql") {
			t.Errorf("latest migration %q", latest)
		}
		if _, err := db.SQL().ExecContext(ctx, `DELETE FROM schema_migrations WHERE name = $1`, "migrations/"+latest+".sql"); err != nil {
			t.Fatal(err)
		}
		if err := db.Ready(ctx); !errors.Is(err, store.ErrNotMigrated) || !strings.Contains(err.Error(), latest) {
			t.Errorf("without %s: %v", latest, err)
		}
		db.Close()
		if err := db.Ready(ctx); err == nil || errors.Is(err, store.ErrNotMigrated) {
			t.Errorf("closed: %v", err)
		}
	})
}
