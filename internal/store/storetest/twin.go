package storetest

import (
	"context"
	"testing"

	"payesh/internal/password"
	"payesh/internal/store"
)

// OpenTwins returns two stores on one empty database — the same SQLite
// file, or the same PostgreSQL schema — each with its own connection pool,
// as two app instances would have. Tests of what must hold across
// instances (a job run on both at once) use them.
func OpenTwins(t testing.TB, engine string, opt store.Options) (*store.DB, *store.DB) {
	t.Helper()
	if opt.PasswordParams == (password.Params{}) {
		opt.PasswordParams = Fast
	}
	dsn := DSN(t, engine)
	var dbs [2]*store.DB
	for i := range dbs {
		db, err := store.Open(context.Background(), dsn, opt)
		if err != nil {
			t.Fatalf("open %s store %d: %v", engine, i+1, err)
		}
		t.Cleanup(func() { db.Close() })
		dbs[i] = db
	}
	return dbs[0], dbs[1]
}

// EngineTwins runs fn once per engine, like Engines, with two stores on
// one database.
func EngineTwins(t *testing.T, opt store.Options, fn func(t *testing.T, a, b *store.DB)) {
	for _, engine := range []string{store.SQLite, store.Postgres} {
		t.Run(engine, func(t *testing.T) {
			a, b := OpenTwins(t, engine, opt)
			fn(t, a, b)
		})
	}
}
