package stress

import (
	"context"
	"fmt"
	"net/url"

	"payesh"
	"payesh/internal/analytics"
	"payesh/internal/jalali"
)

// check compares what the server stores with what it should: the
// program's progress with payesh.RollUp over its actions, and every
// roll-up of the fixture's units — months, quarters and the year of
// 1403 — with analytics.Compute over the approved raw values. It returns how many
// numbers it compared.
func check(ctx context.Context, c *client, f *fixture) (int, error) {
	if err := checkProgress(ctx, c, f); err != nil {
		return 0, err
	}
	n := 1
	for _, ind := range f.inds {
		k, err := checkRollups(ctx, c, f, ind)
		n += k
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

func checkProgress(ctx context.Context, c *client, f *fixture) error {
	var program payesh.WorkItem
	if err := c.do(ctx, "GET", fmt.Sprintf("/work-items/%d", f.program.ID), nil, &program); err != nil {
		return err
	}
	var list struct{ Items []payesh.WorkItem }
	if err := c.do(ctx, "GET", fmt.Sprintf("/work-items?parent=%d&limit=500", f.program.ID), nil, &list); err != nil {
		return err
	}
	children := make([]payesh.Child, len(list.Items))
	for i, w := range list.Items {
		children[i] = payesh.Child{Weight: w.Weight, Progress: w.Progress, Status: w.Status}
	}
	if want := payesh.RollUp(children); !near(program.Progress, want) {
		return fmt.Errorf("program %d: progress %v, its %d actions' weighted mean %v", program.ID, program.Progress, len(children), want)
	}
	return nil
}

func checkRollups(ctx context.Context, c *client, f *fixture, ind payesh.Indicator) (int, error) {
	raw, err := values(ctx, c, ind.ID, "1403-01", "1403-12")
	if err != nil {
		return 0, err
	}
	points := make([]analytics.Point, 0, len(raw))
	for _, v := range raw {
		p, err := jalali.ParsePeriod(v.Period)
		if err != nil {
			return 0, err
		}
		if v.State == payesh.ValueApproved { // leadership numbers count approved values
			points = append(points, analytics.Point{UnitID: v.UnitID, Period: p, Value: v.Value})
		}
	}
	rule, tree, n := analytics.Rule{UnitAgg: ind.UnitAgg, TimeAgg: ind.TimeAgg}, f.tree(), 0
	for _, span := range [][2]string{{"1403-01", "1403-12"}, {"1403Q1", "1403Q4"}, {"1403", "1403"}} {
		stored, err := rollups(ctx, c, ind.ID, f.units(), span[0], span[1])
		if err != nil {
			return n, err
		}
		from, _ := jalali.ParsePeriod(span[0])
		to, _ := jalali.ParsePeriod(span[1])
		for _, u := range f.units() {
			for p := from; ; p = p.Next() {
				ex := analytics.Compute(rule, tree, points, u.ID, p)
				got, ok := stored[fmt.Sprint(u.ID, p.String())]
				if ok != ex.HasAny || (ok && !near(got, ex.Value)) {
					return n, fmt.Errorf("indicator %s, unit %s, %s: stored %v (present %v), raw values give %v (present %v)",
						ind.Code, u.Code, p, got, ok, ex.Value, ex.HasAny)
				}
				n++
				if p == to {
					break
				}
			}
		}
	}
	return n, nil
}

// rollups returns the stored roll-ups by "unit period".
func rollups(ctx context.Context, c *client, indicatorID int64, units []payesh.OrgUnit, from, to string) (map[string]float64, error) {
	q := url.Values{"from": {from}, "to": {to}}
	for _, u := range units {
		q.Add("units", fmt.Sprint(u.ID))
	}
	var list struct{ Items []payesh.Rollup }
	if err := c.do(ctx, "GET", fmt.Sprintf("/indicators/%d/rollups?%s", indicatorID, q.Encode()), nil, &list); err != nil {
		return nil, err
	}
	out := make(map[string]float64, len(list.Items))
	for _, r := range list.Items {
		out[fmt.Sprint(r.UnitID, r.Period)] = r.Value
	}
	return out, nil
}
