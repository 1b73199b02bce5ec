package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"testing"

	"payesh"
)

// The bounds of lists and the rules of text, through HTTP. With
// PAYESH_TEST_POSTGRES set these run on PostgreSQL, which answered 500 to
// a NUL byte before the domain refused it.

// wholeState is everything any refused request must leave alone.
func (e *env) wholeState() string {
	e.t.Helper()
	return e.fingerprint() + e.indicatorState() + e.reportState()
}

// badRequest is one request that must be refused with 400, code invalid
// and message key on field, changing nothing.
type badRequest struct {
	name, method, path, who string
	body                    any
	field, message          string
}

func (e *env) wantBadRequests(tests []badRequest) {
	e.t.Helper()
	for _, tt := range tests {
		before := e.wholeState()
		r := e.do(tt.method, tt.path, tt.who, tt.body, "Accept-Language", "en")
		ae := r.apiError()
		if r.status != http.StatusBadRequest || ae.Error.Code != payesh.EINVALID || ae.Error.Fields[tt.field] != tt.message {
			e.t.Errorf("%s: %d %s, want 400 invalid with %s: %q", tt.name, r.status, r.body, tt.field, tt.message)
		}
		if e.wholeState() != before {
			e.t.Errorf("%s: a refused request changed the database", tt.name)
		}
	}
}

// Messages the tests expect, in English.
const (
	msgTooMany  = "This list has more items than allowed."
	msgBadText  = "The text holds a character that cannot be stored (a NUL byte or invalid UTF-8); please type it again."
	msgRequired = "This field is required."
)

func idList(n int) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = int64(1_000_000 + i)
	}
	return out
}

// TestOversizedListsRefused: every list a request carries has a bound;
// one past it is a 400 naming the list, whatever the ids are.
func TestOversizedListsRefused(t *testing.T) {
	e := newReportEnv(t)
	org := e.unit["org"].ID
	item := e.addWork("برنامه", "org", nil, payesh.Date{}, 1)
	ind := e.addIndicator("cover", nil)
	round := e.addRound("دور بهار", "2024-07-01", "branch-a1")
	rep := e.reportOf(round.ID, "branch-a1")
	values := make([]map[string]any, payesh.MaxValues+1)
	for i := range values {
		values[i] = map[string]any{"indicator_id": ind.ID, "unit_id": org, "period": "1403-01", "value": i}
	}
	targets := make([]map[string]any, payesh.MaxTargets+1)
	for i := range targets {
		targets[i] = map[string]any{"unit_id": org, "period": "1403", "value": i}
	}
	comments := make([]map[string]string, payesh.MaxReviewComments+1)
	for i := range comments {
		comments[i] = map[string]string{"item": fmt.Sprint("work:", i+1), "text": "نظر"}
	}
	ids := make([]string, payesh.MaxIDs+1)
	for i := range ids {
		ids[i] = fmt.Sprint(i + 1)
	}
	work := map[string]any{"kind": "action", "title": "کار", "owner_unit_id": org}
	with := func(m map[string]any, k string, v any) map[string]any {
		out := map[string]any{k: v}
		for key, val := range m {
			if key != k {
				out[key] = val
			}
		}
		return out
	}
	indicator := map[string]any{"code": "many", "name_fa": "شاخص", "direction": "higher", "unit_agg": "sum", "time_agg": "sum", "frequency": "monthly"}
	e.wantBadRequests([]badRequest{
		{"partners", "POST", apiPath("/work-items"), "sec", with(work, "partner_unit_ids", idList(payesh.MaxPartnerUnits+1)), "partner_unit_ids", msgTooMany},
		{"work clauses", "POST", apiPath("/work-items"), "sec", with(work, "clause_ids", idList(payesh.MaxClauseLinks+1)), "clause_ids", msgTooMany},
		{"partners in a patch", "PATCH", apiPath("/work-items/%d", item.ID), "sec",
			map[string]any{"partner_unit_ids": idList(payesh.MaxPartnerUnits + 1), "version": item.Version}, "partner_unit_ids", msgTooMany},
		{"indicator clauses", "POST", apiPath("/indicators"), "sec", with(indicator, "clause_ids", idList(payesh.MaxClauseLinks+1)), "clause_ids", msgTooMany},
		{"indicator work", "PATCH", apiPath("/indicators/%d", ind.ID), "sec",
			map[string]any{"work_item_ids": idList(payesh.MaxWorkItemLinks + 1), "version": ind.Version}, "work_item_ids", msgTooMany},
		{"round units", "POST", apiPath("/rounds"), "sec", map[string]any{"title": "دور", "period": "1403", "deadline": "2025-01-01",
			"unit_ids": idList(payesh.MaxRoundUnits + 1)}, "unit_ids", msgTooMany},
		{"reminder units", "POST", apiPath("/followup/reminders"), "sec", map[string]any{"unit_ids": idList(payesh.MaxReminderUnits + 1)}, "unit_ids", msgTooMany},
		{"values", "POST", apiPath("/indicators/values"), "sec", map[string]any{"values": values}, "values", msgTooMany},
		{"targets", "PUT", apiPath("/indicators/%d/targets", ind.ID), "sec", map[string]any{"targets": targets}, "targets", msgTooMany},
		{"review comments", "POST", apiPath("/reports/%d/review", rep.ID), "branch",
			map[string]any{"action": "submit", "version": rep.Version, "comments": comments}, "comments", msgTooMany},
		{"mark read", "POST", apiPath("/notifications/read"), "viewer", map[string]any{"ids": idList(payesh.MaxIDs + 1)},
			"ids", "Too many ids; at most 500 may be sent."},
		{"score indicators", "GET", apiPath("/scores?unit=%d&period=1403&indicators=%s", org, strings.Join(ids, ",")), "viewer", nil,
			"indicators", "Too many ids; at most 500 may be sent."},
	})
	// Repeats count once: a status named ten thousand times is one status.
	var list struct{ Total int }
	status := strings.Repeat("status=done&", 10_000) + "status=in_progress"
	e.ok(e.do("GET", apiPath("/work-items?%s", status), "viewer", nil), http.StatusOK, &list)
}

