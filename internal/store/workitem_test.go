package store_test

import (
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

func TestWeightedRollUp(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		prog := mustWork(t, db, sys, &payesh.WorkItem{Kind: payesh.KindProgram, Title: "برنامه", OwnerUnitID: org.ID})
		a := mustWork(t, db, sys, &payesh.WorkItem{Title: "الف", OwnerUnitID: org.ID, ParentID: &prog.ID, Weight: 1})
		b := mustWork(t, db, sys, &payesh.WorkItem{Title: "ب", OwnerUnitID: org.ID, ParentID: &prog.ID, Weight: 3})
		b1 := mustWork(t, db, sys, &payesh.WorkItem{Title: "ب۱", OwnerUnitID: org.ID, ParentID: &b.ID})
		b2 := mustWork(t, db, sys, &payesh.WorkItem{Title: "ب۲", OwnerUnitID: org.ID, ParentID: &b.ID})

		progress(t, db, sys, a.ID, 100)
		assertProgress(t, db, prog.ID, 25)
		progress(t, db, sys, b1.ID, 50)
		assertProgress(t, db, b.ID, 25)
		assertProgress(t, db, prog.ID, 43.75) // (100·1 + 25·3) / 4

		// A cancelled child leaves the roll-up.
		cur, _ := db.FindWorkItemByID(sys, b2.ID)
		if _, _, err := db.PostProgress(sys, b2.ID, payesh.ProgressUpdateInput{Status: payesh.StatusCancelled, Version: cur.Version}); err != nil {
			t.Fatal(err)
		}
		assertProgress(t, db, b.ID, 50)
		assertProgress(t, db, prog.ID, 62.5)

		// A parent's progress cannot be set: it is computed.
		p, _ := db.FindWorkItemByID(sys, prog.ID)
		_, _, err := db.PostProgress(sys, prog.ID, payesh.ProgressUpdateInput{Progress: ptr(90.0), Version: p.Version})
		wantCode(t, err, payesh.EINVALID)

		// Reweighting and moving re-roll both the old and the new parent.
		if _, err := db.UpdateWorkItem(sys, a.ID, payesh.WorkItemUpdate{Weight: ptr(3.0), Version: mustFind(t, db, a.ID).Version}); err != nil {
			t.Fatal(err)
		}
		assertProgress(t, db, prog.ID, 75)
		if _, err := db.UpdateWorkItem(sys, b1.ID, payesh.WorkItemUpdate{ParentID: &a.ID, Version: mustFind(t, db, b1.ID).Version}); err != nil {
			t.Fatal(err)
		}
		assertProgress(t, db, a.ID, 50) // a is now the parent of b1
		assertProgress(t, db, b.ID, 0)  // only its cancelled child is left
		assertProgress(t, db, prog.ID, 25)

		wantCode(t, db.DeleteWorkItem(sys, prog.ID, mustFind(t, db, prog.ID).Version), payesh.ECONFLICT)
	})
}

func TestProgressRules(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		w := mustWork(t, db, sys, &payesh.WorkItem{Title: "اقدام", OwnerUnitID: org.ID})
		after := progress(t, db, sys, w.ID, 40)
		if after.Status != payesh.StatusInProgress || after.Version != 2 {
			t.Fatalf("after 40%%: %s v%d", after.Status, after.Version)
		}
		after = progress(t, db, sys, w.ID, 100)
		if after.Status != payesh.StatusDone || after.DoneDate.String() != "2024-07-31" {
			t.Fatalf("after 100%%: %s done %s", after.Status, after.DoneDate)
		}
		for _, bad := range []payesh.ProgressUpdateInput{
			{Progress: ptr(-1.0), Version: after.Version},
			{Progress: ptr(100.5), Version: after.Version},
			{Status: "finished", Version: after.Version},
			{Version: after.Version},
			{Note: "بدون نسخه"},
		} {
			_, _, err := db.PostProgress(sys, w.ID, bad)
			wantCode(t, err, payesh.EINVALID)
		}
		_, _, err := db.PostProgress(sys, w.ID, payesh.ProgressUpdateInput{Note: "کهنه", Version: 1})
		wantCode(t, err, payesh.ECONFLICT)
		_, _, err = db.PostProgress(sys, 9999, payesh.ProgressUpdateInput{Note: "x", Version: 1})
		wantCode(t, err, payesh.ENOTFOUND)

		hist, err := db.FindProgressUpdates(sys, w.ID)
		if err != nil || len(hist) != 2 || *hist[0].Progress != 100 || *hist[1].Progress != 40 {
			t.Fatalf("history = %+v, %v", hist, err)
		}
		if hist[0].AuthorName != payesh.System.Name {
			t.Fatalf("author = %q", hist[0].AuthorName)
		}
		events, _, _ := db.FindAuditEvents(sys, payesh.AuditFilter{Entity: "work_item", EntityID: w.ID})
		if len(events) != 3 || events[0].Action != payesh.ActionProgress || string(events[0].Before) == "null" {
			t.Fatalf("audit = %+v", events)
		}
	})
}

