package app_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"payesh/internal/app"
	"payesh/internal/edge"
	"payesh/internal/login"
)

// call is one request through a test server and what came back.
type call struct {
	status int
	header http.Header
	body   string
	id     string
}

func send(t *testing.T, srv *httptest.Server, method, path, body string, hdr ...string) call {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Add(hdr[i], hdr[i+1])
	}
	// Bodies as they cross the wire: compressed only when a case asks.
	client := &http.Client{Transport: &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return call{resp.StatusCode, resp.Header, string(b), resp.Header.Get(edge.HeaderRequestID)}
}

// TestOneEdge: the API and the web UI answer behind one edge — the same
// security headers and request ids on both — and each request has one
// access-log line naming its route pattern, its status, and the user
// once signed in.
func TestOneEdge(t *testing.T) {
	db, u := newStore(t)
	var logs logLines
	h, err := app.Handler(db, app.Options{Logger: logs.logger()})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	signIn := send(t, srv, "POST", "/api/v1/auth/login", fmt.Sprintf(`{"username":%q,"password":%q}`, testUser, testPassword))
	var session string
	for _, c := range (&http.Response{Header: signIn.header}).Cookies() {
		if c.Name == login.SessionCookie {
			session = c.Value
		}
	}
	if signIn.status != http.StatusOK || session == "" {
		t.Fatalf("sign in: %d %s", signIn.status, signIn.body)
	}
	cookie := login.SessionCookie + "=" + session

	cases := []struct {
		method, path, body string
		hdr                []string
		status             int
		route              string
		user               bool
	}{
		{"GET", "/healthz", "", nil, 200, "GET /healthz", false},
		{"GET", "/api/v1/openapi.json", "", nil, 200, "GET /api/v1/openapi.json", false},
		{"GET", "/api/v1/me", "", nil, 401, "GET /api/v1/me", false},
		{"GET", "/api/v1/me", "", []string{"Cookie", cookie}, 200, "GET /api/v1/me", true},
		{"GET", "/api/v1/org-units/123456", "", []string{"Cookie", cookie}, 404, "GET /api/v1/org-units/{id}", true},
		{"GET", "/api/v1/no-such-thing", "", []string{"Cookie", cookie}, 404, "/api/v1/", false},
		{"GET", "/login", "", nil, 200, "GET /login", false},
		{"GET", "/work/42", "", nil, 303, "GET /work/{id}", false},
		{"GET", "/work/123456", "", []string{"Cookie", cookie}, 404, "GET /work/{id}", true},
		{"GET", "/account", "", []string{"Cookie", cookie}, 200, "GET /account", true},
		{"GET", "/static/css/payesh.css", "", nil, 200, "GET /static/", false},
		// Compressed, and logged with the bytes that crossed the wire.
		{"GET", "/static/js/payesh.js", "", []string{"Accept-Encoding", "gzip"}, 200, "GET /static/", false},
		{"GET", "/api/v1/openapi.json", "", []string{"Accept-Encoding", "gzip"}, 200, "GET /api/v1/openapi.json", false},
		{"POST", "/logout", "", []string{"Cookie", cookie, "Origin", srv.URL}, 303, "POST /logout", false},
	}
	for _, c := range cases {
		r := send(t, srv, c.method, c.path, c.body, c.hdr...)
		what := c.method + " " + c.path
		if r.status != c.status {
			t.Errorf("%s: status %d, want %d\n%.300s", what, r.status, c.status, r.body)
		}
		for _, name := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Cache-Control"} {
			if r.header.Get(name) == "" {
				t.Errorf("%s: no %s", what, name)
			}
		}
		gzipped := slices.Contains(c.hdr, "gzip")
		if enc := r.header.Get("Content-Encoding"); gzipped != (enc == "gzip") {
			t.Errorf("%s: Content-Encoding %q", what, enc)
		}
		if cc := r.header.Get("Cache-Control"); strings.HasPrefix(c.path, "/static/") != strings.Contains(cc, "immutable") {
			t.Errorf("%s: Cache-Control %q", what, cc)
		}
		line := logs.access(t, r.id)
		if line == nil {
			t.Errorf("%s: no access-log line with request id %q\n%s", what, r.id, logs.String())
			continue
		}
		if line["method"] != c.method || line["route"] != c.route || line["status"] != float64(r.status) ||
			line["client"] != "127.0.0.1" || line["bytes"] != float64(len(r.body)) {
			t.Errorf("%s: access line %v; want route %q", what, line, c.route)
		}
		if got := line["username"] != nil; got != c.user || c.user && (line["username"] != testUser || line["user_id"] != float64(u.ID)) {
			t.Errorf("%s: access line user %v %v; want signed in: %v", what, line["user_id"], line["username"], c.user)
		}
	}
	if line := logs.access(t, signIn.id); line == nil || line["username"] != testUser || line["route"] != "POST /api/v1/auth/login" {
		t.Errorf("sign-in access line %v", line)
	}
}

// TestClientIPForSignIn: the sign-in throttle of both doors counts a
// failure against the client the trusted proxy names, and against the
// socket's peer when the peer is not a trusted proxy, whatever header it
// sends.
func TestClientIPForSignIn(t *testing.T) {
	for _, c := range []struct {
		name, proxies, want, notWant string
	}{
		{"trusted proxy", "127.0.0.1/32", "198.51.100.7", "127.0.0.1"},
		{"no trusted proxy", "", "127.0.0.1", "198.51.100.7"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db, _ := newStore(t)
			proxies, err := edge.ParseProxies(c.proxies)
			if err != nil {
				t.Fatal(err)
			}
			var logs logLines
			h, err := app.Handler(db, app.Options{Logger: logs.logger(), TrustedProxies: proxies})
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(h)
			defer srv.Close()
			xff := []string{"X-Forwarded-For", "203.0.113.9, 198.51.100.7"}
			api := send(t, srv, "POST", "/api/v1/auth/login", fmt.Sprintf(`{"username":%q,"password":"wrong password"}`, testUser),
				xff...)
			form := url.Values{"username": {testUser}, "password": {"wrong password"}}.Encode()
			page := send(t, srv, "POST", "/login", form,
				append(xff, "Content-Type", "application/x-www-form-urlencoded", "Origin", srv.URL)...)
			if api.status != http.StatusUnauthorized || page.status != http.StatusUnauthorized {
				t.Fatalf("wrong password: API %d, web %d", api.status, page.status)
			}
			if n := failures(t, db, c.want); n != 2 {
				t.Errorf("failures of %s: %d, want 2 (one per door)", c.want, n)
			}
			for _, other := range []string{c.notWant, "203.0.113.9"} {
				if n := failures(t, db, other); n > 0 {
					t.Errorf("failures of %s: %d, want none", other, n)
				}
			}
			for _, id := range []string{api.id, page.id} {
				if line := logs.access(t, id); line == nil || line["client"] != c.want {
					t.Errorf("access line %v; want client %s", line, c.want)
				}
			}
		})
	}
}
