package store

import (
	"context"
	"sync"
	"time"

	"payesh"
)

// readCacheMaxAge bounds how long an answer is served from the cache.
const readCacheMaxAge = 5 * time.Second

// readCache holds whole-document answers that the home page, the policy
// page and the dashboards all ask for and that any write may change: a
// clause tree with its counts of linked work, and every clause's
// progress, each a read of every link of the document; the indicator
// list; the follow-up board; the period a unit's dashboard opens on, a
// seek per indicator. An answer is
// served while no change has been recorded since it was made — every
// write appends to the audit trail in its own transaction, so the trail's
// latest id is a generation of the whole database — on the same Tehran
// day (lateness moves with it), and for at most readCacheMaxAge: on
// PostgreSQL a transaction holding an earlier audit id may commit after a
// later one, which the id alone would miss.
type readCache struct {
	mu      sync.Mutex
	entries map[cacheKey]cacheEntry
}

type cacheKey struct {
	what string
	id   int64
}

type cacheEntry struct {
	gen   int64
	day   payesh.Date
	at    time.Time
	value any
}

// cached returns the answer under key, loading it when the cache has none
// current. The value is shared: callers copy before changing it.
func (db *DB) cached(ctx context.Context, key cacheKey, load func() (any, error)) (any, error) {
	var gen int64
	if err := db.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM audit_events`).Scan(&gen); err != nil {
		return nil, err
	}
	now, day := time.Now(), db.today()
	c := &db.reads
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && e.gen == gen && e.day == day && now.Sub(e.at) < readCacheMaxAge {
		return e.value, nil
	}
	v, err := load()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.entries == nil {
		c.entries = map[cacheKey]cacheEntry{}
	}
	c.entries[key] = cacheEntry{gen: gen, day: day, at: now, value: v}
	c.mu.Unlock()
	return v, nil
}
