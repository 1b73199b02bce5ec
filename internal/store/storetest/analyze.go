package storetest

import (
	"context"
	"database/sql"
	"strings"
	"testing"
)

// execQueryer is a pool or one connection of it.
type execQueryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Analyze refreshes the planner's statistics of the test's own tables.
// On PostgreSQL a bare ANALYZE would read every schema of the server —
// other tests' too, which they drop while it runs ("relation with OID …
// does not exist") — so it names the tables of the current schema.
func Analyze(t testing.TB, q execQueryer, engine string) {
	t.Helper()
	ctx := context.Background()
	stmt := "ANALYZE"
	if engine == "postgres" {
		rows, err := q.QueryContext(ctx, `SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`)
		if err != nil {
			t.Fatal(err)
		}
		var tables []string
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				t.Fatal(err)
			}
			tables = append(tables, name)
		}
		rows.Close()
		if err := rows.Err(); err != nil || len(tables) == 0 {
			t.Fatalf("the schema's tables: %v %v", tables, err)
		}
		stmt += " " + strings.Join(tables, ", ")
	}
	if _, err := q.ExecContext(ctx, stmt); err != nil {
		t.Fatalf("%.80s: %v", stmt, err)
	}
}
