package store_test

import (
	"errors"
	"math"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// trustWorld is an organization with two provinces and a women's office,
// and a coverage indicator reported by provinces.
type trustWorld struct {
	org, khorasan, tehran, office *payesh.OrgUnit
	coverage                      *payesh.Indicator
}

func newTrustWorld(t *testing.T, db *store.DB) *trustWorld {
	w := &trustWorld{org: mustUnit(t, db, nil, payesh.UnitOrganization, "sso")}
	w.khorasan = mustUnit(t, db, w.org, payesh.UnitProvince, "khorasan")
	w.tehran = mustUnit(t, db, w.org, payesh.UnitProvince, "tehran")
	w.office = mustUnit(t, db, w.org, payesh.UnitOffice, "women")
	w.coverage = &payesh.Indicator{Code: "coverage", NameFA: "پوشش", Measure: "درصد", Direction: payesh.HigherIsBetter,
		UnitAgg: payesh.AggAvg, TimeAgg: payesh.AggLast, Frequency: payesh.Yearly, ReportingKinds: []payesh.UnitKind{payesh.UnitProvince}}
	if err := db.CreateIndicator(sys, w.coverage); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *trustWorld) score(t *testing.T, db *store.DB, ind *payesh.Indicator, unit *payesh.OrgUnit, b payesh.Basis) payesh.Score {
	t.Helper()
	s, err := db.FindScores(sys, []int64{ind.ID}, unit.ID, "1402", b)
	if err != nil {
		t.Fatal(err)
	}
	return s[0]
}

// TestDraftChangesNoLeadershipNumber: a saved value is a draft, which no
// leadership number counts; approved, it does.
func TestDraftChangesNoLeadershipNumber(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newTrustWorld(t, db)
		saved, err := db.SaveValues(sys, []payesh.IndicatorValue{{IndicatorID: w.coverage.ID, UnitID: w.khorasan.ID, Period: "1402", Value: 80}})
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range []payesh.Basis{payesh.BasisApproved, payesh.BasisProvisional} {
			if s := w.score(t, db, w.coverage, w.org, b); s.Value != nil || s.Status != payesh.NoData {
				t.Fatalf("%s: a draft shows as %v (%s)", b, *s.Value, s.Status)
			}
		}
		if _, err := db.ReviewValues(sys, []int64{saved[0].ID}, payesh.ValueApproved); err != nil {
			t.Fatal(err)
		}
		s := w.score(t, db, w.coverage, w.org, payesh.BasisApproved)
		if s.Value == nil || *s.Value != 80 || s.Status != payesh.NoTarget || s.Basis != payesh.BasisApproved {
			t.Fatalf("approved: %+v", s)
		}
		// Approved is locked, and cannot be approved twice.
		_, err = db.SaveValues(sys, []payesh.IndicatorValue{{IndicatorID: w.coverage.ID, UnitID: w.khorasan.ID, Period: "1402", Value: 1, Version: 2}})
		wantCode(t, err, payesh.ECONFLICT)
		_, err = db.ReviewValues(sys, []int64{saved[0].ID}, payesh.ValueApproved)
		wantCode(t, err, payesh.ECONFLICT)
	})
}

