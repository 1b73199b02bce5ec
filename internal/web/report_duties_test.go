package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/app"
	"payesh/internal/demo"
	"payesh/internal/store/storetest"
)

// addUser adds a user who signs in with the demo password.
func (e *roundEnv) addUser(name string, role payesh.Role, unit *payesh.OrgUnit) {
	e.t.Helper()
	u := &payesh.User{Username: name, Name: "کاربر " + name, UnitID: unit.ID, Role: role, Active: true}
	if err := e.db.CreateUser(storetest.System(), u, demo.Password); err != nil {
		e.t.Fatal(err)
	}
}

// reviewSection is the inbox's list of reports waiting for the user.
func reviewSection(page string) string {
	start := strings.Index(page, `id="review-h"`)
	end := strings.Index(page, `id="mine-h"`)
	if start < 0 || end < start {
		return ""
	}
	return page[start:end]
}

// TestReviewDutiesPages: the province reporter that sent its branch's
// report finds no approve or return button on it, but the reason; a
// review it posts anyway is refused (403) with the reason, and nothing
// changes; the report is not in its inbox, but in another reporter's of
// the province, who has the buttons. On a secretariat-only chain, the
// secretariat user who sent a report is refused and a second one
// approves.
func TestReviewDutiesPages(t *testing.T) {
	e := newRoundEnv(t, app.Options{})
	e.addUser("prov-rep-2", payesh.RoleReporter, e.prov)
	e.addUser("secretariat-2", payesh.RoleSecretariat, e.unit("secretariat"))
	rd := e.openRound(10, e.branch)
	rep := e.act("prov-rep", e.report(rd, e.branch), payesh.ActSubmit)
	prov, prov2 := e.as("prov-rep"), e.as("prov-rep-2")

	page := prov.get(reportPath(rep))
	if page.status != http.StatusOK || strings.Contains(page.body, `id="review-form"`) || strings.Contains(page.body, `id="review-approve"`) ||
		strings.Contains(page.body, `id="review-return"`) {
		t.Fatalf("the submitter's page: status %d, or it offers the review form", page.status)
	}
	if got := byID(t, page.body, "review-duty"); !strings.Contains(got, fa("err.report.self_review")) {
		t.Errorf("the submitter's page does not say why it may not review: %q", got)
	}
	if strings.Contains(page.body, `form="review-form"`) {
		t.Errorf("the submitter's page has comment boxes for a review")
	}
	if inbox := prov.get("/inbox"); strings.Contains(reviewSection(inbox.body), e.branchName) {
		t.Errorf("the submitter's inbox lists the report to review")
	}
	_, audits, _ := e.db.FindAuditEvents(storetest.System(), payesh.AuditFilter{Page: payesh.Page{Limit: 1}})
	for _, action := range []string{"approve", "return"} {
		res := prov.post(reportPath(rep)+"/review", url.Values{"version": {strconv.Itoa(rep.Version)}, "action": {action}, "c.": {"پیوست را بفرستید."}})
		if res.status != http.StatusForbidden || !strings.Contains(byID(t, res.body, "review-duty"), fa("err.report.self_review")) ||
			strings.Contains(res.body, `id="review-form"`) {
			t.Errorf("%s by the submitter: status %d, reason %q", action, res.status, byID(t, res.body, "review-duty"))
		}
	}
	if got := e.report(rd, e.branch); got.Version != rep.Version || got.State != payesh.ReportSubmitted {
		t.Errorf("a refused review changed the report: %+v", got)
	}
	if _, n, _ := e.db.FindAuditEvents(storetest.System(), payesh.AuditFilter{Page: payesh.Page{Limit: 1}}); n != audits {
		t.Errorf("a refused review was audited: %d → %d events", audits, n)
	}
	if comments, _ := e.db.FindComments(storetest.System(), rep.ID); len(comments) != 0 {
		t.Errorf("a refused return left comments: %+v", comments)
	}

	// The branch's own reporter has no step; another reporter of the
	// province has it.
	if page := e.as("branch-rep").get(reportPath(rep)); strings.Contains(page.body, `id="review-form"`) || strings.Contains(page.body, `id="review-duty"`) {
		t.Errorf("the branch's reporter is offered a review, or told why not")
	}
	if inbox := prov2.get("/inbox"); !strings.Contains(reviewSection(inbox.body), e.branchName) {
		t.Errorf("the other reporter's inbox does not list the report")
	}
	page = prov2.get(reportPath(rep))
	if !strings.Contains(page.body, `id="review-approve"`) || strings.Contains(page.body, `id="review-duty"`) {
		t.Fatalf("the other reporter has no approve button")
	}
	res := prov2.post(reportPath(rep)+"/review", url.Values{"version": {strconv.Itoa(rep.Version)}, "action": {"approve"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("approval by the other reporter: status %d", res.status)
	}

	// A secretariat-only chain.
	only := &payesh.Round{Title: "گزارش دفترها", Period: e.period.String(), Deadline: e.today.AddDays(10),
		Chain: []payesh.ReviewLevel{payesh.LevelSecretariat}, UnitIDs: []int64{e.office.ID}}
	if err := e.db.CreateRound(storetest.System(), only); err != nil {
		t.Fatal(err)
	}
	rep = e.act("secretariat", e.report(only, e.office), payesh.ActSubmit)
	sec, sec2 := e.as("secretariat"), e.as("secretariat-2")
	if page := sec.get(reportPath(rep)); strings.Contains(page.body, `id="review-form"`) ||
		!strings.Contains(byID(t, page.body, "review-duty"), fa("err.report.self_review")) {
		t.Errorf("the sending secretariat user is offered the review form")
	}
	res = sec.post(reportPath(rep)+"/review", url.Values{"version": {strconv.Itoa(rep.Version)}, "action": {"approve"}})
	if res.status != http.StatusForbidden {
		t.Errorf("approval by the sending secretariat user: status %d", res.status)
	}
	if page := sec2.get(reportPath(rep)); !strings.Contains(page.body, `id="review-approve"`) {
		t.Fatalf("the second secretariat user has no approve button")
	}
	res = sec2.post(reportPath(rep)+"/review", url.Values{"version": {strconv.Itoa(rep.Version)}, "action": {"approve"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("approval by the second secretariat user: status %d", res.status)
	}
	if got := e.report(only, e.office); got.State != payesh.ReportApproved {
		t.Errorf("after the second user's approval: %s", got.State)
	}
}

// TestRoundAllowSelfReview: the new-round form offers the option with its
// hint, unticked; a round opened with it says so on its page, and its
// sender may then review at the secretariat step; a round without it
// says who reviews.
func TestRoundAllowSelfReview(t *testing.T) {
	e := newRoundEnv(t, app.Options{})
	sec := e.as("secretariat")
	form := sec.get("/rounds/new")
	box := htmlByID(t, form.body, "f-allow_self_review")
	if form.status != http.StatusOK || box == "" || strings.Contains(box, "checked") ||
		!strings.Contains(form.body, fa("ui.round.allow_self_review")) || !strings.Contains(byID(t, form.body, "h-allow_self_review"), fa("ui.round.allow_self_review_hint")) {
		t.Fatalf("the round form's option: status %d, box %q", form.status, box)
	}
	open := func(title string, allow bool) *payesh.Round {
		t.Helper()
		f := url.Values{"title": {title}, "year": {"۱۴۰۳"}, "season": {"2"}, "deadline": {"۱۴۰۳/۰۷/۱۵"},
			"unit_ids": {strconv.FormatInt(e.office.ID, 10)}, "chain": {"secretariat"}}
		if allow {
			f.Set("allow_self_review", "1")
		}
		res := sec.post("/rounds", f)
		m := roundPath.FindStringSubmatch(res.location())
		if res.status != http.StatusSeeOther || m == nil {
			t.Fatalf("open the round: status %d to %q", res.status, res.location())
		}
		id, _ := strconv.ParseInt(m[1], 10, 64)
		rd, err := e.db.FindRound(storetest.System(), id)
		if err != nil || rd.AllowSelfReview != allow {
			t.Fatalf("stored round %+v %v, want allow_self_review %v", rd, err, allow)
		}
		return rd
	}
	lenient, strict := open("دبیرخانهٔ یک‌نفره", true), open("دبیرخانه با دو کارشناس", false)
	if got := byID(t, sec.get("/rounds/"+strconv.FormatInt(lenient.ID, 10)).body, "round-duties"); !strings.Contains(got, fa("ui.round.self_review_allowed")) {
		t.Errorf("the lenient round's page reads %q", got)
	}
	if got := byID(t, sec.get("/rounds/"+strconv.FormatInt(strict.ID, 10)).body, "round-duties"); !strings.Contains(got, fa("ui.round.self_review_refused")) {
		t.Errorf("the strict round's page reads %q", got)
	}
	rep := e.act("secretariat", e.report(lenient, e.office), payesh.ActSubmit)
	if page := sec.get(reportPath(rep)); !strings.Contains(page.body, `id="review-approve"`) || strings.Contains(page.body, `id="review-duty"`) {
		t.Fatalf("the sender, allowed, has no approve button")
	}
	if inbox := sec.get("/inbox"); !strings.Contains(reviewSection(inbox.body), reportPath(rep)) {
		t.Errorf("the sender's inbox, allowed, does not list the report")
	}
	res := sec.post(reportPath(rep)+"/review", url.Values{"version": {strconv.Itoa(rep.Version)}, "action": {"approve"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("approval by the sender, allowed: status %d", res.status)
	}
}
