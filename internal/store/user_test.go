package store_test

import (
	"context"
	"testing"
	"time"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

func TestUsersTokensSessions(t *testing.T) {
	now := fixedNow
	opt := store.Options{Now: func() time.Time { return now }}
	storetest.Engines(t, opt, func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		prov := mustUnit(t, db, org, payesh.UnitProvince, "prov")
		u, ctx := mustUser(t, db, prov, "Reporter.One", payesh.RoleReporter)
		if u.Username != "reporter.one" || u.UnitPath != prov.Path {
			t.Fatalf("user = %+v", u)
		}
		bg := context.Background()

		got, err := db.Authenticate(bg, " Reporter.One", "a-long-password")
		if err != nil || got.ID != u.ID || got.LastLoginAt == nil || got.UnitPath != prov.Path {
			t.Fatalf("authenticate: %+v %v", got, err)
		}
		for _, bad := range [][2]string{{"reporter.one", "wrong-password"}, {"nobody", "a-long-password"}, {"", ""}} {
			_, err := db.Authenticate(bg, bad[0], bad[1])
			wantCode(t, err, payesh.EUNAUTHORIZED)
		}

		secret, tok, err := db.CreateToken(sys, u.ID, "اسکریپت", time.Hour)
		if err != nil || tok.ExpiresAt == nil || len(secret) < 40 {
			t.Fatalf("token: %v %+v %v", secret, tok, err)
		}
		if who, err := db.UserByToken(bg, secret); err != nil || who.ID != u.ID {
			t.Fatalf("by token: %v %v", who, err)
		}
		_, err = db.UserByToken(bg, secret+"x")
		wantCode(t, err, payesh.EUNAUTHORIZED)
		_, _, err = db.CreateToken(ctx, 12345, "x", 0) // someone else's
		wantCode(t, err, payesh.EFORBIDDEN)

		sess, err := db.CreateSession(bg, u.ID, 12*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if who, err := db.UserBySession(bg, sess); err != nil || who.ID != u.ID {
			t.Fatalf("by session: %v %v", who, err)
		}

		now = now.Add(2 * time.Hour) // the token has expired, the session not
		_, err = db.UserByToken(bg, secret)
		wantCode(t, err, payesh.EUNAUTHORIZED)
		if _, err := db.UserBySession(bg, sess); err != nil {
			t.Fatal(err)
		}

		// A new password ends every session.
		if err := db.ChangePassword(ctx, "a-long-password", "another-long-password"); err != nil {
			t.Fatal(err)
		}
		_, err = db.UserBySession(bg, sess)
		wantCode(t, err, payesh.EUNAUTHORIZED)
		wantCode(t, db.ChangePassword(ctx, "another-long-password", "short"), payesh.EINVALID)

		// Deactivation locks the user out.
		sess, _ = db.CreateSession(bg, u.ID, time.Hour)
		cur, _ := db.FindUserByID(ctx, u.ID)
		if _, err := db.UpdateUser(sys, u.ID, payesh.UserUpdate{Active: ptr(false), Version: cur.Version}); err != nil {
			t.Fatal(err)
		}
		_, err = db.UserBySession(bg, sess)
		wantCode(t, err, payesh.EUNAUTHORIZED)
		_, err = db.Authenticate(bg, "reporter.one", "another-long-password")
		wantCode(t, err, payesh.EUNAUTHORIZED)

		dup := &payesh.User{Username: "reporter.one", Name: "x", UnitID: org.ID, Role: payesh.RoleViewer}
		wantCode(t, db.CreateUser(sys, dup, "a-long-password"), payesh.ECONFLICT)
		bad := &payesh.User{Username: "x y", Name: "", UnitID: 999, Role: "king"}
		err = db.CreateUser(sys, bad, "short")
		wantCode(t, err, payesh.EINVALID)
		if f := err.(*payesh.Error).Fields; len(f) != 4 {
			t.Fatalf("field errors %v, want username, name, role, password", f)
		}
		wantCode(t, db.CreateUser(ctx, &payesh.User{Username: "zz", Name: "z", UnitID: org.ID, Role: payesh.RoleAdmin}, "a-long-password"), payesh.EFORBIDDEN)
		if n := auditCount(t, db, "user", u.ID); n != 5 {
			t.Fatalf("user audit events = %d, want create, token, password, token_revoke, update", n)
		}
	})
}