// TestOwnFigureReconciles: the organization's official 73 stands for the
// nation beside the sum of its provinces, never added to it.
func TestOwnFigureReconciles(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newTrustWorld(t, db)
		pensioners := &payesh.Indicator{Code: "pensioners", NameFA: "مستمری‌بگیران", Measure: "نفر", Direction: payesh.HigherIsBetter,
			UnitAgg: payesh.AggSum, TimeAgg: payesh.AggLast, Frequency: payesh.Yearly, ReportingKinds: []payesh.UnitKind{payesh.UnitProvince}}
		if err := db.CreateIndicator(sys, pensioners); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SaveValues(sys, []payesh.IndicatorValue{
			{IndicatorID: w.coverage.ID, UnitID: w.org.ID, Period: "1402", Value: 73},
			{IndicatorID: w.coverage.ID, UnitID: w.khorasan.ID, Period: "1402", Value: 80},
			{IndicatorID: pensioners.ID, UnitID: w.org.ID, Period: "1402", Value: 6.08e6},
			{IndicatorID: pensioners.ID, UnitID: w.khorasan.ID, Period: "1402", Value: 0.3e6},
		}); err != nil {
			t.Fatal(err)
		}
		approveAll(t, db, w.coverage.ID, pensioners.ID)
		for _, tt := range []struct {
			ind             *payesh.Indicator
			own, units, dif float64
		}{{w.coverage, 73, 80, -7}, {pensioners, 6.08e6, 0.3e6, 5.78e6}} {
			s := w.score(t, db, tt.ind, w.org, payesh.BasisApproved)
			if s.Value == nil || *s.Value != tt.own || *s.Own != tt.own || *s.Units != tt.units || math.Abs(*s.Difference()-tt.dif) > 1e-6 {
				t.Fatalf("%s nationally: value %v own %v units %v", tt.ind.Code, deref(s.Value), deref(s.Own), deref(s.Units))
			}
		}
		// Khorasan has no own figure: its number is its value.
		if s := w.score(t, db, w.coverage, w.khorasan, payesh.BasisApproved); *s.Value != 80 || s.Own != nil {
			t.Fatalf("khorasan: %+v", s)
		}
		ex, err := db.Explain(sys, w.coverage.ID, w.org.ID, "1402", payesh.BasisApproved)
		if err != nil || len(ex.Own) != 1 || ex.Own[0].Value != 73 || *ex.Computed != 80 || *ex.Stored != 80 {
			t.Fatalf("explanation: %+v %v", ex, err)
		}
	})
}

// TestRatioRollsUpAsSums: coverage is Σcovered / Σpopulation, not the mean
// of the provinces' percentages.
func TestRatioRollsUpAsSums(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newTrustWorld(t, db)
		mk := func(code string) *payesh.Indicator {
			i := &payesh.Indicator{Code: code, NameFA: code, Measure: "نفر", Direction: payesh.HigherIsBetter, UnitAgg: payesh.AggSum,
				TimeAgg: payesh.AggLast, Frequency: payesh.Yearly, ReportingKinds: []payesh.UnitKind{payesh.UnitProvince}}
			if err := db.CreateIndicator(sys, i); err != nil {
				t.Fatal(err)
			}
			return i
		}
		covered, population := mk("covered"), mk("population")
		// Khorasan 90 of 100 (90 %), Tehran 300 of 1000 (30 %): 390/1100.
		if _, err := db.SaveValues(sys, []payesh.IndicatorValue{
			{IndicatorID: covered.ID, UnitID: w.khorasan.ID, Period: "1402", Value: 90},
			{IndicatorID: population.ID, UnitID: w.khorasan.ID, Period: "1402", Value: 100},
			{IndicatorID: covered.ID, UnitID: w.tehran.ID, Period: "1402", Value: 300},
		}); err != nil {
			t.Fatal(err)
		}
		ratio := mustRatio(t, db, "coverage-ratio", covered, population)
		if ratio.Scale != 100 {
			t.Fatalf("a percentage ratio's scale %v", ratio.Scale)
		}
		approveAll(t, db, covered.ID, population.ID)
		if s := w.score(t, db, ratio, w.khorasan, payesh.BasisApproved); *s.Value != 90 {
			t.Fatalf("Khorasan's coverage %v, want 90", deref(s.Value))
		}
		// Tehran's covered people without its population: no national
		// ratio rather than 390 %.
		if s := w.score(t, db, ratio, w.org, payesh.BasisApproved); s.Value != nil {
			t.Fatalf("a ratio of unmatched sums: %v", *s.Value)
		}
		if ex, err := db.Explain(sys, ratio.ID, w.org.ID, "1402", payesh.BasisApproved); err != nil || ex.Computed != nil || *ex.Numerator != 390 {
			t.Fatalf("explanation of unmatched sums %+v %v", ex, err)
		}
		saved, err := db.SaveValues(sys, []payesh.IndicatorValue{
			{IndicatorID: population.ID, UnitID: w.tehran.ID, Period: "1402", Value: 1000},
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ReviewValues(sys, []int64{saved[0].ID}, payesh.ValueApproved); err != nil {
			t.Fatal(err)
		}
		s := w.score(t, db, ratio, w.org, payesh.BasisApproved)
		if want := 100 * 390.0 / 1100; math.Abs(*s.Value-want) > 1e-9 {
			t.Fatalf("national coverage %v, want %v (not the mean 60)", *s.Value, want)
		}
		ex, err := db.Explain(sys, ratio.ID, w.org.ID, "1402", payesh.BasisApproved)
		if err != nil || *ex.Numerator != 390 || *ex.Denominator != 1100 || math.Abs(*ex.Computed-*s.Value) > 1e-9 {
			t.Fatalf("ratio explanation %+v %v", ex, err)
		}
		// A ratio is computed: a province cannot type it.
		_, err = db.SaveValues(sys, []payesh.IndicatorValue{{IndicatorID: ratio.ID, UnitID: w.tehran.ID, Period: "1402", Value: 30}})
		wantField(t, err, "values.0.unit_id", "err.indicator.ratio_computed")
	})
}

