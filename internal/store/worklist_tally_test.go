package store_test

import (
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestTallyWorkCapped: a unit's tally with a CountLimit is exact below
// the cap and says "more than" above it, for its work and its overdue work
// each, as the counts of the same lists say; without one it is exact.
func TestTallyWorkCapped(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		_, provs := planTree(t, db)
		loadWork(t, db, 3000)
		unit := payesh.WorkItemFilter{UnitID: provs[4].ID, IncludePartner: true}
		all, _, err := db.CountWorkItems(sys, unit, 0)
		if err != nil {
			t.Fatal(err)
		}
		late := unit
		late.Overdue = ptr(true)
		overdue, _, err := db.CountWorkItems(sys, late, 0)
		if err != nil {
			t.Fatal(err)
		}
		if overdue < 2 || overdue >= all {
			t.Fatalf("the test needs some work not overdue and some overdue: %d of %d", overdue, all)
		}
		for _, tt := range []struct {
			name string
			cap  int
			want payesh.WorkTally
		}{
			{"no cap", 0, payesh.WorkTally{All: all, Overdue: overdue}},
			{"above both", all, payesh.WorkTally{All: all, Overdue: overdue}},
			{"between", (all + overdue) / 2, payesh.WorkTally{All: (all + overdue) / 2, AllMore: true, Overdue: overdue}},
			{"at the overdue count", overdue, payesh.WorkTally{All: overdue, AllMore: true, Overdue: overdue}},
			{"below both", overdue / 2, payesh.WorkTally{All: overdue / 2, AllMore: true, Overdue: overdue / 2, OverdueMore: true}},
		} {
			t.Run(tt.name, func(t *testing.T) {
				f := unit
				f.CountLimit, f.Page = tt.cap, payesh.Page{Limit: 1}
				got, err := db.TallyWork(sys, f)
				if err != nil {
					t.Fatal(err)
				}
				if got != tt.want {
					t.Errorf("tally %+v, want %+v", got, tt.want)
				}
			})
		}
	})
}
