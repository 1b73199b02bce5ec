package web_test

import (
	"fmt"
	"net/http"
	"testing"

	"payesh"
	"payesh/internal/store/storetest"
)

// TestDashboardOpensOnTheUsersProvince: a branch's people see their
// province first, the secretariat the whole organization.
func TestDashboardOpensOnTheUsersProvince(t *testing.T) {
	e := newWorkEnv(t)
	prov := e.unit("prov-khorasan-razavi")
	branch := &payesh.OrgUnit{ParentID: &prov.ID, Kind: payesh.UnitBranch, Code: "branch-mashhad-home", NameFA: "شعبهٔ آزمایشی مشهد"}
	if err := e.db.CreateOrgUnit(storetest.System(), branch); err != nil {
		t.Fatal(err)
	}
	u := &payesh.User{Username: "mashhad", Name: "کارشناس شعبه", UnitID: branch.ID, Role: payesh.RoleReporter}
	if err := e.db.CreateUser(storetest.System(), u, "payesh-demo-1401"); err != nil {
		t.Fatal(err)
	}
	selected := func(id int64) string { return fmt.Sprintf(`value="%d" selected`, id) }
	e.as("mashhad").get("/dashboard").want(t, http.StatusOK, selected(prov.ID))
	e.as("secretariat").get("/dashboard").want(t, http.StatusOK, selected(e.unit("sso").ID))
}