// TestValuesRefused: a future month, 120 % and a value from a unit that
// does not report the indicator are each refused with a field error, and
// the batch leaves nothing behind.
func TestValuesRefused(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newTrustWorld(t, db)
		monthly := &payesh.Indicator{Code: "satisfaction", NameFA: "رضایت", Measure: "درصد", Direction: payesh.HigherIsBetter,
			UnitAgg: payesh.AggAvg, TimeAgg: payesh.AggAvg, Frequency: payesh.Monthly, ReportingKinds: []payesh.UnitKind{payesh.UnitProvince}}
		if err := db.CreateIndicator(sys, monthly); err != nil {
			t.Fatal(err)
		}
		if *monthly.Min != 0 || *monthly.Max != 100 {
			t.Fatalf("a percentage's bounds %v..%v", deref(monthly.Min), deref(monthly.Max))
		}
		ok := payesh.IndicatorValue{IndicatorID: monthly.ID, UnitID: w.khorasan.ID, Period: "1403-05", Value: 70} // fixedNow is 1403-05-10
		for _, tt := range []struct {
			bad          payesh.IndicatorValue
			field, error string
		}{
			{payesh.IndicatorValue{IndicatorID: monthly.ID, UnitID: w.khorasan.ID, Period: "1403-06", Value: 70}, "values.1.period", "err.indicator.future_period"},
			{payesh.IndicatorValue{IndicatorID: monthly.ID, UnitID: w.khorasan.ID, Period: "1403-04", Value: 120}, "values.1.value", "err.indicator.above_max"},
			{payesh.IndicatorValue{IndicatorID: monthly.ID, UnitID: w.khorasan.ID, Period: "1403-04", Value: -1}, "values.1.value", "err.indicator.below_min"},
			{payesh.IndicatorValue{IndicatorID: monthly.ID, UnitID: w.office.ID, Period: "1403-04", Value: 50}, "values.1.unit_id", "err.indicator.not_reporting"},
		} {
			_, err := db.SaveValues(sys, []payesh.IndicatorValue{ok, tt.bad})
			wantField(t, err, tt.field, tt.error)
		}
		if vals, _ := db.FindValues(sys, payesh.ValueFilter{IndicatorID: monthly.ID}); len(vals) != 0 {
			t.Fatalf("refused batches left %d values", len(vals))
		}
		// An indicator with no reporting kinds is the organization's alone.
		debt := &payesh.Indicator{Code: "debt", NameFA: "بدهی", Measure: "ریال", Direction: payesh.LowerIsBetter,
			UnitAgg: payesh.AggSum, TimeAgg: payesh.AggLast, Frequency: payesh.Yearly}
		if err := db.CreateIndicator(sys, debt); err != nil {
			t.Fatal(err)
		}
		_, err := db.SaveValues(sys, []payesh.IndicatorValue{{IndicatorID: debt.ID, UnitID: w.tehran.ID, Period: "1402", Value: 5}})
		wantField(t, err, "values.0.unit_id", "err.indicator.not_reporting")
		if _, err := db.SaveValues(sys, []payesh.IndicatorValue{{IndicatorID: debt.ID, UnitID: w.org.ID, Period: "1402", Value: 3e15}}); err != nil {
			t.Fatal(err)
		}
	})
}

