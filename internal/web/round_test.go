package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/textproto"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"payesh"
	"payesh/internal/app"
	"payesh/internal/demo"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// roundStart is the tests' fixed clock: the time they started, so that
// the session cookie's expiry, computed from it, is not in the real past.
var roundStart = time.Now()

func roundNow() time.Time { return roundStart }

// roundEnv is the application over the demo data plus a branch under the
// Razavi Khorasan directorate, its reporter, the directorate's reporter,
// a reporter of another province and a monthly indicator every unit
// reports.
type roundEnv struct {
	t                     *testing.T
	db                    *store.DB
	srv                   *httptest.Server
	branch, prov, other   *payesh.OrgUnit
	office                *payesh.OrgUnit
	ind                   *payesh.Indicator
	period                jalali.Period // this season
	today                 payesh.Date
	branchName, indicName string
}

func newRoundEnv(t *testing.T, opt app.Options) *roundEnv {
	t.Helper()
	db := storetest.Open(t, store.Options{Now: roundNow})
	sys := storetest.System()
	if _, err := demo.Load(sys, demo.Services{Units: db, Documents: db, Work: db, Users: db}); err != nil {
		t.Fatalf("demo: %v", err)
	}
	e := &roundEnv{t: t, db: db, branchName: "شعبهٔ آزمایشی ۳ مشهد", indicName: "شاخص آزمایشی گزارش‌دهی"}
	e.today = payesh.Today(roundNow())
	e.period = jalali.PeriodOf(e.today.Jalali(), jalali.Quarter)
	e.prov = e.unit("prov-khorasan-razavi")
	e.other = e.unit("prov-fars")
	e.office = e.unit("office-women-family")
	e.branch = &payesh.OrgUnit{ParentID: &e.prov.ID, Kind: payesh.UnitBranch, Code: "branch-mashhad-test", NameFA: e.branchName, NameEN: "Test branch 3, Mashhad"}
	if err := db.CreateOrgUnit(sys, e.branch); err != nil {
		t.Fatal(err)
	}
	for _, u := range []struct {
		name string
		unit *payesh.OrgUnit
	}{{"branch-rep", e.branch}, {"prov-rep", e.prov}, {"other-rep", e.other}} {
		user := &payesh.User{Username: u.name, Name: "کاربر " + u.name, UnitID: u.unit.ID, Role: payesh.RoleReporter, Active: true}
		if err := db.CreateUser(sys, user, demo.Password); err != nil {
			t.Fatal(err)
		}
	}
	e.ind = &payesh.Indicator{Code: "round.test", NameFA: e.indicName, Direction: payesh.HigherIsBetter,
		UnitAgg: payesh.AggSum, TimeAgg: payesh.AggSum, Frequency: payesh.Monthly}
	if err := db.CreateIndicator(sys, e.ind); err != nil {
		t.Fatal(err)
	}
	if opt.Now == nil {
		opt.Now = roundNow
	}
	h, err := app.Handler(db, opt)
	if err != nil {
		t.Fatal(err)
	}
	e.srv = httptest.NewServer(h)
	t.Cleanup(e.srv.Close)
	return e
}

func (e *roundEnv) unit(code string) *payesh.OrgUnit {
	e.t.Helper()
	u, err := e.db.FindOrgUnitByCode(storetest.System(), code)
	if err != nil {
		e.t.Fatal(err)
	}
	return u
}

// openRound opens a round for this season through the store, with the
// deadline days from today, and returns it.
func (e *roundEnv) openRound(deadlineIn int, units ...*payesh.OrgUnit) *payesh.Round {
	e.t.Helper()
	rd := &payesh.Round{Title: "گزارش آزمایشی " + e.period.Label(), Period: e.period.String(), Deadline: e.today.AddDays(deadlineIn)}
	for _, u := range units {
		rd.UnitIDs = append(rd.UnitIDs, u.ID)
	}
	if err := e.db.CreateRound(storetest.System(), rd); err != nil {
		e.t.Fatal(err)
	}
	return rd
}

