package bench

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"payesh"
	"payesh/internal/jalali"
	"payesh/internal/store"
)

// Timing is the spread of one question's repeated runs.
type Timing struct {
	Name     string
	Runs     int
	P50, P95 time.Duration
	Target   string // the goal the issue sets, for the table
}

// timeRuns runs q n times and returns its p50 and p95; q gets the run
// number so each run can ask a slightly different question.
func timeRuns(name, target string, n int, q func(run int) error) (Timing, error) {
	ds := make([]time.Duration, n)
	for i := range n {
		start := time.Now()
		if err := q(i); err != nil {
			return Timing{}, fmt.Errorf("%s: %w", name, err)
		}
		ds[i] = time.Since(start)
	}
	slices.Sort(ds)
	return Timing{Name: name, Runs: n, P50: ds[n/2], P95: ds[(n*95+99)/100-1], Target: target}, nil
}

// Result is everything a bench run measured.
type Result struct {
	Config   Config
	Engine   string
	Generate time.Duration
	Timings  []Timing
	Checked  int // answers compared between the stored roll-ups and the raw values
}

// Measure asks the questions of the data set, fast and naive, and checks
// that both give the same numbers.
func Measure(ctx context.Context, db *store.DB, d *Dataset, c Config) (*Result, error) {
	ctx = payesh.WithUser(ctx, payesh.System)
	// As a server does on start and hourly: the planner's statistics of
	// the freshly loaded data.
	if err := db.Optimize(ctx); err != nil {
		return nil, err
	}
	r := &Result{Config: c, Engine: db.Engine(), Generate: d.Took}
	year := jalali.Period{Gran: jalali.Year, Year: c.LastYear}
	first := jalali.Period{Gran: jalali.Month, Year: c.LastYear - min(c.Years, 5) + 1, N: 1}
	last := jalali.Period{Gran: jalali.Month, Year: c.LastYear, N: 12}
	naive := naiveQueries{db: db.SQL(), root: d.Root, c: c}
	steps := []struct {
		name, target string
		q            func(int) error
	}{
		{"1. national scorecard (one axis, year)", "p95 < 100 ms", func(i int) error {
			_, err := db.FindScorecard(ctx, d.Axes[i%9], d.Root.ID, year.String(), payesh.BasisApproved)
			return err
		}},
		{"   naive, from raw values", "", func(i int) error {
			_, err := naive.scorecard(ctx, d.indicatorsOf(i%9), year)
			return err
		}},
		{"2. one indicator by province, 5 years", "p95 < 100 ms", func(i int) error {
			_, err := db.FindRollups(ctx, d.Indicators[i%len(d.Indicators)].ID, d.Provinces, first, last, payesh.BasisApproved)
			return err
		}},
		{"   naive, from raw values", "", func(i int) error {
			_, err := naive.byProvince(ctx, d.Indicators[i%len(d.Indicators)], d.Provinces, first, last)
			return err
		}},
		{"3. save one unit's grid of 50 values", "p95 < 50 ms", func(i int) error {
			// As the grid does: read what the cells hold, then save
			// against those versions.
			grid, err := d.grid(ctx, db, c, i)
			if err != nil {
				return err
			}
			saved, err := db.SaveValues(ctx, grid)
			for _, v := range saved {
				d.Saved[i] = append(d.Saved[i], v.ID)
			}
			return err
		}},
		{"   approve that grid: 50 values into every roll-up", "p95 < 50 ms", func(i int) error {
			_, err := db.ReviewValues(ctx, d.Saved[i], payesh.ValueApproved)
			return err
		}},
	}
	for _, s := range steps {
		t, err := timeRuns(s.name, s.target, c.Runs, s.q)
		if err != nil {
			return nil, err
		}
		r.Timings = append(r.Timings, t)
	}
	// An admin's rare write, timed because it rebuilds the roll-ups of
	// both provinces and counties from their raw values while every value
	// save waits. Four runs: there and back, twice.
	move, err := timeRuns("4. move a branch to another province", "no goal set", 4, func(i int) error {
		return d.moveBranch(ctx, db, c, i)
	})
	if err != nil {
		return nil, err
	}
	r.Timings = append(r.Timings, move)
	n, err := check(ctx, db, d, naive, year, first, last)
	r.Checked = n
	if err != nil {
		return r, err
	}
	// The year the grids were saved into and approved.
	next := jalali.Period{Gran: jalali.Year, Year: c.LastYear + 1}
	k, err := check(ctx, db, d, naive, next, jalali.Period{Gran: jalali.Month, Year: next.Year, N: 1}, jalali.Period{Gran: jalali.Month, Year: next.Year, N: 12})
	r.Checked += k
	return r, err
}

