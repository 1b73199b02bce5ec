package store_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"payesh"
	"payesh/internal/analytics"
	"payesh/internal/jalali"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestConcurrentOverlappingGrids has eight writers on two instances save
// grids that overlap — the same indicators and months over the same
// provinces and branches, often the very same cell — for a sum and an
// average indicator. A writer sends the version of each cell it read,
// as the grid does; a lost race is a conflict, never a 5xx. After every
// round each stored roll-up — every unit, month, quarter and year —
// equals the reference computed from the approved raw values, and a
// ratio equals its numerator's over its denominator's. Writers approve
// some of what they saved, as reviewers do while units type.
func TestConcurrentOverlappingGrids(t *testing.T) {
	storetest.EngineTwins(t, opts(), func(t *testing.T, a, b *store.DB) {
		tree, units := provinceTree(t, a, 4, 2)
		inds := []*payesh.Indicator{
			mustIndicator(t, a, "pensioners", payesh.AggSum, payesh.AggLast),
			mustIndicator(t, a, "coverage", payesh.AggAvg, payesh.AggAvg),
			mustIndicator(t, a, "covered", payesh.AggSum, payesh.AggLast),
			mustIndicator(t, a, "population", payesh.AggSum, payesh.AggLast),
		}
		ratio := mustRatio(t, a, "coverage-ratio", inds[2], inds[3])
		for round := 0; round < rounds; round++ {
			seeds := writerSeeds(round, 1403)
			hammer(t, [2]*store.DB{a, b}, func(db *store.DB, worker int) error {
				return saveRandomGrid(db, rand.New(rand.NewPCG(seeds[worker], 2)), inds, units)
			})
			for _, ind := range inds {
				checkStoredRollups(t, a, ind, tree, units)
			}
			checkRatio(t, a, ratio, units)
		}
	})
}

// TestConcurrentUnitMoveAndGrids moves a branch between two provinces
// while writers save grids: every roll-up still equals the reference
// over the tree as it ends.
func TestConcurrentUnitMoveAndGrids(t *testing.T) {
	storetest.EngineTwins(t, opts(), func(t *testing.T, a, b *store.DB) {
		_, units := provinceTree(t, a, 2, 2)
		inds := []*payesh.Indicator{
			mustIndicator(t, a, "pensioners", payesh.AggSum, payesh.AggSum),
			mustIndicator(t, a, "coverage", payesh.AggAvg, payesh.AggLast),
		}
		ratio := mustRatio(t, a, "per-coverage", inds[0], inds[1]) // an average as denominator is refused
		if ratio != nil {
			t.Fatal("a ratio over an average was accepted")
		}
		ratio = mustRatio(t, a, "pensioners-ratio", inds[0], mustIndicator(t, a, "contributors", payesh.AggSum, payesh.AggSum))
		inds = append(inds, mustIndicatorByID(t, a, *ratio.DenominatorID))
		branch, provinces := units[len(units)-1], []*payesh.OrgUnit{units[1], units[2]}
		for round := 0; round < rounds; round++ {
			seeds := writerSeeds(round, 7)
			hammer(t, [2]*store.DB{a, b}, func(db *store.DB, worker int) error {
				if worker == 0 {
					return moveUnit(db, branch.ID, provinces)
				}
				return saveRandomGrid(db, rand.New(rand.NewPCG(seeds[worker], 3)), inds, units)
			})
			tree := storedTree(t, a)
			for _, ind := range inds {
				checkStoredRollups(t, a, ind, tree, units)
			}
			checkRatio(t, a, ratio, units)
		}
	})
}

// provinceTree makes an organization with n provinces of k branches each
// and returns the tree and the units, the organization first.
func provinceTree(t *testing.T, db *store.DB, n, k int) (analytics.Tree, []*payesh.OrgUnit) {
	org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
	units := []*payesh.OrgUnit{org}
	var branches []*payesh.OrgUnit
	for p := 0; p < n; p++ {
		prov := mustUnit(t, db, org, payesh.UnitProvince, fmt.Sprint("p", p))
		units = append(units, prov)
		for j := 0; j < k; j++ {
			branches = append(branches, mustUnit(t, db, prov, payesh.UnitBranch, fmt.Sprint("p", p, "b", j)))
		}
	}
	units = append(units, branches...)
	tree := analytics.Tree{}
	for _, u := range units {
		tree[u.ID] = u.Path
	}
	return tree, units
}

func mustIndicator(t *testing.T, db *store.DB, code string, unitAgg, timeAgg payesh.Aggregation) *payesh.Indicator {
	ind := &payesh.Indicator{Code: code, NameFA: "شاخص " + code, Direction: payesh.HigherIsBetter,
		UnitAgg: unitAgg, TimeAgg: timeAgg, Frequency: payesh.Monthly, ReportingKinds: everyKind}
	if err := db.CreateIndicator(sys, ind); err != nil {
		t.Fatal(err)
	}
	return ind
}

