package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"payesh"
)

// scenario is one request that must fail, and how. After each one the test
// checks that the database is exactly as before: a refused request that
// wrote half its change is worse than one that was never sent.
type scenario struct {
	name   string
	method string
	url    string
	who    string // user key; "" sends no credentials
	body   any
	hdr    []string
	status int
	code   string   // error.code
	field  string   // a key that must be in error.fields
	want   []string // substrings of the (English) body
}

// fixture is the work the scenarios act on:
//
//	prog (prov-a) ── act (branch-a1) ── sub (branch-a1)
//	other (prov-b)
type fixture struct {
	prog, act, sub, other *payesh.WorkItem
	doc                   *payesh.Document
	clause                *payesh.Clause
}

func newFixture(e *env) *fixture {
	e.t.Helper()
	due := payesh.NewDate(2024, 9, 1)
	f := &fixture{}
	f.prog = e.addWork("برنامه الف", "prov-a", nil, due, 1)
	f.act = e.addWork("اقدام یک", "branch-a1", f.prog, due, 1)
	f.sub = e.addWork("زیراقدام", "branch-a1", f.act, due, 1)
	f.other = e.addWork("برنامه ب", "prov-b", nil, due, 1)
	f.doc = &payesh.Document{Code: "gssp", Kind: payesh.DocPolicy, TitleFA: "سیاست‌های کلی تأمین اجتماعی"}
	if err := e.db.CreateDocument(sysCtx, f.doc); err != nil {
		e.t.Fatal(err)
	}
	f.clause = &payesh.Clause{DocumentID: f.doc.ID, Number: "1", TitleFA: "بند یک"}
	if err := e.db.CreateClause(sysCtx, f.clause); err != nil {
		e.t.Fatal(err)
	}
	for _, w := range []**payesh.WorkItem{&f.prog, &f.act, &f.sub, &f.other} {
		*w = e.work((*w).ID) // versions and child counts as the store has them
	}
	return f
}

func TestBadRequestsChangeNothing(t *testing.T) {
	e := newEnv(t)
	f := newFixture(e)
	for _, sc := range badInputScenarios(e, f) {
		t.Run(sc.name, func(t *testing.T) { runScenario(t, e, sc) })
	}
}

func TestRoleRulesChangeNothing(t *testing.T) {
	e := newEnv(t)
	f := newFixture(e)
	for _, sc := range roleScenarios(e, f) {
		t.Run(sc.name, func(t *testing.T) { runScenario(t, e, sc) })
	}
}

func runScenario(t *testing.T, e *env, sc scenario) {
	t.Helper()
	before := e.fingerprint()
	hdr := append([]string{"Accept-Language", "en"}, sc.hdr...)
	r := e.do(sc.method, sc.url, sc.who, sc.body, hdr...)
	if r.status != sc.status {
		t.Fatalf("%s %s: status %d, want %d: %.300s", sc.method, sc.url, r.status, sc.status, r.body)
	}
	ae := r.apiError()
	if ae.Error.Code != sc.code {
		t.Errorf("code %q, want %q: %.300s", ae.Error.Code, sc.code, r.body)
	}
	if ae.Error.Message == "" || strings.HasPrefix(ae.Error.Message, "err.") {
		t.Errorf("message %q is not translated", ae.Error.Message)
	}
	if _, ok := ae.Error.Fields[sc.field]; sc.field != "" && !ok {
		t.Errorf("fields %v lack %q", ae.Error.Fields, sc.field)
	}
	for _, s := range sc.want {
		if !strings.Contains(string(r.body), s) {
			t.Errorf("body lacks %q: %.300s", s, r.body)
		}
	}
	if after := e.fingerprint(); after != before {
		t.Errorf("a refused request changed the database\nbefore %s\nafter  %s", before, after)
	}
}

