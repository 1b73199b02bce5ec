package web

import (
	"net/http"

	"payesh"
)

// dashUnitPage is one unit's dashboard: its indicators for a period and
// its work at a glance.
type dashUnitPage struct {
	Scope  dashScope
	Rows   []dashScoreRow
	Counts dashCounts
	// Others is the number of indicators left out: no value or target in
	// the unit's subtree, and not reported by units of its kind.
	Others  int
	All     int // work items of the subtree, owned or partnered in
	Open    int
	Overdue int
	Late    []*payesh.WorkItem
	Units   map[int64]*payesh.OrgUnit
	Years   []dashOption
}

// unitDashboard shows /units/{id}/dashboard?period=1403.
func (s *server) unitDashboard(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	d := &dashUnitPage{Scope: s.dashPeriodOf(r)}
	if d.Scope.Unit, err = s.Units.FindOrgUnitByID(r.Context(), id); err != nil {
		return err
	}
	if err := s.dashAllowBasis(r, &d.Scope, d.Scope.Unit); err != nil {
		return err
	}
	if err := s.dashOpenLatest(r, &d.Scope); err != nil {
		return err
	}
	d.Years = dashYearOptions(langOf(r), s.dashThisYear(), d.Scope.Period)
	if err := s.dashUnitScores(r, d); err != nil {
		return err
	}
	if err := s.dashUnitWork(r, d); err != nil {
		return err
	}
	v := s.newView(r, "ui.dash.unit_dashboard", d)
	v.Title = dashTf(v, "ui.dash.unit_dashboard_of", pick(v.Lang, d.Scope.Unit.NameFA, d.Scope.Unit.NameEN))
	return s.render(w, r, http.StatusOK, "dash_unit", v)
}

// dashUnitScores judges every indicator for the unit and keeps those that
// concern it: with a value or a target in its subtree, or reported by
// units of its kind.
func (s *server) dashUnitScores(r *http.Request, d *dashUnitPage) error {
	all, err := s.dashAllIndicators(r, payesh.IndicatorFilter{})
	if err != nil || len(all) == 0 {
		return err
	}
	ids := make([]int64, len(all))
	for i, ind := range all {
		ids[i] = ind.ID
	}
	scores, err := s.Indicators.FindScores(r.Context(), ids, d.Scope.Unit.ID, d.Scope.Period.String(), d.Scope.Basis)
	if err != nil {
		return err
	}
	var kept []payesh.Score
	for _, sc := range scores {
		k := d.Scope.Unit.Kind
		if sc.Value != nil || sc.Target != nil || sc.Indicator.Reports(k) {
			kept = append(kept, sc)
		}
	}
	d.Others = len(scores) - len(kept)
	d.Rows, d.Counts = dashScoreRows(langOf(r), kept)
	return nil
}

// dashUnitWork counts the subtree's work, as the unit page does, and
// lists the first overdue items.
func (s *server) dashUnitWork(r *http.Request, d *dashUnitPage) error {
	ctx := r.Context()
	base := payesh.WorkItemFilter{UnitID: d.Scope.Unit.ID, IncludePartner: true, Page: payesh.Page{Limit: 1}}
	var err error
	if _, d.All, err = s.Work.FindWorkItems(ctx, base); err != nil {
		return err
	}
	open := base
	open.Statuses = payesh.OpenStatuses
	if _, d.Open, err = s.Work.FindWorkItems(ctx, open); err != nil {
		return err
	}
	late := base
	late.Overdue, late.Sort, late.Page = ptr(true), "due_date", payesh.Page{Limit: 10}
	if d.Late, d.Overdue, err = s.Work.FindWorkItems(ctx, late); err != nil {
		return err
	}
	d.Units, err = s.unitMap(r)
	return err
}
