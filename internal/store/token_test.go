package store_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// userPassword is the password mustUser gives every user.
const userPassword = "a-long-password"

// wantCodeField fails unless err is code with field's message key.
func wantCodeField(t *testing.T, err error, code, field, key string) {
	t.Helper()
	wantCode(t, err, code)
	if e, ok := err.(*payesh.Error); !ok || e.Fields[field] != key {
		t.Fatalf("error %v: want %s on %s", err, key, field)
	}
}

// tokenWorks reports whether secret still authenticates someone.
func tokenWorks(t *testing.T, db *store.DB, secret string) bool {
	t.Helper()
	_, err := db.UserByToken(context.Background(), secret)
	if err != nil && payesh.ErrorCode(err) != payesh.EUNAUTHORIZED {
		t.Fatal(err)
	}
	return err == nil
}

func sessionWorks(t *testing.T, db *store.DB, secret string) bool {
	t.Helper()
	_, err := db.UserBySession(context.Background(), secret)
	if err != nil && payesh.ErrorCode(err) != payesh.EUNAUTHORIZED {
		t.Fatal(err)
	}
	return err == nil
}

// issue makes a token for the user in ctx, failing the test on an error.
func issue(t *testing.T, db *store.DB, ctx context.Context, name string) (string, *payesh.Token) {
	t.Helper()
	secret, tok, err := db.IssueToken(ctx, payesh.TokenInput{Name: name, Password: userPassword})
	if err != nil {
		t.Fatalf("issue token %q: %v", name, err)
	}
	return secret, tok
}

// TestIssueTokenPolicy: a person's token needs their password and lives
// at most the configured maximum; only the system makes one that never
// expires.
func TestIssueTokenPolicy(t *testing.T) {
	opt := opts()
	opt.TokenMaxTTL = 30 * 24 * time.Hour
	storetest.Engines(t, opt, func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		u, ctx := mustUser(t, db, org, "reporter", payesh.RoleReporter)
		if db.TokenMaxTTL() != 30*24*time.Hour {
			t.Fatalf("TokenMaxTTL = %v", db.TokenMaxTTL())
		}
		days := func(n int) *int { return &n }
		for _, tt := range []struct {
			name        string
			in          payesh.TokenInput
			code, field string
			key         string
		}{
			{"never expires", payesh.TokenInput{Name: "x", TTLDays: days(0), Password: userPassword}, payesh.EINVALID, "ttl_days", "err.token.ttl_never"},
			{"negative", payesh.TokenInput{Name: "x", TTLDays: days(-1), Password: userPassword}, payesh.EINVALID, "ttl_days", "err.token.ttl_never"},
			{"above the maximum", payesh.TokenInput{Name: "x", TTLDays: days(31), Password: userPassword}, payesh.EINVALID, "ttl_days", "err.token.ttl_max"},
			{"far above", payesh.TokenInput{Name: "x", TTLDays: days(1 << 30), Password: userPassword}, payesh.EINVALID, "ttl_days", "err.token.ttl_max"},
			{"no password", payesh.TokenInput{Name: "x"}, payesh.EINVALID, "password", "err.required"},
			{"no name", payesh.TokenInput{Password: userPassword}, payesh.EINVALID, "name", "err.required"},
			{"wrong password", payesh.TokenInput{Name: "x", Password: "not-the-password"}, payesh.EUNAUTHORIZED, "password", "err.reauth"},
			{"NUL in the password", payesh.TokenInput{Name: "x", Password: "a-long\x00-password"}, payesh.EUNAUTHORIZED, "password", "err.reauth"},
		} {
			t.Run(tt.name, func(t *testing.T) {
				_, _, err := db.IssueToken(ctx, tt.in)
				wantCodeField(t, err, tt.code, tt.field, tt.key)
			})
		}
		// Every problem of the form is named at once.
		_, _, err := db.IssueToken(ctx, payesh.TokenInput{TTLDays: days(0)})
		if e, ok := err.(*payesh.Error); !ok || len(e.Fields) != 3 {
			t.Fatalf("error %v: want name, ttl_days and password", err)
		}
		if n := auditCount(t, db, "user", u.ID); n != 1 {
			t.Fatalf("refused requests wrote %d audit events", n-1)
		}

		// Missing is the maximum; a number of days up to it is that.
		secret, tok, err := db.IssueToken(ctx, payesh.TokenInput{Name: " اسکریپت اکسل ", Password: userPassword})
		if err != nil {
			t.Fatal(err)
		}
		if tok.Name != "اسکریپت اکسل" || tok.UserID != u.ID || tok.ExpiresAt == nil || !tok.ExpiresAt.Equal(fixedNow.Add(30*24*time.Hour)) {
			t.Fatalf("token %+v", tok)
		}
		if !tokenWorks(t, db, secret) {
			t.Fatal("the new token does not work")
		}
		_, tok, err = db.IssueToken(ctx, payesh.TokenInput{Name: "هفتگی", TTLDays: days(7), Password: userPassword})
		if err != nil || !tok.ExpiresAt.Equal(fixedNow.Add(7*24*time.Hour)) {
			t.Fatalf("7-day token %+v %v", tok, err)
		}
		if _, _, err := db.IssueToken(ctx, payesh.TokenInput{Name: "ماهانه", TTLDays: days(30), Password: userPassword}); err != nil {
			t.Fatalf("a token of the maximum: %v", err)
		}

		// CreateToken is the command line's: a person may not call it,
		// not even an admin, and not with a lifetime of 0.
		admin, adminCtx := mustUser(t, db, org, "admin", payesh.RoleAdmin)
		for _, c := range []context.Context{ctx, adminCtx} {
			_, _, err := db.CreateToken(c, u.ID, "x", 0)
			wantCode(t, err, payesh.EFORBIDDEN)
		}
		// The system may, for anyone and for ever, and never with IssueToken.
		forever, tok, err := db.CreateToken(sys, admin.ID, "cli", 0)
		if err != nil || tok.ExpiresAt != nil || !tokenWorks(t, db, forever) {
			t.Fatalf("system token %+v %v", tok, err)
		}
		_, _, err = db.IssueToken(sys, payesh.TokenInput{Name: "x", Password: userPassword})
		wantCode(t, err, payesh.EFORBIDDEN)

		// Each issue is audited with the token, never its secret.
		events, _, err := db.FindAuditEvents(sys, payesh.AuditFilter{Entity: "user", EntityID: u.ID, Action: payesh.ActionToken})
		if err != nil || len(events) != 3 {
			t.Fatalf("token events %d %v", len(events), err)
		}
		if strings.Contains(string(events[0].After), secret[:20]) || strings.Contains(string(events[0].After), "hash") {
			t.Errorf("audit row holds a secret: %s", events[0].After)
		}
	})
}

