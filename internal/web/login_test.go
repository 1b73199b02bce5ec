package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"payesh/internal/demo"
	"payesh/internal/i18n"
)

// onSite reports whether a browser that receives loc as a redirect stays
// on the site: it drops tabs and newlines, reads "\" as "/", and resolves
// what is left against the page it is on.
func onSite(loc string) bool {
	l := strings.NewReplacer("\t", "", "\n", "", "\r", "", "\\", "/").Replace(loc)
	base, _ := url.Parse("http://payesh.test/login")
	u, err := base.Parse(l)
	return err == nil && u.Scheme == "http" && u.Host == "payesh.test" &&
		strings.HasPrefix(l, "/") && !strings.HasPrefix(l, "//")
}

// loginNextCases are raw query strings for /login: what an attacker puts
// in a link.
var loginNextCases = []string{
	"next=/%09/evil.host", "next=/%0a/evil.host", "next=/%250a/evil.host", "next=//evil.host", "next=/%5Cevil.host",
	"next=/%255Cevil.host", "next=%2F%2Fevil.host", "next=%252F%252Fevil.host", "next=https://evil.host",
	"next=https%3A%2F%2Fevil.host", "next=/\\evil.host", "next=%5C%5Cevil.host", "next=javascript:alert(1)",
	"next=///evil.host", "next=/%2F/evil.host", "next=/%0d%0aLocation:%20https://evil.host",
	"next=%09/evil.host", "next=/%E2%80%A8/evil.host", "next=", "next=/work?x=1%23f",
}

// TestLoginRedirectStaysOnSite drives the real handler: a signed-in
// visitor to /login?next=…, a sign-in form posted with next, and the same
// through htmx; every Location a browser would follow stays on the site,
// and the form carries no unsafe next either.
func TestLoginRedirectStaysOnSite(t *testing.T) {
	s := newPASite(t)
	user := s.as("viewer", demo.Password)
	for _, q := range loginNextCases {
		next, _ := url.ParseQuery(q)
		anon := s.anonymous() // signing in below makes it a user
		form := anon.get("/login?"+q).must(t, q, http.StatusOK)
		if v := hiddenNext(form.body); !onSite(v) || (v != "/" && v != "/work?x=1#f") {
			t.Errorf("%s: the form carries next %q", q, v)
		}
		if p := user.get("/login?" + q); p.status != http.StatusSeeOther || !onSite(p.location) {
			t.Errorf("%s, signed in: %d to %q", q, p.status, p.location)
		}
		p := anon.post("/login", url.Values{"username": {"viewer"}, "password": {demo.Password}, "next": {next.Get("next")}})
		if p.status != http.StatusSeeOther || !onSite(p.location) {
			t.Errorf("%s, posted: %d to %q", q, p.status, p.location)
		}
		if p := htmxLogin(t, s, next.Get("next")); !onSite(p) {
			t.Errorf("%s, through htmx: HX-Redirect %q", q, p)
		}
	}
	// A same-site address, query and fragment included, is where the
	// sign-in goes.
	anon := s.anonymous()
	p := anon.post("/login", url.Values{"username": {"viewer"}, "password": {demo.Password}, "next": {"/work?unit=1#f"}})
	if p.status != http.StatusSeeOther || p.location != "/work?unit=1#f" {
		t.Errorf("same-site next: %d to %q", p.status, p.location)
	}
	if p := user.get("/login?next=" + url.QueryEscape("/policy?x=1")); p.location != "/policy?x=1" {
		t.Errorf("signed-in visitor with a same-site next went to %q", p.location)
	}
	// A page that needs a sign-in sends the visitor to /login with the
	// way back.
	if p := s.anonymous().get("/work?unit=1"); p.status != http.StatusSeeOther || p.location != "/login?next="+url.QueryEscape("/work?unit=1") {
		t.Errorf("anonymous /work: %d to %q", p.status, p.location)
	}
}

func hiddenNext(body string) string {
	const marker = `name="next" value="`
	i := strings.Index(body, marker)
	if i < 0 {
		return ""
	}
	rest := body[i+len(marker):]
	v := rest[:strings.Index(rest, `"`)]
	return strings.NewReplacer("&amp;", "&", "&#43;", "+", "&#34;", `"`, "&#39;", "'").Replace(v)
}

// htmxLogin posts the sign-in form as htmx does and returns HX-Redirect.
func htmxLogin(t *testing.T, s *paSite, next string) string {
	t.Helper()
	form := url.Values{"username": {"viewer"}, "password": {demo.Password}, "next": {next}}
	req, err := http.NewRequest("POST", s.srv.URL+"/login", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", s.srv.URL)
	req.Header.Set("HX-Request", "true")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("htmx sign-in: %d", resp.StatusCode)
	}
	return resp.Header.Get("HX-Redirect")
}

// TestFlashOnlyKnownKeys: ?flash= shows a banner only for a flash message
// of the catalog; whatever else a link puts there shows nothing.
func TestFlashOnlyKnownKeys(t *testing.T) {
	s := newPASite(t)
	anon := s.anonymous()
	for _, f := range []string{"anything-you-like", "ui.login.title", "err.login", "ui.fake.flash.made_up",
		"Your account is locked, call 021-5555", "<script>alert(1)</script>"} {
		p := anon.get("/login?flash="+url.QueryEscape(f)).must(t, f, http.StatusOK)
		if strings.Contains(p.body, `class="flash"`) {
			t.Errorf("flash %q shows a banner", f)
		}
		if strings.Contains(p.body, f) || strings.Contains(p.body, url.QueryEscape(f)) {
			t.Errorf("flash %q: its text is on the page", f)
		}
	}
	p := anon.get("/login?flash=ui.admin.flash.user_saved").must(t, "known flash", http.StatusOK)
	p.has(t, "known flash", `class="flash"`, i18n.T(i18n.FA, "ui.admin.flash.user_saved"))
	// A signed-in page too.
	user := s.as("viewer", demo.Password)
	user.get("/?flash=anything-you-like").must(t, "home", http.StatusOK).lacks(t, "home", "anything-you-like", `class="flash"`)
	user.get("/?flash=ui.work.flash.updated").must(t, "home", http.StatusOK).has(t, "home", i18n.T(i18n.FA, "ui.work.flash.updated"))
}

// TestLoginThrottledMessage: a client that must wait is told so in
// Persian, with the wait in Persian digits, and the typed username kept;
// another account from the same browser is not held up.
func TestLoginThrottledMessage(t *testing.T) {
	s := newPASite(t)
	anon := s.anonymous()
	for range 3 {
		anon.post("/login", url.Values{"username": {"viewer"}, "password": {"wrong"}}).
			must(t, "wrong password", http.StatusUnauthorized).has(t, "wrong password", i18n.T(i18n.FA, "err.login"))
	}
	p := anon.post("/login", url.Values{"username": {"viewer"}, "password": {demo.Password}})
	p.must(t, "throttled", http.StatusTooManyRequests).
		has(t, "throttled", "به دلیل تلاش‌های ناموفق پیاپی، لطفاً ۱ ثانیه دیگر دوباره تلاش کنید.", `value="viewer"`)
	// Another account from the same browser is not held up.
	anon.post("/login", url.Values{"username": {"admin"}, "password": {demo.Password}}).must(t, "admin", http.StatusSeeOther)
}