// TestReportingKindsChangeRebuilds: when who reports changes, a value
// that added up becomes its unit's own figure and the numbers follow.
func TestReportingKindsChangeRebuilds(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newTrustWorld(t, db)
		branch := mustUnit(t, db, w.khorasan, payesh.UnitBranch, "mashhad")
		if _, err := db.SaveValues(sys, []payesh.IndicatorValue{
			{IndicatorID: w.coverage.ID, UnitID: w.khorasan.ID, Period: "1402", Value: 80},
		}); err != nil {
			t.Fatal(err)
		}
		approveAll(t, db, w.coverage.ID)
		kinds := []payesh.UnitKind{payesh.UnitBranch}
		if _, err := db.UpdateIndicator(sys, w.coverage.ID, payesh.IndicatorUpdate{ReportingKinds: &kinds, Version: 1}); err != nil {
			t.Fatal(err)
		}
		s := w.score(t, db, w.coverage, w.khorasan, payesh.BasisApproved)
		if s.Own == nil || *s.Own != 80 || s.Units != nil {
			t.Fatalf("khorasan's 80 is now its own figure: %+v", s)
		}
		if s := w.score(t, db, w.coverage, w.org, payesh.BasisApproved); s.Value != nil {
			t.Fatalf("the nation has no branch values yet: %v", *s.Value)
		}
		if _, err := db.SaveValues(sys, []payesh.IndicatorValue{{IndicatorID: w.coverage.ID, UnitID: branch.ID, Period: "1402", Value: 60}}); err != nil {
			t.Fatal(err)
		}
		approveAll(t, db, w.coverage.ID)
		if s := w.score(t, db, w.coverage, w.khorasan, payesh.BasisApproved); *s.Value != 80 || *s.Units != 60 {
			t.Fatalf("khorasan: own %v units %v", deref(s.Own), deref(s.Units))
		}
	})
}

func wantField(t *testing.T, err error, field, key string) {
	t.Helper()
	var e *payesh.Error
	if !errors.As(err, &e) || e.Fields[field] != key {
		t.Fatalf("want %s: %s, got %v", field, key, err)
	}
}

// TestReturnedValuesTellTheirAuthor: values the secretariat returns
// outside a round tell whoever entered them, in the same transaction.
func TestReturnedValuesTellTheirAuthor(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newTrustWorld(t, db)
		_, reporter := mustUser(t, db, w.khorasan, "khorasan-rep", payesh.RoleReporter)
		saved, err := db.SaveValues(reporter, []payesh.IndicatorValue{
			{IndicatorID: w.coverage.ID, UnitID: w.khorasan.ID, Period: "1401", Value: 70},
			{IndicatorID: w.coverage.ID, UnitID: w.khorasan.ID, Period: "1402", Value: 80},
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ReviewValues(sys, []int64{saved[0].ID, saved[1].ID}, payesh.ValueReturned); err != nil {
			t.Fatal(err)
		}
		notes, _, err := db.Notifications(reporter, true, payesh.Page{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var got *payesh.Notification
		for _, n := range notes {
			if n.Kind == payesh.NoteValuesReturned {
				got = n
			}
		}
		if got == nil || got.EntityID != w.khorasan.ID || got.Args["count"] != "2" {
			t.Fatalf("the author's notifications: %+v", notes)
		}
		// Returned values count nowhere, and the unit may correct them.
		if s := w.score(t, db, w.coverage, w.org, payesh.BasisProvisional); s.Value != nil {
			t.Fatalf("a returned value counts: %v", *s.Value)
		}
		if _, err := db.SaveValues(reporter, []payesh.IndicatorValue{{IndicatorID: w.coverage.ID, UnitID: w.khorasan.ID, Period: "1402", Value: 81, Version: 2}}); err != nil {
			t.Fatal(err)
		}
	})
}