// TestDefaultTokenMaxTTL: without configuration a token lives 90 days.
func TestDefaultTokenMaxTTL(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		_, ctx := mustUser(t, db, org, "viewer", payesh.RoleViewer)
		_, tok := issue(t, db, ctx, "پیش‌فرض")
		if db.TokenMaxTTL() != payesh.DefaultTokenMaxTTL || !tok.ExpiresAt.Equal(fixedNow.Add(90*24*time.Hour)) {
			t.Fatalf("max %v, token expires %v", db.TokenMaxTTL(), tok.ExpiresAt)
		}
	})
}

// TestLiveTokensBounded: a person holds at most MaxLiveTokens; expired
// ones do not count and are swept when the next is made.
func TestLiveTokensBounded(t *testing.T) {
	now := fixedNow
	opt := store.Options{Now: func() time.Time { return now }}
	storetest.Engines(t, opt, func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		u, ctx := mustUser(t, db, org, "viewer", payesh.RoleViewer)
		one := 1
		for range payesh.MaxLiveTokens {
			if _, _, err := db.IssueToken(ctx, payesh.TokenInput{Name: "t", TTLDays: &one, Password: userPassword}); err != nil {
				t.Fatal(err)
			}
		}
		_, _, err := db.IssueToken(ctx, payesh.TokenInput{Name: "one too many", Password: userPassword})
		wantCode(t, err, payesh.ECONFLICT)
		now = now.Add(25 * time.Hour)
		issue(t, db, ctx, "after a day")
		list, err := db.FindTokens(ctx, u.ID)
		if err != nil || len(list) != 1 || list[0].Name != "after a day" {
			t.Fatalf("tokens after the sweep: %d %v", len(list), err)
		}
	})
}

