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

// TestValuesGridTotalsAndTargets: beside each row of the grid, the
// unit's own entries over the year (drafts included) combined by the
// indicator's time rule, the year's target — set for the year, or made
// from every month's target, or from the last one for a stock — and the
// % of target; a period's own target under its cell. A year with only
// some months' targets has no year target, rather than a made-up one.
func TestValuesGridTotalsAndTargets(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	ctx := storetest.System()
	fars, bushehr := e.unit("prov-fars"), e.unit("prov-bushehr")
	ind := func(code string, f payesh.Frequency, agg payesh.Aggregation, d payesh.Direction) *payesh.Indicator {
		i := &payesh.Indicator{Code: code, NameFA: "شاخص جمع " + code, Measure: "نفر", Direction: d, UnitAgg: payesh.AggSum,
			TimeAgg: agg, Frequency: f, ReportingKinds: []payesh.UnitKind{payesh.UnitProvince}}
		if err := e.db.CreateIndicator(ctx, i); err != nil {
			t.Fatal(err)
		}
		return i
	}
	sum := ind("tot.sum", payesh.Monthly, payesh.AggSum, payesh.HigherIsBetter)
	avg := ind("tot.avg", payesh.Monthly, payesh.AggAvg, payesh.HigherIsBetter)
	last := ind("tot.last", payesh.Quarterly, payesh.AggLast, payesh.LowerIsBetter)
	partial := ind("tot.partial", payesh.Monthly, payesh.AggSum, payesh.HigherIsBetter)
	bare := ind("tot.bare", payesh.Yearly, payesh.AggSum, payesh.HigherIsBetter)

	save := func(i *payesh.Indicator, period string, v float64) {
		e.valuesSave(payesh.IndicatorValue{IndicatorID: i.ID, UnitID: fars.ID, Period: period, Value: v})
	}
	save(sum, "1403-01", 100)
	save(sum, "1403-02", 150)
	save(sum, "1403-05", 50) // 300 over three months
	save(avg, "1403-01", 10)
	save(avg, "1403-03", 20) // an average of 15
	save(last, "1403Q1", 80)
	save(last, "1403Q3", 60) // the last is autumn's 60
	save(partial, "1403-01", 5)
	save(bare, "1403", 7)
	// Another province's value is no part of Fars's total.
	e.valuesSave(payesh.IndicatorValue{IndicatorID: sum.ID, UnitID: bushehr.ID, Period: "1403-03", Value: 9999})

	var targets = map[*payesh.Indicator][]payesh.Target{
		sum:     {{UnitID: fars.ID, Period: "1403", Value: 1200}, {UnitID: fars.ID, Period: "1403-02", Value: 110}, {UnitID: bushehr.ID, Period: "1403", Value: 5}},
		last:    {{UnitID: fars.ID, Period: "1403Q4", Value: 48}},
		partial: {{UnitID: fars.ID, Period: "1403-01", Value: 4}, {UnitID: fars.ID, Period: "1403-02", Value: 4}},
		// Last year's target is not this year's.
		bare: {{UnitID: fars.ID, Period: "1402", Value: 70}},
	}
	var monthly []payesh.Target
	for m := 1; m <= 12; m++ {
		monthly = append(monthly, payesh.Target{UnitID: fars.ID, Period: fmt.Sprintf("1403-%02d", m), Value: float64(m)}) // average 6.5
	}
	targets[avg] = monthly
	for i, ts := range targets {
		if err := e.db.SetTargets(ctx, i.ID, ts); err != nil {
			t.Fatal(err)
		}
	}

	r := e.as("secretariat").get(fmt.Sprintf("/values?unit=%d&period=1403", fars.ID))
	r.want(t, http.StatusOK, workFA("ui.grid.col_total"), workFA("ui.grid.col_target"), workFA("ui.grid.col_percent"),
		workFA("ui.grid.totals_note"))
	for _, tc := range []struct {
		name                    string
		ind                     *payesh.Indicator
		total, how, target, pct string
	}{
		// 300 of 1,200: a quarter of the year's target reached so far.
		{"a sum", sum, "۳۰۰", "مجموع ۳ ماه", "۱٬۲۰۰", "۲۵٪"},
		// 15 against the months' targets' average 6.5.
		{"an average", avg, "۱۵", "میانگین ۲ ماه", "۶٫۵" + workFA("ui.grid.target_from_months"), "۲۳۱٪"},
		// Lower is better: 48 / 60.
		{"the last value", last, "۶۰", "آخرین مقدار: پاییز", "۴۸" + workFA("ui.grid.target_from_seasons"), "۸۰٪"},
		{"some months' targets", partial, "۵", "مجموع ۱ ماه", "", ""},
		{"a yearly indicator, last year's target", bare, "۷", "", "", ""},
	} {
		if got, want := valuesStatCell(r.body, "total", tc.ind), squash(tc.total+tc.how+workFA("ui.grid.unit_entry")); got != want {
			t.Errorf("%s: total %q, want %q", tc.name, got, want)
		}
		wantTarget, wantPct := tc.target, tc.pct
		if wantTarget == "" {
			wantTarget = "—" + workFA("ui.grid.no_target")
		}
		if wantPct == "" {
			wantPct = "—"
		}
		if got := valuesStatCell(r.body, "target", tc.ind); got != squash(wantTarget) {
			t.Errorf("%s: target %q, want %q", tc.name, got, wantTarget)
		}
		if got := valuesStatCell(r.body, "percent", tc.ind); got != wantPct {
			t.Errorf("%s: %% of target %q, want %q", tc.name, got, wantPct)
		}
	}
	// A period's own target under its cell, described to screen readers.
	r.want(t, http.StatusOK,
		fmt.Sprintf(`<small class="vg-target" id="tg-%d-1403-02">%s ۱۱۰</small>`, sum.ID, workFA("ui.grid.target_short")),
		fmt.Sprintf(`aria-describedby="st-%d-1403-02 tg-%d-1403-02"`, sum.ID, sum.ID),
		fmt.Sprintf(`id="tg-%d-1403Q4">%s ۴۸<`, last.ID, workFA("ui.grid.target_short")))
	r.lacks(t, fmt.Sprintf(`id="tg-%d-1403-01"`, sum.ID), fmt.Sprintf(`id="tg-%d-1403"`, bare.ID))

	// Bushehr's grid has its own total and target.
	r = e.as("secretariat").get(fmt.Sprintf("/values?unit=%d&period=1403&indicator=%d", bushehr.ID, sum.ID))
	if got := valuesStatCell(r.body, "percent", sum); got != "۱۹۹٬۹۸۰٪" {
		t.Errorf("Bushehr: %% of target %q", got)
	}
	// A year with nothing entered shows no total, and no % of target.
	r = e.as("secretariat").get(fmt.Sprintf("/values?unit=%d&period=1402&indicator=%d", fars.ID, sum.ID))
	if got := valuesStatCell(r.body, "total", sum); got != squash("—"+workFA("ui.grid.no_total")) {
		t.Errorf("an empty year: total %q", got)
	}
}

// valuesStatCell is the text of a row's figure beside the cells (total,
// target, percent), tags stripped and spaces dropped.
func valuesStatCell(body, which string, i *payesh.Indicator) string {
	m := regexp.MustCompile(fmt.Sprintf(`(?s)<td class="vg-stat [^"]*" id="vg-%s-%d">(.*?)</td>`, which, i.ID)).FindStringSubmatch(body)
	if m == nil {
		return "(none)"
	}
	return squash(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(m[1], ""))
}

// squash drops the spaces of s, which the page's layout places freely.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }
