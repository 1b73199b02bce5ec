package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// The tests drive the real store — SQLite in a temporary file, or
// PostgreSQL when PAYESH_TEST_POSTGRES is set — through HTTP, bootstrapping
// only units and users directly as the system actor.

var sysCtx = payesh.WithUser(context.Background(), payesh.System)

// testNow is 1403/03/12 (2024-06-01) in Tehran.
var testNow = time.Date(2024, 6, 1, 9, 0, 0, 0, payesh.Tehran)

const testPassword = "correct horse battery"

// clock is the injectable clock shared by the store and the API.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

type env struct {
	t     *testing.T
	db    *store.DB
	srv   *httptest.Server
	clock *clock
	unit  map[string]*payesh.OrgUnit // org, prov-a, branch-a1, prov-b
	user  map[string]*payesh.User    // admin, sec, reporter, viewer
	token map[string]string          // user key → bearer secret
}

// newEnv returns a server over a fresh store holding an org tree
//
//	org ─┬─ prov-a ── branch-a1
//	     └─ prov-b
//
// and one user per role: admin, sec (secretariat) and viewer at org, and
// reporter at prov-a.
func newEnv(t *testing.T) *env {
	t.Helper()
	c := &clock{t: testNow}
	db := storetest.Open(t, store.Options{Now: c.Now, PasswordParams: storetest.Fast})
	e := &env{t: t, db: db, clock: c, unit: map[string]*payesh.OrgUnit{},
		user: map[string]*payesh.User{}, token: map[string]string{}}
	e.srv = httptest.NewServer(New(Services{
		Services: db.Services(), Ping: db.Ping, Now: c.Now, Logger: slog.New(slog.NewTextHandler(testWriter{t}, nil)),
	}))
	t.Cleanup(e.srv.Close)
	e.seed()
	return e
}

// testWriter sends server logs to the test log, so an internal error shows
// up next to the failing assertion.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func (e *env) seed() {
	e.addUnit("org", payesh.UnitOrganization, "")
	e.addUnit("prov-a", payesh.UnitProvince, "org")
	e.addUnit("branch-a1", payesh.UnitBranch, "prov-a")
	e.addUnit("prov-b", payesh.UnitProvince, "org")
	e.addUser("admin", payesh.RoleAdmin, "org")
	e.addUser("sec", payesh.RoleSecretariat, "org")
	e.addUser("reporter", payesh.RoleReporter, "prov-a")
	e.addUser("viewer", payesh.RoleViewer, "org")
}

func (e *env) addUnit(code string, kind payesh.UnitKind, parent string) *payesh.OrgUnit {
	e.t.Helper()
	u := &payesh.OrgUnit{Kind: kind, Code: code, NameFA: "واحد " + code, NameEN: "Unit " + code}
	if parent != "" {
		u.ParentID = &e.unit[parent].ID
	}
	if err := e.db.CreateOrgUnit(sysCtx, u); err != nil {
		e.t.Fatalf("create unit %s: %v", code, err)
	}
	e.unit[code] = u
	return u
}

func (e *env) addUser(name string, role payesh.Role, unit string) {
	e.t.Helper()
	u := &payesh.User{Username: name, Name: "کاربر " + name, UnitID: e.unit[unit].ID, Role: role, Active: true}
	if err := e.db.CreateUser(sysCtx, u, testPassword); err != nil {
		e.t.Fatalf("create user %s: %v", name, err)
	}
	secret, _, err := e.db.CreateToken(sysCtx, u.ID, "test", 0)
	if err != nil {
		e.t.Fatalf("token for %s: %v", name, err)
	}
	e.user[name], e.token[name] = u, secret
}

