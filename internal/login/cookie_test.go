package login_test

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"testing"

	"payesh/internal/edge"
	"payesh/internal/login"
)

// TestSessionCookie: the one session cookie of both doors — HttpOnly,
// SameSite=Lax, path /, a Max-Age of the session's lifetime — is Secure
// exactly when the request came over HTTPS (directly, or through a
// trusted proxy that says so) or the public address is https.
func TestSessionCookie(t *testing.T) {
	trusted, err := edge.ParseProxies("127.0.0.1/32")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name       string
		opt        edge.Options
		peer       string
		tls        bool
		xfp        string
		wantSecure bool
	}{
		{"plain HTTP", edge.Options{}, "198.51.100.7:1", false, "", false},
		{"plain HTTP, untrusted X-Forwarded-Proto", edge.Options{}, "127.0.0.1:1", false, "https", false},
		{"direct TLS", edge.Options{}, "198.51.100.7:1", true, "", true},
		{"trusted proxy, https", edge.Options{Proxies: trusted}, "127.0.0.1:1", false, "https", true},
		{"trusted proxy, http", edge.Options{Proxies: trusted}, "127.0.0.1:1", false, "http", false},
		{"https base URL", edge.Options{SecureCookies: true}, "198.51.100.7:1", false, "", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := edge.New(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/out" {
					login.ClearSession(w, r)
					return
				}
				login.SetSession(w, r, "s3cret")
			}), c.opt)
			for _, path := range []string{"/in", "/out"} {
				req := httptest.NewRequest("POST", path, nil)
				req.RemoteAddr = c.peer
				if c.tls {
					req.TLS = &tls.ConnectionState{}
				}
				if c.xfp != "" {
					req.Header.Set("X-Forwarded-Proto", c.xfp)
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				cs := rec.Result().Cookies()
				if len(cs) != 1 {
					t.Fatalf("%s: cookies %v", path, cs)
				}
				ck := cs[0]
				wantValue, wantAge := "s3cret", int(login.SessionTTL.Seconds())
				if path == "/out" {
					wantValue, wantAge = "", -1
				}
				if ck.Name != login.SessionCookie || ck.Value != wantValue || ck.Path != "/" || !ck.HttpOnly ||
					ck.SameSite != http.SameSiteLaxMode || ck.MaxAge != wantAge || !ck.Expires.IsZero() || ck.Secure != c.wantSecure {
					t.Errorf("%s: cookie %+v; want Secure=%v", path, ck, c.wantSecure)
				}
			}
		})
	}

	// The secret is read back from the request.
	r := httptest.NewRequest("GET", "/", nil)
	if login.SessionSecret(r) != "" {
		t.Error("a secret without a cookie")
	}
	r.AddCookie(&http.Cookie{Name: login.SessionCookie, Value: "abc"})
	if login.SessionSecret(r) != "abc" {
		t.Errorf("secret %q", login.SessionSecret(r))
	}
}
