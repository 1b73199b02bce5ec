package store_test

import (
	"fmt"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestTallyAndRootScope checks, against the rows themselves, a unit's
// tally (all its items, owned or shared, and the overdue among them) and
// the lists' totals: for a province, for the sole root — whose subtree
// holds every item, so its list has no unit condition — and for that root
// once a second root exists, when it no longer does.
func TestTallyAndRootScope(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		var provs []*payesh.OrgUnit
		for i := range 6 {
			provs = append(provs, mustUnit(t, db, org, payesh.UnitProvince, fmt.Sprintf("p%d", i)))
		}
		loadWork(t, db, 600)
		today := payesh.Today(fixedNow).String()

		// want counts the items owned under path, or shared with a unit
		// there, and the overdue among them, from the tables.
		want := func(path string) payesh.WorkTally {
			t.Helper()
			var w payesh.WorkTally
			err := db.SQL().QueryRow(`SELECT COUNT(*), COALESCE(SUM(CASE WHEN w.late_from < $2 THEN 1 ELSE 0 END), 0)
				FROM work_items w WHERE w.owner_unit_id IN (SELECT id FROM org_units WHERE path LIKE $1 || '%')
				OR w.id IN (SELECT p.work_item_id FROM work_item_partners p JOIN org_units u ON u.id = p.unit_id
					WHERE u.path LIKE $1 || '%')`, path, today).Scan(&w.All, &w.Overdue)
			if err != nil {
				t.Fatal(err)
			}
			return w
		}
		check := func(name string, u *payesh.OrgUnit) {
			t.Helper()
			exp := want(u.Path)
			f := payesh.WorkItemFilter{UnitID: u.ID, IncludePartner: true}
			got, err := db.TallyWork(sys, f)
			if err != nil || got != exp {
				t.Errorf("%s: tally %+v, %v; want %+v", name, got, err, exp)
			}
			if _, total, err := db.FindWorkItems(sys, f); err != nil || total != exp.All {
				t.Errorf("%s: list total %d, %v; want %d", name, total, err, exp.All)
			}
			f.Overdue = ptr(true)
			if _, total, err := db.FindWorkItems(sys, f); err != nil || total != exp.Overdue {
				t.Errorf("%s: overdue total %d, %v; want %d", name, total, err, exp.Overdue)
			}
			// A count given by the caller is taken as the total.
			f.Counted, f.Page = 7, payesh.Page{Limit: 5}
			if items, total, err := db.FindWorkItems(sys, f); err != nil || total != 7 || len(items) != min(5, exp.Overdue) {
				t.Errorf("%s: with Counted 7: total %d, %d items, %v", name, total, len(items), err)
			}
		}
		check("province", provs[1])
		if exp := want(org.Path); exp.All != 600 || exp.Overdue == 0 || exp.Overdue == exp.All {
			t.Fatalf("the data set does not test the root: %+v", exp)
		}
		check("sole root", org)

		// A second root: some items owned there, one shared back.
		other := mustUnit(t, db, nil, payesh.UnitOrganization, "other")
		if _, err := db.SQL().Exec(`UPDATE work_items SET owner_unit_id = $1 WHERE id % 9 = 0`, other.ID); err != nil {
			t.Fatal(err)
		}
		if exp := want(org.Path); exp.All == 600 {
			t.Fatalf("every item is still under the first root: %+v", exp)
		}
		check("one of two roots", org)
		check("the other root", other)

		if _, err := db.TallyWork(sys, payesh.WorkItemFilter{UnitID: 1 << 40}); err != nil {
			t.Errorf("an unknown unit: %v", err)
		}
	})
}