// addWork creates a work item through the store as the system actor.
func (e *env) addWork(title, owner string, parent *payesh.WorkItem, due payesh.Date, weight float64) *payesh.WorkItem {
	e.t.Helper()
	w := &payesh.WorkItem{Kind: payesh.KindAction, Title: title, OwnerUnitID: e.unit[owner].ID, DueDate: due, Weight: weight}
	if parent != nil {
		w.ParentID = &parent.ID
		parent.ChildCount++
	} else {
		w.Kind = payesh.KindProgram
	}
	if err := e.db.CreateWorkItem(sysCtx, w); err != nil {
		e.t.Fatalf("create work %s: %v", title, err)
	}
	return w
}

// work re-reads a work item from the store.
func (e *env) work(id int64) *payesh.WorkItem {
	e.t.Helper()
	w, err := e.db.FindWorkItemByID(sysCtx, id)
	if err != nil {
		e.t.Fatalf("find work %d: %v", id, err)
	}
	return w
}

// result is an HTTP response, read.
type result struct {
	status int
	header http.Header
	body   []byte
}

// do sends a request as user who ("" for none). body is sent as is when it
// is a string, else as JSON; hdr are header name/value pairs.
func (e *env) do(method, path, who string, body any, hdr ...string) *result {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, e.srv.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if who != "" {
		req.Header.Set("Authorization", "Bearer "+e.token[who])
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Add(hdr[i], hdr[i+1])
	}
	return e.send(req)
}

func (e *env) send(req *http.Request) *result {
	e.t.Helper()
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return &result{status: resp.StatusCode, header: resp.Header, body: b}
}

// ok fails the test unless r has status want, and decodes the body into v.
func (e *env) ok(r *result, want int, v any) {
	e.t.Helper()
	if r.status != want {
		e.t.Fatalf("status %d, want %d: %s", r.status, want, r.body)
	}
	if v != nil {
		if err := json.Unmarshal(r.body, v); err != nil {
			e.t.Fatalf("decode %s: %v", r.body, err)
		}
	}
}

// apiError is the error body.
type apiError struct {
	Error struct {
		Code      string            `json:"code"`
		Message   string            `json:"message"`
		Fields    map[string]string `json:"fields"`
		Current   json.RawMessage   `json:"current"`
		ChangedBy string            `json:"changed_by"`
		ChangedAt time.Time         `json:"changed_at"`
	} `json:"error"`
}

func (r *result) apiError() apiError {
	var a apiError
	_ = json.Unmarshal(r.body, &a)
	return a
}

// fingerprint is everything a failed request must leave alone: every
// work item, unit, document and user, and the length of the audit trail.
func (e *env) fingerprint() string {
	e.t.Helper()
	all := payesh.Page{Limit: payesh.MaxLimit}
	work, _, err1 := e.db.FindWorkItems(sysCtx, payesh.WorkItemFilter{Page: all})
	units, _, err2 := e.db.FindOrgUnits(sysCtx, payesh.OrgUnitFilter{Page: all})
	docs, _, err3 := e.db.FindDocuments(sysCtx, payesh.DocumentFilter{Page: all})
	users, _, err4 := e.db.FindUsers(sysCtx, payesh.UserFilter{Page: all})
	_, audits, err5 := e.db.FindAuditEvents(sysCtx, payesh.AuditFilter{Page: payesh.Page{Limit: 1}})
	for _, err := range []error{err1, err2, err3, err4, err5} {
		if err != nil {
			e.t.Fatalf("fingerprint: %v", err)
		}
	}
	b, _ := json.Marshal([]any{work, units, docs, users, audits})
	return string(b)
}

// auditCount counts the audit events of one row with action.
func (e *env) auditCount(entity string, id int64, action string) int {
	e.t.Helper()
	events, _, err := e.db.FindAuditEvents(sysCtx, payesh.AuditFilter{Entity: entity, EntityID: id, Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil {
		e.t.Fatal(err)
	}
	n := 0
	for _, ev := range events {
		if ev.Action == action {
			n++
		}
	}
	return n
}

func apiPath(format string, args ...any) string { return prefix + fmt.Sprintf(format, args...) }
