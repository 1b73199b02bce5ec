// Package store keeps Payesh's data in a relational database through
// database/sql: an embedded SQLite file by default, PostgreSQL for scale. One
// SQL text serves both engines ($1 placeholders, RETURNING, standard types);
// the few DDL differences are named in migrate.go.
//
// Every write method runs in one transaction that also appends the audit
// event, and authorizes the user carried in the context.
package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"

	"payesh"
	"payesh/internal/password"
)

// Engine names.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// Options tune a DB; the zero value is production.
type Options struct {
	// Now is the clock; tests fix it to make "overdue" deterministic.
	Now func() time.Time
	// PasswordParams are argon2id costs; tests lower them for speed.
	PasswordParams password.Params
	// TokenMaxTTL is the longest lifetime of an API token a person asks
	// for (IssueToken); zero is payesh.DefaultTokenMaxTTL. The command
	// line's CreateToken is not bound by it.
	TokenMaxTTL time.Duration
	// MaxConns bounds the connections the pool opens to PostgreSQL; zero
	// is DefaultPostgresConns. Unbounded, a burst of requests on several
	// instances would exhaust the server's max_connections (100 by
	// default) and every instance would fail at once. SQLite's pool keeps
	// its own bound (openSQLite).
	MaxConns int
}

// The PostgreSQL pool's bounds: the default leaves room for four
// instances and the administrators under the server's default of 100.
const (
	DefaultPostgresConns = 20
	MaxPostgresConns     = 1000
)

// DB is the store. It implements every service interface of the domain.
type DB struct {
	db     *sql.DB
	engine string
	now    func() time.Time
	pw     password.Params

	tokenMaxTTL time.Duration // token.go

	dummyOnce sync.Once
	dummy     string

	reads readCache // clause trees and progress (read_cache.go)
}

var (
	_ payesh.OrgUnitService  = (*DB)(nil)
	_ payesh.DocumentService = (*DB)(nil)
	_ payesh.WorkItemService = (*DB)(nil)
	_ payesh.UserService     = (*DB)(nil)
	_ payesh.AuditService    = (*DB)(nil)
	_ payesh.LibraryService  = (*DB)(nil)
	_ payesh.SearchService   = (*DB)(nil)
)

// Open connects to dsn — a SQLite file path or a postgres:// URL — and
// applies any pending migrations.
func Open(ctx context.Context, dsn string, opt Options) (*DB, error) {
	db := &DB{now: opt.Now, pw: opt.PasswordParams}
	if db.now == nil {
		db.now = time.Now
	}
	if db.pw == (password.Params{}) {
		db.pw = password.Default
	}
	if db.tokenMaxTTL = opt.TokenMaxTTL; db.tokenMaxTTL <= 0 {
		db.tokenMaxTTL = payesh.DefaultTokenMaxTTL
	}
	var err error
	if isPostgres(dsn) {
		db.engine = Postgres
		if db.db, err = sql.Open("pgx", dsn); err == nil {
			n := cmp.Or(opt.MaxConns, DefaultPostgresConns)
			db.db.SetMaxOpenConns(n)
			db.db.SetMaxIdleConns(n)
		}
	} else {
		db.engine = SQLite
		db.db, err = openSQLite(dsn)
	}
	if err != nil {
		return nil, err
	}
	if err := db.db.PingContext(ctx); err != nil {
		db.db.Close()
		return nil, fmt.Errorf("store: connect: %w", err)
	}
	if err := db.Migrate(ctx); err != nil {
		db.db.Close()
		return nil, err
	}
	if err := db.Optimize(ctx); err != nil {
		db.db.Close()
		return nil, err
	}
	return db, nil
}

// Optimize refreshes the query planner's statistics where they are
// missing or stale: SQLite's PRAGMA optimize (bounded by analysis_limit,
// so a 20 M-row file is sampled, not read), which without statistics
// guesses its index choices. It is run on open and by the digest job;
// PostgreSQL's autovacuum does the same there.
func (db *DB) Optimize(ctx context.Context) error {
	if db.engine != SQLite {
		return nil
	}
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, q := range []string{`PRAGMA analysis_limit = 1000`, `PRAGMA optimize = 0x10002`} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: %s: %w", q, err)
		}
	}
	return nil
}

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// openSQLite opens a file with the pragmas a server needs: WAL so readers
// never wait for the writer, a busy timeout instead of "database is locked",
// foreign keys enforced, and BEGIN IMMEDIATE so two writers queue up rather
// than deadlock when both upgrade from a read lock. At national size the
// default 2 MB page cache makes every page a pread storm: each connection
// keeps 32 MB of pages and reads the file through a 1 GB memory map.
func openSQLite(path string) (*sql.DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
	}
	q := url.Values{}
	for _, p := range []string{"foreign_keys(1)", "journal_mode(WAL)", "busy_timeout(10000)", "synchronous(NORMAL)",
		"cache_size(-32768)", "mmap_size(1073741824)", "temp_store(MEMORY)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db := openCachingSQLite("file:" + path + "?" + q.Encode())
	// Connections stay open when idle: each keeps its page cache and
	// prepared statements (sqlite_stmts.go), which database/sql's default
	// of two idle connections would throw away under load.
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	return db, nil
}

// Services returns the store as the whole set of domain services.
func (db *DB) Services() payesh.Services {
	return payesh.Services{Units: db, Documents: db, Work: db, Users: db, Audit: db,
		Indicators: db, Reports: db, FollowUp: db, OpenData: db, Library: db, Search: db, Meetings: db,
		Consult: db, Calls: db, Research: db}
}

// Close closes the database.
func (db *DB) Close() error { return db.db.Close() }

// Ping checks the database answers; /healthz uses it.
func (db *DB) Ping(ctx context.Context) error { return db.db.PingContext(ctx) }

// Engine returns SQLite or Postgres.
func (db *DB) Engine() string { return db.engine }

// SQL exposes the connection pool to tests and tools in this module.
func (db *DB) SQL() *sql.DB { return db.db }

// timestamp returns the current time as stored: UTC, microseconds, which is
// what PostgreSQL keeps, so both engines round-trip the same value.
func (db *DB) timestamp() time.Time {
	return db.now().UTC().Truncate(time.Microsecond)
}

func (db *DB) today() payesh.Date { return payesh.Today(db.now()) }
