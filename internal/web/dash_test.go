package web_test

import (
	"html"
	"net/http"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/store/storetest"
)

// The dashboard tests run over the demo (loaded without its indicators)
// plus four indicators made here through the store, with values reported
// by two provinces on the test day, 1403/05/10, and approved: the
// dashboards count approved values only. Helpers carry a "dash" prefix.

// dashSite is the demo with the indicators.
type dashSite struct {
	*paSite
	root, fars, khorasan *payesh.OrgUnit
	axis1, axis2         *payesh.Clause
	// cov is monthly, summed over units, the last month over time, higher
	// is better: 40 + 0 in Farvardin, 50 + 60 in Ordibehesht → 1403 is 110
	// against a target of 100, on track.
	cov *payesh.Indicator
	// debt is yearly, lower is better: Fars 130 + Khorasan 90 = 220
	// against 150, which achieves 150/220 = 68%: off track.
	debt *payesh.Indicator
	// sat is quarterly, averaged: (70 + 80) ÷ 2 = 75 in spring against 80.
	sat *payesh.Indicator
	// plan has neither values nor targets: no data. Branches report it,
	// so a province's dashboard leaves it out.
	plan *payesh.Indicator
}

func newDashSite(t *testing.T) *dashSite {
	t.Helper()
	s := &dashSite{paSite: newPASite(t)}
	s.root, s.fars, s.khorasan = s.unitByCode("sso"), s.unitByCode("prov-fars"), s.unitByCode("prov-khorasan-razavi")
	cl := s.clauses()
	s.axis1, s.axis2 = cl["1"], cl["2"]
	s.dashFixture()
	return s
}

// dashIndicator creates an indicator measuring clause c.
func (s *dashSite) dashIndicator(code, name string, c *payesh.Clause, f payesh.Frequency, unit, time payesh.Aggregation, d payesh.Direction, kinds ...payesh.UnitKind) *payesh.Indicator {
	s.t.Helper()
	ind := &payesh.Indicator{Code: code, NameFA: name, Measure: "نفر", Direction: d, UnitAgg: unit, TimeAgg: time,
		Frequency: f, ClauseIDs: []int64{c.ID}, ReportingKinds: kinds}
	if err := s.db.CreateIndicator(storetest.System(), ind); err != nil {
		s.t.Fatalf("create %s: %v", code, err)
	}
	return ind
}

func (s *dashSite) dashFixture() {
	t, sys := s.t, storetest.System()
	prov := payesh.UnitProvince
	s.cov = s.dashIndicator("cov", "پوشش بیمه‌ای زنان سرپرست خانوار", s.axis1, payesh.Monthly, payesh.AggSum, payesh.AggLast, payesh.HigherIsBetter, prov)
	s.debt = s.dashIndicator("debt", "بدهی معوق کارفرمایان", s.axis1, payesh.Yearly, payesh.AggSum, payesh.AggSum, payesh.LowerIsBetter, prov)
	s.sat = s.dashIndicator("sat", "رضایت بیمه‌شدگان", s.axis2, payesh.Quarterly, payesh.AggAvg, payesh.AggAvg, payesh.HigherIsBetter, prov)
	s.plan = s.dashIndicator("plan", "شاخص بی‌داده", s.axis2, payesh.Yearly, payesh.AggSum, payesh.AggSum, payesh.HigherIsBetter, payesh.UnitBranch)
	targets := map[*payesh.Indicator][]payesh.Target{
		s.cov:  {{UnitID: s.root.ID, Period: "1403", Value: 100}},
		s.debt: {{UnitID: s.root.ID, Period: "1403", Value: 150}, {UnitID: s.fars.ID, Period: "1403", Value: 100}},
		s.sat:  {{UnitID: s.root.ID, Period: "1403Q1", Value: 80}, {UnitID: s.root.ID, Period: "1403", Value: 80}},
	}
	for ind, ts := range targets {
		if err := s.db.SetTargets(sys, ind.ID, ts); err != nil {
			t.Fatalf("targets of %s: %v", ind.Code, err)
		}
	}
	values := []payesh.IndicatorValue{
		{IndicatorID: s.cov.ID, UnitID: s.fars.ID, Period: "1403-01", Value: 40},
		{IndicatorID: s.cov.ID, UnitID: s.fars.ID, Period: "1403-02", Value: 50},
		{IndicatorID: s.cov.ID, UnitID: s.khorasan.ID, Period: "1403-02", Value: 60},
		{IndicatorID: s.debt.ID, UnitID: s.fars.ID, Period: "1403", Value: 130},
		{IndicatorID: s.debt.ID, UnitID: s.khorasan.ID, Period: "1403", Value: 90},
		{IndicatorID: s.sat.ID, UnitID: s.fars.ID, Period: "1403Q1", Value: 70},
		{IndicatorID: s.sat.ID, UnitID: s.khorasan.ID, Period: "1403Q1", Value: 80},
	}
	s.dashApprove(s.dashSave(values...)...)
}

