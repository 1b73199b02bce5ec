package store_test

import (
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

func TestFindWorkItemsFilters(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		prov := mustUnit(t, db, org, payesh.UnitProvince, "prov")
		branch := mustUnit(t, db, prov, payesh.UnitBranch, "branch")
		partner := mustUnit(t, db, nil, payesh.UnitPartner, "ministry")
		doc := &payesh.Document{Code: "gssp", Kind: payesh.DocPolicy, TitleFA: "سیاست‌ها"}
		if err := db.CreateDocument(sys, doc); err != nil {
			t.Fatal(err)
		}
		c8 := &payesh.Clause{DocumentID: doc.ID, Number: "8", Ordinal: 8, TitleFA: "بند ۸"}
		if err := db.CreateClause(sys, c8); err != nil {
			t.Fatal(err)
		}
		c81 := &payesh.Clause{DocumentID: doc.ID, ParentID: &c8.ID, Number: "8-1", TitleFA: "جزء ۱"}
		if err := db.CreateClause(sys, c81); err != nil {
			t.Fatal(err)
		}
		// Today is 2024-07-31.
		late := mustWork(t, db, sys, &payesh.WorkItem{Title: "گزارش دیرکرد", OwnerUnitID: branch.ID,
			DueDate: payesh.NewDate(2024, 7, 30), ClauseIDs: []int64{c81.ID}})
		dueToday := mustWork(t, db, sys, &payesh.WorkItem{Title: "امروز", OwnerUnitID: prov.ID,
			DueDate: payesh.NewDate(2024, 7, 31), PartnerUnitIDs: []int64{partner.ID}})
		doneLate := mustWork(t, db, sys, &payesh.WorkItem{Kind: payesh.KindResolution, Title: "انجام‌شده", OwnerUnitID: org.ID,
			DueDate: payesh.NewDate(2024, 1, 1), Status: payesh.StatusDone, ClauseIDs: []int64{c8.ID}})
		noDue := mustWork(t, db, sys, &payesh.WorkItem{Kind: payesh.KindProgram, Title: "بی‌موعد", OwnerUnitID: partner.ID,
			PartnerUnitIDs: []int64{branch.ID}})

		if !late.Overdue || dueToday.Overdue || doneLate.Overdue || noDue.Overdue {
			t.Fatalf("overdue flags: %v %v %v %v", late.Overdue, dueToday.Overdue, doneLate.Overdue, noDue.Overdue)
		}
		tests := []struct {
			name string
			f    payesh.WorkItemFilter
			want []int64
		}{
			{"all", payesh.WorkItemFilter{}, ids(late, dueToday, doneLate, noDue)},
			{"overdue", payesh.WorkItemFilter{Overdue: ptr(true)}, ids(late)},
			{"not overdue", payesh.WorkItemFilter{Overdue: ptr(false)}, ids(dueToday, doneLate, noDue)},
			{"overdue in prov subtree", payesh.WorkItemFilter{UnitID: prov.ID, Overdue: ptr(true)}, ids(late)},
			{"overdue in partner", payesh.WorkItemFilter{UnitID: partner.ID, Overdue: ptr(true)}, nil},
			{"prov subtree", payesh.WorkItemFilter{UnitID: prov.ID}, ids(late, dueToday)},
			{"prov subtree with partners", payesh.WorkItemFilter{UnitID: prov.ID, IncludePartner: true}, ids(late, dueToday, noDue)},
			{"clause 8 with sub-clauses", payesh.WorkItemFilter{ClauseID: c8.ID}, ids(late, doneLate)},
			{"clause 8-1", payesh.WorkItemFilter{ClauseID: c81.ID}, ids(late)},
			{"kinds", payesh.WorkItemFilter{Kinds: []payesh.WorkKind{payesh.KindProgram, payesh.KindResolution}}, ids(doneLate, noDue)},
			{"status", payesh.WorkItemFilter{Statuses: []payesh.Status{payesh.StatusDone}}, ids(doneLate)},
			{"due before", payesh.WorkItemFilter{DueBefore: payesh.NewDate(2024, 7, 31)}, ids(late, doneLate)},
			{"due after", payesh.WorkItemFilter{DueAfter: payesh.NewDate(2024, 7, 30)}, ids(dueToday)},
			{"text", payesh.WorkItemFilter{Q: "دیرکرد"}, ids(late)},
			{"text with LIKE wildcard", payesh.WorkItemFilter{Q: "%"}, nil},
			{"top level", payesh.WorkItemFilter{ParentID: ptr(int64(0))}, ids(late, dueToday, doneLate, noDue)},
		}
		for _, tt := range tests {
			items, total, err := db.FindWorkItems(sys, tt.f)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			if got := ids(items...); !equal(got, tt.want) || total != len(tt.want) {
				t.Errorf("%s: got %v (total %d), want %v", tt.name, got, total, tt.want)
			}
		}
		got, _, _ := db.FindWorkItems(sys, payesh.WorkItemFilter{Sort: "due_date"})
		if want := ids(doneLate, late, dueToday, noDue); !equal(ids(got...), want) {
			t.Errorf("sort by due date: %v, want %v (no date last)", ids(got...), want)
		}
		got, _, _ = db.FindWorkItems(sys, payesh.WorkItemFilter{Sort: "-due_date"})
		if want := ids(dueToday, late, doneLate, noDue); !equal(ids(got...), want) {
			t.Errorf("sort by due date desc: %v, want %v", ids(got...), want)
		}
		_, _, err := db.FindWorkItems(sys, payesh.WorkItemFilter{Sort: "owner; DROP TABLE work_items"})
		wantCode(t, err, payesh.EINVALID)
		if late.ClauseIDs[0] != c81.ID || dueToday.PartnerUnitIDs[0] != partner.ID {
			t.Fatal("relations not returned")
		}
		if c, _ := db.FindClauseByID(sys, c8.ID); c.WorkCount != 2 {
			t.Fatalf("clause 8 work count = %d, want 2 (its own and its sub-clause's)", c.WorkCount)
		}
	})
}

func TestPaginationIsStable(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		for i := 0; i < 23; i++ {
			// Few distinct due dates, so the id tie-breaker decides.
			mustWork(t, db, sys, &payesh.WorkItem{Title: "کار", OwnerUnitID: org.ID, DueDate: payesh.NewDate(2024, 8, 1+i%3)})
		}
		seen := map[int64]bool{}
		for off := 0; off < 30; off += 5 {
			page, total, err := db.FindWorkItems(sys, payesh.WorkItemFilter{Sort: "due_date", Page: payesh.Page{Limit: 5, Offset: off}})
			if err != nil || total != 23 {
				t.Fatalf("page at %d: total %d, %v", off, total, err)
			}
			for _, w := range page {
				if seen[w.ID] {
					t.Fatalf("item %d repeated", w.ID)
				}
				seen[w.ID] = true
			}
		}
		if len(seen) != 23 {
			t.Fatalf("saw %d of 23 items", len(seen))
		}
	})
}

func ids(items ...*payesh.WorkItem) []int64 {
	out := []int64{}
	for _, w := range items {
		out = append(out, w.ID)
	}
	return out
}

func equal(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
