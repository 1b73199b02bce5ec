package store

import "context"

// Cached is db.cached under a key of the tests' own.
func (db *DB) Cached(ctx context.Context, what string, load func() (any, error)) (any, error) {
	return db.cached(ctx, cacheKey{what, 0}, load)
}

// CacheWaiting is how many callers wait on the load of what under way.
func (db *DB) CacheWaiting(what string) int {
	db.reads.mu.Lock()
	defer db.reads.mu.Unlock()
	if l := db.reads.loading[cacheKey{what, 0}]; l != nil {
		return l.waiting
	}
	return 0
}
