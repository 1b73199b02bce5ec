package web

import (
	"net/http"
	"strconv"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// dashDefaultYears is how many years an indicator's trend shows unless the
// page is asked for another number (?years=); dashMaxYears bounds it.
const (
	dashDefaultYears = 5
	dashMaxYears     = 20
)

// dashIndicatorPage is one indicator: its definition, its trend against
// target over the years (and the months or seasons of the chosen year),
// and the provinces compared in the chosen period.
type dashIndicatorPage struct {
	Ind       *payesh.Indicator
	Name      string
	Scope     dashScope
	Rule      string // the roll-up rule in words
	Baseline  string // "۱۲٬۰۰۰ نفر (۱۴۰۲)", or ""
	Current   dashScoreRow
	Years     int
	Trend     []dashScoreRow // a row per year, oldest first
	Sub       []dashScoreRow // the seasons or months of the chosen year; nil for a yearly indicator
	Provinces dashRanking
	Clauses   []workOption
	Work      []*payesh.WorkItem
	YearOpts  []dashOption
	UnitOpts  []dashOption
	CanConfig bool
	CanReport bool
}

// indicator shows /indicators/{id}?unit=ID&period=1403&years=5.
func (s *server) indicator(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ind, err := s.Indicators.FindIndicatorByID(r.Context(), id)
	if err != nil {
		return err
	}
	sc, err := s.dashScopeOf(r)
	if err != nil {
		return err
	}
	// The page of one indicator opens on that indicator's latest year at
	// the unit, which may be older than the unit's latest over them all.
	if err := s.dashOpenOnIndicator(r, &sc, ind, []int64{sc.Unit.ID}); err != nil {
		return err
	}
	lang, u := langOf(r), user(r)
	d := &dashIndicatorPage{Ind: ind, Name: dashIndicatorName(lang, ind), Scope: sc, Rule: dashRuleText(lang, ind, nil),
		Years: dashYearsOf(r), CanConfig: u.CanConfigure(), CanReport: canAddWork(u)}
	if err := s.dashSeries(r, d); err != nil {
		return err
	}
	if d.Provinces, err = s.dashProvinceRanking(r, ind, sc.Period, sc.Basis); err != nil {
		return err
	}
	if err := s.dashLinks(r, d); err != nil {
		return err
	}
	if d.YearOpts, d.UnitOpts, err = s.dashScopeOptions(r, sc); err != nil {
		return err
	}
	d.Baseline = dashBaseline(lang, ind)
	v := s.newView(r, "ui.dash.indicators", d)
	v.Title = d.Name
	return s.render(w, r, http.StatusOK, "indicator", v)
}

// dashYearsOf reads ?years=, leniently: anything but 1..dashMaxYears is the
// default.
func dashYearsOf(r *http.Request) int {
	n, err := strconv.Atoi(jalali.ToLatinDigits(r.URL.Query().Get("years")))
	if err != nil || n < 1 || n > dashMaxYears {
		return dashDefaultYears
	}
	return n
}

// dashSeries judges the indicator in the chosen period, in each year
// of the trend, and in each season or month of the chosen year.
func (s *server) dashSeries(r *http.Request, d *dashIndicatorPage) error {
	unit, chosen := d.Scope.Unit.ID, d.Scope.Period
	var err error
	if d.Current, err = s.dashScoreAt(r, d.Ind, unit, chosen, d.Scope.Basis); err != nil {
		return err
	}
	for y := chosen.Year - d.Years + 1; y <= chosen.Year; y++ {
		row, err := s.dashScoreAt(r, d.Ind, unit, jalali.Period{Gran: jalali.Year, Year: y}, d.Scope.Basis)
		if err != nil {
			return err
		}
		d.Trend = append(d.Trend, row)
	}
	year := jalali.Period{Gran: jalali.Year, Year: chosen.Year}
	var sub []jalali.Period
	switch d.Ind.Frequency {
	case payesh.Monthly:
		sub = year.Months()
	case payesh.Quarterly:
		sub = year.Children()
	}
	for _, p := range sub {
		row, err := s.dashScoreAt(r, d.Ind, unit, p, d.Scope.Basis)
		if err != nil {
			return err
		}
		d.Sub = append(d.Sub, row)
	}
	return nil
}

// dashLinks loads the clauses the indicator measures and the work
// it follows; a link to a row that has gone is left out.
func (s *server) dashLinks(r *http.Request, d *dashIndicatorPage) error {
	ctx, lang := r.Context(), langOf(r)
	for _, id := range d.Ind.ClauseIDs {
		c, err := s.Documents.FindClauseByID(ctx, id)
		if payesh.ErrorCode(err) == payesh.ENOTFOUND {
			continue
		} else if err != nil {
			return err
		}
		d.Clauses = append(d.Clauses, workOption{ID: c.ID, Label: workClauseLabel(lang, c)})
	}
	for _, id := range d.Ind.WorkItemIDs {
		w, err := s.Work.FindWorkItemByID(ctx, id)
		if payesh.ErrorCode(err) == payesh.ENOTFOUND {
			continue
		} else if err != nil {
			return err
		}
		d.Work = append(d.Work, w)
	}
	return nil
}

// dashBaseline is the baseline with its measure and period, or "".
func dashBaseline(lang i18n.Lang, ind *payesh.Indicator) string {
	if ind.Baseline == nil {
		return ""
	}
	s := groupThousands(*ind.Baseline, lang)
	if ind.Measure != "" {
		s += " " + ind.Measure
	}
	if ind.BaselinePeriod != "" {
		s += " (" + dashPeriodText(lang, ind.BaselinePeriod) + ")"
	}
	if lang == i18n.FA {
		s = jalali.ToPersianDigits(s)
	}
	return s
}