func TestWorkItemValidationWritesNothing(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		doc := &payesh.Document{Code: "gssp", Kind: payesh.DocPolicy, TitleFA: "سیاست‌ها"}
		if err := db.CreateDocument(sys, doc); err != nil {
			t.Fatal(err)
		}
		parent := mustWork(t, db, sys, &payesh.WorkItem{Title: "والد", OwnerUnitID: org.ID})
		child := mustWork(t, db, sys, &payesh.WorkItem{Title: "فرزند", OwnerUnitID: org.ID, ParentID: &parent.ID})
		tests := []struct {
			name  string
			item  payesh.WorkItem
			field string
		}{
			{"unknown owner", payesh.WorkItem{Kind: payesh.KindAction, Title: "x", OwnerUnitID: 999}, "owner_unit_id"},
			{"unknown clause", payesh.WorkItem{Kind: payesh.KindAction, Title: "x", OwnerUnitID: org.ID, ClauseIDs: []int64{999}}, "clause_ids"},
			{"unknown partner", payesh.WorkItem{Kind: payesh.KindAction, Title: "x", OwnerUnitID: org.ID, PartnerUnitIDs: []int64{999}}, "partner_unit_ids"},
			{"unknown parent", payesh.WorkItem{Kind: payesh.KindAction, Title: "x", OwnerUnitID: org.ID, ParentID: ptr(int64(999))}, "parent_id"},
			{"no title", payesh.WorkItem{Kind: payesh.KindAction, OwnerUnitID: org.ID}, "title"},
			{"bad kind", payesh.WorkItem{Kind: "wish", Title: "x", OwnerUnitID: org.ID}, "kind"},
			{"due before start", payesh.WorkItem{Kind: payesh.KindAction, Title: "x", OwnerUnitID: org.ID,
				StartDate: payesh.NewDate(2024, 5, 1), DueDate: payesh.NewDate(2024, 4, 1)}, "due_date"},
		}
		for _, tt := range tests {
			err := db.CreateWorkItem(sys, &tt.item)
			wantCode(t, err, payesh.EINVALID)
			if _, ok := err.(*payesh.Error).Fields[tt.field]; !ok {
				t.Errorf("%s: fields %v lack %s", tt.name, err.(*payesh.Error).Fields, tt.field)
			}
		}
		_, n, _ := db.FindWorkItems(sys, payesh.WorkItemFilter{})
		_, audits, _ := db.FindAuditEvents(sys, payesh.AuditFilter{Entity: "work_item"})
		if n != 2 || audits != 2 {
			t.Fatalf("after refused writes: %d items, %d audit rows; want 2, 2", n, audits)
		}
		// A parent set to its own descendant.
		_, err := db.UpdateWorkItem(sys, parent.ID, payesh.WorkItemUpdate{ParentID: &child.ID, Version: parent.Version})
		wantCode(t, err, payesh.EINVALID)
		_, err = db.UpdateWorkItem(sys, parent.ID, payesh.WorkItemUpdate{ParentID: &parent.ID, Version: parent.Version})
		wantCode(t, err, payesh.EINVALID)
		if p := mustFind(t, db, parent.ID); p.ParentID != nil || p.Version != parent.Version {
			t.Fatalf("parent changed: %+v", p)
		}
	})
}