func badInputScenarios(e *env, f *fixture) []scenario {
	owner := e.unit["prov-a"].ID
	newItem := func(extra string) string {
		return fmt.Sprintf(`{"kind":"program","title":"تازه","owner_unit_id":%d%s}`, owner, extra)
	}
	big := `{"kind":"program","title":"` + strings.Repeat("x", maxBody) + `"}`
	work := apiPath("/work-items")
	item := func(w *payesh.WorkItem) string { return apiPath("/work-items/%d", w.ID) }
	updates := apiPath("/work-items/%d/updates", f.other.ID)
	v := func(w *payesh.WorkItem) int { return w.Version }
	const inv, nf = "invalid", "not_found"
	return []scenario{
		// Bodies.
		{"malformed json", "POST", work, "admin", `{"title": "x",`, nil, 400, inv, "", []string{"not valid JSON"}},
		{"trailing data", "POST", work, "admin", newItem("") + ` {"x":1}`, nil, 400, inv, "", []string{"not valid JSON"}},
		{"trailing garbage", "POST", work, "admin", newItem("") + `x`, nil, 400, inv, "", nil},
		{"array body", "POST", work, "admin", `[1,2]`, nil, 400, inv, "", nil},
		{"empty body", "POST", work, "admin", "", nil, 400, inv, "", nil},
		{"unknown field", "POST", work, "admin", newItem(`,"titel":"x"`), nil, 400, inv, "titel", []string{"Unknown field"}},
		{"server field on create", "POST", work, "admin", newItem(`,"progress":50`), nil, 400, inv, "progress", nil},
		{"unknown field on patch", "PATCH", item(f.act), "admin", fmt.Sprintf(`{"status":"done","version":%d}`, v(f.act)), nil, 400, inv, "status", nil},
		{"wrong type", "POST", work, "admin", `{"kind":"program","title":5}`, nil, 400, inv, "title", nil},
		{"oversized body", "POST", work, "admin", big, nil, 413, inv, "", []string{"too large"}},
		{"invalid iso date", "POST", work, "admin", newItem(`,"due_date":"2024-02-30"`), nil, 400, inv, "due_date", []string{"date is not valid"}},
		{"jalali date in patch", "PATCH", item(f.act), "admin", fmt.Sprintf(`{"due_date":"1403/06/10","version":%d}`, v(f.act)), nil, 400, inv, "due_date", nil},
		{"date as number", "POST", work, "admin", newItem(`,"start_date":20240101`), nil, 400, inv, "start_date", nil},
		{"document date", "POST", apiPath("/documents"), "admin", `{"code":"d2","kind":"law","title_fa":"قانون","issued_on":"2024-1-1"}`, nil, 400, inv, "issued_on", nil},
		{"invalid domain values", "POST", work, "admin", newItem(`,"weight":-1,"kind":"x"`), nil, 400, inv, "weight", nil},
		{"due before start", "POST", work, "admin", newItem(`,"start_date":"2024-05-01","due_date":"2024-04-01"`), nil, 400, inv, "due_date", nil},

		// Progress.
		{"progress below 0", "POST", updates, "admin", fmt.Sprintf(`{"progress":-1,"version":%d}`, v(f.other)), nil, 400, inv, "progress", []string{"from 0 to 100"}},
		{"progress above 100", "POST", updates, "admin", fmt.Sprintf(`{"progress":100.5,"version":%d}`, v(f.other)), nil, 400, inv, "progress", nil},
		{"progress on a parent", "POST", apiPath("/work-items/%d/updates", f.prog.ID), "admin", fmt.Sprintf(`{"progress":10,"version":%d}`, v(f.prog)), nil, 400, inv, "progress", []string{"computed from its children"}},
		{"empty progress update", "POST", updates, "admin", fmt.Sprintf(`{"version":%d}`, v(f.other)), nil, 400, inv, "note", nil},
		{"bad status", "POST", updates, "admin", fmt.Sprintf(`{"status":"finished","version":%d}`, v(f.other)), nil, 400, inv, "status", nil},
		{"progress without version", "POST", updates, "admin", `{"progress":10}`, nil, 400, inv, "version", []string{"version must be sent"}},
		{"stale progress", "POST", updates, "admin", fmt.Sprintf(`{"progress":10,"version":%d}`, v(f.other)+7), nil, 409, "conflict", "", []string{`"current"`}},

		// Trees.
		{"work item under its descendant", "PATCH", item(f.prog), "admin", fmt.Sprintf(`{"parent_id":%d,"version":%d}`, f.sub.ID, v(f.prog)), nil, 400, inv, "parent_id", []string{"under itself"}},
		{"work item under itself", "PATCH", item(f.prog), "admin", fmt.Sprintf(`{"parent_id":%d,"version":%d}`, f.prog.ID, v(f.prog)), nil, 400, inv, "parent_id", nil},
		{"unit under its descendant", "PATCH", apiPath("/org-units/%d", e.unit["prov-a"].ID), "admin", fmt.Sprintf(`{"parent_id":%d,"version":%d}`, e.unit["branch-a1"].ID, e.unit["prov-a"].Version), nil, 400, inv, "parent_id", []string{"under itself"}},
		{"unit under itself", "PATCH", apiPath("/org-units/%d", e.unit["prov-a"].ID), "admin", fmt.Sprintf(`{"parent_id":%d,"version":%d}`, e.unit["prov-a"].ID, e.unit["prov-a"].Version), nil, 400, inv, "parent_id", nil},
		{"delete a parent", "DELETE", item(f.prog) + fmt.Sprintf("?version=%d", v(f.prog)), "admin", nil, nil, 409, "conflict", "", nil},

		// Versions.
		{"patch without version", "PATCH", item(f.act), "admin", `{"title":"x"}`, nil, 400, inv, "version", nil},
		{"patch with version 0", "PATCH", item(f.act), "admin", `{"title":"x","version":0}`, nil, 400, inv, "version", nil},
		{"patch unit without version", "PATCH", apiPath("/org-units/%d", e.unit["prov-b"].ID), "admin", `{"name_en":"x"}`, nil, 400, inv, "version", nil},
		{"delete without version", "DELETE", item(f.other), "admin", nil, nil, 400, inv, "version", nil},
		{"delete with bad version", "DELETE", item(f.other) + "?version=abc", "admin", nil, nil, 400, inv, "version", nil},
		{"delete with stale version", "DELETE", item(f.other) + fmt.Sprintf("?version=%d", v(f.other)+3), "admin", nil, nil, 409, "conflict", "", nil},

		// Ids.
		{"unknown work item", "GET", apiPath("/work-items/999999"), "admin", nil, nil, 404, nf, "", []string{"Work item not found"}},
		{"patch unknown work item", "PATCH", apiPath("/work-items/999999"), "admin", `{"title":"x","version":1}`, nil, 404, nf, "", nil},
		{"delete unknown work item", "DELETE", apiPath("/work-items/999999?version=1"), "admin", nil, nil, 404, nf, "", nil},
		{"progress on unknown item", "POST", apiPath("/work-items/999999/updates"), "admin", `{"progress":1,"version":1}`, nil, 404, nf, "", nil},
		{"history of unknown item", "GET", apiPath("/work-items/999999/updates"), "admin", nil, nil, 404, nf, "", nil},
		{"link unknown clause", "PUT", apiPath("/work-items/%d/clauses/999999", f.other.ID), "admin", nil, nil, 404, nf, "", nil},
		{"unknown unit", "GET", apiPath("/org-units/999999"), "admin", nil, nil, 404, nf, "", []string{"Org unit not found"}},
		{"unknown document", "GET", apiPath("/documents/999999"), "admin", nil, nil, 404, nf, "", nil},
		{"clauses of unknown document", "GET", apiPath("/documents/999999/clauses"), "admin", nil, nil, 404, nf, "", nil},
		{"clause in unknown document", "POST", apiPath("/documents/999999/clauses"), "admin", `{"number":"1","title_fa":"بند"}`, nil, 404, nf, "", nil},
		{"unknown clause", "GET", apiPath("/clauses/999999"), "admin", nil, nil, 404, nf, "", nil},
		{"unknown user", "GET", apiPath("/users/999999"), "admin", nil, nil, 404, nf, "", nil},
		{"unknown parent", "POST", work, "admin", newItem(`,"parent_id":999999`), nil, 400, inv, "parent_id", nil},
		{"unknown owner", "POST", work, "admin", `{"kind":"program","title":"x","owner_unit_id":999999}`, nil, 400, inv, "owner_unit_id", nil},
		{"non-numeric id", "GET", apiPath("/work-items/abc"), "admin", nil, nil, 400, inv, "id", []string{"id is not valid"}},
		{"zero id", "GET", apiPath("/work-items/0"), "admin", nil, nil, 400, inv, "id", nil},
		{"negative id", "DELETE", apiPath("/org-units/-3?version=1"), "admin", nil, nil, 400, inv, "id", nil},
		{"overflowing id", "GET", apiPath("/documents/99999999999999999999"), "admin", nil, nil, 400, inv, "id", nil},
		{"non-numeric clause id", "PUT", apiPath("/work-items/%d/clauses/x", f.other.ID), "admin", nil, nil, 400, inv, "clause_id", nil},
		{"non-numeric id on patch", "PATCH", apiPath("/clauses/1.5"), "admin", `{"version":1}`, nil, 400, inv, "id", nil},

		// Query parameters.
		{"unknown status", "GET", work + "?status=done,bogus", "admin", nil, nil, 400, inv, "status", []string{"query parameter"}},
		{"unknown kind", "GET", work + "?kind=program&kind=plan", "admin", nil, nil, 400, inv, "kind", nil},
		{"limit 0", "GET", work + "?limit=0", "admin", nil, nil, 400, inv, "limit", nil},
		{"limit too big", "GET", work + "?limit=501", "admin", nil, nil, 400, inv, "limit", nil},
		{"limit not a number", "GET", work + "?limit=ten", "admin", nil, nil, 400, inv, "limit", nil},
		{"negative offset", "GET", work + "?offset=-1", "admin", nil, nil, 400, inv, "offset", nil},
		{"bad due_before", "GET", work + "?due_before=2024-13-01", "admin", nil, nil, 400, inv, "due_before", nil},
		{"jalali due_after", "GET", work + "?due_after=1403-01-01x", "admin", nil, nil, 400, inv, "due_after", nil},
		{"bad sort", "GET", work + "?sort=-owner", "admin", nil, nil, 400, inv, "sort", nil},
		{"bare minus sort", "GET", work + "?sort=-", "admin", nil, nil, 400, inv, "sort", nil},
		{"bad audit entity", "GET", apiPath("/audit?entity=work-item"), "admin", nil, nil, 400, inv, "entity", nil},
		{"bad overdue", "GET", work + "?overdue=maybe", "admin", nil, nil, 400, inv, "overdue", nil},
		{"bad include_partner", "GET", work + "?include_partner=2", "admin", nil, nil, 400, inv, "include_partner", nil},
		{"bad unit", "GET", work + "?unit=abc", "admin", nil, nil, 400, inv, "unit", nil},
		{"bad parent", "GET", work + "?parent=top", "admin", nil, nil, 400, inv, "parent", nil},
		{"bad clause", "GET", work + "?clause=-2", "admin", nil, nil, 400, inv, "clause", nil},
		{"repeated q", "GET", work + "?q=a&q=b", "admin", nil, nil, 400, inv, "q", nil},
		{"unknown parameter", "GET", work + "?stauts=done", "admin", nil, nil, 400, inv, "stauts", []string{"Unknown query parameter"}},
		{"several bad parameters", "GET", work + "?limit=0&offset=x", "admin", nil, nil, 400, inv, "offset", nil},
		{"bad unit kind", "GET", apiPath("/org-units?kind=ministry"), "admin", nil, nil, 400, inv, "kind", nil},
		{"bad subtree_of", "GET", apiPath("/org-units?subtree_of=0"), "admin", nil, nil, 400, inv, "subtree_of", nil},
		{"bad document kind", "GET", apiPath("/documents?kind=novel"), "admin", nil, nil, 400, inv, "kind", nil},
		{"bad role", "GET", apiPath("/users?role=king"), "admin", nil, nil, 400, inv, "role", nil},
		{"bad audit entity_id", "GET", apiPath("/audit?entity_id=x"), "admin", nil, nil, 400, inv, "entity_id", nil},

		// Routes and credentials.
		{"unknown route", "GET", apiPath("/nope"), "admin", nil, nil, 404, nf, "", []string{"No such address"}},
		{"unknown route, no credentials", "GET", apiPath("/nope/deeper"), "", nil, nil, 404, nf, "", nil},
		{"wrong method", "DELETE", apiPath("/me"), "admin", nil, nil, 405, "method_not_allowed", "", []string{"not supported"}},
		{"wrong method on collection", "PUT", work, "admin", `{}`, nil, 405, "method_not_allowed", "", nil},
		{"no credentials", "GET", work, "", nil, nil, 401, "unauthorized", "", []string{"sign in"}},
		{"no credentials on write", "POST", work, "", newItem(""), nil, 401, "unauthorized", "", nil},
		{"unknown token", "GET", work, "", nil, []string{"Authorization", "Bearer not-a-token"}, 401, "unauthorized", "", nil},
		{"basic auth", "GET", work, "", nil, []string{"Authorization", "Basic YWRtaW46eA=="}, 401, "unauthorized", "", nil},
		{"unknown session", "GET", apiPath("/me"), "", nil, []string{"Cookie", SessionCookie + "=forged"}, 401, "unauthorized", "", nil},
		{"cross-site write", "POST", work, "admin", newItem(""), []string{"Sec-Fetch-Site", "cross-site"}, 403, "forbidden", "", []string{"Cross-origin"}},
		{"foreign origin", "PATCH", item(f.act), "admin", fmt.Sprintf(`{"title":"x","version":%d}`, v(f.act)), []string{"Origin", "https://evil.example"}, 403, "forbidden", "", nil},
	}
}

