package store_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"payesh"
	"payesh/internal/analytics"
	"payesh/internal/jalali"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestRollupsMatchReference writes random values (and overwrites) on a
// random tree, for every aggregation rule, and compares every stored
// roll-up — every unit, every month, quarter and year — with the plain
// reference computation in internal/analytics.
func TestRollupsMatchReference(t *testing.T) {
	rules := []analytics.Rule{
		{UnitAgg: payesh.AggSum, TimeAgg: payesh.AggSum},
		{UnitAgg: payesh.AggSum, TimeAgg: payesh.AggLast},
		{UnitAgg: payesh.AggAvg, TimeAgg: payesh.AggAvg},
		{UnitAgg: payesh.AggAvg, TimeAgg: payesh.AggLast},
	}
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		rng := rand.New(rand.NewPCG(1403, 5))
		tree, units := randomTree(t, db, rng, 12)
		for n, rule := range rules {
			for _, freq := range []payesh.Frequency{payesh.Monthly, payesh.Quarterly} {
				ind := &payesh.Indicator{Code: fmt.Sprintf("i%d-%s", n, freq), NameFA: "شاخص", Direction: payesh.HigherIsBetter,
					UnitAgg: rule.UnitAgg, TimeAgg: rule.TimeAgg, Frequency: freq, ReportingKinds: everyKind}
				if err := db.CreateIndicator(sys, ind); err != nil {
					t.Fatal(err)
				}
				points := writeRandomValues(t, db, rng, ind, units)
				if got, _ := db.FindRollupSeries(sys, ind.ID, nil, "1402", "1403", payesh.BasisApproved); len(got) != 0 {
					t.Fatalf("drafts rolled up before approval: %+v", got)
				}
				approveAll(t, db, ind.ID)
				checkRollups(t, db, ind, rule, tree, units, points)
			}
		}
	})
}

func randomTree(t *testing.T, db *store.DB, rng *rand.Rand, n int) (analytics.Tree, []*payesh.OrgUnit) {
	root := mustUnit(t, db, nil, payesh.UnitOrganization, "root")
	units := []*payesh.OrgUnit{root}
	for i := 1; i < n; i++ {
		units = append(units, mustUnit(t, db, units[rng.IntN(len(units))], payesh.UnitBranch, fmt.Sprintf("u%d", i)))
	}
	tree := analytics.Tree{}
	for _, u := range units {
		tree[u.ID] = u.Path
	}
	return tree, units
}

// writeRandomValues saves values in a few batches, some overwriting
// earlier ones, and returns the final values as reference points.
func writeRandomValues(t *testing.T, db *store.DB, rng *rand.Rand, ind *payesh.Indicator, units []*payesh.OrgUnit) []analytics.Point {
	g, _ := ind.Frequency.Granularity()
	final := map[[2]string]analytics.Point{}
	for batch := 0; batch < 4; batch++ {
		var vals []payesh.IndicatorValue
		seen := map[[2]string]bool{}
		for i := 0; i < 15; i++ {
			u := units[rng.IntN(len(units))]
			p := randomPeriod(rng, g)
			key := [2]string{fmt.Sprint(u.ID), p.String()}
			if seen[key] {
				continue
			}
			seen[key] = true
			v := float64(rng.IntN(1000)) / 4
			vals = append(vals, payesh.IndicatorValue{IndicatorID: ind.ID, UnitID: u.ID, Period: p.String(), Value: v})
			final[key] = analytics.Point{UnitID: u.ID, Period: p, Value: v}
		}
		if _, err := db.SaveValues(sys, withVersions(t, db, vals...)); err != nil {
			t.Fatal(err)
		}
	}
	points := make([]analytics.Point, 0, len(final))
	for _, p := range final {
		points = append(points, p)
	}
	return points
}

// randomPeriod picks a period of 1402 or 1403 up to fixedNow (1403-05).
func randomPeriod(rng *rand.Rand, g jalali.Granularity) jalali.Period {
	y := 1402 + rng.IntN(2)
	quarters, months := 4, 12
	if y == 1403 {
		quarters, months = 2, 5
	}
	if g == jalali.Quarter {
		return jalali.Period{Gran: g, Year: y, N: 1 + rng.IntN(quarters)}
	}
	return jalali.Period{Gran: g, Year: y, N: 1 + rng.IntN(months)}
}

