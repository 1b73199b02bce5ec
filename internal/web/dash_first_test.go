package web_test

import (
	"net/http"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/store/storetest"
)

// TestDashOpensOnIndicatorLatest: a page about one indicator, asked for no
// period, opens on the latest year in which that indicator has data —
// the province ranking where provinces reported it, the indicator's page
// at the unit — not on this year nor on the unit's latest year over all
// indicators, and says which year is shown and why. Asked for a year,
// the page shows that year and no notice.
func TestDashOpensOnIndicatorLatest(t *testing.T) {
	s, _ := dashDemoSite(t, true)
	sys := storetest.System()
	sat := s.indicatorByCode(t, "audience-satisfaction") // yearly, provinces report it; no figure in the demo
	fars, khorasan := s.unitByCode("prov-fars"), s.unitByCode("prov-khorasan-razavi")
	saved, err := s.db.SaveValues(sys, []payesh.IndicatorValue{
		{IndicatorID: sat.ID, UnitID: fars.ID, Period: "1399", Value: 61},
		{IndicatorID: sat.ID, UnitID: khorasan.ID, Period: "1399", Value: 74},
	})
	if err != nil {
		t.Fatal(err)
	}
	ids := []int64{saved[0].ID, saved[1].ID}
	if _, err := s.db.ReviewValues(sys, ids, payesh.ValueApproved); err != nil {
		t.Fatal(err)
	}
	u := s.as("viewer", demo.Password)
	for _, c := range []struct {
		name, path, year string
	}{
		// The organization's latest year is 1401; satisfaction's provinces last reported in 1399.
		{"ranking", "/dashboard/provinces?indicator=" + paID(sat.ID), "1399"},
		// Pensioners: the organization's one figure is of 1396.
		{"indicator page", "/indicators/" + paID(s.indicatorByCode(t, "pensioners").ID), "1396"},
	} {
		p := u.get(c.path).must(t, c.name, http.StatusOK)
		p.has(t, c.name, `id="dash-latest"`, `<option value="`+c.year+`" selected>`,
			"سال ۱۴۰۳ هنوز دادهٔ تأییدشده ندارد؛ سال "+toFA(c.year)+" نمایش داده می‌شود: آخرین دوره‌ای که داده دارد")
	}
	ranking := u.get("/dashboard/provinces?indicator="+paID(sat.ID)).must(t, "ranking", http.StatusOK)
	ranking.has(t, "ranking", `data-v="74"`, `data-v="61"`)
	asked := u.get("/dashboard/provinces?indicator="+paID(sat.ID)+"&period=1402").must(t, "asked", http.StatusOK)
	asked.lacks(t, "asked", `id="dash-latest"`, `data-v="74"`)
	asked.has(t, "asked", `<option value="1402" selected>`)
}

// toFA writes Latin digits as Persian ones.
func toFA(s string) string {
	r := []rune(s)
	for i, c := range r {
		if c >= '0' && c <= '9' {
			r[i] = '۰' + (c - '0')
		}
	}
	return string(r)
}

// TestProvinceRankingApart: a province ranking charts and ranks only the
// provinces that reported, by their short names («فارس», not «ادارهٔ کل
// تأمین اجتماعی استان فارس», which stays in the link's title), in a box
// whose height is reserved for that many bars; the provinces without a
// value are named apart under «بدون داده», never as bars of zero. One
// province alone is a table row, not a chart of one bar; none at all
// says so.
func TestProvinceRankingApart(t *testing.T) {
	s := newDashSite(t)
	u := s.as("viewer", demo.Password)
	all, _, err := s.db.FindOrgUnits(storetest.System(), payesh.OrgUnitFilter{Kind: payesh.UnitProvince, Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	// Coverage: Fars and Khorasan reported in 1403.
	page := u.get("/dashboard/provinces?indicator="+paID(s.cov.ID)+"&period=1403").must(t, "two", http.StatusOK)
	table := dashSection(page.body, "province-ranking", "</table>")
	if n := strings.Count(table, "<tr data-label="); n != 2 {
		t.Errorf("the ranking has %d rows, want the 2 provinces that reported:\n%s", n, table)
	}
	for _, want := range []string{`data-label="فارس"`, `title="ادارهٔ کل تأمین اجتماعی استان فارس">فارس</a>`} {
		if !strings.Contains(table, want) {
			t.Errorf("the ranking lacks %s:\n%s", want, table)
		}
	}
	if strings.Contains(table, "اصفهان") || strings.Contains(table, `data-v=""`) {
		t.Errorf("a province without a value is in the ranking:\n%s", table)
	}
	page.has(t, "two", `class="chart-box chart-bar chart-reserved" data-chart-for="province-ranking" aria-hidden="true" style="--bars: 2"`,
		`id="province-ranking-missing"`, toFA(paID(int64(len(all)-2)))+" استان در این دوره گزارش نداده‌اند")
	missing := dashSection(page.body, "province-ranking-missing", "</p>")
	for _, want := range []string{">اصفهان</a>", ">آذربایجان شرقی</a>", ">شرق تهران</a>", "بدون داده"} {
		if !strings.Contains(missing, want) {
			t.Errorf("the provinces without data lack %s:\n%s", want, missing)
		}
	}
	// Persian alphabetical order: آذربایجان before اصفهان before یزد.
	if a, i, y := strings.Index(missing, ">آذربایجان شرقی<"), strings.Index(missing, ">اصفهان<"), strings.Index(missing, ">یزد<"); !(a < i && i < y) {
		t.Errorf("the provinces without data are not in Persian order (%d, %d, %d)", a, i, y)
	}

	// One province: a ranked row, no chart of one bar.
	one := s.dashIndicator("one", "شاخص یک‌استانی", s.axis1, payesh.Yearly, payesh.AggSum, payesh.AggSum, payesh.HigherIsBetter, payesh.UnitProvince)
	s.dashApprove(s.dashSave(payesh.IndicatorValue{IndicatorID: one.ID, UnitID: s.fars.ID, Period: "1403", Value: 34})...)
	single := u.get("/dashboard/provinces?indicator="+paID(one.ID)+"&period=1403").must(t, "one", http.StatusOK)
	single.has(t, "one", `data-label="فارس"`, `data-v="34"`, `id="province-ranking-missing"`)
	single.lacks(t, "one", `data-chart="hbar"`, `data-chart-for="province-ranking"`)

	// None: said, and every province is named apart.
	none := u.get("/dashboard/provinces?indicator="+paID(one.ID)+"&period=1402").must(t, "none", http.StatusOK)
	none.has(t, "none", `id="province-ranking-none"`, "هیچ استانی در این دوره برای این شاخص داده‌ای ثبت نکرده است",
		toFA(paID(int64(len(all))))+" استان در این دوره گزارش نداده‌اند")
	none.lacks(t, "none", `<table id="province-ranking"`)

	// The indicator's page ranks the same way.
	ind := u.get("/indicators/"+paID(s.cov.ID)+"?period=1403").must(t, "indicator page", http.StatusOK)
	ind.has(t, "indicator page", `style="--bars: 2"`, `id="indicator-provinces-missing"`, `data-label="خراسان رضوی"`)
}
