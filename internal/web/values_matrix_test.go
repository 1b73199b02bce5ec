package web_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/store/storetest"
)

// TestValuesMatrix: the provinces × months matrix of one indicator — a
// row per province by its short name, a column per month, each value as
// entered with its state, each row's year and the national row by the
// indicator's rules, marked approved only when it counts approved values
// alone — for the secretariat, and for a province's reporter only what
// its scope reads: other provinces' approved values and its own.
func TestValuesMatrix(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	ctx := storetest.System()
	fars, bushehr, khorasan := e.unit("prov-fars"), e.unit("prov-bushehr"), e.unit("prov-khorasan-razavi")
	ind := e.valuesIndicator("mx.sum", payesh.Monthly, payesh.UnitProvince)
	other := e.valuesIndicator("mx.other", payesh.Monthly, payesh.UnitProvince)
	save := func(i *payesh.Indicator, u *payesh.OrgUnit, period string, v float64) *payesh.IndicatorValue {
		return e.valuesSave(payesh.IndicatorValue{IndicatorID: i.ID, UnitID: u.ID, Period: period, Value: v})
	}
	save(ind, fars, "1403-01", 10)
	approve := []int64{save(ind, fars, "1403-02", 20).ID, save(ind, bushehr, "1403-01", 7).ID}
	save(ind, khorasan, "1403-01", 5)
	save(ind, fars, "1402-12", 1000) // another year
	save(other, fars, "1403-01", 2000)
	if _, err := e.db.ReviewValues(ctx, approve, payesh.ValueApproved); err != nil {
		t.Fatal(err)
	}
	page := fmt.Sprintf("/values/matrix?indicator=%d&period=۱۴۰۳", ind.ID)
	draft, approved := workFA("ui.values.state.draft"), workFA("ui.values.state.approved")
	lead, prov := squash(workFA("ui.matrix.leadership")), workFA("ui.matrix.provisional")

	r := e.as("secretariat").get(page)
	r.want(t, http.StatusOK, "<th scope=\"col\">فروردین</th>", "<th scope=\"col\">اسفند</th>", workFA("ui.matrix.scope_all"),
		fmt.Sprintf(`href="/values?indicator=%d&amp;period=1403&amp;unit=%d" title="ادارهٔ کل تأمین اجتماعی استان فارس">فارس</a>`, ind.ID, fars.ID),
		">شرق تهران<", workFA("ui.matrix.rule_time.sum"), workFA("ui.matrix.rule_units.sum"))
	_, provinces, err := e.db.FindOrgUnits(ctx, payesh.OrgUnitFilter{Kind: payesh.UnitProvince, Page: payesh.Page{Limit: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(r.body, `<tr id="mx-`); n != provinces+1 || provinces < 30 {
		t.Errorf("%d rows, want the %d provinces and the country", n, provinces)
	}
	months := func(cells ...string) []string { return append(cells, make([]string, 12-len(cells))...) }
	// The country's months with no value show a dash.
	dashes := func(cells ...string) []string {
		out := months(cells...)
		for i := len(cells); i < 12; i++ {
			out[i] = "—"
		}
		return out
	}
	for _, tc := range []struct {
		name string
		row  string
		want []string // the twelve months, then the year
	}{
		{"Fars", fmt.Sprint(fars.ID), append(months("۱۰"+draft, "۲۰"+approved), "۳۰مجموع۲ماه")},
		{"Bushehr", fmt.Sprint(bushehr.ID), append(months("۷"+approved), "۷مجموع۱ماه")},
		{"Khorasan", fmt.Sprint(khorasan.ID), append(months("۵"+draft), "۵مجموع۱ماه")},
		{"the country", "national", append(dashes("۲۲۳استان"+prov, "۲۰۱استان"+lead), "۴۲مجموع۲ماه"+prov)},
	} {
		if got := matrixRowCells(r.body, tc.row); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: %q\nwant %q", tc.name, got, tc.want)
		}
	}

	// A province's reporter: Fars's draft is no part of what it sees, nor
	// of the country's figure; its own province's draft is, and only its
	// own province leads to a grid.
	r = e.as("province").get(page)
	r.want(t, http.StatusOK, workFA("ui.matrix.scope_some"),
		fmt.Sprintf(`href="/values?indicator=%d&amp;period=1403&amp;unit=%d"`, ind.ID, khorasan.ID))
	r.lacks(t, fmt.Sprintf(`unit=%d"`, fars.ID), workFA("ui.matrix.scope_all"))
	for _, tc := range []struct {
		name, row string
		want      []string
	}{
		{"Fars", fmt.Sprint(fars.ID), append(months("", "۲۰"+approved), "۲۰مجموع۱ماه")},
		{"Khorasan", fmt.Sprint(khorasan.ID), append(months("۵"+draft), "۵مجموع۱ماه")},
		{"the country", "national", append(dashes("۱۲۲استان"+prov, "۲۰۱استان"+lead), "۳۲مجموع۲ماه"+prov)},
	} {
		if got := matrixRowCells(r.body, tc.row); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("the province's reporter, %s: %q\nwant %q", tc.name, got, tc.want)
		}
	}

	// A partner that does not read the indicator: not found, as its page.
	e.as("university").get(page).want(t, http.StatusNotFound)

	// No indicator yet: the choice; a year that is not one: this year,
	// the problem beside the filter.
	e.as("secretariat").get("/values/matrix").want(t, http.StatusOK, workFA("ui.matrix.pick"))
	r = e.as("secretariat").get(fmt.Sprintf("/values/matrix?indicator=%d&period=abc", ind.ID))
	r.want(t, http.StatusOK)
	if got := workErrorBeside(r.body, "period"); got != workFA("err.values.year") {
		t.Errorf("beside a bad year: %q", got)
	}
}

// TestValuesMatrixRules: a quarterly average's columns are the seasons
// and its country row the provinces' average, its year the last season
// for a stock; a ratio's country row is not made from the provinces'
// ratios but points to the indicator's page.
func TestValuesMatrixRules(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	ctx := storetest.System()
	fars, bushehr := e.unit("prov-fars"), e.unit("prov-bushehr")
	avg := &payesh.Indicator{Code: "mx.avg", NameFA: "میانگین فصلی", Direction: payesh.HigherIsBetter, UnitAgg: payesh.AggAvg,
		TimeAgg: payesh.AggLast, Frequency: payesh.Quarterly, ReportingKinds: []payesh.UnitKind{payesh.UnitProvince}}
	if err := e.db.CreateIndicator(ctx, avg); err != nil {
		t.Fatal(err)
	}
	for _, v := range []payesh.IndicatorValue{
		{IndicatorID: avg.ID, UnitID: fars.ID, Period: "1403Q1", Value: 10},
		{IndicatorID: avg.ID, UnitID: bushehr.ID, Period: "1403Q1", Value: 20},
		{IndicatorID: avg.ID, UnitID: fars.ID, Period: "1403Q2", Value: 40},
	} {
		e.valuesSave(v)
	}
	r := e.as("secretariat").get(fmt.Sprintf("/values/matrix?indicator=%d&period=1403", avg.ID))
	r.want(t, http.StatusOK, `<th scope="col">بهار</th>`, `<th scope="col">زمستان</th>`, workFA("ui.matrix.rule_time.last"),
		workFA("ui.matrix.rule_units.avg"))
	prov := workFA("ui.matrix.provisional")
	want := []string{"۱۵۲استان" + prov, "۴۰۱استان" + prov, "—", "—", "۴۰آخرینمقدار:تابستان" + prov}
	if got := matrixRowCells(r.body, "national"); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("the country: %q\nwant %q", got, want)
	}

	num, den := e.valuesIndicator("mx.num", payesh.Monthly, payesh.UnitProvince), e.valuesIndicator("mx.den", payesh.Monthly, payesh.UnitProvince)
	ratio := &payesh.Indicator{Code: "mx.ratio", NameFA: "نسبت", Measure: "درصد", Direction: payesh.HigherIsBetter, UnitAgg: payesh.AggRatio,
		TimeAgg: payesh.AggLast, Frequency: payesh.Monthly, NumeratorID: &num.ID, DenominatorID: &den.ID}
	if err := e.db.CreateIndicator(ctx, ratio); err != nil {
		t.Fatal(err)
	}
	r = e.as("secretariat").get(fmt.Sprintf("/values/matrix?indicator=%d&period=1403", ratio.ID))
	r.want(t, http.StatusOK, workFA("ui.matrix.ratio"), workFA("ui.matrix.not_reported"))
	r.lacks(t, workFA("ui.matrix.rule_units.sum"))

	// The grid's indicator filter and the indicator's page lead here.
	e.as("secretariat").get(fmt.Sprintf("/values?unit=%d&period=1403&indicator=%d", fars.ID, avg.ID)).want(t, http.StatusOK,
		fmt.Sprintf(`id="vg-matrix" href="/values/matrix?indicator=%d&amp;period=1403"`, avg.ID))
	e.as("secretariat").get(fmt.Sprintf("/indicators/%d?period=1403", avg.ID)).want(t, http.StatusOK,
		fmt.Sprintf(`id="indicator-matrix" href="/values/matrix?indicator=%d&amp;period=1403"`, avg.ID))
}

// matrixRowCells returns the text of a matrix row's cells after its
// heading ("mx-7", or "national"), tags and spaces dropped.
func matrixRowCells(body, row string) []string {
	m := regexp.MustCompile(`(?s)<tr id="mx-` + row + `">(.*?)</tr>`).FindStringSubmatch(body)
	if m == nil {
		return []string{"(no row)"}
	}
	var out []string
	for _, c := range regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`).FindAllStringSubmatch(m[1], -1) {
		text := regexp.MustCompile(`<span class="vg-sr">[^<]*</span>|<[^>]*>|·`).ReplaceAllString(c[1], "")
		out = append(out, squash(text))
	}
	return out
}
