package browser_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"
	"payesh"
	"payesh/internal/demo"
	"payesh/internal/pdf/pdftest"
	"payesh/internal/store/storetest"
)

// The round test's people and things, Persian as the secretariat names
// them.
const (
	roundBranchCode = "branch-browser-mashhad"
	roundBranchName = "شعبهٔ آزمایشی مرورگر مشهد"
	roundTitle      = "گزارش پیشرفت تابستان ۱۴۰۳ (آزمون مرورگر)"
	roundIndicator  = "شاخص آزمایشی دورهٔ گزارش"
	roundObstacle   = "ردیف بودجهٔ مصوب نداریم"
	roundFixed      = "ردیف بودجهٔ مصوب نداریم؛ درخواست با نامهٔ ۱۲۳۴ فرستاده شد."
	roundComment    = "شمارهٔ نامهٔ درخواست بودجه را هم بنویسید."
)

// roundWorld is what the round test adds to the demo: a branch under the
// Razavi Khorasan directorate, a reporter in each, and a monthly indicator.
type roundWorld struct {
	branch, prov *payesh.OrgUnit
	indicator    int64
}

func newRoundWorld(t *testing.T, s *site) *roundWorld {
	t.Helper()
	ctx := storetest.System()
	w := &roundWorld{}
	var err error
	if w.prov, err = s.db.FindOrgUnitByCode(ctx, "prov-khorasan-razavi"); err != nil {
		t.Fatal(err)
	}
	w.branch = &payesh.OrgUnit{ParentID: &w.prov.ID, Kind: payesh.UnitBranch, Code: roundBranchCode, NameFA: roundBranchName, NameEN: "Browser test branch, Mashhad"}
	if err := s.db.CreateOrgUnit(ctx, w.branch); err != nil {
		t.Fatal(err)
	}
	for name, unit := range map[string]*payesh.OrgUnit{"branch-rep": w.branch, "prov-rep": w.prov} {
		u := &payesh.User{Username: name, Name: "کارشناس " + name, UnitID: unit.ID, Role: payesh.RoleReporter, Active: true}
		if err := s.db.CreateUser(ctx, u, demo.Password); err != nil {
			t.Fatal(err)
		}
	}
	ind := &payesh.Indicator{Code: "browser.round", NameFA: roundIndicator, Direction: payesh.HigherIsBetter,
		UnitAgg: payesh.AggSum, TimeAgg: payesh.AggSum, Frequency: payesh.Monthly,
		ReportingKinds: []payesh.UnitKind{payesh.UnitBranch}} // the branch reports it
	if err := s.db.CreateIndicator(ctx, ind); err != nil {
		t.Fatal(err)
	}
	w.indicator = ind.ID
	return w
}

// TestBrowserRound is the acceptance of reporting rounds, in a real
// browser: the secretariat opens a round for 1403Q2 for a branch; the
// branch fills a value, writes its report, attaches a PDF and sends it;
// its directorate returns it with a comment on the obstacles; the branch
// sees the comment beside them, corrects and sends again; the directorate
// and then the secretariat approve; the report and its value are locked;
// and the summary PDF, printed by headless Chromium, holds the branch's
// Persian name and "تأییدشده".
func TestBrowserRound(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	w := newRoundWorld(t, s)
	b := newBrowser(t, s.srv.URL)
	pages := newCrawler(t, s.srv.URL) // the HTML checks, as the secretariat
	pages.signIn("secretariat", demo.Password)

	b.signIn("secretariat", demo.Password)
	roundID := b.openRound(w)
	pages.checkRoundForm()
	b.signOut()
	rep := roundReport(t, s, roundID, w.branch.ID)
	page := fmt.Sprintf("/reports/%d", rep)

	b.signIn("branch-rep", demo.Password)
	b.fillValue(w)
	b.writeReport(page)
	b.attach(page)
	b.checkHTMLAs("branch-rep", page) // the forms of an editable report
	b.submitReport("send the report", page)
	b.signOut()

	b.signIn("prov-rep", demo.Password)
	b.checkHTMLAs("prov-rep", page) // the review form and its comment boxes
	b.returnReport(page)
	b.signOut()

	b.signIn("branch-rep", demo.Password)
	b.checkHTMLAs("branch-rep", page) // a returned report, comments in place
	b.seeCommentAndFix(page)
	b.signOut()

	b.signIn("prov-rep", demo.Password)
	b.approve("the directorate approves", page, "submitted")
	b.signOut()

	b.signIn("secretariat", demo.Password)
	b.approve("the secretariat approves", page, "approved")
	b.seeLocked(page, w)
	b.summary(roundID)
	b.checkConsole()

	for _, p := range []string{"/inbox", "/rounds", fmt.Sprintf("/rounds/%d", roundID), page, fmt.Sprintf("/rounds/%d/summary", roundID)} {
		pages.check(p, http.StatusOK)
	}
	for _, v := range pages.violations {
		t.Error(v)
	}
}