// TestListAndRevokeTokens: one lists and revokes one's own tokens, an admin
// anyone's; a revoked token stops working at once, and the revocation is
// audited.
func TestListAndRevokeTokens(t *testing.T) {
	now := fixedNow
	opt := store.Options{Now: func() time.Time { return now }}
	storetest.Engines(t, opt, func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		u, ctx := mustUser(t, db, org, "reporter", payesh.RoleReporter)
		other, otherCtx := mustUser(t, db, org, "viewer", payesh.RoleViewer)
		_, adminCtx := mustUser(t, db, org, "admin", payesh.RoleAdmin)

		first, t1 := issue(t, db, ctx, "نخست")
		now = now.Add(time.Hour)
		second, t2 := issue(t, db, ctx, "دوم")
		otherSecret, t3 := issue(t, db, otherCtx, "دیگری")
		now = now.Add(2 * time.Minute)
		tokenWorks(t, db, second) // records its use

		list, err := db.FindTokens(ctx, u.ID)
		if err != nil || len(list) != 2 {
			t.Fatalf("own tokens: %d %v", len(list), err)
		}
		if list[0].ID != t2.ID || list[1].ID != t1.ID {
			t.Errorf("order %d, %d; want newest first", list[0].ID, list[1].ID)
		}
		if list[0].LastUsedAt == nil || !list[0].LastUsedAt.Equal(now) || list[1].LastUsedAt != nil {
			t.Errorf("last used: %v, %v", list[0].LastUsedAt, list[1].LastUsedAt)
		}
		b, _ := json.Marshal(list)
		if strings.Contains(string(b), "hash") || strings.Contains(string(b), "secret") || strings.Contains(string(b), first[:20]) {
			t.Errorf("the list shows a secret: %s", b)
		}
		// Not someone else's; an admin's, yes; an unknown user is not found.
		_, err = db.FindTokens(ctx, other.ID)
		wantCode(t, err, payesh.EFORBIDDEN)
		if list, err := db.FindTokens(adminCtx, other.ID); err != nil || len(list) != 1 || list[0].ID != t3.ID {
			t.Fatalf("admin's view: %v %v", list, err)
		}
		_, err = db.FindTokens(adminCtx, 999999)
		wantCode(t, err, payesh.ENOTFOUND)

		// Someone else's token is not found by a non-admin, and stays.
		wantCode(t, db.RevokeToken(otherCtx, t1.ID), payesh.ENOTFOUND)
		wantCode(t, db.RevokeToken(ctx, 999999), payesh.ENOTFOUND)
		if !tokenWorks(t, db, first) {
			t.Fatal("a refused revoke ended the token")
		}
		// The owner revokes; it stops working at once, the other stays.
		if err := db.RevokeToken(ctx, t1.ID); err != nil {
			t.Fatal(err)
		}
		if tokenWorks(t, db, first) || !tokenWorks(t, db, second) {
			t.Fatal("revoke ended the wrong token")
		}
		wantCode(t, db.RevokeToken(ctx, t1.ID), payesh.ENOTFOUND)
		// An admin revokes another user's.
		if err := db.RevokeToken(adminCtx, t3.ID); err != nil {
			t.Fatal(err)
		}
		if tokenWorks(t, db, otherSecret) {
			t.Fatal("the admin's revoke did not take")
		}
		events, _, err := db.FindAuditEvents(sys, payesh.AuditFilter{Entity: "user", EntityID: u.ID, Action: payesh.ActionTokenRevoke})
		if err != nil || len(events) != 1 || events[0].ActorID == nil || *events[0].ActorID != u.ID {
			t.Fatalf("revoke events %+v %v", events, err)
		}
		var before payesh.Token
		if err := json.Unmarshal(events[0].Before, &before); err != nil || before.ID != t1.ID || before.Name != "نخست" {
			t.Errorf("revoke event before = %s (%v)", events[0].Before, err)
		}
		if n := len(mustTokens(t, db, ctx, u.ID)); n != 1 {
			t.Errorf("%d tokens after the revoke, want 1", n)
		}
	})
}

