package store_test

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestWorkListSortAndCount checks, on 3,000 items, that every sort gives
// the order its definition does — undated items last in both directions,
// ties broken by id in the sort's direction — page after page, both when
// the page is chosen by walking the sort key's index (many matches) and
// through a filter's index (a province's few); and that a capped count
// says "more than" exactly when there are more.
func TestWorkListSortAndCount(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		var provs []*payesh.OrgUnit
		for i := range 12 {
			provs = append(provs, mustUnit(t, db, org, payesh.UnitProvince, fmt.Sprintf("p%d", i)))
		}
		loadWork(t, db, 3000)
		type row struct {
			id       int64
			due      sql.NullString
			progress float64
			owner    int64
			shown    payesh.Status
		}
		var all []row
		// Some items are shown as their children say, not as reported.
		if _, err := db.SQL().Exec(`UPDATE work_items SET derived_status = CASE id % 3 WHEN 0 THEN 'delayed'
			WHEN 1 THEN 'not_started' ELSE '' END WHERE id % 4 = 0`); err != nil {
			t.Fatal(err)
		}
		rows, err := db.SQL().Query(`SELECT id, due_date, progress, owner_unit_id, status, derived_status FROM work_items`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var r row
			var w payesh.WorkItem
			if err := rows.Scan(&r.id, &r.due, &r.progress, &r.owner, &w.Status, &w.DerivedStatus); err != nil {
				t.Fatal(err)
			}
			r.shown = w.ShownStatus()
			all = append(all, r)
		}
		rows.Close()
		byID := func(a, b row) int { return cmp.Compare(a.id, b.id) }
		// undated last in both directions; ties by id in the same one.
		byDue := func(a, b row) int {
			if a.due.Valid != b.due.Valid {
				if a.due.Valid {
					return -1
				}
				return 1
			}
			return cmp.Or(cmp.Compare(a.due.String, b.due.String), byID(a, b))
		}
		byDueDesc := func(a, b row) int {
			if a.due.Valid != b.due.Valid {
				if a.due.Valid {
					return -1
				}
				return 1
			}
			return cmp.Or(cmp.Compare(b.due.String, a.due.String), byID(b, a))
		}
		byProgress := func(a, b row) int { return cmp.Or(cmp.Compare(a.progress, b.progress), byID(a, b)) }
		byStatus := func(a, b row) int { return cmp.Or(cmp.Compare(a.shown, b.shown), byID(a, b)) }
		sorts := map[string]func(a, b row) int{
			"": byID, "-id": func(a, b row) int { return byID(b, a) },
			"due_date": byDue, "-due_date": byDueDesc,
			"progress": byProgress, "-progress": func(a, b row) int { return byProgress(b, a) },
			"status": byStatus, "-status": func(a, b row) int { return byStatus(b, a) },
		}
		prov := provs[2]
		for sortKey, compare := range sorts {
			for _, scope := range []struct {
				name string
				unit int64
				keep func(row) bool
			}{
				{"all", 0, func(row) bool { return true }},
				{"province", prov.ID, func(r row) bool { return r.owner == prov.ID }},
			} {
				var want []int64
				for _, r := range slices.SortedFunc(slices.Values(all), compare) {
					if scope.keep(r) {
						want = append(want, r.id)
					}
				}
				var got []int64
				for off := 0; off < len(want)+200; off += 200 {
					f := payesh.WorkItemFilter{UnitID: scope.unit, Sort: sortKey, Page: payesh.Page{Limit: 200, Offset: off}}
					items, total, err := db.FindWorkItems(sys, f)
					if err != nil {
						t.Fatal(err)
					}
					if total != len(want) {
						t.Fatalf("%s %q: total %d, want %d", scope.name, sortKey, total, len(want))
					}
					got = append(got, ids(items...)...)
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s sorted by %q: got %v…, want %v…", scope.name, sortKey, got[:min(10, len(got))], want[:min(10, len(want))])
				}
			}
		}

		// Capped counts: 3,000 items count as "more than 1,000"; beyond
		// the cap, far enough to show that a next page exists.
		capped := func(f payesh.WorkItemFilter) (int, bool, int) {
			t.Helper()
			f.CountLimit = payesh.WorkCountCap
			items, total, err := db.FindWorkItems(sys, f)
			if err != nil {
				t.Fatal(err)
			}
			return total, f.TotalCapped(total), len(items)
		}
		if total, c, n := capped(payesh.WorkItemFilter{Sort: "due_date"}); total != 1001 || !c || n != 50 {
			t.Errorf("all, capped: total %d capped %v items %d", total, c, n)
		}
		if total, c, n := capped(payesh.WorkItemFilter{Page: payesh.Page{Offset: 1400, Limit: 100}}); total != 1501 || !c || n != 100 {
			t.Errorf("page beyond the cap: total %d capped %v items %d, want 1501 (more than 1,500)", total, c, n)
		}
		if total, c, n := capped(payesh.WorkItemFilter{Page: payesh.Page{Offset: 2950, Limit: 100}}); total != 3000 || c || n != 50 {
			t.Errorf("last page: total %d capped %v items %d, want exact 3000", total, c, n)
		}
		provCount := 0
		for _, r := range all {
			if r.owner == prov.ID {
				provCount++
			}
		}
		if total, c, _ := capped(payesh.WorkItemFilter{UnitID: prov.ID}); total != provCount || c {
			t.Errorf("province: total %d capped %v, want exact %d", total, c, provCount)
		}
		if _, total, _ := db.FindWorkItems(sys, payesh.WorkItemFilter{}); total != 3000 {
			t.Errorf("without CountLimit the total is exact: %d", total)
		}
		if n, c, err := db.CountWorkItems(sys, payesh.WorkItemFilter{Overdue: ptr(true)}, 100); err != nil || n != 100 || !c {
			t.Errorf("CountWorkItems capped: %d %v %v", n, c, err)
		}
		if n, c, err := db.CountWorkItems(sys, payesh.WorkItemFilter{UnitID: prov.ID}, 1000); err != nil || n != provCount || c {
			t.Errorf("CountWorkItems: %d %v %v, want %d", n, c, err, provCount)
		}
		if _, _, err := db.CountWorkItems(context.Background(), payesh.WorkItemFilter{}, 10); err == nil {
			t.Error("CountWorkItems without a user")
		}
	})
}

