package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestFindValuesOfUnits: one indicator's values over a list of units —
// the provinces of a matrix — and a period range: exactly those units
// (not their branches), as the reader may read them; an empty list
// reads nothing and a list longer than the bound is refused.
func TestFindValuesOfUnits(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		p1, p2 := mustUnit(t, db, org, payesh.UnitProvince, "p1"), mustUnit(t, db, org, payesh.UnitProvince, "p2")
		branch := mustUnit(t, db, p1, payesh.UnitBranch, "b1")
		ind := &payesh.Indicator{Code: "m", NameFA: "شاخص", Direction: payesh.HigherIsBetter, UnitAgg: payesh.AggSum,
			TimeAgg: payesh.AggSum, Frequency: payesh.Monthly, ReportingKinds: []payesh.UnitKind{payesh.UnitProvince, payesh.UnitBranch}}
		if err := db.CreateIndicator(sys, ind); err != nil {
			t.Fatal(err)
		}
		saved, err := db.SaveValues(sys, []payesh.IndicatorValue{
			{IndicatorID: ind.ID, UnitID: p1.ID, Period: "1403-01", Value: 1},
			{IndicatorID: ind.ID, UnitID: p2.ID, Period: "1403-02", Value: 2},
			{IndicatorID: ind.ID, UnitID: branch.ID, Period: "1403-01", Value: 3},
			{IndicatorID: ind.ID, UnitID: p1.ID, Period: "1402-12", Value: 4},
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ReviewValues(sys, []int64{saved[1].ID}, payesh.ValueApproved); err != nil {
			t.Fatal(err)
		}
		read := func(ctx context.Context, ids []int64) string {
			t.Helper()
			vals, err := db.FindValues(ctx, payesh.ValueFilter{IndicatorID: ind.ID, UnitIDs: ids, From: "1403-01", To: "1403-12"})
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, v := range vals {
				out = append(out, fmt.Sprintf("%d %s %g %s", v.UnitID, v.Period, v.Value, v.State))
			}
			return strings.Join(out, "; ")
		}
		provinces := []int64{p1.ID, p2.ID}
		if got, want := read(sys, provinces), fmt.Sprintf("%d 1403-01 1 draft; %d 1403-02 2 approved", p1.ID, p2.ID); got != want {
			t.Errorf("the provinces' values: %s, want %s", got, want)
		}
		// Another province's reporter reads p1's draft no more than it
		// would one by one: only the approved value and its own.
		_, rep2 := mustUser(t, db, p2, "rep2", payesh.RoleReporter)
		if got, want := read(rep2, provinces), fmt.Sprintf("%d 1403-02 2 approved", p2.ID); got != want {
			t.Errorf("p2's reporter reads %s, want %s", got, want)
		}
		_, rep1 := mustUser(t, db, p1, "rep1", payesh.RoleReporter)
		if got, want := read(rep1, provinces), fmt.Sprintf("%d 1403-01 1 draft; %d 1403-02 2 approved", p1.ID, p2.ID); got != want {
			t.Errorf("p1's reporter reads %s, want %s", got, want)
		}
		if got := read(sys, []int64{}); got != "" {
			t.Errorf("no unit asked: %s", got)
		}
		_, err = db.FindValues(sys, payesh.ValueFilter{IndicatorID: ind.ID, UnitIDs: make([]int64, 2001)})
		wantCode(t, err, payesh.EINVALID)
	})
}

