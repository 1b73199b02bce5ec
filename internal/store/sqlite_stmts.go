package store

import (
	"container/list"
	"context"
	"database/sql"
	"database/sql/driver"
	"reflect"

	"modernc.org/sqlite"
)

// SQLite compiles every statement it runs: a work list's six queries spent
// a fifth of their CPU in SQLite's parser, because database/sql hands each
// query string to the driver afresh and the driver prepares, runs and
// finalizes it. PostgreSQL's driver (pgx) already keeps prepared
// statements per connection; this gives SQLite the same: each connection
// keeps its most recently used statements, keyed by their text, and runs
// them again with new arguments. Call sites stay as they are.
//
// A statement whose rows are still being read cannot run again until they
// are closed (a query nested in a loop over the same query's rows): such a
// call is compiled afresh, as without the cache.

// stmtCacheSize bounds the statements a connection keeps. The store's
// queries are a few hundred texts (IN lists of 1–50 ids among them); the
// least recently used is finalized when one more would not fit.
const stmtCacheSize = 400

// maxCachedSQL leaves scripts (migrations) uncached: they run once.
const maxCachedSQL = 8 << 10

// cachingConnector opens SQLite connections that keep their statements.
type cachingConnector struct {
	dsn string
	drv *sqlite.Driver
}

func openCachingSQLite(dsn string) *sql.DB {
	return sql.OpenDB(&cachingConnector{dsn: dsn, drv: &sqlite.Driver{}})
}

func (c *cachingConnector) Connect(context.Context) (driver.Conn, error) {
	conn, err := c.drv.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	return &cachingConn{inner: conn.(sqliteConn), stmts: map[string]*list.Element{}, lru: list.New()}, nil
}

func (c *cachingConnector) Driver() driver.Driver { return c.drv }

// sqliteConn is what the driver's connection offers and the cache uses.
type sqliteConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.QueryerContext
	driver.ExecerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// cachingConn is one SQLite connection with its statements. database/sql
// never uses a connection from two goroutines at once, so it needs no lock.
type cachingConn struct {
	inner sqliteConn
	stmts map[string]*list.Element // of *cachedStmt, most recent at the front
	lru   *list.List
}

type cachedStmt struct {
	query string
	stmt  driver.Stmt
	busy  bool // its rows are open
}

func (c *cachingConn) Prepare(q string) (driver.Stmt, error) { return c.inner.Prepare(q) }
func (c *cachingConn) Begin() (driver.Tx, error)             { return c.inner.Begin() }
func (c *cachingConn) BeginTx(ctx context.Context, o driver.TxOptions) (driver.Tx, error) {
	return c.inner.BeginTx(ctx, o)
}
func (c *cachingConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	return c.inner.PrepareContext(ctx, q)
}
func (c *cachingConn) Ping(ctx context.Context) error         { return c.inner.Ping(ctx) }
func (c *cachingConn) ResetSession(ctx context.Context) error { return c.inner.ResetSession(ctx) }
func (c *cachingConn) IsValid() bool                          { return c.inner.IsValid() }

// Close finalizes the kept statements, then closes the connection.
func (c *cachingConn) Close() error {
	for e := c.lru.Front(); e != nil; e = e.Next() {
		e.Value.(*cachedStmt).stmt.Close()
	}
	c.lru.Init()
	clear(c.stmts)
	return c.inner.Close()
}

// take returns the kept statement for q, preparing it if need be, or nil
// when q is not to be kept or its kept statement is busy.
func (c *cachingConn) take(ctx context.Context, q string) (*cachedStmt, error) {
	if len(q) > maxCachedSQL {
		return nil, nil
	}
	if e, ok := c.stmts[q]; ok {
		s := e.Value.(*cachedStmt)
		if s.busy {
			return nil, nil
		}
		c.lru.MoveToFront(e)
		return s, nil
	}
	st, err := c.inner.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	s := &cachedStmt{query: q, stmt: st}
	c.stmts[q] = c.lru.PushFront(s)
	for c.lru.Len() > stmtCacheSize {
		c.evict(c.lru.Back())
	}
	return s, nil
}

// evict finalizes a kept statement; a busy one is finalized when its rows
// close.
func (c *cachingConn) evict(e *list.Element) {
	s := c.lru.Remove(e).(*cachedStmt)
	delete(c.stmts, s.query)
	if !s.busy {
		s.stmt.Close()
	}
}

func (c *cachingConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	s, err := c.take(ctx, q)
	if err != nil || s == nil {
		if err != nil {
			return nil, err
		}
		return c.inner.QueryContext(ctx, q, args)
	}
	rows, err := s.stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		return nil, err
	}
	s.busy = true
	return &cachedRows{Rows: rows, done: func() { c.release(s) }}, nil
}

func (c *cachingConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	s, err := c.take(ctx, q)
	if err != nil || s == nil {
		if err != nil {
			return nil, err
		}
		return c.inner.ExecContext(ctx, q, args)
	}
	return s.stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

// release marks s free once its rows are closed, or finalizes it if it
// was evicted meanwhile.
func (c *cachingConn) release(s *cachedStmt) {
	s.busy = false
	if _, kept := c.stmts[s.query]; !kept {
		s.stmt.Close()
	}
}

// cachedRows hands the statement back when the rows close, and passes on
// the column type information database/sql asks for.
type cachedRows struct {
	driver.Rows
	done func()
}

func (r *cachedRows) Close() error {
	err := r.Rows.Close()
	if r.done != nil {
		r.done()
		r.done = nil
	}
	return err
}

func (r *cachedRows) ColumnTypeDatabaseTypeName(i int) string {
	if t, ok := r.Rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return t.ColumnTypeDatabaseTypeName(i)
	}
	return ""
}

func (r *cachedRows) ColumnTypeScanType(i int) reflect.Type {
	if t, ok := r.Rows.(driver.RowsColumnTypeScanType); ok {
		return t.ColumnTypeScanType(i)
	}
	return reflect.TypeFor[any]()
}
