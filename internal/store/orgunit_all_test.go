package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

func findAllNames(t *testing.T, db *store.DB) map[string]string {
	t.Helper()
	all, err := db.FindAllOrgUnits(sys)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, u := range all {
		names[u.Code] = u.NameFA
	}
	return names
}

// TestFindAllOrgUnitsCurrent: the process's copy of the tree follows
// every write made through the store at once.
func TestFindAllOrgUnitsCurrent(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		if _, err := db.FindAllOrgUnits(context.Background()); payesh.ErrorCode(err) != payesh.EUNAUTHORIZED {
			t.Errorf("anonymous: %v", err)
		}
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		prov := mustUnit(t, db, org, payesh.UnitProvince, "prov")
		if n := findAllNames(t, db); len(n) != 2 {
			t.Fatalf("units %v", n)
		}
		branch := mustUnit(t, db, prov, payesh.UnitBranch, "branch")
		if n := findAllNames(t, db); len(n) != 3 || n["branch"] == "" {
			t.Fatalf("after create: %v", n)
		}
		if _, err := db.UpdateOrgUnit(sys, prov.ID, payesh.OrgUnitUpdate{NameFA: ptr("استان تازه"), Version: prov.Version}); err != nil {
			t.Fatal(err)
		}
		if n := findAllNames(t, db); n["prov"] != "استان تازه" {
			t.Fatalf("after rename: %v", n)
		}
		if err := db.DeleteOrgUnit(sys, branch.ID, branch.Version); err != nil {
			t.Fatal(err)
		}
		if n := findAllNames(t, db); len(n) != 2 || n["branch"] != "" {
			t.Fatalf("after delete: %v", n)
		}
	})
}

// TestFindAllOrgUnitsOtherInstance: a write by another instance on the
// same database shows within OrgCacheMaxAge.
func TestFindAllOrgUnitsOtherInstance(t *testing.T) {
	path := filepath.Join(t.TempDir(), "payesh.db")
	open := func() *store.DB {
		db, err := store.Open(context.Background(), path, opts())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	a, b := open(), open()
	org := mustUnit(t, a, nil, payesh.UnitOrganization, "sso")
	if n := findAllNames(t, a); len(n) != 1 {
		t.Fatalf("units %v", n)
	}
	if _, err := b.UpdateOrgUnit(sys, org.ID, payesh.OrgUnitUpdate{NameFA: ptr("نام تازه"), Version: org.Version}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(store.OrgCacheMaxAge + time.Second)
	for findAllNames(t, a)["sso"] != "نام تازه" {
		if time.Now().After(deadline) {
			t.Fatalf("another instance's rename not seen after %v", store.OrgCacheMaxAge)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