func checkRollups(t *testing.T, db *store.DB, ind *payesh.Indicator, rule analytics.Rule, tree analytics.Tree, units []*payesh.OrgUnit, points []analytics.Point) {
	t.Helper()
	base, _ := ind.Frequency.Granularity()
	for _, g := range []jalali.Granularity{jalali.Month, jalali.Quarter, jalali.Year} {
		if g > base {
			continue // a quarterly indicator has no monthly values
		}
		from, to := first(g, 1402), last(g, 1403)
		got, err := db.FindRollups(sys, ind.ID, nil, from, to, payesh.BasisApproved)
		if err != nil {
			t.Fatal(err)
		}
		stored := map[string]float64{}
		for _, r := range got {
			stored[fmt.Sprint(r.UnitID, r.Period)] = r.Value
		}
		for _, u := range units {
			for p := from; ; p = p.Next() {
				ex := analytics.Compute(rule, tree, points, u.ID, p)
				v, ok := stored[fmt.Sprint(u.ID, p.String())]
				if ok != ex.HasAny || (ok && math.Abs(v-ex.Value) > 1e-6) {
					t.Fatalf("%s %v unit %d %s: stored %v (%v), reference %v (%v)", ind.Code, rule, u.ID, p, v, ok, ex.Value, ex.HasAny)
				}
				if p == to {
					break
				}
			}
		}
	}
}

func first(g jalali.Granularity, y int) jalali.Period {
	if g == jalali.Year {
		return jalali.Period{Gran: g, Year: y}
	}
	return jalali.Period{Gran: g, Year: y, N: 1}
}

func last(g jalali.Granularity, y int) jalali.Period {
	switch g {
	case jalali.Year:
		return jalali.Period{Gran: g, Year: y}
	case jalali.Quarter:
		return jalali.Period{Gran: g, Year: y, N: 4}
	}
	return jalali.Period{Gran: g, Year: y, N: 12}
}

func TestValuesRules(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		prov := mustUnit(t, db, org, payesh.UnitProvince, "prov")
		other := mustUnit(t, db, org, payesh.UnitProvince, "other")
		_, reporter := mustUser(t, db, prov, "rep", payesh.RoleReporter)
		ind := &payesh.Indicator{Code: "cov", NameFA: "پوشش", Direction: payesh.HigherIsBetter,
			UnitAgg: payesh.AggAvg, TimeAgg: payesh.AggLast, Frequency: payesh.Monthly, ReportingKinds: []payesh.UnitKind{payesh.UnitProvince}}
		if err := db.CreateIndicator(sys, ind); err != nil {
			t.Fatal(err)
		}
		// Persian digits in the period are read.
		saved, err := db.SaveValues(reporter, []payesh.IndicatorValue{{IndicatorID: ind.ID, UnitID: prov.ID, Period: "۱۴۰۳-۰۲", Value: 73}})
		if err != nil || saved[0].Period != "1403-02" || saved[0].State != payesh.ValueDraft {
			t.Fatalf("save: %+v %v", saved, err)
		}
		_, err = db.SaveValues(reporter, []payesh.IndicatorValue{{IndicatorID: ind.ID, UnitID: other.ID, Period: "1403-02", Value: 1}})
		wantCode(t, err, payesh.EFORBIDDEN)
		for _, bad := range []payesh.IndicatorValue{
			{IndicatorID: ind.ID, UnitID: prov.ID, Period: "1403Q1", Value: 1},  // wrong frequency
			{IndicatorID: ind.ID, UnitID: prov.ID, Period: "1403-13", Value: 1}, // no such month
			{IndicatorID: ind.ID, UnitID: 999, Period: "1403-01", Value: 1},
		} {
			_, err := db.SaveValues(sys, []payesh.IndicatorValue{{IndicatorID: ind.ID, UnitID: prov.ID, Period: "1403-03", Value: 5}, bad})
			wantCode(t, err, payesh.EINVALID)
		}
		// The refused batches left nothing behind, not even their good value.
		approveAll(t, db, ind.ID)
		got, _ := db.FindRollups(sys, ind.ID, []int64{org.ID}, jalali.Period{Gran: jalali.Year, Year: 1403}, jalali.Period{Gran: jalali.Year, Year: 1403}, payesh.BasisApproved)
		if len(got) != 1 || got[0].Value != 73 || got[0].Count != 1 {
			t.Fatalf("national 1403 after refused batches: %+v", got)
		}
		bad := &payesh.Indicator{Code: "x", NameFA: "x", Direction: "up", UnitAgg: payesh.AggLast, TimeAgg: "median", Frequency: "weekly",
			Thresholds: payesh.Thresholds{OnTrack: 50, AtRisk: 60}}
		err = db.CreateIndicator(sys, bad)
		wantCode(t, err, payesh.EINVALID)
		if f := err.(*payesh.Error).Fields; len(f) != 5 {
			t.Fatalf("indicator field errors %v", f)
		}
		wantCode(t, db.CreateIndicator(reporter, &payesh.Indicator{}), payesh.EFORBIDDEN)
	})
}

