package login

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var t0 = time.Date(2024, 7, 31, 8, 30, 0, 0, time.UTC)

// reserve runs one reservation on m and returns its wait.
func reserve(t *testing.T, m Attempts, p *Policy, now time.Time, user, addr string) time.Duration {
	t.Helper()
	var wait time.Duration
	err := m.UpdateLoginAttempts(context.Background(), now, Keys(user, addr), func(cs []Counter) error {
		if wait = p.Reserve(cs, now); wait > 0 {
			return errWait
		}
		return nil
	})
	if err != nil && err != errWait {
		t.Fatal(err)
	}
	return wait
}

func giveBack(t *testing.T, m Attempts, p *Policy, now time.Time, user, addr string, success bool) {
	t.Helper()
	err := m.UpdateLoginAttempts(context.Background(), now, Keys(user, addr), func(cs []Counter) error {
		p.GiveBack(cs, now, success)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDelay(t *testing.T) {
	l := DefaultPolicy.Pair
	for n, want := range map[int]time.Duration{
		1: 0, 2: 0, 3: time.Second, 4: 2 * time.Second, 5: 4 * time.Second,
		12: 512 * time.Second, 13: 15 * time.Minute, 14: 15 * time.Minute, 1 << 20: 15 * time.Minute,
	} {
		if got := l.delay(n); got != want {
			t.Errorf("delay after %d failures = %v, want %v", n, got, want)
		}
	}
}

// TestPairWaitGrows: after Free failures each attempt must wait twice as
// long as the one before, up to Max; waiting the time out lets the next
// attempt through, and the pair's wait says nothing about another pair.
func TestPairWaitGrows(t *testing.T) {
	p := DefaultPolicy
	m := newMemory()
	now := t0
	for i := range p.Pair.Free {
		if w := reserve(t, m, &p, now, "admin", "a"); w != 0 {
			t.Fatalf("free attempt %d waits %v", i+1, w)
		}
	}
	want := p.Pair.First
	for range 14 {
		if w := reserve(t, m, &p, now, "admin", "a"); w != want {
			t.Fatalf("wait %v, want %v", w, want)
		}
		if w := reserve(t, m, &p, now, "admin", "b"); w != 0 {
			t.Fatalf("another address waits %v", w)
		}
		giveBack(t, m, &p, now, "admin", "b", true)
		now = now.Add(want)
		if w := reserve(t, m, &p, now, "admin", "a"); w != 0 {
			t.Fatalf("after waiting %v: still %v", want, w)
		}
		want = min(2*want, p.Pair.Max)
	}
	if want != p.Pair.Max {
		t.Errorf("the wait ended at %v, not the cap", want)
	}
}

// TestForgiveAndClear: failures leak away with quiet time, and a success
// clears the pair at once while the other counters only get their
// reservation back.
func TestForgiveAndClear(t *testing.T) {
	p := DefaultPolicy
	m := newMemory()
	pairKey, addrKey := Key{Scope: ScopePair, Username: "u", Addr: "a"}, Key{Scope: ScopeAddr, Addr: "a"}
	for range 3 {
		reserve(t, m, &p, t0, "u", "a")
	}
	if w := reserve(t, m, &p, t0, "u", "a"); w != time.Second {
		t.Fatalf("after three failures: wait %v, want 1s", w)
	}
	if c := m.keys[pairKey]; c.Failures != 3 {
		t.Fatalf("pair failures %d, want 3: a refused attempt is not counted", c.Failures)
	}
	// Two leaks later two failures are forgiven, and the new one counts.
	later := t0.Add(2*p.Pair.Leak + time.Second)
	if w := reserve(t, m, &p, later, "u", "a"); w != 0 {
		t.Fatalf("after two leaks: wait %v", w)
	}
	if c := m.keys[pairKey]; c.Failures != 2 || !c.Since.Equal(t0.Add(2*p.Pair.Leak)) {
		t.Errorf("pair after forgiving two and adding one: %+v, want 2 failures", c)
	}
	giveBack(t, m, &p, later, "u", "a", true)
	pair := m.keys[pairKey]
	if pair.Failures != 0 || !pair.Next.IsZero() || !pair.OK.Equal(later) || !pair.Expires.Equal(later.Add(p.KnownFor)) {
		t.Errorf("pair after success %+v", pair)
	}
	// The address forgives one per 5 min: all three are long gone, and
	// the success's own reservation was given back.
	if addr, ok := m.keys[addrKey]; ok {
		t.Errorf("address after success %+v, want deleted", addr)
	}
}

// TestKnownPairSkipsWiderLimits: an address or username driven over its
// limit by others holds up new pairs, but not a pair that signed in
// successfully before.
func TestKnownPairSkipsWiderLimits(t *testing.T) {
	p := DefaultPolicy
	p.Addr.Free, p.User.Free = 5, 5
	m := newMemory()
	now := t0
	reserve(t, m, &p, now, "owner", "office")
	giveBack(t, m, &p, now, "owner", "office", true)
	for i := range 5 { // spraying from the office address
		if w := reserve(t, m, &p, now, "victim"+strings.Repeat("x", i), "office"); w != 0 {
			t.Fatalf("spray %d waits %v", i+1, w)
		}
	}
	if w := reserve(t, m, &p, now, "newcomer", "office"); w == 0 || w > p.Addr.Max {
		t.Errorf("a new pair at a spraying address waits %v", w)
	}
	if w := reserve(t, m, &p, now, "owner", "office"); w != 0 {
		t.Errorf("the known pair waits %v", w)
	}
	// Rotating addresses on one username: the username slows new pairs,
	// by no more than its Max, and never the known one. The known pair's
	// attempt above counted as one of the username's five.
	for i := range 4 {
		if w := reserve(t, m, &p, now, "owner", "bot"+strings.Repeat("x", i)); w != 0 {
			t.Fatalf("rotation %d waits %v", i+1, w)
		}
	}
	if w := reserve(t, m, &p, now, "owner", "hotel"); w == 0 || w > p.User.Max {
		t.Errorf("a new address for a username under attack waits %v", w)
	}
	if w := reserve(t, m, &p, now, "owner", "office"); w != 0 {
		t.Errorf("the known pair waits %v under a rotating attack", w)
	}
	// Known lasts KnownFor.
	if !p.known([]Counter{{Key: Key{Scope: ScopePair}, OK: now}}, now.Add(p.KnownFor-time.Second)) ||
		p.known([]Counter{{Key: Key{Scope: ScopePair}, OK: now}}, now.Add(p.KnownFor)) {
		t.Error("known does not last exactly KnownFor")
	}
}

// TestMemoryBounded: counters leave memory once they expire.
func TestMemoryBounded(t *testing.T) {
	p := DefaultPolicy
	m := newMemory()
	for i := range 1000 {
		reserve(t, m, &p, t0, "user"+strings.Repeat("x", i%50), "addr"+strings.Repeat("y", i))
	}
	if len(m.keys) == 0 {
		t.Fatal("nothing counted")
	}
	reserve(t, m, &p, t0.Add(48*time.Hour), "late", "late")
	if len(m.keys) != 3 {
		t.Errorf("%d counters after every other expired, want 3", len(m.keys))
	}
}

func TestKeys(t *testing.T) {
	long := strings.Repeat("ی", 100) // two bytes each
	ks := Keys(long+"\x00", "192.0.2.1\xff")
	if u := ks[0].Username; len(u) > MaxKeyLen || !utf8.ValidString(u) || strings.Contains(u, "\x00") {
		t.Errorf("username key %q", u)
	}
	if a := ks[1].Addr; !utf8.ValidString(a) || ks[0].Addr != a || ks[1].Username != "" || ks[2].Addr != "" {
		t.Errorf("keys %+v", ks)
	}
	if ks[0].Scope != ScopePair || ks[1].Scope != ScopeAddr || ks[2].Scope != ScopeUser {
		t.Errorf("scopes %+v", ks)
	}
}