// indicatorsOf returns the indicators of an axis.
func (d *Dataset) indicatorsOf(axis int) []*payesh.Indicator {
	var out []*payesh.Indicator
	for _, ind := range d.Indicators {
		if slices.Contains(d.ByAxis[axis], ind.ID) {
			out = append(out, ind)
		}
	}
	return out
}

// grid is the run's 50 values: one leaf, five indicators, ten months of
// the year after the data set's (its approved history is locked), each
// with the version of what the cell holds now.
func (d *Dataset) grid(ctx context.Context, db *store.DB, c Config, run int) ([]payesh.IndicatorValue, error) {
	leaf := d.Leaves[(run*7)%len(d.Leaves)]
	year := c.LastYear + 1
	from, to := jalali.Period{Gran: jalali.Month, Year: year, N: 1}, jalali.Period{Gran: jalali.Month, Year: year, N: 10}
	vals := make([]payesh.IndicatorValue, 0, 50)
	for k := range 5 {
		ind := d.Indicators[(run*5+k)%len(d.Indicators)]
		saved, err := db.FindValues(ctx, payesh.ValueFilter{IndicatorID: ind.ID, UnitID: leaf, From: from.String(), To: to.String()})
		if err != nil {
			return nil, err
		}
		versions := map[string]int{}
		for _, v := range saved {
			versions[fmt.Sprint(v.IndicatorID, v.Period)] = v.Version
		}
		for m := 1; m <= 10; m++ {
			p := jalali.Period{Gran: jalali.Month, Year: year, N: m}
			vals = append(vals, payesh.IndicatorValue{IndicatorID: ind.ID, UnitID: leaf, Period: p.String(),
				Value: float64(run*100 + m), Version: versions[fmt.Sprint(ind.ID, p.String())]})
		}
	}
	return vals, nil
}

// moveBranch moves the first branch of the first province to the first
// county of the second province on even runs, and back on odd ones.
func (d *Dataset) moveBranch(ctx context.Context, db *store.DB, c Config, run int) error {
	to := d.Counties[c.CountiesPer]
	if run%2 == 1 {
		to = d.Counties[0]
	}
	u, err := db.FindOrgUnitByID(ctx, d.Leaves[0])
	if err != nil {
		return err
	}
	_, err = db.UpdateOrgUnit(ctx, u.ID, payesh.OrgUnitUpdate{ParentID: &to, Version: u.Version})
	return err
}

// check compares every national scorecard value and every province trend
// point with the naive computation, after the grid writes above: roll-ups
// must be current after a write returns.
func check(ctx context.Context, db *store.DB, d *Dataset, naive naiveQueries, year, first, last jalali.Period) (int, error) {
	n := 0
	for axis := range 9 {
		card, err := db.FindScorecard(ctx, d.Axes[axis], d.Root.ID, year.String(), payesh.BasisApproved)
		if err != nil {
			return n, err
		}
		want, err := naive.scorecard(ctx, d.indicatorsOf(axis), year)
		if err != nil {
			return n, err
		}
		for _, s := range card {
			if err := same(s.Value, want[s.Indicator.ID], "scorecard "+s.Indicator.Code); err != nil {
				return n, err
			}
			n++
		}
	}
	for _, ind := range d.Indicators[:min(len(d.Indicators), 10)] {
		fast, err := db.FindRollups(ctx, ind.ID, d.Provinces, first, last, payesh.BasisApproved)
		if err != nil {
			return n, err
		}
		want, err := naive.byProvince(ctx, ind, d.Provinces, first, last)
		if err != nil {
			return n, err
		}
		if len(fast) != len(want) {
			return n, fmt.Errorf("%s by province: %d stored points, %d naive", ind.Code, len(fast), len(want))
		}
		for _, f := range fast {
			v := want[fmt.Sprint(f.UnitID, f.Period)]
			if err := same(&f.Value, v, fmt.Sprintf("%s unit %d %s", ind.Code, f.UnitID, f.Period)); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

func same(got, want *float64, what string) error {
	switch {
	case got == nil && want == nil:
		return nil
	case got == nil || want == nil:
		return fmt.Errorf("%s: stored %v, naive %v", what, got, want)
	case math.Abs(*got-*want) > 1e-6*math.Max(1, math.Abs(*want)):
		return fmt.Errorf("%s: stored %v, naive %v", what, *got, *want)
	}
	return nil
}
