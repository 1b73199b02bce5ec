package bench

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"payesh"
	"payesh/internal/jalali"
	"payesh/internal/store"
)

// Dataset is what Generate made, for the questions to ask of it.
type Dataset struct {
	Root       *payesh.OrgUnit
	Provinces  []int64
	Counties   []int64 // in province order
	Leaves     []int64
	Axes       []int64   // the nine top-level clauses
	ByAxis     [][]int64 // indicator ids per axis
	Indicators []*payesh.Indicator
	Took       time.Duration
	// Saved holds each measured run's grid, approved in the next step.
	Saved map[int][]int64
}

// Generate builds the data set into an empty database, reporting progress
// to log.
func Generate(ctx context.Context, db *store.DB, c Config, log io.Writer) (*Dataset, error) {
	start := time.Now()
	ctx = payesh.WithUser(ctx, payesh.System)
	rng := rand.New(rand.NewPCG(c.Seed, 7))
	d := &Dataset{Saved: map[int][]int64{}}
	if err := d.makeTree(ctx, db, c); err != nil {
		return nil, err
	}
	if err := d.makeIndicators(ctx, db, c, rng); err != nil {
		return nil, err
	}
	for n, ind := range d.Indicators {
		if err := db.LoadBulk(ctx, ind.ID, d.values(c, rng)); err != nil {
			return nil, fmt.Errorf("indicator %s: %w", ind.Code, err)
		}
		if (n+1)%50 == 0 || n+1 == len(d.Indicators) {
			fmt.Fprintf(log, "  %d/%d indicators loaded (%s)\n", n+1, len(d.Indicators), time.Since(start).Round(time.Second))
		}
	}
	d.Took = time.Since(start)
	return d, nil
}

func (d *Dataset) makeTree(ctx context.Context, db *store.DB, c Config) error {
	add := func(parent *int64, kind payesh.UnitKind, code string) (*payesh.OrgUnit, error) {
		u := &payesh.OrgUnit{ParentID: parent, Kind: kind, Code: code, NameFA: "واحد " + code}
		return u, db.CreateOrgUnit(ctx, u)
	}
	root, err := add(nil, payesh.UnitOrganization, "root")
	if err != nil {
		return err
	}
	d.Root = root
	for p := range c.Provinces {
		prov, err := add(&root.ID, payesh.UnitProvince, fmt.Sprintf("p%d", p))
		if err != nil {
			return err
		}
		d.Provinces = append(d.Provinces, prov.ID)
		for k := range c.CountiesPer {
			county, err := add(&prov.ID, payesh.UnitBranch, fmt.Sprintf("p%d-c%d", p, k))
			if err != nil {
				return err
			}
			d.Counties = append(d.Counties, county.ID)
			for b := range c.BranchesPer {
				leaf, err := add(&county.ID, payesh.UnitBranch, fmt.Sprintf("p%d-c%d-b%d", p, k, b))
				if err != nil {
					return err
				}
				d.Leaves = append(d.Leaves, leaf.ID)
			}
		}
	}
	return nil
}

// makeIndicators creates the nine-axis document and the indicators, with
// a mix of aggregation rules and a target for the last year.
func (d *Dataset) makeIndicators(ctx context.Context, db *store.DB, c Config, rng *rand.Rand) error {
	doc := &payesh.Document{Code: "bench", Kind: payesh.DocPolicy, TitleFA: "سند آزمون سرعت"}
	if err := db.CreateDocument(ctx, doc); err != nil {
		return err
	}
	for n := 1; n <= 9; n++ {
		cl := &payesh.Clause{DocumentID: doc.ID, Number: fmt.Sprint(n), Ordinal: n, TitleFA: fmt.Sprintf("محور %d", n)}
		if err := db.CreateClause(ctx, cl); err != nil {
			return err
		}
		d.Axes = append(d.Axes, cl.ID)
	}
	d.ByAxis = make([][]int64, 9)
	unitAggs := []payesh.Aggregation{payesh.AggSum, payesh.AggSum, payesh.AggAvg}
	timeAggs := []payesh.Aggregation{payesh.AggSum, payesh.AggLast, payesh.AggAvg}
	for n := range c.Indicators {
		axis := n % 9
		ind := &payesh.Indicator{Code: fmt.Sprintf("ind-%03d", n), NameFA: fmt.Sprintf("شاخص %d", n),
			Direction: payesh.HigherIsBetter, UnitAgg: unitAggs[rng.IntN(3)], TimeAgg: timeAggs[rng.IntN(3)],
			Frequency: payesh.Monthly, ClauseIDs: []int64{d.Axes[axis]}, ReportingKinds: []payesh.UnitKind{payesh.UnitBranch}}
		if err := db.CreateIndicator(ctx, ind); err != nil {
			return err
		}
		target := []payesh.Target{{UnitID: d.Root.ID, Period: fmt.Sprint(c.LastYear), Value: float64(1000 + rng.IntN(100000))}}
		if err := db.SetTargets(ctx, ind.ID, target); err != nil {
			return err
		}
		d.Indicators = append(d.Indicators, ind)
		d.ByAxis[axis] = append(d.ByAxis[axis], ind.ID)
	}
	return nil
}

// values draws one indicator's reporters and their monthly values, in
// (unit, period) order so the indexes fill by appending.
func (d *Dataset) values(c Config, rng *rand.Rand) []store.BulkValue {
	perm := rng.Perm(len(d.Leaves))[:min(c.Reporters, len(d.Leaves))]
	out := make([]store.BulkValue, 0, len(perm)*c.Years*12)
	for _, i := range perm {
		for y := c.LastYear - c.Years + 1; y <= c.LastYear; y++ {
			for m := 1; m <= 12; m++ {
				p := jalali.Period{Gran: jalali.Month, Year: y, N: m}
				out = append(out, store.BulkValue{UnitID: d.Leaves[i], Period: p, Value: float64(rng.IntN(10000))})
			}
		}
	}
	return out
}
