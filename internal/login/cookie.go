package login

import (
	"net/http"
	"time"

	"payesh/internal/edge"
)

// SessionCookie is the name of the cookie that carries a browser session's
// secret, for the web UI and the API alike.
const SessionCookie = "payesh_session"

// Cookie is the session cookie carrying secret for ttl; a negative ttl
// deletes it. It is HttpOnly, so scripts injected into a page cannot read
// it; SameSite=Lax, so other sites cannot post with it; and Secure when
// the request came over HTTPS — directly, or through a trusted proxy that
// said so — or Payesh's public address is https (edge.SecureCookies).
// Its lifetime is Max-Age, not Expires: it counts from when the browser
// gets the cookie, so a server clock that is off cannot expire it at once.
func Cookie(r *http.Request, secret string, ttl time.Duration) *http.Cookie {
	c := &http.Cookie{
		Name: SessionCookie, Value: secret, Path: "/",
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: edge.SecureCookies(r),
	}
	if ttl < 0 {
		c.MaxAge = -1
	} else {
		c.MaxAge = int(ttl.Seconds())
	}
	return c
}

// SetSession sets the cookie of a session just opened, for SessionTTL.
func SetSession(w http.ResponseWriter, r *http.Request, secret string) {
	http.SetCookie(w, Cookie(r, secret, SessionTTL))
}

// ClearSession deletes the session cookie.
func ClearSession(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, Cookie(r, "", -1))
}

// SessionSecret is the secret of r's session cookie, or "".
func SessionSecret(r *http.Request) string {
	if c, err := r.Cookie(SessionCookie); err == nil {
		return c.Value
	}
	return ""
}
