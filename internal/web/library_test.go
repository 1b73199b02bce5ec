package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/store/storetest"
)

// The library and the search, through the pages, on the store the tests
// run on (SQLite, or PostgreSQL with PAYESH_TEST_POSTGRES). Helpers carry
// a "lib" prefix.

// libUpload posts a file, and a note before it, as the upload form does.
func (u *paUser) libUpload(path, name, note string, content []byte) paPage {
	u.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if err := mw.WriteField("file_note", note); err != nil {
		u.t.Fatal(err)
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		u.t.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	req, err := http.NewRequest("POST", u.base+path, &body)
	if err != nil {
		u.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", u.base)
	resp, err := u.client.Do(req)
	if err != nil {
		u.t.Fatal(err)
	}
	return readPAPage(u.t, resp)
}

// libPDF is a file that sniffs as a PDF.
func libPDF(text string) []byte { return []byte("%PDF-1.4\n% " + text + "\n%%EOF\n") }

// libDoc creates a document as the secretariat would have it.
func (s *paSite) libDoc(code string, kind payesh.DocumentKind, title string, state payesh.DocumentState) *payesh.Document {
	s.t.Helper()
	d := &payesh.Document{Code: code, Kind: kind, TitleFA: title, State: state}
	if err := s.db.CreateDocument(storetest.System(), d); err != nil {
		s.t.Fatal(err)
	}
	return d
}

// libFileIDs reads the download links of a document's page, newest first.
var libFileLink = regexp.MustCompile(`href="/library/files/(\d+)"`)

func TestLibraryDocumentOnClausePage(t *testing.T) {
	s := newPASite(t)
	sec := s.as("secretariat", demo.Password)
	c8 := s.clauses()["8"]
	doc := s.libDoc("test-support-8", payesh.DocSupporting, "سند پشتیبان تحکیم خانواده", payesh.DocDraft)
	plan := s.libDoc("test-plan", payesh.DocPlan, "قانون آزمایشی برنامه", payesh.DocApproved)
	article := &payesh.Clause{DocumentID: plan.ID, Number: "10", TitleFA: "مادهٔ ده", Ordinal: 10}
	if err := s.db.CreateClause(storetest.System(), article); err != nil {
		t.Fatal(err)
	}
	base := "/library/" + paID(doc.ID)

	for i, text := range []string{"نسخهٔ نخست", "نسخهٔ بازبینی‌شده"} {
		p := sec.libUpload(base+"/files", "سند-پشتیبان.pdf", text, libPDF(text)).must(t, "upload", http.StatusSeeOther)
		if !strings.Contains(p.location, "flash=ui.library.flash.uploaded") {
			t.Errorf("upload %d went to %q", i+1, p.location)
		}
	}
	// A reporter may read the library, not write it: refused before the
	// file is read.
	s.as("reporter", demo.Password).libUpload(base+"/files", "x.pdf", "", libPDF("x")).must(t, "reporter's upload", http.StatusForbidden)
	// An image is not a document's file; the page says so beside the field.
	sec.libUpload(base+"/files", "picture.png", "", []byte("\x89PNG\r\n\x1a\n")).must(t, "png", http.StatusBadRequest).
		has(t, "png", `id="e-file"`)

	page := sec.get(base).must(t, "document page", http.StatusOK)
	files := libFileLink.FindAllStringSubmatch(page.body, -1)
	if len(files) != 2 {
		t.Fatalf("%d versions on the page, want 2", len(files))
	}
	page.has(t, "document page", "نسخهٔ ۲", "نسخهٔ ۱", "نسخهٔ بازبینی‌شده", "آخرین نسخه")

	// A draft is not sent: the form is not offered, and a post is refused.
	page.lacks(t, "draft", `id="sending-form"`)
	sending := url.Values{"recipient": {"وزارت متبوع"}, "sent_on": {"۱۴۰۱/۰۳/۲۰"}, "letter_no": {"۱۲۳/ص"}, "file_id": {files[0][1]}}
	sec.post(base+"/sendings", sending).must(t, "sending a draft", http.StatusBadRequest).
		has(t, "sending a draft", "پیش‌نویس ارسال نمی‌شود")
	sec.post(base+"/state", url.Values{"state": {"approved"}, "version": {page.version(t)}}).must(t, "approve", http.StatusSeeOther)
	// The sending's date is checked: not after today (1403/05/10).
	late := url.Values{"recipient": {"وزارت متبوع"}, "sent_on": {"۱۴۰۴/۰۱/۰۱"}}
	sec.post(base+"/sendings", late).must(t, "future sending", http.StatusBadRequest).has(t, "future sending", `id="e-sent_on"`)
	sec.post(base+"/sendings", sending).must(t, "sending", http.StatusSeeOther)
	sec.post(base+"/links", url.Values{"clause_id": {paID(c8.ID)}}).must(t, "link", http.StatusSeeOther)
	sec.post(base+"/links", url.Values{"clause_id": {paID(c8.ID)}}).must(t, "link twice", http.StatusBadRequest).
		has(t, "link twice", "این پیوند پیش‌تر ثبت شده است")
	sec.post("/library/"+paID(plan.ID)+"/links", url.Values{"clause_id": {paID(c8.ID)}, "article_id": {paID(article.ID)}}).
		must(t, "article link", http.StatusSeeOther)

	page = sec.get(base).must(t, "sent document", http.StatusOK)
	page.has(t, "sent document", "ارسال به وزارت متبوع در ۱۴۰۱/۰۳/۲۰", "۱۲۳/ص", "doc-state-sent", "نسخهٔ ارسالی: نسخهٔ ۲")
	page.lacks(t, "sent document", `action="`+base+`/state"`) // sent stays sent

	// Everyone who reads the clause sees its library: the supporting
	// document with its two versions and its sending, the plan's article.
	for _, who := range []string{"secretariat", "viewer"} {
		u := s.as(who, demo.Password)
		cp := u.get("/clauses/"+paID(c8.ID)).must(t, who+"'s clause page", http.StatusOK)
		sup := cp.section(t, `id="supporting"`, `id="upstream"`)
		for _, want := range []string{"سند پشتیبان تحکیم خانواده", "۲ نسخه", "ارسال به وزارت متبوع در ۱۴۰۱/۰۳/۲۰", "/library/files/" + files[0][1]} {
			if !strings.Contains(sup, want) {
				t.Errorf("%s: the clause's supporting documents lack %q", who, want)
			}
		}
		if up := cp.section(t, `id="upstream"`, `id="work-h"`); !strings.Contains(up, "قانون آزمایشی برنامه") || !strings.Contains(up, "مادهٔ ۱۰") {
			t.Errorf("%s: the upstream articles lack the plan's article 10:\n%s", who, up)
		}
		got := u.get("/library/files/"+files[1][1]).must(t, who+"'s download", http.StatusOK)
		if got.body != string(libPDF("نسخهٔ نخست")) {
			t.Errorf("%s downloaded %q", who, got.body)
		}
	}
}

// section is the part of the page from one marker to the next.
func (p paPage) section(t *testing.T, from, to string) string {
	t.Helper()
	i := strings.Index(p.body, from)
	if i < 0 {
		t.Fatalf("no %s on the page", from)
	}
	rest := p.body[i:]
	if j := strings.Index(rest, to); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

var libUnsupported = regexp.MustCompile(`id="unsupported-(\d+)"`)

func TestLibraryUnsupportedReport(t *testing.T) {
	s := newPASite(t)
	cl := s.clauses()
	approved := s.libDoc("test-support-1", payesh.DocSupporting, "سند پشتیبان بند یک", payesh.DocApproved)
	draft := s.libDoc("test-support-3", payesh.DocSupporting, "سند پشتیبان بند سه", payesh.DocDraft)
	plan := s.libDoc("test-plan-2", payesh.DocPlan, "برنامهٔ آزمایشی", payesh.DocApproved)
	for doc, clause := range map[*payesh.Document]string{approved: "1", draft: "3", plan: "2"} {
		if err := s.db.LinkDocument(storetest.System(), &payesh.ClauseLink{DocumentID: doc.ID, ClauseID: cl[clause].ID}); err != nil {
			t.Fatal(err)
		}
	}
	// A plan's article is no support; a draft supports for those who read
	// it, the secretariat.
	for who, want := range map[string]string{
		"secretariat": "2 4 5 6 7 8 9",
		"viewer":      "2 3 4 5 6 7 8 9",
	} {
		p := s.as(who, demo.Password).get("/library/unsupported").must(t, who, http.StatusOK)
		byID := map[string]string{}
		for n, c := range cl {
			byID[paID(c.ID)] = n
		}
		var got []string
		for _, m := range libUnsupported.FindAllStringSubmatch(p.body, -1) {
			got = append(got, byID[m[1]])
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%s: clauses without a supporting document %q, want %q", who, strings.Join(got, " "), want)
		}
		p.has(t, who, "بندهای بدون سند پشتیبان")
	}
	p := s.as("viewer", demo.Password).get("/library/unsupported?document="+paID(s.doc.ID)).must(t, "named", http.StatusOK)
	p.has(t, "named", "۸ بند از ۹ بند")
}

func TestLibrarySearchPersian(t *testing.T) {
	s := newPASite(t)
	root, err := s.db.FindOrgUnitByCode(storetest.System(), "secretariat")
	if err != nil {
		t.Fatal(err)
	}
	item := &payesh.WorkItem{Kind: payesh.KindResolution, Title: "پیگیری مصوبه‌های کمیتهٔ تخصصی", OwnerUnitID: root.ID}
	if err := s.db.CreateWorkItem(storetest.System(), item); err != nil {
		t.Fatal(err)
	}
	draft := s.libDoc("test-minutes", payesh.DocReport, "فهرست مصوبه‌های کمیته", payesh.DocDraft)
	arabic := strings.NewReplacer("ی", "ي", "ک", "ك")
	cases := []struct {
		who, q string
		want   []string // links the results must hold
		lack   []string
	}{
		// «مصوبه‌های کمیته» typed on an Arabic keyboard, without the ZWNJ.
		{"secretariat", arabic.Replace("مصوبههای کمیته"), []string{`href="/work/` + paID(item.ID) + `"`, `href="/library/` + paID(draft.ID) + `"`}, nil},
		{"secretariat", "مصوبه ها", []string{`href="/work/` + paID(item.ID) + `"`}, nil},
		// The draft is the secretariat's.
		{"viewer", arabic.Replace("مصوبههای کمیته"), []string{`href="/work/` + paID(item.ID) + `"`}, []string{`href="/library/` + paID(draft.ID) + `"`}},
	}
	for _, c := range cases {
		p := s.as(c.who, demo.Password).get("/search?q="+url.QueryEscape(c.q)).must(t, c.q, http.StatusOK)
		p.has(t, c.who+" "+c.q, c.want...)
		p.lacks(t, c.who+" "+c.q, c.lack...)
		p.has(t, c.q, `value="`+c.q+`"`) // the box keeps what was typed
	}
	s.as("viewer", demo.Password).get("/search?q="+url.QueryEscape("م")).must(t, "short", http.StatusBadRequest).
		has(t, "short", "دست‌کم دو حرف بنویسید")
	// The top bar's box is on every page.
	s.as("viewer", demo.Password).get("/").must(t, "home", http.StatusOK).has(t, "home", `action="/search"`)
}
