package login_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"payesh"
	"payesh/internal/login"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// The guard's tests run over the real store on both engines (PostgreSQL
// when PAYESH_TEST_POSTGRES is set), as the application wires it.

const password = "amber lantern over quiet hills 1403"

var start = time.Date(2024, 7, 31, 8, 30, 0, 0, time.UTC)

// clock is a settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// counting is the store's user service with its password checks counted.
type counting struct {
	payesh.UserService
	checks atomic.Int64
}

func (c *counting) Authenticate(ctx context.Context, username, pw string) (*payesh.User, error) {
	c.checks.Add(1)
	return c.UserService.Authenticate(ctx, username, pw)
}

type guardEnv struct {
	t     *testing.T
	db    *store.DB
	users *counting
	clock *clock
	guard *login.Guard
}

// engines runs fn on each engine over a store holding the user "owner".
func engines(t *testing.T, fn func(t *testing.T, e *guardEnv)) {
	c := &clock{t: start}
	storetest.Engines(t, store.Options{Now: c.Now}, func(t *testing.T, db *store.DB) {
		db.SQL().SetMaxOpenConns(8) // 100 parallel sign-ins must not exhaust the server's connections
		sys := storetest.System()
		unit := &payesh.OrgUnit{Kind: payesh.UnitOrganization, Code: "org", NameFA: "سازمان"}
		if err := db.CreateOrgUnit(sys, unit); err != nil {
			t.Fatal(err)
		}
		u := &payesh.User{Username: "owner", Name: "مالک حساب", UnitID: unit.ID, Role: payesh.RoleViewer, Active: true}
		if err := db.CreateUser(sys, u, password); err != nil {
			t.Fatal(err)
		}
		users := &counting{UserService: db}
		fn(t, &guardEnv{t: t, db: db, users: users, clock: &clock{t: start}, guard: login.New(users, db, nil)})
	})
}

// signIn is one attempt; it returns the wait of a refused one, or the
// error.
func (e *guardEnv) signIn(g *login.Guard, username, pw, addr string) (time.Duration, error) {
	e.t.Helper()
	u, secret, err := g.SignIn(context.Background(), username, pw, addr)
	var limited *login.LimitError
	if errors.As(err, &limited) {
		if payesh.ErrorCode(err) != payesh.ERATELIMITED || limited.Wait <= 0 {
			e.t.Fatalf("limit error %v code %s", limited.Wait, payesh.ErrorCode(err))
		}
		return limited.Wait, err
	}
	if err == nil && (u == nil || secret == "") {
		e.t.Fatal("signed in without a user or session")
	}
	return 0, err
}

func (e *guardEnv) guardAt(c *clock) *login.Guard {
	g := login.New(e.users, e.db, c.Now)
	return g
}

func mustFail(t *testing.T, wait time.Duration, err error, what string) {
	t.Helper()
	if wait != 0 || !errors.Is(err, login.ErrLogin) {
		t.Fatalf("%s: wait %v, err %v; want a wrong-password answer", what, wait, err)
	}
}

func mustWait(t *testing.T, wait time.Duration, err error, what string, want time.Duration) {
	t.Helper()
	if wait != want {
		t.Fatalf("%s: wait %v (err %v), want %v", what, wait, err, want)
	}
}

// TestOtherClientNotRefused: ten wrong passwords checked from the
// attacker's address throttle that address's pair — even the right
// password waits there — but the owner at another address signs in at
// once.
func TestOtherClientNotRefused(t *testing.T) {
	engines(t, func(t *testing.T, e *guardEnv) {
		g := e.guardAt(e.clock)
		const attacker = "203.0.113.66"
		for i := 0; i < 10; {
			wait, err := e.signIn(g, "owner", fmt.Sprint("guess ", i), attacker)
			if wait > 0 {
				e.clock.Add(wait) // the attacker waits each wait out
				continue
			}
			mustFail(t, wait, err, fmt.Sprint("guess ", i+1))
			i++
		}
		if n := e.users.checks.Load(); n != 10 {
			t.Fatalf("%d passwords checked, want 10", n)
		}
		if _, err := e.signIn(g, "owner", password, "198.51.100.7"); err != nil {
			t.Fatalf("the owner at another address: %v", err)
		}
		// A second instance over the same database sees the same count:
		// after ten failures the pair waits 2⁷ s.
		other := e.guardAt(e.clock)
		wait, err := e.signIn(other, "OWNER", password, attacker)
		mustWait(t, wait, err, "right password at the attacker's address, other instance", 128*time.Second)
		// Guessing on from the attacker's address, waiting each wait out,
		// never holds the owner up at a new address.
		for range 10 {
			e.clock.Add(time.Hour)
			mustFail(t, 0, errOnly(e.signIn(g, "owner", "another guess", attacker)), "a guess after waiting")
		}
		if _, err := e.signIn(g, "owner", password, "198.51.100.8"); err != nil {
			t.Fatalf("the owner at a new address after twenty guesses elsewhere: %v", err)
		}
	})
}

func errOnly(_ time.Duration, err error) error { return err }

