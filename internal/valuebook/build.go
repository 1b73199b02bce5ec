package valuebook

import (
	"context"
	"fmt"
	"strconv"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
	"payesh/internal/sheet"
)

// Build lays out the workbook of unit's values of year for the given
// indicators (those the unit enters, as its grid shows them): a table per
// frequency, the saved values with their versions, the unit's targets
// beside them, and locked what may not change — an approved value, and a
// period that has not begun on today and holds nothing.
func Build(ctx context.Context, svc payesh.IndicatorService, unit *payesh.OrgUnit, inds []*payesh.Indicator, year int, today jalali.Date, lang i18n.Lang) (sheet.Grid, error) {
	name := pick(lang, unit.NameFA, unit.NameEN)
	g := sheet.Grid{UnitID: unit.ID, UnitName: name, Year: year, Words: sheet.Words{
		Code: i18n.T(lang, "ui.xlsx.code"), Indicator: i18n.T(lang, "ui.values.col_indicator"),
		Measure: i18n.T(lang, "ui.xlsx.measure"), Target: i18n.T(lang, "ui.xlsx.target"),
		Title: fmt.Sprintf(i18n.T(lang, "ui.xlsx.title"), name, digits(lang, strconv.Itoa(year))),
	}}
	saved, err := savedValues(ctx, svc, unit.ID, year, frequenciesOf(inds))
	if err != nil {
		return g, err
	}
	targets, err := unitTargets(ctx, svc, unit.ID, inds, year)
	if err != nil {
		return g, err
	}
	for _, f := range Frequencies {
		t := sheet.Table{Name: i18n.T(lang, "ui.values.freq."+string(f))}
		periods := BasePeriods(f, year)
		for _, p := range periods {
			t.Columns = append(t.Columns, sheet.Column{Period: p.String(), Label: PeriodLabel(lang, p)})
		}
		for _, ind := range inds {
			if ind.Frequency != f {
				continue
			}
			row := sheet.Row{IndicatorID: ind.ID, Code: ind.Code, Name: pick(lang, ind.NameFA, ind.NameEN), Measure: ind.Measure}
			for _, p := range periods {
				row.Cells = append(row.Cells, cellOf(saved[key(ind.ID, p.String())], targets[key(ind.ID, p.String())], p, today))
			}
			t.Rows = append(t.Rows, row)
		}
		if len(t.Rows) > 0 {
			g.Tables = append(g.Tables, t)
		}
	}
	return g, nil
}

// cellOf is one cell of the workbook.
func cellOf(v *payesh.IndicatorValue, target *float64, p jalali.Period, today jalali.Date) sheet.Cell {
	c := sheet.Cell{Target: target, Locked: v == nil && p.First().After(today)}
	if v != nil {
		value := v.Value
		c.Value, c.Version, c.Locked = &value, v.Version, v.State == payesh.ValueApproved
	}
	return c
}

// savedValues reads the unit's values of the year, one query per
// frequency the indicators have, keyed by indicator and period.
func savedValues(ctx context.Context, svc payesh.IndicatorService, unitID int64, year int, freqs map[payesh.Frequency]bool) (map[string]*payesh.IndicatorValue, error) {
	out := map[string]*payesh.IndicatorValue{}
	for _, f := range Frequencies {
		if !freqs[f] {
			continue
		}
		periods := BasePeriods(f, year)
		vs, err := svc.FindValues(ctx, payesh.ValueFilter{UnitID: unitID,
			From: periods[0].String(), To: periods[len(periods)-1].String()})
		if err != nil {
			return nil, err
		}
		for _, v := range vs {
			out[key(v.IndicatorID, v.Period)] = v
		}
	}
	return out, nil
}

// unitTargets reads the unit's targets of the year, keyed as the values.
func unitTargets(ctx context.Context, svc payesh.IndicatorService, unitID int64, inds []*payesh.Indicator, year int) (map[string]*float64, error) {
	ids := make([]int64, len(inds))
	for n, i := range inds {
		ids[n] = i.ID
	}
	ts, err := svc.FindUnitTargets(ctx, unitID, ids, year)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*float64, len(ts))
	for _, t := range ts {
		out[key(t.IndicatorID, t.Period)] = &t.Value
	}
	return out, nil
}

func frequenciesOf(inds []*payesh.Indicator) map[payesh.Frequency]bool {
	out := map[payesh.Frequency]bool{}
	for _, i := range inds {
		out[i.Frequency] = true
	}
	return out
}

// key names a cell: "7.1403-01".
func key(indicatorID int64, period string) string {
	return strconv.FormatInt(indicatorID, 10) + "." + period
}

// pick is the text in the interface's language, the Persian one when the
// English is missing.
func pick(lang i18n.Lang, fa, en string) string {
	if lang == i18n.EN && en != "" {
		return en
	}
	return fa
}
