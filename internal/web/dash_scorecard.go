package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"payesh"
	"payesh/internal/i18n"
)

// dashAxis is one axis (top-level clause) of the policy on the national
// scorecard: the progress of the work answering it and where each of its
// indicators stands. The last group holds the indicators linked to no
// clause, with a nil Clause.
type dashAxis struct {
	Clause   *payesh.Clause // nil for the indicators linked to no clause
	Anchor   string         // the section's id: "axis-7", "axis-none"
	Name     string         // "بند ۸ — تحکیم خانواده و فرزندآوری"
	Progress *payesh.ClauseProgress
	Rows     []dashScoreRow
	Counts   dashCounts
	// Key is what ?axis= names it by: the clause id, or "none".
	Key string
	// Shown is false for an axis whose table is left off a grouped page.
	Shown bool
}

// dashScorecardPage is the national scorecard: the nine axes for one unit's
// subtree and one period.
type dashScorecardPage struct {
	Scope    dashScope
	Policy   *policyView // nil while no policy is loaded
	Axes     []dashAxis
	Totals   dashCounts
	Years    []dashOption
	UnitOpts []dashOption
	// Grouped is true when the scorecard has more than dashGroupAbove
	// indicators: the axes table links each axis's own page
	// (?axis=<key>), and only the chosen axis's table is shown.
	Grouped bool
	// Export links every axis's table as a file.
	Export exportLinks
}

// dashGroupAbove is how many indicators a scorecard shows on one page
// before it shows one axis's table at a time, as the values grid does: at
// ten times the real size, all 500 indicators made 436 KB of HTML that
// nobody reads at once; the counts of every axis stay on the page.
const dashGroupAbove = valuesGroupAbove

// AxisHref is the page of one axis of a grouped scorecard.
func (d *dashScorecardPage) AxisHref(a dashAxis) string {
	return d.Scope.UnitHref("/dashboard") + "&axis=" + a.Key + "#" + a.Anchor
}

// showAxes keeps the table of the axis ?axis= names, by default the first
// with any indicator, when there are more indicators than one page shows.
func (d *dashScorecardPage) showAxes(r *http.Request) {
	d.Grouped = d.Totals.Total() > dashGroupAbove
	want := r.URL.Query().Get("axis")
	if d.Grouped && !slices.ContainsFunc(d.Axes, func(a dashAxis) bool { return a.Key == want }) {
		if i := slices.IndexFunc(d.Axes, func(a dashAxis) bool { return len(a.Rows) > 0 }); i >= 0 {
			want = d.Axes[i].Key
		}
	}
	for i := range d.Axes {
		d.Axes[i].Shown = !d.Grouped || d.Axes[i].Key == want
	}
}

// dashboard shows the national scorecard (?period=1403&unit=ID&basis=);
// with ?format=xlsx or csv, all of it as a file (dashboardExport).
func (s *server) dashboard(w http.ResponseWriter, r *http.Request) error {
	format, err := exportFormat(r)
	if err != nil {
		return err
	}
	sc, err := s.dashScopeOf(r)
	if err != nil {
		return err
	}
	d := &dashScorecardPage{Scope: sc}
	if d.Policy, err = s.mainPolicy(r); err != nil {
		return err
	}
	if d.Axes, d.Totals, err = s.dashAxes(r, d.Policy, sc); err != nil {
		return err
	}
	if format != "" {
		return s.dashboardExport(w, r, format, d)
	}
	d.showAxes(r)
	d.Export = dashExportLinks("/dashboard", sc, nil)
	if d.Years, d.UnitOpts, err = s.dashScopeOptions(r, sc); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "dash_scorecard", s.newView(r, "ui.dash.title", d))
}

// dashAxes judges every axis's indicators, one scorecard query per axis
// however many indicators each has, then the indicators linked to no
// clause in a group of their own, so that every indicator is on the
// scorecard. The totals count an indicator that measures two axes once.
func (s *server) dashAxes(r *http.Request, pv *policyView, sc dashScope) ([]dashAxis, dashCounts, error) {
	var total dashCounts
	lang := langOf(r)
	var axes []dashAxis
	counted := map[int64]bool{}
	add := func(a dashAxis, scores []payesh.Score) {
		a.Rows, a.Counts = dashScoreRows(lang, scores)
		for _, row := range a.Rows {
			if !counted[row.Indicator.ID] {
				counted[row.Indicator.ID] = true
				total.add(row.Status)
			}
		}
		axes = append(axes, a)
	}
	if pv != nil {
		for _, c := range pv.Top() {
			scores, err := s.Indicators.FindScorecard(r.Context(), c.ID, sc.Unit.ID, sc.Period.String(), sc.Basis)
			if err != nil {
				return nil, total, err
			}
			add(dashAxis{Clause: c, Key: strconv.FormatInt(c.ID, 10), Anchor: fmt.Sprintf("axis-%d", c.ID), Name: workClauseLabel(lang, c), Progress: pv.Of(c.ID)}, scores)
		}
	}
	scores, err := s.Indicators.FindScorecard(r.Context(), 0, sc.Unit.ID, sc.Period.String(), sc.Basis)
	if err != nil {
		return nil, total, err
	}
	if len(scores) > 0 {
		add(dashAxis{Key: valuesNoAxis, Anchor: "axis-none", Name: i18n.T(lang, "ui.trust.no_clause")}, scores)
	}
	return axes, total, nil
}

// dashScopeOptions are the choices of the year and unit selects.
func (s *server) dashScopeOptions(r *http.Request, sc dashScope) ([]dashOption, []dashOption, error) {
	root, err := s.dashRootUnit(r)
	if err != nil {
		return nil, nil, err
	}
	provinces, err := s.dashProvinces(r)
	if err != nil {
		return nil, nil, err
	}
	lang := langOf(r)
	return dashYearOptions(lang, s.dashThisYear(), sc.Period), dashUnitOptions(lang, root, provinces, sc.Unit), nil
}
