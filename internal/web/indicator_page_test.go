package web_test

import (
	"net/http"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/store/storetest"
)

// TestIndicatorPage: the definition in words, the yearly trend and the
// months of the year in tables the charts are drawn from, with Persian
// digits on screen and Latin ones for the chart, and the provinces.
func TestIndicatorPage(t *testing.T) {
	s := newDashSite(t)
	page := s.as("viewer", demo.Password).get("/indicators/"+paID(s.cov.ID)).must(t, "coverage", http.StatusOK)
	page.has(t, "coverage", "پوشش بیمه‌ای زنان سرپرست خانوار", "<code dir=\"ltr\">cov</code>", "بیشتر، بهتر", "ماهانه",
		"مجموع مقادیر واحدها در هر ماه، سپس آخرین ماه دارای داده",
		"آستانه‌ها: در مسیر ≥ ۹۵٪، در معرض خطر ≥ ۸۰٪",
		`href="/clauses/`+paID(s.axis1.ID)+`"`,
		`<script src="/static/vendor/chart.min.js`, `<script src="/static/js/charts.js`,
		`data-chart-for="trend-years"`, `data-chart-for="trend-sub"`, `data-chart-for="indicator-provinces"`)
	page.lacks(t, "coverage", "<script>") // the CSP forbids inline scripts

	// The trend: five years up to 1403, the last with 110 against 100.
	years := dashSection(page.body, "trend-years", "</table>")
	for _, y := range []string{"۱۳۹۹", "۱۴۰۰", "۱۴۰۱", "۱۴۰۲", "۱۴۰۳"} {
		if !strings.Contains(years, `data-label="`+y+`"`) {
			t.Errorf("trend lacks %s", y)
		}
	}
	row := dashRow(years, "۱۴۰۳")
	for _, want := range []string{`data-v="110"`, `>۱۱۰</a>`, `data-v="100"`, "۱۰۰", "۱۱۰٪", "در مسیر", `data-series`} {
		if !strings.Contains(row+years, want) {
			t.Errorf("1403 row lacks %q:\n%s", want, row)
		}
	}
	if strings.Contains(row, ">110<") {
		t.Errorf("Latin digits on screen:\n%s", row)
	}
	// The months of 1403: Farvardin 40 (Fars alone), Ordibehesht 110.
	months := dashSection(page.body, "trend-sub", "</table>")
	if r := dashRow(months, "فروردین ۱۴۰۳"); !strings.Contains(r, `data-v="40"`) || !strings.Contains(r, ">۴۰</a>") {
		t.Errorf("Farvardin:\n%s", r)
	}
	if r := dashRow(months, "اردیبهشت ۱۴۰۳"); !strings.Contains(r, ">۱۱۰</a>") {
		t.Errorf("Ordibehesht:\n%s", r)
	}
	if strings.Count(months, "<tr data-label=") != 12 {
		t.Errorf("months table has %d rows, want 12", strings.Count(months, "<tr data-label="))
	}
	// By province, ranked, each value linked to its explanation.
	prov := dashSection(page.body, "indicator-provinces", "</table>")
	if k, f := strings.Index(prov, s.khorasan.NameFA), strings.Index(prov, s.fars.NameFA); k < 0 || f < 0 || k > f {
		t.Errorf("provinces not ranked: Khorasan at %d, Fars at %d", k, f)
	}
	if !strings.Contains(prov, `/indicators/`+paID(s.cov.ID)+`/explain?unit=`+paID(s.fars.ID)+`&amp;period=1403`) {
		t.Error("a province's value does not link to its explanation")
	}

	// A quarterly indicator shows the seasons of the year; ?years= sets
	// the trend's length.
	sat := s.as("viewer", demo.Password).get("/indicators/"+paID(s.sat.ID)+"?years=3").must(t, "satisfaction", http.StatusOK)
	sat.has(t, "satisfaction", "فصل‌های سال ۱۴۰۳", `data-label="بهار ۱۴۰۳"`, "میانگین مقادیر واحدهای گزارش‌دهنده در هر فصل، سپس میانگین فصل‌ها دارای داده")
	sat.lacks(t, "satisfaction", `data-label="۱۴۰۰"`)
}

// TestIndicatorPageRoles: the secretariat sees the edit and value-entry
// links, a reporter only the value entry, a viewer neither.
func TestIndicatorPageRoles(t *testing.T) {
	s := newDashSite(t)
	path := "/indicators/" + paID(s.debt.ID)
	edit, values := `href="/indicators/`+paID(s.debt.ID)+`/edit"`, `href="/values"`
	s.as("secretariat", demo.Password).get(path).must(t, "secretariat", http.StatusOK).has(t, "secretariat", edit, values)
	rep := s.as("reporter", demo.Password).get(path).must(t, "reporter", http.StatusOK)
	rep.has(t, "reporter", values)
	rep.lacks(t, "reporter", edit)
	s.as("viewer", demo.Password).get(path).must(t, "viewer", http.StatusOK).lacks(t, "viewer", edit, values)

	list := s.as("secretariat", demo.Password).get("/indicators").must(t, "list", http.StatusOK)
	list.has(t, "list", `href="/indicators/new"`, edit, "۴ شاخص")
}

