package web_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"payesh"
	"payesh/internal/app"
	"payesh/internal/demo"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// workNow is a fixed clock. It is the time the tests started, not a date
// in the past: the session cookie's expiry is computed from the server's
// clock, and a cookie jar drops a cookie that expired in the real past.
// The demo's 1401 deadlines have passed either way.
func workNow() time.Time { return workStart }

var workStart = time.Now()

// workEnv is the application over a real store holding the demo data.
type workEnv struct {
	t   *testing.T
	db  *store.DB
	srv *httptest.Server
}

func newWorkEnv(t *testing.T) *workEnv {
	t.Helper()
	db := storetest.Open(t, store.Options{Now: workNow})
	if _, err := demo.Load(storetest.System(), demo.Services{Units: db, Documents: db, Work: db, Users: db}); err != nil {
		t.Fatalf("demo: %v", err)
	}
	h, err := app.Handler(db, app.Options{Now: workNow})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &workEnv{t: t, db: db, srv: srv}
}

// item returns the demo item with code.
func (e *workEnv) item(code string) *payesh.WorkItem {
	e.t.Helper()
	items, _, err := e.db.FindWorkItems(storetest.System(), payesh.WorkItemFilter{Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, w := range items {
		if w.Code == code {
			return w
		}
	}
	e.t.Fatalf("no work item %q", code)
	return nil
}

// reload reads an item again; nil when it is gone.
func (e *workEnv) reload(id int64) *payesh.WorkItem {
	e.t.Helper()
	w, err := e.db.FindWorkItemByID(storetest.System(), id)
	if payesh.ErrorCode(err) == payesh.ENOTFOUND {
		return nil
	} else if err != nil {
		e.t.Fatal(err)
	}
	return w
}

func (e *workEnv) unit(code string) *payesh.OrgUnit {
	e.t.Helper()
	u, err := e.db.FindOrgUnitByCode(storetest.System(), code)
	if err != nil {
		e.t.Fatal(err)
	}
	return u
}

func (e *workEnv) count() int {
	e.t.Helper()
	_, n, err := e.db.FindWorkItems(storetest.System(), payesh.WorkItemFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// workClient is a browser signed in as one demo user. It does not follow
// redirects, so tests see them.
type workClient struct {
	e *workEnv
	c *http.Client
}

func (e *workEnv) as(username string) *workClient {
	e.t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &workClient{e: e, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
	res := c.post("/login", url.Values{"username": {username}, "password": {demo.Password}, "next": {"/"}}, nil)
	if res.status != http.StatusSeeOther {
		e.t.Fatalf("sign in as %s: status %d", username, res.status)
	}
	return c
}

type workResult struct {
	status int
	header http.Header
	body   string
}

func (c *workClient) do(req *http.Request, hdr map[string]string) workResult {
	c.e.t.Helper()
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := c.c.Do(req)
	if err != nil {
		c.e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.e.t.Fatal(err)
	}
	return workResult{status: res.StatusCode, header: res.Header, body: string(b)}
}

func (c *workClient) get(path string) workResult {
	req, _ := http.NewRequest(http.MethodGet, c.e.srv.URL+path, nil)
	return c.do(req, nil)
}

// post sends a form as a browser does, saying where it comes from.
func (c *workClient) post(path string, form url.Values, hdr map[string]string) workResult {
	req, _ := http.NewRequest(http.MethodPost, c.e.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", c.e.srv.URL)
	return c.do(req, hdr)
}

// workHTMX are the headers htmx sends from the detail page's progress form.
var workHTMX = map[string]string{"HX-Request": "true", "HX-Target": "work-main", "HX-Current-URL": "/work"}

func workFA(key string) string { return i18n.T(i18n.FA, key) }

func (r workResult) want(t *testing.T, status int, contains ...string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body:\n%s", r.status, status, workExcerpt(r.body))
	}
	for _, s := range contains {
		if !strings.Contains(r.body, s) {
			t.Errorf("page lacks %q", s)
		}
	}
}

func (r workResult) lacks(t *testing.T, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if strings.Contains(r.body, s) {
			t.Errorf("page should not contain %q", s)
		}
	}
}

// workExcerpt is the page's main content, for failure messages.
func workExcerpt(body string) string {
	if i := strings.Index(body, `<main`); i >= 0 {
		body = body[i:]
	}
	if len(body) > 3000 {
		body = body[:3000]
	}
	return body
}

func workLink(w *payesh.WorkItem) string { return fmt.Sprintf(`href="/work/%d"`, w.ID) }

// rowsOf returns the item links of the list's table, in order.
func workRows(body string) []string {
	i := strings.Index(body, "<tbody>")
	if i < 0 {
		return nil
	}
	return regexp.MustCompile(`<td><a href="/work/(\d+)"`).FindAllString(body[i:], -1)
}

var workVersionField = regexp.MustCompile(`name="version" value="(\d+)"`)

func workVersionIn(t *testing.T, body string) int {
	t.Helper()
	m := workVersionField.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no version field on the page")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// errorBeside returns the error message shown beside field.
func workErrorBeside(body, field string) string {
	m := regexp.MustCompile(`id="e-` + field + `"[^>]*>([^<]*)<`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}

func TestWorkListFilters(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	c := e.as("viewer")
	sso, ministry := e.unit("sso"), e.unit("partner-mcls")
	opProgram, regulations := e.item("mcls-op-program"), e.item("mcls-regulations")
	comprehensive, women, hq := e.item("mcls-comprehensive"), e.item("women-clause8"), e.item("women-c8-hq")
	supportDocs, hospital := e.item("sso-op-support-docs"), e.item("khr-imam-reza-hospital")
	clause8 := women.ClauseIDs[0]

	cases := []struct {
		name, query string
		in, out     []*payesh.WorkItem
	}{
		{"overdue", "overdue=1", []*payesh.WorkItem{opProgram, regulations}, []*payesh.WorkItem{hq, supportDocs}},
		{"unit subtree", fmt.Sprintf("unit=%d", sso.ID), []*payesh.WorkItem{women, hq, hospital}, []*payesh.WorkItem{comprehensive}},
		{"unit with partners", fmt.Sprintf("unit=%d&include_partner=1", sso.ID), []*payesh.WorkItem{women, comprehensive}, nil},
		{"partner unit alone", fmt.Sprintf("unit=%d", ministry.ID), []*payesh.WorkItem{comprehensive, opProgram}, []*payesh.WorkItem{women}},
		// The women's program was reported in progress, but every one of
		// its actions is done: lists filter by the status they show.
		{"status list", "status=not_started,in_progress,delayed", []*payesh.WorkItem{supportDocs}, []*payesh.WorkItem{hq, women}},
		{"status repeated", "status=done&status=cancelled", []*payesh.WorkItem{hq, women}, []*payesh.WorkItem{supportDocs}},
		{"clause with sub-clauses", fmt.Sprintf("clause=%d", clause8), []*payesh.WorkItem{women, hq}, []*payesh.WorkItem{supportDocs}},
		{"kind", "kind=milestone", []*payesh.WorkItem{opProgram}, []*payesh.WorkItem{regulations}},
		{"text", "q=" + url.QueryEscape("بیمارستان"), []*payesh.WorkItem{hospital}, []*payesh.WorkItem{women}},
		{"due range in Persian digits", "due_from=" + url.QueryEscape("۱۴۰۱/۰۱/۰۱") + "&due_to=" + url.QueryEscape("۱۴۰۱/۰۳/۲۱"),
			[]*payesh.WorkItem{opProgram}, []*payesh.WorkItem{regulations, supportDocs}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := c.get("/work?" + tc.query)
			r.want(t, http.StatusOK)
			for _, w := range tc.in {
				if !strings.Contains(r.body, workLink(w)) {
					t.Errorf("%s missing", w.Code)
				}
			}
			for _, w := range tc.out {
				if strings.Contains(r.body, workLink(w)) {
					t.Errorf("%s should be filtered out", w.Code)
				}
			}
		})
	}

	t.Run("status checkboxes keep the comma list", func(t *testing.T) {
		r := c.get("/work?status=not_started,in_progress,delayed")
		r.want(t, http.StatusOK, `value="in_progress" checked`, `value="delayed" checked`, "اعمال فیلتر")
		r.lacks(t, `value="done" checked`)
	})

	t.Run("total", func(t *testing.T) {
		r := c.get("/work?kind=research")
		r.want(t, http.StatusOK, `<p class="muted" id="work-total">`+jalali.ToPersianDigits(fmt.Sprintf(workFA("ui.work.list.total"), 1))+`</p>`)
	})

	t.Run("sort", func(t *testing.T) {
		r := c.get("/work?overdue=1&sort=-due_date")
		r.want(t, http.StatusOK, `aria-sort="descending"`, `href="/work?overdue=1&amp;sort=due_date"`)
		rows := workRows(r.body)
		if workPos(rows, regulations) > workPos(rows, opProgram) {
			t.Errorf("descending due dates: %s (1401/07) should come before %s (1401/03): %v", regulations.Code, opProgram.Code, rows)
		}
		r = c.get("/work?overdue=1&sort=due_date")
		r.want(t, http.StatusOK, `aria-sort="ascending"`, `href="/work?overdue=1&amp;sort=-due_date"`)
		rows = workRows(r.body)
		if workPos(rows, regulations) < workPos(rows, opProgram) {
			t.Errorf("ascending due dates in the wrong order: %v", rows)
		}
	})
}

func workPos(rows []string, w *payesh.WorkItem) int {
	for i, r := range rows {
		if strings.HasSuffix(r, fmt.Sprintf(`"/work/%d"`, w.ID)) {
			return i
		}
	}
	return -1
}

func TestWorkListPages(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	owner := e.unit("secretariat")
	for i := range 40 {
		w := &payesh.WorkItem{Kind: payesh.KindAction, Title: fmt.Sprintf("کار آزمایشی %d", i), OwnerUnitID: owner.ID}
		if err := e.db.CreateWorkItem(storetest.System(), w); err != nil {
			t.Fatal(err)
		}
	}
	total := e.count()
	if total <= 50 {
		t.Fatalf("only %d items; the test needs more than a page", total)
	}
	c := e.as("viewer")
	first := c.get("/work")
	first.want(t, http.StatusOK, `rel="next"`, `offset=50`)
	if n := len(workRows(first.body)); n != 50 {
		t.Errorf("first page has %d rows, want 50", n)
	}
	second := c.get("/work?offset=50")
	second.want(t, http.StatusOK, `rel="prev"`)
	second.lacks(t, `rel="next"`)
	if n := len(workRows(second.body)); n != total-50 {
		t.Errorf("second page has %d rows, want %d", n, total-50)
	}
	seen := map[string]bool{}
	for _, r := range append(workRows(first.body), workRows(second.body)...) {
		if seen[r] {
			t.Errorf("%s on both pages", r)
		}
		seen[r] = true
	}
}

func TestWorkListBadFilters(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	r := e.as("viewer").get("/work?unit=abc&status=bogus&kind=nope&due_from=1403/13/40&clause=999999&overdue=maybe&sort=nope&q=" + url.QueryEscape("بیمارستان"))
	r.want(t, http.StatusOK, workLink(e.item("khr-imam-reza-hospital")), workFA("ui.work.filter.bad_sort"), `value="1403/13/40"`)
	for field, key := range map[string]string{
		"unit": "err.unknown_ref", "status": "err.work.status", "kind": "err.work.kind",
		"due_from": "err.bad_jalali_date", "clause": "err.unknown_ref", "overdue": "err.bad_query",
	} {
		if got := workErrorBeside(r.body, field); got != workFA(key) {
			t.Errorf("beside %s: %q, want %q", field, got, workFA(key))
		}
	}

	r = e.as("viewer").get("/work?due_from=1403/02/10&due_to=1403/01/01")
	r.want(t, http.StatusOK)
	if got := workErrorBeside(r.body, "due_to"); got != workFA("err.work.due_range") {
		t.Errorf("reversed range: %q", got)
	}
}

func TestWorkDetail(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	w := e.item("women-c8-research-group")
	parent := e.item("women-clause8")
	research := e.unit("research-institute")
	r := e.as("viewer").get(fmt.Sprintf("/work/%d", w.ID))
	r.want(t, http.StatusOK,
		w.Title,
		fmt.Sprintf(`<a href="/units/%d">%s</a>`, research.ID, research.NameFA),
		fmt.Sprintf(`<a href="/clauses/%d">بند ۸ — تحکیم خانواده و فرزندآوری</a>`, w.ClauseIDs[0]),
		workLink(parent), "۱۴۰۱/۰۱/۲۱", "۱۴۰۲/۰۱/۲۱", // start and done dates
		"بیش از ۳۰۰ نفرساعت", payesh.System.Name, // the history: note and author
		`white-space: pre-line`,
		workFA("ui.status.done"), "۱۰۰٪")
	// A viewer reads; nothing to change.
	r.lacks(t, fmt.Sprintf(`/work/%d/edit`, w.ID), `hx-post=`, fmt.Sprintf(`/work/%d/delete`, w.ID), "/work/new?parent=")

	r = e.as("reporter").get(fmt.Sprintf("/work/%d", w.ID))
	r.want(t, http.StatusOK, fmt.Sprintf(`/work/%d/edit`, w.ID), `hx-post=`, `hx-target="#work-main"`, fmt.Sprintf(`/work/%d/delete`, w.ID))

	// A parent lists its children with their weights and offers no delete.
	r = e.as("reporter").get(fmt.Sprintf("/work/%d", parent.ID))
	r.want(t, http.StatusOK, workLink(w), workFA("ui.work.children"), fmt.Sprintf("/work/new?parent=%d", parent.ID))
	r.lacks(t, fmt.Sprintf(`/work/%d/delete`, parent.ID))

	e.as("viewer").get("/work/999999").want(t, http.StatusNotFound)
	e.as("viewer").get("/work/abc").want(t, http.StatusNotFound)
}

func TestWorkCreate(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	c := e.as("secretariat")
	owner, partner := e.unit("secretariat"), e.unit("partner-mcls")
	parent := e.item("sso-op")
	clause := e.item("women-clause8").ClauseIDs[0]

	r := c.get(fmt.Sprintf("/work/new?parent=%d&clause=%d", parent.ID, clause))
	r.want(t, http.StatusOK, fmt.Sprintf(`<option value="%d" selected>`, parent.ID), `<option value="action" selected>`,
		fmt.Sprintf(`value="%d" checked`, clause), `data-jdp`)

	form := url.Values{
		"kind": {"action"}, "title": {"  تهیهٔ گزارش سالانه  "}, "code": {"annual-report"},
		"description": {"خط اول\nخط دوم"}, "owner_unit_id": {fmt.Sprint(owner.ID)},
		"partner_unit_ids": {fmt.Sprint(partner.ID)}, "clause_ids": {fmt.Sprint(clause)},
		"parent_id": {fmt.Sprint(parent.ID)}, "start_date": {"1403/01/10"}, "due_date": {"۱۴۰۳/۰۲/۱۵"}, "weight": {"۲٫۵"},
	}
	r = c.post("/work", form, nil)
	r.want(t, http.StatusSeeOther)
	loc := r.header.Get("Location")
	var id int64
	if _, err := fmt.Sscanf(loc, "/work/%d?flash=ui.work.flash.created", &id); err != nil {
		t.Fatalf("redirect to %q", loc)
	}
	w := e.reload(id)
	if w.Title != "تهیهٔ گزارش سالانه" || w.DueDate.String() != "2024-05-04" || w.StartDate.String() != "2024-03-29" ||
		w.Weight != 2.5 || *w.ParentID != parent.ID || w.Description != "خط اول\nخط دوم" {
		t.Errorf("stored %+v", w)
	}
	if len(w.PartnerUnitIDs) != 1 || w.PartnerUnitIDs[0] != partner.ID || len(w.ClauseIDs) != 1 || w.ClauseIDs[0] != clause {
		t.Errorf("links %v %v", w.PartnerUnitIDs, w.ClauseIDs)
	}
	c.get(loc).want(t, http.StatusOK, workFA("ui.work.flash.created"), "۱۴۰۳/۰۲/۱۵")
}

func TestWorkCreateInvalid(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	c := e.as("secretariat")
	owner, partner := e.unit("secretariat"), e.unit("partner-mcls")
	before := e.count()
	form := url.Values{
		"kind": {"action"}, "title": {""}, "code": {"my-code"}, "description": {"شرحی که نباید گم شود"},
		"owner_unit_id": {fmt.Sprint(owner.ID)}, "partner_unit_ids": {fmt.Sprint(partner.ID)},
		"start_date": {"۱۴۰۳/۰۲/۱۰"}, "due_date": {"۱۴۰۳/۱۳/۰۱"}, "weight": {"سه"},
	}
	r := c.post("/work", form, nil)
	r.want(t, http.StatusBadRequest, `value="my-code"`, "شرحی که نباید گم شود", `value="۱۴۰۳/۰۲/۱۰"`, `value="۱۴۰۳/۱۳/۰۱"`,
		fmt.Sprintf(`<option value="%d" selected>`, partner.ID))
	for field, key := range map[string]string{"title": "err.required", "due_date": "err.bad_jalali_date", "weight": "err.number"} {
		if got := workErrorBeside(r.body, field); got != workFA(key) {
			t.Errorf("beside %s: %q, want %q", field, got, workFA(key))
		}
	}
	// The domain's rules: due before start, owner as partner.
	form.Set("title", "عنوان")
	form.Set("due_date", "1403/01/01")
	form.Set("weight", "1")
	form.Set("partner_unit_ids", fmt.Sprint(owner.ID))
	r = c.post("/work", form, nil)
	r.want(t, http.StatusBadRequest, `value="عنوان"`)
	for field, key := range map[string]string{"due_date": "err.work.due_before_start", "partner_unit_ids": "err.work.partner_is_owner"} {
		if got := workErrorBeside(r.body, field); got != workFA(key) {
			t.Errorf("beside %s: %q, want %q", field, got, workFA(key))
		}
	}
	if e.count() != before {
		t.Error("an invalid form saved an item")
	}
}

func TestWorkEditConflict(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	c := e.as("secretariat")
	w := e.item("sso-op-finalize")
	r := c.get(fmt.Sprintf("/work/%d/edit", w.ID))
	r.want(t, http.StatusOK, fmt.Sprintf(`value="%s"`, w.Title), `<option value="milestone" selected>`)
	seen := workVersionIn(t, r.body)

	// Someone else renames it meanwhile.
	theirs := "عنوانی که همکار ذخیره کرد"
	if _, err := e.db.UpdateWorkItem(storetest.System(), w.ID, payesh.WorkItemUpdate{Title: &theirs, Version: seen}); err != nil {
		t.Fatal(err)
	}
	form := workFormOf(w)
	form.Set("title", "عنوان من")
	form.Set("version", strconv.Itoa(seen))
	r = c.post(fmt.Sprintf("/work/%d", w.ID), form, nil)
	r.want(t, http.StatusConflict, workFA("ui.work.conflict.title"), theirs, `value="عنوان من"`)
	now := e.reload(w.ID)
	if now.Title != theirs {
		t.Fatalf("the stale form overwrote: %q", now.Title)
	}
	if v := workVersionIn(t, r.body); v != now.Version {
		t.Fatalf("the form carries version %d, want the new %d", v, now.Version)
	}

	// Saving again overwrites, knowingly.
	form.Set("version", strconv.Itoa(now.Version))
	r = c.post(fmt.Sprintf("/work/%d", w.ID), form, nil)
	r.want(t, http.StatusSeeOther)
	if got := e.reload(w.ID).Title; got != "عنوان من" {
		t.Errorf("title %q after the second save", got)
	}
}

// workFormOf is the edit form as the page fills it for w.
func workFormOf(w *payesh.WorkItem) url.Values {
	v := url.Values{
		"kind": {string(w.Kind)}, "title": {w.Title}, "code": {w.Code}, "description": {w.Description},
		"owner_unit_id": {fmt.Sprint(w.OwnerUnitID)}, "start_date": {w.StartDate.JalaliString()},
		"due_date": {w.DueDate.JalaliString()}, "weight": {fmt.Sprint(w.Weight)}, "version": {fmt.Sprint(w.Version)},
	}
	if w.ParentID != nil {
		v.Set("parent_id", fmt.Sprint(*w.ParentID))
	}
	for _, id := range w.PartnerUnitIDs {
		v.Add("partner_unit_ids", fmt.Sprint(id))
	}
	for _, id := range w.ClauseIDs {
		v.Add("clause_ids", fmt.Sprint(id))
	}
	return v
}

func TestWorkEdit(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	c := e.as("reporter")
	w := e.item("women-c8-sessions")
	form := workFormOf(w)
	form.Set("due_date", "۱۴۰۳/۰۶/۳۱")
	form.Del("parent_id") // detach
	// The due date is the secretariat's: the reporter must say why it
	// should move, and then asks rather than moves it.
	r := c.post(fmt.Sprintf("/work/%d", w.ID), form, nil)
	r.want(t, http.StatusBadRequest, workFA("err.work.change_reason"), `id="f-change_reason"`)
	form.Set("change_reason", "برگزاری نشست‌ها تا پایان شهریور ادامه دارد")
	r = c.post(fmt.Sprintf("/work/%d", w.ID), form, nil)
	r.want(t, http.StatusSeeOther)
	if loc := r.header.Get("Location"); loc != fmt.Sprintf("/work/%d?flash=ui.work.flash.change_requested", w.ID) {
		t.Errorf("redirect to %q", loc)
	}
	now := e.reload(w.ID)
	if !now.DueDate.Equal(w.DueDate) || now.ParentID != nil || now.PendingChange == nil {
		t.Fatalf("after edit: due %s, parent %v, change %v", now.DueDate, now.ParentID, now.PendingChange)
	}

	// The secretariat sees the request on the item's page and approves it.
	sec := e.as("secretariat")
	sec.get(fmt.Sprintf("/work/%d", w.ID)).want(t, http.StatusOK, `id="work-changes"`, "برگزاری نشست‌ها تا پایان شهریور ادامه دارد",
		fmt.Sprintf(`action="/work/changes/%d/approve"`, now.PendingChange.ID))
	c.get(fmt.Sprintf("/work/%d", w.ID)).lacks(t, fmt.Sprintf(`action="/work/changes/%d/approve"`, now.PendingChange.ID))
	r = sec.post(fmt.Sprintf("/work/changes/%d/approve", now.PendingChange.ID),
		url.Values{"version": {"1"}, "back": {fmt.Sprintf("/work/%d", w.ID)}}, nil)
	r.want(t, http.StatusSeeOther)
	if loc := r.header.Get("Location"); loc != fmt.Sprintf("/work/%d?flash=ui.work.changes.flash.approved", w.ID) {
		t.Errorf("redirect to %q", loc)
	}
	if now = e.reload(w.ID); now.DueDate.String() != "2024-09-21" {
		t.Errorf("after approval: due %s", now.DueDate)
	}
	// The edit form of a parent offers neither itself nor its children
	// as its parent.
	parent := e.item("women-clause8")
	r = c.get(fmt.Sprintf("/work/%d/edit", parent.ID))
	r.want(t, http.StatusOK)
	sel := r.body[strings.Index(r.body, `name="parent_id"`):]
	sel = sel[:strings.Index(sel, "</select>")]
	for _, id := range []int64{parent.ID, e.item("women-c8-hq").ID} {
		if strings.Contains(sel, fmt.Sprintf(`value="%d"`, id)) {
			t.Errorf("item %d offered as a parent of %d", id, parent.ID)
		}
	}
}

func TestWorkProgress(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	c := e.as("reporter")
	w := e.item("women-c8-sessions")
	parent := e.reload(*w.ParentID)
	path := fmt.Sprintf("/work/%d/progress", w.ID)

	t.Run("plain post", func(t *testing.T) {
		r := c.post(path, url.Values{"progress": {"۶۰"}, "note": {"گزارش ماه اول"}, "version": {fmt.Sprint(w.Version)}}, nil)
		r.want(t, http.StatusSeeOther)
		if loc := r.header.Get("Location"); loc != fmt.Sprintf("/work/%d?flash=ui.work.flash.progress", w.ID) {
			t.Errorf("redirect to %q", loc)
		}
		if got := e.reload(w.ID).Progress; got != 60 {
			t.Errorf("progress %v", got)
		}
		c.get(fmt.Sprintf("/work/%d?flash=ui.work.flash.progress", w.ID)).want(t, http.StatusOK, workFA("ui.work.flash.progress"), "گزارش ماه اول", "۶۰٪")
	})

	t.Run("htmx", func(t *testing.T) {
		before := e.reload(w.ID)
		r := c.post(path, url.Values{"progress": {"80"}, "note": {"گزارش ماه دوم"}, "version": {fmt.Sprint(before.Version)}}, workHTMX)
		r.want(t, http.StatusOK, "گزارش ماه دوم", workFA("ui.work.flash.progress"), "۸۰٪")
		if !strings.HasPrefix(strings.TrimSpace(r.body), `<div id="work-main">`) {
			t.Fatalf("not the fragment:\n%s", workExcerpt(r.body))
		}
		now := e.reload(parent.ID)
		if now.Progress == parent.Progress {
			t.Fatalf("the parent's progress did not change (%v)", now.Progress)
		}
		// The fragment shows the parent with its new progress.
		i := strings.Index(r.body, `id="work-parent"`)
		if i < 0 {
			t.Fatal("no parent in the fragment")
		}
		if want := fmt.Sprintf(`value="%v"`, now.Progress); !strings.Contains(r.body[i:i+600], want) {
			t.Errorf("parent shown without its new progress %s:\n%s", want, r.body[i:i+600])
		}
		if v := workVersionIn(t, r.body); v != e.reload(w.ID).Version {
			t.Errorf("the refreshed form has version %d", v)
		}
	})

	t.Run("progress 150", func(t *testing.T) {
		before := e.reload(w.ID)
		for _, hdr := range []map[string]string{nil, workHTMX} {
			r := c.post(path, url.Values{"progress": {"150"}, "note": {"یادداشت نگه‌داشته"}, "version": {fmt.Sprint(before.Version)}}, hdr)
			r.want(t, http.StatusBadRequest, `value="150"`, "یادداشت نگه‌داشته")
			if got := workErrorBeside(r.body, "progress"); got != workFA("err.work.progress") {
				t.Errorf("beside progress: %q", got)
			}
		}
		if e.reload(w.ID).Version != before.Version {
			t.Error("an invalid update was saved")
		}
	})

	t.Run("on an item with children", func(t *testing.T) {
		r := c.post(fmt.Sprintf("/work/%d/progress", parent.ID), url.Values{"progress": {"50"}, "version": {fmt.Sprint(e.reload(parent.ID).Version)}}, workHTMX)
		r.want(t, http.StatusBadRequest)
		if got := workErrorBeside(r.body, "progress"); got != workFA("err.work.progress_rolled_up") {
			t.Errorf("beside progress: %q", got)
		}
	})

	t.Run("stale version", func(t *testing.T) {
		now := e.reload(w.ID)
		r := c.post(path, url.Values{"status": {"delayed"}, "note": {"دیر رسید"}, "version": {fmt.Sprint(now.Version - 1)}}, workHTMX)
		r.want(t, http.StatusConflict, workFA("ui.work.progress.conflict"), "دیر رسید")
		if v := workVersionIn(t, r.body); v != now.Version {
			t.Errorf("the form carries version %d, want %d", v, now.Version)
		}
		if e.reload(w.ID).Status == payesh.StatusDelayed {
			t.Error("a stale update was saved")
		}
	})

	t.Run("done date", func(t *testing.T) {
		now := e.reload(w.ID)
		r := c.post(path, url.Values{"status": {"done"}, "done_date": {"۱۴۰۳/۰۲/۰۱"}, "version": {fmt.Sprint(now.Version)}}, nil)
		r.want(t, http.StatusSeeOther)
		done := e.reload(w.ID)
		if done.Status != payesh.StatusDone || done.Progress != 100 || done.DoneDate.String() != "2024-04-20" {
			t.Errorf("after done: %s %v %s", done.Status, done.Progress, done.DoneDate)
		}
	})
}

func TestWorkForbidden(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	reporter := e.as("reporter")
	other := e.item("sso-op-support-docs") // the secretariat's
	reporter.get(fmt.Sprintf("/work/%d/edit", other.ID)).want(t, http.StatusForbidden, workFA("ui.error.h403"))
	reporter.post(fmt.Sprintf("/work/%d", other.ID), workFormOf(other), nil).want(t, http.StatusForbidden)
	reporter.post(fmt.Sprintf("/work/%d/progress", other.ID), url.Values{"progress": {"90"}, "version": {fmt.Sprint(other.Version)}}, nil).
		want(t, http.StatusForbidden)
	reporter.post(fmt.Sprintf("/work/%d/delete", other.ID), url.Values{"version": {fmt.Sprint(other.Version)}}, nil).
		want(t, http.StatusForbidden)
	// Giving work to another unit is refused too, and saves nothing.
	before := e.count()
	reporter.post("/work", url.Values{"kind": {"action"}, "title": {"کار واحد دیگر"}, "owner_unit_id": {fmt.Sprint(other.OwnerUnitID)}}, nil).
		want(t, http.StatusForbidden)
	if e.count() != before || e.reload(other.ID).Version != other.Version {
		t.Error("a forbidden request changed data")
	}
	// The detail shows the reporter no controls on another unit's work.
	r := reporter.get(fmt.Sprintf("/work/%d", other.ID))
	r.want(t, http.StatusOK)
	r.lacks(t, `hx-post=`, fmt.Sprintf(`/work/%d/edit`, other.ID))

	viewer := e.as("viewer")
	viewer.get("/work/new").want(t, http.StatusForbidden)
	viewer.get("/work").lacks(t, `href="/work/new"`)
}

func TestWorkDelete(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	c := e.as("reporter")
	leaf, parent := e.item("women-c8-sessions"), e.item("women-clause8")
	half := 50.0
	if _, _, err := e.db.PostProgress(storetest.System(), leaf.ID, payesh.ProgressUpdateInput{Progress: &half, Version: leaf.Version}); err != nil {
		t.Fatal(err)
	}
	leaf, parent = e.reload(leaf.ID), e.reload(parent.ID)
	before := parent.Progress

	r := c.post(fmt.Sprintf("/work/%d/delete", parent.ID), url.Values{"version": {fmt.Sprint(parent.Version)}}, nil)
	r.want(t, http.StatusConflict, workFA("err.has_children"))
	if e.reload(parent.ID) == nil {
		t.Fatal("an item with children was deleted")
	}

	r = c.post(fmt.Sprintf("/work/%d/delete", leaf.ID), url.Values{"version": {fmt.Sprint(leaf.Version)}}, nil)
	r.want(t, http.StatusSeeOther)
	if loc := r.header.Get("Location"); loc != fmt.Sprintf("/work/%d?flash=ui.work.flash.deleted", parent.ID) {
		t.Errorf("redirect to %q", loc)
	}
	if e.reload(leaf.ID) != nil {
		t.Error("the item is still there")
	}
	// The only unfinished child is gone: the parent is now all done.
	if after := e.reload(parent.ID).Progress; after == before || after != 100 {
		t.Errorf("parent progress %v → %v", before, after)
	}
	c.get(fmt.Sprintf("/work/%d", leaf.ID)).want(t, http.StatusNotFound)
}