// dashSave saves values as drafts, as a unit's grid does, and returns them.
func (s *dashSite) dashSave(values ...payesh.IndicatorValue) []*payesh.IndicatorValue {
	s.t.Helper()
	saved, err := s.db.SaveValues(storetest.System(), values)
	if err != nil {
		s.t.Fatalf("save values: %v", err)
	}
	return saved
}

// dashApprove approves values as the secretariat does outside a round.
func (s *dashSite) dashApprove(values ...*payesh.IndicatorValue) {
	s.t.Helper()
	ids := make([]int64, len(values))
	for i, v := range values {
		ids[i] = v.ID
	}
	if _, err := s.db.ReviewValues(storetest.System(), ids, payesh.ValueApproved); err != nil {
		s.t.Fatalf("approve values: %v", err)
	}
}

// section cuts the page from the element with id to the next one of the
// same kind (an axis section up to the next axis).
func dashSection(body, id, next string) string {
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		return ""
	}
	rest := body[i:]
	if j := strings.Index(rest[1:], next); j >= 0 {
		return rest[:j+1]
	}
	return rest
}

// dashPlain is the page with character references resolved: templates
// write "+" as "&#43;", and the formulas are read as people see them.
func dashPlain(p paPage) paPage {
	p.body = html.UnescapeString(p.body)
	return p
}

// dashRow is the table row labelled label.
func dashRow(body, label string) string {
	i := strings.Index(body, `data-label="`+label+`"`)
	if i < 0 {
		return ""
	}
	row := body[i:]
	return row[:strings.Index(row, "</tr>")]
}

// TestDashboardScorecard: each axis counts its indicators by status for
// the year, lists them with value, target and status, and links every
// value to its explanation. 1403 is the default: the test day's year.
func TestDashboardScorecard(t *testing.T) {
	s := newDashSite(t)
	page := s.as("viewer", demo.Password).get("/dashboard").must(t, "scorecard", http.StatusOK)
	page.has(t, "scorecard", "داشبورد ملی", "۱۴۰۳", `<option value="1403" selected>`,
		"آستانه‌ها برای هر شاخص جداگانه", // the legend
		`href="/dashboard/provinces?period=1403"`)

	// Debt: 130 + 90 = 220 against 150, lower is better: 150/220 = 68%,
	// off track. Coverage: 110 against 100, on track.
	a1 := dashSection(page.body, "axis-"+paID(s.axis1.ID), `<section class="axis-block"`)
	for _, want := range []string{"در مسیر: ۱", "در معرض خطر: ۰", "خارج از مسیر: ۱", "بدون داده: ۰",
		"پوشش بیمه‌ای زنان سرپرست خانوار", "بدهی معوق کارفرمایان", "۱۱۰", "۲۲۰", "۱۵۰",
		`href="/indicators/` + paID(s.cov.ID) + `/explain?unit=` + paID(s.root.ID) + `&amp;period=1403"`} {
		if !strings.Contains(a1, want) {
			t.Errorf("axis 1 lacks %q:\n%s", want, a1)
		}
	}
	// Satisfaction: (70 + 80) ÷ 2 = 75 against 80 = 94%, at risk; the
	// indicator without values has no data.
	a2 := dashSection(page.body, "axis-"+paID(s.axis2.ID), `<section class="axis-block"`)
	for _, want := range []string{"در مسیر: ۰", "در معرض خطر: ۱", "خارج از مسیر: ۰", "بدون داده: ۱", "۷۵", "شاخص بی‌داده"} {
		if !strings.Contains(a2, want) {
			t.Errorf("axis 2 lacks %q:\n%s", want, a2)
		}
	}
	// Status is said in words with an icon, never by colour alone.
	if !strings.Contains(a1, `<span class="badge ind-on_track"><svg`) || !strings.Contains(a1, " در مسیر</span>") {
		t.Errorf("status badge without icon and word:\n%s", a1)
	}

	// The whole table's totals count each indicator once.
	foot := dashSection(page.body, "axes-h", "</tfoot>")
	if !strings.Contains(foot, "۴ شاخص") {
		t.Errorf("totals do not count 4 indicators:\n%s", foot)
	}

	// Another year has no values: every indicator is without data.
	old := s.as("viewer", demo.Password).get("/dashboard?period=1402").must(t, "1402", http.StatusOK)
	a1 = dashSection(old.body, "axis-"+paID(s.axis1.ID), `<section class="axis-block"`)
	if !strings.Contains(a1, "بدون داده: ۲") {
		t.Errorf("1402 axis 1 should have no data:\n%s", a1)
	}
	// A province's scorecard reads its own subtree: Fars's debt is 130
	// against its own target of 100.
	fars := s.as("viewer", demo.Password).get("/dashboard?unit="+paID(s.fars.ID)+"&period=1403").must(t, "fars", http.StatusOK)
	a1 = dashSection(fars.body, "axis-"+paID(s.axis1.ID), `<section class="axis-block"`)
	if !strings.Contains(a1, "۱۳۰") || !strings.Contains(a1, "خارج از مسیر: ۱") {
		t.Errorf("Fars axis 1:\n%s", a1)
	}
	// A period that cannot be read falls back to this year and says so.
	bad := s.as("viewer", demo.Password).get("/dashboard?period=1403Q9").must(t, "bad period", http.StatusOK)
	bad.has(t, "bad period", "دورهٔ واردشده خوانا نبود", `<option value="1403" selected>`)
}