// roundReport is the id of the unit's report in the round.
func roundReport(t *testing.T, s *site, roundID, unitID int64) int64 {
	t.Helper()
	list, _, err := s.db.FindReports(storetest.System(), payesh.ReportFilter{RoundID: roundID, UnitID: unitID})
	if err != nil || len(list) != 1 {
		t.Fatalf("the branch's report in round %d: %v %v", roundID, list, err)
	}
	return list[0].ID
}

var roundPagePath = regexp.MustCompile(`^/rounds/(\d+)\?flash=`)

// openRound fills the new-round form from the inbox: first with no unit,
// which is refused beside the units, then for the branch.
func (b *browser) openRound(w *roundWorld) int64 {
	b.t.Helper()
	b.open("/")
	b.navigate("open the reports inbox", chromedp.Click(chromedp.CSS(`nav.mainnav a[href="/inbox"]`)))
	b.navigate("follow the new-round link", chromedp.Click(chromedp.CSS(`main a[href="/rounds/new"]`)))
	b.do("fill the round",
		chromedp.SendKeys(chromedp.ID("f-title"), roundTitle),
		chromedp.SetValue(chromedp.ID("f-year"), "1403"),
		chromedp.SetValue(chromedp.ID("f-season"), "2"),
	)
	b.typeDate("f-deadline", "۱۴۰۳/۰۷/۱۵")
	if st := b.submit("open a round with no unit", `#round-form button[type=submit]`); st != http.StatusBadRequest {
		b.t.Errorf("a round with no unit: status %d, want 400", st)
	}
	if msg := b.text("#e-unit_ids"); !hasPersian(msg) {
		b.t.Errorf("no Persian message beside the units: %q", msg)
	}
	if v := run(b, "read the title", chromedp.Value(chromedp.ID("f-title"))); v != roundTitle {
		b.t.Errorf("the title was not kept: %q", v)
	}
	b.do("tick the branch", chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name=unit_ids][value="%d"]`, w.branch.ID))))
	b.submit("open the round", `#round-form button[type=submit]`)
	m := roundPagePath.FindStringSubmatch(b.path())
	if m == nil {
		b.t.Fatalf("after opening the round: at %s (%s)", b.path(), b.text("main"))
	}
	if !strings.Contains(b.text("main"), roundBranchName) {
		b.t.Errorf("the round page does not list the branch")
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// fillValue enters Tir 1403 of the indicator in the branch's grid.
func (b *browser) fillValue(w *roundWorld) {
	b.t.Helper()
	b.open("/values?period=1403")
	cell := fmt.Sprintf("v-%d-1403-04", w.indicator)
	b.do("type Tir's value", chromedp.SendKeys(chromedp.ID(cell), "۱۲"))
	if st := b.submit("save the value", `#values-grid button[type=submit]`); st != http.StatusOK {
		b.t.Fatalf("saving the value: status %d", st)
	}
}

// writeReport opens the report from the inbox, sees the deadline and the
// value, and saves the narrative.
func (b *browser) writeReport(page string) {
	b.t.Helper()
	b.open("/inbox")
	if due := b.text("#mine-h + p + .table-wrap"); !strings.Contains(due, "روز مانده") || !strings.Contains(due, "۱۴۰۳/۰۷/۱۵") {
		b.t.Errorf("the inbox does not show the deadline and the days left: %q", due)
	}
	b.navigate("open the report", chromedp.Click(chromedp.CSS(fmt.Sprintf(`main a[href=%q]`, page))))
	if v := b.text("#values-h + .table-wrap"); !strings.Contains(v, roundIndicator) || !strings.Contains(v, "۱۲") {
		b.t.Errorf("the report does not show the period's value: %q", v)
	}
	b.do("write the report",
		chromedp.SendKeys(chromedp.ID("f-achievements"), "پوشش بیمهٔ زنان سرپرست خانوار در شهرستان آغاز شد."),
		chromedp.SendKeys(chromedp.ID("f-obstacles"), roundObstacle),
	)
	b.submit("save the report", "#narrative-save")
	if f := b.text("main .flash"); !hasPersian(f) {
		b.t.Errorf("no confirmation after saving: %q", f)
	}
}

// attach uploads a small PDF with a Persian name.
func (b *browser) attach(page string) {
	b.t.Helper()
	file := filepath.Join(b.t.TempDir(), "نامهٔ بودجه.pdf")
	if err := os.WriteFile(file, []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"), 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.do("choose the file", chromedp.SetUploadFiles(chromedp.ID("f-file"), []string{file}))
	b.submit("upload the file", `#evidence-form button[type=submit]`)
	if !strings.Contains(b.text("#evidence"), "نامهٔ بودجه.pdf") {
		b.t.Errorf("the file is not listed after the upload: %q", b.text("#evidence"))
	}
}

// submitReport presses "save and send".
func (b *browser) submitReport(what, page string) {
	b.t.Helper()
	b.open(page)
	b.submit(what, "#report-submit")
	b.sendAnywayIfAsked(what)
	if got := b.text("#report-state"); got != "در انتظار بررسی" {
		b.t.Errorf("%s: state %q, want در انتظار بررسی", what, got)
	}
}

// returnReport: the directorate finds the report in its inbox and
// returns it with a comment beside the obstacles.
func (b *browser) returnReport(page string) {
	b.t.Helper()
	b.open("/inbox")
	b.navigate("open the report to review", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#review-h ~ .table-wrap a[href=%q]`, page))))
	b.do("write a comment beside the obstacles",
		chromedp.Click(chromedp.CSS(`#narrative-obstacles details summary`)),
		chromedp.SendKeys(chromedp.ID("rc-obstacles"), roundComment),
	)
	b.submit("return the report", "#review-return")
	if got := b.text("#report-state"); got != "برگشت‌خورده" {
		b.t.Errorf("after the return: state %q", got)
	}
}

// seeCommentAndFix: the branch sees the comment above its obstacles,
// corrects them and sends the report again.
func (b *browser) seeCommentAndFix(page string) {
	b.t.Helper()
	b.open(page)
	if got := b.text("#narrative-obstacles .rep-comments"); !strings.Contains(got, roundComment) {
		b.t.Errorf("the comment is not beside the obstacles: %q", got)
	}
	b.screenshot("report")
	b.do("correct the obstacles", clear("f-obstacles"), chromedp.SendKeys(chromedp.ID("f-obstacles"), roundFixed))
	b.submit("send the report again", "#report-submit")
	b.sendAnywayIfAsked("send the report again")
	if got := b.text("#report-state"); got != "در انتظار بررسی" {
		b.t.Errorf("after sending again: state %q", got)
	}
}

// approve presses "approve" and checks the state that follows.
func (b *browser) approve(what, page, state string) {
	b.t.Helper()
	b.open(page)
	b.submit(what, "#review-approve")
	want := map[string]string{"submitted": "در انتظار بررسی", "approved": "تأییدشده"}[state]
	if got := b.text("#report-state"); got != want {
		b.t.Errorf("%s: state %q, want %q", what, got, want)
	}
}

// seeLocked: the approved report says it is locked and has no forms; the
// value it carried is read-only in the grid.
func (b *browser) seeLocked(page string, w *roundWorld) {
	b.t.Helper()
	if !hasPersian(b.text("#report-locked")) {
		b.t.Errorf("the approved report does not say it is locked")
	}
	if n := eval[int](b, `document.querySelectorAll('#narrative-form, #evidence-form, #review-form').length`); n != 0 {
		b.t.Errorf("the approved report still has %d forms", n)
	}
	b.open(fmt.Sprintf("/values?unit=%d&period=1403", w.branch.ID))
	if !eval[bool](b, fmt.Sprintf(`document.getElementById('v-%d-1403-04').readOnly`, w.indicator)) {
		b.t.Errorf("the approved value is not read-only in the grid")
	}
}

// summary opens the printable summary, then downloads the PDF with the
// browser's session and reads its text.
func (b *browser) summary(roundID int64) {
	b.t.Helper()
	b.open(fmt.Sprintf("/rounds/%d/summary", roundID))
	if got := b.text("main"); !strings.Contains(got, roundBranchName) || !strings.Contains(got, "تأییدشده") {
		b.t.Errorf("the summary page lacks the branch or its state")
	}
	b.screenshot("round-summary")

	cookies := run(b, "read the session cookie", chromedp.Action[network.GetCookiesResult](
		func(ctx context.Context, t *chromedp.Target) (network.GetCookiesResult, error) {
			return chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{b.base}})
		}))
	req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/rounds/%d/summary.pdf", b.base, roundID), nil)
	for _, c := range cookies.Cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(data, []byte("%PDF")) {
		b.t.Fatalf("summary.pdf: status %d, %s: %.200s", resp.StatusCode, resp.Header.Get("Content-Type"), data)
	}
	if err := os.WriteFile(filepath.Join(shotDir(b.t), "round-summary.pdf"), data, 0o644); err != nil {
		b.t.Fatal(err)
	}
	text := pdftest.Text(b.t, data)
	for _, want := range []string{roundBranchName, "تأییدشده", "گزارش جمع‌بندی دوره"} {
		if !strings.Contains(text, pdftest.Plain(want)) {
			b.t.Errorf("the summary PDF lacks %q; its text:\n%s", want, text)
		}
	}
	// This round's summary fills two A4 pages: the letterhead (the
	// organization, not one of the partner bodies, also roots), the totals
	// and the table by unit open the first; the table by clause, down to
	// its last clause, is on the last. A third page would be a heading
	// pushed away from its table or a footnote left alone (issue 12).
	if n := pdftest.Pages(b.t, data); n != 2 {
		b.t.Errorf("the summary PDF has %d pages, want 2", n)
	}
	pages := []struct {
		n    int
		want []string
	}{
		{1, []string{"سازمان تأمین اجتماعی", "گزارش جمع‌بندی دوره", "جمع کل", roundBranchName}},
		{2, []string{"بند ۹"}},
	}
	for _, p := range pages {
		got := pdftest.PageText(b.t, data, p.n)
		for _, want := range p.want {
			if !strings.Contains(got, pdftest.Plain(want)) {
				b.t.Errorf("page %d of the summary PDF lacks %q; its text:\n%s", p.n, want, got)
			}
		}
		// Numbered in Persian digits by the page itself, not the printer.
		if number := regexp.MustCompile(fmt.Sprintf(`%s\s*از\s*۲`, toPersian(strconv.Itoa(p.n)))); !number.MatchString(got) {
			b.t.Errorf("page %d of the summary PDF is not numbered «%s از ۲»; its text:\n%s", p.n, toPersian(strconv.Itoa(p.n)), got)
		}
	}
	// The obstacles' section heading is printed on the page of the first
	// obstacle under it, never alone at the foot of a page.
	for n := 1; n <= 2; n++ {
		got := pdftest.PageText(b.t, data, n)
		if strings.Contains(got, pdftest.Plain("موانع و درخواست‌های واحدها")) && !strings.Contains(got, pdftest.Plain("ردیف بودجه")) {
			b.t.Errorf("page %d of the summary PDF ends with the obstacles' heading, away from the first obstacle; its text:\n%s", n, got)
		}
	}
	// Its first page is the picture of the PDF in the README.
	pdftest.FirstPagePNG(b.t, data, 800, filepath.Join(shotDir(b.t), "round-summary-pdf.png"))
}

// checkHTMLAs runs the page checks on a page as another user sees it.
func (b *browser) checkHTMLAs(username, page string) {
	b.t.Helper()
	c := newCrawler(b.t, b.base)
	c.signIn(username, demo.Password)
	c.check(page, http.StatusOK)
	for _, v := range c.violations {
		b.t.Error(v)
	}
}

// checkRoundForm posts the round form with mistakes and checks the page
// that shows them.
func (c *crawler) checkRoundForm() {
	c.t.Helper()
	c.check("/rounds/new", http.StatusOK)
	resp, err := c.client.PostForm(c.base.String()+"/rounds", map[string][]string{"title": {""}, "deadline": {"۱۴۰۳/۱۳/۴۰"}})
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		c.errorf("POST /rounds", "status %d, want 400", resp.StatusCode)
	}
	doc, err := html.Parse(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	c.checkDoc("POST /rounds (with errors)", doc)
}
