package store_test

import (
	"fmt"
	"math"
	"testing"

	"payesh"
	"payesh/internal/analytics"
	"payesh/internal/jalali"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestProvisionalMatchesReference: the provisional basis, combined on
// read from the approved and submitted layers, equals the reference over
// approved and submitted values — every unit, month, quarter and year —
// while the approved basis ignores the submitted values; a ratio on the
// provisional basis divides its inputs' provisional sums.
func TestProvisionalMatchesReference(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newRoundWorld(t, db)
		other := mustUnit(t, db, w.prov, payesh.UnitBranch, "other")
		units := []*payesh.OrgUnit{w.org, w.prov, w.branch, other}
		branchKinds := []payesh.UnitKind{payesh.UnitBranch}
		mk := func(code string, unit, time payesh.Aggregation) *payesh.Indicator {
			i := &payesh.Indicator{Code: code, NameFA: code, Direction: payesh.HigherIsBetter, UnitAgg: unit, TimeAgg: time,
				Frequency: payesh.Monthly, ReportingKinds: branchKinds}
			if err := db.CreateIndicator(sys, i); err != nil {
				t.Fatal(err)
			}
			return i
		}
		inds := []*payesh.Indicator{mk("stock", payesh.AggSum, payesh.AggLast), mk("rate", payesh.AggAvg, payesh.AggAvg)}
		covered, population := mk("covered", payesh.AggSum, payesh.AggLast), mk("population", payesh.AggSum, payesh.AggLast)
		ratio := mustRatio(t, db, "coverage", covered, population)
		var vals []payesh.IndicatorValue
		for n, ind := range append(inds, covered, population) {
			for m := 1; m <= 3; m++ {
				for u, unit := range []*payesh.OrgUnit{w.branch, other} {
					vals = append(vals, payesh.IndicatorValue{IndicatorID: ind.ID, UnitID: unit.ID,
						Period: fmt.Sprintf("1403-%02d", m), Value: float64(10*(n+1) + m + 7*u)})
				}
			}
		}
		saved, err := db.SaveValues(sys, vals)
		if err != nil {
			t.Fatal(err)
		}
		// The other branch's values are approved; the round's branch
		// submits its own with its report.
		var otherIDs []int64
		for _, v := range saved {
			if v.UnitID == other.ID {
				otherIDs = append(otherIDs, v.ID)
			}
		}
		if _, err := db.ReviewValues(sys, otherIDs, payesh.ValueApproved); err != nil {
			t.Fatal(err)
		}
		if _, err := w.act(t, w.branchRep, w.report(t, w.branch), payesh.ActSubmit); err != nil {
			t.Fatal(err)
		}
		tree := analytics.Tree{}
		for _, u := range units {
			tree[u.ID] = u.Path
		}
		for _, ind := range inds {
			stored, err := db.FindValues(sys, payesh.ValueFilter{IndicatorID: ind.ID})
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range []payesh.Basis{payesh.BasisApproved, payesh.BasisProvisional} {
				var points []analytics.Point
				for _, v := range stored {
					if b.Counts(v.State) {
						p, _ := jalali.ParsePeriod(v.Period)
						points = append(points, analytics.Point{UnitID: v.UnitID, Period: p, Value: v.Value})
					}
				}
				if b == payesh.BasisProvisional && len(points) != 6 {
					t.Fatalf("%s: %d values count provisionally, want 6", ind.Code, len(points))
				}
				compareBasis(t, db, ind, b, tree, units, points)
			}
		}
		checkRatio(t, db, ratio, units)
		// The national ratio for the quarter: Σcovered over Σpopulation of
		// both branches' last months, provisionally; the other's alone,
		// approved.
		q := jalali.Period{Gran: jalali.Quarter, Year: 1403, N: 1}
		for b, want := range map[payesh.Basis]float64{
			payesh.BasisApproved:    100 * float64(33+7) / float64(43+7),
			payesh.BasisProvisional: 100 * float64(33+33+7) / float64(43+43+7),
		} {
			got, err := db.FindRollups(sys, ratio.ID, []int64{w.org.ID}, q, q, b)
			if err != nil || len(got) != 1 || math.Abs(got[0].Value-want) > 1e-9 {
				t.Fatalf("%s national coverage %+v %v, want %v", b, got, err, want)
			}
		}
	})
}

// compareBasis checks every number of 1403's months, quarters and year
// on basis b against the reference over points.
func compareBasis(t *testing.T, db *store.DB, ind *payesh.Indicator, b payesh.Basis, tree analytics.Tree, units []*payesh.OrgUnit, points []analytics.Point) {
	t.Helper()
	rule := analytics.Rule{UnitAgg: ind.UnitAgg, TimeAgg: ind.TimeAgg}
	for _, g := range []jalali.Granularity{jalali.Month, jalali.Quarter, jalali.Year} {
		from, to := first(g, 1403), last(g, 1403)
		got, err := db.FindRollups(sys, ind.ID, nil, from, to, b)
		if err != nil {
			t.Fatal(err)
		}
		stored := map[string]float64{}
		for _, r := range got {
			stored[fmt.Sprint(r.UnitID, r.Period)] = r.Value
		}
		want := 0
		for _, u := range units {
			for p := from; ; p = p.Next() {
				ex := analytics.Compute(rule, tree, points, u.ID, p)
				v, ok := stored[fmt.Sprint(u.ID, p.String())]
				if ok != ex.HasAny || (ok && math.Abs(v-ex.Value) > 1e-9) {
					t.Fatalf("%s %s unit %s %s: %v (%v), want %v (%v)", ind.Code, b, u.Code, p, v, ok, ex.Value, ex.HasAny)
				}
				if ok {
					want++
				}
				if p == to {
					break
				}
			}
		}
		if len(got) != want {
			t.Fatalf("%s %s %s: %d numbers, want %d", ind.Code, b, g, len(got), want)
		}
	}
}
