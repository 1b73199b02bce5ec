package store_test

import (
	"slices"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestNameFilterFoldsHamza: a unit's or a person's name is found whether
// the hamza is typed or not — «ادارهٔ کل» by «اداره کل», «موسسه» by
// «مؤسسه» and back — on both engines, and nothing else is found.
func TestNameFilterFoldsHamza(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		root := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		for code, name := range map[string]string{"pr": "ادارهٔ کل روابط عمومی", "rii": "موسسه عالی پژوهش", "b": "شعبهٔ یک"} {
			if err := db.CreateOrgUnit(sys, &payesh.OrgUnit{Kind: payesh.UnitOffice, Code: code, NameFA: name, ParentID: &root.ID}); err != nil {
				t.Fatal(err)
			}
		}
		u := &payesh.User{Username: "u1", Name: "رئیس مؤسسه", UnitID: root.ID, Role: payesh.RoleViewer}
		if err := db.CreateUser(sys, u, "a-long-password"); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct{ q, want string }{
			{"اداره کل", "pr"}, {"ادارهٔ کل", "pr"}, {"مؤسسه", "rii"}, {"موسسه عالی", "rii"}, {"شعبه یک", "b"}, {"ادارات", ""},
		} {
			units, _, err := db.FindOrgUnits(sys, payesh.OrgUnitFilter{Q: c.q})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, u := range units {
				got = append(got, u.Code)
			}
			if want := []string{c.want}; c.want == "" && len(got) > 0 || c.want != "" && !slices.Equal(got, want) {
				t.Errorf("units named %q: %v, want %q", c.q, got, c.want)
			}
		}
		for _, q := range []string{"موسسه", "مؤسسه"} {
			users, _, err := db.FindUsers(sys, payesh.UserFilter{Q: q})
			if err != nil || len(users) != 1 || users[0].ID != u.ID {
				t.Errorf("people named %q: %v %v", q, users, err)
			}
		}
	})
}
