package store_test

import (
	"testing"

	"payesh"
	"payesh/internal/jalali"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestLatestPeriod: where a dashboard opens is the latest month (or year)
// in which any indicator has an approved number for the unit — its own or
// its units' — a draft does not count until it is approved, and a unit
// with nothing approved has none.
func TestLatestPeriod(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		p1, p2 := mustUnit(t, db, org, payesh.UnitProvince, "p1"), mustUnit(t, db, org, payesh.UnitProvince, "p2")
		inds := mustMonthly(t, db, 2, payesh.UnitProvince)
		saved, err := db.SaveValues(sys, []payesh.IndicatorValue{
			{IndicatorID: inds[0].ID, UnitID: p1.ID, Period: "1402-11", Value: 1},
			{IndicatorID: inds[0].ID, UnitID: p1.ID, Period: "1402-12", Value: 2},
			{IndicatorID: inds[1].ID, UnitID: p1.ID, Period: "1403-02", Value: 3},
			{IndicatorID: inds[0].ID, UnitID: p1.ID, Period: "1403-05", Value: 4}, // left a draft
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ReviewValues(sys, []int64{saved[0].ID, saved[1].ID, saved[2].ID}, payesh.ValueApproved); err != nil {
			t.Fatal(err)
		}
		latest := func(unit *payesh.OrgUnit, g jalali.Granularity) string {
			t.Helper()
			p, ok, err := db.LatestPeriod(sys, unit.ID, g, payesh.BasisApproved)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				return "none"
			}
			return p.String()
		}
		for _, tt := range []struct {
			name string
			unit *payesh.OrgUnit
			g    jalali.Granularity
			want string
		}{
			{"the province, by month", p1, jalali.Month, "1403-02"},
			{"the organization, its units' numbers", org, jalali.Month, "1403-02"},
			{"the province, by year", p1, jalali.Year, "1403"},
			{"nothing approved", p2, jalali.Month, "none"},
		} {
			if got := latest(tt.unit, tt.g); got != tt.want {
				t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
			}
		}
		// Once approved, the draft's month is where it opens.
		if _, err := db.ReviewValues(sys, []int64{saved[3].ID}, payesh.ValueApproved); err != nil {
			t.Fatal(err)
		}
		if got := latest(org, jalali.Month); got != "1403-05" {
			t.Errorf("after the approval: %s, want 1403-05", got)
		}
	})
}
