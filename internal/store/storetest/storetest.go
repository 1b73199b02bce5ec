// Package storetest opens real, empty, migrated databases for tests: a
// SQLite file in the test's temporary directory, and a fresh PostgreSQL
// schema when PAYESH_TEST_POSTGRES holds a server URL.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"payesh"
	"payesh/internal/password"
	"payesh/internal/store"
)

// EnvPostgres names the variable that holds the PostgreSQL test server URL.
const EnvPostgres = "PAYESH_TEST_POSTGRES"

// Fast are password costs for tests: argon2id still, but cheap.
var Fast = password.Params{Time: 1, Memory: 1024, Threads: 1}

// Open returns an empty store on PostgreSQL when the server is configured,
// otherwise on SQLite. It is closed and removed when the test ends.
func Open(t testing.TB, opt store.Options) *store.DB {
	if os.Getenv(EnvPostgres) != "" {
		return OpenEngine(t, store.Postgres, opt)
	}
	return OpenEngine(t, store.SQLite, opt)
}

// OpenEngine returns an empty store on the named engine; for PostgreSQL
// without a configured server the test is skipped, saying why.
func OpenEngine(t testing.TB, engine string, opt store.Options) *store.DB {
	t.Helper()
	if opt.PasswordParams == (password.Params{}) {
		opt.PasswordParams = Fast
	}
	dsn := DSN(t, engine)
	db, err := store.Open(context.Background(), dsn, opt)
	if err != nil {
		t.Fatalf("open %s store: %v", engine, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Engines runs fn once per engine as subtests named "sqlite" and
// "postgres", so `go test -v` shows that both engines ran.
func Engines(t *testing.T, opt store.Options, fn func(t *testing.T, db *store.DB)) {
	for _, engine := range []string{store.SQLite, store.Postgres} {
		t.Run(engine, func(t *testing.T) {
			fn(t, OpenEngine(t, engine, opt))
		})
	}
}

// postgresSchema creates a schema of its own for one test and returns a DSN
// whose search_path points at it, so tests run in parallel on one server.
func postgresSchema(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		t.Skipf("PostgreSQL store tests need %s=postgres://…; .ci/run sets it", EnvPostgres)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		admin.Close()
		t.Fatalf("create test schema: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// System returns a context acting as the system user, for setting up data.
func System() context.Context {
	return payesh.WithUser(context.Background(), payesh.System)
}

// ApproveAll approves, as the system user, every value of the indicators
// listed (of every indicator when none is) that is not approved yet, so
// that the leadership numbers count them.
func ApproveAll(t testing.TB, db *store.DB, indicatorIDs ...int64) {
	t.Helper()
	if len(indicatorIDs) == 0 {
		indicatorIDs = []int64{0}
	}
	for _, id := range indicatorIDs {
		vals, err := db.FindValues(System(), payesh.ValueFilter{IndicatorID: id})
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, v := range vals {
			if v.State != payesh.ValueApproved {
				ids = append(ids, v.ID)
			}
		}
		if len(ids) == 0 {
			continue
		}
		if _, err := db.ReviewValues(System(), ids, payesh.ValueApproved); err != nil {
			t.Fatal(err)
		}
	}
}