// TestNULRefused: a NUL byte in any text a request carries — a title, a
// name, a note, a comment, a file name, a search — is a 400 on its field,
// on PostgreSQL as on SQLite, and nothing is written.
func TestNULRefused(t *testing.T) {
	e := newReportEnv(t)
	org := e.unit["org"].ID
	item := e.addWork("برنامه", "org", nil, payesh.Date{}, 1)
	ind := e.addIndicator("cover", map[string]any{"frequency": "yearly"})
	round := e.addRound("دور بهار", "2024-07-01", "branch-a1")
	rep := e.reportOf(round.ID, "branch-a1")
	const nul = "پیش\u0000نویس"
	e.wantBadRequests([]badRequest{
		{"work title", "POST", apiPath("/work-items"), "sec", map[string]any{"kind": "action", "title": nul, "owner_unit_id": org}, "title", msgBadText},
		{"work description", "PATCH", apiPath("/work-items/%d", item.ID), "sec", map[string]any{"description": "سطر\n" + nul, "version": item.Version}, "description", msgBadText},
		{"progress note", "POST", apiPath("/work-items/%d/updates", item.ID), "sec", map[string]any{"note": nul, "version": item.Version}, "note", msgBadText},
		{"unit name", "POST", apiPath("/org-units"), "sec", map[string]any{"kind": "office", "code": "nul", "name_fa": nul, "parent_id": org}, "name_fa", msgBadText},
		{"document note", "POST", apiPath("/documents"), "sec", map[string]any{"kind": "law", "code": "nul", "title_fa": "قانون", "note": nul}, "note", msgBadText},
		{"indicator name", "PATCH", apiPath("/indicators/%d", ind.ID), "sec", map[string]any{"name_en": nul, "version": ind.Version}, "name_en", msgBadText},
		{"value note", "POST", apiPath("/indicators/values"), "sec", map[string]any{"values": []map[string]any{
			{"indicator_id": ind.ID, "unit_id": org, "period": "1403", "value": 1, "note": nul}}}, "values.0.note", msgBadText},
		{"round title", "POST", apiPath("/rounds"), "sec", map[string]any{"title": nul, "period": "1403", "deadline": "2025-01-01", "unit_ids": []int64{org}}, "title", msgBadText},
		{"narrative", "PATCH", apiPath("/reports/%d", rep.ID), "branch", map[string]any{"achievements": nul, "version": rep.Version}, "achievements", msgBadText},
		{"review comment", "POST", apiPath("/reports/%d/review", rep.ID), "branch", map[string]any{"action": "submit", "version": rep.Version,
			"comments": []map[string]string{{"text": nul}}}, "comments", msgBadText},
		{"reminder", "POST", apiPath("/followup/reminders"), "sec", map[string]any{"unit_id": org, "note": nul}, "note", msgBadText},
		{"token name", "POST", apiPath("/tokens"), "viewer", map[string]any{"name": nul}, "name", msgBadText},
		{"user name", "POST", apiPath("/users"), "admin", map[string]any{"username": "nul", "name": nul, "unit_id": org, "role": "viewer",
			"password": testPassword}, "name", msgBadText},
		{"search", "GET", apiPath("/work-items?q=%s", url.QueryEscape(nul)), "viewer", nil, "q", msgBadText},
		{"audit search", "GET", apiPath("/audit?q=%s", url.QueryEscape("a\xff")), "admin", nil, "q", msgBadText},
	})
	before := e.wholeState()
	// A NUL byte typed into a header is a malformed body; sent as RFC 2231
	// asks (filename*=UTF-8''…%00…) it reaches the name, and is refused.
	e.refusedUpload("raw NUL in the header", rep.ID, "branch", http.StatusBadRequest, "file", part{"file", "a\u0000.pdf", testPDF})
	r := e.uploadAs(rep.ID, "branch", `form-data; name="file"; filename*=UTF-8''%D9%81%D8%A7%DA%A9%D8%AA%D9%88%D8%B1%00.pdf`, testPDF)
	if ae := r.apiError(); r.status != http.StatusBadRequest || ae.Error.Fields["file"] != msgBadText {
		t.Errorf("file name with NUL: %d %s", r.status, r.body)
	}
	// Signing in with one is a wrong login, not a failure of the server.
	r = e.do("POST", apiPath("/auth/login"), "", map[string]any{"username": "sec\u0000", "password": testPassword})
	if r.status != http.StatusUnauthorized {
		t.Errorf("login with NUL: %d %s", r.status, r.body)
	}
	if e.wholeState() != before {
		t.Error("a refused upload or login changed the database")
	}
}

