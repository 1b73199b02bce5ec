package login_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"payesh"
	"payesh/internal/login"
)

// TestLinkAttempts: misses on secret links from one address are counted
// before the lookup — past the address's free allowance the next attempt
// waits without a lookup — and a good link gives its attempt back; the
// sign-in's own counter of that address is untouched by them.
func TestLinkAttempts(t *testing.T) {
	engines(t, func(t *testing.T, e *guardEnv) {
		g := e.guardAt(e.clock)
		ctx := context.Background()
		lookups := 0
		miss := func() error { lookups++; return payesh.NotFound("reviewer_link") }
		gone := func() error { lookups++; return payesh.ErrLinkExpired }
		good := func() error { lookups++; return nil }
		free := login.DefaultPolicy.Addr.Free
		for i := 0; i < free-2; i++ {
			check := miss
			if i%2 == 1 {
				check = gone
			}
			if err := g.Link(ctx, "10.0.0.9", check); payesh.ErrorCode(err) == payesh.ERATELIMITED {
				t.Fatalf("miss %d refused: %v", i, err)
			}
		}
		// A good link gives its reservation back: still two misses to go.
		if err := g.Link(ctx, "10.0.0.9", good); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 2; i++ {
			if err := g.Link(ctx, "10.0.0.9", miss); payesh.ErrorCode(err) != payesh.ENOTFOUND {
				t.Fatalf("free miss %d: %v", i, err)
			}
		}
		before := lookups
		err := g.Link(ctx, "10.0.0.9", good)
		var limited *login.LimitError
		if !errors.As(err, &limited) || limited.Wait != time.Second || lookups != before {
			t.Fatalf("past the allowance: %v (wait %v), %d lookups", err, limited, lookups-before)
		}
		// Another address, and signing in from this one, are not held up.
		if err := g.Link(ctx, "10.0.0.10", good); err != nil {
			t.Errorf("another address: %v", err)
		}
		wait, err := e.signIn(g, "owner", password, "10.0.0.9")
		if wait != 0 || err != nil {
			t.Errorf("sign-in from the address: wait %v, %v", wait, err)
		}
		// The wait passes.
		e.clock.Add(time.Second)
		if err := g.Link(ctx, "10.0.0.9", good); err != nil {
			t.Errorf("after the wait: %v", err)
		}
	})
}
