package store_test

import (
	"context"
	"testing"

	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestPostgresPoolBounded: the pool to PostgreSQL is bounded, by
// default and as set, so that a burst on several instances queues in
// each instead of exhausting the server's max_connections.
func TestPostgresPoolBounded(t *testing.T) {
	for _, c := range []struct{ set, want int }{{0, store.DefaultPostgresConns}, {3, 3}} {
		db, err := store.Open(context.Background(), storetest.DSN(t, store.Postgres), store.Options{MaxConns: c.set})
		if err != nil {
			t.Fatal(err)
		}
		if got := db.SQL().Stats().MaxOpenConnections; got != c.want {
			t.Errorf("MaxConns %d: the pool opens at most %d, want %d", c.set, got, c.want)
		}
		db.Close()
	}
}
