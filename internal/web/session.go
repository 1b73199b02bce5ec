package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"payesh"
	"payesh/internal/edge"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
	"payesh/internal/login"
)

// requireUser lets through only signed-in users; others go to the sign-in
// page, which brings them back where they were going.
func (s *server) requireUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, err := s.sessionUser(r)
		if err != nil {
			if payesh.ErrorCode(err) != payesh.EUNAUTHORIZED {
				s.renderError(w, r, err)
				return
			}
			target := "/login?next=" + url.QueryEscape(r.URL.RequestURI())
			if r.Method != http.MethodGet {
				target = "/login"
			}
			redirect(w, r, target)
			return
		}
		edge.SetUser(r.Context(), u)
		next.ServeHTTP(w, r.WithContext(payesh.WithUser(r.Context(), u)))
	})
}

// sessionUser returns the user of the request's session cookie.
func (s *server) sessionUser(r *http.Request) (*payesh.User, error) {
	secret := login.SessionSecret(r)
	if secret == "" {
		return nil, payesh.ErrUnauthorized
	}
	return s.Users.UserBySession(r.Context(), secret)
}

// requireAdmin refuses the admin pages to everyone but admins.
func (s *server) requireAdmin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !user(r).CanAdminister() {
			s.renderError(w, r, payesh.ErrForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

type loginData struct {
	Next string
	// Throttled says, translated, how long a client that must wait has
	// to; empty otherwise.
	Throttled string
}

func (s *server) loginPage(w http.ResponseWriter, r *http.Request) error {
	if u, err := s.sessionUser(r); err == nil && u != nil {
		return redirect(w, r, safeNext(r.URL.Query().Get("next")))
	}
	v := s.newView(r, "ui.login.title", &loginData{Next: safeNext(r.URL.Query().Get("next"))})
	return s.render(w, r, http.StatusOK, "login", v)
}

// loginSubmit signs in through the shared guard. A failure shows the form
// again with the username kept and one message that does not say which of
// the two was wrong; a client that must wait is told for how long.
func (s *server) loginSubmit(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return errBadForm
	}
	next := safeNext(r.PostForm.Get("next"))
	u, secret, err := s.Logins.SignIn(r.Context(), r.PostForm.Get("username"), r.PostForm.Get("password"), s.ClientIP(r))
	if err != nil {
		data := loginData{Next: next}
		v := s.newView(r, "ui.login.title", &data)
		v.Form = url.Values{"username": {r.PostForm.Get("username")}}
		status := http.StatusUnauthorized
		var limited *login.LimitError
		switch {
		case errors.As(err, &limited):
			status = http.StatusTooManyRequests
			w.Header().Set("Retry-After", strconv.Itoa(waitSeconds(limited.Wait)))
			data.Throttled = throttleMessage(v.Lang, limited.Wait)
		case payesh.ErrorCode(err) == payesh.EUNAUTHORIZED:
			v.Errors = map[string]string{"form": "err.login"}
		default:
			return err
		}
		return s.render(w, r, status, "login", v)
	}
	edge.SetUser(r.Context(), u)
	login.SetSession(w, r, secret)
	return redirect(w, r, next)
}

// waitSeconds is a wait in whole seconds, rounded up, at least one.
func waitSeconds(d time.Duration) int {
	return max(1, int((d+time.Second-1)/time.Second))
}

// throttleMessage tells a client that must wait for how long, in seconds
// under a minute and in whole minutes, rounded up, from then on; Persian
// digits in the Persian interface.
func throttleMessage(lang i18n.Lang, d time.Duration) string {
	n, unit := waitSeconds(d), "ui.login.wait.seconds"
	if n == 1 {
		unit = "ui.login.wait.second"
	} else if n >= 60 {
		n, unit = (n+59)/60, "ui.login.wait.minutes"
		if n == 1 {
			unit = "ui.login.wait.minute"
		}
	}
	s := fmt.Sprintf(i18n.T(lang, "ui.login.throttled"), fmt.Sprintf(i18n.T(lang, unit), n))
	if lang == i18n.FA {
		s = jalali.ToPersianDigits(s)
	}
	return s
}

func (s *server) logout(w http.ResponseWriter, r *http.Request) error {
	if secret := login.SessionSecret(r); secret != "" {
		if err := s.Users.DeleteSession(r.Context(), secret); err != nil {
			return err
		}
	}
	login.ClearSession(w, r)
	return redirect(w, r, "/login")
}

// sessionCookie is the session cookie both doors set (login.Cookie):
// HttpOnly, SameSite=Lax, Secure over HTTPS; a negative ttl deletes it.
func sessionCookie(r *http.Request, secret string, ttl time.Duration) *http.Cookie {
	return login.Cookie(r, secret, ttl)
}

// maxNext bounds the address kept for after sign-in.
const maxNext = 2048

// safeNext keeps the after-sign-in redirect on this site: next must be a
// path on this host — no scheme, no host, one leading "/" — with no
// backslash, control character or white space anywhere, typed or
// percent-encoded (decoded as often as it decodes, so "%2509" is caught as
// well as "%09"). Browsers drop a tab or newline from an address and read
// "\" as "/", which turns "/<tab>/evil.host" or "/\evil.host" into
// "//evil.host", another host; such an address is refused whole, not
// repaired. Anything else sends the user to "/".
func safeNext(next string) string {
	if next == "" || len(next) > maxNext {
		return "/"
	}
	for s, prev := next, ""; s != prev; prev, s = s, lenientUnescape(s) {
		if strings.ContainsFunc(s, unsafeInNext) {
			return "/"
		}
		if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") {
			return "/"
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" ||
		!strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return "/"
	}
	return next
}

// unsafeInNext are the runes a redirect target may not hold: a backslash,
// and control characters and white space, which browsers strip or mangle.
func unsafeInNext(r rune) bool {
	return r == '\\' || r == utf8.RuneError || unicode.IsControl(r) || unicode.IsSpace(r)
}

// lenientUnescape decodes every valid %XX in s and keeps the rest as it
// is; url.PathUnescape would give up on the whole string at one bad escape
// ("50%"), hiding the good ones beside it.
func lenientUnescape(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}