// saveRandomGrid saves about a dozen cells — units × the first three
// months of 1403 × the indicators — each against the version the writer
// has just read.
func saveRandomGrid(db *store.DB, rng *rand.Rand, inds []*payesh.Indicator, units []*payesh.OrgUnit) error {
	current, locked := map[string]int{}, map[string]bool{}
	for _, ind := range inds {
		vals, err := db.FindValues(sys, payesh.ValueFilter{IndicatorID: ind.ID, From: "1403-01", To: "1403-03"})
		if err != nil {
			return err
		}
		for _, v := range vals {
			current[fmt.Sprint(v.IndicatorID, v.UnitID, v.Period)] = v.Version
			if v.State == payesh.ValueApproved {
				locked[fmt.Sprint(v.IndicatorID, v.UnitID, v.Period)] = true
			}
		}
	}
	var grid []payesh.IndicatorValue
	seen := map[string]bool{}
	for i := 0; i < 12; i++ {
		ind, u := inds[rng.IntN(len(inds))], units[rng.IntN(len(units))]
		p := fmt.Sprintf("1403-%02d", 1+rng.IntN(3))
		key := fmt.Sprint(ind.ID, u.ID, p)
		if seen[key] || locked[key] {
			continue // an approved cell is locked: the grid does not offer it
		}
		seen[key] = true
		grid = append(grid, payesh.IndicatorValue{IndicatorID: ind.ID, UnitID: u.ID, Period: p,
			Value: float64(rng.IntN(400)) / 4, Version: current[key]})
	}
	if len(grid) == 0 {
		return nil
	}
	saved, err := db.SaveValues(sys, grid)
	if err != nil {
		return err
	}
	return approveSome(db, rng, saved)
}

// approveSome approves about half of the values just saved, as a
// reviewer would; a value someone changed meanwhile is a lost race.
func approveSome(db *store.DB, rng *rand.Rand, saved []*payesh.IndicatorValue) error {
	var ids []int64
	for _, v := range saved {
		if rng.IntN(2) == 0 {
			ids = append(ids, v.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	_, err := db.ReviewValues(sys, ids, payesh.ValueApproved)
	return err
}

func moveUnit(db *store.DB, id int64, parents []*payesh.OrgUnit) error {
	u, err := db.FindOrgUnitByID(sys, id)
	if err != nil {
		return err
	}
	to := parents[0].ID
	if *u.ParentID == to {
		to = parents[1].ID
	}
	_, err = db.UpdateOrgUnit(sys, id, payesh.OrgUnitUpdate{ParentID: &to, Version: u.Version})
	return err
}

// storedTree reads the org tree as it is now.
func storedTree(t *testing.T, db *store.DB) analytics.Tree {
	units, _, err := db.FindOrgUnits(sys, payesh.OrgUnitFilter{Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	tree := analytics.Tree{}
	for _, u := range units {
		tree[u.ID] = u.Path
	}
	return tree
}

// checkStoredRollups compares every roll-up of 1403 with the reference
// over the approved raw values as stored.
func checkStoredRollups(t *testing.T, db *store.DB, ind *payesh.Indicator, tree analytics.Tree, units []*payesh.OrgUnit) {
	t.Helper()
	vals, err := db.FindValues(sys, payesh.ValueFilter{IndicatorID: ind.ID})
	if err != nil {
		t.Fatal(err)
	}
	var points []analytics.Point
	for _, v := range vals {
		p, err := jalali.ParsePeriod(v.Period)
		if err != nil {
			t.Fatal(err)
		}
		if v.State == payesh.ValueApproved {
			points = append(points, analytics.Point{UnitID: v.UnitID, Period: p, Value: v.Value})
		}
	}
	checkRollups(t, db, ind, analytics.Rule{UnitAgg: ind.UnitAgg, TimeAgg: ind.TimeAgg}, tree, units, points)
}

// TestUnitMoveEmptiesAncestor moves the only branch with values out of
// its province and back: the province's months, quarters and year show
// no data while it is away and its values again when it returns.
func TestUnitMoveEmptiesAncestor(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		_, units := provinceTree(t, db, 2, 1)
		prov, branch := units[1], units[3]
		inds := []*payesh.Indicator{
			mustIndicator(t, db, "pensioners", payesh.AggSum, payesh.AggLast),
			mustIndicator(t, db, "coverage", payesh.AggAvg, payesh.AggAvg),
		}
		for _, ind := range inds {
			if _, err := db.SaveValues(sys, []payesh.IndicatorValue{
				{IndicatorID: ind.ID, UnitID: branch.ID, Period: "1403-01", Value: 10},
				{IndicatorID: ind.ID, UnitID: branch.ID, Period: "1403-05", Value: 30},
			}); err != nil {
				t.Fatal(err)
			}
			approveAll(t, db, ind.ID)
		}
		for step := range 2 {
			if err := moveUnit(db, branch.ID, units[1:3]); err != nil {
				t.Fatal(err)
			}
			tree := storedTree(t, db)
			for _, ind := range inds {
				checkStoredRollups(t, db, ind, tree, units)
			}
			year := jalali.Period{Gran: jalali.Year, Year: 1403}
			got, err := db.FindRollups(sys, inds[0].ID, []int64{prov.ID}, year, year, payesh.BasisApproved)
			if err != nil {
				t.Fatal(err)
			}
			if away := step == 0; away != (len(got) == 0) {
				t.Fatalf("step %d: the province's year %+v", step, got)
			}
		}
	})
}
