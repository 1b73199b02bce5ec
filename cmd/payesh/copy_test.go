package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestBackupRestore backs up the demo database while it is open, restores
// the backup into an empty database of each engine, backs that up again
// (PostgreSQL's backup is a copy into SQLite) and copies it back: each
// step says every table agrees, the databases hold the same work, and a
// backup never overwrites a file nor a restore a database with data.
func TestBackupRestore(t *testing.T) {
	c := newCLI(t)
	c.ok("", "demo")
	want := workCount(t, c.db)
	dir := t.TempDir()
	backup := filepath.Join(dir, "payesh-backup.db")
	if out := c.ok("", "backup", "--to", backup); !strings.Contains(out, "written to") {
		t.Fatalf("backup said %q", out)
	}
	if _, _, err := c.run("", "backup", "--to", backup); err == nil {
		t.Error("a backup overwrote an existing file")
	}
	for _, engine := range []string{store.SQLite, store.Postgres} {
		t.Run(engine, func(t *testing.T) {
			target := storetest.DSN(t, engine)
			out := c.ok("", "restore", "--from", backup, "--db", target)
			if !strings.Contains(out, "every table's rows and checksum agree") || strings.Contains(out, "DIFFER") ||
				!strings.Contains(out, "work_items") {
				t.Fatalf("restore said:\n%s", out)
			}
			if got := workCount(t, target); got != want {
				t.Errorf("restored %d work items, want %d", got, want)
			}
			if _, _, err := c.run("", "restore", "--from", backup, "--db", target); err == nil ||
				!strings.Contains(err.Error(), "not empty") {
				t.Errorf("a restore into a database with data: %v", err)
			}
			again := filepath.Join(t.TempDir(), "again.db")
			c.ok("", "backup", "--db", target, "--to", again)
			copied := filepath.Join(t.TempDir(), "copied.db")
			if out := c.ok("", "copy", "--from", again, "--to", copied); !strings.Contains(out, "agree") {
				t.Fatalf("copy said:\n%s", out)
			}
			if got := workCount(t, copied); got != want {
				t.Errorf("the copy of the backup holds %d work items, want %d", got, want)
			}
		})
	}
	if _, err := os.Stat(backup); err != nil {
		t.Fatal(err)
	}
}

func workCount(t *testing.T, dsn string) int {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, n, err := db.FindWorkItems(payesh.WithUser(context.Background(), payesh.System), payesh.WorkItemFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