// TestIndicatorList: indicators grouped under the axes they measure,
// filtered by clause and by text.
func TestIndicatorList(t *testing.T) {
	s := newDashSite(t)
	u := s.as("viewer", demo.Password)
	all := u.get("/indicators").must(t, "all", http.StatusOK)
	a1, a2 := strings.Index(all.body, `href="/clauses/`+paID(s.axis1.ID)+`"`), strings.Index(all.body, `href="/clauses/`+paID(s.axis2.ID)+`"`)
	cov, sat := strings.Index(all.body, "پوشش بیمه‌ای"), strings.Index(all.body, "رضایت بیمه‌شدگان")
	if !(a1 >= 0 && a1 < cov && cov < a2 && a2 < sat) {
		t.Errorf("not grouped by axis: axis 1 %d, coverage %d, axis 2 %d, satisfaction %d", a1, cov, a2, sat)
	}
	by := u.get("/indicators?clause="+paID(s.axis2.ID)).must(t, "axis 2", http.StatusOK)
	by.has(t, "axis 2", "رضایت بیمه‌شدگان", "شاخص بی‌داده", "۲ شاخص")
	by.lacks(t, "axis 2", "پوشش بیمه‌ای")
	q := u.get("/indicators?q=debt").must(t, "search", http.StatusOK)
	q.has(t, "search", "بدهی معوق کارفرمایان", "۱ شاخص")
	q.lacks(t, "search", "رضایت بیمه‌شدگان")
	none := u.get("/indicators?q=nothing-like-this").must(t, "none", http.StatusOK)
	none.has(t, "none", "شاخصی با این مشخصات یافت نشد")
}

// TestIndicatorExplain: every value that went into the number, the rule
// in words and the arithmetic, and the result computed from them equal to
// the value the dashboards read.
func TestIndicatorExplain(t *testing.T) {
	s := newDashSite(t)
	u := s.as("viewer", demo.Password)
	path := "/indicators/" + paID(s.cov.ID) + "/explain?unit=" + paID(s.root.ID) + "&period=1403"
	page := dashPlain(u.get(path).must(t, "coverage 1403", http.StatusOK))
	// Each period's values are listed by unit id.
	ordered := func(fars, khorasan string) string {
		if s.fars.ID < s.khorasan.ID {
			return fars + " + " + khorasan
		}
		return khorasan + " + " + fars
	}
	page.has(t, "coverage 1403", "مجموع مقادیر واحدها در هر ماه، سپس آخرین ماه دارای داده",
		"فروردین ۱۴۰۳", "اردیبهشت ۱۴۰۳", ordered("۵۰", "۶۰")+" = ۱۱۰", `<span class="formula" dir="ltr">۴۰</span>`, s.fars.NameFA, s.khorasan.NameFA, `<span class="badge vg-state vg-state-approved">تأییدشده</span>`,
		"آخرین دورهٔ دارای داده، اردیبهشت ۱۴۰۳: ۱۱۰",
		`id="explain-computed">۱۱۰ نفر<`, `id="explain-stored">۱۱۰ نفر<`, "دو عدد برابرند")
	page.lacks(t, "coverage 1403", "هشدار")
	page.has(t, "coverage 1403", `href="/indicators/`+paID(s.cov.ID)+`?unit=`+paID(s.root.ID)+`&period=1403"`) // page is unescaped

	// The page shows what the store computes.
	ex, err := s.db.Explain(storetest.System(), s.cov.ID, s.root.ID, "1403", payesh.BasisApproved)
	if err != nil {
		t.Fatal(err)
	}
	if ex.Computed == nil || ex.Stored == nil || *ex.Computed != 110 || *ex.Stored != 110 {
		t.Fatalf("store explains %v / %v, want 110 / 110", ex.Computed, ex.Stored)
	}

	// Averages: (70 + 80) ÷ 2 = 75 in spring.
	sat := dashPlain(u.get("/indicators/"+paID(s.sat.ID)+"/explain?unit="+paID(s.root.ID)+"&period=1403Q1").must(t, "satisfaction", http.StatusOK))
	sat.has(t, "satisfaction", "("+ordered("۷۰", "۸۰")+") ÷ ۲ = ۷۵", `id="explain-computed">۷۵ نفر<`, `id="explain-stored">۷۵ نفر<`, "دو عدد برابرند")

	// Nothing reported: both sides are empty, and agree.
	none := u.get("/indicators/"+paID(s.plan.ID)+"/explain").must(t, "no data", http.StatusOK)
	none.has(t, "no data", "هیچ واحدی در این دوره مقداری گزارش نکرده است", "دو عدد برابرند")

	u.get("/indicators/"+paID(s.cov.ID)+"/explain?unit=999999").must(t, "unknown unit", http.StatusNotFound)

	// Should a stored roll-up ever drift from the values, the page says so
	// out loud rather than showing two numbers quietly.
	if _, err := s.db.SQL().Exec(`UPDATE indicator_rollups SET value = value + 1
		WHERE indicator_id = $1 AND unit_id = $2 AND gran = 1 AND period = 140300`, s.cov.ID, s.root.ID); err != nil {
		t.Fatal(err)
	}
	drift := dashPlain(u.get(path).must(t, "drift", http.StatusOK))
	drift.has(t, "drift", `id="explain-computed">۱۱۰ نفر<`, `id="explain-stored">۱۱۱ نفر<`, `role="alert"`, "هشدار: نتیجهٔ محاسبه با مقدار ذخیره‌شده برابر نیست")
	drift.lacks(t, "drift", "دو عدد برابرند")
}
