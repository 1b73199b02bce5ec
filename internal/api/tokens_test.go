package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"payesh"
)

// sessionFor opens a browser session for who and returns the headers a
// same-origin browser request sends with it.
func (e *env) sessionFor(who, password string) []string {
	e.t.Helper()
	r := e.do("POST", apiPath("/auth/login"), "", map[string]string{"username": who, "password": password})
	e.ok(r, http.StatusOK, nil)
	c := sessionOf(r)
	if c == nil {
		e.t.Fatal("no session cookie")
	}
	return []string{"Cookie", SessionCookie + "=" + c.Value, "Sec-Fetch-Site", "same-origin"}
}

// bearer returns the header of a token.
func bearerOf(secret string) []string { return []string{"Authorization", "Bearer " + secret} }

// works reports whether a request with hdr is signed in.
func (e *env) works(hdr []string) bool {
	e.t.Helper()
	switch r := e.do("GET", apiPath("/me"), "", nil, hdr...); r.status {
	case http.StatusOK:
		return true
	case http.StatusUnauthorized:
		return false
	default:
		e.t.Fatalf("GET /me: %d %s", r.status, r.body)
		return false
	}
}

type createdToken struct {
	Token  payesh.Token `json:"token"`
	Secret string       `json:"secret"`
}

// TestTokenCreationPolicy: from a session or a token, a new token needs
// the current password and lives at most the maximum; never-expiring ones
// are refused.
func TestTokenCreationPolicy(t *testing.T) {
	e := newEnv(t)
	session := e.sessionFor("reporter", testPassword)
	bearer := bearerOf(e.token["reporter"])
	for _, tt := range []struct {
		name   string
		body   map[string]any
		status int
		code   string
		field  string
		msg    string // English message of field
	}{
		{"never expires", map[string]any{"name": "x", "ttl_days": 0, "password": testPassword}, 400, "invalid", "ttl_days",
			"A token that never expires is made only on the server (payesh token create); give a lifetime in days, or leave it out for the maximum."},
		{"negative", map[string]any{"name": "x", "ttl_days": -5, "password": testPassword}, 400, "invalid", "ttl_days",
			"A token that never expires is made only on the server (payesh token create); give a lifetime in days, or leave it out for the maximum."},
		{"above the maximum", map[string]any{"name": "x", "ttl_days": 91, "password": testPassword}, 400, "invalid", "ttl_days",
			"The lifetime is longer than this server allows; give fewer days, or leave it out for the maximum."},
		{"no password", map[string]any{"name": "x", "ttl_days": 1}, 400, "invalid", "password", "This field is required."},
		{"wrong password", map[string]any{"name": "x", "password": "not my password"}, 401, "unauthorized", "password",
			"Your current password is incorrect."},
	} {
		for via, hdr := range map[string][]string{"session": session, "token": bearer} {
			t.Run(tt.name+" via "+via, func(t *testing.T) {
				before := e.fingerprint()
				r := e.do("POST", apiPath("/tokens"), "", tt.body, append(hdr, "Accept-Language", "en")...)
				ae := r.apiError()
				if r.status != tt.status || ae.Error.Code != tt.code || ae.Error.Fields[tt.field] != tt.msg {
					t.Fatalf("%d %s; want %d %s with %s: %q", r.status, r.body, tt.status, tt.code, tt.field, tt.msg)
				}
				if e.fingerprint() != before {
					t.Error("a refused request wrote something")
				}
			})
		}
	}
	// The Persian message of a wrong password.
	r := e.do("POST", apiPath("/tokens"), "", map[string]any{"name": "x", "password": "nope"}, session...)
	if ae := r.apiError(); ae.Error.Fields["password"] != "گذرواژهٔ کنونی شما نادرست است." {
		t.Errorf("Persian reauth message: %s", r.body)
	}
	if n := e.auditCount("user", e.user["reporter"].ID, payesh.ActionToken); n != 1 { // the env's own
		t.Fatalf("refused requests made %d tokens", n-1)
	}

	// Without ttl_days a session's token lives the maximum, 90 days.
	var c createdToken
	e.ok(e.do("POST", apiPath("/tokens"), "", map[string]any{"name": "اکسل", "password": testPassword}, session...), http.StatusCreated, &c)
	if c.Token.ExpiresAt == nil || !c.Token.ExpiresAt.Equal(testNow.Add(90*24*time.Hour)) {
		t.Fatalf("token expires %v; want in 90 days", c.Token.ExpiresAt)
	}
	if !e.works(bearerOf(c.Secret)) {
		t.Fatal("the new token does not work")
	}
	// A token may make one too, with the password, for fewer days.
	e.ok(e.do("POST", apiPath("/tokens"), "", map[string]any{"name": "هفتگی", "ttl_days": 7, "password": testPassword}, bearer...),
		http.StatusCreated, &c)
	if !c.Token.ExpiresAt.Equal(testNow.Add(7 * 24 * time.Hour)) {
		t.Fatalf("7-day token expires %v", c.Token.ExpiresAt)
	}
	e.clock.Add(7*24*time.Hour + time.Minute)
	if e.works(bearerOf(c.Secret)) {
		t.Error("the token outlived its 7 days")
	}
}

// TestTokenListAndRevoke: a user lists their tokens — never a secret — and
// revokes one, which stops working at once; an admin does both for anyone.
func TestTokenListAndRevoke(t *testing.T) {
	e := newEnv(t)
	var c createdToken
	e.ok(e.do("POST", apiPath("/tokens"), "viewer", map[string]any{"name": "اسکریپت", "password": testPassword}), http.StatusCreated, &c)
	e.clock.Add(2 * time.Minute)
	if !e.works(bearerOf(c.Secret)) {
		t.Fatal("new token does not work")
	}

	var list struct {
		Items      []payesh.Token `json:"items"`
		MaxTTLDays int            `json:"max_ttl_days"`
	}
	r := e.do("GET", apiPath("/tokens"), "viewer", nil)
	e.ok(r, http.StatusOK, &list)
	if len(list.Items) != 2 || list.MaxTTLDays != 90 || list.Items[0].ID != c.Token.ID || list.Items[0].LastUsedAt == nil {
		t.Fatalf("list %s", r.body)
	}
	if strings.Contains(string(r.body), c.Secret) || strings.Contains(string(r.body), e.token["viewer"]) ||
		strings.Contains(string(r.body), "hash") || strings.Contains(string(r.body), "secret") {
		t.Fatalf("the list shows a secret: %s", r.body)
	}

	// Someone else's: not listed but by an admin, not revoked but by one.
	if r := e.do("GET", apiPath("/users/%d/tokens", e.user["viewer"].ID), "reporter", nil); r.status != http.StatusForbidden {
		t.Errorf("reporter lists viewer's tokens: %d", r.status)
	}
	if r := e.do("DELETE", apiPath("/tokens/%d", c.Token.ID), "reporter", nil); r.status != http.StatusNotFound {
		t.Errorf("reporter revokes viewer's token: %d %s", r.status, r.body)
	}
	var own struct{ Items []payesh.Token }
	e.ok(e.do("GET", apiPath("/users/%d/tokens", e.user["viewer"].ID), "viewer", nil), http.StatusOK, &own)
	if len(own.Items) != 2 {
		t.Errorf("own tokens by user id: %d", len(own.Items))
	}
	e.ok(e.do("GET", apiPath("/users/%d/tokens", e.user["viewer"].ID), "admin", nil), http.StatusOK, &own)
	if len(own.Items) != 2 {
		t.Errorf("admin's view: %d", len(own.Items))
	}

	// The owner revokes the new one: it stops at once, the other works.
	e.ok(e.do("DELETE", apiPath("/tokens/%d", c.Token.ID), "viewer", nil), http.StatusNoContent, nil)
	if e.works(bearerOf(c.Secret)) || !e.works(bearerOf(e.token["viewer"])) {
		t.Fatal("revoke ended the wrong token")
	}
	if r := e.do("DELETE", apiPath("/tokens/%d", c.Token.ID), "viewer", nil); r.status != http.StatusNotFound {
		t.Errorf("second revoke: %d", r.status)
	}
	// An admin revokes the viewer's last one.
	e.ok(e.do("GET", apiPath("/users/%d/tokens", e.user["viewer"].ID), "admin", nil), http.StatusOK, &own)
	e.ok(e.do("DELETE", apiPath("/tokens/%d", own.Items[0].ID), "admin", nil), http.StatusNoContent, nil)
	if e.works(bearerOf(e.token["viewer"])) {
		t.Fatal("the admin's revoke did not take")
	}
	if n := e.auditCount("user", e.user["viewer"].ID, payesh.ActionTokenRevoke); n != 2 {
		t.Errorf("revoke audit events: %d", n)
	}
	var events struct{ Items []payesh.AuditEvent }
	e.ok(e.do("GET", apiPath("/audit?entity=user&entity_id=%d&action=token_revoke", e.user["viewer"].ID), "admin", nil), http.StatusOK, &events)
	var before payesh.Token
	if len(events.Items) != 2 || json.Unmarshal(events.Items[1].Before, &before) != nil || before.ID != c.Token.ID {
		t.Errorf("audit %+v", events.Items)
	}
}

