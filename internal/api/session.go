package api

import (
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"payesh"
)

type loginInput struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// login checks a username and password and opens a browser session. Failed
// attempts are counted per username (against guessing one account) and per
// client address (against spraying many); either over its limit is refused
// before the password is even checked.
func (s *server) login(w http.ResponseWriter, r *http.Request) error {
	var in loginInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	user, ip := limitKey(in.Username), s.ClientIP(r)
	if wait := max(s.userLogins.retryAfter(user), s.ipLogins.retryAfter(ip)); wait > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds()+0.999)))
		return errRateLimited
	}
	// Usernames are stored lowercased; a phone keyboard's capital first
	// letter must not cost a failed attempt.
	u, err := s.Users.Authenticate(r.Context(), strings.ToLower(payesh.NormalizeText(in.Username)), in.Password)
	if code := payesh.ErrorCode(err); code == payesh.EUNAUTHORIZED || code == payesh.ENOTFOUND {
		s.userLogins.fail(user)
		s.ipLogins.fail(ip)
		return errLogin
	} else if err != nil {
		return err
	}
	// The address keeps its count: one good account must not reset the
	// count of an address that is guessing others.
	s.userLogins.reset(user)
	secret, err := s.Users.CreateSession(payesh.WithUser(r.Context(), u), u.ID, sessionTTL)
	if err != nil {
		return err
	}
	http.SetCookie(w, s.sessionCookie(r, secret, sessionTTL))
	return writeJSON(w, http.StatusOK, u)
}

// logout ends the session of the cookie, if any, and clears the cookie. It
// needs no signed-in user: an expired session must still be able to log out.
func (s *server) logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
		ctx := r.Context()
		if u, err := s.Users.UserBySession(ctx, c.Value); err == nil && u != nil {
			ctx = payesh.WithUser(ctx, u)
		}
		if err := s.Users.DeleteSession(ctx, c.Value); err != nil && payesh.ErrorCode(err) != payesh.ENOTFOUND {
			return err
		}
	}
	http.SetCookie(w, s.sessionCookie(r, "", -1))
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// sessionCookie is HttpOnly so scripts injected into a page cannot read it,
// and SameSite=Lax so other sites cannot post with it; a negative ttl
// deletes it.
func (s *server) sessionCookie(r *http.Request, secret string, ttl time.Duration) *http.Cookie {
	c := &http.Cookie{
		Name: SessionCookie, Value: secret, Path: "/",
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil,
	}
	if ttl < 0 {
		c.MaxAge = -1
	} else {
		c.MaxAge = int(ttl.Seconds())
		c.Expires = s.Now().Add(ttl)
	}
	return c
}

func (s *server) me(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, payesh.UserFrom(r.Context()))
}

type tokenInput struct {
	Name    string `json:"name"`
	TTLDays int    `json:"ttl_days"`
}

type tokenJSON struct {
	Token  *payesh.Token `json:"token"`
	Secret string        `json:"secret"`
}

// maxTokenDays caps a token's life at ten years; 0 means it never expires.
const maxTokenDays = 3650

// createToken issues an API token for the signed-in user. The secret is in
// this response only; the store keeps just its hash.
func (s *server) createToken(w http.ResponseWriter, r *http.Request) error {
	var in tokenInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	in.Name = payesh.NormalizeText(in.Name)
	f := map[string]string{}
	if in.Name == "" {
		f["name"] = "err.required"
	}
	if in.TTLDays < 0 || in.TTLDays > maxTokenDays {
		f["ttl_days"] = "err.token.ttl"
	}
	if err := payesh.Invalid(f); err != nil {
		return err
	}
	u := payesh.UserFrom(r.Context())
	ttl := time.Duration(in.TTLDays) * 24 * time.Hour
	secret, t, err := s.Users.CreateToken(r.Context(), u.ID, in.Name, ttl)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, tokenJSON{t, secret})
}

// limitKey normalizes a username as the store does, so "Ali" and "ali "
// share one count; overlong input is cut so keys stay small.
func limitKey(username string) string {
	k := strings.ToLower(payesh.NormalizeText(username))
	if len(k) > 64 {
		k = k[:64]
	}
	return k
}

// peerIP is the default Services.ClientIP. X-Forwarded-For is not trusted
// by default: anyone can send it, and trusting it would let an attacker pick
// a fresh address per guess.
func peerIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