// report returns a unit's report in a round, as stored now.
func (e *roundEnv) report(rd *payesh.Round, u *payesh.OrgUnit) *payesh.Report {
	e.t.Helper()
	list, _, err := e.db.FindReports(storetest.System(), payesh.ReportFilter{RoundID: rd.ID, UnitID: u.ID})
	if err != nil || len(list) == 0 {
		e.t.Fatalf("report of %s: %v", u.Code, err)
	}
	for _, r := range list {
		if r.UnitID == u.ID {
			return r
		}
	}
	e.t.Fatalf("no report of %s", u.Code)
	return nil
}

// act runs a review action through the store as the named user.
func (e *roundEnv) act(username string, rep *payesh.Report, a payesh.ReviewAction) *payesh.Report {
	e.t.Helper()
	u, err := e.db.FindUserByUsername(storetest.System(), username)
	if err != nil {
		e.t.Fatal(err)
	}
	ctx := payesh.WithUser(context.Background(), u)
	// What a submission lacks is tested apart (report_test.go).
	out, err := e.db.Review(ctx, rep.ID, payesh.ReviewInput{Action: a, Version: rep.Version, Confirm: true})
	if err != nil {
		e.t.Fatalf("%s %s: %v", username, a, err)
	}
	return out
}

// roundClient is a browser signed in as one user; it does not follow
// redirects, so the tests see them.
type roundClient struct {
	e *roundEnv
	c *http.Client
}

type roundRes struct {
	status int
	header http.Header
	body   string
}

func (e *roundEnv) as(username string) *roundClient {
	e.t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &roundClient{e: e, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
	if res := c.post("/login", url.Values{"username": {username}, "password": {demo.Password}, "next": {"/"}}); res.status != http.StatusSeeOther {
		e.t.Fatalf("sign in as %s: status %d", username, res.status)
	}
	return c
}

func (c *roundClient) do(req *http.Request) roundRes {
	c.e.t.Helper()
	res, err := c.c.Do(req)
	if err != nil {
		c.e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.e.t.Fatal(err)
	}
	return roundRes{status: res.StatusCode, header: res.Header, body: string(b)}
}

func (c *roundClient) get(path string) roundRes {
	c.e.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.e.srv.URL+path, nil)
	return c.do(req)
}

func (c *roundClient) post(path string, form url.Values) roundRes {
	c.e.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, c.e.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", c.e.srv.URL)
	return c.do(req)
}

