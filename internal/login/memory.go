package login

import (
	"context"
	"sync"
	"time"
)

// memory keeps counters in this process only: the fallback of New for a
// user service that keeps none, which is for tests. Expired counters are
// dropped as time passes, so memory stays bounded by what a window of
// attempts can create.
type memory struct {
	mu     sync.Mutex
	keys   map[Key]Counter
	pruned time.Time
}

func newMemory() *memory { return &memory{keys: map[Key]Counter{}} }

// UpdateLoginAttempts implements Attempts under one mutex.
func (m *memory) UpdateLoginAttempts(_ context.Context, now time.Time, keys []Key, fn func([]Counter) error) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if now.Sub(m.pruned) >= time.Minute {
		for k, c := range m.keys {
			if c.Expires.Before(now) {
				delete(m.keys, k)
			}
		}
		m.pruned = now
	}
	cs := make([]Counter, len(keys))
	for i, k := range keys {
		cs[i] = m.keys[k]
		cs[i].Key = k
	}
	if err := fn(cs); err != nil {
		return err
	}
	for _, c := range cs {
		if c.Empty() {
			delete(m.keys, c.Key)
		} else {
			m.keys[c.Key] = c
		}
	}
	return nil
}