// TestDashboardProvinces: the provinces that reported ranked best first in
// the indicator's direction, by their short names; those without data
// apart, unranked (TestProvinceRankingApart).
func TestDashboardProvinces(t *testing.T) {
	s := newDashSite(t)
	u := s.as("viewer", demo.Password)
	empty := u.get("/dashboard/provinces").must(t, "no indicator", http.StatusOK)
	empty.has(t, "no indicator", "برای مقایسهٔ استان‌ها یک شاخص برگزینید")

	order := func(body string, names ...string) {
		t.Helper()
		table := dashSection(body, "province-ranking", "</table>")
		last := -1
		for _, name := range names {
			at := strings.Index(table, `data-label="`+name+`"`)
			if at < 0 || at < last {
				t.Errorf("%s out of order (at %d, previous at %d)", name, at, last)
			}
			last = at
		}
	}
	// Coverage, higher is better: Khorasan 60 before Fars 50.
	cov := u.get("/dashboard/provinces?indicator="+paID(s.cov.ID)+"&period=1403").must(t, "coverage", http.StatusOK)
	order(cov.body, "خراسان رضوی", "فارس")
	cov.has(t, "coverage", `data-chart="hbar"`, `data-v="60"`, `data-v="50"`, "مقدار بیشتر بهتر است",
		"مجموع مقادیر واحدها در هر ماه، سپس آخرین ماه دارای داده")
	for name, rank := range map[string]string{"خراسان رضوی": "۱", "فارس": "۲"} {
		if row := dashRow(cov.body, name); !strings.Contains(row, `<td class="num">`+rank+`</td>`) {
			t.Errorf("%s is not ranked %s:\n%s", name, rank, row)
		}
	}
	// Debt, lower is better: Khorasan 90 before Fars 130.
	debt := u.get("/dashboard/provinces?indicator="+paID(s.debt.ID)+"&period=1403").must(t, "debt", http.StatusOK)
	order(debt.body, "خراسان رضوی", "فارس")
	debt.has(t, "debt", "مقدار کمتر بهتر است")

	u.get("/dashboard/provinces?indicator=999999").must(t, "unknown indicator", http.StatusNotFound)
}

// TestUnitDashboard: a province's indicators with data, and its work.
func TestUnitDashboard(t *testing.T) {
	s := newDashSite(t)
	page := s.as("viewer", demo.Password).get("/units/"+paID(s.fars.ID)+"/dashboard?period=1403").must(t, "Fars", http.StatusOK)
	page.has(t, "Fars", "داشبورد ادارهٔ کل تأمین اجتماعی استان فارس", "پوشش بیمه‌ای زنان سرپرست خانوار", "بدهی معوق کارفرمایان",
		"رضایت بیمه‌شدگان", `id="dash-overdue"`, `id="dash-open"`,
		"۱ شاخص دیگر در این دوره") // plan has nothing for Fars
	page.lacks(t, "Fars", "شاخص بی‌داده")
	s.as("viewer", demo.Password).get("/units/999999/dashboard").must(t, "unknown unit", http.StatusNotFound)
}

