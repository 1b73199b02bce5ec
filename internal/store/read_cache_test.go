package store_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestReadCacheOneLoad: callers asking at once for an answer the cache
// does not hold load it once, the others waiting for that load; then it
// is served without loading until a write; and when the shared load
// fails, each waiting caller loads for itself rather than take another
// request's error.
func TestReadCacheOneLoad(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		const callers = 8
		// together runs callers at once; first is the load that runs
		// first, held until the other callers wait on it; the others
		// run others.
		together := func(key string, first, others func() (any, error)) (got []any, errs []error, loads int32) {
			var n atomic.Int32
			release := make(chan struct{})
			load := func() (any, error) {
				if n.Add(1) == 1 {
					<-release
					return first()
				}
				return others()
			}
			got, errs = make([]any, callers), make([]error, callers)
			var wg sync.WaitGroup
			for i := range callers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					got[i], errs[i] = db.Cached(ctx, key, load)
				}()
			}
			for deadline := time.Now().Add(20 * time.Second); db.CacheWaiting(key) < callers-1; time.Sleep(time.Millisecond) {
				if time.Now().After(deadline) {
					close(release)
					wg.Wait()
					t.Fatalf("%s: %d callers wait on the load, want %d", key, db.CacheWaiting(key), callers-1)
				}
			}
			close(release)
			wg.Wait()
			return got, errs, n.Load()
		}
		answer := func() (any, error) { return "answer", nil }
		got, errs, loads := together("shared", answer, answer)
		if loads != 1 {
			t.Errorf("%d loads, want 1", loads)
		}
		for i := range callers {
			if got[i] != "answer" || errs[i] != nil {
				t.Errorf("caller %d: %v %v", i, got[i], errs[i])
			}
		}
		if v, err := db.Cached(ctx, "shared", func() (any, error) { return "again", nil }); v != "answer" || err != nil {
			t.Errorf("not served from the cache: %v %v", v, err)
		}
		mustUnit(t, db, nil, payesh.UnitOrganization, "sso") // a write: a new generation
		if v, err := db.Cached(ctx, "shared", func() (any, error) { return "fresh", nil }); v != "fresh" || err != nil {
			t.Errorf("after a write: %v %v", v, err)
		}

		gone := errors.New("the first caller's request is gone")
		got, errs, loads = together("failed", func() (any, error) { return nil, gone },
			func() (any, error) { return "own", nil })
		var failed, own int
		for i := range callers {
			switch {
			case errors.Is(errs[i], gone):
				failed++
			case got[i] == "own" && errs[i] == nil:
				own++
			}
		}
		if failed != 1 || own != callers-1 || loads != callers {
			t.Errorf("after a failed load: %d failed, %d loaded their own, %d loads", failed, own, loads)
		}
	})
}
