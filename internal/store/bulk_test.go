package store_test

import (
	"math/rand/v2"
	"testing"

	"payesh"
	"payesh/internal/analytics"
	"payesh/internal/jalali"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestLoadBulkMatchesReference loads random values in bulk and checks the
// roll-ups it derives in memory against the reference, as SaveValues's are.
func TestLoadBulkMatchesReference(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		rng := rand.New(rand.NewPCG(7, 1403))
		tree, units := randomTree(t, db, rng, 15)
		for _, rule := range []analytics.Rule{
			{UnitAgg: payesh.AggAvg, TimeAgg: payesh.AggLast},
			{UnitAgg: payesh.AggSum, TimeAgg: payesh.AggAvg},
		} {
			ind := &payesh.Indicator{Code: "bulk-" + string(rule.UnitAgg) + "-" + string(rule.TimeAgg), NameFA: "شاخص",
				Direction: payesh.LowerIsBetter, UnitAgg: rule.UnitAgg, TimeAgg: rule.TimeAgg, Frequency: payesh.Monthly}
			if err := db.CreateIndicator(sys, ind); err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			var vals []store.BulkValue
			var points []analytics.Point
			for len(vals) < 200 { // of 15 units × 17 months
				u, p := units[rng.IntN(len(units))], randomPeriod(rng, jalali.Month)
				if k := u.Path + p.String(); !seen[k] {
					seen[k] = true
					v := float64(rng.IntN(500))
					vals = append(vals, store.BulkValue{UnitID: u.ID, Period: p, Value: v})
					points = append(points, analytics.Point{UnitID: u.ID, Period: p, Value: v})
				}
			}
			if err := db.LoadBulk(sys, ind.ID, vals); err != nil {
				t.Fatal(err)
			}
			checkRollups(t, db, ind, rule, tree, units, points)
			wantCode(t, db.LoadBulk(sys, ind.ID, vals[:1]), payesh.ECONFLICT) // only into an empty indicator
		}
	})
}
