package browser_test

import (
	"fmt"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/store/storetest"
)

// The checklist test's branch and indicator.
const (
	checkBranchCode = "branch-browser-checklist"
	checkBranchName = "شعبهٔ آزمایشی فهرست ارسال"
	checkIndCode    = "browser.checklist"
	checkIndName    = "شاخص آزمایشی فهرست ارسال"
	checkTotal      = "۱۲" // Tir 7 plus Mordad 5, the year's sum
)

// checklistWorld is a branch under the Razavi Khorasan directorate with
// its reporter, a monthly indicator the branches report, the branch's
// draft values of Tir and Mordad 1403, and a round of summer 1403 that
// the secretariat alone reviews.
type checklistWorld struct {
	branch *payesh.OrgUnit
	report int64
}

func newChecklistWorld(t *testing.T, s *site) *checklistWorld {
	t.Helper()
	ctx := storetest.System()
	prov, err := s.db.FindOrgUnitByCode(ctx, "prov-khorasan-razavi")
	if err != nil {
		t.Fatal(err)
	}
	w := &checklistWorld{branch: &payesh.OrgUnit{ParentID: &prov.ID, Kind: payesh.UnitBranch, Code: checkBranchCode,
		NameFA: checkBranchName, NameEN: "Checklist test branch"}}
	if err := s.db.CreateOrgUnit(ctx, w.branch); err != nil {
		t.Fatal(err)
	}
	rep := &payesh.User{Username: "check-rep", Name: "کارشناس شعبه", UnitID: w.branch.ID, Role: payesh.RoleReporter, Active: true}
	if err := s.db.CreateUser(ctx, rep, demo.Password); err != nil {
		t.Fatal(err)
	}
	ind := &payesh.Indicator{Code: checkIndCode, NameFA: checkIndName, Direction: payesh.HigherIsBetter, UnitAgg: payesh.AggSum,
		TimeAgg: payesh.AggSum, Frequency: payesh.Monthly, ReportingKinds: []payesh.UnitKind{payesh.UnitBranch}}
	if err := s.db.CreateIndicator(ctx, ind); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.SaveValues(payesh.WithUser(ctx, rep), []payesh.IndicatorValue{
		{IndicatorID: ind.ID, UnitID: w.branch.ID, Period: "1403-04", Value: 7},
		{IndicatorID: ind.ID, UnitID: w.branch.ID, Period: "1403-05", Value: 5}}); err != nil {
		t.Fatal(err)
	}
	round := &payesh.Round{Title: "گزارش تابستان ۱۴۰۳ (آزمون فهرست ارسال)", Period: "1403Q2",
		Deadline: payesh.NewDate(2024, 9, 21), Chain: []payesh.ReviewLevel{payesh.LevelSecretariat}, UnitIDs: []int64{w.branch.ID}}
	if err := s.db.CreateRound(ctx, round); err != nil {
		t.Fatal(err)
	}
	w.report = roundReport(t, s, round.ID, w.branch.ID)
	return w
}

// TestBrowserReportChecklist: the branch sends its report empty and meets
// the checklist; it cancels, attaches the forgotten file and sends again,
// this time anyway, with the narrative still empty; it withdraws the
// report and sends it again; the secretariat approves it. The branch's
// dashboard counts the period's values only once they are approved.
func TestBrowserReportChecklist(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	w := newChecklistWorld(t, s)
	b := newBrowser(t, s.srv.URL)
	page := fmt.Sprintf("/reports/%d", w.report)

	b.signIn("check-rep", demo.Password)
	b.open(page)
	b.submit("send the empty report", "#report-submit")
	missing := b.checklistItems()
	if !sameItems(missing, "achievements", "obstacles", "requests", "evidence") {
		t.Errorf("the checklist of an empty report lists %v", missing)
	}
	b.seeState("a report stopped at the checklist", "پیش‌نویس")
	b.screenshot("report-checklist")
	b.submit("cancel", "#checklist-cancel")
	if n := eval[int](b, `document.querySelectorAll('#report-checklist').length`); n != 0 || b.path() != page {
		t.Errorf("after cancelling: at %s, checklist shown %d times", b.path(), n)
	}
	b.attach(page)
	b.submit("send the report again", "#report-submit")
	if missing = b.checklistItems(); !sameItems(missing, "achievements", "obstacles", "requests") {
		t.Errorf("with the file attached, the checklist lists %v", missing)
	}
	b.submit("send it anyway", "#checklist-submit")
	b.seeState("sent anyway", "در انتظار بررسی")

	b.submit("withdraw the report", "#report-withdraw")
	b.seeState("withdrawn", "پیش‌نویس")
	if !hasPersian(b.text("main .flash")) {
		t.Errorf("no word that the report was withdrawn")
	}
	b.submit("send the report once more", "#report-submit")
	b.submit("send it anyway once more", "#checklist-submit")
	b.seeState("sent again", "در انتظار بررسی")
	b.signOut()

	b.signIn("secretariat", demo.Password)
	if got := b.dashboardValue(w.branch.ID, ""); strings.Contains(got, checkTotal) {
		t.Errorf("the dashboard counts submitted values before approval: %q", got)
	}
	if got := b.dashboardValue(w.branch.ID, "provisional"); !strings.Contains(got, checkTotal) {
		t.Errorf("the provisional dashboard lacks the submitted values: %q", got)
	}
	b.approve("the secretariat approves", page, "approved")
	if got := b.dashboardValue(w.branch.ID, ""); !strings.Contains(got, checkTotal) {
		t.Errorf("the dashboard does not count the approved values: %q", got)
	}
	b.checkConsole()
}

// checklistItems names what the checklist step lists as missing.
func (b *browser) checklistItems() []string {
	b.t.Helper()
	return eval[[]string](b, `[...document.querySelectorAll('#report-checklist [data-missing]')].map(li => li.dataset.missing)`)
}

// sameItems reports whether got holds exactly want, in order.
func sameItems(got []string, want ...string) bool {
	return strings.Join(got, ",") == strings.Join(want, ",")
}

// seeState checks the report's state as its page shows it.
func (b *browser) seeState(what, want string) {
	b.t.Helper()
	if got := b.text("#report-state"); got != want {
		b.t.Errorf("%s: state %q, want %q", what, got, want)
	}
}

// dashboardValue opens the unit's dashboard for 1403 — on approved values,
// or on provisional ones too when basis says so — and returns the text of
// the checklist indicator's value cell.
func (b *browser) dashboardValue(unitID int64, basis string) string {
	b.t.Helper()
	path := fmt.Sprintf("/units/%d/dashboard?period=1403", unitID)
	if basis != "" {
		path += "&basis=" + basis
	}
	b.open(path)
	return eval[string](b, fmt.Sprintf(`(() => {
		const row = [...document.querySelectorAll('table.scores tbody tr')].find(tr => tr.querySelector('th').textContent.includes(%q));
		return row ? row.querySelector('td.num').textContent.trim() : 'no row';
	})()`, checkIndCode))
}

// sendAnywayIfAsked confirms the send when the checklist step stops it,
// for tests about what follows the send rather than what it lacks.
func (b *browser) sendAnywayIfAsked(what string) {
	b.t.Helper()
	if eval[int](b, `document.querySelectorAll('#checklist-submit').length`) > 0 {
		b.submit(what+": send anyway", "#checklist-submit")
	}
}