// TestWorkExplain: a parent's progress written out as Σ weight × progress
// ÷ Σ weight, equal to the stored progress; a cancelled child is left
// out; a leaf says it is reported directly.
func TestWorkExplain(t *testing.T) {
	s := newDashSite(t)
	sys := storetest.System()
	owner := s.unitByCode("secretariat")
	parent := &payesh.WorkItem{Kind: payesh.KindProgram, Title: "برنامهٔ آزمون وزن‌ها", OwnerUnitID: owner.ID}
	if err := s.db.CreateWorkItem(sys, parent); err != nil {
		t.Fatal(err)
	}
	child := func(title string, weight, progress float64, status payesh.Status) *payesh.WorkItem {
		t.Helper()
		w := &payesh.WorkItem{Kind: payesh.KindAction, Title: title, OwnerUnitID: owner.ID, ParentID: &parent.ID, Weight: weight, Status: status}
		if err := s.db.CreateWorkItem(sys, w); err != nil {
			t.Fatal(err)
		}
		if progress > 0 {
			if _, _, err := s.db.PostProgress(sys, w.ID, payesh.ProgressUpdateInput{Progress: &progress, Version: w.Version}); err != nil {
				t.Fatal(err)
			}
		}
		return w
	}
	child("اقدام سبک", 1, 40, payesh.StatusInProgress)
	child("اقدام سنگین", 3, 80, payesh.StatusInProgress)
	child("اقدام لغوشده", 2, 0, payesh.StatusCancelled)
	stored, err := s.db.FindWorkItemByID(sys, parent.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Progress != 70 {
		t.Fatalf("stored progress %v, want 70", stored.Progress)
	}

	u := s.as("viewer", demo.Password)
	page := dashPlain(u.get("/work/"+paID(parent.ID)+"/explain").must(t, "parent", http.StatusOK))
	page.has(t, "parent", "(۱ × ۴۰ + ۳ × ۸۰) ÷ (۱ + ۳) = ۷۰", "۲۸۰ ÷ ۴ = ۷۰",
		`id="explain-computed">۷۰<`, `id="explain-stored">۷۰<`, "دو عدد برابرند",
		"۳ × ۸۰ = ۲۴۰", `class="left-out"`, "لغوشده؛ در محاسبه نمی‌آید")
	page.lacks(t, "parent", "هشدار")

	// A stored progress that no longer matches its children is flagged.
	if _, err := s.db.SQL().Exec(`UPDATE work_items SET progress = 50 WHERE id = $1`, parent.ID); err != nil {
		t.Fatal(err)
	}
	drift := dashPlain(u.get("/work/"+paID(parent.ID)+"/explain").must(t, "drift", http.StatusOK))
	drift.has(t, "drift", `id="explain-computed">۷۰<`, `id="explain-stored">۵۰<`, `role="alert"`, "هشدار: میانگین وزنی")

	leaf := child("اقدام تنها", 1, 25, payesh.StatusInProgress)
	lp := u.get("/work/"+paID(leaf.ID)+"/explain").must(t, "leaf", http.StatusOK)
	lp.has(t, "leaf", "این کار زیرکاری ندارد", `href="/work/`+paID(leaf.ID)+`#history-h"`, "۲۵٪")

	// The detail page links here.
	u.get("/work/"+paID(parent.ID)).must(t, "detail", http.StatusOK).has(t, "detail", `href="/work/`+paID(parent.ID)+`/explain"`)
	u.get("/work/999999/explain").must(t, "unknown", http.StatusNotFound)
}

// TestDashViewerReadsAll: a viewer reads every dashboard page; unknown
// ids are 404 pages.
func TestDashViewerReadsAll(t *testing.T) {
	s := newDashSite(t)
	u := s.as("viewer", demo.Password)
	for _, path := range []string{
		"/dashboard", "/dashboard?period=1403Q1&unit=" + paID(s.khorasan.ID),
		"/dashboard/provinces?indicator=" + paID(s.sat.ID) + "&period=1403Q1",
		"/units/" + paID(s.root.ID) + "/dashboard",
		"/indicators", "/indicators?clause=" + paID(s.axis2.ID), "/indicators?q=debt",
		"/indicators/" + paID(s.sat.ID), "/indicators/" + paID(s.plan.ID) + "?years=3",
		"/indicators/" + paID(s.sat.ID) + "/explain?unit=" + paID(s.root.ID) + "&period=1403Q1",
		"/indicators/" + paID(s.plan.ID) + "/explain",
		// Periods finer than the indicator's own have no data, not errors.
		"/indicators/" + paID(s.debt.ID) + "/explain?period=1403-02", "/indicators/" + paID(s.debt.ID) + "?period=1403Q1",
	} {
		p := u.get(path).must(t, path, http.StatusOK)
		p.lacks(t, path, "ui.dash.", "ویرایش</a>", `href="/indicators/new"`, `href="/values"`)
	}
	for _, path := range []string{
		"/indicators/999999", "/indicators/abc", "/indicators/999999/explain",
		"/dashboard?unit=999999", "/dashboard?unit=abc", "/indicators/" + paID(s.cov.ID) + "?unit=999999",
		"/units/abc/dashboard",
	} {
		u.get(path).must(t, path, http.StatusNotFound)
	}
	// Signed out, the pages ask for a sign-in.
	if p := s.anonymous().get("/dashboard"); p.status != http.StatusSeeOther {
		t.Errorf("signed out: status %d", p.status)
	}
}