// upload posts a file as a browser's multipart form does, the name
// exactly as given.
func (c *roundClient) upload(path, name string, data []byte) roundRes {
	c.e.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename="%s"`, name))
	h.Set("Content-Type", "application/octet-stream")
	part, err := mw.CreatePart(h)
	if err != nil {
		c.e.t.Fatal(err)
	}
	part.Write(data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.e.srv.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", c.e.srv.URL)
	return c.do(req)
}

// location is a redirect's target.
func (r roundRes) location() string { return r.header.Get("Location") }

// byID returns the text of the element with id in page, "" if none.
func byID(t *testing.T, page, id string) string {
	t.Helper()
	found := nodeByID(t, page, id)
	if found == nil {
		return ""
	}
	var b strings.Builder
	var text func(n *html.Node)
	text = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			text(c)
		}
	}
	text(found)
	return b.String()
}

// htmlByID returns the markup of the element with id in page, "" if none.
func htmlByID(t *testing.T, page, id string) string {
	t.Helper()
	found := nodeByID(t, page, id)
	if found == nil {
		return ""
	}
	var b strings.Builder
	if err := html.Render(&b, found); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// nodeByID finds the element with id in page, or nil.
func nodeByID(t *testing.T, page, id string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var found *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for _, a := range n.Attr {
			if a.Key == "id" && a.Val == id && found == nil {
				found = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return found
}

func fa(key string) string { return i18n.T(i18n.FA, key) }

var roundPath = regexp.MustCompile(`^/rounds/(\d+)\?flash=`)

// TestRoundForm: only the secretariat opens rounds; a form with mistakes
// comes back with every message beside its field and what was typed kept;
// a right one, with "all provinces", opens the round with a draft report
// for each directorate and the branch.
func TestRoundForm(t *testing.T) {
	e := newRoundEnv(t, app.Options{})
	if res := e.as("branch-rep").get("/rounds/new"); res.status != http.StatusForbidden {
		t.Errorf("a reporter opens the round form: status %d, want 403", res.status)
	}
	sec := e.as("secretariat")
	res := sec.get("/rounds/new")
	if res.status != http.StatusOK || !strings.Contains(res.body, `name="unit_ids"`) || !strings.Contains(res.body, fa("ui.round.all_provinces")) {
		t.Fatalf("round form: status %d", res.status)
	}

	bad := url.Values{"title": {""}, "year": {"1403"}, "season": {"2"}, "deadline": {"۱۴۰۳/۱۳/۴۰"}, "chain": {"secretariat"}}
	res = sec.post("/rounds", bad)
	if res.status != http.StatusBadRequest {
		t.Fatalf("round with mistakes: status %d, want 400", res.status)
	}
	for id, key := range map[string]string{"e-title": "err.required", "e-deadline": "err.bad_jalali_date", "e-unit_ids": "err.required"} {
		if got := byID(t, res.body, id); !strings.Contains(got, fa(key)) {
			t.Errorf("beside %s: %q, want %q", id, got, fa(key))
		}
	}
	if !strings.Contains(res.body, `value="۱۴۰۳/۱۳/۴۰"`) || !regexp.MustCompile(`value="secretariat"\s+checked`).MatchString(res.body) {
		t.Errorf("the typed deadline or the chosen chain was not kept")
	}
	if _, n, _ := e.db.FindRounds(storetest.System(), payesh.RoundFilter{}); n != 0 {
		t.Fatalf("a round with mistakes was saved")
	}

	good := url.Values{"title": {"گزارش پیشرفت تابستان ۱۴۰۳"}, "year": {"۱۴۰۳"}, "season": {"2"}, "deadline": {"۱۴۰۳/۰۷/۱۵"},
		"unit_ids": {strconv.FormatInt(e.branch.ID, 10)}, "all": {"provinces"}, "chain": {"province,secretariat"},
		"require_evidence": {"1"}}
	res = sec.post("/rounds", good)
	m := roundPath.FindStringSubmatch(res.location())
	if res.status != http.StatusSeeOther || m == nil {
		t.Fatalf("open the round: status %d to %q: %s", res.status, res.location(), byID(t, res.body, "round-form"))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	rd, err := e.db.FindRound(storetest.System(), id)
	if err != nil {
		t.Fatal(err)
	}
	provinces, _, _ := e.db.FindOrgUnits(storetest.System(), payesh.OrgUnitFilter{Kind: payesh.UnitProvince, Page: payesh.Page{Limit: payesh.MaxLimit}})
	if !rd.RequireEvidence || rd.RequireNarrative || rd.RequireValues {
		t.Errorf("stored requirements: %+v", rd)
	}
	if rd.Period != "1403Q2" || rd.Deadline.JalaliString() != "1403/07/15" || len(rd.UnitIDs) != len(provinces)+1 || len(rd.Chain) != 2 {
		t.Errorf("stored round: period %s, deadline %s, %d units (want %d), chain %v", rd.Period, rd.Deadline.JalaliString(), len(rd.UnitIDs), len(provinces)+1, rd.Chain)
	}
	page := sec.get(res.location())
	if page.status != http.StatusOK || !strings.Contains(page.body, e.branchName) || !strings.Contains(page.body, fa("ui.round.flash.created")) {
		t.Errorf("round page: status %d", page.status)
	}
	if got := byID(t, page.body, "round-requires"); !strings.Contains(got, fa("ui.round.require_evidence")) || strings.Contains(got, fa("ui.round.require_values")) {
		t.Errorf("the round's requirements read %q", got)
	}
	// The branch's reporter finds the report in the inbox, with its deadline.
	inbox := e.as("branch-rep").get("/inbox")
	if !strings.Contains(inbox.body, "گزارش پیشرفت تابستان ۱۴۰۳") || !strings.Contains(inbox.body, "۱۴۰۳/۰۷/۱۵") {
		t.Errorf("the branch's inbox does not show the round and its deadline")
	}
}

// TestRoundSummaryCounts: three days past the deadline, a branch's report
// went through both reviews, an office's waits for the secretariat, and a
// directorate never sent its own: the round page and the summary count
// them so — all three late — and the summary counts per axis.
func TestRoundSummaryCounts(t *testing.T) {
	e := newRoundEnv(t, app.Options{})
	rd := e.openRound(-3, e.branch, e.office, e.other)
	rep := e.report(rd, e.branch)
	rep = e.act("branch-rep", rep, payesh.ActSubmit)
	rep = e.act("prov-rep", rep, payesh.ActApprove)
	e.act("secretariat", rep, payesh.ActApprove)
	e.act("reporter", e.report(rd, e.office), payesh.ActSubmit)
	// The branch closed a work item today, five days after its due date.
	late := &payesh.WorkItem{Kind: payesh.KindAction, Title: "راه‌اندازی میز خدمت آزمایشی", OwnerUnitID: e.branch.ID,
		StartDate: e.today.AddDays(-60), DueDate: e.today.AddDays(-5), Status: payesh.StatusDone}
	if err := e.db.CreateWorkItem(storetest.System(), late); err != nil {
		t.Fatal(err)
	}

	sec := e.as("secretariat")
	res := sec.get(fmt.Sprintf("/rounds/%d/summary", rd.ID))
	if res.status != http.StatusOK {
		t.Fatalf("summary: status %d", res.status)
	}
	want := map[string]int{"units": 3, "submitted": 2, "late": 3, "approved": 1, "in_review": 1, "returned": 0, "not_submitted": 1}
	for k, n := range want {
		re := regexp.MustCompile(`data-count="` + k + `">([^<]*)<`)
		m := re.FindStringSubmatch(res.body)
		if m == nil || jalali.ToLatinDigits(m[1]) != strconv.Itoa(n) {
			t.Errorf("summary %s = %v, want %d", k, m, n)
		}
	}
	lateRow := regexp.MustCompile(`<tr data-work="` + strconv.FormatInt(late.ID, 10) + `">(?s:.*?)</tr>`).FindString(htmlByID(t, res.body, "summary-late"))
	if !strings.Contains(lateRow, late.Title) || !strings.Contains(lateRow, strings.Replace(fa("ui.report.days_late"), "%d", "۵", 1)) {
		t.Errorf("the summary's late closures lack the branch's item, five days late: %q", lateRow)
	}
	if !strings.Contains(res.body, `data-payesh-print`) || !strings.Contains(res.body, fa("ui.summary.axis_note")) {
		t.Errorf("the summary lacks its print mark or the note on axes")
	}
	axes := byID(t, res.body, "summary-axes")
	if strings.Count(axes, "بند ") < 9 {
		t.Errorf("the summary does not list the nine axes: %q", axes)
	}
	// The women and family office owns the work on clause 8 (family): it
	// is counted there, in review.
	if m := regexp.MustCompile(`بند ۸[^۰-۹]*([۰-۹]+)\s+([۰-۹]+)\s+([۰-۹]+)`).FindStringSubmatch(axes); m == nil || m[1] != "۱" || m[3] != "۱" {
		t.Errorf("clause 8's row: %v, want one unit, in review", m)
	}
	round := sec.get(fmt.Sprintf("/rounds/%d", rd.ID))
	for _, s := range []string{e.branchName, fa("ui.report.state.approved"), fa("ui.report.state.submitted"), fa("ui.round.not_submitted"), fmt.Sprintf(`action="/rounds/%d/close"`, rd.ID)} {
		if !strings.Contains(round.body, s) {
			t.Errorf("round page lacks %q", s)
		}
	}
	// Another province's reporter sees only what it may read: nothing of
	// these units.
	other := e.as("prov-rep").get(fmt.Sprintf("/rounds/%d/summary", rd.ID))
	if other.status != http.StatusOK || strings.Contains(other.body, e.office.NameFA) || !strings.Contains(other.body, e.branchName) {
		t.Errorf("the directorate's summary shows units it may not read, or not its branch")
	}
	// Closing the round, then a stale close, which is a conflict.
	if res := sec.post(fmt.Sprintf("/rounds/%d/close", rd.ID), url.Values{"version": {strconv.Itoa(rd.Version)}}); res.status != http.StatusSeeOther {
		t.Fatalf("close: status %d", res.status)
	}
	if res := sec.post(fmt.Sprintf("/rounds/%d/close", rd.ID), url.Values{"version": {strconv.Itoa(rd.Version)}}); res.status != http.StatusConflict {
		t.Errorf("a stale close: status %d, want 409", res.status)
	}
}
