package login

import (
	"context"
	"errors"
	"time"

	"payesh"
)

// A secret link (a call's reviewer link) is a credential typed into an
// address bar rather than a form, and it is guessed the same way: so
// each use is counted as a sign-in is, before the secret is looked up,
// under a counter of its own per client address — the address limit
// (Policy.Addr: a hundred misses free, then a doubling wait) — and given
// back when the link is good. A secret is 256 random bits, so the bound
// is not what keeps it safe; it keeps a scanner from costing a lookup per
// guess, and answers it like the sign-in does.

// linkUser marks the link counters apart from the sign-in's own address
// counter (whose Username is empty).
const linkUser = "\u2192link"

// Link runs check, which looks a secret up, for a client at addr. While
// the address must wait it returns a *LimitError without calling check.
// A secret not found or no longer valid (codes not_found and gone)
// counts as a failure; anything else gives the attempt back.
func (g *Guard) Link(ctx context.Context, addr string, check func() error) error {
	keys := []Key{{Scope: ScopeAddr, Username: linkUser, Addr: keyPart(addr)}}
	now := g.now()
	var wait time.Duration
	err := g.attempts.UpdateLoginAttempts(ctx, now, keys, func(cs []Counter) error {
		if wait = g.Policy.Reserve(cs, now); wait > 0 {
			return errWait
		}
		return nil
	})
	if errors.Is(err, errWait) {
		return &LimitError{Wait: wait}
	} else if err != nil {
		return err
	}
	err = check()
	if code := payesh.ErrorCode(err); code == payesh.ENOTFOUND || code == payesh.EGONE {
		return err // the reservation stays, as the failure
	}
	if gerr := g.giveBack(ctx, keys, true); gerr != nil {
		return errors.Join(err, gerr)
	}
	return err
}
