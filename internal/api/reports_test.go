package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"slices"
	"strings"
	"sync"
	"testing"

	"payesh"
)

// testPDF is a small file that sniffs as a PDF.
var testPDF = []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")

// newReportEnv adds to the usual tree a reporter at the branch ("branch")
// and one at the other province ("rep-b"); "reporter" at prov-a is the
// branch's province reviewer.
func newReportEnv(t *testing.T) *env {
	t.Helper()
	e := newEnv(t)
	e.addUser("branch", payesh.RoleReporter, "branch-a1")
	e.addUser("rep-b", payesh.RoleReporter, "prov-b")
	return e
}

// roundOut is a round as the API answers it.
type roundOut struct {
	payesh.Round
	DeadlineJalali *string `json:"deadline_jalali"`
}

// addRound opens a round through the API as the secretariat.
func (e *env) addRound(title, deadline string, units ...string) roundOut {
	e.t.Helper()
	ids := make([]int64, len(units))
	for i, u := range units {
		ids[i] = e.unit[u].ID
	}
	var r roundOut
	e.ok(e.do("POST", apiPath("/rounds"), "sec", map[string]any{
		"title": title, "period": "۱۴۰۳Q1", "deadline": deadline, "unit_ids": ids,
	}), http.StatusCreated, &r)
	return r
}

// reportOf returns the report of a unit in a round, read as the secretariat.
func (e *env) reportOf(round int64, unit string) payesh.Report {
	e.t.Helper()
	var list struct {
		Items []payesh.Report
		Total int
	}
	e.ok(e.do("GET", apiPath("/reports?round=%d&unit=%d", round, e.unit[unit].ID), "sec", nil), http.StatusOK, &list)
	for _, r := range list.Items {
		if r.UnitID == e.unit[unit].ID {
			return r
		}
	}
	e.t.Fatalf("no report of %s in round %d: %+v", unit, round, list)
	return payesh.Report{}
}

// review sends one review action as who.
func (e *env) review(id int64, who string, action payesh.ReviewAction, version int, comments ...map[string]string) *result {
	e.t.Helper()
	body := map[string]any{"action": action, "version": version}
	if action == payesh.ActSubmit {
		body["confirm"] = true // what is missing is tested apart
	}
	if comments != nil {
		body["comments"] = comments
	}
	return e.do("POST", apiPath("/reports/%d/review", id), who, body, "Accept-Language", "en")
}

// part is one part of a multipart body.
type part struct {
	name, filename string
	data           []byte
}

// multipartBody encodes parts as multipart/form-data. The filename is
// written as given, so tests can send names a browser would not.
func multipartBody(t *testing.T, parts ...part) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		disp := fmt.Sprintf(`form-data; name=%q`, p.name)
		if p.filename != "" {
			disp += fmt.Sprintf(`; filename="%s"`, p.filename)
		}
		h.Set("Content-Disposition", disp)
		h.Set("Content-Type", "application/octet-stream")
		w, err := mw.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(p.data)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return mw.FormDataContentType(), buf.Bytes()
}