func roleScenarios(e *env, f *fixture) []scenario {
	work := apiPath("/work-items")
	item := func(w *payesh.WorkItem) string { return apiPath("/work-items/%d", w.ID) }
	patch := func(w *payesh.WorkItem, field string) string {
		return fmt.Sprintf(`{%s,"version":%d}`, field, w.Version)
	}
	progress := func(w *payesh.WorkItem) string { return fmt.Sprintf(`{"note":"گزارش","version":%d}`, w.Version) }
	newItem := func(unit string) string {
		return fmt.Sprintf(`{"kind":"action","title":"تازه","owner_unit_id":%d}`, e.unit[unit].ID)
	}
	newUnit := fmt.Sprintf(`{"kind":"branch","code":"b9","name_fa":"شعبه","parent_id":%d}`, e.unit["prov-a"].ID)
	const fb = "forbidden"
	return []scenario{
		{"viewer cannot create work", "POST", work, "viewer", newItem("prov-a"), nil, 403, fb, "", []string{"not allowed"}},
		{"viewer cannot edit work", "PATCH", item(f.act), "viewer", patch(f.act, `"title":"x"`), nil, 403, fb, "", nil},
		{"viewer cannot report progress", "POST", item(f.sub) + "/updates", "viewer", progress(f.sub), nil, 403, fb, "", nil},
		{"viewer cannot create documents", "POST", apiPath("/documents"), "viewer", `{"code":"x","kind":"law","title_fa":"قانون"}`, nil, 403, fb, "", nil},
		// Another province's work does not exist for the reporter
		// (payesh.ReadScope): not found, not forbidden.
		{"reporter cannot edit work elsewhere", "PATCH", item(f.other), "reporter", patch(f.other, `"title":"x"`), nil, 404, "not_found", "", nil},
		{"reporter cannot report progress elsewhere", "POST", item(f.other) + "/updates", "reporter", progress(f.other), nil, 404, "not_found", "", nil},
		{"reporter cannot delete work elsewhere", "DELETE", item(f.other) + fmt.Sprintf("?version=%d", f.other.Version), "reporter", nil, nil, 404, "not_found", "", nil},
		{"reporter cannot create work elsewhere", "POST", work, "reporter", newItem("prov-b"), nil, 403, fb, "", nil},
		{"reporter cannot give work away", "PATCH", item(f.sub), "reporter", patch(f.sub, fmt.Sprintf(`"owner_unit_id":%d`, e.unit["prov-b"].ID)), nil, 403, fb, "", nil},
		{"reporter cannot link clauses elsewhere", "PUT", item(f.other) + fmt.Sprintf("/clauses/%d", f.clause.ID), "reporter", nil, nil, 404, "not_found", "", nil},
		{"reporter cannot create org units", "POST", apiPath("/org-units"), "reporter", newUnit, nil, 403, fb, "", nil},
		{"reporter cannot edit org units", "PATCH", apiPath("/org-units/%d", e.unit["branch-a1"].ID), "reporter", fmt.Sprintf(`{"name_en":"x","version":%d}`, e.unit["branch-a1"].Version), nil, 403, fb, "", nil},
		{"reporter cannot create clauses", "POST", apiPath("/documents/%d/clauses", f.doc.ID), "reporter", `{"number":"2","title_fa":"بند دو"}`, nil, 403, fb, "", nil},
		{"reporter cannot list users", "GET", apiPath("/users"), "reporter", nil, nil, 403, fb, "", nil},
		{"viewer cannot list users", "GET", apiPath("/users"), "viewer", nil, nil, 403, fb, "", nil},
		{"secretariat cannot list users", "GET", apiPath("/users"), "sec", nil, nil, 403, fb, "", nil},
		{"secretariat cannot create users", "POST", apiPath("/users"), "sec", fmt.Sprintf(`{"username":"x1","name":"x","unit_id":%d,"role":"admin","password":"long enough pw"}`, e.unit["org"].ID), nil, 403, fb, "", nil},
		{"reporter cannot make itself admin", "PATCH", apiPath("/users/%d", e.user["reporter"].ID), "reporter", fmt.Sprintf(`{"role":"admin","version":%d}`, e.user["reporter"].Version), nil, 403, fb, "", nil},
		{"reporter cannot set passwords", "PUT", apiPath("/users/%d/password", e.user["viewer"].ID), "reporter", `{"password":"a new long password"}`, nil, 403, fb, "", nil},
	}
}