func TestScoresWithSetAndInterpolatedTargets(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		base := 70.0
		ind := &payesh.Indicator{Code: "coverage", NameFA: "پوشش بیمه‌ای", Direction: payesh.HigherIsBetter,
			UnitAgg: payesh.AggAvg, TimeAgg: payesh.AggLast, Frequency: payesh.Yearly,
			Baseline: &base, BaselinePeriod: "1400"}
		if err := db.CreateIndicator(sys, ind); err != nil {
			t.Fatal(err)
		}
		// Final target 82 in 1404; 1402 interpolates to 70 + 12·(2/4) = 76.
		if err := db.SetTargets(sys, ind.ID, []payesh.Target{{UnitID: org.ID, Period: "1404", Value: 82}, {UnitID: org.ID, Period: "1401", Value: 71}}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SaveValues(sys, []payesh.IndicatorValue{
			{IndicatorID: ind.ID, UnitID: org.ID, Period: "1401", Value: 71.5},
			{IndicatorID: ind.ID, UnitID: org.ID, Period: "1402", Value: 73},
			{IndicatorID: ind.ID, UnitID: org.ID, Period: "1403", Value: 60},
		}); err != nil {
			t.Fatal(err)
		}
		approveAll(t, db, ind.ID)
		tests := []struct {
			period       string
			target       float64
			interpolated bool
			status       payesh.IndicatorStatus
		}{
			{"1401", 71, false, payesh.OnTrack}, // 71.5 ≥ 71
			{"1402", 76, true, payesh.OnTrack},  // 73/76 = 96%
			{"1403", 79, true, payesh.OffTrack}, // 60/79 = 76%
			{"1404", 82, false, payesh.NoData},  // no value yet
		}
		for _, tt := range tests {
			s, err := db.FindScores(sys, []int64{ind.ID}, org.ID, tt.period, payesh.BasisApproved)
			if err != nil {
				t.Fatal(err)
			}
			got := s[0]
			if got.Target == nil || math.Abs(*got.Target-tt.target) > 1e-9 || got.Interpolated != tt.interpolated || got.Status != tt.status {
				t.Errorf("%s: target %v interpolated %v status %s; want %v %v %s", tt.period, deref(got.Target), got.Interpolated, got.Status, tt.target, tt.interpolated, tt.status)
			}
		}
		wantCode(t, db.SetTargets(sys, ind.ID, []payesh.Target{{UnitID: org.ID, Period: "14x", Value: 1}}), payesh.EINVALID)
	})
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestScorecardOfAnAxis(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		doc := &payesh.Document{Code: "gssp", Kind: payesh.DocPolicy, TitleFA: "سیاست‌ها"}
		if err := db.CreateDocument(sys, doc); err != nil {
			t.Fatal(err)
		}
		c8 := &payesh.Clause{DocumentID: doc.ID, Number: "8", TitleFA: "خانواده"}
		if err := db.CreateClause(sys, c8); err != nil {
			t.Fatal(err)
		}
		c81 := &payesh.Clause{DocumentID: doc.ID, ParentID: &c8.ID, Number: "8-1", TitleFA: "جزء"}
		if err := db.CreateClause(sys, c81); err != nil {
			t.Fatal(err)
		}
		mk := func(code string, clause int64, dir payesh.Direction) *payesh.Indicator {
			i := &payesh.Indicator{Code: code, NameFA: code, Direction: dir, UnitAgg: payesh.AggSum, TimeAgg: payesh.AggSum,
				Frequency: payesh.Yearly, ClauseIDs: []int64{clause}}
			if err := db.CreateIndicator(sys, i); err != nil {
				t.Fatal(err)
			}
			return i
		}
		courses, content, debt := mk("courses", c8.ID, payesh.HigherIsBetter), mk("content", c81.ID, payesh.HigherIsBetter), mk("debt", c81.ID, payesh.LowerIsBetter)
		mk("elsewhere", c81.ID, payesh.HigherIsBetter) // linked, no value, no target
		for _, i := range []*payesh.Indicator{courses, content, debt} {
			if err := db.SetTargets(sys, i.ID, []payesh.Target{{UnitID: org.ID, Period: "1402", Value: 100}}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.SaveValues(sys, []payesh.IndicatorValue{
			{IndicatorID: courses.ID, UnitID: org.ID, Period: "1402", Value: 96},
			{IndicatorID: content.ID, UnitID: org.ID, Period: "1402", Value: 85},
			{IndicatorID: debt.ID, UnitID: org.ID, Period: "1402", Value: 150},
		}); err != nil {
			t.Fatal(err)
		}
		approveAll(t, db, courses.ID, content.ID, debt.ID)
		card, err := db.FindScorecard(sys, c8.ID, org.ID, "1402", payesh.BasisApproved)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]payesh.IndicatorStatus{}
		for _, s := range card {
			got[s.Indicator.Code] = s.Status
		}
		want := map[string]payesh.IndicatorStatus{"courses": payesh.OnTrack, "content": payesh.AtRisk, "debt": payesh.OffTrack, "elsewhere": payesh.NoData}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("scorecard %v, want %v", got, want)
		}
		if card, _ := db.FindScorecard(sys, c81.ID, org.ID, "1402", payesh.BasisApproved); len(card) != 3 {
			t.Fatalf("sub-clause scorecard has %d indicators, want 3", len(card))
		}
	})
}

