package login

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

func TestLimiterWindow(t *testing.T) {
	c := &clock{t: testNow}
	l := newLimiter(3, time.Minute, 100, c.Now)
	for range 3 {
		if l.retryAfter("a") != 0 {
			t.Fatal("limited before the limit")
		}
		l.fail("a")
	}
	if w := l.retryAfter("a"); w != time.Minute {
		t.Fatalf("retryAfter %v, want 1m", w)
	}
	if l.retryAfter("b") != 0 {
		t.Error("keys are not independent")
	}
	c.Add(59 * time.Second)
	if w := l.retryAfter("a"); w != time.Second {
		t.Errorf("retryAfter %v, want 1s", w)
	}
	c.Add(time.Second)
	if l.retryAfter("a") != 0 || l.size() != 0 {
		t.Error("window did not expire")
	}
	l.fail("a")
	l.fail("a")
	l.reset("a")
	l.fail("a")
	l.fail("a")
	if l.retryAfter("a") != 0 {
		t.Error("reset did not forget")
	}
}

// TestLimiterBounded floods the limiter with distinct keys: memory stays
// bounded and the newest keys are still counted.
func TestLimiterBounded(t *testing.T) {
	c := &clock{t: testNow}
	l := newLimiter(2, time.Hour, 50, c.Now)
	for i := range 1000 {
		c.Add(time.Millisecond)
		l.fail(fmt.Sprint("k", i))
		l.fail(fmt.Sprint("k", i))
	}
	if n := l.size(); n > 50 {
		t.Errorf("%d keys kept, bound is 50", n)
	}
	if l.retryAfter("k999") == 0 {
		t.Error("the newest key lost its count")
	}
	// Expired keys make room before live ones are evicted.
	c.Add(2 * time.Hour)
	l.fail("fresh")
	if l.size() != 1 {
		t.Errorf("%d keys after expiry, want 1", l.size())
	}
}

// clock is a settable clock for the limiter.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

var testNow = time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC)

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