// uploadAs posts one file part with the Content-Disposition given as is.
func (e *env) uploadAs(report int64, who, disposition string, data []byte) *result {
	e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	w, err := mw.CreatePart(textproto.MIMEHeader{"Content-Disposition": {disposition}})
	if err != nil {
		e.t.Fatal(err)
	}
	w.Write(data)
	mw.Close()
	return e.do("POST", apiPath("/reports/%d/evidence", report), who, buf.String(),
		"Content-Type", mw.FormDataContentType(), "Accept-Language", "en")
}

// TestBidiControlsRemoved: a title and an evidence file name lose their
// bidi controls; the file that showed as "invoicefdp.exe" is answered,
// listed and downloaded as "invoiceexe.pdf".
func TestBidiControlsRemoved(t *testing.T) {
	e := newReportEnv(t)
	var w payesh.WorkItem
	e.ok(e.do("POST", apiPath("/work-items"), "sec", map[string]any{"kind": "action", "title": "\u2067برنامهٔ\u2069 \u202eعملیاتی\u202c",
		"owner_unit_id": e.unit["org"].ID}), http.StatusCreated, &w)
	if w.Title != "برنامهٔ عملیاتی" || e.work(w.ID).Title != w.Title {
		t.Errorf("title answered %q, stored %q", w.Title, e.work(w.ID).Title)
	}
	round := e.addRound("دور بهار", "2024-07-01", "branch-a1")
	rep := e.reportOf(round.ID, "branch-a1")
	var ev payesh.Evidence
	e.ok(e.upload(rep.ID, "branch", part{"file", "invoice\u202Eexe.pdf", testPDF}), http.StatusCreated, &ev)
	if ev.Name != "invoiceexe.pdf" {
		t.Errorf("evidence answered as %q", ev.Name)
	}
	var list struct{ Items []payesh.Evidence }
	e.ok(e.do("GET", apiPath("/reports/%d/evidence", rep.ID), "branch", nil), http.StatusOK, &list)
	if len(list.Items) != 1 || list.Items[0].Name != "invoiceexe.pdf" {
		t.Errorf("evidence listed as %+v", list.Items)
	}
	r := e.do("GET", apiPath("/evidence/%d", ev.ID), "branch", nil)
	if cd := r.header.Get("Content-Disposition"); r.status != http.StatusOK || !strings.Contains(cd, `filename="invoiceexe.pdf"`) {
		t.Errorf("download: %d %s", r.status, cd)
	}
}

