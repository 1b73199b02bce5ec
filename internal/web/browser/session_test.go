package browser_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"payesh/internal/demo"
)

// signIn signs in through the login form, as a person types it, and
// checks that the home page follows.
func (b *browser) signIn(username, password string) {
	b.t.Helper()
	b.open("/login")
	b.do("fill the login form",
		chromedp.SendKeys(chromedp.ID("f-username"), username),
		chromedp.SendKeys(chromedp.ID("f-password"), password),
	)
	if st := b.navigate("submit the login form", chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`))); st != http.StatusOK {
		b.t.Fatalf("sign in as %s: status %d at %s", username, st, b.path())
	}
	if p := b.path(); p != "/" {
		b.t.Fatalf("after signing in as %s: at %s, want /", username, p)
	}
}

// switchLanguage presses the language button in the top bar.
func (b *browser) switchLanguage() {
	b.t.Helper()
	b.navigate("press the language button", chromedp.Click(chromedp.CSS(`form[action="/lang"] button[name=lang]`)))
}

// signOut presses the sign-out button and checks the login page follows.
func (b *browser) signOut() {
	b.t.Helper()
	b.navigate("press sign out", chromedp.Click(chromedp.ID("logout")))
	if p := b.path(); !strings.HasPrefix(p, "/login") {
		b.t.Fatalf("after signing out: at %s, want /login", p)
	}
	b.do("see the login form", chromedp.WaitVisible(chromedp.ID("f-username")))
}

// htmlLangDir returns the lang and dir of the document element.
func (b *browser) htmlLangDir() (string, string) {
	b.t.Helper()
	return eval[string](b, `document.documentElement.lang`), eval[string](b, `document.documentElement.dir`)
}

// TestBrowserSession covers what every user does first: a failed sign-in
// that keeps the username, signing in, the home page on a desktop and on a
// phone, a missing page, both languages, and signing out.
func TestBrowserSession(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := newBrowser(t, s.srv.URL)

	// A page behind the login sends the user to it and back afterwards.
	b.open("/work")
	if p := b.path(); !strings.HasPrefix(p, "/login?next=") {
		t.Fatalf("/work signed out: at %s, want the login page", p)
	}

	b.open("/login")
	if lang, dir := b.htmlLangDir(); lang != "fa" || dir != "rtl" {
		t.Errorf("login page: lang=%q dir=%q, want fa rtl", lang, dir)
	}
	b.do("type a wrong password",
		chromedp.SendKeys(chromedp.ID("f-username"), "secretariat"),
		chromedp.SendKeys(chromedp.ID("f-password"), "not-the-password"),
	)
	if st := b.navigate("submit a wrong password", chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`))); st != http.StatusUnauthorized {
		t.Errorf("wrong password: status %d, want 401", st)
	}
	if msg := b.text(".form-error"); !hasPersian(msg) {
		t.Errorf("wrong password: message %q is not Persian", msg)
	}
	if v := run(b, "read username", chromedp.Value(chromedp.ID("f-username"))); v != "secretariat" {
		t.Errorf("wrong password: username field %q, want it kept", v)
	}

	b.signIn("secretariat", demo.Password)
	if h := b.text("main h1"); !hasPersian(h) {
		t.Errorf("home heading %q is not Persian", h)
	}
	if !strings.Contains(b.text(".topbar .who"), "دبیرخانه") {
		t.Errorf("top bar does not name the signed-in user")
	}
	b.screenshot("home")
	b.phoneScreenshot("home-phone")

	if st := b.navigate("open a missing page", chromedp.Navigate(b.base+"/no/such/page")); st != http.StatusNotFound {
		t.Errorf("/no/such/page: status %d, want 404", st)
	}
	if h := b.text("main h1"); !hasPersian(h) {
		t.Errorf("404 heading %q is not Persian", h)
	}

	b.open("/")
	b.switchLanguage()
	if lang, dir := b.htmlLangDir(); lang != "en" || dir != "ltr" {
		t.Errorf("after switching to English: lang=%q dir=%q, want en ltr", lang, dir)
	}
	if p := b.path(); p != "/" {
		t.Errorf("the language switch left the page: at %s", p)
	}
	if h := b.text("main h1"); hasPersian(h) || h == "" {
		t.Errorf("English home heading %q", h)
	}
	b.screenshot("home-en")
	b.switchLanguage()
	if lang, dir := b.htmlLangDir(); lang != "fa" || dir != "rtl" {
		t.Errorf("after switching back: lang=%q dir=%q, want fa rtl", lang, dir)
	}

	b.signOut()
	b.open("/")
	if p := b.path(); !strings.HasPrefix(p, "/login") {
		t.Errorf("after signing out, / is at %s, want the login page", p)
	}
	b.checkConsole()
}

// phoneScreenshot takes the current page at a phone's width (a 390 px
// wide, touch screen) and checks nothing is wider than the screen, then
// goes back to the desktop viewport.
func (b *browser) phoneScreenshot(name string) {
	b.t.Helper()
	b.do("emulate a phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch), chromedp.Reload())
	if w := eval[int](b, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); w > 0 {
		b.t.Errorf("%s: the page is %d px wider than a phone screen", b.location(), w)
	}
	b.screenshot(name)
	b.do("back to the desktop", chromedp.EmulateViewport(1280, 900), chromedp.Reload())
}

// hasPersian reports whether s has a letter of the Arabic script.
func hasPersian(s string) bool {
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF || r >= 0xFB50 && r <= 0xFEFF {
			return true
		}
	}
	return false
}