// TestParallelGuesses: 100 wrong passwords sent at once for one username
// from one address run at most Pair.Free password checks; the rest are
// refused before hashing.
func TestParallelGuesses(t *testing.T) {
	engines(t, func(t *testing.T, e *guardEnv) {
		g := e.guardAt(e.clock)
		const n = 100
		var wg sync.WaitGroup
		var limited, wrong atomic.Int64
		for i := range n {
			wg.Go(func() {
				_, _, err := g.SignIn(context.Background(), "owner", fmt.Sprint("guess ", i), "203.0.113.66")
				var l *login.LimitError
				switch {
				case errors.As(err, &l):
					limited.Add(1)
				case errors.Is(err, login.ErrLogin):
					wrong.Add(1)
				default:
					t.Errorf("guess %d: %v", i, err)
				}
			})
		}
		wg.Wait()
		free := int64(g.Policy.Pair.Free)
		if checks := e.users.checks.Load(); checks > free || wrong.Load() != checks || limited.Load() != n-checks {
			t.Errorf("%d password checks, %d wrong, %d limited; want at most %d checks and the rest limited",
				checks, wrong.Load(), limited.Load(), free)
		}
	})
}

// TestWaitGrowsAndSuccessClears: each failure past the free ones doubles
// the wait; the right password, once the wait is over, signs in and
// clears the pair, which then has its free failures again.
func TestWaitGrowsAndSuccessClears(t *testing.T) {
	engines(t, func(t *testing.T, e *guardEnv) {
		g := e.guardAt(e.clock)
		const addr = "192.0.2.10"
		for range 3 {
			mustFail(t, 0, errOnly(e.signIn(g, "owner", "wrong", addr)), "free failure")
		}
		for _, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second} {
			wait, err := e.signIn(g, "owner", password, addr)
			mustWait(t, wait, err, "right password while waiting", want)
			e.clock.Add(want - time.Millisecond)
			wait, err = e.signIn(g, "owner", "wrong", addr)
			mustWait(t, wait, err, "a millisecond early", time.Millisecond)
			e.clock.Add(time.Millisecond)
			mustFail(t, 0, errOnly(e.signIn(g, "owner", "wrong", addr)), "after the wait")
		}
		e.clock.Add(16 * time.Second)
		checks := e.users.checks.Load()
		if _, err := e.signIn(g, "owner", password, addr); err != nil {
			t.Fatalf("right password after the wait: %v", err)
		}
		if e.users.checks.Load() != checks+1 {
			t.Error("the right password was not checked once")
		}
		for range 3 {
			mustFail(t, 0, errOnly(e.signIn(g, "owner", "wrong", addr)), "free failure after a success")
		}
		wait, err := e.signIn(g, "owner", "wrong", addr)
		mustWait(t, wait, err, "fourth failure after a success", time.Second)
	})
}

// TestAddressCap: an address spraying many usernames is held up after
// Addr.Free failures — for new pairs only: a person who signed in from
// there before still can, and other addresses are untouched.
func TestAddressCap(t *testing.T) {
	engines(t, func(t *testing.T, e *guardEnv) {
		g := e.guardAt(e.clock)
		g.Policy.Addr.Free = 10
		const nat = "203.0.113.1"
		if _, err := e.signIn(g, "owner", password, nat); err != nil {
			t.Fatal(err)
		}
		for i := range 10 {
			mustFail(t, 0, errOnly(e.signIn(g, fmt.Sprint("user", i), "Password1", nat)), "spray")
		}
		checks := e.users.checks.Load()
		wait, err := e.signIn(g, "user-new", "Password1", nat)
		mustWait(t, wait, err, "the address after its allowance", time.Second)
		if e.users.checks.Load() != checks {
			t.Error("a refused attempt was checked")
		}
		if _, err := e.signIn(g, "owner", password, nat); err != nil {
			t.Fatalf("a known pair behind the spraying address: %v", err)
		}
		mustFail(t, 0, errOnly(e.signIn(g, "user-new", "Password1", "198.51.100.1")), "another address")
		// The default allows a whole office its typing mistakes.
		if login.DefaultPolicy.Addr.Free < 50 {
			t.Errorf("the default address allowance %d is not generous", login.DefaultPolicy.Addr.Free)
		}
	})
}

// TestUsernameCap: rotating addresses, each with its own fresh pair, is
// slowed by the username's count — by no more than User.Max — while the
// owner's known pair is not.
func TestUsernameCap(t *testing.T) {
	engines(t, func(t *testing.T, e *guardEnv) {
		g := e.guardAt(e.clock)
		g.Policy.User.Free = 20
		if _, err := e.signIn(g, "owner", password, "198.51.100.7"); err != nil {
			t.Fatal(err)
		}
		for i := range 20 {
			mustFail(t, 0, errOnly(e.signIn(g, "owner", "guess", fmt.Sprint("10.0.", i/250, ".", i%250))), "rotating guess")
		}
		wait, err := e.signIn(g, "owner", "guess", "10.9.9.9")
		mustWait(t, wait, err, "a new address for the username", time.Second)
		if _, err := e.signIn(g, "owner", password, "198.51.100.7"); err != nil {
			t.Fatalf("the owner's known pair: %v", err)
		}
		if login.DefaultPolicy.User.Max > 15*time.Minute || login.DefaultPolicy.User.Free <= 10*login.DefaultPolicy.Pair.Free {
			t.Errorf("the username limit should be far higher than the pair's and only slow: %+v", login.DefaultPolicy.User)
		}
	})
}
