package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/app"
	"payesh/internal/demo"
	"payesh/internal/jalali"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// Numbers leadership can trust (issue 9), as the pages show them: approved
// values by default, provisional ones when asked for and labelled, an
// official figure beside the sum of its units, every indicator on the
// scorecard, the year the dashboards open on, and the grid's refusals.

// dashSubmit sends a unit's report for period through the store, which
// moves the unit's values of the period to submitted.
func (s *dashSite) dashSubmit(unit *payesh.OrgUnit, period string) {
	s.t.Helper()
	sys := storetest.System()
	rd := &payesh.Round{Title: "گزارش آزمایشی", Period: period, Deadline: payesh.Today(paClock()).AddDays(10), UnitIDs: []int64{unit.ID}}
	if err := s.db.CreateRound(sys, rd); err != nil {
		s.t.Fatal(err)
	}
	reps, _, err := s.db.FindReports(sys, payesh.ReportFilter{RoundID: rd.ID, UnitID: unit.ID})
	if err != nil || len(reps) == 0 {
		s.t.Fatalf("report of %s: %v", unit.Code, err)
	}
	if _, err := s.db.Review(sys, reps[0].ID, payesh.ReviewInput{Action: payesh.ActSubmit, Version: reps[0].Version, Confirm: true}); err != nil {
		s.t.Fatalf("submit: %v", err)
	}
}

// TestDashProvisionalSwitch: a draft changes no dashboard number; once
// submitted it enters the provisional numbers only, each marked «موقت»;
// once approved it enters the default view.
func TestDashProvisionalSwitch(t *testing.T) {
	s := newDashSite(t)
	isfahan := s.unitByCode("prov-isfahan")
	u := s.as("viewer", demo.Password)
	axis := func(path string) string {
		t.Helper()
		p := u.get(path).must(t, path, http.StatusOK)
		return dashSection(p.body, "axis-"+paID(s.axis1.ID), `<section class="axis-block"`)
	}
	covOf := func(a string) string {
		i := strings.Index(a, "/indicators/"+paID(s.cov.ID)+"/explain")
		if i < 0 {
			return ""
		}
		return a[i : i+strings.Index(a[i:], "</td>")]
	}
	const (
		approved    = "/dashboard?period=1403"
		provisional = "/dashboard?period=1403&basis=provisional"
	)
	// The switch is on the page, off by default; the page says what it counts.
	page := u.get(approved).must(t, "approved", http.StatusOK)
	page.has(t, "approved", `name="basis" value="provisional" id="f-basis"`, "شامل مقادیر موقت",
		"اعداد این صفحه فقط از مقادیر تأییدشده ساخته شده‌اند", `href="/dashboard?basis=provisional&amp;period=1403"`)
	page.lacks(t, "approved", `id="f-basis" checked`, `class="badge provisional"`)

	// A draft of Isfahan's: nothing moves, on either basis.
	s.dashSave(payesh.IndicatorValue{IndicatorID: s.cov.ID, UnitID: isfahan.ID, Period: "1403-02", Value: 30})
	for _, path := range []string{approved, provisional} {
		if c := covOf(axis(path)); !strings.Contains(c, ">۱۱۰</a>") {
			t.Errorf("%s: a draft changed coverage:\n%s", path, c)
		}
	}
	// The provisional view marks every number and says so at the top.
	prov := u.get(provisional).must(t, "provisional", http.StatusOK)
	prov.has(t, "provisional", `id="f-basis" checked`, `class="badge provisional"`, "این صفحه مقادیر موقت را هم در شمار آورده است",
		`href="/indicators/`+paID(s.cov.ID)+`/explain?unit=`+paID(s.root.ID)+`&amp;period=1403&amp;basis=provisional"`,
		`href="/dashboard/provinces?period=1403&amp;basis=provisional"`)

	// Submitted: the provisional number moves, the approved one does not.
	s.dashSubmit(isfahan, "1403Q1")
	if c := covOf(axis(approved)); !strings.Contains(c, ">۱۱۰</a>") || strings.Contains(c, "موقت") {
		t.Errorf("approved view after a submission:\n%s", c)
	}
	if c := covOf(axis(provisional)); !strings.Contains(c, ">۱۴۰</a>") || !strings.Contains(c, `class="badge provisional"`) {
		t.Errorf("provisional view after a submission:\n%s", c)
	}
	// The explanation lists the submitted value as not counted, and why.
	ex := u.get("/indicators/"+paID(s.cov.ID)+"/explain?unit="+paID(s.root.ID)+"&period=1403").must(t, "explain", http.StatusOK)
	excluded := dashSection(ex.body, "explain-excluded", "</section>")
	for _, want := range []string{isfahan.NameFA, "۳۰", "ارسال‌شده", "ارسال شده، اما هنوز تأیید نشده است"} {
		if !strings.Contains(excluded, want) {
			t.Errorf("excluded values lack %q:\n%s", want, excluded)
		}
	}

	// Approved: the default view counts it.
	vals, err := s.db.FindValues(storetest.System(), payesh.ValueFilter{IndicatorID: s.cov.ID, UnitID: isfahan.ID})
	if err != nil || len(vals) != 1 {
		t.Fatalf("Isfahan's value: %v %v", vals, err)
	}
	s.dashApprove(vals[0])
	if c := covOf(axis(approved)); !strings.Contains(c, ">۱۴۰</a>") {
		t.Errorf("approved view after approval:\n%s", c)
	}
}

