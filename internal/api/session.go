package api

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"payesh"
	"payesh/internal/edge"
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
	edge.SetUser(r.Context(), u)
	login.SetSession(w, r, secret)
	return writeJSON(w, http.StatusOK, u)
}

// logout ends the session of the cookie, if any, and clears the cookie. It
// needs no signed-in user: an expired session must still be able to log out.
func (s *server) logout(w http.ResponseWriter, r *http.Request) error {
	if secret := login.SessionSecret(r); secret != "" {
		ctx := r.Context()
		if u, err := s.Users.UserBySession(ctx, secret); err == nil && u != nil {
			ctx = payesh.WithUser(ctx, u)
			edge.SetUser(ctx, u)
		}
		if err := s.Users.DeleteSession(ctx, secret); err != nil && payesh.ErrorCode(err) != payesh.ENOTFOUND {
			return err
		}
	}
	login.ClearSession(w, r)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *server) me(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, payesh.UserFrom(r.Context()))
}
