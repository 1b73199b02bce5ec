package login

import (
	"sync"
	"time"
)

// limiter counts failures per key (a username, a client address) in a fixed
// window that opens at the key's first failure. It lives in memory: with
// several app instances an attacker gets max attempts per instance, which
// still makes guessing hopeless, and needs no shared state.
type limiter struct {
	mu      sync.Mutex
	max     int
	window  time.Duration
	maxKeys int
	now     func() time.Time
	keys    map[string]*failures
}

type failures struct {
	start time.Time
	n     int
}

func newLimiter(max int, window time.Duration, maxKeys int, now func() time.Time) *limiter {
	return &limiter{max: max, window: window, maxKeys: maxKeys, now: now, keys: map[string]*failures{}}
}

// retryAfter returns how long key must wait, or 0 if it may try now.
func (l *limiter) retryAfter(key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	f, ok := l.keys[key]
	if !ok {
		return 0
	}
	now := l.now()
	if l.expired(f, now) {
		delete(l.keys, key)
		return 0
	}
	if f.n < l.max {
		return 0
	}
	return f.start.Add(l.window).Sub(now)
}

// fail records a failure of key.
func (l *limiter) fail(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	f, ok := l.keys[key]
	if ok && !l.expired(f, now) {
		f.n++
		return
	}
	if !ok && len(l.keys) >= l.maxKeys {
		l.makeRoom(now)
	}
	l.keys[key] = &failures{start: now, n: 1}
}

// reset forgets key, after a successful login.
func (l *limiter) reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.keys, key)
}

func (l *limiter) expired(f *failures, now time.Time) bool {
	return !now.Before(f.start.Add(l.window))
}

// makeRoom drops expired keys and, if the map is still full, the oldest
// one: under a flood of distinct keys the oldest window matters least, and
// memory must stay bounded.
func (l *limiter) makeRoom(now time.Time) {
	var oldest string
	var oldestStart time.Time
	for k, f := range l.keys {
		if l.expired(f, now) {
			delete(l.keys, k)
		} else if oldest == "" || f.start.Before(oldestStart) {
			oldest, oldestStart = k, f.start
		}
	}
	if len(l.keys) >= l.maxKeys && oldest != "" {
		delete(l.keys, oldest)
	}
}

func (l *limiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.keys)
}
