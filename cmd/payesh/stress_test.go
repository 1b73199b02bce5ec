package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestStressTwoInstances is the scripted check of concurrent writes: two
// `payesh serve` instances on one database, eight API clients spread
// over them posting progress on sibling actions and saving overlapping
// grids, six rounds. `payesh stress` fails on any 5xx, on a parent not
// equal to its children's weighted mean, or on a roll-up not equal to
// its raw values. It runs on SQLite and on PostgreSQL.
func TestStressTwoInstances(t *testing.T) {
	for _, engine := range []string{store.SQLite, store.Postgres} {
		t.Run(engine, func(t *testing.T) {
			dsn := storetest.DSN(t, engine)
			c := &cli{t: t, db: dsn, env: map[string]string{"PAYESH_DB": dsn}}
			c.ok("", "demo")
			token := strings.TrimSpace(c.ok("", "token", "create", "--username", "secretariat", "--name", "stress"))
			urls := []string{startServe(t, c), startServe(t, c)}

			out, errOut, err := c.run("", "stress", "--url", strings.Join(urls, ","), "--token", token,
				"--clients", "8", "--rounds", "6")
			if err != nil {
				t.Fatalf("stress: %v\n%s%s", err, out, errOut)
			}
			t.Log(out)
			for _, want := range []string{"round 6: 8 clients on 2 instance(s)", "no server error"} {
				if !strings.Contains(out, want) {
					t.Errorf("stress printed %q; want %q", out, want)
				}
			}
			if strings.Contains(out, " 500 ") || strings.Contains(out, "Internal Server Error") {
				t.Errorf("stress saw a server error: %s", out)
			}
		})
	}
}

// startServe runs `payesh serve` on a free port until the test ends and
// returns its base URL.
func startServe(t *testing.T, c *cli) string {
	t.Helper()
	ctx, stop := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done, stopped := make(chan error, 1), make(chan struct{})
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, strings.NewReader(""), &out, &errOut, c.getenv)
		close(stopped)
	}()
	t.Cleanup(func() {
		stop()
		select {
		case <-stopped:
		case <-time.After(20 * time.Second):
			t.Error("serve did not stop")
		}
	})
	return waitForURL(t, &out, done)
}
