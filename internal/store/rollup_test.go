package store_test

import (
	"context"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestRollUpMatchesBruteForce builds random trees, reports random progress
// and moves random subtrees, and checks every stored progress against a
// from-scratch computation over the leaves.
func TestRollUpMatchesBruteForce(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		rng := rand.New(rand.NewPCG(1401, 121))
		var items []*payesh.WorkItem
		for i := 0; i < 40; i++ {
			w := &payesh.WorkItem{Title: "کار", OwnerUnitID: org.ID, Weight: float64(1 + rng.IntN(5))}
			if i > 0 && rng.IntN(4) > 0 {
				w.ParentID = &items[rng.IntN(len(items))].ID
			}
			items = append(items, mustWork(t, db, sys, w))
		}
		for step := 0; step < 60; step++ {
			w := mustFind(t, db, items[rng.IntN(len(items))].ID)
			switch {
			case w.ChildCount == 0 && rng.IntN(5) == 0:
				_, _, err := db.PostProgress(sys, w.ID, payesh.ProgressUpdateInput{Status: payesh.StatusCancelled, Version: w.Version})
				if err != nil {
					t.Fatal(err)
				}
			case w.ChildCount == 0:
				progress(t, db, sys, w.ID, float64(rng.IntN(101)))
			default:
				moveRandomly(t, db, w, items, rng)
			}
			checkTree(t, db)
		}
	})
}

func moveRandomly(t *testing.T, db *store.DB, w *payesh.WorkItem, items []*payesh.WorkItem, rng *rand.Rand) {
	target := items[rng.IntN(len(items))].ID
	_, err := db.UpdateWorkItem(sys, w.ID, payesh.WorkItemUpdate{ParentID: &target, Version: w.Version})
	if code := payesh.ErrorCode(err); code != "" && code != payesh.EINVALID {
		t.Fatal(err) // EINVALID is a refused cycle, which is fine
	}
}

// checkTree recomputes every parent's progress from the stored leaves.
func checkTree(t *testing.T, db *store.DB) {
	t.Helper()
	all, _, err := db.FindWorkItems(sys, payesh.WorkItemFilter{Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	children := map[int64][]*payesh.WorkItem{}
	for _, w := range all {
		if w.ParentID != nil {
			children[*w.ParentID] = append(children[*w.ParentID], w)
		}
	}
	var want func(w *payesh.WorkItem) float64
	want = func(w *payesh.WorkItem) float64 {
		kids := children[w.ID]
		if len(kids) == 0 {
			return w.Progress
		}
		var sum, weights float64
		for _, k := range kids {
			if k.Status != payesh.StatusCancelled {
				sum += k.Weight * want(k)
				weights += k.Weight
			}
		}
		if weights == 0 {
			return 0
		}
		return sum / weights
	}
	for _, w := range all {
		if got, exp := w.Progress, want(w); math.Abs(got-exp) > 1e-6 {
			t.Fatalf("item %d: progress %v, brute force %v", w.ID, got, exp)
		}
	}
}

// TestConcurrentProgressOneWinner posts two updates against the same
// version at once: one lands, the other is a conflict, never both.
func TestConcurrentProgressOneWinner(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		for round := 0; round < 5; round++ {
			w := mustWork(t, db, sys, &payesh.WorkItem{Title: "کار", OwnerUnitID: org.ID})
			var wg sync.WaitGroup
			errs := make([]error, 2)
			for i := range errs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					p := float64(10 * (i + 1))
					_, _, errs[i] = db.PostProgress(sys, w.ID, payesh.ProgressUpdateInput{Progress: &p, Version: 1})
				}()
			}
			wg.Wait()
			codes := payesh.ErrorCode(errs[0]) + "|" + payesh.ErrorCode(errs[1])
			if codes != "|conflict" && codes != "conflict|" {
				t.Fatalf("round %d: results %v", round, errs)
			}
			if hist, _ := db.FindProgressUpdates(sys, w.ID); len(hist) != 1 {
				t.Fatalf("round %d: %d history rows", round, len(hist))
			}
		}
	})
}

func TestMigrateIsIdempotent(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for i := 0; i < 2; i++ {
			if err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
		}
		var n int
		if err := db.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n < 1 {
			t.Fatalf("schema_migrations rows %d, %v", n, err)
		}
	})
}
