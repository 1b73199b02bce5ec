package store_test

import (
	"slices"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestCountedBound: a list given a bound of its count (a wider filter's,
// as the desk gives its overdue and this month's lists) returns the same
// page as the list that counts itself, whichever way the bound makes it
// read — through the filter's index under the cap, walking the sort's
// index above it — on both engines.
func TestCountedBound(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		o := newDigestOrg(t, db, 1500)
		for _, f := range []payesh.WorkItemFilter{
			{UnitID: o.org.ID, IncludePartner: true, Statuses: payesh.OpenStatuses, Overdue: ptr(true), Sort: "due_date", Page: payesh.Page{Limit: 10}},
			{UnitID: o.prov.ID, IncludePartner: true, Statuses: payesh.OpenStatuses, Overdue: ptr(true), Sort: "due_date", Page: payesh.Page{Limit: 10}},
			{UnitID: o.org.ID, IncludePartner: true, Statuses: payesh.OpenStatuses, Sort: "due_date", Page: payesh.Page{Limit: 10},
				DueAfter: payesh.NewDate(2024, 7, 31), DueBefore: payesh.NewDate(2024, 9, 1)},
		} {
			want, total, err := db.FindWorkItems(sys, f)
			if err != nil {
				t.Fatal(err)
			}
			if len(want) == 0 {
				t.Fatalf("the filter %+v finds nothing to compare", f)
			}
			for _, bound := range []int{total, total + 1, max(total, payesh.WorkCountCap+1), 100000} {
				g := f
				g.Counted = bound
				got, n, err := db.FindWorkItems(sys, g)
				if err != nil {
					t.Fatal(err)
				}
				if n != bound || !slices.EqualFunc(got, want, func(a, b *payesh.WorkItem) bool { return a.ID == b.ID }) {
					t.Errorf("bound %d (of %d): %d items, total %d; want the same page as counted", bound, total, len(got), n)
				}
			}
		}
	})
}
