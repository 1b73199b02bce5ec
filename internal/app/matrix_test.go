package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"payesh"
	"payesh/internal/api"
	"payesh/internal/app"
	"payesh/internal/demo"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
	"payesh/internal/web"
)

// The authorization matrix: every route of the API and of the web UI,
// asked by every kind of user of the demo organization, with the status
// each must get. The routes come from the route tables themselves, so a
// route added without a row here fails the test; so does a row whose
// route is gone, and any answer that changes.
//
// Each user asks in a database of its own, copied from one set up once,
// so that what one user's request changes (a deletion, a closed round)
// does not change what the next one is answered. Writes send an empty
// body: what matters is whether the user gets past the gate, and a
// refusal must come before a validation error would.
//
// Run with PAYESH_MATRIX=print to print the table as it is now, or
// PAYESH_MATRIX=debug to see why the administrator is refused (400).

// matrixWho are the columns, in order.
var matrixWho = []string{"admin", "secretariat", "owner", "province", "partner", "viewer", "anonymous"}

// matrixWorld is the set-up database and what the paths point at.
type matrixWorld struct {
	file     string            // the SQLite file, closed, to copy
	sessions map[string]string // user → session secret
	ids      map[string]string // path parameter → value
}

func newMatrixWorld(t *testing.T) *matrixWorld {
	t.Helper()
	ctx := storetest.System()
	w := &matrixWorld{file: filepath.Join(t.TempDir(), "matrix.db"), sessions: map[string]string{}, ids: map[string]string{}}
	db, err := store.Open(context.Background(), w.file, store.Options{Now: matrixNow, PasswordParams: storetest.Fast})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := demo.Load(ctx, demo.Services{Units: db, Documents: db, Work: db, Users: db, Indicators: db}); err != nil {
		t.Fatal(err)
	}
	unit := func(code string) *payesh.OrgUnit {
		u, err := db.FindOrgUnitByCode(ctx, code)
		if err != nil {
			t.Fatalf("unit %s: %v", code, err)
		}
		return u
	}
	user := func(name string, u *payesh.OrgUnit, role payesh.Role) *payesh.User {
		usr := &payesh.User{Username: name, Name: "کاربر " + name, UnitID: u.ID, Role: role}
		if err := db.CreateUser(ctx, usr, "Taghvim-Payesh-1403!"); err != nil {
			t.Fatalf("user %s: %v", name, err)
		}
		return usr
	}
	owner := unit("office-women-family")
	users := map[string]*payesh.User{
		"admin":       user("m-admin", unit("sso"), payesh.RoleAdmin),
		"secretariat": user("m-secretariat", unit("secretariat"), payesh.RoleSecretariat),
		"owner":       user("m-owner", owner, payesh.RoleReporter),
		"province":    user("m-province", unit("prov-tehran-east"), payesh.RoleReporter),
		"partner":     user("m-partner", unit("partner-universities"), payesh.RoleReporter),
		"viewer":      user("m-viewer", unit("sso"), payesh.RoleViewer),
	}
	for who, u := range users {
		if w.sessions[who], err = db.CreateSession(ctx, u.ID, 24*time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	ownerCtx := payesh.WithUser(ctx, users["owner"])
	item := w.workItem(t, db, "women-clause8")
	var tokens [3]*payesh.Token
	for i := range tokens {
		if _, tokens[i], err = db.CreateToken(ctx, users["owner"].ID, fmt.Sprint("matrix ", i), time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	root := unit("sso")
	inds, _, err := db.FindIndicators(ctx, payesh.IndicatorFilter{Page: payesh.Page{Limit: 1}})
	if err != nil || len(inds) == 0 {
		t.Fatalf("indicators: %v", err)
	}
	docs, _, err := db.FindDocuments(ctx, payesh.DocumentFilter{Q: demo.DocumentCode})
	if err != nil || len(docs) == 0 {
		t.Fatalf("documents: %v", err)
	}
	clauses, err := db.FindClauses(ctx, docs[0].ID)
	if err != nil || len(clauses) == 0 {
		t.Fatalf("clauses: %v", err)
	}
	round := &payesh.Round{Title: "دورهٔ آزمون دسترسی", Period: "1403Q2", Deadline: payesh.NewDate(2024, 10, 1),
		Chain: payesh.DefaultChain, UnitIDs: []int64{owner.ID}}
	if err := db.CreateRound(payesh.WithUser(ctx, users["secretariat"]), round); err != nil {
		t.Fatal(err)
	}
	reports, _, err := db.FindReports(ctx, payesh.ReportFilter{RoundID: round.ID, UnitID: owner.ID})
	if err != nil || len(reports) != 1 {
		t.Fatalf("report: %v %v", reports, err)
	}
	ev, err := db.AddEvidence(ownerCtx, reports[0].ID, "پیوست.pdf", bytes.NewReader([]byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")))
	if err != nil {
		t.Fatal(err)
	}
	due := payesh.NewDate(2025, 3, 1)
	if _, err := db.UpdateWorkItem(ownerCtx, item.ID, payesh.WorkItemUpdate{DueDate: &due, ChangeReason: "آزمون", Version: item.Version}); err != nil {
		t.Fatal(err)
	}
	changes, _, err := db.FindWorkChanges(ctx, payesh.WorkChangeFilter{WorkItemID: item.ID})
	if err != nil || len(changes) == 0 {
		t.Fatalf("change request: %v %v", changes, err)
	}
	// The library: a version of the policy's file, and a plan whose
	// article is linked to the policy's first clause.
	docFile, err := db.AddDocumentFile(ctx, docs[0].ID, "سیاست‌ها.pdf", "", bytes.NewReader([]byte("%PDF-1.4\n%%EOF\n")))
	if err != nil {
		t.Fatal(err)
	}
	plan := &payesh.Document{Code: "matrix-plan", Kind: payesh.DocPlan, TitleFA: "برنامهٔ آزمون دسترسی"}
	if err := db.CreateDocument(ctx, plan); err != nil {
		t.Fatal(err)
	}
	// Two links: the API's delete and the web's remove one each.
	link, link2 := &payesh.ClauseLink{DocumentID: plan.ID, ClauseID: clauses[0].ID}, &payesh.ClauseLink{DocumentID: plan.ID, ClauseID: clauses[1].ID}
	for _, l := range []*payesh.ClauseLink{link, link2} {
		if err := db.LinkDocument(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	w.ids = map[string]string{
		"work": id(item.ID), "unit": id(owner.ID), "document": id(docs[0].ID), "clause": id(clauses[0].ID),
		"indicator": id(inds[0].ID), "round": id(round.ID), "report": id(reports[0].ID), "evidence": id(ev.ID),
		"change": id(changes[0].ID), "user": id(users["owner"].ID), "token": id(tokens[0].ID),
		"token2": id(tokens[1].ID), "token3": id(tokens[2].ID), "root": id(root.ID),
		"docfile": id(docFile.ID), "link": id(link.ID), "link2": id(link2.ID),
	}
	w.addMeetingWorld(t, db, payesh.WithUser(ctx, users["secretariat"]), ownerCtx, root, owner)
	w.addConsultationWorld(t, db, users, clauses[1].ID)
	w.addCallWorld(t, db, payesh.WithUser(ctx, users["secretariat"]), owner)
	w.addResearchWorld(t, db, payesh.WithUser(ctx, users["secretariat"]))
	return w
}

var matrixNow = func() time.Time { return time.Date(2024, 7, 31, 8, 30, 0, 0, time.UTC) }

func (w *matrixWorld) workItem(t *testing.T, db *store.DB, code string) *payesh.WorkItem {
	t.Helper()
	items, _, err := db.FindWorkItems(storetest.System(), payesh.WorkItemFilter{Q: code})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.Code == code {
			return it
		}
	}
	t.Fatalf("no work item %s", code)
	return nil
}

// path fills a route's parameters with the world's objects: each names
// the kind of object by where it stands.
func (w *matrixWorld) path(pattern string) string {
	method, p, _ := strings.Cut(pattern, " ")
	if p == "" {
		p = method
	}
	p = strings.TrimSuffix(strings.ReplaceAll(p, "{$}", ""), "...")
	if strings.HasSuffix(p, "/static/") {
		return "/static/css/payesh.css"
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if !strings.HasPrefix(s, "{") {
			continue
		}
		prev := ""
		if i > 0 {
			prev = segs[i-1]
		}
		segs[i] = w.param(pattern, prev, strings.Trim(s, "{}"))
	}
	return strings.Join(segs, "/")
}

// matrixObjects names the world's object a path segment's parameter is,
// by the segment before it.
var matrixObjects = map[string]string{
	"work-items": "work", "work": "work", "work_item": "work", "org-units": "unit", "units": "unit",
	"documents": "document", "clauses": "clause", "indicators": "indicator", "rounds": "round",
	"reports": "report", "evidence": "evidence", "changes": "change", "work-changes": "change", "users": "user",
	"library": "document", "files": "docfile", "document-files": "docfile", "links": "link2", "clause-links": "link",
}

func (w *matrixWorld) param(pattern, prev, name string) string {
	switch {
	case name == "clause_id":
		return w.ids["clause"]
	case name == "token":
		return w.ids["token3"] // the admin's revoke; the API's and the account page's have their own
	case name == "entity":
		return "work_item"
	case prev == "tokens" && !strings.Contains(pattern, "/api/"):
		return w.ids["token2"]
	case prev == "tokens":
		return w.ids["token"]
	case strings.Contains(pattern, "closure") && matrixObjects[prev] == "work":
		return w.ids["resolution"] // a meeting's resolution, not a plain work item
	}
	if obj, ok := matrixObjects[prev]; ok {
		return w.ids[obj]
	}
	return "0"
}

// matrixAsk is what a route is asked beyond its path, where a bare
// request would be refused for what it lacks before anyone looks at who
// asks: a query, and a body (JSON for the API, a form for the web) in
// which "{name}" stands for one of the world's ids and "{version}" for the
// object's version.
var matrixAsk = map[string]struct{ query, body string }{
	"DELETE /api/v1/tokens/{id}":             {"", ""},
	"POST /api/v1/work-items":                {"", `{"kind":"action","title":"آزمون دسترسی","owner_unit_id":{unit}}`},
	"POST /api/v1/work-items/{id}/updates":   {"", `{"note":"آزمون دسترسی","version":{version}}`},
	"POST /api/v1/followup/reminders":        {"", `{"unit_id":{unit}}`},
	"POST /api/v1/indicators/values":         {"", `{"values":[{"indicator_id":{indicator},"unit_id":{root},"period":"1402","value":1}]}`},
	"POST /api/v1/indicators/values/review":  {"", `{"ids":[999999],"state":"approved"}`},
	"PUT /api/v1/indicators/{id}/targets":    {"", `{"targets":[{"unit_id":{root},"period":"1403","value":10}]}`},
	"GET /api/v1/indicators/{id}/rollups":    {"units={root}&from=1403-01&to=1403-03", ""},
	"GET /api/v1/indicators/{id}/explain":    {"unit={root}&period=1403", ""},
	"GET /api/v1/scorecard":                  {"unit={root}&period=1403&clause={clause}", ""},
	"GET /api/v1/scores":                     {"unit={root}&period=1403&indicators={indicator}", ""},
	"GET /api/v1/open-data/values":           {"format=sdmx-csv&from=1401&to=1403&indicator={indicator}", ""},
	"POST /api/v1/tokens":                    {"", `{"name":"آزمون","password":"Taghvim-Payesh-1403!"}`},
	"PUT /api/v1/users/{id}/password":        {"", `{"password":"Sepideh-Payesh-1404!"}`},
	"POST /api/v1/work-changes/{id}/approve": {"", `{"version":1}`},
	"POST /api/v1/work-changes/{id}/reject":  {"", `{"version":1,"reason":"آزمون"}`},
	"POST /api/v1/reports/{id}/review":       {"", `{"action":"submit","version":{version},"confirm":true}`},
	"POST /work":                             {"", "kind=action&title=آزمون&owner_unit_id={unit}"},
	"POST /work/{id}/progress":               {"", "note=آزمون&version={version}"},
	"POST /followup/remind":                  {"", "unit={unit}"},
	"GET /values/matrix":                     {"indicator={indicator}&period=1403", ""},
	"GET /api/v1/search":                     {"q=مصوبه", ""},
	"GET /search":                            {"q=مصوبه", ""},
}

// matrixRoute is a route of either table as the matrix asks it.
type matrixRoute struct {
	pattern string // "GET /work/{id}", as the table writes it
	api     bool
}

func matrixRoutes() []matrixRoute {
	var out []matrixRoute
	for _, r := range api.Routes() {
		out = append(out, matrixRoute{r.Method + " " + r.Path, true})
	}
	for _, r := range web.Routes() {
		out = append(out, matrixRoute{r.Pattern, false})
	}
	// Requests that end the session or delete go last, so that what the
	// user asks before is answered as the user is.
	last := func(r matrixRoute) int {
		switch {
		case strings.Contains(r.pattern, "logout"):
			return 2
		case strings.HasPrefix(r.pattern, "DELETE") || strings.HasSuffix(r.pattern, "/delete") || strings.HasSuffix(r.pattern, "/revoke"):
			return 1
		}
		return 0
	}
	slices.SortStableFunc(out, func(a, b matrixRoute) int { return last(a) - last(b) })
	return out
}

// ask sends the route's request as who and returns the status.
func (w *matrixWorld) ask(t *testing.T, base string, r matrixRoute, who string) int {
	t.Helper()
	method, _, ok := strings.Cut(r.pattern, " ")
	if !ok {
		method = http.MethodGet // a pattern without a method, "/"
	}
	path := w.path(r.pattern)
	req, err := http.NewRequest(method, base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ask, ok := matrixAsk[r.pattern]; ok && ask.query != "" {
		req.URL.RawQuery = w.fill(ask.query)
	}
	if method != http.MethodGet {
		// The object's current version, so that a write is judged on who
		// asks rather than refused for lacking one.
		version := w.version(t, base, path, r.api, method)
		ask, asked := matrixAsk[r.pattern]
		body := ask.body
		switch {
		case asked:
			if version == "" {
				version = w.version(t, base, path[:strings.LastIndex(path, "/")], true, http.MethodPatch)
			}
			body = w.fill(strings.ReplaceAll(body, "{version}", version))
		case r.api && method == http.MethodDelete:
			req.URL.RawQuery = "version=" + version
			body = ""
		case r.api && version != "":
			body = `{"version":` + version + `}`
		case r.api:
			body = "{}"
		default:
			body = "version=" + version
		}
		req.Body = io.NopCloser(strings.NewReader(body))
		req.ContentLength = int64(len(body))
		if r.api {
			req.Header.Set("Content-Type", "application/json")
		} else {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		req.Header.Set("Origin", base) // as a browser on the site sends it
	}
	if s, ok := w.sessions[who]; ok {
		req.AddCookie(&http.Cookie{Name: api.SessionCookie, Value: s})
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if os.Getenv("PAYESH_MATRIX") == "debug" && who == "admin" && resp.StatusCode == http.StatusBadRequest {
		t.Logf("%s: %.300s", r.pattern, b)
	}
	if resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		return 0 // sent to sign in: written "login" in the table
	}
	return resp.StatusCode
}

// version reads, as the administrator, the version of the object a write
// addresses: the API's object at the path (or, for an action on it such
// as /close, at the path above), the web's form that posts to the path
// (on the object's page, its edit page or the page above). "" when there
// is none: a create sends no version, as the API refuses unknown fields.
func (w *matrixWorld) version(t *testing.T, base, path string, isAPI bool, method string) string {
	t.Helper()
	up := path[:strings.LastIndex(path, "/")]
	tries := []string{path, path + "/edit", up}
	if isAPI {
		switch {
		case method == http.MethodPatch || method == http.MethodDelete:
			tries = []string{path}
		case w.readable(t, base, path) || !matrixAction.MatchString(path):
			return "" // a collection's create, or a PUT of a whole
		default:
			tries = []string{up}
		}
	}
	for _, p := range tries {
		req, _ := http.NewRequest(http.MethodGet, base+p, nil)
		req.AddCookie(&http.Cookie{Name: api.SessionCookie, Value: w.sessions["admin"]})
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			continue
		}
		if isAPI {
			var obj struct {
				Version *int `json:"version"`
			}
			if json.Unmarshal(b, &obj) == nil && obj.Version != nil {
				return strconv.Itoa(*obj.Version)
			}
		} else if m := matrixFormVersion.FindSubmatch(b); m != nil {
			return string(m[1])
		}
	}
	if isAPI {
		return ""
	}
	return "0"
}

// fill puts the world's ids where a request names them: {unit}, {root}…
func (w *matrixWorld) fill(s string) string {
	for name, id := range w.ids {
		s = strings.ReplaceAll(s, "{"+name+"}", id)
	}
	return s
}

// readable reports whether the administrator can GET path.
func (w *matrixWorld) readable(t *testing.T, base, path string) bool {
	req, _ := http.NewRequest(http.MethodGet, base+path, nil)
	req.AddCookie(&http.Cookie{Name: api.SessionCookie, Value: w.sessions["admin"]})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

var (
	// matrixAction is an API action on an object: /rounds/7/close.
	matrixAction = regexp.MustCompile(`/\d+/[a-z-]+$`)
	// matrixFormVersion is a form's version field.
	matrixFormVersion = regexp.MustCompile(`name="version" value="(\d+)"`)
)

func TestAuthorizationMatrix(t *testing.T) {
	w := newMatrixWorld(t)
	routes := matrixRoutes()
	got := map[string][]int{}
	for _, who := range matrixWho {
		file := filepath.Join(t.TempDir(), who+".db")
		copyFile(t, w.file, file)
		db, err := store.Open(context.Background(), file, store.Options{Now: matrixNow, PasswordParams: storetest.Fast})
		if err != nil {
			t.Fatal(err)
		}
		h, err := app.Handler(db, app.Options{Now: matrixNow, PDF: func(context.Context, string, []*http.Cookie) ([]byte, error) {
			return []byte("%PDF-1.4\n%%EOF\n"), nil
		}})
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(h)
		for _, r := range routes {
			got[r.pattern] = append(got[r.pattern], w.ask(t, srv.URL, r, who))
		}
		srv.Close()
		db.Close()
	}
	if os.Getenv("PAYESH_MATRIX") == "print" {
		printMatrix(routes, got)
	}
	for _, r := range routes {
		want, ok := authzMatrix[r.pattern]
		if !ok {
			t.Errorf("%s: no row in the authorization matrix; it answers %s", r.pattern, matrixLine(got[r.pattern]))
			continue
		}
		if line := matrixLine(got[r.pattern]); line != want {
			t.Errorf("%s:\n  got  %s\n  want %s\n  (%s)", r.pattern, line, want, strings.Join(matrixWho, " "))
		}
	}
	for pattern := range authzMatrix {
		if _, ok := got[pattern]; !ok {
			t.Errorf("%s: a row for a route that is gone", pattern)
		}
	}
}

// matrixLine writes one route's statuses as the table does.
func matrixLine(codes []int) string {
	parts := make([]string, len(codes))
	for i, c := range codes {
		if c == 0 {
			parts[i] = "login"
		} else {
			parts[i] = strconv.Itoa(c)
		}
	}
	return strings.Join(parts, " ")
}

func printMatrix(routes []matrixRoute, got map[string][]int) {
	fmt.Printf("\t// %s\n", strings.Join(matrixWho, " "))
	for _, r := range routes {
		fmt.Printf("\t%q: %q,\n", r.pattern, matrixLine(got[r.pattern]))
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// authzMatrix is what each user gets from each route.
var authzMatrix = map[string]string{
	// admin secretariat owner province partner viewer anonymous
	"GET /healthz":                                       "200 200 200 200 200 200 200",
	"GET /readyz":                                        "200 200 200 200 200 200 200",
	"GET /metrics":                                       "200 200 200 200 200 200 200", // from loopback; see TestMetricsAccess
	"GET /api/v1/openapi.json":                           "200 200 200 200 200 200 200",
	"POST /api/v1/auth/login":                            "401 401 401 401 401 401 401",
	"GET /api/v1/me":                                     "200 200 200 200 200 200 401",
	"GET /api/v1/tokens":                                 "200 200 200 200 200 200 401",
	"POST /api/v1/tokens":                                "201 201 201 201 201 201 401",
	"GET /api/v1/org-units":                              "200 200 200 200 200 200 401",
	"POST /api/v1/org-units":                             "400 400 403 403 403 403 401",
	"GET /api/v1/org-units/{id}":                         "200 200 200 200 200 200 401",
	"PATCH /api/v1/org-units/{id}":                       "200 200 403 403 403 403 401",
	"GET /api/v1/documents":                              "200 200 200 200 200 200 401",
	"POST /api/v1/documents":                             "400 400 403 403 403 403 401",
	"GET /api/v1/documents/{id}":                         "200 200 200 200 200 200 401",
	"PATCH /api/v1/documents/{id}":                       "200 200 403 403 403 403 401",
	"GET /api/v1/documents/{id}/clauses":                 "200 200 200 200 200 200 401",
	"POST /api/v1/documents/{id}/clauses":                "400 400 403 403 403 403 401",
	"GET /api/v1/documents/{id}/progress":                "200 200 200 200 200 200 401",
	"GET /api/v1/documents/{id}/files":                   "200 200 200 200 200 200 401",
	"POST /api/v1/documents/{id}/files":                  "400 400 403 403 403 403 401",
	"GET /api/v1/document-files/{id}":                    "200 200 200 200 200 200 401",
	"GET /api/v1/documents/{id}/sendings":                "200 200 200 200 200 200 401",
	"POST /api/v1/documents/{id}/sendings":               "400 400 403 403 403 403 401",
	"GET /api/v1/documents/{id}/links":                   "200 200 200 200 200 200 401",
	"POST /api/v1/documents/{id}/links":                  "400 400 403 403 403 403 401",
	"DELETE /api/v1/clause-links/{id}":                   "204 204 403 403 403 403 401",
	"GET /api/v1/documents/{id}/unsupported-clauses":     "200 200 200 200 200 200 401",
	"GET /api/v1/clauses/{id}/library":                   "200 200 200 200 200 200 401",
	"GET /api/v1/search":                                 "200 200 200 200 200 200 401",
	"GET /api/v1/clauses/{id}":                           "200 200 200 200 200 200 401",
	"PATCH /api/v1/clauses/{id}":                         "200 200 403 403 403 403 401",
	"GET /api/v1/work-items":                             "200 200 200 200 200 200 401",
	"POST /api/v1/work-items":                            "201 201 201 403 403 403 401",
	"GET /api/v1/work-items/{id}":                        "200 200 200 200 404 200 401",
	"PATCH /api/v1/work-items/{id}":                      "200 200 200 403 404 403 401",
	"GET /api/v1/work-items/{id}/updates":                "200 200 200 200 404 200 401",
	"POST /api/v1/work-items/{id}/updates":               "201 201 201 403 404 403 401",
	"PUT /api/v1/work-items/{id}/clauses/{clause_id}":    "200 200 200 403 404 403 401",
	"GET /api/v1/work-items/{id}/changes":                "200 200 200 200 404 200 401",
	"GET /api/v1/work-changes":                           "200 200 403 403 403 403 401",
	"POST /api/v1/work-changes/{id}/approve":             "200 200 403 403 403 403 401",
	"POST /api/v1/work-changes/{id}/reject":              "409 409 403 403 403 403 401",
	"GET /api/v1/indicators":                             "200 200 200 200 200 200 401",
	"POST /api/v1/indicators":                            "400 400 403 403 403 403 401",
	"GET /api/v1/indicators/{id}":                        "200 200 200 200 404 200 401",
	"PATCH /api/v1/indicators/{id}":                      "200 200 403 403 403 403 401",
	"GET /api/v1/indicators/{id}/targets":                "200 200 200 200 404 200 401",
	"PUT /api/v1/indicators/{id}/targets":                "204 204 403 403 403 403 401",
	"GET /api/v1/indicators/{id}/rollups":                "200 200 200 200 404 200 401",
	"GET /api/v1/indicators/{id}/explain":                "200 200 200 200 404 200 401",
	"GET /api/v1/indicators/values":                      "200 200 200 200 200 200 401",
	"POST /api/v1/indicators/values":                     "200 200 403 403 403 403 401",
	"POST /api/v1/indicators/values/review":              "404 404 403 403 403 403 401",
	"GET /api/v1/scorecard":                              "200 200 200 200 200 200 401",
	"GET /api/v1/scores":                                 "200 200 200 200 404 200 401",
	"GET /api/v1/open-data/values":                       "200 200 200 200 404 200 401",
	"GET /api/v1/rounds":                                 "200 200 200 200 200 200 401",
	"POST /api/v1/rounds":                                "400 400 403 403 403 403 401",
	"GET /api/v1/rounds/{id}":                            "200 200 200 200 200 200 401",
	"POST /api/v1/rounds/{id}/close":                     "200 200 403 403 403 403 401",
	"GET /api/v1/rounds/{id}/scores":                     "200 200 200 200 200 200 401",
	"GET /api/v1/rounds/{id}/late-closures":              "200 200 200 200 200 200 401",
	"GET /api/v1/reports":                                "200 200 200 200 200 200 401",
	"GET /api/v1/reports/{id}":                           "200 200 200 404 404 200 401",
	"PATCH /api/v1/reports/{id}":                         "200 200 200 404 404 403 401",
	"POST /api/v1/reports/{id}/review":                   "409 409 200 404 404 403 401",
	"POST /api/v1/reports/{id}/withdraw":                 "409 403 200 404 404 403 401",
	"GET /api/v1/reports/{id}/checklist":                 "200 200 200 404 404 200 401",
	"GET /api/v1/reports/{id}/comments":                  "200 200 200 404 404 200 401",
	"GET /api/v1/reports/{id}/chain":                     "200 200 200 404 404 200 401",
	"GET /api/v1/reports/{id}/evidence":                  "200 200 200 404 404 200 401",
	"POST /api/v1/reports/{id}/evidence":                 "400 400 400 404 404 400 401",
	"GET /api/v1/evidence/{id}":                          "200 200 200 404 404 200 401",
	"GET /api/v1/notifications":                          "200 200 200 200 200 200 401",
	"POST /api/v1/notifications/read":                    "204 204 204 204 204 204 401",
	"GET /api/v1/followup/board":                         "200 200 403 403 403 403 401",
	"POST /api/v1/followup/reminders":                    "201 201 403 403 403 403 401",
	"GET /api/v1/users":                                  "200 403 403 403 403 403 401",
	"POST /api/v1/users":                                 "400 403 403 403 403 403 401",
	"GET /api/v1/users/{id}":                             "200 403 200 403 403 403 401",
	"PATCH /api/v1/users/{id}":                           "200 403 403 403 403 403 401",
	"PUT /api/v1/users/{id}/password":                    "204 403 400 403 403 403 401",
	"GET /api/v1/users/{id}/tokens":                      "200 403 200 403 403 403 401",
	"GET /api/v1/audit":                                  "200 200 403 403 403 403 401",
	"GET /static/":                                       "200 200 200 200 200 200 200",
	"GET /favicon.ico":                                   "200 200 200 200 200 200 200",
	"GET /login":                                         "303 303 303 303 303 303 200",
	"POST /login":                                        "401 401 401 401 401 401 401",
	"POST /lang":                                         "303 303 303 303 303 303 303",
	"GET /{$}":                                           "200 200 200 200 200 200 login",
	"GET /policy":                                        "200 200 200 200 200 200 login",
	"GET /documents/{id}":                                "200 200 200 200 200 200 login",
	"GET /library":                                       "200 200 200 200 200 200 login",
	"GET /library/unsupported":                           "200 200 200 200 200 200 login",
	"GET /library/{id}":                                  "200 200 200 200 200 200 login",
	"POST /library/{id}/files":                           "400 400 403 403 403 403 login",
	"GET /library/files/{id}":                            "200 200 200 200 200 200 login",
	"POST /library/{id}/state":                           "400 400 403 403 403 403 login",
	"POST /library/{id}/sendings":                        "400 400 403 403 403 403 login",
	"POST /library/{id}/links":                           "400 400 403 403 403 403 login",
	"POST /library/links/{id}/delete":                    "303 303 403 403 403 403 login",
	"GET /search":                                        "200 200 200 200 200 200 login",
	"GET /clauses/{id}":                                  "200 200 200 200 200 200 login",
	"GET /work":                                          "200 200 200 200 200 200 login",
	"GET /work/new":                                      "200 200 200 200 200 403 login",
	"GET /work/pick":                                     "303 303 303 303 303 303 login",
	"POST /work":                                         "303 303 303 403 403 403 login",
	"GET /work/{id}":                                     "200 200 200 200 404 200 login",
	"GET /work/{id}/edit":                                "200 200 200 403 404 403 login",
	"POST /work/{id}":                                    "400 400 400 403 404 403 login",
	"POST /work/{id}/progress":                           "303 303 303 403 404 403 login",
	"GET /work/changes":                                  "200 200 403 403 403 403 login",
	"POST /work/changes/{id}/approve":                    "303 303 403 403 403 403 login",
	"POST /work/changes/{id}/reject":                     "303 303 403 403 403 403 login",
	"GET /dashboard":                                     "200 200 200 200 200 200 login",
	"GET /dashboard/provinces":                           "200 200 200 200 200 200 login",
	"GET /units/{id}/dashboard":                          "200 200 200 200 200 200 login",
	"GET /indicators":                                    "200 200 200 200 200 200 login",
	"GET /indicators/{id}":                               "200 200 200 200 404 200 login",
	"GET /indicators/{id}/explain":                       "200 200 200 200 404 200 login",
	"GET /work/{id}/explain":                             "200 200 200 200 404 200 login",
	"GET /values":                                        "200 200 200 200 200 403 login",
	"GET /values/matrix":                                 "200 200 200 200 404 200 login",
	"POST /values":                                       "303 303 303 303 303 403 login",
	"POST /values.xlsx":                                  "400 400 400 400 400 403 login",
	"GET /indicators/{id}/targets.xlsx":                  "200 200 403 403 403 403 login",
	"POST /indicators/{id}/targets.xlsx":                 "400 400 403 403 403 403 login",
	"GET /values.xlsx":                                   "200 200 200 200 200 403 login",
	"GET /indicators/new":                                "200 200 403 403 403 403 login",
	"POST /indicators":                                   "400 400 403 403 403 403 login",
	"GET /indicators/{id}/edit":                          "200 200 403 403 403 403 login",
	"POST /indicators/{id}":                              "400 400 403 403 403 403 login",
	"POST /indicators/{id}/targets":                      "303 303 403 403 403 403 login",
	"GET /inbox":                                         "200 200 200 200 200 200 login",
	"GET /rounds":                                        "200 200 200 200 200 200 login",
	"GET /rounds/new":                                    "200 200 403 403 403 403 login",
	"POST /rounds":                                       "400 400 403 403 403 403 login",
	"GET /rounds/{id}":                                   "200 200 200 200 200 200 login",
	"POST /rounds/{id}/close":                            "400 400 403 403 403 403 login",
	"GET /rounds/{id}/summary":                           "200 200 200 200 200 200 login",
	"GET /rounds/{id}/summary.pdf":                       "200 200 200 200 200 200 login",
	"GET /reports/{id}":                                  "200 200 200 404 404 200 login",
	"POST /reports/{id}":                                 "303 303 303 404 404 403 login",
	"POST /reports/{id}/review":                          "400 400 400 404 404 400 login",
	"POST /reports/{id}/evidence":                        "400 400 400 404 404 400 login",
	"GET /evidence/{id}":                                 "200 200 200 404 404 200 login",
	"GET /notifications":                                 "200 200 200 200 200 200 login",
	"POST /notifications/read":                           "303 303 303 303 303 303 login",
	"GET /followup":                                      "200 200 403 403 403 403 login",
	"POST /followup/remind":                              "303 303 403 403 403 403 login",
	"GET /history/{entity}/{id}":                         "200 200 200 200 404 200 login",
	"GET /account":                                       "200 200 200 200 200 200 login",
	"GET /account/password":                              "200 200 200 200 200 200 login",
	"POST /account/password":                             "400 400 400 400 400 400 login",
	"GET /account/tokens":                                "200 200 200 200 200 200 login",
	"POST /account/tokens":                               "400 400 400 400 400 400 login",
	"GET /units":                                         "200 200 200 200 200 200 login",
	"GET /units/search":                                  "200 200 200 200 200 200 login",
	"GET /units/{id}":                                    "200 200 200 200 200 200 login",
	"GET /admin":                                         "200 403 403 403 403 403 login",
	"GET /admin/audit":                                   "200 403 403 403 403 403 login",
	"GET /admin/audit.csv":                               "200 403 403 403 403 403 login",
	"GET /admin/users":                                   "200 403 403 403 403 403 login",
	"GET /admin/users/new":                               "200 403 403 403 403 403 login",
	"POST /admin/users":                                  "400 403 403 403 403 403 login",
	"GET /admin/users/{id}":                              "200 403 403 403 403 403 login",
	"POST /admin/users/{id}":                             "400 403 403 403 403 403 login",
	"POST /admin/users/{id}/password":                    "400 403 403 403 403 403 login",
	"GET /admin/units":                                   "200 403 403 403 403 403 login",
	"GET /admin/units/new":                               "200 403 403 403 403 403 login",
	"POST /admin/units":                                  "400 403 403 403 403 403 login",
	"GET /admin/units/{id}":                              "200 403 403 403 403 403 login",
	"POST /admin/units/{id}":                             "400 403 403 403 403 403 login",
	"GET /admin/documents":                               "200 403 403 403 403 403 login",
	"GET /admin/documents/new":                           "200 403 403 403 403 403 login",
	"POST /admin/documents":                              "400 403 403 403 403 403 login",
	"GET /admin/documents/{id}":                          "200 403 403 403 403 403 login",
	"POST /admin/documents/{id}":                         "400 403 403 403 403 403 login",
	"GET /admin/documents/{id}/clauses/new":              "200 403 403 403 403 403 login",
	"POST /admin/documents/{id}/clauses":                 "400 403 403 403 403 403 login",
	"GET /admin/clauses/{id}":                            "200 403 403 403 403 403 login",
	"POST /admin/clauses/{id}":                           "400 403 403 403 403 403 login",
	"/":                                                  "200 200 200 200 200 200 login",
	"DELETE /api/v1/tokens/{id}":                         "404 404 204 404 404 404 401",
	"DELETE /api/v1/org-units/{id}":                      "409 409 403 403 403 403 401",
	"DELETE /api/v1/documents/{id}":                      "409 409 403 403 403 403 401",
	"DELETE /api/v1/clauses/{id}":                        "409 409 403 403 403 403 401",
	"DELETE /api/v1/work-items/{id}":                     "409 409 409 403 404 403 401",
	"DELETE /api/v1/work-items/{id}/clauses/{clause_id}": "200 200 200 403 404 403 401",
	"POST /work/{id}/delete":                             "409 409 409 403 404 403 login",
	"POST /account/tokens/{id}/revoke":                   "404 404 303 404 404 404 login",
	"POST /admin/users/{id}/tokens/{token}/revoke":       "404 403 403 403 403 403 login",
	"POST /admin/units/{id}/delete":                      "409 403 403 403 403 403 login",
	"POST /admin/clauses/{id}/delete":                    "303 403 403 403 403 403 login",
	"POST /api/v1/auth/logout":                           "204 204 204 204 204 204 204",
	"POST /logout":                                       "login login login login login login login",
}
