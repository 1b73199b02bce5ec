package api

import (
	"net/http"
	"strings"

	"payesh"
	"payesh/internal/edge"
	"payesh/internal/login"
)

// SessionCookie is the name of the cookie that carries a browser session's
// secret; it is login.SessionCookie, kept here for the callers that name
// it through the API.
const SessionCookie = login.SessionCookie

// UserFromRequest returns the user a request speaks for: an API token in
// "Authorization: Bearer <secret>", else the session cookie. A request with
// neither, or with a secret the store does not know, gets ErrUnauthorized.
// A bad bearer token does not fall back to the cookie: a script that sent a
// token means that token.
func UserFromRequest(r *http.Request, users payesh.UserService) (*payesh.User, error) {
	var u *payesh.User
	var err error
	if secret, ok := bearer(r); ok {
		u, err = users.UserByToken(r.Context(), secret)
	} else if secret := login.SessionSecret(r); secret != "" {
		u, err = users.UserBySession(r.Context(), secret)
	} else {
		return nil, payesh.ErrUnauthorized
	}
	switch {
	case payesh.ErrorCode(err) == payesh.ENOTFOUND:
		return nil, payesh.ErrUnauthorized // an unknown secret is not a missing resource
	case err != nil:
		return nil, err
	case u == nil || !u.Active:
		return nil, payesh.ErrUnauthorized
	}
	return u, nil
}

// bearer returns the secret of an "Authorization: Bearer" header.
func bearer(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	scheme, secret, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	secret = strings.TrimSpace(secret)
	return secret, secret != ""
}

// authenticate lets through only requests with a signed-in user, who rides
// in the context to the store, which decides what that user may do.
func (s *server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, err := UserFromRequest(r, s.Users)
		if err != nil {
			if payesh.ErrorCode(err) == payesh.EUNAUTHORIZED {
				w.Header().Set("WWW-Authenticate", `Bearer realm="payesh"`)
			}
			s.writeError(w, r, err)
			return
		}
		edge.SetUser(r.Context(), u)
		next.ServeHTTP(w, r.WithContext(payesh.WithUser(r.Context(), u)))
	})
}
