package web

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"payesh"
)

// unitNode is an org unit with its children, for the org tree.
type unitNode struct {
	Unit     *payesh.OrgUnit
	Children []*unitNode
}

// orgTree is the org tree split as people read it: the organization with
// its deputies, offices, provinces and branches, and the external partners
// apart.
type orgTree struct {
	Org      []*unitNode
	Partners []*unitNode
}

// allUnits returns every unit, from the tree's copy (unitIndexOf): one
// query when the tree changed, none otherwise. The units are shared:
// read them, never change them; the slice is the caller's.
func (s *server) allUnits(r *http.Request) ([]*payesh.OrgUnit, error) {
	ix, err := s.unitIndexOf(r)
	if err != nil {
		return nil, err
	}
	return slices.Clone(ix.src), nil
}

// buildOrgTree nests units. A unit whose parent is missing from the list
// becomes a root rather than vanishing.
func buildOrgTree(units []*payesh.OrgUnit) orgTree {
	nodes := map[int64]*unitNode{}
	for _, u := range units {
		nodes[u.ID] = &unitNode{Unit: u}
	}
	var t orgTree
	for _, u := range units {
		n := nodes[u.ID]
		if u.ParentID != nil && nodes[*u.ParentID] != nil {
			p := nodes[*u.ParentID]
			p.Children = append(p.Children, n)
		} else if u.Kind == payesh.UnitPartner {
			t.Partners = append(t.Partners, n)
		} else {
			t.Org = append(t.Org, n)
		}
	}
	keys := make(map[int64]unitSortKey, len(units))
	for _, u := range units {
		keys[u.ID] = unitKeyOf(u)
	}
	sortNodes(t.Org, keys)
	sortNodes(t.Partners, keys)
	return t
}

// units shows the org tree.
func (s *server) units(w http.ResponseWriter, r *http.Request) error {
	all, err := s.allUnits(r)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "units", s.newView(r, "ui.units.title", buildOrgTree(all)))
}

// unitPage is one unit: its facts, where it sits, its children, and the
// work it owns or partners in across its subtree.
type unitPage struct {
	Unit      *payesh.OrgUnit
	Ancestors []*payesh.OrgUnit // root first
	Children  []*payesh.OrgUnit
	Work      []*payesh.WorkItem
	Total     int // work items shown by the current filter
	// Tally counts the subtree's work and overdue work, up to
	// payesh.WorkCountCap each unless Exact.
	Tally    payesh.WorkTally
	Exact    bool
	OnlyLate bool
	Pager    pager
	Units    map[int64]*payesh.OrgUnit
	// Export links the work shown, all of it, as a file: the work list's
	// export with the page's filter.
	Export exportLinks
}

// unit shows a unit and its work, optionally only what is overdue
// (?overdue=1). Its counts stop at payesh.WorkCountCap, as the work
// list's do, unless asked for exactly (?count=exact): a province's
// thousands of items cost what their number does to count, on every
// visit.
func (s *server) unit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	u, err := s.Units.FindOrgUnitByID(ctx, id)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	d := &unitPage{Unit: u, OnlyLate: q.Get("overdue") == "1", Exact: q.Get("count") == "exact"}
	if d.Units, err = s.unitMap(r); err != nil {
		return err
	}
	d.Ancestors, d.Children = unitPlace(d.Units, u)
	if err := s.unitWork(r, d); err != nil {
		return err
	}
	v := s.newView(r, "ui.units.title", d)
	v.Title = pick(v.Lang, u.NameFA, u.NameEN)
	return s.render(w, r, http.StatusOK, "unit", v)
}

// unitWork fills the counts and the page of work of d.Unit's subtree,
// owned or partnered in.
func (s *server) unitWork(r *http.Request, d *unitPage) error {
	ctx := r.Context()
	f := payesh.WorkItemFilter{UnitID: d.Unit.ID, IncludePartner: true, Sort: "due_date", Page: pageOf(r, payesh.DefaultLimit)}
	if !d.Exact {
		f.CountLimit = payesh.WorkCountCap
	}
	var err error
	if d.Tally, err = s.Work.TallyWork(ctx, f); err != nil {
		return err
	}
	// The list is not counted again: the tally's count, one more when
	// it stopped, is the total a capped list reports.
	f.Counted = counted(d.Tally.All, d.Tally.AllMore)
	if d.OnlyLate {
		f.Overdue, f.Counted = ptr(true), counted(d.Tally.Overdue, d.Tally.OverdueMore)
	}
	if d.Work, d.Total, err = s.Work.FindWorkItems(ctx, f); err != nil {
		return err
	}
	d.Pager = newWorkPager(r, d.Total, f)
	q := url.Values{"unit": {strconv.FormatInt(d.Unit.ID, 10)}, "include_partner": {"1"}, "sort": {f.Sort}}
	if d.OnlyLate {
		q.Set("overdue", "1")
	}
	d.Export = newExportLinks("/work", q)
	return nil
}

// counted is a tally's count as FindWorkItems takes it (Counted): n, or
// n+1 when the count stopped at n.
func counted(n int, more bool) int {
	if more {
		return n + 1
	}
	return n
}

// unitPlace returns u's ancestors, read off its materialized path, and its
// children in tree order.
func unitPlace(units map[int64]*payesh.OrgUnit, u *payesh.OrgUnit) (ancestors, children []*payesh.OrgUnit) {
	for _, part := range strings.Split(strings.Trim(u.Path, "/"), "/") {
		id, err := strconv.ParseInt(part, 10, 64)
		if a, ok := units[id]; err == nil && ok && id != u.ID {
			ancestors = append(ancestors, a)
		}
	}
	for _, c := range units {
		if c.ParentID != nil && *c.ParentID == u.ID {
			children = append(children, c)
		}
	}
	sortUnits(children)
	return ancestors, children
}

// sortUnits orders siblings as people look for them: deputies, offices,
// provinces, branches … in the order of payesh.UnitKinds, then in Persian
// alphabetical order (آذربایجان before یزد, کرمان before گیلان, which
// code points would not give), then by id. The keys are computed once
// per unit, not once per comparison.
func sortUnits(units []*payesh.OrgUnit) {
	keys := make(map[int64]unitSortKey, len(units))
	for _, u := range units {
		keys[u.ID] = unitKeyOf(u)
	}
	sortUnitsBy(units, keys)
}

// sortNodes orders a tree level, and every level under it, by sortUnits.
func sortNodes(nodes []*unitNode, keys map[int64]unitSortKey) {
	slices.SortFunc(nodes, func(a, b *unitNode) int {
		ka, kb := keys[a.Unit.ID], keys[b.Unit.ID]
		return cmp.Or(cmp.Compare(ka.kind, kb.kind), strings.Compare(ka.name, kb.name), cmp.Compare(a.Unit.ID, b.Unit.ID))
	})
	for _, n := range nodes {
		sortNodes(n.Children, keys)
	}
}
