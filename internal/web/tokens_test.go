package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/jalali"
	"payesh/internal/store/storetest"
)

// Messages the account pages show.
const (
	msgReauth   = "گذرواژهٔ کنونی شما نادرست است."
	msgRequired = "این فیلد الزامی است."
	msgPattern  = "گذرواژه نباید یک نویسهٔ تکراری، چند نویسهٔ پشت‌سرهم تکرارشده یا دنباله‌ای ساده مانند ۱۲۳۴۵۶۷۸۹۰ یا abcdefghij باشد."
	msgUsername = "گذرواژه نباید نام کاربری را در بر داشته باشد."
	msgCommon   = "این گذرواژه بسیار رایج است و به‌آسانی حدس زده می‌شود؛ گذرواژهٔ دیگری برگزینید."
)

// tokenWorks reports whether an API request with secret is signed in.
func (s *paSite) tokenWorks(secret string) bool {
	s.t.Helper()
	req, _ := http.NewRequest("GET", s.srv.URL+"/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// signedIn reports whether the browser's session still opens the desk.
func (u *paUser) signedIn() bool {
	u.t.Helper()
	return u.get("/").status == http.StatusOK
}

func (s *paSite) user(username string) *payesh.User {
	s.t.Helper()
	u, err := s.db.FindUserByUsername(storetest.System(), username)
	if err != nil {
		s.t.Fatal(err)
	}
	return u
}

// persianTime is how the pages show an instant: Jalali date and Tehran time
// in Persian digits.
func persianTime(t time.Time) string {
	local := t.In(payesh.Tehran)
	return jalali.ToPersianDigits(payesh.DateOf(local).JalaliString() + " " + local.Format("15:04"))
}

var secretInput = regexp.MustCompile(`id="f-secret" type="text" value="([A-Za-z0-9_-]{40,})"`)

// TestAccountTokens: the signed-in user reaches their API tokens from the
// top bar, makes one with their password — shown once — sees when it was
// made, expires and was last used in Jalali dates and Persian digits, and
// revokes it after a confirmation.
func TestAccountTokens(t *testing.T) {
	s := newPASite(t)
	rep := s.as("reporter", demo.Password)
	rep.get("/").must(t, "desk", http.StatusOK).has(t, "desk", `class="who" href="/account"`)
	rep.get("/account").must(t, "account", http.StatusOK).has(t, "account", `href="/account/tokens"`, `href="/account/password"`, "reporter")
	page := rep.get("/account/tokens").must(t, "tokens", http.StatusOK)
	page.has(t, "tokens", "<h1>", "کلیدهای دسترسی", "هنوز کلید دسترسی‌ای ندارید.", "حداکثر ۹۰ روز؛ اگر خالی بماند، ۹۰ روز.",
		`name="password" type="password"`, `autocomplete="current-password"`)
	me := s.user("reporter")

	// Refused: a wrong or missing password, a lifetime of 0 or above the
	// maximum. Nothing is made and what was typed is kept — never the
	// password.
	for _, tt := range []struct {
		name string
		form url.Values
		want []string
	}{
		{"wrong password", url.Values{"name": {"اکسل"}, "password": {"not my password"}}, []string{msgReauth, `value="اکسل"`}},
		{"no password", url.Values{"name": {"اکسل"}}, []string{msgRequired}},
		{"never expires", url.Values{"name": {"اکسل"}, "ttl_days": {"۰"}, "password": {demo.Password}}, []string{"payesh token create"}},
		{"above the maximum", url.Values{"name": {"اکسل"}, "ttl_days": {"۹۱"}, "password": {demo.Password}}, []string{"بیشینهٔ مجاز", `value="۹۱"`}},
		{"not a number", url.Values{"name": {"اکسل"}, "ttl_days": {"ده"}, "password": {demo.Password}}, []string{`aria-invalid="true"`}},
	} {
		p := rep.post("/account/tokens", tt.form).must(t, tt.name, http.StatusBadRequest)
		p.has(t, tt.name, tt.want...)
		p.lacks(t, tt.name, demo.Password, `id="f-secret"`)
	}
	if n := len(s.tokens(me.ID)); n != 0 {
		t.Fatalf("refused forms made %d tokens", n)
	}
	// A wrong password is the form's business: the user stays signed in.
	if !rep.signedIn() {
		t.Fatal("a wrong password signed the user out")
	}

	p := rep.post("/account/tokens", url.Values{"name": {"ورود داده از Excel"}, "ttl_days": {"۳۰"}, "password": {demo.Password}})
	p.must(t, "create token", http.StatusOK).has(t, "create token", "کلید تازهٔ شما", "تنها همین یک بار نمایش داده می‌شود", "ورود داده از Excel")
	m := secretInput.FindStringSubmatch(p.body)
	if m == nil {
		t.Fatalf("no secret on the page:\n%s", paExcerpt(p.body))
	}
	secret := m[1]
	if !s.tokenWorks(secret) {
		t.Fatal("the secret shown does not work")
	}
	tok := s.tokens(me.ID)[0]
	if !tok.ExpiresAt.Equal(paToday.Add(30 * 24 * time.Hour)) {
		t.Errorf("token expires %v; want in 30 days", tok.ExpiresAt)
	}

	// The list: created, expires and last used in Persian; the secret
	// never again.
	page = rep.get("/account/tokens").must(t, "tokens after", http.StatusOK)
	page.has(t, "tokens after", "ورود داده از Excel", persianTime(tok.CreatedAt), persianTime(*tok.ExpiresAt), persianTime(paToday),
		`action="/account/tokens/`+paID(tok.ID)+`/revoke"`, "<details", "این کلید بی‌درنگ از کار می‌افتد")
	page.lacks(t, "tokens after", secret, "هرگز") // it was used just now

	// Not someone else's token.
	other, _, err := s.db.CreateToken(storetest.System(), s.user("viewer").ID, "دیگری", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	theirs := s.tokens(s.user("viewer").ID)[0]
	rep.post("/account/tokens/"+paID(theirs.ID)+"/revoke", nil).must(t, "revoke another's", http.StatusNotFound)
	if !s.tokenWorks(other) {
		t.Fatal("a refused revoke ended another's token")
	}

	p = rep.post("/account/tokens/"+paID(tok.ID)+"/revoke", nil).must(t, "revoke", http.StatusSeeOther)
	if p.location != "/account/tokens?flash=ui.tokens.flash.revoked" {
		t.Errorf("revoke redirects to %q", p.location)
	}
	if s.tokenWorks(secret) {
		t.Fatal("a revoked token still works")
	}
	rep.get(p.location).must(t, "after revoke", http.StatusOK).has(t, "after revoke", "کلید دسترسی باطل شد.", "هنوز کلید دسترسی‌ای ندارید.")
}

func (s *paSite) tokens(userID int64) []*payesh.Token {
	s.t.Helper()
	list, err := s.db.FindTokens(storetest.System(), userID)
	if err != nil {
		s.t.Fatal(err)
	}
	return list
}

// TestAccountPasswordChange: one's own password needs the current one and
// obeys the policy; the change ends every other session and every token,
// and keeps this browser signed in.
func TestAccountPasswordChange(t *testing.T) {
	s := newPASite(t)
	rep := s.as("reporter", demo.Password)
	elsewhere := s.as("reporter", demo.Password)
	me := s.user("reporter")
	token, _, err := s.db.CreateToken(storetest.System(), me.ID, "اسکریپت", 0)
	if err != nil {
		t.Fatal(err)
	}
	rep.get("/account/password").must(t, "form", http.StatusOK).has(t, "form", `for="f-current_password"`, `for="f-password"`,
		`for="f-password_repeat"`, `autocomplete="new-password"`)

	const fresh = "a fresh long passphrase"
	for _, tt := range []struct {
		name string
		form url.Values
		want string
	}{
		{"no current password", url.Values{"password": {fresh}, "password_repeat": {fresh}}, msgRequired},
		{"wrong current password", url.Values{"current_password": {"not my password"}, "password": {fresh}, "password_repeat": {fresh}}, msgReauth},
		{"a repeated character", url.Values{"current_password": {demo.Password}, "password": {"aaaaaaaaaa"}, "password_repeat": {"aaaaaaaaaa"}}, msgPattern},
		{"a run of digits", url.Values{"current_password": {demo.Password}, "password": {"1234567890"}, "password_repeat": {"1234567890"}}, msgPattern},
		{"common", url.Values{"current_password": {demo.Password}, "password": {"qwertyuiop"}, "password_repeat": {"qwertyuiop"}}, msgCommon},
		{"holding the username", url.Values{"current_password": {demo.Password}, "password": {"reporter-1403-x"}, "password_repeat": {"reporter-1403-x"}}, msgUsername},
		{"repeat differs", url.Values{"current_password": {demo.Password}, "password": {fresh}, "password_repeat": {fresh + "!"}}, "تکرار گذرواژه با خود آن یکسان نیست"},
	} {
		p := rep.post("/account/password", tt.form).must(t, tt.name, http.StatusBadRequest)
		p.has(t, tt.name, tt.want)
		p.lacks(t, tt.name, demo.Password, fresh)
		if !elsewhere.signedIn() || !s.tokenWorks(token) {
			t.Fatalf("%s: a refused change ended a credential", tt.name)
		}
	}
	if !rep.signedIn() {
		t.Fatal("a wrong current password signed the user out")
	}

	p := rep.post("/account/password", url.Values{"current_password": {demo.Password}, "password": {fresh}, "password_repeat": {fresh}})
	p.must(t, "change", http.StatusSeeOther)
	if p.location != "/account?flash=ui.account.flash.password_changed" {
		t.Errorf("change redirects to %q", p.location)
	}
	rep.get(p.location).must(t, "this browser", http.StatusOK).has(t, "this browser", "گذرواژهٔ شما تغییر کرد")
	if elsewhere.signedIn() {
		t.Error("another session outlived the password")
	}
	if s.tokenWorks(token) {
		t.Error("a token outlived the password")
	}
	if r := s.anonymous().post("/login", url.Values{"username": {"reporter"}, "password": {demo.Password}}); r.status == http.StatusSeeOther {
		t.Error("the old password still signs in")
	}
	s.as("reporter", fresh)
}

// TestAdminUserTokens: an admin sees a user's tokens on the user's page
// and revokes one; an admin's own password is changed on the account page.
func TestAdminUserTokens(t *testing.T) {
	s := newPASite(t)
	admin := s.as("admin", demo.Password)
	viewer := s.user("viewer")
	secret, _, err := s.db.CreateToken(storetest.System(), viewer.ID, "گزارش‌گیری شبانه", 0)
	if err != nil {
		t.Fatal(err)
	}
	tok := s.tokens(viewer.ID)[0]
	path := "/admin/users/" + paID(viewer.ID)
	page := admin.get(path).must(t, "user page", http.StatusOK)
	page.has(t, "user page", "کلیدهای دسترسی این کاربر", "گزارش‌گیری شبانه", "بدون انقضا", "هرگز",
		`action="`+path+`/tokens/`+paID(tok.ID)+`/revoke"`)
	page.lacks(t, "user page", secret)

	// A token of another user is not revoked through this user's page.
	other, _, err := s.db.CreateToken(storetest.System(), s.user("reporter").ID, "x", 0)
	if err != nil {
		t.Fatal(err)
	}
	theirs := s.tokens(s.user("reporter").ID)[0]
	admin.post(path+"/tokens/"+paID(theirs.ID)+"/revoke", nil).must(t, "wrong user's token", http.StatusNotFound)
	if !s.tokenWorks(other) {
		t.Fatal("the refused revoke ended the token")
	}
	// Others may not.
	s.as("secretariat", demo.Password).post(path+"/tokens/"+paID(tok.ID)+"/revoke", nil).must(t, "secretariat", http.StatusForbidden)

	p := admin.post(path+"/tokens/"+paID(tok.ID)+"/revoke", nil).must(t, "revoke", http.StatusSeeOther)
	if p.location != path+"?flash=ui.tokens.flash.revoked" {
		t.Errorf("revoke redirects to %q", p.location)
	}
	if s.tokenWorks(secret) {
		t.Fatal("the revoked token still works")
	}
	admin.get(p.location).must(t, "after revoke", http.StatusOK).has(t, "after revoke", "کلید دسترسی باطل شد.", "این کاربر کلید دسترسی‌ای ندارد.")

	// An admin's reset of another's password ends that user's tokens.
	secret, _, _ = s.db.CreateToken(storetest.System(), viewer.ID, "دوباره", 0)
	admin.post(path+"/password", url.Values{"password": {"viewer"}, "password_repeat": {"viewer"}}).
		must(t, "short", http.StatusBadRequest)
	admin.post(path+"/password", url.Values{"password": {"viewer-2024-pass"}, "password_repeat": {"viewer-2024-pass"}}).
		must(t, "username", http.StatusBadRequest).has(t, "username", msgUsername)
	admin.post(path+"/password", url.Values{"password": {"set by the admin"}, "password_repeat": {"set by the admin"}}).
		must(t, "reset", http.StatusSeeOther)
	if s.tokenWorks(secret) {
		t.Fatal("a token outlived the admin's reset")
	}

	// The admin's own page sends them to the account page for their own.
	me := s.user("admin")
	own := admin.get("/admin/users/"+paID(me.ID)).must(t, "own page", http.StatusOK)
	own.has(t, "own page", `href="/account/password"`)
	own.lacks(t, "own page", `action="/admin/users/`+paID(me.ID)+`/password"`)
	admin.post("/admin/users/"+paID(me.ID)+"/password", url.Values{"password": {"an admin's new one"}, "password_repeat": {"an admin's new one"}}).
		must(t, "own reset", http.StatusBadRequest).has(t, "own reset", "حساب کاربری")
	if _, err := s.db.Authenticate(context.Background(), "admin", demo.Password); err != nil {
		t.Fatal("the refused reset changed the admin's password")
	}

	// A new user's password obeys the policy.
	p = admin.post("/admin/users", url.Values{"username": {"maryam.k"}, "name": {"مریم"}, "unit_id": {paID(s.unitByCode("sso").ID)},
		"role": {"viewer"}, "password": {"password123"}, "password_repeat": {"password123"}})
	p.must(t, "common password", http.StatusBadRequest).has(t, "common password", msgCommon)
	if strings.Contains(p.body, `value="password123"`) {
		t.Error("the password was sent back")
	}
}
