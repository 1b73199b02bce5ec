package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/app"
	"payesh/internal/store/storetest"
)

// TestSummaryVoices: the summary gathers what sent reports say stands in
// their way and what they ask, under each axis the unit has work on; a
// draft's words are not there yet. Printed, it has a letterhead and its
// pages numbered in the page's digits.
func TestSummaryVoices(t *testing.T) {
	e := newRoundEnv(t, app.Options{})
	sys := storetest.System()
	docs, _, err := e.db.FindDocuments(sys, payesh.DocumentFilter{Kind: payesh.DocPolicy})
	if err != nil || len(docs) == 0 {
		t.Fatalf("documents: %v", err)
	}
	clauses, err := e.db.FindClauses(sys, docs[0].ID)
	if err != nil || len(clauses) == 0 {
		t.Fatal(err)
	}
	axis := clauses[0]
	work := &payesh.WorkItem{Kind: payesh.KindAction, Title: "کار شعبه در بند نخست", OwnerUnitID: e.branch.ID, ClauseIDs: []int64{axis.ID}}
	if err := e.db.CreateWorkItem(sys, work); err != nil {
		t.Fatal(err)
	}
	rd := e.openRound(10, e.branch, e.office)
	write := func(username string, u *payesh.OrgUnit, n payesh.Narrative) *payesh.Report {
		t.Helper()
		usr, err := e.db.FindUserByUsername(sys, username)
		if err != nil {
			t.Fatal(err)
		}
		rep := e.report(rd, u)
		n.Version = rep.Version
		out, err := e.db.SaveNarrative(payesh.WithUser(context.Background(), usr), rep.ID, n)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	rep := write("branch-rep", e.branch, payesh.Narrative{Obstacles: "کمبود نیروی کارشناس در شعبه", Requests: "تأمین دو کارشناس تا پایان فصل"})
	e.act("branch-rep", rep, payesh.ActSubmit)
	write("reporter", e.office, payesh.Narrative{Obstacles: "پیش‌نویسی که هنوز ارسال نشده"})

	page := e.as("secretariat").get(fmt.Sprintf("/rounds/%d/summary", rd.ID))
	if page.status != 200 {
		t.Fatalf("summary: %d", page.status)
	}
	voices := page.body[strings.Index(page.body, `id="summary-voices"`):]
	voices = voices[:strings.Index(voices, "</section>")]
	for _, want := range []string{fa("ui.summary.voices"), "کمبود نیروی کارشناس در شعبه", "تأمین دو کارشناس تا پایان فصل",
		e.branchName, fa("ui.report.state.submitted"), "<h3>"} {
		if !strings.Contains(voices, want) {
			t.Errorf("the obstacles and requests lack %q:\n%s", want, voices)
		}
	}
	if strings.Contains(page.body, "پیش‌نویسی که هنوز ارسال نشده") {
		t.Error("a draft's words are in the summary")
	}
	for _, want := range []string{`class="sum-letterhead"`, fa("ui.summary.letterhead"), "counter(page, persian)", "counter(pages, persian)"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the printed summary lacks %q", want)
		}
	}
}
