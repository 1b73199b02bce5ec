package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"payesh"
	"payesh/internal/demo"
)

// TestServe starts the server with --demo on a free port, checks the health
// check and that a token made with 'token create' reads the demo's work,
// then stops it the way SIGINT would and expects a clean return.
func TestServe(t *testing.T) {
	c := newCLI(t)
	c.ok("", "demo")
	token := strings.TrimSpace(c.ok("", "token", "create", "--username", "viewer", "--name", "serve test"))

	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	var out, errOut syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--demo", "--addr", "127.0.0.1:0"}, strings.NewReader(""), &out, &errOut, c.getenv)
	}()
	base := waitForURL(t, &out, done)
	if !strings.Contains(out.String(), demo.Password) {
		t.Errorf("serve --demo printed %q; want the demo logins", out.String())
	}

	if code, _ := get(t, base+"/healthz", ""); code != http.StatusOK {
		t.Errorf("/healthz: %d", code)
	}
	if code, _ := get(t, base+"/api/v1/work-items", ""); code != http.StatusUnauthorized {
		t.Errorf("work items without a token: %d; want 401", code)
	}
	code, body := get(t, base+"/api/v1/work-items?limit=100", token)
	if code != http.StatusOK || !strings.Contains(body, "rii-74-projects") {
		t.Errorf("work items with the demo token: %d %.300s", code, body)
	}
	if !json.Valid([]byte(body)) {
		t.Errorf("work items body is not JSON: %.200s", body)
	}

	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after shutdown; want nil", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop within 20s of its context ending")
	}
	if !strings.Contains(errOut.String(), "stopped") {
		t.Errorf("log %q; want the shutdown logged", errOut.String())
	}
}

// TestServeDemoLeavesOwnDataAlone: serve --demo on a database with data of
// its own does not load the demo, and does not print logins that would not
// work.
func TestServeDemoLeavesOwnDataAlone(t *testing.T) {
	c := newCLI(t)
	db := c.store()
	if _, err := ensureDemo(context.Background(), db, discardLogger()); err != nil {
		t.Fatal(err)
	}
	// A second call sees the demo and returns its logins again.
	logins, err := ensureDemo(context.Background(), db, discardLogger())
	if err != nil || len(logins) != len(demo.Logins()) {
		t.Fatalf("ensureDemo on a demo database = %v, %v", logins, err)
	}

	other := newCLI(t)
	odb := other.store()
	unit := &payesh.OrgUnit{Kind: payesh.UnitOrganization, Code: "our-org", NameFA: "سازمان ما"}
	if err := odb.CreateOrgUnit(system(), unit); err != nil {
		t.Fatal(err)
	}
	logins, err = ensureDemo(context.Background(), odb, discardLogger())
	if err != nil || logins != nil {
		t.Errorf("ensureDemo with own data = %v, %v; want nothing loaded", logins, err)
	}
	if loaded, _ := demo.Loaded(context.Background(), odb); loaded {
		t.Errorf("demo loaded into a database holding unit %s", unit.Code)
	}
}

var urlLine = regexp.MustCompile(`serving at (http://[^\s]+)/`)

// waitForURL waits for serve to print its address.
func waitForURL(t *testing.T, out *syncBuffer, done <-chan error) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if m := urlLine.FindStringSubmatch(out.String()); m != nil {
			return m[1]
		}
		select {
		case err := <-done:
			t.Fatalf("serve ended before listening: %v", err)
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("serve printed no URL: %q", out.String())
	return ""
}

func get(t *testing.T, url, token string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	if _, err := io.Copy(&b, resp.Body); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b.String()
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }
