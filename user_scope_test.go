package payesh_test

import (
	"testing"

	"payesh"
)

// TestReadScope states the read rule as a table: who reads which work,
// values and bases, from the reader's unit in this tree:
//
//	/1/ organization ─┬─ /1/2/ office
//	                  ├─ /1/3/ province ── /1/3/4/ branch
//	                  ├─ /1/5/ province
//	                  └─ /1/2/6/ a branch under the office (neither)
//	/7/ partner ── /7/8/ partner faculty
func TestReadScope(t *testing.T) {
	tree := map[int64]*payesh.OrgUnit{
		1: {ID: 1, Kind: payesh.UnitOrganization, Path: "/1/"},
		2: {ID: 2, Kind: payesh.UnitOffice, Path: "/1/2/"},
		3: {ID: 3, Kind: payesh.UnitProvince, Path: "/1/3/"},
		4: {ID: 4, Kind: payesh.UnitBranch, Path: "/1/3/4/"},
		5: {ID: 5, Kind: payesh.UnitProvince, Path: "/1/5/"},
		6: {ID: 6, Kind: payesh.UnitBranch, Path: "/1/2/6/"},
		7: {ID: 7, Kind: payesh.UnitPartner, Path: "/7/"},
		8: {ID: 8, Kind: payesh.UnitPartner, Path: "/7/8/"},
	}
	unit := func(id int64) *payesh.OrgUnit { return tree[id] }
	scopeOf := func(role payesh.Role, id int64) payesh.ReadScope {
		return payesh.NewReadScope(&payesh.User{Role: role, Active: true, UnitPath: tree[id].Path}, unit)
	}
	national := func(path string) bool {
		r, _ := payesh.ReachOf(path, unit)
		return r == payesh.ReachNational
	}
	type read struct {
		owner    string
		partners []string
		want     bool
	}
	cases := []struct {
		name        string
		scope       payesh.ReadScope
		reach       payesh.Reach
		work        []read
		draftOf     map[string]bool // a draft value of the unit at path
		provisional map[string]bool
	}{
		{"the secretariat", scopeOf(payesh.RoleSecretariat, 2), payesh.ReachNational,
			[]read{{"/1/5/", nil, true}, {"/7/", nil, true}},
			map[string]bool{"/1/5/": true, "/7/8/": true}, map[string]bool{"/1/5/": true, "/7/": true}},
		{"an office", scopeOf(payesh.RoleViewer, 2), payesh.ReachNational,
			[]read{{"/1/5/", nil, true}, {"/7/", nil, true}, {"/1/3/4/", nil, true}},
			map[string]bool{"/1/2/": true, "/1/2/6/": true, "/1/5/": false}, map[string]bool{"/1/5/": true, "/1/": true}},
		{"the organization", scopeOf(payesh.RoleViewer, 1), payesh.ReachNational,
			[]read{{"/7/8/", nil, true}},
			map[string]bool{"/1/5/": true, "/7/": false}, map[string]bool{"/1/5/": true}},
		{"a province", scopeOf(payesh.RoleReporter, 3), payesh.ReachProvince,
			[]read{{"/1/3/4/", nil, true}, {"/1/", nil, true}, {"/1/2/", nil, true}, {"/1/5/", nil, false},
				{"/1/5/", []string{"/1/3/4/"}, true}, {"/7/", nil, false}, {"/1/2/6/", nil, false}},
			map[string]bool{"/1/3/": true, "/1/3/4/": true, "/1/5/": false, "/1/": false},
			map[string]bool{"/1/3/": true, "/1/3/4/": true, "/1/5/": false, "/1/": false}},
		{"a branch of a province", scopeOf(payesh.RoleReporter, 4), payesh.ReachProvince,
			[]read{{"/1/3/", nil, true}, {"/1/", nil, true}, {"/1/5/", nil, false}},
			map[string]bool{"/1/3/4/": true, "/1/3/": false},
			map[string]bool{"/1/3/4/": true, "/1/3/": false}},
		{"a branch under an office", scopeOf(payesh.RoleReporter, 6), payesh.ReachProvince,
			[]read{{"/1/2/6/", nil, true}, {"/1/", nil, true}, {"/1/3/", nil, false}},
			nil, nil},
		{"a partner", scopeOf(payesh.RoleReporter, 7), payesh.ReachPartner,
			[]read{{"/7/8/", nil, true}, {"/1/2/", []string{"/7/"}, true}, {"/1/2/", nil, false}, {"/1/", nil, false}, {"/1/3/", nil, false}},
			map[string]bool{"/7/": true, "/1/": false},
			map[string]bool{"/7/": false, "/1/": false}},
		{"a partner's faculty", scopeOf(payesh.RoleReporter, 8), payesh.ReachPartner,
			[]read{{"/7/8/", nil, true}, {"/7/", nil, false}, {"/1/2/", []string{"/7/"}, false}},
			nil, nil},
		{"no one", payesh.NewReadScope(nil, unit), payesh.ReachNone,
			[]read{{"/1/", nil, false}}, map[string]bool{"/1/": false}, map[string]bool{"/1/": false}},
	}
	for _, c := range cases {
		if c.scope.Reach != c.reach {
			t.Errorf("%s: reach %v, want %v", c.name, c.scope.Reach, c.reach)
		}
		for _, w := range c.work {
			if got := c.scope.ReadsWork(w.owner, national(w.owner), w.partners); got != w.want {
				t.Errorf("%s reads work of %s with partners %v: %v, want %v", c.name, w.owner, w.partners, got, w.want)
			}
		}
		for path, want := range c.draftOf {
			if got := c.scope.ReadsValue(path, payesh.ValueDraft); got != want {
				t.Errorf("%s reads a draft of %s: %v, want %v", c.name, path, got, want)
			}
			if c.reach != payesh.ReachNone && !c.scope.ReadsValue(path, payesh.ValueApproved) {
				t.Errorf("%s does not read an approved value of %s", c.name, path)
			}
		}
		for path, want := range c.provisional {
			if got := c.scope.ReadsProvisional(path); got != want {
				t.Errorf("%s reads %s on the provisional basis: %v, want %v", c.name, path, got, want)
			}
			wantBasis := payesh.BasisApproved
			if want {
				wantBasis = payesh.BasisProvisional
			}
			if got := c.scope.Basis(path, payesh.BasisProvisional); got != wantBasis {
				t.Errorf("%s asking %s on the provisional basis gets %s", c.name, path, got)
			}
		}
	}
	if !scopeOf(payesh.RoleViewer, 1).Everything() || scopeOf(payesh.RoleViewer, 7).Everything() || !scopeOf(payesh.RoleViewer, 7).Partner() {
		t.Error("headquarters reads everything, a partner only its own")
	}
}

// TestCanReportOn: a partner unit's reporter reports progress on shared
// work, never a viewer's, and may still not change its plan.
func TestCanReportOn(t *testing.T) {
	rep := &payesh.User{Role: payesh.RoleReporter, Active: true, UnitPath: "/7/"}
	if !rep.CanReportOn("/1/2/", []string{"/7/8/"}) || rep.CanReportOn("/1/2/", []string{"/9/"}) || rep.CanEditWorkOf("/1/2/") {
		t.Error("a partner's reporter reports on the work it shares, only that, and edits none of it")
	}
	viewer := &payesh.User{Role: payesh.RoleViewer, Active: true, UnitPath: "/7/"}
	if viewer.CanReportOn("/1/2/", []string{"/7/"}) {
		t.Error("a viewer reports on nothing")
	}
	owner := &payesh.User{Role: payesh.RoleReporter, Active: true, UnitPath: "/1/2/"}
	if !owner.CanReportOn("/1/2/6/", nil) {
		t.Error("the owner's reporter reports on its work")
	}
}
