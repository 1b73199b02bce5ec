package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"payesh"
	"payesh/internal/login"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

const (
	testUser     = "maryam"
	testPassword = "correct horse battery"
)

// newStore returns an empty SQLite store in the test's temporary
// directory with one organization and one viewer, testUser.
func newStore(t *testing.T) (*store.DB, *payesh.User) {
	t.Helper()
	db := storetest.OpenEngine(t, store.SQLite, store.Options{})
	sys := storetest.System()
	org := &payesh.OrgUnit{Kind: payesh.UnitOrganization, Code: "org", NameFA: "سازمان", NameEN: "Organization"}
	if err := db.CreateOrgUnit(sys, org); err != nil {
		t.Fatal(err)
	}
	u := &payesh.User{Username: testUser, Name: "مریم", UnitID: org.ID, Role: payesh.RoleViewer, Active: true}
	if err := db.CreateUser(sys, u, testPassword); err != nil {
		t.Fatal(err)
	}
	return db, u
}

// failures is how many failed sign-ins the store counts for the client
// address addr, over every username.
func failures(t *testing.T, db *store.DB, addr string) int {
	t.Helper()
	errRead := errors.New("read only")
	n := -1
	err := db.UpdateLoginAttempts(context.Background(), time.Now(), login.Keys(testUser, addr), func(cs []login.Counter) error {
		for _, c := range cs {
			if c.Scope == login.ScopeAddr {
				n = c.Failures
			}
		}
		return errRead
	})
	if !errors.Is(err, errRead) {
		t.Fatal(err)
	}
	return n
}

// logLines collects a JSON slog handler's output.
type logLines struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logLines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logLines) logger() *slog.Logger { return slog.New(slog.NewJSONHandler(l, nil)) }

// access returns the access-log line of the request with id, waiting a
// moment for it: the edge writes it once the handler returns, which the
// client may not wait for.
func (l *logLines) access(t *testing.T, id string) map[string]any {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if m := l.find(t, id); m != nil || time.Now().After(deadline) {
			return m
		}
	}
}

func (l *logLines) find(t *testing.T, id string) map[string]any {
	l.mu.Lock()
	defer l.mu.Unlock()
	for line := range strings.Lines(l.buf.String()) {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		if m["msg"] == "request" && m["request_id"] == id {
			return m
		}
	}
	return nil
}

func (l *logLines) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}
