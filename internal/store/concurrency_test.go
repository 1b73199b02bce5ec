package store_test

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"payesh"
	"payesh/internal/store"
)

// The concurrency tests run every writer against two stores on one
// database — two app instances — so that on PostgreSQL (READ COMMITTED)
// they interleave for real. After each round the stored numbers are
// checked against a plain computation over the raw rows.

const (
	writers     = 8
	rounds      = 6
	maxAttempts = 60
)

// hammer runs writers goroutines at once, each calling op(worker) until
// it succeeds. A conflict — someone else changed the row meanwhile — is
// the answer optimistic concurrency gives and is tried again with a
// fresh read; any other error fails the test.
func hammer(t *testing.T, dbs [2]*store.DB, op func(db *store.DB, worker int) error) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db := dbs[w%2]
			for attempt := 0; ; attempt++ {
				err := op(db, w)
				if err == nil {
					return
				}
				if payesh.ErrorCode(err) != payesh.ECONFLICT || attempt == maxAttempts {
					errs <- fmt.Errorf("writer %d, attempt %d: %w", w, attempt, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if t.Failed() {
		t.FailNow()
	}
}

// writerSeeds gives each writer of a round its own random stream,
// reproducible from the round and the test's salt.
func writerSeeds(round int, salt uint64) []uint64 {
	rng := rand.New(rand.NewPCG(uint64(round), salt))
	seeds := make([]uint64, writers)
	for i := range seeds {
		seeds[i] = rng.Uint64()
	}
	return seeds
}

// withVersions returns values with the version each cell holds now, as a
// writer who has just read the grid sends them.
func withVersions(t *testing.T, db *store.DB, values ...payesh.IndicatorValue) []payesh.IndicatorValue {
	t.Helper()
	out := make([]payesh.IndicatorValue, len(values))
	for i, v := range values {
		cur, err := db.FindValues(sys, payesh.ValueFilter{IndicatorID: v.IndicatorID, UnitID: v.UnitID, From: v.Period, To: v.Period})
		if err != nil {
			t.Fatal(err)
		}
		if len(cur) == 1 {
			v.Version = cur[0].Version
		}
		out[i] = v
	}
	return out
}
