package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"payesh"
	"payesh/internal/api"
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
		next.ServeHTTP(w, r.WithContext(payesh.WithUser(r.Context(), u)))
	})
}

// sessionUser returns the user of the request's session cookie.
func (s *server) sessionUser(r *http.Request) (*payesh.User, error) {
	c, err := r.Cookie(api.SessionCookie)
	if err != nil || c.Value == "" {
		return nil, payesh.ErrUnauthorized
	}
	return s.Users.UserBySession(r.Context(), c.Value)
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
}

func (s *server) loginPage(w http.ResponseWriter, r *http.Request) error {
	if u, err := s.sessionUser(r); err == nil && u != nil {
		return redirect(w, r, safeNext(r.URL.Query().Get("next")))
	}
	v := s.newView(r, "ui.login.title", loginData{Next: safeNext(r.URL.Query().Get("next"))})
	return s.render(w, r, http.StatusOK, "login", v)
}

// loginSubmit signs in through the shared guard. A failure shows the form
// again with the username kept and one message that does not say which of
// the two was wrong.
func (s *server) loginSubmit(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return errBadForm
	}
	next := safeNext(r.PostForm.Get("next"))
	_, secret, err := s.Logins.SignIn(r.Context(), r.PostForm.Get("username"), r.PostForm.Get("password"), s.ClientIP(r))
	if err != nil {
		v := s.newView(r, "ui.login.title", loginData{Next: next})
		v.Form = url.Values{"username": {r.PostForm.Get("username")}}
		status := http.StatusUnauthorized
		var limited *login.LimitError
		switch {
		case errors.As(err, &limited):
			status = http.StatusTooManyRequests
			v.Errors = map[string]string{"form": "err.rate_limited"}
		case payesh.ErrorCode(err) == payesh.EUNAUTHORIZED:
			v.Errors = map[string]string{"form": "err.login"}
		default:
			return err
		}
		return s.render(w, r, status, "login", v)
	}
	http.SetCookie(w, sessionCookie(r, secret, login.SessionTTL))
	return redirect(w, r, next)
}

func (s *server) logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(api.SessionCookie); err == nil && c.Value != "" {
		if err := s.Users.DeleteSession(r.Context(), c.Value); err != nil {
			return err
		}
	}
	http.SetCookie(w, sessionCookie(r, "", -1))
	return redirect(w, r, "/login")
}

// sessionCookie is the same cookie the API sets: HttpOnly, SameSite=Lax,
// Secure over TLS; a negative ttl deletes it.
func sessionCookie(r *http.Request, secret string, ttl time.Duration) *http.Cookie {
	c := &http.Cookie{Name: api.SessionCookie, Value: secret, Path: "/",
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil}
	// MaxAge, not Expires: a lifetime counts from when the browser gets
	// the cookie, so a server clock that is off cannot expire it at once.
	if ttl < 0 {
		c.MaxAge = -1
	} else {
		c.MaxAge = int(ttl.Seconds())
	}
	return c
}

// safeNext keeps the after-login redirect on this site: only a local
// absolute path, never "//host" or a scheme.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}