func mustTokens(t *testing.T, db *store.DB, ctx context.Context, userID int64) []*payesh.Token {
	t.Helper()
	list, err := db.FindTokens(ctx, userID)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// TestCredentialsEndWithPassword: a new password — one's own, or an admin's
// reset — and deactivation end every token and every session of the user;
// one's own needs the current password, an admin's reset of another's not.
func TestCredentialsEndWithPassword(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		u, ctx := mustUser(t, db, org, "reporter", payesh.RoleReporter)
		other, _ := mustUser(t, db, org, "viewer", payesh.RoleViewer)
		admin, adminCtx := mustUser(t, db, org, "admin", payesh.RoleAdmin)
		credentials := func(userID int64, ctx context.Context) (token, session string) {
			t.Helper()
			var err error
			if ctx == nil {
				token, _, err = db.CreateToken(sys, userID, "cli", 0)
			} else {
				token, _ = issue(t, db, ctx, "script")
			}
			if err != nil {
				t.Fatal(err)
			}
			if session, err = db.CreateSession(context.Background(), userID, time.Hour); err != nil {
				t.Fatal(err)
			}
			return token, session
		}
		alive := func(what, token, session string, want bool) {
			t.Helper()
			if tokenWorks(t, db, token) != want || sessionWorks(t, db, session) != want {
				t.Fatalf("%s: token works %v, session works %v; want %v", what, tokenWorks(t, db, token), sessionWorks(t, db, session), want)
			}
		}

		// One's own: without, or with a wrong, current password, nothing
		// changes.
		tok, sess := credentials(u.ID, ctx)
		neverTok, _ := credentials(u.ID, nil)
		wantCodeField(t, db.ChangePassword(ctx, "", "a fresh long passphrase"), payesh.EINVALID, "current_password", "err.required")
		wantCodeField(t, db.ChangePassword(ctx, "wrong-password", "a fresh long passphrase"), payesh.EUNAUTHORIZED, "current_password", "err.reauth")
		wantCodeField(t, db.ChangePassword(ctx, userPassword, "1234567890"), payesh.EINVALID, "password", "err.user.password_pattern")
		wantCodeField(t, db.ChangePassword(ctx, userPassword, "Reporter2024!"), payesh.EINVALID, "password", "err.user.password_username")
		// An admin is no exception for their own.
		wantCodeField(t, db.SetPassword(adminCtx, admin.ID, "a fresh long passphrase"), payesh.EINVALID, "current_password", "err.user.current_password")
		// Nor may anyone but an admin reset another's.
		wantCode(t, db.SetPassword(ctx, other.ID, "a fresh long passphrase"), payesh.EFORBIDDEN)
		alive("after refused changes", tok, sess, true)
		if _, err := db.Authenticate(context.Background(), "reporter", userPassword); err != nil {
			t.Fatalf("a refused change changed the password: %v", err)
		}

		if err := db.ChangePassword(ctx, userPassword, "a fresh long passphrase"); err != nil {
			t.Fatal(err)
		}
		alive("after changing one's own password", tok, sess, false)
		if tokenWorks(t, db, neverTok) {
			t.Fatal("a never-expiring token outlived the password")
		}
		if n := len(mustTokens(t, db, ctx, u.ID)); n != 0 {
			t.Fatalf("%d tokens left", n)
		}
		if _, err := db.Authenticate(context.Background(), "reporter", "a fresh long passphrase"); err != nil {
			t.Fatal(err)
		}
		revoked, _, err := db.FindAuditEvents(sys, payesh.AuditFilter{Entity: "user", EntityID: u.ID, Action: payesh.ActionTokenRevoke})
		if err != nil || len(revoked) != 2 {
			t.Fatalf("revoke events %d %v; want one per token", len(revoked), err)
		}

		// An admin's reset of another's password.
		tok, sess = credentials(other.ID, nil)
		if err := db.SetPassword(adminCtx, other.ID, "reset by the admin"); err != nil {
			t.Fatal(err)
		}
		alive("after an admin's reset", tok, sess, false)

		// Deactivation; reactivating does not bring them back.
		tok, sess = credentials(u.ID, nil)
		cur, _ := db.FindUserByID(sys, u.ID)
		cur, err = db.UpdateUser(adminCtx, u.ID, payesh.UserUpdate{Active: ptr(false), Version: cur.Version})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.UpdateUser(adminCtx, u.ID, payesh.UserUpdate{Active: ptr(true), Version: cur.Version}); err != nil {
			t.Fatal(err)
		}
		alive("after deactivation", tok, sess, false)
	})
}

// TestPasswordPolicyInStore: users are not made with a password the policy
// refuses, nor given one.
func TestPasswordPolicyInStore(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		victim, _ := mustUser(t, db, org, "victim", payesh.RoleViewer)
		for _, tt := range []struct{ username, pw, key string }{
			{"maryam.k", "aaaaaaaaaa", "err.user.password_pattern"},
			{"maryam.k", "1234567890", "err.user.password_pattern"},
			{"maryam.k", "password123", "err.user.password_common"},
			{"maryam.k", "1qaz2wsx3edc", "err.user.password_common"},
			{"maryam.k", "Qwertyuiop", "err.user.password_common"},
			{"secretariat", "secretariat", "err.user.password_username"},
			{"maryam.k", "MaryamK-1403-xyz", "err.user.password_username"},
		} {
			u := &payesh.User{Username: tt.username, Name: "مریم", UnitID: org.ID, Role: payesh.RoleViewer}
			wantCodeField(t, db.CreateUser(sys, u, tt.pw), payesh.EINVALID, "password", tt.key)
			pw := tt.pw
			if tt.key == "err.user.password_username" {
				pw = "Victim-1403-xyz"
			}
			wantCodeField(t, db.SetPassword(sys, victim.ID, pw), payesh.EINVALID, "password", tt.key)
		}
	})
}
