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
}

func newDashScoreRow(lang i18n.Lang, sc payesh.Score) dashScoreRow {
	row := dashScoreRow{Indicator: sc.Indicator, Name: dashIndicatorName(lang, sc.Indicator), UnitID: sc.UnitID,
		Period: sc.Period, Label: dashPeriodText(lang, sc.Period), Interpolated: sc.Interpolated, Status: sc.Status}
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

// ExplainHref links the number to how it was computed.
func (r dashScoreRow) ExplainHref() string {
	return fmt.Sprintf("/indicators/%d/explain?unit=%d&period=%s", r.Indicator.ID, r.UnitID, r.Period)
}

// dashCounts counts indicators by status, for an axis or a unit.
type dashCounts struct {
	OnTrack, AtRisk, OffTrack, NoData int
}

func (c *dashCounts) add(s payesh.IndicatorStatus) {
	switch s {
	case payesh.OnTrack:
		c.OnTrack++
	case payesh.AtRisk:
		c.AtRisk++
	case payesh.OffTrack:
		c.OffTrack++
	default:
		c.NoData++
	}
}

// Total is how many indicators were counted.
func (c dashCounts) Total() int { return c.OnTrack + c.AtRisk + c.OffTrack + c.NoData }

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

// dashScoreAt judges one indicator for one unit and period.
func (s *server) dashScoreAt(r *http.Request, ind *payesh.Indicator, unitID int64, p jalali.Period) (dashScoreRow, error) {
	scores, err := s.Indicators.FindScores(r.Context(), []int64{ind.ID}, unitID, p.String())
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
