// Package login signs people in, for the web UI and the JSON API alike:
// it checks the password through the user service and opens a session,
// and it slows down password guessing without letting anyone lock another
// person out.
//
// # What is counted
//
// Failures are counted under three keys at once (policy.go):
//
//   - the pair (username, client address): the only key that ever makes a
//     person wait long. After Pair.Free failures the pair waits Pair.First,
//     then twice as long after every further failure, up to Pair.Max (3
//     failures, 1 s doubling to 15 min by default). One failure is forgiven
//     per Pair.Leak (an hour), and a successful sign-in forgives them all.
//     An attacker on one address gets about 100 guesses a day at one
//     account; the account's owner, at another address, is not touched by
//     them, because their pair is another key.
//   - the client address, over every username: a password sprayer tries one
//     or two passwords on many accounts, which no pair sees. Its allowance
//     is generous (100 failures, forgiving one per 5 min) because a whole
//     office may sit behind one NAT address, and then it delays in the same
//     way.
//   - the username, over every address: an attacker who rotates addresses
//     starts a fresh pair and a fresh address each time, so only this key
//     sees them. It is far higher than the pair's (100 failures, forgiving
//     one per 5 min) and it only slows: its longest wait is 5 min, never a
//     lockout, so a distributed attack gets about one guess per 5 min at an
//     account instead of thousands a second.
//
// A locked account would let anyone who knows a username — "admin" — keep
// its owner out forever by typing wrong passwords; that is why no key
// refuses a correct password for long, and why the failures of one pair
// never hold up another pair: ten wrong passwords from the attacker's
// address leave the owner's address free, and even the username's count
// is not reached by one address, since the pair's own delays let one
// address add a dozen failures and then about four an hour, while the
// username allows a hundred and forgives twelve an hour. The two wider keys could still be driven up on purpose
// (spraying from an office's NAT address, or a botnet rotating addresses
// on one username), so a pair that signed in successfully within KnownFor
// (30 days) is "known": its attempts still count in the wider keys but
// answer only to the pair's own limit. An attacker cannot make their own
// pair known without the password, and the owner signing in from their
// usual office or home keeps working while the account is under attack.
// Only a person on a new address, during such an attack, is slowed: each
// refusal names a wait of at most the username's 5 minutes (the address's
// 15 when the attack comes from their own address), though an attacker
// who keeps trying may take the next turn first. That is the price of
// bounding a botnet's guesses without a way to tell its addresses from a
// new one of the owner's.
//
// # Counting before checking
//
// An attempt is recorded — reserved as a failure — before its password is
// checked, in the same atomic step that decides whether it may be checked
// at all: N parallel guesses on one pair run at most Pair.Free password
// checks and the rest are refused without hashing. A success then gives
// the reservation back: the pair's failures are cleared and the address's
// and username's reservations returned. An error that is neither a success
// nor a wrong password (the database failing) returns all three.
//
// # Shared state
//
// The counters live where every instance of the application sees them:
// Attempts is implemented by the store (one table, read and written under
// row locks, expired rows pruned). New falls back to an in-memory
// implementation only when given none and the user service does not keep
// counters, which is for tests of one process.
package login

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"payesh"
)

// SessionTTL is how long a browser session lasts: a working day.
const SessionTTL = 12 * time.Hour

// Guard signs people in. One Guard may serve a process; its counters live
// in Attempts, so guards of several processes over one database share
// them.
type Guard struct {
	users    payesh.UserService
	attempts Attempts
	now      func() time.Time
	// Policy is how failures are throttled; set it before the first
	// SignIn. New sets DefaultPolicy.
	Policy Policy
}

// New returns a Guard over users that keeps its counters in attempts, with
// clock now. A nil attempts uses users when it keeps counters itself (the
// store does), and otherwise memory of this process only.
func New(users payesh.UserService, attempts Attempts, now func() time.Time) *Guard {
	if now == nil {
		now = time.Now
	}
	if attempts == nil {
		if a, ok := users.(Attempts); ok {
			attempts = a
		} else {
			attempts = newMemory()
		}
	}
	return &Guard{users: users, attempts: attempts, now: now, Policy: DefaultPolicy}
}

