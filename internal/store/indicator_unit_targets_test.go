package store_test

import (
	"fmt"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestFindUnitTargets: a unit's targets of one year for the indicators
// asked — not another unit's, another year's or another indicator's —
// in months, seasons and the year alike.
func TestFindUnitTargets(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		prov := mustUnit(t, db, org, payesh.UnitProvince, "prov")
		var inds []*payesh.Indicator
		for n, f := range []payesh.Frequency{payesh.Monthly, payesh.Quarterly, payesh.Yearly} {
			i := &payesh.Indicator{Code: fmt.Sprintf("t%d", n), NameFA: "شاخص", Direction: payesh.HigherIsBetter,
				UnitAgg: payesh.AggSum, TimeAgg: payesh.AggSum, Frequency: f}
			if err := db.CreateIndicator(sys, i); err != nil {
				t.Fatal(err)
			}
			inds = append(inds, i)
		}
		set := func(i *payesh.Indicator, ts ...payesh.Target) {
			if err := db.SetTargets(sys, i.ID, ts); err != nil {
				t.Fatal(err)
			}
		}
		set(inds[0], payesh.Target{UnitID: prov.ID, Period: "1403-02", Value: 5}, payesh.Target{UnitID: org.ID, Period: "1403-02", Value: 50},
			payesh.Target{UnitID: prov.ID, Period: "1402-12", Value: 4}, payesh.Target{UnitID: prov.ID, Period: "1404-01", Value: 6})
		set(inds[1], payesh.Target{UnitID: prov.ID, Period: "1403Q4", Value: 7})
		set(inds[2], payesh.Target{UnitID: prov.ID, Period: "1403", Value: 8})

		got, err := db.FindUnitTargets(sys, prov.ID, []int64{inds[0].ID, inds[1].ID, inds[2].ID}, 1403)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{fmt.Sprintf("%d 1403-02 5", inds[0].ID), fmt.Sprintf("%d 1403Q4 7", inds[1].ID), fmt.Sprintf("%d 1403 8", inds[2].ID)}
		if len(got) != len(want) {
			t.Fatalf("got %+v, want %v", got, want)
		}
		for n, tg := range got {
			if s := fmt.Sprintf("%d %s %g", tg.IndicatorID, tg.Period, tg.Value); s != want[n] || tg.UnitID != prov.ID {
				t.Errorf("target %d: %s (unit %d), want %s", n, s, tg.UnitID, want[n])
			}
		}
		if got, _ := db.FindUnitTargets(sys, prov.ID, []int64{inds[1].ID}, 1403); len(got) != 1 {
			t.Errorf("one indicator asked: %+v", got)
		}
		if got, err := db.FindUnitTargets(sys, prov.ID, nil, 1403); err != nil || len(got) != 0 {
			t.Errorf("no indicator asked: %+v %v", got, err)
		}
		wantCode(t, func() error { _, err := db.FindUnitTargets(sys, prov.ID, make([]int64, 2001), 1403); return err }(), payesh.EINVALID)
	})
}
