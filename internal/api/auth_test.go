package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"payesh"
	"payesh/internal/edge"
	"payesh/internal/login"
)

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

func sessionOf(r *result) *http.Cookie {
	for _, c := range (&http.Response{Header: r.header}).Cookies() {
		if c.Name == SessionCookie {
			return c
		}
	}
	return nil
}

func TestLoginCookieLogout(t *testing.T) {
	e := newEnv(t)
	r := e.do("POST", apiPath("/auth/login"), "", map[string]string{"username": "Reporter ", "password": testPassword})
	var u payesh.User
	e.ok(r, http.StatusOK, &u)
	if u.ID != e.user["reporter"].ID || strings.Contains(string(r.body), "password") || strings.Contains(string(r.body), "hash") {
		t.Errorf("login answered %s", r.body)
	}
	c := sessionOf(r)
	if c == nil || c.Value == "" || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Secure || c.MaxAge != int((12*time.Hour).Seconds()) {
		t.Fatalf("session cookie %+v", c)
	}
	cookie := []string{"Cookie", SessionCookie + "=" + c.Value}

	e.ok(e.do("GET", apiPath("/me"), "", nil, cookie...), http.StatusOK, &u)
	if u.Username != "reporter" {
		t.Errorf("me = %+v", u)
	}
	// A same-origin browser write with the cookie passes the CSRF check.
	f := newFixture(e)
	e.ok(e.do("POST", apiPath("/work-items/%d/updates", f.sub.ID), "", map[string]any{"note": "از مرورگر", "version": f.sub.Version},
		append(cookie, "Sec-Fetch-Site", "same-origin")...), http.StatusCreated, nil)
	// A cross-site one does not.
	if r := e.do("POST", apiPath("/work-items/%d/updates", f.sub.ID), "", map[string]any{"note": "جعلی", "version": f.sub.Version + 1},
		append(cookie, "Sec-Fetch-Site", "cross-site")...); r.status != http.StatusForbidden {
		t.Errorf("cross-site cookie write: %d %s", r.status, r.body)
	}

	r = e.do("POST", apiPath("/auth/logout"), "", nil, cookie...)
	e.ok(r, http.StatusNoContent, nil)
	if c := sessionOf(r); c == nil || c.MaxAge >= 0 || c.Value != "" {
		t.Errorf("logout cookie %+v", c)
	}
	if r := e.do("GET", apiPath("/me"), "", nil, cookie...); r.status != http.StatusUnauthorized {
		t.Errorf("after logout: %d", r.status)
	}
	// Logging out again, or without a session, is harmless.
	e.ok(e.do("POST", apiPath("/auth/logout"), "", nil, cookie...), http.StatusNoContent, nil)
}

// clientEnv is newEnv with the client address taken from the X-Test-Client
// header, so that one test can sign in from several addresses.
func clientEnv(t *testing.T) *env {
	e := newEnv(t)
	e.srv.Close()
	e.srv = httptest.NewServer(New(Services{
		Services: e.db.Services(), Ping: e.db.Ping, Now: e.clock.Now,
		Logger:   slog.New(slog.NewTextHandler(testWriter{t}, nil)),
		ClientIP: func(r *http.Request) string { return r.Header.Get("X-Test-Client") },
	}))
	t.Cleanup(e.srv.Close)
	return e
}

func (e *env) signIn(user, pw, client string) *result {
	return e.do("POST", apiPath("/auth/login"), "", map[string]string{"username": user, "password": pw},
		"Accept-Language", "en", "X-Test-Client", client)
}

