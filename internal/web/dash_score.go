package web

import (
	"fmt"
	"net/http"
	"strconv"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// dashScoreRow is a judged indicator as the tables show it: plain numbers
// with flags instead of pointers, since templates format values, and the
// raw numbers the charts read from the same table.
type dashScoreRow struct {
	Indicator    *payesh.Indicator
	Name         string
	UnitID       int64
	Unit         *payesh.OrgUnit // set where rows are units (by province)
	Period       string          // canonical: "1403Q1"
	Label        string          // as people read it: "بهار ۱۴۰۳"
	Value        float64
	Target       float64
	HasValue     bool
	HasTarget    bool
	Interpolated bool
	Status       payesh.IndicatorStatus
	Rank         int
	// Basis is what the number counts; provisional numbers carry a badge.
	Basis payesh.Basis
	// OwnFigure says Value is the unit's own official figure. When its
	// units also reported, HasUnits holds their roll-up and Diff the own
	// figure minus it: the reconciliation line.
	OwnFigure bool
	HasUnits  bool
	Units     float64
	Diff      float64
}

func newDashScoreRow(lang i18n.Lang, sc payesh.Score) dashScoreRow {
	row := dashScoreRow{Indicator: sc.Indicator, Name: dashIndicatorName(lang, sc.Indicator), UnitID: sc.UnitID,
		Period: sc.Period, Label: dashPeriodText(lang, sc.Period), Interpolated: sc.Interpolated, Status: sc.Status,
		Basis: sc.Basis, OwnFigure: sc.Own != nil}
	if sc.Own != nil && sc.Units != nil {
		row.HasUnits, row.Units, row.Diff = true, *sc.Units, *sc.Difference()
	}
	if sc.Value != nil {
		row.Value, row.HasValue = *sc.Value, true
	}
	if sc.Target != nil {
		row.Target, row.HasTarget = *sc.Target, true
	}
	return row
}

// ValueRaw and TargetRaw are the numbers in Latin digits for the charts'
// data attributes; "" when missing, which draws a gap.
func (r dashScoreRow) ValueRaw() string  { return dashRaw(r.Value, r.HasValue) }
func (r dashScoreRow) TargetRaw() string { return dashRaw(r.Target, r.HasTarget) }

func dashRaw(v float64, ok bool) string {
	if !ok {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// Achievement is the value against the target in percent, inverted for
// lower-is-better, as the status judges it; HasAchievement says whether
// it could be computed.
func (r dashScoreRow) Achievement() float64 {
	a, _ := r.achievement()
	return a
}

func (r dashScoreRow) HasAchievement() bool {
	_, ok := r.achievement()
	return ok
}

func (r dashScoreRow) achievement() (float64, bool) {
	if !r.HasValue || !r.HasTarget {
		return 0, false
	}
	return payesh.Ratio(r.Value, r.Target, r.Indicator.Direction)
}

// Provisional reports whether the number counts submitted values too.
func (r dashScoreRow) Provisional() bool { return r.Basis == payesh.BasisProvisional }

// ExplainHref links the number to how it was computed, on its basis.
func (r dashScoreRow) ExplainHref() string {
	return fmt.Sprintf("/indicators/%d/explain?unit=%d&period=%s%s", r.Indicator.ID, r.UnitID, r.Period, basisQuery(r.Basis))
}

// IndicatorHref links the indicator's page for the row's unit and period.
func (r dashScoreRow) IndicatorHref() string {
	return fmt.Sprintf("/indicators/%d?unit=%d&period=%s%s", r.Indicator.ID, r.UnitID, r.Period, basisQuery(r.Basis))
}

// UnitDashHref links the dashboard of the row's unit (by province).
func (r dashScoreRow) UnitDashHref() string {
	return fmt.Sprintf("/units/%d/dashboard?period=%s%s", r.Unit.ID, r.Period, basisQuery(r.Basis))
}

// dashCounts counts indicators by status, for an axis or a unit. A
// value without a target is its own count, not "no data".
type dashCounts struct {
	OnTrack, AtRisk, OffTrack, NoTarget, NoData int
}

func (c *dashCounts) add(s payesh.IndicatorStatus) {
	switch s {
	case payesh.OnTrack:
		c.OnTrack++
	case payesh.AtRisk:
		c.AtRisk++
	case payesh.OffTrack:
		c.OffTrack++
	case payesh.NoTarget:
		c.NoTarget++
	default:
		c.NoData++
	}
}

// Total is how many indicators were counted.
func (c dashCounts) Total() int { return c.OnTrack + c.AtRisk + c.OffTrack + c.NoTarget + c.NoData }

// dashScoreRows turns scores into rows and counts them.
func dashScoreRows(lang i18n.Lang, scores []payesh.Score) ([]dashScoreRow, dashCounts) {
	rows := make([]dashScoreRow, len(scores))
	var c dashCounts
	for i, sc := range scores {
		rows[i] = newDashScoreRow(lang, sc)
		c.add(sc.Status)
	}
	return rows, c
}

// dashScoreAt judges one indicator for one unit and period on basis b,
// the page's (dashAllowBasis).
func (s *server) dashScoreAt(r *http.Request, ind *payesh.Indicator, unitID int64, p jalali.Period, b payesh.Basis) (dashScoreRow, error) {
	scores, err := s.Indicators.FindScores(r.Context(), []int64{ind.ID}, unitID, p.String(), b)
	if err != nil {
		return dashScoreRow{}, err
	}
	if len(scores) != 1 {
		return dashScoreRow{}, payesh.NotFound("indicator")
	}
	lang := langOf(r)
	row := newDashScoreRow(lang, scores[0])
	row.Indicator, row.Name = ind, dashIndicatorName(lang, ind) // one definition for the whole page
	return row, nil
}
