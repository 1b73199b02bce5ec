package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestTokenMaxTTLFlag: serve refuses a maximum token lifetime that is not a
// whole number of days from 1 to 3650, from the flag or the environment,
// before it opens the database.
func TestTokenMaxTTLFlag(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
		env  string
		want string
	}{
		{"zero", []string{"--token-max-ttl", "0"}, "", "whole days"},
		{"negative", []string{"--token-max-ttl", "-24h"}, "", "whole days"},
		{"hours", []string{"--token-max-ttl", "36h"}, "", "whole days"},
		{"over ten years", []string{"--token-max-ttl", "87624h"}, "", "whole days"},
		{"not a duration", []string{"--token-max-ttl", "soon"}, "", "invalid value"},
		{"environment", nil, "12h", "whole days"},
		{"environment not a duration", nil, "ninety days", "PAYESH_TOKEN_MAX_TTL"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := newCLI(t)
			if tt.env != "" {
				c.env["PAYESH_TOKEN_MAX_TTL"] = tt.env
			}
			_, errOut, err := c.run("", append([]string{"serve", "--addr", "127.0.0.1:0"}, tt.args...)...)
			if code := exitCode(err, io.Discard); code != exitUsage {
				t.Fatalf("exit code %d (err %v); want %d", code, err, exitUsage)
			}
			if !strings.Contains(err.Error()+errOut, tt.want) {
				t.Errorf("error %q, stderr %q; want %q", err, errOut, tt.want)
			}
		})
	}
}

// TestServeTokenMaxTTL: the maximum serve is given is the one the API
// grants and announces; the command line is not bound by it.
func TestServeTokenMaxTTL(t *testing.T) {
	c := newCLI(t)
	c.ok("", "demo")
	c.env["PAYESH_TOKEN_MAX_TTL"] = "240h"
	// The command line makes a token that never expires.
	_, errOut, err := c.run("", "token", "create", "--username", "viewer", "--name", "cli", "--ttl", "0")
	if err != nil || !strings.Contains(errOut, "never expires") {
		t.Fatalf("token create --ttl 0: %v %s", err, errOut)
	}
	token := strings.TrimSpace(c.ok("", "token", "create", "--username", "viewer", "--name", "serve test"))

	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	var out, errLog syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, strings.NewReader(""), &out, &errLog, c.getenv)
	}()
	base := waitForURL(t, &out, done)
	code, body := get(t, base+"/api/v1/tokens", token)
	var list struct {
		Items      []json.RawMessage `json:"items"`
		MaxTTLDays int               `json:"max_ttl_days"`
	}
	if code != http.StatusOK || json.Unmarshal([]byte(body), &list) != nil || list.MaxTTLDays != 10 || len(list.Items) != 2 {
		t.Errorf("GET /tokens: %d %s; want max_ttl_days 10 and both tokens", code, body)
	}
	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
}

// TestTokenListRevoke: the operator lists a user's tokens — never a secret —
// and revokes one, which stops working at once.
func TestTokenListRevoke(t *testing.T) {
	c := newCLI(t)
	c.ok("", "demo")
	secret := strings.TrimSpace(c.ok("", "token", "create", "--username", "reporter", "--name", "excel import", "--ttl", "0"))
	out := c.ok("", "token", "list", "--username", "reporter")
	if !strings.Contains(out, "excel import") || !strings.Contains(out, "never") || strings.Contains(out, secret) {
		t.Fatalf("token list printed %q", out)
	}
	db := c.store()
	list, err := db.FindTokens(system(), mustUserID(t, c, "reporter"))
	if err != nil || len(list) != 1 {
		t.Fatalf("tokens %v %v", list, err)
	}
	id := list[0].ID
	if out := c.ok("", "token", "revoke", "--id", itoa(id)); !strings.Contains(out, "revoked") {
		t.Errorf("token revoke printed %q", out)
	}
	if _, err := db.UserByToken(system(), secret); err == nil {
		t.Error("the revoked token still works")
	}
	if _, _, err := c.run("", "token", "revoke", "--id", itoa(id)); err == nil || !strings.Contains(describe(err), "not found") {
		t.Errorf("second revoke: %v", err)
	}
	if _, _, err := c.run("", "token", "revoke"); exitCode(err, io.Discard) != exitUsage {
		t.Errorf("revoke without --id: %v", err)
	}
}

func mustUserID(t *testing.T, c *cli, username string) int64 {
	t.Helper()
	u, err := c.store().FindUserByUsername(system(), username)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
