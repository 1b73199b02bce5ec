package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"payesh"
	"payesh/internal/briefing"
	"payesh/internal/export"
	"payesh/internal/i18n"
)

// score is the judged indicator a row shows, as the store gave it.
func (r dashScoreRow) score() payesh.Score {
	sc := payesh.Score{Indicator: r.Indicator, UnitID: r.UnitID, Period: r.Period, Interpolated: r.Interpolated,
		Status: r.Status, Basis: r.Basis}
	if r.HasValue {
		v := r.Value
		sc.Value = &v
	}
	if r.HasTarget {
		v := r.Target
		sc.Target = &v
	}
	return sc
}

// dashExportLinks are a dashboard page's downloads, pinned to the unit,
// period and basis the page shows (it may have opened on the latest year
// with data, which a link without ?period= would find again only until
// the next year's data).
func dashExportLinks(path string, sc dashScope, extra url.Values) exportLinks {
	q := url.Values{"period": {sc.Period.String()}}
	if sc.Unit != nil {
		q.Set("unit", strconv.FormatInt(sc.Unit.ID, 10))
	}
	if sc.Provisional() {
		q.Set("basis", string(payesh.BasisProvisional))
	}
	for k, v := range extra {
		q[k] = v
	}
	return newExportLinks(path, q)
}

// dashboardExport answers /dashboard?format=xlsx|csv: every axis of the
// scorecard — all of them, also where the page shows one at a time — a
// row an indicator with its clause's work progress, on the page's basis.
func (s *server) dashboardExport(w http.ResponseWriter, r *http.Request, f export.Format, d *dashScorecardPage) error {
	lang, sc := langOf(r), d.Scope
	today := payesh.Today(s.Now())
	b := briefing.Scores{Lang: lang, Axes: true}
	title := i18n.T(lang, "ui.dash.title") + " — " + fmt.Sprintf(i18n.T(lang, "ui.dash.scope"), briefing.UnitName(lang, sc.Unit), sc.Label)
	t := b.Table("ui.export.scorecard.sheet", title, sc.Basis, today)
	return s.sendExport(w, r, f, briefing.FileName("scorecard", today), t, func(xw export.Writer) error {
		for _, a := range d.Axes {
			var progress *float64
			if a.Clause != nil && a.Clause.WorkCount > 0 && a.Progress != nil {
				p := a.Progress.Progress
				progress = &p
			}
			if len(a.Rows) == 0 {
				if err := xw.Write(b.AxisRow(a.Name, progress)...); err != nil {
					return err
				}
			}
			for _, row := range a.Rows {
				if err := xw.Write(b.Row(a.Name, progress, 0, "", row.score())...); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// provincesExport answers /dashboard/provinces?format=xlsx|csv: the
// provinces ranked on the chosen indicator, on the basis the ranking was
// read on, with how the indicator is computed under the title.
func (s *server) provincesExport(w http.ResponseWriter, r *http.Request, f export.Format, d *dashProvincesPage) error {
	if d.Indicator == nil {
		return payesh.Errorf(payesh.EINVALID, "err.export.indicator")
	}
	lang, today := langOf(r), payesh.Today(s.Now())
	basis := d.Scope.Basis
	if len(d.Ranking.Rows) > 0 {
		basis = d.Ranking.Rows[0].Basis // the ranking reads every province on one basis
	}
	b := briefing.Scores{Lang: lang, Ranks: true}
	t := b.Table("ui.export.provinces.sheet", fmt.Sprintf(i18n.T(lang, "ui.export.provinces.title"), d.Name, d.Scope.Label), basis, today)
	if d.Rule != "" {
		t.Notes = append(t.Notes, i18n.T(lang, "ui.dash.rule")+": "+d.Rule)
	}
	return s.sendExport(w, r, f, briefing.FileName("provinces", today), t, func(xw export.Writer) error {
		for _, row := range d.Ranking.Rows {
			if err := xw.Write(b.Row("", nil, row.Rank, briefing.UnitName(lang, row.Unit), row.score())...); err != nil {
				return err
			}
		}
		return nil
	})
}
