package store

import (
	"context"
	"database/sql"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"weak"

	"payesh"
)

// OrgCacheMaxAge bounds how long the process's copy of the org tree is
// served without asking the database whether it changed. Writes through
// this process drop the copy at once; a write by another instance on the
// same database shows here at most this long after it.
const OrgCacheMaxAge = 2 * time.Second

// orgCache is a DB's copy of the whole org tree: every page names units
// (owners, partners, places), and the tree changes a few times a year.
type orgCache struct {
	gen atomic.Uint64 // bumped by every org-unit write of this process

	mu      sync.Mutex
	units   []*payesh.OrgUnit
	loadGen uint64    // gen when units were loaded
	checked time.Time // when units were last known current
	sig     orgSignature

	// index is the tree as read scopes use it, built from units once per
	// load (scope.go).
	index atomic.Pointer[orgIndex]
}

// orgSignature changes with every insert, update or delete of a unit: a
// delete lowers the count, an update raises a version, an insert raises
// the count or, after a delete, the latest update time. One scan of a
// few thousand narrow rows, far cheaper than loading them.
type orgSignature struct {
	count, versions int64
	latest          string
}

// orgCaches keys each DB's cache by a weak pointer, so that a closed and
// forgotten DB (tests open hundreds) takes its copy with it.
var orgCaches sync.Map // weak.Pointer[DB] → *orgCache

func (db *DB) orgCache() *orgCache {
	key := weak.Make(db)
	if c, ok := orgCaches.Load(key); ok {
		return c.(*orgCache)
	}
	c, loaded := orgCaches.LoadOrStore(key, &orgCache{})
	if !loaded {
		runtime.AddCleanup(db, func(k weak.Pointer[DB]) { orgCaches.Delete(k) }, key)
	}
	return c.(*orgCache)
}

// orgChanged drops the cached tree after a write to org_units; called
// whether or not the write committed, which only costs a reload.
func (db *DB) orgChanged() { db.orgCache().gen.Add(1) }

// FindAllOrgUnits returns every unit in one query, ordered by path (text
// order, not tree order), from the process's copy while it is current
// (see OrgCacheMaxAge). The units are shared between callers: read them,
// never change them.
func (db *DB) FindAllOrgUnits(ctx context.Context) ([]*payesh.OrgUnit, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	c := db.orgCache()
	c.mu.Lock()
	defer c.mu.Unlock()
	gen, now := c.gen.Load(), time.Now()
	if c.units != nil && c.loadGen == gen && now.Sub(c.checked) < OrgCacheMaxAge {
		return c.units, nil
	}
	sig, err := db.orgSignature(ctx)
	if err != nil {
		return nil, err
	}
	if c.units != nil && c.loadGen == gen && sig == c.sig {
		c.checked = now
		return c.units, nil
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+unitColumns+` FROM org_units u ORDER BY u.path, u.id`)
	if err != nil {
		return nil, err
	}
	units, err := scanAll(rows, func(r *sql.Rows) (*payesh.OrgUnit, error) { return scanUnit(r) })
	if err != nil {
		return nil, err
	}
	// A write that raced the load bumped gen again: the next call reloads.
	c.units, c.loadGen, c.checked, c.sig = units, gen, now, sig
	return units, nil
}

func (db *DB) orgSignature(ctx context.Context) (orgSignature, error) {
	var s orgSignature
	var latest sql.NullString
	err := db.db.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(version), 0), MAX(updated_at) FROM org_units`).
		Scan(&s.count, &s.versions, &latest)
	s.latest = latest.String
	return s, err
}