// TestInvisibleTitleRequired: a title of spaces and zero-width characters
// is missing.
func TestInvisibleTitleRequired(t *testing.T) {
	e := newEnv(t)
	const blank = " \u200c\u200b\u00a0\ufeff "
	org := e.unit["org"].ID
	e.wantBadRequests([]badRequest{
		{"work title", "POST", apiPath("/work-items"), "sec", map[string]any{"kind": "action", "title": blank, "owner_unit_id": org}, "title", msgRequired},
		{"unit name", "POST", apiPath("/org-units"), "sec", map[string]any{"kind": "office", "code": "blank", "name_fa": blank, "parent_id": org}, "name_fa", msgRequired},
		{"round title", "POST", apiPath("/rounds"), "sec", map[string]any{"title": blank, "period": "1403", "deadline": "2025-01-01", "unit_ids": []int64{org}}, "title", msgRequired},
		{"token name", "POST", apiPath("/tokens"), "viewer", map[string]any{"name": blank}, "name", msgRequired},
	})
}

// TestOpenAPIStatesTheBounds keeps each list's maxItems in openapi.json
// equal to the bound the domain enforces.
func TestOpenAPIStatesTheBounds(t *testing.T) {
	doc := loadSpec(t)
	bounds := map[string]map[string]int{
		"WorkItemInput":   {"partner_unit_ids": payesh.MaxPartnerUnits, "clause_ids": payesh.MaxClauseLinks},
		"WorkItemUpdate":  {"partner_unit_ids": payesh.MaxPartnerUnits, "clause_ids": payesh.MaxClauseLinks},
		"IndicatorInput":  {"clause_ids": payesh.MaxClauseLinks, "work_item_ids": payesh.MaxWorkItemLinks, "reporting_kinds": len(payesh.UnitKinds)},
		"IndicatorUpdate": {"clause_ids": payesh.MaxClauseLinks, "work_item_ids": payesh.MaxWorkItemLinks, "reporting_kinds": len(payesh.UnitKinds)},
		"RoundInput":      {"unit_ids": payesh.MaxRoundUnits, "chain": len(payesh.DefaultChain)},
		"ValuesInput":     {"values": payesh.MaxValues},
		"TargetsInput":    {"targets": payesh.MaxTargets},
		"ReviewInput":     {"comments": payesh.MaxReviewComments},
		"MarkReadInput":   {"ids": payesh.MaxIDs},
		"ReminderInput":   {"unit_ids": payesh.MaxReminderUnits},
	}
	for schema, props := range bounds {
		var s struct {
			Properties map[string]struct {
				MaxItems int `json:"maxItems"`
			} `json:"properties"`
		}
		if err := json.Unmarshal(doc.Components.Schemas[schema], &s); err != nil {
			t.Fatalf("%s: %v", schema, err)
		}
		for prop, want := range props {
			if got := s.Properties[prop].MaxItems; got != want {
				t.Errorf("%s.%s: maxItems %d, the domain's bound is %d", schema, prop, got, want)
			}
		}
	}
}
