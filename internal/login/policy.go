package login

import (
	"context"
	"time"
)

// Scope says whose failures a counter counts.
type Scope string

// The three scopes of an attempt (see the package comment).
const (
	ScopePair Scope = "pair" // one username from one client address
	ScopeAddr Scope = "addr" // every username from one client address
	ScopeUser Scope = "user" // one username from every address
)

// Key names a counter. Username is empty for ScopeAddr, Addr for
// ScopeUser.
type Key struct {
	Scope    Scope
	Username string
	Addr     string
}

// Counter is what is known of one key.
type Counter struct {
	Key
	// Failures are the failed attempts not yet forgiven; a reserved
	// attempt counts until a success gives it back.
	Failures int
	// Since is where the forgiving runs from: one failure is forgiven for
	// every Leak after it. Zero while Failures is 0.
	Since time.Time
	// Next is when the next attempt may be checked; zero or past when now.
	Next time.Time
	// OK is the last successful sign-in of a pair; zero if none.
	OK time.Time
	// Expires is when the counter no longer says anything — every failure
	// forgiven, no wait left, no success worth remembering — and may be
	// deleted.
	Expires time.Time
}

// Empty reports whether c says nothing worth keeping.
func (c *Counter) Empty() bool { return c.Failures <= 0 && c.OK.IsZero() }

// Attempts keeps the counters where every instance of the application sees
// them; the store implements it over a table.
type Attempts interface {
	// UpdateLoginAttempts reads the counters of keys (a missing one is a
	// zero Counter with its Key) and passes them to fn, in the order of
	// keys, while no other update of any of them — in this process or
	// another — can run. If fn returns nil, the counters are stored as fn
	// left them, an Empty one deleted, before any other update sees them;
	// if fn returns an error, nothing is stored and the error is returned.
	// fn may be called more than once when the update is retried. Counters
	// that expired before now may be deleted.
	UpdateLoginAttempts(ctx context.Context, now time.Time, keys []Key, fn func(cs []Counter) error) error
}

// Limit is the throttle of one scope.
type Limit struct {
	Free  int           // failures that cost no wait
	First time.Duration // the wait after failure Free; it doubles with each failure after
	Max   time.Duration // the longest wait
	Leak  time.Duration // one failure is forgiven per Leak
}

// Policy is the throttle of every scope.
type Policy struct {
	Pair, Addr, User Limit
	// KnownFor is how long after a successful sign-in its pair skips the
	// address and username limits.
	KnownFor time.Duration
}

// DefaultPolicy is the production throttle; the package comment explains
// the numbers.
var DefaultPolicy = Policy{
	Pair:     Limit{Free: 3, First: time.Second, Max: 15 * time.Minute, Leak: time.Hour},
	Addr:     Limit{Free: 100, First: time.Second, Max: 15 * time.Minute, Leak: 5 * time.Minute},
	User:     Limit{Free: 100, First: time.Second, Max: 5 * time.Minute, Leak: 5 * time.Minute},
	KnownFor: 30 * 24 * time.Hour,
}

func (p *Policy) limit(s Scope) Limit {
	switch s {
	case ScopePair:
		return p.Pair
	case ScopeAddr:
		return p.Addr
	}
	return p.User
}

// Reserve decides whether an attempt with counters cs (from Keys) may be
// checked now. If so it counts the attempt as a failure in every counter
// and returns 0; if not it returns how long to wait and changes nothing
// that needs storing.
func (p *Policy) Reserve(cs []Counter, now time.Time) time.Duration {
	known := p.known(cs, now)
	var wait time.Duration
	for i := range cs {
		p.limit(cs[i].Scope).forgive(&cs[i], now)
		if known && cs[i].Scope != ScopePair {
			continue // a known pair answers only to its own limit
		}
		wait = max(wait, cs[i].Next.Sub(now))
	}
	if wait > 0 {
		return wait
	}
	for i := range cs {
		l := p.limit(cs[i].Scope)
		if cs[i].Failures == 0 {
			cs[i].Since = now
		}
		cs[i].Failures++
		cs[i].Next = now.Add(l.delay(cs[i].Failures))
		cs[i].Expires = p.expires(&cs[i])
	}
	return 0
}

// GiveBack returns the reservation of an attempt whose password was not
// found wrong. After a success the pair's failures are cleared and the
// pair is known from now on.
func (p *Policy) GiveBack(cs []Counter, now time.Time, success bool) {
	for i := range cs {
		c := &cs[i]
		p.limit(c.Scope).forgive(c, now)
		switch {
		case success && c.Scope == ScopePair:
			c.Failures, c.Since, c.Next, c.OK = 0, time.Time{}, time.Time{}, now
		case c.Failures > 0:
			c.Failures--
			if c.Failures == 0 {
				c.Since = time.Time{}
			}
		}
		c.Expires = p.expires(c)
	}
}

// known reports whether the pair among cs signed in successfully within
// KnownFor.
func (p *Policy) known(cs []Counter, now time.Time) bool {
	for _, c := range cs {
		if c.Scope == ScopePair && !c.OK.IsZero() && now.Sub(c.OK) < p.KnownFor {
			return true
		}
	}
	return false
}

// expires is when c says nothing any more.
func (p *Policy) expires(c *Counter) time.Time {
	e := c.Next
	if c.Failures > 0 {
		e = later(e, c.Since.Add(time.Duration(c.Failures)*p.limit(c.Scope).Leak))
	}
	if !c.OK.IsZero() {
		e = later(e, c.OK.Add(p.KnownFor))
	}
	return e
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// forgive drops the failures that leaked away by now. Since moves by whole
// Leaks, so a trickle of failures slower than one per Leak never adds up.
func (l Limit) forgive(c *Counter, now time.Time) {
	if c.Failures <= 0 || l.Leak <= 0 {
		return
	}
	n := now.Sub(c.Since) / l.Leak
	if n <= 0 {
		return
	}
	if n >= time.Duration(c.Failures) {
		c.Failures, c.Since = 0, time.Time{}
		return
	}
	c.Failures -= int(n)
	c.Since = c.Since.Add(n * l.Leak)
}

// delay is the wait after the n-th failure: none before Free, then First
// doubling up to Max.
func (l Limit) delay(n int) time.Duration {
	if n < l.Free {
		return 0
	}
	d := l.First
	for i := l.Free; i < n && d < l.Max; i++ {
		d *= 2
	}
	return min(d, l.Max)
}