func TestRolesOnWork(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		prov := mustUnit(t, db, org, payesh.UnitProvince, "prov")
		branch := mustUnit(t, db, prov, payesh.UnitBranch, "branch")
		other := mustUnit(t, db, org, payesh.UnitProvince, "other")
		_, reporter := mustUser(t, db, prov, "reporter", payesh.RoleReporter)
		_, viewer := mustUser(t, db, org, "viewer", payesh.RoleViewer)
		_, secretariat := mustUser(t, db, org, "secretariat", payesh.RoleSecretariat)

		mine := mustWork(t, db, reporter, &payesh.WorkItem{Title: "کار شعبه", OwnerUnitID: branch.ID})
		theirs := mustWork(t, db, secretariat, &payesh.WorkItem{Title: "کار دیگر", OwnerUnitID: other.ID})
		if mine.CreatedBy == nil {
			t.Fatal("created_by not recorded")
		}
		progress(t, db, reporter, mine.ID, 30)

		// Another province's work is out of the reporter's read scope:
		// for it, that work does not exist.
		_, _, err := db.PostProgress(reporter, theirs.ID, payesh.ProgressUpdateInput{Note: "x", Version: theirs.Version})
		wantCode(t, err, payesh.ENOTFOUND)
		wantCode(t, db.CreateWorkItem(reporter, &payesh.WorkItem{Kind: payesh.KindAction, Title: "x", OwnerUnitID: other.ID}), payesh.EFORBIDDEN)
		// Nor may a reporter hand its work to another unit or hang it under theirs.
		_, err = db.UpdateWorkItem(reporter, mine.ID, payesh.WorkItemUpdate{OwnerUnitID: &other.ID, Version: 2})
		wantCode(t, err, payesh.EFORBIDDEN)
		_, err = db.UpdateWorkItem(reporter, mine.ID, payesh.WorkItemUpdate{ParentID: &theirs.ID, Version: 2})
		wantCode(t, err, payesh.EINVALID) // a parent it cannot read is unknown to it
		// Work the secretariat owns is national: the province reads it
		// but may not report on it.
		national := mustWork(t, db, secretariat, &payesh.WorkItem{Title: "کار ستاد", OwnerUnitID: org.ID})
		_, _, err = db.PostProgress(reporter, national.ID, payesh.ProgressUpdateInput{Note: "x", Version: national.Version})
		wantCode(t, err, payesh.EFORBIDDEN)

		// A reporter edits its own action under the secretariat's program:
		// the parent stays, so no rights on it are needed.
		prog := mustWork(t, db, secretariat, &payesh.WorkItem{Kind: payesh.KindProgram, Title: "برنامه", OwnerUnitID: org.ID})
		child := mustWork(t, db, secretariat, &payesh.WorkItem{Title: "اقدام استان", OwnerUnitID: prov.ID, ParentID: &prog.ID})
		if _, err := db.UpdateWorkItem(reporter, child.ID, payesh.WorkItemUpdate{Title: ptr("اقدام استان، بازنگری‌شده"), Version: 1}); err != nil {
			t.Fatalf("reporter editing its own action under another unit's program: %v", err)
		}

		wantCode(t, db.CreateWorkItem(viewer, &payesh.WorkItem{Kind: payesh.KindAction, Title: "x", OwnerUnitID: org.ID}), payesh.EFORBIDDEN)
		_, _, err = db.PostProgress(viewer, mine.ID, payesh.ProgressUpdateInput{Note: "x", Version: 2})
		wantCode(t, err, payesh.EFORBIDDEN)
		if _, err := db.FindWorkItemByID(viewer, mine.ID); err != nil {
			t.Fatalf("viewer cannot read: %v", err)
		}
		wantCode(t, db.CreateOrgUnit(reporter, &payesh.OrgUnit{Kind: payesh.UnitBranch, Code: "b2", NameFA: "x"}), payesh.EFORBIDDEN)
		wantCode(t, db.CreateOrgUnit(secretariat, &payesh.OrgUnit{Kind: payesh.UnitBranch, Code: "b2", NameFA: "x", ParentID: &prov.ID}), "")
		_, _, err = db.FindUsers(secretariat, payesh.UserFilter{})
		wantCode(t, err, payesh.EFORBIDDEN)
		_, err = db.FindWorkItemByID(t.Context(), mine.ID)
		wantCode(t, err, payesh.EUNAUTHORIZED)
	})
}

func assertProgress(t *testing.T, db *store.DB, id int64, want float64) {
	t.Helper()
	if got := mustFind(t, db, id).Progress; got < want-1e-9 || got > want+1e-9 {
		t.Fatalf("progress of %d = %v, want %v", id, got, want)
	}
}

func mustFind(t *testing.T, db *store.DB, id int64) *payesh.WorkItem {
	t.Helper()
	w, err := db.FindWorkItemByID(sys, id)
	if err != nil {
		t.Fatal(err)
	}
	return w
}
