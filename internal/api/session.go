package api

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"payesh"
	"payesh/internal/login"
)

type loginInput struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// login checks a username and password and opens a browser session. A
// client the guard makes wait gets 429 rate_limited, and Retry-After in
// whole seconds, before its password is checked.
func (s *server) login(w http.ResponseWriter, r *http.Request) error {
	var in loginInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	u, secret, err := s.logins.SignIn(r.Context(), in.Username, in.Password, s.ClientIP(r))
	var limited *login.LimitError
	if errors.As(err, &limited) {
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int((limited.Wait+time.Second-1)/time.Second))))
	}
	if err != nil {
		return err
	}
	http.SetCookie(w, s.sessionCookie(r, secret, login.SessionTTL))
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
	if in.TTLDays < 0 || in.TTLDays > maxTokenDays {
		f["ttl_days"] = "err.token.ttl"
	}
	if err := withFields(payesh.ValidateTokenName(in.Name), f); err != nil {
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
