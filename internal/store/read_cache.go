package store

import (
	"context"
	"errors"
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
// seek per indicator.
//
// An answer is served while no change has been recorded since it was
// made — every write appends to the audit trail in its own transaction,
// so the trail's latest id is a generation of the whole database — on
// the same Tehran day (lateness moves with it), and for at most
// readCacheMaxAge: on PostgreSQL a transaction holding an earlier audit
// id may commit after a later one, which the id alone would miss.
//
// One answer is loaded at a time: callers that find it being loaded for
// the generation and day they read wait for that load instead of making
// the same one. When an answer expires under load, eight requests at
// once read a document's links (18,884 at 100,000 items) once, not
// eight times.
type readCache struct {
	mu      sync.Mutex
	entries map[cacheKey]cacheEntry
	loading map[cacheKey]*cacheLoad
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

// cacheLoad is an answer being loaded, for the callers waiting on it.
type cacheLoad struct {
	gen     int64
	day     payesh.Date
	done    chan struct{}
	waiting int // callers waiting, for the tests
	value   any
	err     error
}

// errLoadFailed stands for a load that ended without an answer (it
// panicked): whoever waited loads for itself.
var errLoadFailed = errors.New("store: the shared load failed")

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
	if e, ok := c.entries[key]; ok && e.gen == gen && e.day == day && now.Sub(e.at) < readCacheMaxAge {
		c.mu.Unlock()
		return e.value, nil
	}
	if l := c.loading[key]; l != nil && l.gen == gen && l.day == day {
		l.waiting++
		c.mu.Unlock()
		select {
		case <-l.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if l.err != nil {
			// Its error may be its own caller's (a request gone): this
			// caller's load is its own.
			return load()
		}
		return l.value, nil
	}
	l := &cacheLoad{gen: gen, day: day, done: make(chan struct{}), err: errLoadFailed}
	if c.loading == nil {
		c.loading = map[cacheKey]*cacheLoad{}
	}
	c.loading[key] = l
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		if c.loading[key] == l {
			delete(c.loading, key)
		}
		if l.err == nil {
			if c.entries == nil {
				c.entries = map[cacheKey]cacheEntry{}
			}
			c.entries[key] = cacheEntry{gen: gen, day: day, at: now, value: l.value}
		}
		c.mu.Unlock()
		close(l.done)
	}()
	l.value, l.err = load()
	return l.value, l.err
}
