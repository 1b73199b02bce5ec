package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"payesh"
	"payesh/internal/app"
	"payesh/internal/demo"
	"payesh/internal/jalali"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// The policy, unit and admin tests run the whole application over a real
// store (SQLite, or PostgreSQL with PAYESH_TEST_POSTGRES) holding the demo
// data. Helpers carry a "pa" prefix so they never collide with another
// area's tests in this package.

// paToday is 1403/05/10, after every demo due date, so what is overdue
// does not depend on the day the tests run.
var paToday = jalali.Date{Year: 1403, Month: 5, Day: 10}.Time().Add(10 * time.Hour)

func paClock() time.Time { return paToday }

// paSite is the application with the demo loaded.
type paSite struct {
	t   *testing.T
	db  *store.DB
	srv *httptest.Server
	doc *payesh.Document
}

func newPASite(t *testing.T) *paSite {
	t.Helper()
	db := storetest.Open(t, store.Options{Now: paClock})
	sum, err := demo.Load(storetest.System(), demo.Services{Units: db, Documents: db, Work: db, Users: db})
	if err != nil {
		t.Fatalf("load demo: %v", err)
	}
	h, err := app.Handler(db, app.Options{Now: paClock})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	doc, err := db.FindDocumentByID(storetest.System(), sum.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	return &paSite{t: t, db: db, srv: srv, doc: doc}
}

// paJar keeps cookies by name for the one test host. The application
// dates cookies by the test clock, in 1403, and a real jar would throw
// them away as long expired.
type paJar struct {
	mu      sync.Mutex
	cookies map[string]*http.Cookie
}

func (j *paJar) SetCookies(_ *url.URL, cs []*http.Cookie) {
	j.mu.Lock()
	defer j.mu.Unlock()
	for _, c := range cs {
		if c.MaxAge < 0 {
			delete(j.cookies, c.Name)
		} else {
			j.cookies[c.Name] = c
		}
	}
}

func (j *paJar) Cookies(*url.URL) []*http.Cookie {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []*http.Cookie
	for _, c := range j.cookies {
		out = append(out, &http.Cookie{Name: c.Name, Value: c.Value})
	}
	return out
}

// paUser is a browser signed in as one person; it does not follow
// redirects, so tests see the 303 and its flash.
type paUser struct {
	t      *testing.T
	base   string
	client *http.Client
}

// as signs in; it fails the test unless the sign-in succeeds.
func (s *paSite) as(username, password string) *paUser {
	s.t.Helper()
	u := s.anonymous()
	r := u.post("/login", url.Values{"username": {username}, "password": {password}, "next": {"/"}})
	if r.status != http.StatusSeeOther {
		s.t.Fatalf("sign in as %s: status %d", username, r.status)
	}
	return u
}

func (s *paSite) anonymous() *paUser {
	return &paUser{t: s.t, base: s.srv.URL, client: &http.Client{
		Jar:           &paJar{cookies: map[string]*http.Cookie{}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// paPage is a response, read.
type paPage struct {
	status   int
	location string
	body     string
}

func (u *paUser) get(path string) paPage {
	u.t.Helper()
	resp, err := u.client.Get(u.base + path)
	if err != nil {
		u.t.Fatal(err)
	}
	return readPAPage(u.t, resp)
}

func (u *paUser) post(path string, form url.Values) paPage {
	u.t.Helper()
	req, err := http.NewRequest("POST", u.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		u.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", u.base) // as a browser sends it
	resp, err := u.client.Do(req)
	if err != nil {
		u.t.Fatal(err)
	}
	return readPAPage(u.t, resp)
}

func readPAPage(t *testing.T, resp *http.Response) paPage {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return paPage{status: resp.StatusCode, location: resp.Header.Get("Location"), body: string(b)}
}

// must fails unless the page has the status.
func (p paPage) must(t *testing.T, what string, status int) paPage {
	t.Helper()
	if p.status != status {
		t.Fatalf("%s: status %d, want %d\n%s", what, p.status, status, paExcerpt(p.body))
	}
	return p
}

// has fails for every text the page lacks.
func (p paPage) has(t *testing.T, what string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if !strings.Contains(p.body, s) {
			t.Errorf("%s: page lacks %q", what, s)
		}
	}
}

// lacks fails for every text the page has.
func (p paPage) lacks(t *testing.T, what string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if strings.Contains(p.body, s) {
			t.Errorf("%s: page has %q", what, s)
		}
	}
}

// paExcerpt is the main part of a page, for failure messages.
func paExcerpt(body string) string {
	if i := strings.Index(body, `<main`); i >= 0 {
		body = body[i:]
	}
	if len(body) > 3000 {
		body = body[:3000]
	}
	return body
}

// hiddenVersion reads the version a form carries.
var hiddenVersion = regexp.MustCompile(`name="version" value="(\d+)"`)

func (p paPage) version(t *testing.T) string {
	t.Helper()
	m := hiddenVersion.FindStringSubmatch(p.body)
	if m == nil {
		t.Fatalf("no version in form:\n%s", paExcerpt(p.body))
	}
	return m[1]
}

// clauses returns the demo policy's clauses by number.
func (s *paSite) clauses() map[string]*payesh.Clause {
	s.t.Helper()
	list, err := s.db.FindClauses(storetest.System(), s.doc.ID)
	if err != nil {
		s.t.Fatal(err)
	}
	out := map[string]*payesh.Clause{}
	for _, c := range list {
		out[c.Number] = c
	}
	return out
}

func paID(id int64) string { return strconv.FormatInt(id, 10) }

// clauseBlocks cuts the policy page into one piece per clause, in page
// order, keyed by the clause id in the piece's anchor.
func clauseBlocks(body string) (ids []string, blocks map[string]string) {
	blocks = map[string]string{}
	parts := strings.Split(body, `<li id="clause-`)
	for _, part := range parts[1:] {
		id := part[:strings.IndexByte(part, '"')]
		ids = append(ids, id)
		blocks[id] = part
	}
	return ids, blocks
}

func TestPolicyTree(t *testing.T) {
	s := newPASite(t)
	u := s.as("secretariat", demo.Password)
	page := u.get("/policy").must(t, "/policy", http.StatusOK)
	page.has(t, "/policy", "سیاست‌های کلی تأمین اجتماعی", "۱۴۰۱/۰۱/۲۱", "مقام معظم رهبری", "تحکیم خانواده و فرزندآوری")

	clauses := s.clauses()
	ids, blocks := clauseBlocks(page.body)
	if len(ids) != 9 {
		t.Fatalf("%d clauses on the page, want 9", len(ids))
	}
	for i, id := range ids {
		n := strconv.Itoa(i + 1)
		c := clauses[n]
		if id != paID(c.ID) {
			t.Errorf("clause %d on the page is id %s, want clause %s (id %d)", i+1, id, n, c.ID)
			continue
		}
		b := blocks[id]
		head := "بند " + jalali.ToPersianDigits(n)
		if !strings.Contains(b, "<strong>"+head+"</strong>") {
			t.Errorf("clause %s: heading %q missing", n, head)
		}
		if strings.Contains(b, head+"</strong> — "+head) || strings.Count(b, head) > 1 && c.TitleFA == head {
			t.Errorf("clause %s: the number is printed twice", n)
		}
		if !strings.Contains(b, `href="/work/new?clause=`+id+`"`) || !strings.Contains(b, "کار جدید برای این بند") {
			t.Errorf("clause %s: no link to new work for it", n)
		}
		answered := n == "8"
		if got := strings.Contains(b, `class="node unanswered"`); got == answered {
			t.Errorf("clause %s: marked unanswered = %v, want %v", n, got, !answered)
		}
		if got := strings.Contains(b, "بدون کار پاسخ‌دهنده"); got == answered {
			t.Errorf("clause %s: label «بدون کار پاسخ‌دهنده» shown = %v, want %v", n, got, !answered)
		}
	}
	// The unconfirmed clauses say that the secretariat loads their text.
	if b := blocks[paID(clauses["2"].ID)]; !strings.Contains(b, "متن رسمی را دبیرخانه بارگذاری می‌کند") {
		t.Error("clause 2: its note is missing")
	}
	// Clause 8 sums up the work answering it and links to the work list
	// filtered by it; the page does not list the work itself (at national
	// size a clause answers thousands of items).
	b8 := blocks[paID(clauses["8"].ID)]
	for _, want := range []string{"<progress", "status-done", `href="/work?clause=` + paID(clauses["8"].ID) + `"`, "فهرست کارهای پاسخ‌دهنده به این بند"} {
		if !strings.Contains(b8, want) {
			t.Errorf("clause 8: lacks %q", want)
		}
	}
	if strings.Contains(page.body, "<table") {
		t.Error("/policy lists work items; it should link to them")
	}
	if strings.Contains(blocks[paID(clauses["2"].ID)], "/work?clause=") {
		t.Error("clause 2 answers nothing, yet links to its work")
	}

	// Any document has the same page; a viewer gets no "new work" links.
	v := s.as("viewer", demo.Password)
	doc := v.get("/documents/"+paID(s.doc.ID)).must(t, "/documents/{id}", http.StatusOK)
	doc.has(t, "document as viewer", "تحکیم خانواده و فرزندآوری")
	doc.lacks(t, "document as viewer", "کار جدید برای این بند")
}

func TestClausePage(t *testing.T) {
	s := newPASite(t)
	u := s.as("reporter", demo.Password)
	clauses := s.clauses()
	c8 := clauses["8"]
	page := u.get("/clauses/"+paID(c8.ID)).must(t, "clause 8", http.StatusOK)
	linked, _, err := s.db.FindWorkItems(storetest.System(), payesh.WorkItemFilter{ClauseID: c8.ID, Page: payesh.Page{Limit: 5}})
	if err != nil || len(linked) == 0 {
		t.Fatalf("demo work linked to clause 8: %d, %v", len(linked), err)
	}
	page.has(t, "clause 8", "تحکیم خانواده و فرزندآوری", `href="/documents/`+paID(s.doc.ID)+`#clause-`+paID(c8.ID)+`"`,
		`href="/work/new?clause=`+paID(c8.ID)+`"`, "خلاصهٔ پیشرفت")
	for _, w := range linked {
		page.has(t, "clause 8", `href="/work/`+paID(w.ID)+`"`)
	}

	c2 := clauses["2"]
	page2 := u.get("/clauses/"+paID(c2.ID)).must(t, "clause 2", http.StatusOK)
	page2.has(t, "clause 2", "متن رسمی این بند هنوز بارگذاری نشده است", "بدون کار پاسخ‌دهنده", "<title>بند ۲ — ")
	page2.lacks(t, "clause 2", "بند ۲ — بند ۲")
}

func TestPagesUnknownIDs(t *testing.T) {
	s := newPASite(t)
	u := s.as("admin", demo.Password)
	for _, path := range []string{
		"/documents/99999", "/clauses/99999", "/clauses/abc", "/units/99999", "/units/0",
		"/admin/users/99999", "/admin/units/99999", "/admin/documents/99999",
		"/admin/documents/99999/clauses/new", "/admin/clauses/99999",
	} {
		p := u.get(path).must(t, path, http.StatusNotFound)
		p.has(t, path, "یافت نشد")
	}
	p := u.post("/admin/clauses/99999", url.Values{"number": {"1"}, "title_fa": {"x"}, "version": {"1"}})
	p.must(t, "POST unknown clause", http.StatusNotFound)
}