// TestDashReconciliation: the organization's own 73 stands for the
// nation beside the sum of its provinces, 50 + 30 = 80, with the
// difference; never added to it.
func TestDashReconciliation(t *testing.T) {
	s := newDashSite(t)
	ind := &payesh.Indicator{Code: "pensioners", NameFA: "مستمری‌بگیران آزمایشی", Measure: "نفر", Direction: payesh.HigherIsBetter,
		UnitAgg: payesh.AggSum, TimeAgg: payesh.AggLast, Frequency: payesh.Yearly, ClauseIDs: []int64{s.axis2.ID},
		ReportingKinds: []payesh.UnitKind{payesh.UnitProvince}}
	if err := s.db.CreateIndicator(storetest.System(), ind); err != nil {
		t.Fatal(err)
	}
	s.dashApprove(s.dashSave(
		payesh.IndicatorValue{IndicatorID: ind.ID, UnitID: s.root.ID, Period: "1403", Value: 73},
		payesh.IndicatorValue{IndicatorID: ind.ID, UnitID: s.fars.ID, Period: "1403", Value: 50},
		payesh.IndicatorValue{IndicatorID: ind.ID, UnitID: s.khorasan.ID, Period: "1403", Value: 30},
	)...)
	u := s.as("viewer", demo.Password)
	page := u.get("/dashboard?period=1403").must(t, "scorecard", http.StatusOK)
	a2 := dashSection(page.body, "axis-"+paID(s.axis2.ID), `<section class="axis-block"`)
	row := a2[strings.Index(a2, "مستمری‌بگیران آزمایشی"):]
	row = row[:strings.Index(row, "</tr>")]
	for _, want := range []string{">۷۳</a>", "جمع واحدها: ۸۰ — اختلاف: \u2066−۷\u2069"} {
		if !strings.Contains(row, want) {
			t.Errorf("the national row lacks %q:\n%s", want, row)
		}
	}
	if strings.Contains(row, "۱۵۳") {
		t.Errorf("the own figure was added to its units:\n%s", row)
	}
	// In English too.
	en := s.as("viewer", demo.Password)
	en.client.Jar.SetCookies(nil, []*http.Cookie{{Name: "payesh_lang", Value: "en"}})
	en.get("/dashboard?period=1403").must(t, "english", http.StatusOK).has(t, "english", "Sum of units: 80 — difference: \u2066−7\u2069")

	// A province's own figure alone says what it is.
	fars := u.get("/indicators/"+paID(ind.ID)+"/explain?unit="+paID(s.root.ID)+"&period=1403").must(t, "explain", http.StatusOK)
	fars.has(t, "explain", `id="explain-own"`, "رقم رسمی خود واحد", `id="explain-recon"`, "جمع واحدها: ۸۰")
}

