package web_test

import (
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"payesh/internal/store/storetest"
)

// TestCallsWeb is the call for papers through the pages, on the engine
// the tests run on: the secretariat makes a call of three axes (one
// titled) feeding the special issue with two papers planned, records two
// papers, one with its file, and makes an external reviewer's link for
// the first; the reviewer, never signed in, sees that paper only — not
// the other, nor any of the site's navigation — downloads its file and
// reviews it; the decision moves the special issue to 50%; a viewer
// reads the call but cannot decide; a revoked link is a Persian page
// with 410, an unknown one 404.
func TestCallsWeb(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	sec, viewer := e.as("secretariat"), e.as("viewer")
	issue := e.item("rii-journal-special")
	institute := e.unit("research-institute")

	sec.get("/calls").want(t, http.StatusOK, workFA("ui.call.none"))
	sec.get("/calls/new").want(t, http.StatusOK, `id="call-form"`)
	form := url.Values{"title": {"فراخوان مقاله آزمون"}, "owner_unit_id": {fmt.Sprint(institute.ID)}, "axes": {"۰"},
		"axis_titles": {"\nپایداری صندوق‌ها\n"}, "planned_papers": {"۲"}, "milestone_id": {fmt.Sprint(issue.ID)}, "deadline": {"۱۴۰۳/۰۶/۱۵"}}
	sec.post("/calls", form, nil).want(t, http.StatusBadRequest, workFA("err.call.no_axes"), "پایداری صندوق‌ها")
	form.Set("axes", "۳")
	callID := createdID(t, sec.post("/calls", form, nil), "/calls/")
	page := sec.get(fmt.Sprintf("/calls/%d", callID))
	page.want(t, http.StatusOK, "محور ۱", "پایداری صندوق‌ها", "محور ۳", "۱۴۰۳/۰۶/۱۵", issue.Title)

	first := createdID(t, sec.postMultipart(fmt.Sprintf("/calls/%d/submissions", callID), map[string]string{"axis": "1",
		"title": "بیمهٔ فراگیر و عدالت", "authors": "نویسندهٔ نخست", "institution": "دانشگاه تهران", "received_on": "۱۴۰۳/۰۵/۰۱"},
		"مقاله.pdf", []byte("%PDF-1.4\n% paper\n%%EOF\n")), "/calls/")
	if first != callID {
		t.Fatalf("paper redirected to call %d", first)
	}
	sec.postMultipart(fmt.Sprintf("/calls/%d/submissions", callID), map[string]string{"axis": "3",
		"title": "صندوق‌های بازنشستگی", "authors": "نویسندهٔ دوم"}, "", nil)
	bad := sec.postMultipart(fmt.Sprintf("/calls/%d/submissions", callID), map[string]string{"axis": "1", "authors": "بی‌عنوان"}, "", nil)
	bad.want(t, http.StatusBadRequest, workFA("err.required"))
	papers, err := e.db.FindSubmissions(storetest.System(), callID)
	if err != nil || len(papers) != 2 || papers[0].File == nil {
		t.Fatalf("papers: %d, %v", len(papers), err)
	}
	mine, other := papers[0], papers[1]
	sec.get(fmt.Sprintf("/calls/%d", callID)).want(t, http.StatusOK, `data-axis="1"`, `data-axis="3"`, mine.Title, other.Title)

	// The link, shown once on the page that answers the form.
	issued := sec.post(fmt.Sprintf("/calls/%d/reviewers", callID), url.Values{"name": {"دکتر داور بیرونی"}, "affiliation": {"دانشگاه علامه"},
		"submission_ids": {fmt.Sprint(mine.ID)}, "days": {"۱۴"}}, nil)
	issued.want(t, http.StatusOK, `id="issued-link"`, workFA("ui.call.link_label"))
	m := regexp.MustCompile(`id="issued-link" readonly dir="ltr" value="[^"]*/review/([A-Za-z0-9_-]{40,})"`).FindStringSubmatch(issued.body)
	if m == nil {
		t.Fatalf("no link on the page:\n%s", workExcerpt(issued.body))
	}
	link := "/review/" + m[1]
	if strings.Contains(sec.get(fmt.Sprintf("/calls/%d", callID)).body, m[1]) {
		t.Error("the link is shown again")
	}

	// The reviewer: a browser with no session.
	jar, _ := cookiejar.New(nil)
	ref := &workClient{e: e, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	desk := ref.get(link)
	desk.want(t, http.StatusOK, mine.Title, "دکتر داور بیرونی", "محور ۱", "مقاله.pdf")
	desk.lacks(t, other.Title, `class="mainnav"`, "/logout")
	if desk.header.Get("Referrer-Policy") != "no-referrer" {
		t.Errorf("Referrer-Policy %q", desk.header.Get("Referrer-Policy"))
	}
	if f := ref.get(fmt.Sprintf("%s/papers/%d/file", link, mine.ID)); f.status != http.StatusOK || !strings.HasPrefix(f.body, "%PDF") {
		t.Errorf("own paper's file: %d", f.status)
	}
	ref.get(fmt.Sprintf("%s/papers/%d/file", link, other.ID)).want(t, http.StatusNotFound)
	ref.get(fmt.Sprintf("/calls/%d", callID)).want(t, http.StatusSeeOther) // to sign in: the link opens nothing else
	ref.post(fmt.Sprintf("%s/papers/%d", link, mine.ID), url.Values{"score": {"۹"}, "verdict": {"accept"}}, nil).
		want(t, http.StatusBadRequest, workFA("err.review.score"))
	ref.post(fmt.Sprintf("%s/papers/%d", link, other.ID), url.Values{"score": {"3"}, "verdict": {"accept"}}, nil).want(t, http.StatusNotFound)
	saved := ref.post(fmt.Sprintf("%s/papers/%d", link, mine.ID), url.Values{"score": {"۴"}, "verdict": {"accept"}, "comment": {"روش پژوهش روشن است."}}, nil)
	if saved.status != http.StatusSeeOther || !strings.HasPrefix(saved.header.Get("Location"), link+"?flash=ui.review.flash.saved") {
		t.Fatalf("review: %d → %q", saved.status, saved.header.Get("Location"))
	}
	ref.get(link+"?flash=ui.review.flash.saved").want(t, http.StatusOK, workFA("ui.review.flash.saved"), "روش پژوهش روشن است.")

	// The staff read the review; a viewer cannot decide; the secretariat does.
	page = viewer.get(fmt.Sprintf("/calls/%d", callID))
	page.want(t, http.StatusOK, "دکتر داور بیرونی", "روش پژوهش روشن است.")
	page.lacks(t, "decide-form", `id="reviewer-form"`)
	viewer.post(fmt.Sprintf("/call-submissions/%d/decision", mine.ID), url.Values{"decision": {"accept"}, "version": {"1"}}, nil).want(t, http.StatusForbidden)
	s, _ := e.db.FindSubmission(storetest.System(), mine.ID)
	decided := sec.post(fmt.Sprintf("/call-submissions/%d/decision", mine.ID), url.Values{"decision": {"accept"}, "version": {fmt.Sprint(s.Version)}}, nil)
	if decided.status != http.StatusSeeOther {
		t.Fatalf("decide: %d\n%s", decided.status, workExcerpt(decided.body))
	}
	if got := e.reload(issue.ID).Progress; got != 50 {
		t.Errorf("special issue at %v, want 50 (1 of 2)", got)
	}
	sec.get("/calls").want(t, http.StatusOK, "فراخوان مقاله آزمون", "۱ / ۲")
	ref.get(link).want(t, http.StatusOK, workFA("ui.review.decided"))

	// Revoked: a page that says so, 410; unknown: 404.
	reviewers, err := e.db.FindReviewers(storetest.System(), callID)
	if err != nil || len(reviewers) != 1 {
		t.Fatalf("reviewers: %v", err)
	}
	sec.post(fmt.Sprintf("/call-reviewers/%d/revoke", reviewers[0].ID), url.Values{"call": {fmt.Sprint(callID)}}, nil).want(t, http.StatusSeeOther)
	gone := ref.get(link)
	gone.want(t, http.StatusGone, workFA("err.reviewer_link.revoked"), workFA("ui.review.ended_hint"))
	gone.lacks(t, mine.Title)
	ref.get(fmt.Sprintf("%s/papers/%d/file", link, mine.ID)).want(t, http.StatusGone)
	ref.get("/review/not-a-real-link").want(t, http.StatusNotFound, workFA("err.not_found.reviewer_link"))
}
