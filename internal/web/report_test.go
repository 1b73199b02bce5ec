package web_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/api"
	"payesh/internal/app"
	"payesh/internal/store/storetest"
	"payesh/internal/web"
)

// samplePDF is the smallest file that sniffs as a PDF.
var samplePDF = []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")

func reportPath(rep *payesh.Report) string { return fmt.Sprintf("/reports/%d", rep.ID) }

// TestReportReturnCommentsInPlace walks one report through the web forms:
// the branch writes and sends it, its directorate returns it — first
// without a comment, refused — with a comment on the obstacles and one on
// the whole report; the branch sees each where it belongs; a review posted
// against the old version meets a conflict that shows the report as it
// is now.
func TestReportReturnCommentsInPlace(t *testing.T) {
	e := newRoundEnv(t, app.Options{})
	rd := e.openRound(10, e.branch)
	rep := e.report(rd, e.branch)
	branch, prov := e.as("branch-rep"), e.as("prov-rep")

	page := branch.get(reportPath(rep))
	if page.status != http.StatusOK || !strings.Contains(page.body, `id="narrative-form"`) || !strings.Contains(page.body, `id="report-submit"`) {
		t.Fatalf("the branch's report page: status %d, no narrative form or submit button", page.status)
	}
	if strings.Contains(page.body, `id="review-form"`) {
		t.Errorf("the unit is offered the review form of its own report")
	}
	res := branch.post(reportPath(rep), url.Values{"version": {strconv.Itoa(rep.Version)},
		"obstacles": {"ردیف بودجهٔ مصوب نداریم"}, "then": {"submit"}})
	// Saved, but the rest is empty: the checklist asks before sending.
	if res.status != http.StatusOK || !strings.Contains(htmlByID(t, res.body, "report-checklist"), `id="checklist-submit"`) {
		t.Fatalf("save and send of an incomplete report: status %d, no checklist step", res.status)
	}
	saved := e.report(rd, e.branch)
	res = branch.post(reportPath(rep)+"/review", url.Values{"version": {strconv.Itoa(saved.Version)}, "action": {"submit"}, "confirm": {"1"}})
	if res.status != http.StatusSeeOther || !strings.Contains(res.location(), "flash=ui.report.flash.submitted") {
		t.Fatalf("send anyway: status %d to %s", res.status, res.location())
	}
	sent := e.report(rd, e.branch)
	if sent.State != payesh.ReportSubmitted || sent.Obstacles != "ردیف بودجهٔ مصوب نداریم" {
		t.Fatalf("after save and send: %s %q", sent.State, sent.Obstacles)
	}

	// The directorate has it to review, in its inbox and on the page.
	if inbox := prov.get("/inbox"); !strings.Contains(byID(t, inbox.body, "review-h")+inbox.body, e.branchName) {
		t.Errorf("the directorate's inbox does not list the branch's report")
	}
	review := prov.get(reportPath(rep))
	if !strings.Contains(review.body, `id="review-form"`) || !strings.Contains(review.body, `name="c.obstacles" form="review-form"`) {
		t.Fatalf("the directorate has no review form with a comment box beside the obstacles")
	}
	res = prov.post(reportPath(rep)+"/review", url.Values{"version": {strconv.Itoa(sent.Version)}, "action": {"return"}, "c.obstacles": {"  "}})
	if res.status != http.StatusBadRequest || !strings.Contains(byID(t, res.body, "e-comments"), fa("err.report.comment_required")) {
		t.Fatalf("a return without comment: status %d, message %q", res.status, byID(t, res.body, "e-comments"))
	}
	const onObstacles, onAll = "شمارهٔ نامهٔ درخواست بودجه را بنویسید.", "گزارش فصلی پیوست نشده است."
	res = prov.post(reportPath(rep)+"/review", url.Values{"version": {strconv.Itoa(sent.Version)}, "action": {"return"},
		"c.obstacles": {onObstacles}, "c.": {onAll}, "c.achievements": {""}, "c.bogus": {"ignored"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("return: status %d: %s", res.status, byID(t, res.body, "e-comments"))
	}
	comments, _ := e.db.FindComments(storetest.System(), rep.ID)
	if len(comments) != 2 || comments[0].Item != "" || comments[1].Item != "obstacles" || comments[1].Text != onObstacles {
		t.Fatalf("stored comments: %+v", comments)
	}

	page = branch.get(reportPath(rep))
	if got := byID(t, page.body, "narrative-obstacles"); !strings.Contains(got, onObstacles) {
		t.Errorf("the comment on the obstacles is not beside them: %q", got)
	}
	if got := byID(t, page.body, "narrative-achievements"); strings.Contains(got, onObstacles) {
		t.Errorf("the comment on the obstacles shows beside the achievements")
	}
	if got := byID(t, page.body, "comments-general"); !strings.Contains(got, onAll) {
		t.Errorf("the comment on the whole report is not at the top: %q", got)
	}
	if !strings.Contains(page.body, "ردیف بودجهٔ مصوب نداریم</textarea>") {
		t.Errorf("the returned report's text is not in the form to correct")
	}

	// The directorate acts again on the version it saw before the return.
	res = prov.post(reportPath(rep)+"/review", url.Values{"version": {strconv.Itoa(sent.Version)}, "action": {"approve"}})
	if res.status != http.StatusConflict || !strings.Contains(byID(t, res.body, "report-conflict"), fa("ui.report.state.returned")) {
		t.Errorf("a stale approval: status %d, conflict block %q", res.status, byID(t, res.body, "report-conflict"))
	}
	if got := e.report(rd, e.branch); got.State != payesh.ReportReturned {
		t.Errorf("a stale approval changed the report: %s", got.State)
	}
}

// TestReportLockedAndReopened: an approved report has no forms for the
// unit, says it is locked, and only the secretariat reopens it, with a
// reason.
func TestReportLockedAndReopened(t *testing.T) {
	e := newRoundEnv(t, app.Options{})
	rd := e.openRound(10, e.branch)
	rep := e.act("branch-rep", e.report(rd, e.branch), payesh.ActSubmit)
	rep = e.act("prov-rep", rep, payesh.ActApprove)
	rep = e.act("secretariat", rep, payesh.ActApprove)

	page := e.as("branch-rep").get(reportPath(rep))
	if !strings.Contains(byID(t, page.body, "report-locked"), fa("ui.report.locked")) {
		t.Errorf("the approved report does not say it is locked")
	}
	for _, form := range []string{`id="narrative-form"`, `id="evidence-form"`, `id="review-form"`, `id="reopen-form"`} {
		if strings.Contains(page.body, form) {
			t.Errorf("the unit sees %s on an approved report", form)
		}
	}
	sec := e.as("secretariat")
	if !strings.Contains(sec.get(reportPath(rep)).body, `id="reopen-form"`) {
		t.Fatalf("the secretariat has no reopen form")
	}
	res := sec.post(reportPath(rep)+"/review", url.Values{"version": {strconv.Itoa(rep.Version)}, "action": {"reopen"}})
	if res.status != http.StatusBadRequest || !strings.Contains(byID(t, res.body, "e-reopen"), fa("err.report.comment_required")) {
		t.Errorf("reopen without a reason: status %d", res.status)
	}
	res = sec.post(reportPath(rep)+"/review", url.Values{"version": {strconv.Itoa(rep.Version)}, "action": {"reopen"}, "c.": {"رقم تیرماه اصلاح شود."}})
	if res.status != http.StatusSeeOther || e.report(rd, e.branch).State != payesh.ReportReturned {
		t.Errorf("reopen: status %d", res.status)
	}
}

// TestNarrativeConflict: two people save the same version; the second
// gets 409, keeps what they typed, and can save over it knowingly.
func TestNarrativeConflict(t *testing.T) {
	e := newRoundEnv(t, app.Options{})
	rd := e.openRound(10, e.branch)
	rep := e.report(rd, e.branch)
	a, b := e.as("branch-rep"), e.as("prov-rep") // the directorate may write its branch's report
	v := strconv.Itoa(rep.Version)
	if res := a.post(reportPath(rep), url.Values{"version": {v}, "achievements": {"نخستین متن"}}); res.status != http.StatusSeeOther {
		t.Fatalf("first save: %d", res.status)
	}
	res := b.post(reportPath(rep), url.Values{"version": {v}, "achievements": {"متن دوم"}})
	if res.status != http.StatusConflict {
		t.Fatalf("second save of the same version: status %d, want 409", res.status)
	}
	if !strings.Contains(byID(t, res.body, "report-conflict"), fa("err.version_conflict")) || !strings.Contains(byID(t, res.body, "report-conflict"), "نخستین متن") {
		t.Errorf("the conflict does not say so or show the saved text: %q", byID(t, res.body, "report-conflict"))
	}
	if !strings.Contains(res.body, "متن دوم</textarea>") {
		t.Errorf("what the second person typed was not kept")
	}
	now := e.report(rd, e.branch)
	if now.Achievements != "نخستین متن" {
		t.Errorf("the conflict overwrote: %q", now.Achievements)
	}
	if !strings.Contains(res.body, fmt.Sprintf(`name="version" value="%d"`, now.Version)) {
		t.Errorf("the form does not carry the current version %d", now.Version)
	}
}

// TestEvidenceUpload: a PDF is attached; a file too large, an .exe, and a
// name that climbs out of its folder are refused with the Persian message
// beside the file input, and nothing of them is stored; the file goes to
// the branch's directorate as an attachment and not to another province.
func TestEvidenceUpload(t *testing.T) {
	e := newRoundEnv(t, app.Options{})
	rd := e.openRound(10, e.branch)
	rep := e.report(rd, e.branch)
	branch := e.as("branch-rep")
	path := reportPath(rep) + "/evidence"

	res := branch.upload(path, "گزارش فصلی تیر.pdf", samplePDF)
	if res.status != http.StatusSeeOther || !strings.Contains(res.location(), "flash=ui.evidence.flash.added") {
		t.Fatalf("upload a PDF: status %d to %s", res.status, res.location())
	}
	for _, tt := range []struct {
		name, file string
		data       []byte
		key        string
	}{
		{"too large", "big.pdf", append([]byte("%PDF-"), make([]byte, payesh.MaxEvidenceSize)...), "err.evidence.too_large"},
		{"program", "setup.exe", []byte("MZ\x90\x00"), "err.evidence.type"},
		{"path trick", "../../x.pdf", samplePDF, "err.evidence.name"},
		{"html called pdf", "x.pdf", []byte("<html><script>alert(1)</script></html>"), "err.evidence.mismatch"},
		{"no file", "", nil, "err.evidence.none"},
	} {
		res := branch.upload(path, tt.file, tt.data)
		if res.status != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", tt.name, res.status)
		}
		if got := byID(t, res.body, "e-file"); got != fa(tt.key) {
			t.Errorf("%s: beside the file input %q, want %q", tt.name, got, fa(tt.key))
		}
	}
	files, err := e.db.FindEvidence(storetest.System(), rep.ID)
	if err != nil || len(files) != 1 {
		t.Fatalf("stored files: %d %v", len(files), err)
	}

	dl := e.as("prov-rep").get(fmt.Sprintf("/evidence/%d", files[0].ID))
	if dl.status != http.StatusOK || dl.body != string(samplePDF) {
		t.Fatalf("the directorate downloads: status %d", dl.status)
	}
	h := dl.header
	if h.Get("Content-Type") != "application/pdf" || h.Get("X-Content-Type-Options") != "nosniff" ||
		!strings.HasPrefix(h.Get("Content-Disposition"), "attachment;") ||
		!strings.Contains(h.Get("Content-Disposition"), "filename*=UTF-8''"+url.PathEscape("گزارش")) {
		t.Errorf("download headers: %v", h)
	}
	// Another province's report, and so its files, do not exist for it.
	if res := e.as("other-rep").get(fmt.Sprintf("/evidence/%d", files[0].ID)); res.status != http.StatusNotFound || !strings.Contains(res.body, fa("err.not_found.report")) {
		t.Errorf("another province downloads: status %d, want 404 with the Persian page", res.status)
	}
	page := branch.get(reportPath(rep))
	if !strings.Contains(byID(t, page.body, "evidence"), "گزارش فصلی تیر.pdf") || !strings.Contains(page.body, `enctype="multipart/form-data"`) {
		t.Errorf("the report page does not list the file or has no upload form")
	}
}

// TestSummaryPDF: the PDF is made from the printable page on this same
// server, loaded with the user's session; without a browser, or when it
// fails, a Persian page says so and points to the printable page.
func TestSummaryPDF(t *testing.T) {
	var gotURL string
	var gotCookies []*http.Cookie
	fake := func(ctx context.Context, u string, cookies []*http.Cookie) ([]byte, error) {
		gotURL, gotCookies = u, cookies
		return []byte("%PDF-1.7 fake"), nil
	}
	e := newRoundEnv(t, app.Options{PDF: fake})
	rd := e.openRound(10, e.branch)
	sec := e.as("secretariat")
	res := sec.get(fmt.Sprintf("/rounds/%d/summary.pdf", rd.ID))
	if res.status != http.StatusOK || res.header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(res.body, "%PDF") ||
		!strings.HasPrefix(res.header.Get("Content-Disposition"), "attachment;") {
		t.Fatalf("summary.pdf: status %d, %v", res.status, res.header)
	}
	if want := fmt.Sprintf("%s/rounds/%d/summary", e.srv.URL, rd.ID); gotURL != want {
		t.Errorf("printed %s, want %s", gotURL, want)
	}
	if len(gotCookies) == 0 || gotCookies[0].Name != api.SessionCookie || gotCookies[0].Value == "" {
		t.Errorf("the browser did not get the user's session: %v", gotCookies)
	}
	if res := e.as("other-rep").get(fmt.Sprintf("/rounds/%d/summary.pdf", 999999)); res.status != http.StatusNotFound {
		t.Errorf("a missing round's PDF: status %d", res.status)
	}

	failing := newRoundEnv(t, app.Options{PDF: func(context.Context, string, []*http.Cookie) ([]byte, error) {
		return nil, errors.New("browser crashed")
	}})
	rd = failing.openRound(10, failing.branch)
	res = failing.as("secretariat").get(fmt.Sprintf("/rounds/%d/summary.pdf", rd.ID))
	if res.status != http.StatusServiceUnavailable || !strings.Contains(res.body, fa("ui.summary.pdf_failed")) ||
		!strings.Contains(res.body, fmt.Sprintf(`href="/rounds/%d/summary"`, rd.ID)) {
		t.Errorf("a failed PDF: status %d", res.status)
	}

	// The web UI alone, with no browser configured.
	h, err := web.New(web.Services{Services: e.db.Services(), Now: roundNow})
	if err != nil {
		t.Fatal(err)
	}
	bare := httptest.NewServer(h)
	defer bare.Close()
	c := (&roundEnv{t: t, srv: bare}).as("secretariat")
	res = c.get(fmt.Sprintf("/rounds/%d/summary.pdf", e.openRound(10, e.branch).ID))
	if res.status != http.StatusServiceUnavailable || !strings.Contains(res.body, fa("ui.summary.pdf_no_browser")) {
		t.Errorf("no browser: status %d", res.status)
	}
	if !regexp.MustCompile(`href="/rounds/\d+/summary"`).MatchString(res.body) {
		t.Errorf("the page without a browser does not point to the printable page")
	}
}

// TestReportChecklistRequiredAndWithdraw: a round that requires a file
// stops the send at the checklist with no "send anyway"; once the file is
// there, the empty narrative is only pointed out and the unit sends it
// anyway; it withdraws it while the directorate has not acted, and no
// longer once it has.
func TestReportChecklistRequiredAndWithdraw(t *testing.T) {
	e := newRoundEnv(t, app.Options{})
	rd := &payesh.Round{Title: "گزارش با پیوست الزامی", Period: e.period.String(), Deadline: e.today.AddDays(10),
		UnitIDs: []int64{e.branch.ID}, RequireEvidence: true}
	if err := e.db.CreateRound(storetest.System(), rd); err != nil {
		t.Fatal(err)
	}
	rep := e.report(rd, e.branch)
	branch, prov := e.as("branch-rep"), e.as("prov-rep")
	send := func(version int) roundRes {
		t.Helper()
		return branch.post(reportPath(rep), url.Values{"version": {strconv.Itoa(version)}, "then": {"submit"}})
	}
	res := send(rep.Version)
	check := htmlByID(t, res.body, "report-checklist")
	if res.status != http.StatusBadRequest || !strings.Contains(check, `data-missing="evidence"`) ||
		!strings.Contains(check, fa("ui.report.check.required")) || strings.Contains(check, "checklist-submit") ||
		!strings.Contains(check, `id="checklist-cancel"`) {
		t.Fatalf("a required file missing: status %d, checklist %q", res.status, check)
	}
	u, _ := e.db.FindUserByUsername(storetest.System(), "branch-rep")
	if _, err := e.db.AddEvidence(payesh.WithUser(context.Background(), u), rep.ID, "پیوست.pdf", strings.NewReader(string(samplePDF))); err != nil {
		t.Fatal(err)
	}
	rep = e.report(rd, e.branch)
	res = send(rep.Version)
	if check = htmlByID(t, res.body, "report-checklist"); res.status != http.StatusOK || strings.Contains(check, `data-missing="evidence"`) ||
		!strings.Contains(check, `data-missing="achievements"`) || !strings.Contains(check, `id="checklist-submit"`) {
		t.Fatalf("the narrative missing: status %d, checklist %q", res.status, check)
	}
	rep = e.report(rd, e.branch) // as saved by the send
	res = branch.post(reportPath(rep)+"/review", url.Values{"version": {strconv.Itoa(rep.Version)}, "action": {"submit"}, "confirm": {"1"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("send anyway: status %d", res.status)
	}
	rep = e.report(rd, e.branch)

	// Only the unit is offered the withdrawal.
	if page := prov.get(reportPath(rep)); strings.Contains(page.body, `id="withdraw-form"`) {
		t.Errorf("the directorate is offered to withdraw the branch's report")
	}
	if page := branch.get(reportPath(rep)); !strings.Contains(page.body, `id="withdraw-form"`) {
		t.Fatalf("the branch is not offered to withdraw its report")
	}
	withdraw := url.Values{"version": {strconv.Itoa(rep.Version)}, "action": {"withdraw"}}
	res = branch.post(reportPath(rep)+"/review", withdraw)
	if res.status != http.StatusSeeOther || !strings.Contains(res.location(), "flash=ui.report.flash.withdrawn") {
		t.Fatalf("withdraw: status %d to %s", res.status, res.location())
	}
	if rep = e.report(rd, e.branch); rep.State != payesh.ReportDraft {
		t.Fatalf("withdrawn report is %s", rep.State)
	}
	rep = e.act("branch-rep", rep, payesh.ActSubmit)
	rep = e.act("prov-rep", rep, payesh.ActApprove)
	withdraw.Set("version", strconv.Itoa(rep.Version))
	page := branch.get(reportPath(rep))
	if strings.Contains(page.body, `id="withdraw-form"`) {
		t.Errorf("the branch is offered to withdraw a report its directorate approved")
	}
	res = branch.post(reportPath(rep)+"/review", withdraw)
	if res.status != http.StatusConflict || !strings.Contains(byID(t, res.body, "report-conflict"), fa("err.report.reviewed")) {
		t.Errorf("withdraw after review: status %d", res.status)
	}
}
