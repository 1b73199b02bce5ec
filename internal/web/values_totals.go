package web

import (
	"fmt"
	"math"
	"net/http"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
	"payesh/internal/valuebook"
)

// valuesStats is what a grid row shows beside its cells: the unit's own
// entries over the year combined as the indicator's time rule says, the
// year's target and how far the entries reach it. The total is the
// unit's entry — drafts included, as the cells show them — and never a
// leadership figure: the column says so, and the page's note too.
type valuesStats struct {
	Total   string // "" when no cell has a saved value
	TotalOf string // how the total was made: "مجموع ۷ ماه", "آخرین: مهر"
	Target  string // "" when the year has no target
	// TargetFrom says how a target not set for the year itself was made
	// from the targets of its periods ("" for one set for the year).
	TargetFrom string
	Percent    string // "" without a target or a total
}

// valuesTargets reads the unit's targets of the year for the rows shown
// (one indexed read, whatever the number of rows) and puts each period's
// own target under its cell and the year's figures beside the row.
func (s *server) valuesTargets(r *http.Request, d *valuesGridData) error {
	var ids []int64
	for _, t := range d.Tables {
		for _, row := range t.Rows {
			ids = append(ids, row.Indicator.ID)
		}
	}
	targets, err := s.Indicators.FindUnitTargets(r.Context(), d.Unit.ID, ids, d.Year)
	if err != nil {
		return err
	}
	byInd := map[int64]map[jalali.Period]float64{}
	for _, t := range targets {
		p, err := jalali.ParsePeriod(t.Period)
		if err != nil {
			continue
		}
		if byInd[t.IndicatorID] == nil {
			byInd[t.IndicatorID] = map[jalali.Period]float64{}
		}
		byInd[t.IndicatorID][p] = t.Value
	}
	for _, t := range d.Tables {
		for _, row := range t.Rows {
			row.Stats = valuesRowStats(d.lang, row, byInd[row.Indicator.ID], d.Year)
		}
	}
	return nil
}

// valuesRowStats computes a row's figures from its cells' saved values
// and the unit's targets of the year by period.
func valuesRowStats(lang i18n.Lang, row *valuesRow, targets map[jalali.Period]float64, year int) valuesStats {
	ind := row.Indicator
	var st valuesStats
	var vals []float64
	var last jalali.Period
	for _, c := range row.Cells {
		if t, ok := targets[c.period]; ok {
			c.Target = valuesStat(lang, t)
		}
		if c.saved != nil {
			vals, last = append(vals, c.saved.Value), c.period
		}
	}
	total, hasTotal := 0.0, len(vals) > 0
	if hasTotal {
		total = valuesCombine(ind.TimeAgg, vals)
		st.Total = valuesStat(lang, total)
		st.TotalOf = valuesTotalOf(lang, ind, len(vals), last)
	}
	target, from, ok := valuesYearTarget(ind, targets, year)
	if !ok {
		return st
	}
	st.Target = valuesStat(lang, target)
	if from != "" {
		st.TargetFrom = i18n.T(lang, from)
	}
	if hasTotal {
		if pct, ok := payesh.Ratio(total, target, ind.Direction); ok {
			st.Percent = formDigits(lang, formatPercent(pct, lang))
		}
	}
	return st
}

// valuesCombine applies a rule to values in period (or unit) order: the
// sum, the average, or the last — as the store's roll-ups do.
func valuesCombine(agg payesh.Aggregation, vals []float64) float64 {
	var sum float64
	for _, v := range vals {
		sum += v
	}
	switch {
	case len(vals) == 0:
		return 0
	case agg == payesh.AggLast:
		return vals[len(vals)-1]
	case agg == payesh.AggAvg:
		return sum / float64(len(vals))
	}
	return sum
}

// valuesTotalOf says how a total was made: "مجموع ۷ ماه", "میانگین ۲
// فصل", "آخرین مقدار: مهر".
func valuesTotalOf(lang i18n.Lang, ind *payesh.Indicator, n int, last jalali.Period) string {
	if ind.TimeAgg == payesh.AggLast {
		return fmt.Sprintf(i18n.T(lang, "ui.grid.total_last"), valuebook.PeriodName(lang, last))
	}
	if ind.Frequency == payesh.Yearly {
		return ""
	}
	unit := "ui.grid.months"
	if ind.Frequency == payesh.Quarterly {
		unit = "ui.grid.seasons"
	}
	key := "ui.grid.total_sum"
	if ind.TimeAgg == payesh.AggAvg {
		key = "ui.grid.total_avg"
	}
	return formDigits(lang, fmt.Sprintf(i18n.T(lang, key), n, i18n.T(lang, unit)))
}

// valuesYearTarget is the year's target of a unit: the one set for the
// year, else one made from the targets of its seasons or months as the
// indicator's time rule combines them — all of them for a sum or an
// average, the last one for the last value. Nothing is interpolated or
// guessed: a year whose periods have only some targets has none. from
// is the message key saying how it was made, "" for a target set for
// the year.
func valuesYearTarget(ind *payesh.Indicator, targets map[jalali.Period]float64, year int) (v float64, from string, ok bool) {
	y := jalali.Period{Gran: jalali.Year, Year: year}
	if v, ok := targets[y]; ok {
		return v, "", true
	}
	for _, g := range []struct {
		periods []jalali.Period
		key     string
	}{{y.Children(), "ui.grid.target_from_seasons"}, {y.Months(), "ui.grid.target_from_months"}} {
		var vals []float64
		for _, p := range g.periods {
			if t, ok := targets[p]; ok {
				vals = append(vals, t)
			}
		}
		switch {
		case ind.TimeAgg == payesh.AggLast:
			if t, ok := targets[g.periods[len(g.periods)-1]]; ok {
				return t, g.key, true
			}
		case len(vals) == len(g.periods):
			return valuesCombine(ind.TimeAgg, vals), g.key, true
		}
	}
	return 0, "", false
}

// valuesStat writes a computed figure: grouped, at most two decimals (an
// average need not show sixteen), in the interface's digits.
func valuesStat(lang i18n.Lang, v float64) string {
	return valuesNumber(lang, math.Round(v*100)/100)
}