// TestPasswordChangeEndsCredentials: one's own password needs the current
// one and obeys the policy; any new password, and deactivation, end every
// token and session of the user.
func TestPasswordChangeEndsCredentials(t *testing.T) {
	e := newEnv(t)
	me := e.user["reporter"]
	session := e.sessionFor("reporter", testPassword)
	var c createdToken
	e.ok(e.do("POST", apiPath("/tokens"), "", map[string]any{"name": "اسکریپت", "password": testPassword}, session...), http.StatusCreated, &c)
	path := apiPath("/users/%d/password", me.ID)

	for _, tt := range []struct {
		name   string
		body   map[string]string
		status int
		field  string
		msg    string
	}{
		{"no current password", map[string]string{"password": "a fresh long passphrase"}, 400, "current_password", "این فیلد الزامی است."},
		{"wrong current password", map[string]string{"password": "a fresh long passphrase", "current_password": "guess"}, 401, "current_password",
			"گذرواژهٔ کنونی شما نادرست است."},
		{"a repeated character", map[string]string{"password": "aaaaaaaaaa", "current_password": testPassword}, 400, "password",
			"گذرواژه نباید یک نویسهٔ تکراری، چند نویسهٔ پشت‌سرهم تکرارشده یا دنباله‌ای ساده مانند ۱۲۳۴۵۶۷۸۹۰ یا abcdefghij باشد."},
		{"a run of digits", map[string]string{"password": "1234567890", "current_password": testPassword}, 400, "password",
			"گذرواژه نباید یک نویسهٔ تکراری، چند نویسهٔ پشت‌سرهم تکرارشده یا دنباله‌ای ساده مانند ۱۲۳۴۵۶۷۸۹۰ یا abcdefghij باشد."},
		{"common", map[string]string{"password": "password123", "current_password": testPassword}, 400, "password",
			"این گذرواژه بسیار رایج است و به‌آسانی حدس زده می‌شود؛ گذرواژهٔ دیگری برگزینید."},
		{"the username", map[string]string{"password": "reporter", "current_password": testPassword}, 400, "password",
			"گذرواژه باید دست‌کم ۱۰ نویسه باشد."},
		{"holding the username", map[string]string{"password": "Reporter-1403!", "current_password": testPassword}, 400, "password",
			"گذرواژه نباید نام کاربری را در بر داشته باشد."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := e.do("PUT", path, "", tt.body, session...)
			if ae := r.apiError(); r.status != tt.status || ae.Error.Fields[tt.field] != tt.msg {
				t.Fatalf("%d %s; want %d with %s: %q", r.status, r.body, tt.status, tt.field, tt.msg)
			}
			if !e.works(session) || !e.works(bearerOf(c.Secret)) {
				t.Fatal("a refused change ended a credential")
			}
		})
	}
	// An admin changing their own password is asked for it too.
	admin := e.user["admin"]
	if r := e.do("PUT", apiPath("/users/%d/password", admin.ID), "admin", map[string]string{"password": "a fresh long passphrase"}); r.status != http.StatusBadRequest ||
		r.apiError().Error.Fields["current_password"] == "" {
		t.Errorf("admin's own password without the current one: %d %s", r.status, r.body)
	}

	// The right current password: every token and session of the user
	// ends, the session of this very request included.
	e.ok(e.do("PUT", path, "", map[string]string{"password": "a fresh long passphrase", "current_password": testPassword}, session...),
		http.StatusNoContent, nil)
	if e.works(session) || e.works(bearerOf(c.Secret)) || e.works(bearerOf(e.token["reporter"])) {
		t.Fatal("a credential outlived the password")
	}
	session = e.sessionFor("reporter", "a fresh long passphrase")

	// An admin's reset of another's password needs no current one.
	var v createdToken
	e.ok(e.do("POST", apiPath("/tokens"), "viewer", map[string]any{"name": "x", "password": testPassword}), http.StatusCreated, &v)
	e.ok(e.do("PUT", apiPath("/users/%d/password", e.user["viewer"].ID), "admin", map[string]string{"password": "reset by the admin"}),
		http.StatusNoContent, nil)
	if e.works(bearerOf(v.Secret)) || e.works(bearerOf(e.token["viewer"])) {
		t.Fatal("a token outlived the admin's reset")
	}

	// Deactivation ends them too, and reactivation does not revive them.
	e.ok(e.do("POST", apiPath("/tokens"), "", map[string]any{"name": "y", "password": "a fresh long passphrase"}, session...), http.StatusCreated, &c)
	var u payesh.User
	e.ok(e.do("GET", apiPath("/users/%d", me.ID), "admin", nil), http.StatusOK, &u)
	e.ok(e.do("PATCH", apiPath("/users/%d", me.ID), "admin", map[string]any{"active": false, "version": u.Version}), http.StatusOK, &u)
	e.ok(e.do("PATCH", apiPath("/users/%d", me.ID), "admin", map[string]any{"active": true, "version": u.Version}), http.StatusOK, &u)
	if e.works(session) || e.works(bearerOf(c.Secret)) {
		t.Fatal("a credential outlived deactivation")
	}
}