// TestLoginRateLimit: after the pair's free failures the client must wait
// — 429 rate_limited with Retry-After, even with the right password — but
// the same account signs in at once from another client, and from the
// same client once the wait is over.
func TestLoginRateLimit(t *testing.T) {
	e := clientEnv(t)
	free := login.DefaultPolicy.Pair.Free
	for i := range free {
		r := e.signIn("viewer", "wrong password", "203.0.113.9")
		if r.status != http.StatusUnauthorized || r.apiError().Error.Code != "unauthorized" || !strings.Contains(string(r.body), "username or password is incorrect") {
			t.Fatalf("failure %d: %d %s", i+1, r.status, r.body)
		}
	}
	r := e.signIn("viewer", testPassword, "203.0.113.9")
	if r.status != http.StatusTooManyRequests || r.apiError().Error.Code != "rate_limited" || r.header.Get("Retry-After") != "1" {
		t.Fatalf("attempt after %d failures: %d %s %v", free, r.status, r.body, r.header)
	}
	if sessionOf(r) != nil {
		t.Error("a refused login set a cookie")
	}
	// Another client is not held up by this one's failures.
	e.ok(e.signIn("viewer", testPassword, "198.51.100.4"), http.StatusOK, nil)
	// Nor another account at the same client.
	e.ok(e.signIn("admin", testPassword, "203.0.113.9"), http.StatusOK, nil)
	// After the wait the account opens at this client too.
	e.clock.Add(time.Second)
	e.ok(e.signIn("viewer", testPassword, "203.0.113.9"), http.StatusOK, nil)
}

// TestLoginRateLimitPerAddress: an address that sprays many usernames is
// held up after its allowance, for usernames it never signed in as.
func TestLoginRateLimitPerAddress(t *testing.T) {
	e := clientEnv(t)
	e.ok(e.signIn("admin", testPassword, "203.0.113.1"), http.StatusOK, nil)
	for i := range login.DefaultPolicy.Addr.Free {
		user := fmt.Sprint("nobody", i) // a new username each time
		if r := e.signIn(user, "guess", "203.0.113.1"); r.status != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %d", i+1, r.status)
		}
	}
	r := e.signIn("viewer", testPassword, "203.0.113.1")
	if r.status != http.StatusTooManyRequests || r.apiError().Error.Code != "rate_limited" || r.header.Get("Retry-After") == "" {
		t.Fatalf("spraying address not limited: %d %s", r.status, r.body)
	}
	// The admin signed in from there before and is not held up by it.
	e.ok(e.signIn("admin", testPassword, "203.0.113.1"), http.StatusOK, nil)
	e.ok(e.signIn("viewer", testPassword, "198.51.100.1"), http.StatusOK, nil)
}

func TestLoginBadInput(t *testing.T) {
	e := newEnv(t)
	for _, body := range []string{`{"username":"admin"`, `{"user":"admin","password":"x"}`, `[]`} {
		if r := e.do("POST", apiPath("/auth/login"), "", body); r.status != http.StatusBadRequest {
			t.Errorf("%s: %d", body, r.status)
		}
	}
	// Inactive users cannot sign in, nor use their tokens.
	inactive := false
	if _, err := e.db.UpdateUser(sysCtx, e.user["viewer"].ID, payesh.UserUpdate{Active: &inactive, Version: e.user["viewer"].Version}); err != nil {
		t.Fatal(err)
	}
	if r := e.do("POST", apiPath("/auth/login"), "", map[string]string{"username": "viewer", "password": testPassword}); r.status != http.StatusUnauthorized {
		t.Errorf("inactive login: %d", r.status)
	}
	if r := e.do("GET", apiPath("/me"), "viewer", nil); r.status != http.StatusUnauthorized {
		t.Errorf("inactive token: %d", r.status)
	}
}

