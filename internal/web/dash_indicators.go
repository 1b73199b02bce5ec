package web

import (
	"net/http"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// dashIndicatorGroup is the indicators measuring one axis of the policy; a
// nil Clause holds those that measure no axis of it.
type dashIndicatorGroup struct {
	Clause *payesh.Clause
	Name   string
	Items  []dashIndicatorItem
}

// dashIndicatorItem is an indicator with its name in the interface's language.
type dashIndicatorItem struct {
	*payesh.Indicator
	Name string
}

// dashIndicatorsPage lists indicators grouped by axis, filtered by clause or
// text.
type dashIndicatorsPage struct {
	Groups    []dashIndicatorGroup
	Total     int
	Clauses   []dashOption
	Q         string
	Filtered  bool
	CanConfig bool
	CanReport bool
}

// indicators lists indicators (?clause=ID&q=text).
func (s *server) indicators(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := payesh.IndicatorFilter{Q: strings.TrimSpace(q.Get("q"))}
	if v := q.Get("clause"); v != "" {
		f.ClauseID, _ = strconv.ParseInt(jalali.ToLatinDigits(v), 10, 64)
	}
	all, err := s.dashAllIndicators(r, f)
	if err != nil {
		return err
	}
	pv, err := s.mainOutline(r)
	if err != nil {
		return err
	}
	lang, u := langOf(r), user(r)
	d := &dashIndicatorsPage{Total: len(all), Q: f.Q, Filtered: f.Q != "" || f.ClauseID != 0,
		Groups: dashGroupByAxis(lang, pv, all), Clauses: dashClauseOptions(lang, pv, f.ClauseID),
		CanConfig: u.CanConfigure(), CanReport: canAddWork(u)}
	return s.render(w, r, http.StatusOK, "indicators", s.newView(r, "ui.dash.indicators", d))
}

// dashGroupByAxis puts each indicator under every axis of the policy it
// measures (through the axis or a sub-clause), in the axes' order; the
// rest come last, in a group of their own.
func dashGroupByAxis(lang i18n.Lang, pv *policyView, inds []*payesh.Indicator) []dashIndicatorGroup {
	var groups []dashIndicatorGroup
	at := map[int64]int{} // axis id → index in groups
	top := map[int64]int64{}
	if pv != nil {
		for _, c := range pv.Clauses {
			if ids := dashPathIDs(c.Path); len(ids) > 0 {
				top[c.ID] = ids[0]
			}
		}
		for _, c := range pv.Top() {
			at[c.ID] = len(groups)
			groups = append(groups, dashIndicatorGroup{Clause: c, Name: workClauseLabel(lang, c)})
		}
	}
	var rest []dashIndicatorItem
	for _, ind := range inds {
		item := dashIndicatorItem{Indicator: ind, Name: dashIndicatorName(lang, ind)}
		placed := map[int]bool{}
		for _, cid := range ind.ClauseIDs {
			if g, ok := at[top[cid]]; ok && !placed[g] {
				placed[g] = true
				groups[g].Items = append(groups[g].Items, item)
			}
		}
		if len(placed) == 0 {
			rest = append(rest, item)
		}
	}
	var out []dashIndicatorGroup
	for _, g := range groups {
		if len(g.Items) > 0 {
			out = append(out, g)
		}
	}
	if len(rest) > 0 {
		out = append(out, dashIndicatorGroup{Name: i18n.T(lang, "ui.dash.no_axis"), Items: rest})
	}
	return out
}

// dashClauseOptions offers the policy's clauses, indented by depth.
func dashClauseOptions(lang i18n.Lang, pv *policyView, chosen int64) []dashOption {
	if pv == nil {
		return nil
	}
	opts := make([]dashOption, len(pv.Clauses))
	for i, c := range pv.Clauses {
		opts[i] = dashOption{Value: strconv.FormatInt(c.ID, 10), Selected: c.ID == chosen,
			Label: strings.Repeat(workIndent, c.Depth) + workClauseLabel(lang, c)}
	}
	return opts
}
