package store_test

import (
	"fmt"
	"math"
	"testing"

	"payesh"
	"payesh/internal/jalali"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// everyKind makes every unit's values add up, as tests that predate
// reporting kinds assume.
var everyKind = payesh.UnitKinds

// approveAll approves every value of the indicators, as a reviewer
// would, so that the leadership numbers count them.
func approveAll(t testing.TB, db *store.DB, indicatorIDs ...int64) {
	t.Helper()
	storetest.ApproveAll(t, db, indicatorIDs...)
}

// mustRatio defines num/den × 100 as a ratio indicator, or returns nil
// when the store refuses it as invalid.
func mustRatio(t testing.TB, db *store.DB, code string, num, den *payesh.Indicator) *payesh.Indicator {
	t.Helper()
	r := &payesh.Indicator{Code: code, NameFA: "نسبت " + code, Measure: "درصد", Direction: payesh.HigherIsBetter,
		UnitAgg: payesh.AggRatio, TimeAgg: payesh.AggLast, Frequency: num.Frequency, NumeratorID: &num.ID, DenominatorID: &den.ID}
	err := db.CreateIndicator(sys, r)
	if payesh.ErrorCode(err) == payesh.EINVALID {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func mustIndicatorByID(t testing.TB, db *store.DB, id int64) *payesh.Indicator {
	t.Helper()
	ind, err := db.FindIndicatorByID(sys, id)
	if err != nil {
		t.Fatal(err)
	}
	return ind
}

// checkRatio compares every stored number of a ratio in 1403 — months,
// quarters, the year, each unit — with 100 × its numerator's stored
// number over its denominator's where both count as many values, on both
// bases.
func checkRatio(t testing.TB, db *store.DB, r *payesh.Indicator, units []*payesh.OrgUnit) {
	t.Helper()
	for _, b := range []payesh.Basis{payesh.BasisApproved, payesh.BasisProvisional} {
		for _, g := range []jalali.Granularity{jalali.Month, jalali.Quarter, jalali.Year} {
			from, to := jalali.Period{Gran: g, Year: 1403, N: 1}, jalali.Period{Gran: g, Year: 1403, N: 1}
			if g != jalali.Year {
				to.N = map[jalali.Granularity]int{jalali.Month: 12, jalali.Quarter: 4}[g]
			} else {
				from.N, to.N = 0, 0
			}
			read := func(id int64) map[string]payesh.Rollup {
				rows, err := db.FindRollups(sys, id, nil, from, to, b)
				if err != nil {
					t.Fatal(err)
				}
				m := map[string]payesh.Rollup{}
				for _, x := range rows {
					m[fmt.Sprint(x.UnitID, x.Period)] = x
				}
				return m
			}
			ratio, num, den := read(r.ID), read(*r.NumeratorID), read(*r.DenominatorID)
			got, want := map[string]float64{}, map[string]float64{}
			for k, x := range ratio {
				got[k] = x.Value
			}
			for k, n := range num {
				// Only sums of as many values divide (ratioRows).
				if d, ok := den[k]; ok && d.Value != 0 && d.Count == n.Count {
					want[k] = 100 * n.Value / d.Value
				}
			}
			if len(got) != len(want) {
				t.Fatalf("%s %s: ratio has %d numbers, want %d: %v vs %v", b, g, len(got), len(want), got, want)
			}
			for k, w := range want {
				if math.Abs(got[k]-w) > 1e-6*math.Max(1, math.Abs(w)) {
					t.Fatalf("%s %s %s: ratio %v, want %v", b, g, k, got[k], w)
				}
			}
		}
	}
}
