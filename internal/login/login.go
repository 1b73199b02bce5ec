// Package login signs people in, for the web UI and the JSON API alike:
// it checks the password through the user service, opens a session, and
// slows down guessing by counting failures per username and per address.
package login

import (
	"context"
	"net"
	"net/http"
	"strings"
	"time"

	"payesh"
)

// Limits: enough for a person who mistypes, far too few to guess a
// password; bounded so that a flood of usernames cannot exhaust memory. An
// address gets more tries than a username because a whole office may sit
// behind one NAT address.
const (
	UserFailures = 5
	IPFailures   = 20
	Window       = 15 * time.Minute
	maxKeys      = 10_000
	// SessionTTL is how long a browser session lasts: a working day.
	SessionTTL = 12 * time.Hour
)

// Guard signs people in. One Guard serves a process; its counters live in
// memory, so with several instances an attacker gets the limit per
// instance, which still makes guessing hopeless.
type Guard struct {
	users  payesh.UserService
	byUser *limiter
	byIP   *limiter
}

// New returns a Guard over users with clock now.
func New(users payesh.UserService, now func() time.Time) *Guard {
	if now == nil {
		now = time.Now
	}
	return &Guard{
		users:  users,
		byUser: newLimiter(UserFailures, Window, maxKeys, now),
		byIP:   newLimiter(IPFailures, Window, maxKeys, now),
	}
}

// LimitError is returned while a username or address must wait.
type LimitError struct{ Wait time.Duration }

func (e *LimitError) Error() string { return "login: too many failed attempts" }

// Unwrap lets payesh.ErrorCode see the rate_limited code.
func (e *LimitError) Unwrap() error { return payesh.Errorf(payesh.ERATELIMITED, "err.rate_limited") }

// ErrLogin is the one answer to a wrong username or password, so the
// answer does not tell which of the two was wrong.
var ErrLogin = payesh.Errorf(payesh.EUNAUTHORIZED, "err.login")

// SignIn checks username and password from address ip and opens a session.
// Over the limit it returns a *LimitError before the password is checked.
func (g *Guard) SignIn(ctx context.Context, username, password, ip string) (*payesh.User, string, error) {
	// Usernames are stored lowercased; a phone keyboard's capital first
	// letter must not cost a failed attempt.
	name := strings.ToLower(payesh.NormalizeText(username))
	key := name
	if len(key) > 64 {
		key = key[:64]
	}
	if wait := max(g.byUser.retryAfter(key), g.byIP.retryAfter(ip)); wait > 0 {
		return nil, "", &LimitError{Wait: wait}
	}
	u, err := g.users.Authenticate(ctx, name, password)
	if code := payesh.ErrorCode(err); code == payesh.EUNAUTHORIZED || code == payesh.ENOTFOUND {
		g.byUser.fail(key)
		g.byIP.fail(ip)
		return nil, "", ErrLogin
	} else if err != nil {
		return nil, "", err
	}
	// The address keeps its count: one good account must not reset the
	// count of an address that is guessing others.
	g.byUser.reset(key)
	secret, err := g.users.CreateSession(payesh.WithUser(ctx, u), u.ID, SessionTTL)
	if err != nil {
		return nil, "", err
	}
	return u, secret, nil
}

// PeerIP is the client address of r as the connection shows it.
// X-Forwarded-For is not trusted: anyone can send it.
func PeerIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