// LimitError is returned while a client must wait before it may try again.
type LimitError struct{ Wait time.Duration }

func (e *LimitError) Error() string { return "login: too many failed attempts" }

// Unwrap lets payesh.ErrorCode see the rate_limited code.
func (e *LimitError) Unwrap() error { return payesh.Errorf(payesh.ERATELIMITED, "err.rate_limited") }

// ErrLogin is the one answer to a wrong username or password, so the
// answer does not tell which of the two was wrong.
var ErrLogin = payesh.Errorf(payesh.EUNAUTHORIZED, "err.login")

// errWait rolls back a reservation that must wait; SignIn turns it into a
// *LimitError.
var errWait = errors.New("login: wait")

// SignIn checks username and password from client address addr and opens
// a session. The attempt is counted before the password is checked; while
// the client must wait it returns a *LimitError without checking.
func (g *Guard) SignIn(ctx context.Context, username, password, addr string) (*payesh.User, string, error) {
	// Usernames are stored lowercased; a phone keyboard's capital first
	// letter must not cost a failed attempt.
	name := strings.ToLower(payesh.NormalizeText(username))
	keys := Keys(name, addr)
	now := g.now()
	var wait time.Duration
	err := g.attempts.UpdateLoginAttempts(ctx, now, keys, func(cs []Counter) error {
		if wait = g.Policy.Reserve(cs, now); wait > 0 {
			return errWait
		}
		return nil
	})
	if errors.Is(err, errWait) {
		return nil, "", &LimitError{Wait: wait}
	} else if err != nil {
		return nil, "", err
	}
	u, err := g.users.Authenticate(ctx, name, password)
	if code := payesh.ErrorCode(err); code == payesh.EUNAUTHORIZED || code == payesh.ENOTFOUND {
		return nil, "", ErrLogin // the reservation stays, as the failure
	} else if err != nil {
		return nil, "", errors.Join(err, g.giveBack(ctx, keys, false))
	}
	if err := g.giveBack(ctx, keys, true); err != nil {
		return nil, "", err
	}
	secret, err := g.users.CreateSession(payesh.WithUser(ctx, u), u.ID, SessionTTL)
	if err != nil {
		return nil, "", err
	}
	return u, secret, nil
}

// giveBack returns a reservation: after a success, or after an error that
// said nothing about the password. It runs even when the request has gone:
// the password was checked and its outcome must count.
func (g *Guard) giveBack(ctx context.Context, keys []Key, success bool) error {
	now := g.now()
	return g.attempts.UpdateLoginAttempts(context.WithoutCancel(ctx), now, keys, func(cs []Counter) error {
		g.Policy.GiveBack(cs, now, success)
		return nil
	})
}

// Keys are the counters of one attempt: the pair, the address, the
// username, in that order. Both parts are cut to MaxKeyLen bytes of valid
// UTF-8 without NUL, which any database keeps as text.
func Keys(username, addr string) []Key {
	username, addr = keyPart(username), keyPart(addr)
	return []Key{
		{Scope: ScopePair, Username: username, Addr: addr},
		{Scope: ScopeAddr, Addr: addr},
		{Scope: ScopeUser, Username: username},
	}
}

// MaxKeyLen bounds a key part, so a megabyte username costs no more than a
// short one.
const MaxKeyLen = 64

func keyPart(s string) string {
	s = strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "\uFFFD")
	if len(s) <= MaxKeyLen {
		return s
	}
	cut := MaxKeyLen
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

// PeerIP is the client address of r as the connection shows it.
// X-Forwarded-For is not read: anyone can send it. Behind a reverse proxy
// use edge.ClientIP, which believes the proxy's header only from a
// trusted proxy.
func PeerIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
