package store_test

import (
	"context"
	"slices"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestUsersInPersianOrder: the admin's list of people is in dictionary
// order — آ before ا, پ after ب, ک after ج (code points put پ and ک
// after ج), an Arabic ك typed as ک, Latin names last — on
// both engines, after a rename, and for users who were there before the
// sort key existed (the upgrade fills it).
func TestUsersInPersianOrder(t *testing.T) {
	storetest.EngineTwins(t, store.Options{}, func(t *testing.T, db, other *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		for i, name := range []string{"یزدانی", "Zand", "پاکزاد", "كاظمی", "آزاد", "بهرامی", "اکبری"} {
			u := &payesh.User{Username: "u" + string(rune('a'+i)), Name: name, UnitID: org.ID, Role: payesh.RoleViewer}
			if err := db.CreateUser(sys, u, "a-long-password"); err != nil {
				t.Fatal(err)
			}
		}
		want := []string{"آزاد", "اکبری", "بهرامی", "پاکزاد", "کاظمی", "یزدانی", "Zand"}
		names := func(db *store.DB) []string {
			t.Helper()
			users, _, err := db.FindUsers(sys, payesh.UserFilter{})
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, u := range users {
				if u.Name != "" {
					out = append(out, u.Name)
				}
			}
			return out
		}
		if got := names(db); !slices.Equal(got, want) {
			t.Errorf("listed %v; want %v", got, want)
		}

		// «Zand» renamed «جعفری» moves between «پاکزاد» and «کاظمی».
		users, _, _ := db.FindUsers(sys, payesh.UserFilter{Q: "Zand"})
		if len(users) != 1 {
			t.Fatalf("find Zand: %v", users)
		}
		renamed := "جعفری"
		if _, err := db.UpdateUser(sys, users[0].ID, payesh.UserUpdate{Name: &renamed, Version: users[0].Version}); err != nil {
			t.Fatal(err)
		}
		want = []string{"آزاد", "اکبری", "بهرامی", "پاکزاد", "جعفری", "کاظمی", "یزدانی"}
		if got := names(db); !slices.Equal(got, want) {
			t.Errorf("after the rename %v; want %v", got, want)
		}

		// The upgrade: a database from before migration 017 gets the keys.
		ctx := context.Background()
		for _, q := range []string{`DROP INDEX users_sort`, `ALTER TABLE users DROP COLUMN sort_key`,
			`DELETE FROM schema_migrations WHERE name = 'migrations/017_user_sort.sql'`} {
			if _, err := db.SQL().ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		if err := other.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if got := names(other); !slices.Equal(got, want) {
			t.Errorf("after the upgrade %v; want %v", got, want)
		}
	})
}
