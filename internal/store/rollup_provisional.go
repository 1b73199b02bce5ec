package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"

	"payesh"
	"payesh/internal/jalali"
)

// provisionalRollups computes an indicator's numbers for units over the
// periods from..to on the provisional basis, from the stored base rows of
// approved and submitted values combined: per base period their sums and
// counts add (an average is Σ/count of both), then the time rule makes
// quarters and years, and a ratio divides its inputs' combined sums under
// ratioRows's rule. A unit's own figure, where it has one, is its number.
func (db *DB) provisionalRollups(ctx context.Context, ind *payesh.Indicator, unitIDs []int64, from, to jalali.Period) ([]payesh.Rollup, error) {
	units, own, err := db.provisionalNumbers(ctx, ind, unitIDs, from, to)
	if err != nil {
		return nil, err
	}
	for k, r := range own {
		units[k] = r
	}
	return sortedRollups(units), nil
}

// provisionalNumbers returns the units' numbers and the own figures apart.
func (db *DB) provisionalNumbers(ctx context.Context, ind *payesh.Indicator, unitIDs []int64, from, to jalali.Period) (units, own map[seriesKey]payesh.Rollup, err error) {
	if own, err = db.provisionalSeries(ctx, ind, unitIDs, from, to, true); err != nil {
		return nil, nil, err
	}
	if ind.IsRatio() {
		units, err = db.provisionalRatio(ctx, ind, unitIDs, from, to)
	} else {
		units, err = db.provisionalSeries(ctx, ind, unitIDs, from, to, false)
	}
	return units, own, err
}

type seriesKey struct {
	unit   int64
	period jalali.Period
}

// provisionalSeries combines the approved and submitted base rows of the
// units' values (own false) or own figures (own true) and folds them into
// the periods from..to.
func (db *DB) provisionalSeries(ctx context.Context, ind *payesh.Indicator, unitIDs []int64, from, to jalali.Period, own bool) (map[seriesKey]payesh.Rollup, error) {
	base, _ := ind.Frequency.Granularity()
	first, _ := spanOf(from, base)
	_, last := spanOf(to, base)
	w := &where{}
	w.add("indicator_id = ?", ind.ID)
	w.add("layer IN (?, ?)", layerOf(payesh.BasisApproved, own), layerOf(payesh.BasisProvisional, own))
	w.add("gran = ? AND period BETWEEN ? AND ? AND cnt > 0", int(base), first, last)
	if len(unitIDs) > 0 {
		w.add("unit_id IN "+inList(len(unitIDs)), anySlice(unitIDs)...)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT unit_id, period, sum, cnt FROM indicator_rollups`+w.String(), w.args...)
	if err != nil {
		return nil, err
	}
	type cell struct {
		unit    int64
		code, n int
		sum     float64
	}
	list, err := scanAll(rows, func(r *sql.Rows) (cell, error) {
		var c cell
		return c, r.Scan(&c.unit, &c.code, &c.sum, &c.n)
	})
	if err != nil {
		return nil, err
	}
	cells := map[int64]map[int]cell{}
	for _, c := range list {
		if cells[c.unit] == nil {
			cells[c.unit] = map[int]cell{}
		}
		sum := cells[c.unit][c.code]
		sum.sum, sum.n = sum.sum+c.sum, sum.n+c.n
		cells[c.unit][c.code] = sum
	}
	out := map[seriesKey]payesh.Rollup{}
	for unit, byCode := range cells {
		for p := from; ; p = p.Next() {
			lo, hi := spanOf(p, base)
			var vals []float64
			count := 0
			for code := lo; code <= hi; code++ {
				c, ok := byCode[code]
				if !ok {
					continue
				}
				v := c.sum
				if ind.UnitAgg == payesh.AggAvg && !own {
					v = c.sum / float64(c.n)
				}
				vals, count = append(vals, v), count+c.n
			}
			if len(vals) > 0 {
				out[seriesKey{unit, p}] = payesh.Rollup{IndicatorID: ind.ID, UnitID: unit, Period: p.String(),
					Value: combineTime(ind.TimeAgg, vals), Count: count, Own: own, Basis: payesh.BasisProvisional}
			}
			if p == to {
				break
			}
		}
	}
	return out, nil
}

// provisionalRatio divides a ratio's inputs' provisional numbers: Σ of
// as many values each, a denominator not zero (ratioRows).
func (db *DB) provisionalRatio(ctx context.Context, r *payesh.Indicator, unitIDs []int64, from, to jalali.Period) (map[seriesKey]payesh.Rollup, error) {
	in := map[int64]map[seriesKey]payesh.Rollup{}
	for _, id := range []int64{*r.NumeratorID, *r.DenominatorID} {
		ind, err := db.findIndicator(ctx, db.db, id)
		if err != nil {
			return nil, err
		}
		if in[id], err = db.provisionalSeries(ctx, ind, unitIDs, from, to, false); err != nil {
			return nil, err
		}
	}
	out := map[seriesKey]payesh.Rollup{}
	for k, n := range in[*r.NumeratorID] {
		d, ok := in[*r.DenominatorID][k]
		if !ok || d.Count != n.Count || d.Value == 0 {
			continue
		}
		out[k] = payesh.Rollup{IndicatorID: r.ID, UnitID: k.unit, Period: n.Period, Value: r.Scale * n.Value / d.Value,
			Count: d.Count, Basis: payesh.BasisProvisional}
	}
	return out, nil
}

// sortedRollups lists rollups by unit, then period, as FindRollups does.
func sortedRollups(m map[seriesKey]payesh.Rollup) []payesh.Rollup {
	keys := make([]seriesKey, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b seriesKey) int {
		if a.unit != b.unit {
			return cmp.Compare(a.unit, b.unit)
		}
		return cmp.Compare(keyOf(a.period).code, keyOf(b.period).code)
	})
	out := make([]payesh.Rollup, len(keys))
	for n, k := range keys {
		out[n] = m[k]
	}
	return out
}
