package stress

import (
	"context"
	"fmt"

	"payesh"
	"payesh/internal/analytics"
)

// fixture is what a run writes on: a small org tree of its own under a
// top-level unit (the organization, provinces, a branch in each), one
// program with sibling actions — one per client — and two monthly
// indicators, one summed and one averaged over units. Every code carries
// the run's tag, so runs never meet each other's data.
type fixture struct {
	root      payesh.OrgUnit
	provinces []payesh.OrgUnit
	branches  []payesh.OrgUnit
	program   payesh.WorkItem
	actions   []payesh.WorkItem
	inds      []payesh.Indicator
}

// units returns every unit of the fixture, the root first.
func (f *fixture) units() []payesh.OrgUnit {
	return append(append([]payesh.OrgUnit{f.root}, f.provinces...), f.branches...)
}

// tree is the fixture's org tree for the reference computation.
func (f *fixture) tree() analytics.Tree {
	t := analytics.Tree{}
	for _, u := range f.units() {
		t[u.ID] = u.Path
	}
	return t
}

func setUp(ctx context.Context, c *client, cfg Config, tag string) (*fixture, error) {
	f := &fixture{}
	unit := func(parent *payesh.OrgUnit, kind payesh.UnitKind, code, name string) (payesh.OrgUnit, error) {
		in := map[string]any{"kind": kind, "code": tag + "-" + code, "name_fa": name}
		if parent != nil {
			in["parent_id"] = parent.ID
		}
		var u payesh.OrgUnit
		return u, c.do(ctx, "POST", "/org-units", in, &u)
	}
	var err error
	if f.root, err = unit(nil, payesh.UnitOrganization, "org", "سازمان آزمون هم‌زمانی"); err != nil {
		return nil, err
	}
	for p := range cfg.Provinces {
		prov, err := unit(&f.root, payesh.UnitProvince, fmt.Sprint("p", p), fmt.Sprint("استان آزمون ", p+1))
		if err != nil {
			return nil, err
		}
		branch, err := unit(&prov, payesh.UnitBranch, fmt.Sprint("p", p, "b"), fmt.Sprint("شعبهٔ آزمون ", p+1))
		if err != nil {
			return nil, err
		}
		f.provinces, f.branches = append(f.provinces, prov), append(f.branches, branch)
	}
	work := map[string]any{"kind": payesh.KindProgram, "title": "برنامهٔ آزمون هم‌زمانی", "owner_unit_id": f.root.ID}
	if err := c.do(ctx, "POST", "/work-items", work, &f.program); err != nil {
		return nil, err
	}
	for i := range cfg.Clients {
		var a payesh.WorkItem
		in := map[string]any{"kind": payesh.KindAction, "title": fmt.Sprint("اقدام ", i+1), "owner_unit_id": f.root.ID,
			"parent_id": f.program.ID, "weight": 1 + i%3}
		if err := c.do(ctx, "POST", "/work-items", in, &a); err != nil {
			return nil, err
		}
		f.actions = append(f.actions, a)
	}
	for _, rule := range []struct {
		code       string
		unit, time payesh.Aggregation
	}{{"sum", payesh.AggSum, payesh.AggSum}, {"avg", payesh.AggAvg, payesh.AggLast}} {
		var ind payesh.Indicator
		in := map[string]any{"code": tag + "-" + rule.code, "name_fa": "شاخص آزمون " + rule.code,
			"direction": payesh.HigherIsBetter, "unit_agg": rule.unit, "time_agg": rule.time, "frequency": payesh.Monthly,
			"thresholds":      map[string]any{"on_track": 95, "at_risk": 80},
			"reporting_kinds": []payesh.UnitKind{payesh.UnitProvince, payesh.UnitBranch}}
		if err := c.do(ctx, "POST", "/indicators", in, &ind); err != nil {
			return nil, err
		}
		f.inds = append(f.inds, ind)
	}
	return f, nil
}
