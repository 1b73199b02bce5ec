package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// cli runs payesh commands against one temporary SQLite file, named by
// PAYESH_DB in a fake environment, the way an operator would type them.
type cli struct {
	t   *testing.T
	db  string
	env map[string]string
}

func newCLI(t *testing.T) *cli {
	db := filepath.Join(t.TempDir(), "data", "payesh.db")
	return &cli{t: t, db: db, env: map[string]string{"PAYESH_DB": db}}
}

func (c *cli) getenv(key string) string { return c.env[key] }

// run executes args with stdin and returns stdout, stderr and the error.
func (c *cli) run(stdin string, args ...string) (string, string, error) {
	c.t.Helper()
	var out, errOut bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := run(ctx, args, strings.NewReader(stdin), &out, &errOut, c.getenv)
	return out.String(), errOut.String(), err
}

// ok runs args and fails the test unless they succeed.
func (c *cli) ok(stdin string, args ...string) string {
	c.t.Helper()
	out, errOut, err := c.run(stdin, args...)
	if err != nil {
		c.t.Fatalf("payesh %s: %v\nstderr: %s", strings.Join(args, " "), err, errOut)
	}
	return out
}

// store opens the CLI's database directly, to check what the commands did.
func (c *cli) store() *store.DB {
	c.t.Helper()
	db, err := store.Open(context.Background(), c.db, store.Options{PasswordParams: storetest.Fast})
	if err != nil {
		c.t.Fatal(err)
	}
	c.t.Cleanup(func() { db.Close() })
	return db
}

func system() context.Context { return payesh.WithUser(context.Background(), payesh.System) }

// syncBuffer is a bytes.Buffer that a server goroutine writes while the
// test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