// TestRolesAllow is the other half of the role rules: what each role may do.
func TestRolesAllow(t *testing.T) {
	e := newEnv(t)
	f := newFixture(e)
	// A reporter changes work its unit's subtree owns, even deep below it.
	var got workItemJSON
	e.ok(e.do("PATCH", apiPath("/work-items/%d", f.sub.ID), "reporter", map[string]any{"title": "زیراقدام بازنگری‌شده", "version": f.sub.Version}), http.StatusOK, &got)
	if got.Title != "زیراقدام بازنگری‌شده" || got.Version != f.sub.Version+1 {
		t.Errorf("reporter edit: %+v", got.WorkItem)
	}
	e.ok(e.do("POST", apiPath("/work-items/%d/updates", f.sub.ID), "reporter", map[string]any{"progress": 40, "version": got.Version}), http.StatusCreated, nil)
	e.ok(e.do("POST", apiPath("/work-items"), "reporter", map[string]any{"kind": "action", "title": "اقدام تازه", "owner_unit_id": e.unit["branch-a1"].ID}), http.StatusCreated, nil)
	// The organization reads everything; a province reads its own and
	// national work, and another province's not at all (payesh.ReadScope).
	for _, who := range []string{"viewer", "reporter", "sec", "admin"} {
		want := http.StatusOK
		if who == "reporter" {
			want = http.StatusNotFound
		}
		e.ok(e.do("GET", apiPath("/work-items/%d", f.other.ID), who, nil), want, nil)
		e.ok(e.do("GET", apiPath("/org-units"), who, nil), http.StatusOK, nil)
	}
	// The secretariat configures; only the admin manages users.
	e.ok(e.do("POST", apiPath("/org-units"), "sec", map[string]any{"kind": "branch", "code": "b2", "name_fa": "شعبه ۲", "parent_id": e.unit["prov-b"].ID}), http.StatusCreated, nil)
	e.ok(e.do("PATCH", apiPath("/work-items/%d", f.other.ID), "sec", map[string]any{"weight": 2, "version": f.other.Version}), http.StatusOK, nil)
	var users listJSON
	e.ok(e.do("GET", apiPath("/users"), "admin", nil), http.StatusOK, &users)
	if users.Total != 4 {
		t.Errorf("admin sees %d users, want 4", users.Total)
	}
}