// TestFindValuesOfUnitsPlan: the matrix's read — one indicator, the
// provinces, a year's months — is a seek per province on the values' key
// (indicator_id, unit_id, gran, period), for the secretariat and for a
// province's reporter alike: never a scan of the indicator's values in
// every unit, nor of the table.
func TestFindValuesOfUnitsPlan(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		var provinces []*payesh.OrgUnit
		for i := range 34 {
			p := mustUnit(t, db, org, payesh.UnitProvince, fmt.Sprintf("p%d", i))
			provinces = append(provinces, p)
			for j := range 6 {
				mustUnit(t, db, p, payesh.UnitBranch, fmt.Sprintf("p%d-b%d", i, j))
			}
		}
		var ind *payesh.Indicator
		for n := range 3 {
			i := &payesh.Indicator{Code: fmt.Sprintf("m%d", n), NameFA: "شاخص", Direction: payesh.HigherIsBetter, UnitAgg: payesh.AggSum,
				TimeAgg: payesh.AggSum, Frequency: payesh.Monthly, ReportingKinds: []payesh.UnitKind{payesh.UnitProvince, payesh.UnitBranch}}
			if err := db.CreateIndicator(sys, i); err != nil {
				t.Fatal(err)
			}
			ind = i
		}
		// Every unit's months of three years, of every indicator, straight
		// into the table: what the plan is chosen against.
		if _, err := db.SQL().ExecContext(ctx, `WITH RECURSIVE m (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM m WHERE n < 36)
			INSERT INTO indicator_values (indicator_id, unit_id, gran, period, value, state, updated_at)
			SELECT i.id, u.id, 3, (1401 + (m.n - 1) / 12) * 100 + (m.n - 1) % 12 + 1, m.n, 'draft', $1
			FROM indicators i CROSS JOIN org_units u CROSS JOIN m`, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		conn, err := db.SQL().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if db.Engine() == store.Postgres {
			if _, err := conn.ExecContext(ctx, "ANALYZE indicator_values"); err != nil {
				t.Fatal(err)
			}
		} else if _, err := conn.ExecContext(ctx, "ANALYZE"); err != nil {
			t.Fatal(err)
		}
		ids := make([]int64, len(provinces))
		for i, p := range provinces {
			ids[i] = p.ID
		}
		f := payesh.ValueFilter{IndicatorID: ind.ID, UnitIDs: ids, From: "1403-01", To: "1403-12"}
		for _, who := range []struct {
			name  string
			scope payesh.ReadScope
		}{
			{"the secretariat", payesh.ReadScope{Reach: payesh.ReachNational, Unit: org.Path, AllValues: true}},
			{"a province's reporter", payesh.ReadScope{Reach: payesh.ReachProvince, Root: provinces[3].Path, Unit: provinces[3].Path}},
		} {
			q, args, err := store.FindValuesSQL(who.scope, nil, f)
			if err != nil {
				t.Fatal(err)
			}
			plan := strings.Join(explainPlan(t, conn, db.Engine(), q, args), "\n")
			t.Logf("%s's plan:\n%s", who.name, plan)
			switch db.Engine() {
			case store.Postgres:
				if strings.Contains(plan, "Seq Scan on indicator_values") {
					t.Errorf("%s: the matrix's read scans the values:\n%s", who.name, plan)
				}
			default:
				if !strings.Contains(plan, "SEARCH v USING INDEX sqlite_autoindex_indicator_values_1 (indicator_id=? AND unit_id=? AND gran=? AND period>? AND period<?)") {
					t.Errorf("%s: the matrix's read is not a seek per province on the values' key:\n%s", who.name, plan)
				}
			}
			// A grid's tally of one unit's year reads the unit's index
			// range alone, whatever the reader's scope.
			tally := payesh.ValueFilter{UnitID: provinces[3].ID, From: "1403-01", To: "1403-12"}
			q, args, err = store.TallyValuesSQL(who.scope, nil, tally)
			if err != nil {
				t.Fatal(err)
			}
			plan = strings.Join(explainPlan(t, conn, db.Engine(), q, args), "\n")
			t.Logf("%s's tally:\n%s", who.name, plan)
			switch db.Engine() {
			case store.Postgres:
				if strings.Contains(plan, "Seq Scan on indicator_values") {
					t.Errorf("%s: the tally scans the values:\n%s", who.name, plan)
				}
			default:
				if !strings.Contains(plan, "SEARCH v USING COVERING INDEX indicator_values_unit_period (unit_id=? AND gran=? AND period>? AND period<?)") {
					t.Errorf("%s: the tally reads more than the unit's index range:\n%s", who.name, plan)
				}
			}
		}
	})
}
