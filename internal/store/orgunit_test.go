package store_test

import (
	"strconv"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

func TestOrgUnits(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		dep := mustUnit(t, db, org, payesh.UnitDeputy, "dep")
		prov := mustUnit(t, db, org, payesh.UnitProvince, "prov")
		branch := mustUnit(t, db, prov, payesh.UnitBranch, "branch")
		if want := "/" + itoa(org.ID) + "/" + itoa(prov.ID) + "/" + itoa(branch.ID) + "/"; branch.Path != want || branch.Depth != 2 {
			t.Fatalf("branch path %q depth %d, want %q 2", branch.Path, branch.Depth, want)
		}

		sub, n, err := db.FindOrgUnits(sys, payesh.OrgUnitFilter{SubtreeOf: prov.ID})
		if err != nil || n != 2 || sub[0].ID != prov.ID || sub[1].ID != branch.ID {
			t.Fatalf("subtree of prov = %v (%d), %v", sub, n, err)
		}

		// Moving prov under dep moves branch with it.
		moved, err := db.UpdateOrgUnit(sys, prov.ID, payesh.OrgUnitUpdate{ParentID: &dep.ID, Version: prov.Version})
		if err != nil {
			t.Fatal(err)
		}
		if moved.Version != 2 || moved.Depth != 2 {
			t.Fatalf("moved = %+v", moved)
		}
		b, _ := db.FindOrgUnitByID(sys, branch.ID)
		if b.Path != moved.Path+itoa(branch.ID)+"/" || b.Depth != 3 {
			t.Fatalf("branch after move: %q depth %d", b.Path, b.Depth)
		}

		// Under its own descendant: a cycle, and nothing changes.
		_, err = db.UpdateOrgUnit(sys, dep.ID, payesh.OrgUnitUpdate{ParentID: &branch.ID, Version: dep.Version})
		wantCode(t, err, payesh.EINVALID)
		if d, _ := db.FindOrgUnitByID(sys, dep.ID); d.Version != dep.Version || d.Path != dep.Path {
			t.Fatalf("dep changed by a refused move: %+v", d)
		}

		// A stale version is a conflict that carries the current row.
		_, err = db.UpdateOrgUnit(sys, prov.ID, payesh.OrgUnitUpdate{NameFA: ptr("نام تازه"), Version: 1})
		wantCode(t, err, payesh.ECONFLICT)
		if cur, ok := err.(*payesh.Error).Current.(*payesh.OrgUnit); !ok || cur.Version != 2 {
			t.Fatalf("conflict current = %#v", err.(*payesh.Error).Current)
		}

		dup := &payesh.OrgUnit{Kind: payesh.UnitBranch, Code: "branch", NameFA: "تکراری"}
		wantCode(t, db.CreateOrgUnit(sys, dup), payesh.ECONFLICT)
		bad := &payesh.OrgUnit{Kind: "galaxy", Code: "Bad Code", NameFA: ""}
		err = db.CreateOrgUnit(sys, bad)
		wantCode(t, err, payesh.EINVALID)
		if f := err.(*payesh.Error).Fields; len(f) != 3 {
			t.Fatalf("want 3 field errors, got %v", f)
		}
		wantCode(t, db.CreateOrgUnit(sys, &payesh.OrgUnit{Kind: payesh.UnitBranch, Code: "x", NameFA: "x", ParentID: ptr(int64(9999))}), payesh.EINVALID)

		wantCode(t, db.DeleteOrgUnit(sys, prov.ID, 2), payesh.ECONFLICT)   // has a child
		wantCode(t, db.DeleteOrgUnit(sys, branch.ID, 7), payesh.ECONFLICT) // stale version
		if err := db.DeleteOrgUnit(sys, branch.ID, 1); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.DeleteOrgUnit(sys, branch.ID, 1), payesh.ENOTFOUND)
		if n := auditCount(t, db, "org_unit", branch.ID); n != 2 {
			t.Fatalf("branch audit events = %d, want create+delete", n)
		}
		if n := auditCount(t, db, "org_unit", prov.ID); n != 2 {
			t.Fatalf("prov audit events = %d, want create+update", n)
		}
	})
}

func TestOrgUnitsNormalizeArabicLetters(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		u := &payesh.OrgUnit{Kind: payesh.UnitOffice, Code: "kh", NameFA: "دفتر كار ياري"}
		if err := db.CreateOrgUnit(sys, u); err != nil {
			t.Fatal(err)
		}
		if u.NameFA != "دفتر کار یاری" {
			t.Fatalf("name stored as %q", u.NameFA)
		}
		found, n, err := db.FindOrgUnits(sys, payesh.OrgUnitFilter{Q: "كار"})
		if err != nil || n != 1 || found[0].ID != u.ID {
			t.Fatalf("search with Arabic kaf: %v %d %v", found, n, err)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
