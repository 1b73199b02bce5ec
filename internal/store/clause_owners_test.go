package store_test

import (
	"context"
	"slices"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestClauseOwners: the units owning work linked to a clause or to a
// clause under it, each once, and none for a clause with no work.
func TestClauseOwners(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		fars := mustUnit(t, db, org, payesh.UnitProvince, "fars")
		gilan := mustUnit(t, db, org, payesh.UnitProvince, "gilan")
		doc := mustPolicy(t, db)
		clause := func(parent *payesh.Clause, n string) *payesh.Clause { return mustClause(t, db, doc, parent, n) }
		c1, c2, c3 := clause(nil, "1"), clause(nil, "2"), clause(nil, "3")
		c11 := clause(c1, "1-1")
		mustWork(t, db, sys, &payesh.WorkItem{Title: "الف", OwnerUnitID: fars.ID, ClauseIDs: []int64{c1.ID}})
		mustWork(t, db, sys, &payesh.WorkItem{Title: "ب", OwnerUnitID: fars.ID, ClauseIDs: []int64{c11.ID}})
		mustWork(t, db, sys, &payesh.WorkItem{Title: "پ", OwnerUnitID: gilan.ID, ClauseIDs: []int64{c11.ID, c2.ID}})
		for _, tc := range []struct {
			c    *payesh.Clause
			want []int64
		}{{c1, []int64{fars.ID, gilan.ID}}, {c11, []int64{fars.ID, gilan.ID}}, {c2, []int64{gilan.ID}}, {c3, []int64{}}} {
			got, err := db.ClauseOwners(sys, tc.c.ID)
			if err != nil || !slices.Equal(got, tc.want) {
				t.Errorf("clause %s: %v, %v; want %v", tc.c.Number, got, err, tc.want)
			}
		}
		if _, err := db.ClauseOwners(context.Background(), c1.ID); err == nil {
			t.Error("answered without a user")
		}
	})
}