// upload posts parts to a report's evidence as who.
func (e *env) upload(report int64, who string, parts ...part) *result {
	e.t.Helper()
	ct, body := multipartBody(e.t, parts...)
	req, err := http.NewRequest("POST", e.srv.URL+apiPath("/reports/%d/evidence", report), bytes.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Accept-Language", "en")
	if who != "" {
		req.Header.Set("Authorization", "Bearer "+e.token[who])
	}
	return e.send(req)
}

// reportState is everything a refused report request must leave alone:
// rounds, reports with their evidence and comments, notifications and the
// length of the audit trail.
func (e *env) reportState() string {
	e.t.Helper()
	all := payesh.Page{Limit: payesh.MaxLimit}
	rounds, _, err := e.db.FindRounds(sysCtx, payesh.RoundFilter{Page: all})
	if err != nil {
		e.t.Fatal(err)
	}
	reports, _, err := e.db.FindReports(sysCtx, payesh.ReportFilter{Page: all})
	if err != nil {
		e.t.Fatal(err)
	}
	state := []any{rounds, reports}
	for _, r := range reports {
		ev, err1 := e.db.FindEvidence(sysCtx, r.ID)
		cs, err2 := e.db.FindComments(sysCtx, r.ID)
		if err1 != nil || err2 != nil {
			e.t.Fatal(err1, err2)
		}
		state = append(state, ev, cs)
	}
	for _, key := range slices.Sorted(maps.Keys(e.user)) {
		ns, _, err := e.db.Notifications(payesh.WithUser(sysCtx, e.user[key]), false, all)
		if err != nil {
			e.t.Fatal(err)
		}
		state = append(state, ns)
	}
	_, audits, err := e.db.FindAuditEvents(sysCtx, payesh.AuditFilter{Page: payesh.Page{Limit: 1}})
	if err != nil {
		e.t.Fatal(err)
	}
	b, _ := json.Marshal(append(state, audits))
	return string(b)
}

// checkRefused fails unless r has status, a translated English message and,
// when field is set, that field in error.fields.
func (e *env) checkRefused(what string, r *result, status int, field string) apiError {
	e.t.Helper()
	if r.status != status {
		e.t.Fatalf("%s: status %d, want %d: %s", what, r.status, status, r.body)
	}
	ae := r.apiError()
	if ae.Error.Message == "" || strings.HasPrefix(ae.Error.Message, "err.") {
		e.t.Errorf("%s: message %q is not translated", what, ae.Error.Message)
	}
	if _, ok := ae.Error.Fields[field]; field != "" && !ok {
		e.t.Errorf("%s: fields %v lack %q", what, ae.Error.Fields, field)
	}
	for f, msg := range ae.Error.Fields {
		if strings.HasPrefix(msg, "err.") {
			e.t.Errorf("%s: field %s message %q is not translated", what, f, msg)
		}
	}
	return ae
}

// refusedReport sends a JSON request that must fail and change nothing.
func (e *env) refusedReport(method, path, who string, body any, status int, field string) apiError {
	e.t.Helper()
	before := e.reportState()
	ae := e.checkRefused(method+" "+path+" as "+who, e.do(method, path, who, body, "Accept-Language", "en"), status, field)
	if after := e.reportState(); after != before {
		e.t.Errorf("%s %s: a refused request changed the database\nbefore %s\nafter  %s", method, path, before, after)
	}
	return ae
}

// refusedUpload sends an upload that must fail and change nothing.
func (e *env) refusedUpload(what string, report int64, who string, status int, field string, parts ...part) apiError {
	e.t.Helper()
	before := e.reportState()
	ae := e.checkRefused(what, e.upload(report, who, parts...), status, field)
	if after := e.reportState(); after != before {
		e.t.Errorf("%s: a refused upload changed the database", what)
	}
	return ae
}

// TestReportRoundTrip takes a branch's report through a whole round over
// the API: written, evidenced, submitted, returned with a comment, fixed,
// approved by the province and the secretariat, and locked.
func TestReportRoundTrip(t *testing.T) {
	e := newReportEnv(t)
	round := e.addRound("گزارش بهار ۱۴۰۳", "2024-07-01", "branch-a1", "prov-b")
	if round.Period != "1403Q1" || !slices.Equal(round.Chain, payesh.DefaultChain) || round.Version != 1 ||
		len(round.UnitIDs) != 2 || round.DeadlineJalali == nil || *round.DeadlineJalali != "1403/04/11" {
		t.Fatalf("round %+v", round)
	}
	rep := e.reportOf(round.ID, "branch-a1")
	if rep.State != payesh.ReportDraft || rep.Version != 1 {
		t.Fatalf("new report %+v", rep)
	}
	url := apiPath("/reports/%d", rep.ID)

	// Each side sees its own reports only.
	var list struct {
		Items []payesh.Report
		Total int
	}
	e.ok(e.do("GET", apiPath("/reports"), "branch", nil), http.StatusOK, &list)
	if list.Total != 1 || list.Items[0].ID != rep.ID {
		t.Errorf("the branch lists %+v", list)
	}
	e.ok(e.do("GET", apiPath("/reports?state=draft,submitted"), "rep-b", nil), http.StatusOK, &list)
	if list.Total != 1 || list.Items[0].UnitID != e.unit["prov-b"].ID {
		t.Errorf("the other province lists %+v", list)
	}
	// Another province's report does not exist for it (payesh.ReadScope).
	e.refusedReport("GET", url, "rep-b", nil, http.StatusNotFound, "")

	// The narrative: a patch changes what it names and keeps the rest.
	var got payesh.Report
	e.ok(e.do("PATCH", url, "branch", map[string]any{"obstacles": "ردیف بودجهٔ مصوب نداريم.", "version": 1}), http.StatusOK, &got)
	if got.Version != 2 || got.Obstacles != "ردیف بودجهٔ مصوب نداریم." || got.Achievements != "" {
		t.Errorf("patched %+v", got)
	}
	e.ok(e.do("PATCH", url, "branch", map[string]any{"achievements": "۱۲ شعبه راه‌اندازی شد.", "version": 2}), http.StatusOK, &got)
	if got.Version != 3 || got.Obstacles != "ردیف بودجهٔ مصوب نداریم." || got.Achievements != "۱۲ شعبه راه‌اندازی شد." {
		t.Errorf("second patch %+v", got)
	}
	ae := e.refusedReport("PATCH", url, "branch", map[string]any{"requests": "x", "version": 2}, http.StatusConflict, "")
	var current payesh.Report
	if err := json.Unmarshal(ae.Error.Current, &current); err != nil || current.Version != 3 {
		t.Errorf("conflict current %s (%v)", ae.Error.Current, err)
	}
	e.refusedReport("PATCH", url, "branch", map[string]any{"requests": "x"}, http.StatusBadRequest, "version")
	e.refusedReport("PATCH", url, "branch", map[string]any{"state": "approved", "version": 3}, http.StatusBadRequest, "state")
	e.refusedReport("PATCH", url, "viewer", map[string]any{"requests": "x", "version": 3}, http.StatusForbidden, "")
	e.refusedReport("PATCH", url, "rep-b", map[string]any{"requests": "x", "version": 3}, http.StatusNotFound, "")

	// A PDF as evidence.
	r := e.upload(rep.ID, "branch", part{"file", "report.pdf", testPDF})
	var ev payesh.Evidence
	e.ok(r, http.StatusCreated, &ev)
	if ev.ReportID != rep.ID || ev.Name != "report.pdf" || ev.ContentType != "application/pdf" || ev.Size != int64(len(testPDF)) ||
		len(ev.SHA256) != 64 || r.header.Get("Location") != apiPath("/evidence/%d", ev.ID) {
		t.Errorf("evidence %+v at %s", ev, r.header.Get("Location"))
	}

	var chain struct{ Items []payesh.ChainStep }
	e.ok(e.do("GET", url+"/chain", "branch", nil), http.StatusOK, &chain)
	if want := []payesh.ChainStep{{Level: payesh.LevelProvince, UnitID: e.unit["prov-a"].ID}, {Level: payesh.LevelSecretariat}}; !slices.Equal(chain.Items, want) {
		t.Errorf("chain %+v", chain.Items)
	}

	// Without its requests part, the report is sent only once the unit
	// confirms.
	ae = e.refusedReport("POST", url+"/review", "branch", map[string]any{"action": "submit", "version": 3}, http.StatusBadRequest, "requests")
	if ae.Error.Code != payesh.EINCOMPLETE || len(ae.Error.Fields) != 1 {
		t.Errorf("unconfirmed submit %+v", ae.Error)
	}

	// Submitted, the report is the reviewers'.
	e.ok(e.review(rep.ID, "branch", payesh.ActSubmit, 3), http.StatusOK, &got)
	if got.State != payesh.ReportSubmitted || got.Level != 0 || got.SubmittedAt == nil || got.Version != 4 {
		t.Fatalf("submitted %+v", got)
	}
	e.refusedReport("PATCH", url, "branch", map[string]any{"requests": "x", "version": 4}, http.StatusConflict, "")
	e.ok(e.do("GET", apiPath("/reports?to_review=true"), "reporter", nil), http.StatusOK, &list)
	if list.Total != 1 || list.Items[0].ID != rep.ID {
		t.Errorf("the province's inbox %+v", list)
	}
	e.ok(e.do("GET", apiPath("/reports?to_review=true"), "sec", nil), http.StatusOK, &list)
	if list.Total != 0 || list.Items == nil {
		t.Errorf("the secretariat's inbox before its turn %+v", list)
	}

	// The province returns it, saying why; a return without a word is
	// refused.
	e.refusedReport("POST", url+"/review", "reporter", map[string]any{"action": "return", "version": 4}, http.StatusBadRequest, "comments")
	e.refusedReport("POST", url+"/review", "sec", map[string]any{"action": "approve", "version": 4}, http.StatusForbidden, "")
	e.refusedReport("POST", url+"/review", "branch", map[string]any{"action": "approve", "version": 4}, http.StatusForbidden, "")
	e.ok(e.review(rep.ID, "reporter", payesh.ActReturn, 4, map[string]string{"item": "obstacles", "text": "شمارهٔ نامهٔ درخواست بودجه را بنویسید."}), http.StatusOK, &got)
	if got.State != payesh.ReportReturned || got.Version != 5 {
		t.Fatalf("returned %+v", got)
	}
	var comments struct{ Items []payesh.ReviewComment }
	e.ok(e.do("GET", url+"/comments", "branch", nil), http.StatusOK, &comments)
	if len(comments.Items) != 1 || comments.Items[0].Item != "obstacles" || comments.Items[0].Action != payesh.ActReturn ||
		comments.Items[0].AuthorName != "کاربر reporter" || comments.Items[0].Level != 0 {
		t.Errorf("comments %+v", comments.Items)
	}

	// Fixed and sent again; the province and the secretariat approve.
	e.ok(e.do("PATCH", url, "branch", map[string]any{"obstacles": "ردیف بودجه نداریم؛ نامهٔ ۱۲۳۴.", "version": 5}), http.StatusOK, &got)
	e.ok(e.review(rep.ID, "branch", payesh.ActSubmit, got.Version), http.StatusOK, &got)
	e.ok(e.review(rep.ID, "reporter", payesh.ActApprove, got.Version), http.StatusOK, &got)
	if got.State != payesh.ReportSubmitted || got.Level != 1 {
		t.Fatalf("after the province %+v", got)
	}
	e.refusedReport("POST", url+"/review", "reporter", map[string]any{"action": "approve", "version": got.Version}, http.StatusForbidden, "")
	e.ok(e.review(rep.ID, "sec", payesh.ActApprove, got.Version), http.StatusOK, &got)
	if got.State != payesh.ReportApproved || got.ApprovedAt == nil {
		t.Fatalf("approved %+v", got)
	}

	// Approved is locked: no narrative, no evidence, no reopening but the
	// secretariat's.
	e.refusedReport("PATCH", url, "branch", map[string]any{"requests": "x", "version": got.Version}, http.StatusConflict, "")
	e.refusedUpload("upload after approval", rep.ID, "branch", http.StatusConflict, "", part{"file", "late.pdf", testPDF})
	reopen := map[string]any{"action": "reopen", "version": got.Version, "comments": []map[string]string{{"text": "رقم اسفند اصلاح شود."}}}
	e.refusedReport("POST", url+"/review", "branch", reopen, http.StatusForbidden, "")
	e.refusedReport("POST", url+"/review", "reporter", reopen, http.StatusForbidden, "")
	e.refusedReport("POST", url+"/review", "branch", map[string]any{"action": "submit", "version": got.Version}, http.StatusConflict, "")

	// Malformed reviews.
	e.refusedReport("POST", url+"/review", "sec", map[string]any{"action": "publish", "version": got.Version}, http.StatusBadRequest, "action")
	e.refusedReport("POST", url+"/review", "sec", map[string]any{"action": "reopen"}, http.StatusBadRequest, "version")
	e.refusedReport("POST", url+"/review", "sec", map[string]any{"action": "reopen", "version": got.Version,
		"comments": []map[string]any{{"text": "x", "author_id": 1}}}, http.StatusBadRequest, "author_id")
	e.refusedReport("POST", url+"/review", "sec", map[string]any{"action": "reopen", "version": got.Version,
		"comments": []map[string]any{{"text": "   "}}}, http.StatusBadRequest, "comments")
	e.refusedReport("POST", apiPath("/reports/%d/review", rep.ID+1000), "sec", map[string]any{"action": "submit", "version": 1}, http.StatusNotFound, "")

	e.ok(e.do("POST", url+"/review", "sec", reopen), http.StatusOK, &got)
	if got.State != payesh.ReportReturned || got.ApprovedAt != nil {
		t.Errorf("reopened %+v", got)
	}
	e.ok(e.do("GET", url+"/comments", "viewer", nil), http.StatusOK, &comments)
	if len(comments.Items) != 2 || comments.Items[1].Action != payesh.ActReopen {
		t.Errorf("comments after reopening %+v", comments.Items)
	}
	// submit, return, submit, approve ×2, reopen and the narrative ×3.
	if n := len(e.auditTrail("report", rep.ID)); n != 9 {
		t.Errorf("%d audit events on the report, want 9", n)
	}

	// Bad filters and ids.
	e.refusedReport("GET", apiPath("/reports?state=late"), "sec", nil, http.StatusBadRequest, "state")
	e.refusedReport("GET", apiPath("/reports?to_review=perhaps"), "sec", nil, http.StatusBadRequest, "to_review")
	e.refusedReport("GET", apiPath("/reports?round=x"), "sec", nil, http.StatusBadRequest, "round")
	e.refusedReport("GET", apiPath("/reports?status=draft"), "sec", nil, http.StatusBadRequest, "status")
	e.refusedReport("GET", apiPath("/reports/%d", rep.ID+1000), "sec", nil, http.StatusNotFound, "")
	e.refusedReport("GET", apiPath("/reports/%d/chain", rep.ID+1000), "sec", nil, http.StatusNotFound, "")
	e.refusedReport("GET", apiPath("/reports/%d/comments", rep.ID), "rep-b", nil, http.StatusNotFound, "")
	e.refusedReport("GET", apiPath("/reports/x"), "sec", nil, http.StatusBadRequest, "id")
	e.refusedReport("GET", apiPath("/reports"), "", nil, http.StatusUnauthorized, "")
	e.refusedReport("DELETE", url, "admin", nil, http.StatusMethodNotAllowed, "")
}

// auditTrail returns a row's audit events.
func (e *env) auditTrail(entity string, id int64) []*payesh.AuditEvent {
	e.t.Helper()
	events, _, err := e.db.FindAuditEvents(sysCtx, payesh.AuditFilter{Entity: entity, EntityID: id, Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil {
		e.t.Fatal(err)
	}
	return events
}

// TestConcurrentApprovals: two secretariat users approve the same version
// at once; one gets 200, the other 409 with the report as it now stands.
func TestConcurrentApprovals(t *testing.T) {
	e := newReportEnv(t)
	round := e.addRound("گزارش بهار", "2024-07-01", "prov-b")
	rep := e.reportOf(round.ID, "prov-b")
	var got payesh.Report
	e.ok(e.review(rep.ID, "rep-b", payesh.ActSubmit, rep.Version), http.StatusOK, &got)
	var chain struct{ Items []payesh.ChainStep }
	e.ok(e.do("GET", apiPath("/reports/%d/chain", rep.ID), "rep-b", nil), http.StatusOK, &chain)
	if len(chain.Items) != 1 || chain.Items[0].Level != payesh.LevelSecretariat {
		t.Fatalf("a province reports to the secretariat alone: %+v", chain.Items)
	}

	body := fmt.Sprintf(`{"action":"approve","version":%d}`, got.Version)
	statuses := make([]int, 2)
	bodies := make([][]byte, 2)
	var wg sync.WaitGroup
	for i, who := range []string{"sec", "admin"} {
		wg.Go(func() {
			req, _ := http.NewRequest("POST", e.srv.URL+apiPath("/reports/%d/review", rep.ID), strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+e.token[who])
			resp, err := e.srv.Client().Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			defer resp.Body.Close()
			statuses[i] = resp.StatusCode
			var buf bytes.Buffer
			buf.ReadFrom(resp.Body)
			bodies[i] = buf.Bytes()
		})
	}
	wg.Wait()
	if statuses[0] == http.StatusConflict {
		statuses[0], statuses[1], bodies[0], bodies[1] = statuses[1], statuses[0], bodies[1], bodies[0]
	}
	if !slices.Equal(statuses, []int{http.StatusOK, http.StatusConflict}) {
		t.Fatalf("concurrent approvals: %v %s | %s", statuses, bodies[0], bodies[1])
	}
	// The loser is told the report has moved on. (Which version error.current
	// shows depends on where the race was lost; see the store's Review.)
	var loser apiError
	if err := json.Unmarshal(bodies[1], &loser); err != nil || loser.Error.Code != payesh.ECONFLICT || len(loser.Error.Current) == 0 {
		t.Errorf("loser: %s (%v)", bodies[1], err)
	}
	approvals := 0
	for _, ev := range e.auditTrail("report", rep.ID) {
		if ev.Action == string(payesh.ActApprove) {
			approvals++
		}
	}
	if approvals != 1 {
		t.Errorf("%d approvals recorded, want 1", approvals)
	}
}

// TestEvidence: what an upload may be, and who may download it.
func TestEvidence(t *testing.T) {
	e := newReportEnv(t)
	round := e.addRound("گزارش بهار", "2024-07-01", "branch-a1")
	rep := e.reportOf(round.ID, "branch-a1")

	const name = "گزارش فصلی.pdf"
	var ev payesh.Evidence
	e.ok(e.upload(rep.ID, "branch", part{"file", name, testPDF}), http.StatusCreated, &ev)
	if ev.Name != name {
		t.Errorf("stored name %q", ev.Name)
	}

	big := append([]byte("%PDF-1.4\n"), make([]byte, payesh.MaxEvidenceSize)...)
	ae := e.refusedUpload("oversized", rep.ID, "branch", http.StatusRequestEntityTooLarge, "file", part{"file", "big.pdf", big})
	if ae.Error.Message != "The file is larger than 10 MB." || ae.Error.Fields["file"] != ae.Error.Message {
		t.Errorf("oversized: %+v", ae.Error)
	}
	exactly := append([]byte("%PDF-1.4\n"), make([]byte, payesh.MaxEvidenceSize-9)...)
	var max payesh.Evidence
	e.ok(e.upload(rep.ID, "branch", part{"file", "max.pdf", exactly}), http.StatusCreated, &max)
	if max.Size != payesh.MaxEvidenceSize {
		t.Errorf("a file of exactly the limit: %+v", max)
	}

	ae = e.refusedUpload("exe", rep.ID, "branch", http.StatusBadRequest, "file", part{"file", "setup.exe", []byte("MZ\x90\x00")})
	if !strings.Contains(ae.Error.Fields["file"], "file type is not accepted") {
		t.Errorf("exe: %+v", ae.Error)
	}
	ae = e.refusedUpload("path trick", rep.ID, "branch", http.StatusBadRequest, "file", part{"file", "../../etc/passwd.pdf", testPDF})
	if !strings.Contains(ae.Error.Fields["file"], "file name is not valid") {
		t.Errorf("path trick: %+v", ae.Error)
	}
	e.refusedUpload("absolute path", rep.ID, "branch", http.StatusBadRequest, "file", part{"file", "/tmp/x.pdf", testPDF})
	e.refusedUpload("windows path", rep.ID, "branch", http.StatusBadRequest, "file", part{"file", `C:\\x.pdf`, testPDF})
	e.refusedUpload("html called pdf", rep.ID, "branch", http.StatusBadRequest, "file", part{"file", "x.pdf", []byte("<html><script>alert(1)</script></html>")})
	e.refusedUpload("empty", rep.ID, "branch", http.StatusBadRequest, "file", part{"file", "x.pdf", nil})
	e.refusedUpload("no filename", rep.ID, "branch", http.StatusBadRequest, "file", part{"file", "", testPDF})
	e.refusedUpload("no file part", rep.ID, "branch", http.StatusBadRequest, "file")
	e.refusedUpload("two files", rep.ID, "branch", http.StatusBadRequest, "file", part{"file", "a.pdf", testPDF}, part{"file", "b.pdf", testPDF})
	e.refusedUpload("an unknown part", rep.ID, "branch", http.StatusBadRequest, "note", part{"file", "a.pdf", testPDF}, part{"note", "", []byte("x")})
	e.refusedUpload("another province", rep.ID, "rep-b", http.StatusNotFound, "", part{"file", "a.pdf", testPDF})
	e.refusedUpload("a viewer", rep.ID, "viewer", http.StatusForbidden, "", part{"file", "a.pdf", testPDF})
	e.refusedUpload("unknown report", rep.ID+1000, "branch", http.StatusNotFound, "", part{"file", "a.pdf", testPDF})
	e.refusedUpload("signed out", rep.ID, "", http.StatusUnauthorized, "", part{"file", "a.pdf", testPDF})
	ae = e.refusedReport("POST", apiPath("/reports/%d/evidence", rep.ID), "branch", map[string]any{"file": "x"}, http.StatusBadRequest, "file")
	if ae.Error.Message != "The request body must be multipart/form-data, with the file in a part named file." {
		t.Errorf("JSON instead of multipart: %+v", ae.Error)
	}

	// A body far over the limit is refused by its declared length, before
	// it is read.
	func() {
		body := bytes.NewReader(make([]byte, maxUpload+1))
		req, _ := http.NewRequest("POST", e.srv.URL+apiPath("/reports/%d/evidence", rep.ID), body)
		req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
		req.Header.Set("Authorization", "Bearer "+e.token["branch"])
		resp, err := e.srv.Client().Do(req)
		if err != nil {
			t.Logf("huge body: %v (the server may close before the client has written it)", err)
			return
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("huge body: %d", resp.StatusCode)
		}
	}()

	var list struct{ Items []payesh.Evidence }
	e.ok(e.do("GET", apiPath("/reports/%d/evidence", rep.ID), "reporter", nil), http.StatusOK, &list)
	if len(list.Items) != 2 || list.Items[0].ID != ev.ID || list.Items[1].ID != max.ID {
		t.Errorf("evidence list %+v", list.Items)
	}
	e.refusedReport("GET", apiPath("/reports/%d/evidence", rep.ID), "rep-b", nil, http.StatusNotFound, "")

	// Downloads: the province and the organization read it, another
	// province does not.
	for _, who := range []string{"reporter", "viewer", "branch"} {
		r := e.do("GET", apiPath("/evidence/%d", ev.ID), who, nil)
		if r.status != http.StatusOK || !bytes.Equal(r.body, testPDF) {
			t.Fatalf("download as %s: %d %q", who, r.status, r.body)
		}
		if ct := r.header.Get("Content-Type"); ct != "application/pdf" {
			t.Errorf("content type %q", ct)
		}
		if r.header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("no nosniff")
		}
		disp := r.header.Get("Content-Disposition")
		kind, params, err := mime.ParseMediaType(disp)
		if err != nil || kind != "attachment" || params["filename"] != name {
			t.Errorf("disposition %q: %s %v %v", disp, kind, params, err)
		}
		if want := fmt.Sprintf(`attachment; filename="evidence-%d.pdf"; filename*=UTF-8''`, ev.ID); !strings.HasPrefix(disp, want) {
			t.Errorf("disposition %q, want prefix %q", disp, want)
		}
	}
	r := e.do("GET", apiPath("/evidence/%d", max.ID), "sec", nil)
	if r.status != http.StatusOK || len(r.body) != payesh.MaxEvidenceSize || r.header.Get("Content-Disposition") != `attachment; filename="max.pdf"; filename*=UTF-8''max.pdf` {
		t.Errorf("download of max.pdf: %d, %d bytes, %q", r.status, len(r.body), r.header.Get("Content-Disposition"))
	}
	ae = e.refusedReport("GET", apiPath("/evidence/%d", ev.ID), "rep-b", nil, http.StatusNotFound, "")
	if ae.Error.Code != payesh.ENOTFOUND {
		t.Errorf("another province's download: %+v", ae.Error)
	}
	if ae := e.refusedReport("GET", apiPath("/evidence/%d", max.ID+1000), "sec", nil, http.StatusNotFound, ""); ae.Error.Message != "Attachment not found." {
		t.Errorf("missing evidence: %+v", ae.Error)
	}
	e.refusedReport("GET", apiPath("/evidence/%d", ev.ID), "", nil, http.StatusUnauthorized, "")
	if n := len(e.auditTrail("evidence", ev.ID)); n != 1 {
		t.Errorf("%d audit events on the evidence, want 1", n)
	}
}

// TestReportChecklistAndWithdraw: a round that requires a file refuses a
// report without one, confirmed or not, naming what is missing; a
// submitted report is withdrawn by its unit until a reviewer acts.
func TestReportChecklistAndWithdraw(t *testing.T) {
	e := newReportEnv(t)
	var round roundOut
	e.ok(e.do("POST", apiPath("/rounds"), "sec", map[string]any{"title": "بهار", "period": "1403Q1", "deadline": "2024-07-01",
		"unit_ids": []int64{e.unit["branch-a1"].ID}, "require_evidence": true}), http.StatusCreated, &round)
	if !round.RequireEvidence || round.RequireNarrative || round.RequireValues {
		t.Fatalf("round %+v", round)
	}
	rep := e.reportOf(round.ID, "branch-a1")
	url := apiPath("/reports/%d", rep.ID)
	var c payesh.Checklist
	e.ok(e.do("GET", url+"/checklist", "branch", nil), http.StatusOK, &c)
	if c.ReportID != rep.ID || len(c.EmptyNarrative) != 3 || c.Evidence != 0 || !c.RequireEvidence || c.MissingValues == nil {
		t.Errorf("checklist %+v", c)
	}
	e.refusedReport("GET", url+"/checklist", "rep-b", nil, http.StatusNotFound, "")

	submit := map[string]any{"action": "submit", "version": rep.Version, "confirm": true}
	ae := e.refusedReport("POST", url+"/review", "branch", submit, http.StatusBadRequest, "evidence")
	if ae.Error.Code != payesh.EREQUIRED || ae.Error.Fields["achievements"] == "" {
		t.Errorf("required evidence %+v", ae.Error)
	}
	e.ok(e.upload(rep.ID, "branch", part{"file", "report.pdf", testPDF}), http.StatusCreated, nil)
	delete(submit, "confirm")
	ae = e.refusedReport("POST", url+"/review", "branch", submit, http.StatusBadRequest, "achievements")
	if ae.Error.Code != payesh.EINCOMPLETE || ae.Error.Fields["evidence"] != "" {
		t.Errorf("unconfirmed %+v", ae.Error)
	}
	var got payesh.Report
	e.ok(e.review(rep.ID, "branch", payesh.ActSubmit, rep.Version), http.StatusOK, &got)

	// The province reviews it, so it may not withdraw it; the unit may.
	withdraw := func(who string, version int) *result {
		return e.do("POST", url+"/withdraw", who, map[string]any{"version": version}, "Accept-Language", "en")
	}
	e.refusedReport("POST", url+"/withdraw", "reporter", map[string]any{"version": got.Version}, http.StatusForbidden, "")
	e.refusedReport("POST", url+"/withdraw", "branch", map[string]any{}, http.StatusBadRequest, "version")
	e.ok(withdraw("branch", got.Version), http.StatusOK, &got)
	if got.State != payesh.ReportDraft || got.SubmittedAt != nil {
		t.Fatalf("withdrawn %+v", got)
	}
	e.refusedReport("POST", url+"/withdraw", "branch", map[string]any{"version": got.Version}, http.StatusConflict, "")
	e.ok(e.review(rep.ID, "branch", payesh.ActSubmit, got.Version), http.StatusOK, &got)
	e.ok(e.review(rep.ID, "reporter", payesh.ActApprove, got.Version), http.StatusOK, &got)
	ae = e.refusedReport("POST", url+"/withdraw", "branch", map[string]any{"version": got.Version}, http.StatusConflict, "")
	if ae.Error.Code != payesh.EREVIEWED {
		t.Errorf("withdraw after the province acted %+v", ae.Error)
	}

	var late struct{ Items []payesh.LateClosure }
	e.ok(e.do("GET", apiPath("/rounds/%d/late-closures", round.ID), "viewer", nil), http.StatusOK, &late)
	if late.Items == nil {
		t.Errorf("late closures %+v", late)
	}
	e.refusedReport("GET", apiPath("/rounds/%d/late-closures", round.ID+1000), "sec", nil, http.StatusNotFound, "")
}