func TestExplainAndFind(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		prov := mustUnit(t, db, org, payesh.UnitProvince, "prov")
		b1 := mustUnit(t, db, prov, payesh.UnitBranch, "b1")
		b2 := mustUnit(t, db, prov, payesh.UnitBranch, "b2")
		ind := &payesh.Indicator{Code: "pensioners", NameFA: "مستمری‌بگیران", Direction: payesh.HigherIsBetter,
			UnitAgg: payesh.AggSum, TimeAgg: payesh.AggLast, Frequency: payesh.Monthly, ReportingKinds: []payesh.UnitKind{payesh.UnitBranch}}
		if err := db.CreateIndicator(sys, ind); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SaveValues(sys, []payesh.IndicatorValue{
			{IndicatorID: ind.ID, UnitID: b1.ID, Period: "1403-01", Value: 10},
			{IndicatorID: ind.ID, UnitID: b2.ID, Period: "1403-01", Value: 20},
			{IndicatorID: ind.ID, UnitID: b1.ID, Period: "1403-02", Value: 11},
		}); err != nil {
			t.Fatal(err)
		}
		approveAll(t, db, ind.ID)
		ex, err := db.Explain(sys, ind.ID, prov.ID, "1403Q1", payesh.BasisApproved)
		if err != nil {
			t.Fatal(err)
		}
		if len(ex.Steps) != 2 || len(ex.Steps[0].Values) != 2 || ex.Steps[0].Aggregate != 30 || *ex.Computed != 11 || *ex.Stored != 11 {
			t.Fatalf("explanation %+v computed %v stored %v", ex.Steps, deref(ex.Computed), deref(ex.Stored))
		}
		vals, err := db.FindValues(sys, payesh.ValueFilter{UnitID: b1.ID, From: "1403-02", To: "1403-12"})
		if err != nil || len(vals) != 1 || vals[0].Value != 11 {
			t.Fatalf("values of b1 from 1403-02: %+v %v", vals, err)
		}
		up, err := db.UpdateIndicator(sys, ind.ID, payesh.IndicatorUpdate{Measure: ptr("نفر"), Version: 1})
		if err != nil || up.Measure != "نفر" || up.Version != 2 {
			t.Fatalf("update: %+v %v", up, err)
		}
		_, err = db.UpdateIndicator(sys, ind.ID, payesh.IndicatorUpdate{Measure: ptr("x"), Version: 1})
		wantCode(t, err, payesh.ECONFLICT)
		list, n, err := db.FindIndicators(sys, payesh.IndicatorFilter{Q: "مستمری"})
		if err != nil || n != 1 || list[0].ID != ind.ID {
			t.Fatalf("find: %v %d %v", list, n, err)
		}
	})
}