// TestSubtreeRangeStopsAtSiblings: "/1/3/" must not reach "/1/30/".
func TestSubtreeRangeStopsAtSiblings(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		var units []*payesh.OrgUnit
		for i := range 30 {
			units = append(units, mustUnit(t, db, org, payesh.UnitProvince, fmt.Sprintf("p%d", i)))
		}
		u3 := units[1] // id 3: path /1/3/
		if u3.Path != "/1/3/" || units[28].Path != "/1/30/" {
			t.Fatalf("paths %s %s", u3.Path, units[28].Path)
		}
		child := mustUnit(t, db, u3, payesh.UnitBranch, "p1-b")
		a := mustWork(t, db, sys, &payesh.WorkItem{Title: "زیر ۳", OwnerUnitID: child.ID})
		mustWork(t, db, sys, &payesh.WorkItem{Title: "۳۰", OwnerUnitID: units[28].ID})
		b := mustWork(t, db, sys, &payesh.WorkItem{Title: "۳", OwnerUnitID: u3.ID})
		items, total, err := db.FindWorkItems(sys, payesh.WorkItemFilter{UnitID: u3.ID})
		if err != nil || total != 2 || !equal(ids(items...), ids(a, b)) {
			t.Errorf("subtree of /1/3/: %v (total %d) %v, want %v", ids(items...), total, err, ids(a, b))
		}
	})
}
