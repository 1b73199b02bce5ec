package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"payesh/internal/login"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestLoginAttemptsRoundTrip: counters come back in the order of the keys
// with what was stored, an error from fn stores nothing, and an empty
// counter is deleted.
func TestLoginAttemptsRoundTrip(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		keys := login.Keys("admin", "192.0.2.1")
		since := fixedNow.Add(-time.Minute)
		err := db.UpdateLoginAttempts(ctx, fixedNow, keys, func(cs []login.Counter) error {
			for i := range cs {
				if cs[i].Key != keys[i] || cs[i].Failures != 0 || !cs[i].Since.IsZero() {
					t.Errorf("new counter %d: %+v", i, cs[i])
				}
				cs[i].Failures = i + 1
				cs[i].Since = since
				cs[i].Next = fixedNow.Add(time.Duration(i) * time.Second)
				cs[i].Expires = fixedNow.Add(time.Hour)
			}
			cs[0].OK = fixedNow
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		boom := errors.New("boom")
		err = db.UpdateLoginAttempts(ctx, fixedNow, keys, func(cs []login.Counter) error {
			for i, c := range cs {
				if c.Key != keys[i] || c.Failures != i+1 || !c.Since.Equal(since) || !c.Next.Equal(fixedNow.Add(time.Duration(i)*time.Second)) {
					t.Errorf("stored counter %d: %+v", i, c)
				}
				cs[i].Failures = 100
			}
			if !cs[0].OK.Equal(fixedNow) || !cs[1].OK.IsZero() {
				t.Errorf("ok times %v %v", cs[0].OK, cs[1].OK)
			}
			return boom
		})
		if err != boom {
			t.Fatalf("fn's error came back as %v", err)
		}
		// Empty the address and the username; the pair keeps its success.
		err = db.UpdateLoginAttempts(ctx, fixedNow, keys, func(cs []login.Counter) error {
			if cs[2].Failures != 3 {
				t.Errorf("a failed fn stored %+v", cs[2])
			}
			for i := range cs {
				cs[i].Failures = 0
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n := countLoginRows(t, db); n != 1 {
			t.Errorf("%d rows, want only the pair's", n)
		}
	})
}

// TestLoginAttemptsPrune: rows that expired are deleted, live ones kept,
// so the table holds no more than the attempts of its window.
func TestLoginAttemptsPrune(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for i := range 20 {
			err := db.UpdateLoginAttempts(ctx, fixedNow, login.Keys(fmt.Sprint("user", i), "192.0.2.1"), func(cs []login.Counter) error {
				for j := range cs {
					cs[j].Failures = 1
					cs[j].Expires = fixedNow.Add(time.Duration(i) * time.Minute)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		// 20 pairs, 20 usernames, one address (expiring last).
		if n := countLoginRows(t, db); n != 41 {
			t.Fatalf("%d rows, want 41", n)
		}
		n, err := db.PruneLoginAttempts(ctx, fixedNow.Add(10*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		if n != 20 || countLoginRows(t, db) != 21 {
			t.Errorf("pruned %d, %d left; want 20 and 21", n, countLoginRows(t, db))
		}
		if n, _ := db.PruneLoginAttempts(ctx, fixedNow.Add(time.Hour)); n != 21 || countLoginRows(t, db) != 0 {
			t.Errorf("pruned %d, %d left; want 21 and 0", n, countLoginRows(t, db))
		}
	})
}

// TestLoginAttemptsConcurrent: goroutines adding to the same counters —
// and to counters of their own, in another order — lose no update, on
// SQLite and on PostgreSQL under READ COMMITTED.
func TestLoginAttemptsConcurrent(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		db.SQL().SetMaxOpenConns(8)
		ctx := context.Background()
		const workers, each = 8, 15
		var wg sync.WaitGroup
		errs := make(chan error, workers*each)
		for w := range workers {
			wg.Go(func() {
				for range each {
					// Shared pair and username, a private address; the
					// second key list is the reverse of the first.
					keys := login.Keys("shared", fmt.Sprint("10.0.0.", w))
					keys = append(keys, login.Key{Scope: login.ScopeAddr, Addr: "nat"})
					if w%2 == 1 {
						keys[0], keys[1], keys[2], keys[3] = keys[3], keys[2], keys[1], keys[0]
					}
					errs <- db.UpdateLoginAttempts(ctx, fixedNow, keys, func(cs []login.Counter) error {
						for i := range cs {
							cs[i].Failures++
							cs[i].Expires = fixedNow.Add(time.Hour)
						}
						return nil
					})
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		var user, nat int
		err := db.UpdateLoginAttempts(ctx, fixedNow, []login.Key{{Scope: login.ScopeUser, Username: "shared"}, {Scope: login.ScopeAddr, Addr: "nat"}},
			func(cs []login.Counter) error { user, nat = cs[0].Failures, cs[1].Failures; return nil })
		if err != nil {
			t.Fatal(err)
		}
		if user != workers*each || nat != workers*each {
			t.Errorf("username counted %d, address %d; want %d each", user, nat, workers*each)
		}
	})
}

func countLoginRows(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM login_attempts`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
