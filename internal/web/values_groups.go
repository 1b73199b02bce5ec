package web

import (
	"net/http"
	"net/url"
	"strconv"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
	"payesh/internal/valuebook"
)

// valuesGroupAbove is how many indicators a unit may report before its
// grid is shown one axis of the policy at a time: nobody fills hundreds
// of rows on one screen, and the page of a unit reporting every national
// indicator would be megabytes of cells.
const valuesGroupAbove = 40

// valuesNoAxis is the key of the group of indicators linked to no clause.
const valuesNoAxis = "none"

// valuesGroup is one axis (top-level clause) of the policy in a grouped
// grid, with the indicators the unit reports under it and how many of
// their cells of begun periods are still empty or were returned.
type valuesGroup struct {
	Key        string // the clause id, or valuesNoAxis
	Name       string // "بند ۸ — تحکیم خانواده و فرزندآوری"
	Href       string
	Current    bool
	Indicators []*payesh.Indicator
	Empty      int
	Returned   int
}

// Count is the number of the group's indicators.
func (g *valuesGroup) Count() int { return len(g.Indicators) }

// valuesGroups groups the rows by the policy's axes when the unit
// reports more than valuesGroupAbove indicators and no single one is
// asked for, and keeps the rows of the axis q names (?axis=<clause id>
// or "none"), by default the first that has any. An indicator measuring
// two axes is in both; one linked to no clause is in a last group of its
// own, as on the scorecard. A posted grid (strict) names the axis it
// showed; one without an axis, or with an axis no longer there, came
// from a grid that showed every row, and saves them all rather than
// dropping what was typed.
func (s *server) valuesGroups(r *http.Request, d *valuesGridData, q url.Values, strict bool) error {
	if d.IndicatorID != 0 || len(d.Indicators) <= valuesGroupAbove {
		return nil
	}
	pv, err := s.mainOutline(r)
	if err != nil {
		return err
	}
	groups := valuesGroupByAxis(d.lang, pv, d.Indicators)
	if len(groups) < 2 {
		return nil
	}
	d.Groups = groups
	axis := q.Get("axis")
	for _, g := range groups {
		if g.Key == axis {
			d.Group = g
		}
	}
	if d.Group == nil {
		if strict {
			return nil
		}
		d.Group = groups[0]
	}
	d.Group.Current, d.shown = true, d.Group.Indicators
	for _, g := range groups {
		gq := url.Values{"unit": {strconv.FormatInt(d.Unit.ID, 10)}, "period": {strconv.Itoa(d.Year)}, "axis": {g.Key}}
		g.Href = "/values?" + gq.Encode()
	}
	return nil
}

// valuesGroupByAxis puts each indicator under every axis it measures
// (through the axis or a sub-clause), in the axes' order, and the rest in
// a last group; groups without indicators are left out.
func valuesGroupByAxis(lang i18n.Lang, pv *policyView, inds []*payesh.Indicator) []*valuesGroup {
	var axes []*valuesGroup
	at := map[int64]*valuesGroup{} // top-level clause id → its group
	top := map[int64]int64{}       // clause id → its top-level clause
	if pv != nil {
		for _, c := range pv.Clauses {
			if ids := dashPathIDs(c.Path); len(ids) > 0 {
				top[c.ID] = ids[0]
			}
		}
		for _, c := range pv.Top() {
			g := &valuesGroup{Key: strconv.FormatInt(c.ID, 10), Name: workClauseLabel(lang, c)}
			at[c.ID] = g
			axes = append(axes, g)
		}
	}
	rest := &valuesGroup{Key: valuesNoAxis, Name: i18n.T(lang, "ui.trust.no_clause")}
	for _, ind := range inds {
		placed := false
		for _, cid := range ind.ClauseIDs {
			g, ok := at[top[cid]]
			if !ok || (g.Count() > 0 && g.Indicators[g.Count()-1] == ind) {
				continue
			}
			g.Indicators, placed = append(g.Indicators, ind), true
		}
		if !placed {
			rest.Indicators = append(rest.Indicators, ind)
		}
	}
	var out []*valuesGroup
	for _, g := range append(axes, rest) {
		if g.Count() > 0 {
			out = append(out, g)
		}
	}
	return out
}

// valuesCount counts each group's cells of begun periods that are still
// empty or were returned for correction, from a tally of the unit's
// values of those periods by indicator: one query per frequency that has
// begun, whatever the number of indicators.
func (s *server) valuesCount(r *http.Request, d *valuesGridData) error {
	if d.Groups == nil {
		return nil
	}
	type tally struct {
		freq                   payesh.Frequency
		begun, saved, returned int
	}
	byID := map[int64]*tally{}
	for _, f := range valuebook.Frequencies {
		var begun []jalali.Period
		for _, p := range valuebook.BasePeriods(f, d.Year) {
			if !p.First().After(d.today) {
				begun = append(begun, p)
			}
		}
		if len(begun) == 0 {
			continue
		}
		got, err := s.Indicators.TallyValues(r.Context(), payesh.ValueFilter{UnitID: d.Unit.ID,
			From: begun[0].String(), To: begun[len(begun)-1].String()})
		if err != nil {
			return err
		}
		for _, ind := range d.Indicators {
			if ind.Frequency == f {
				byID[ind.ID] = &tally{freq: f, begun: len(begun)}
			}
		}
		for _, t := range got {
			if b := byID[t.IndicatorID]; b != nil && b.freq == f {
				b.saved, b.returned = t.Saved, t.Returned
			}
		}
	}
	for _, g := range d.Groups {
		for _, ind := range g.Indicators {
			if t := byID[ind.ID]; t != nil {
				g.Empty += max(t.begun-t.saved, 0)
				g.Returned += t.returned
			}
		}
	}
	return nil
}
