package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// TestStatementCache runs the same texts again with new arguments, nests a
// query inside a loop over the same query's rows, and overflows the cache,
// on one connection, checking every answer.
func TestStatementCache(t *testing.T) {
	ctx := context.Background()
	db := openCachingSQLite("file:" + filepath.Join(t.TempDir(), "c.db"))
	defer db.Close()
	db.SetMaxOpenConns(1) // one connection: every statement meets its cached self
	if _, err := db.ExecContext(ctx, `CREATE TABLE n (v INTEGER PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 20; i++ {
		if _, err := tx.ExecContext(ctx, `INSERT INTO n (v) VALUES ($1)`, i); err != nil {
			t.Fatal(err)
		}
	}
	// The same query nested in its own rows, inside a transaction.
	const below = `SELECT COUNT(*) FROM n WHERE v < $1`
	rows, err := tx.QueryContext(ctx, `SELECT v FROM n WHERE v <= $1 ORDER BY v`, 5)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var v, n int
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		if err := tx.QueryRowContext(ctx, `SELECT v FROM n WHERE v <= $1 ORDER BY v`, v).Scan(&n); err != nil || n != 1 {
			t.Fatalf("nested same query: %d, %v", n, err)
		}
		if err := tx.QueryRowContext(ctx, below, v).Scan(&n); err != nil || n != v-1 {
			t.Fatalf("count below %d = %d, %v", v, n, err)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	// More texts than the cache keeps: the oldest are finalized and
	// prepared again when they come back, with the right answers.
	for round := range 2 {
		for i := range stmtCacheSize + 50 {
			var got int
			q := fmt.Sprintf(`SELECT COUNT(*) + %d FROM n WHERE v <= $1`, i)
			if err := db.QueryRowContext(ctx, q, round+1).Scan(&got); err != nil || got != i+round+1 {
				t.Fatalf("round %d, text %d: %d, %v", round, i, got, err)
			}
		}
	}
	// A failing statement is not kept broken.
	if _, err := db.ExecContext(ctx, `INSERT INTO n (v) VALUES ($1)`, 1); err == nil {
		t.Fatal("a duplicate key was accepted")
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO n (v) VALUES ($1)`, 21); err != nil {
		t.Fatalf("the statement after a failure: %v", err)
	}
}
