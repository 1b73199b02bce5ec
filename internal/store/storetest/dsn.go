package storetest

import (
	"path/filepath"
	"testing"

	"payesh/internal/store"
)

// DSN returns the address of a new, empty database on the engine — a
// SQLite file in the test's temporary directory, or a PostgreSQL schema
// of its own — for tests that open it the way an operator would, e.g.
// through `payesh serve --db`. Without a PostgreSQL server the test is
// skipped, saying why.
func DSN(t testing.TB, engine string) string {
	t.Helper()
	if engine == store.Postgres {
		return postgresSchema(t)
	}
	return filepath.Join(t.TempDir(), "payesh.db")
}