func TestTokens(t *testing.T) {
	e := newEnv(t)
	var created struct {
		Token  payesh.Token `json:"token"`
		Secret string       `json:"secret"`
	}
	e.ok(e.do("POST", apiPath("/tokens"), "viewer", map[string]any{"name": "اکسل", "ttl_days": 1, "password": testPassword}), http.StatusCreated, &created)
	if created.Secret == "" || created.Token.UserID != e.user["viewer"].ID || created.Token.ExpiresAt == nil {
		t.Fatalf("token %+v", created)
	}
	var me payesh.User
	r := e.do("GET", apiPath("/me"), "", nil, "Authorization", "Bearer "+created.Secret)
	e.ok(r, http.StatusOK, &me)
	if me.ID != e.user["viewer"].ID {
		t.Errorf("token user %+v", me)
	}
	for _, body := range []string{`{"name":"","ttl_days":1,"password":"` + testPassword + `"}`, `{"name":"x","ttl_days":-1,"password":"` + testPassword + `"}`,
		`{"name":"x","ttl_days":100000,"password":"` + testPassword + `"}`} {
		if r := e.do("POST", apiPath("/tokens"), "viewer", body); r.status != http.StatusBadRequest {
			t.Errorf("%s: %d %s", body, r.status, r.body)
		}
	}
	// The token expires with the clock.
	e.clock.Add(25 * time.Hour)
	if r := e.do("GET", apiPath("/me"), "", nil, "Authorization", "Bearer "+created.Secret); r.status != http.StatusUnauthorized {
		t.Errorf("expired token: %d", r.status)
	}
}

func TestHealthz(t *testing.T) {
	e := newEnv(t)
	r := e.do("GET", "/healthz", "", nil)
	if r.status != http.StatusOK || !containsAll(string(r.body), `"status":"ok"`) {
		t.Errorf("healthz: %d %s", r.status, r.body)
	}
	down := httptest.NewServer(New(Services{
		Ping:   func(context.Context) error { return errors.New("dial tcp: connection refused") },
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}))
	defer down.Close()
	resp, err := http.Get(down.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || !containsAll(string(b), `"internal"`) || strings.Contains(string(b), "refused") {
		t.Errorf("unhealthy: %d %s", resp.StatusCode, b)
	}
}

func TestLanguages(t *testing.T) {
	e := newEnv(t)
	url := apiPath("/work-items/999999")
	en := e.do("GET", url, "viewer", nil, "Accept-Language", "en-US,en;q=0.9").apiError()
	fa := e.do("GET", url, "viewer", nil, "Accept-Language", "fa-IR").apiError()
	none := e.do("GET", url, "viewer", nil).apiError()
	if en.Error.Message != "Work item not found." || fa.Error.Message != "کار موردنظر یافت نشد." || none.Error.Message != fa.Error.Message {
		t.Errorf("messages en %q fa %q default %q", en.Error.Message, fa.Error.Message, none.Error.Message)
	}
	body := `{"kind":"program","title":"","owner_unit_id":0}`
	enF := e.do("POST", apiPath("/work-items"), "admin", body, "Accept-Language", "en").apiError()
	faF := e.do("POST", apiPath("/work-items"), "admin", body, "Accept-Language", "fa").apiError()
	if enF.Error.Fields["title"] != "This field is required." || faF.Error.Fields["title"] != "این فیلد الزامی است." {
		t.Errorf("fields en %v fa %v", enF.Error.Fields, faF.Error.Fields)
	}
}

func TestMethodNotAllowedHeader(t *testing.T) {
	e := newEnv(t)
	r := e.do("DELETE", apiPath("/work-items"), "admin", nil)
	if r.status != http.StatusMethodNotAllowed || r.header.Get("Allow") != "GET, POST, HEAD" {
		t.Errorf("405: %d Allow %q", r.status, r.header.Get("Allow"))
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("content type %q", ct)
	}
	// Paths outside the API are not answered as if they were in it.
	if r := e.do("GET", "/elsewhere", "", nil); r.status != http.StatusNotFound {
		t.Errorf("outside: %d", r.status)
	}
}

// TestPanicIsInternalError: a handler panic (here, a missing service)
// answers, through the edge in front of the API, a JSON 500 that reveals
// nothing of the cause.
func TestPanicIsInternalError(t *testing.T) {
	srv := httptest.NewServer(edge.New(New(Services{}), edge.Options{}))
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL+"/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer x")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusInternalServerError || !containsAll(string(b), `"code":"internal"`) || strings.Contains(string(b), "nil") {
		t.Errorf("panic: %d %s", resp.StatusCode, b)
	}
}