// dashDemoSite is the whole demo with its indicators, every figure
// approved unless approve is false.
func dashDemoSite(t *testing.T, approve bool) (*paSite, []*payesh.Indicator) {
	t.Helper()
	db := storetest.Open(t, store.Options{Now: paClock})
	sys := storetest.System()
	if _, err := demo.Load(sys, demo.Services{Units: db, Documents: db, Work: db, Users: db, Indicators: db}); err != nil {
		t.Fatalf("load demo: %v", err)
	}
	inds, _, err := db.FindIndicators(sys, payesh.IndicatorFilter{Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil || len(inds) == 0 {
		t.Fatalf("demo indicators: %d, %v", len(inds), err)
	}
	if approve {
		storetest.ApproveAll(t, db)
	}
	h, err := app.Handler(db, app.Options{Now: paClock})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &paSite{t: t, db: db, srv: srv}, inds
}

// TestDashEveryIndicator: the national scorecard lists every demo
// indicator, those linked to no clause in a group of their own, counts
// each once, and says «بدون هدف» of a value without a target.
func TestDashEveryIndicator(t *testing.T) {
	s, inds := dashDemoSite(t, true)
	u := s.as("viewer", demo.Password)
	latest, ok, err := s.db.LatestPeriod(storetest.System(), s.unitByCode("sso").ID, jalali.Year, payesh.BasisApproved)
	if err != nil || !ok {
		t.Fatalf("latest period: %v %v", ok, err)
	}
	page := u.get("/dashboard?unit="+paID(s.unitByCode("sso").ID)+"&period="+latest.String()).must(t, "scorecard", http.StatusOK)
	none := dashSection(page.body, "axis-none", `<section class="axis-block"`)
	if none == "" || !strings.Contains(none, "شاخص‌های بدون بند مرتبط") {
		t.Fatalf("no group of indicators linked to no clause:\n%s", workExcerpt(page.body))
	}
	for _, ind := range inds {
		if !strings.Contains(page.body, ind.NameFA) {
			t.Errorf("the scorecard lacks %s", ind.Code)
		}
		if len(ind.ClauseIDs) == 0 && !strings.Contains(none, ind.NameFA) {
			t.Errorf("%s, linked to no clause, is not in its group", ind.Code)
		}
	}
	foot := dashSection(page.body, "axes-h", "</tfoot>")
	if want := fmt.Sprintf("%s شاخص", jalali.ToPersianDigits(fmt.Sprint(len(inds)))); !strings.Contains(foot, want) {
		t.Errorf("totals do not count %q:\n%s", want, foot)
	}
	// The demo sets no targets: a figure is "no target", not "no data".
	if !strings.Contains(page.body, `<td><span class="badge ind-no_target">`) {
		t.Errorf("no indicator says no target:\n%s", none)
	}
	page.has(t, "scorecard", "بدون هدف", "بدون داده")
}

// TestDashOpensOnLatestYear: asked for no period, the dashboards open on
// the latest year with approved data and say so; a unit with none stays
// on this year and says that.
func TestDashOpensOnLatestYear(t *testing.T) {
	s, _ := dashDemoSite(t, true)
	u := s.as("viewer", demo.Password)
	sys := storetest.System()
	root := s.unitByCode("sso")
	latest, ok, err := s.db.LatestPeriod(sys, root.ID, jalali.Year, payesh.BasisApproved)
	if err != nil || !ok || latest.Year >= 1403 {
		t.Fatalf("latest approved year %v %v %v", latest, ok, err)
	}
	y := jalali.ToPersianDigits(latest.String())
	for _, path := range []string{"/dashboard", "/units/" + paID(root.ID) + "/dashboard", "/indicators/" + paID(s.indicatorByCode(t, "government-debt").ID)} {
		p := u.get(path).must(t, path, http.StatusOK)
		p.has(t, path, `id="dash-latest"`, "سال ۱۴۰۳ هنوز دادهٔ تأییدشده ندارد؛ سال "+y+" نمایش داده می‌شود: آخرین دوره‌ای که داده دارد",
			`<option value="`+latest.String()+`" selected>`)
	}
	// A period asked for is shown as asked, without the notice.
	u.get("/dashboard?period=1403").must(t, "asked", http.StatusOK).lacks(t, "asked", `id="dash-latest"`)
	// A province with no figure at all stays on this year, and says so.
	isfahan := s.unitByCode("prov-isfahan")
	u.get("/units/"+paID(isfahan.ID)+"/dashboard").must(t, "no data", http.StatusOK).has(t, "no data",
		`id="dash-latest"`, "هنوز هیچ دادهٔ تأییدشده برای این واحد ثبت نشده است؛ سال ۱۴۰۳ نمایش داده می‌شود", `<option value="1403" selected>`)
}

func (s *paSite) indicatorByCode(t *testing.T, code string) *payesh.Indicator {
	t.Helper()
	inds, _, err := s.db.FindIndicators(storetest.System(), payesh.IndicatorFilter{Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range inds {
		if i.Code == code {
			return i
		}
	}
	t.Fatalf("no indicator %s", code)
	return nil
}

// TestValuesGridRefusals: the grid offers no cell for a month that has
// not begun; a value typed for one anyway, or a satisfaction of 120 %,
// is refused by the store and shown beside its cell in Persian.
func TestValuesGridRefusals(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	sat := &payesh.Indicator{Code: "grid.satisfaction", NameFA: "رضایت آزمایشی", Measure: "درصد", Direction: payesh.HigherIsBetter,
		UnitAgg: payesh.AggAvg, TimeAgg: payesh.AggAvg, Frequency: payesh.Monthly, ReportingKinds: []payesh.UnitKind{payesh.UnitProvince}}
	if err := e.db.CreateIndicator(storetest.System(), sat); err != nil {
		t.Fatal(err)
	}
	fars := e.unit("prov-fars")
	c := e.as("secretariat")
	next := jalali.PeriodOf(payesh.Today(workNow()).Jalali(), jalali.Month).Next()
	page := fmt.Sprintf("/values?unit=%d&period=%d", fars.ID, next.Year)
	r := c.get(page)
	r.want(t, http.StatusOK, `id="c-`+valuesCellID(sat, next.String())+`"`)
	r.lacks(t, `name="`+valuesCell(sat, next.String())+`"`)

	// A month that has not begun, posted anyway.
	form := valuesFormOf(t, r.body, "values-grid")
	form.Set(valuesCell(sat, next.String()), "۵۰")
	r = c.post("/values", form, nil)
	r.want(t, http.StatusBadRequest)
	if got := workErrorBeside(r.body, valuesCellID(sat, next.String())); got != workFA("err.indicator.future_period") {
		t.Errorf("beside the future month: %q", got)
	}

	// 120 % in a month long past.
	form = valuesFormOf(t, c.get(fmt.Sprintf("/values?unit=%d&period=1403", fars.ID)).body, "values-grid")
	form.Set(valuesCell(sat, "1403-02"), "۱۲۰")
	r = c.post("/values", form, nil)
	r.want(t, http.StatusBadRequest, `value="۱۲۰"`)
	if got := workErrorBeside(r.body, valuesCellID(sat, "1403-02")); got != workFA("err.indicator.above_max") {
		t.Errorf("beside 120 %%: %q", got)
	}
	if n := len(e.valuesSaved(fars.ID)); n != 0 {
		t.Errorf("%d refused values saved", n)
	}

	// An office does not report it: no row.
	office := e.unit("secretariat")
	c.get(fmt.Sprintf("/values?unit=%d&period=1403", office.ID)).lacks(t, valuesCell(sat, "1403-01"))
}
