package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/jalali"
)

// SaveValues upserts reported values — a unit's grid — and brings the
// roll-ups of every ancestor unit and every longer period up to date, in
// one transaction: a dashboard read after SaveValues returns is never
// stale. An approved value is locked. Each value carries the version its
// author saw (0 for a cell that was empty): a cell someone else saved
// meanwhile is a conflict naming that cell, so no one overwrites a value
// they never saw, whether through the grid or the API.
func (db *DB) SaveValues(ctx context.Context, values []payesh.IndicatorValue) ([]*payesh.IndicatorValue, error) {
	if err := payesh.ValidateValues(values); err != nil {
		return nil, err
	}
	var saved []*payesh.IndicatorValue
	err := db.write(ctx, func(tx *Tx) (err error) {
		saved, err = tx.saveValues(values)
		return err
	})
	return saved, err
}

type rollupKey struct {
	indicator, unit int64
	layer           int
	key             periodKey
}

type delta struct {
	sum float64
	cnt int
}

// rollupBatch gathers the changes of one transaction so that each
// roll-up row is written once however many values touch it.
type rollupBatch struct {
	tx         *Tx
	deltas     map[rollupKey]*delta
	indicators map[int64]*payesh.Indicator
	// ratios are the ratio indicators computed from each indicator.
	ratios map[int64][]*payesh.Indicator
}

func (b *rollupBatch) indicator(id int64) (*payesh.Indicator, error) {
	if i, ok := b.indicators[id]; ok {
		return i, nil
	}
	i, err := b.tx.db.findIndicator(b.tx.ctx, b.tx, id)
	if err != nil {
		return nil, err
	}
	b.indicators[id] = i
	return i, nil
}

// ancestors returns the ids on a materialized path, root first.
func ancestors(path string) []int64 {
	var ids []int64
	for _, s := range strings.Split(strings.Trim(path, "/"), "/") {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// apply writes the base-period roll-ups — a few multi-row upserts however
// many rows a grid touches — then recomputes each longer period of each
// touched unit once, then the ratios computed from what changed.
func (b *rollupBatch) apply() error {
	byAgg := map[payesh.Aggregation][]rollupKey{}
	coarse := map[rollupKey]bool{}
	for k := range b.deltas {
		agg := b.indicators[k.indicator].UnitAgg
		if isOwnLayer(k.layer) {
			agg = payesh.AggSum // one unit's own figure: its value
		}
		byAgg[agg] = append(byAgg[agg], k)
		if !storesLonger(k.layer) {
			continue
		}
		p := k.key.period()
		for parent, ok := p.Parent(); ok; parent, ok = parent.Parent() {
			coarse[rollupKey{k.indicator, k.unit, k.layer, keyOf(parent)}] = true
		}
	}
	for agg, keys := range byAgg {
		if err := b.tx.addToRollups(keys, b.deltas, agg); err != nil {
			return err
		}
	}
	// One statement per indicator, layer and longer period, for all the
	// units whose row of it changed: a grid touches four ancestors.
	units := map[rollupKey][]int64{}
	for k := range coarse {
		g := rollupKey{indicator: k.indicator, layer: k.layer, key: k.key}
		units[g] = append(units[g], k.unit)
	}
	for g, ids := range units {
		if err := b.tx.recomputeCoarse(g, ids, b.indicators[g.indicator]); err != nil {
			return err
		}
	}
	return b.applyRatios(coarse)
}

// addToRollups adds deltas to base-period rows of indicators that share
// a unit rule: a new row's value is computed here, an existing row's from
// its merged sum (and count, for an average).
func (tx *Tx) addToRollups(keys []rollupKey, deltas map[rollupKey]*delta, unitAgg payesh.Aggregation) error {
	merged := `indicator_rollups.sum + excluded.sum`
	if unitAgg == payesh.AggAvg {
		merged = `CASE WHEN indicator_rollups.cnt + excluded.cnt = 0 THEN 0
			ELSE (indicator_rollups.sum + excluded.sum) / (indicator_rollups.cnt + excluded.cnt) END`
	}
	return tx.insertMany(`INSERT INTO indicator_rollups (indicator_id, unit_id, layer, gran, period, sum, cnt, value) VALUES `,
		` ON CONFLICT (indicator_id, unit_id, layer, gran, period)
		DO UPDATE SET sum = indicator_rollups.sum + excluded.sum, cnt = indicator_rollups.cnt + excluded.cnt, value = `+merged,
		8, len(keys), func(i int) []any {
			k, d := keys[i], deltas[keys[i]]
			value := d.sum
			if unitAgg == payesh.AggAvg && d.cnt > 0 {
				value = d.sum / float64(d.cnt)
			}
			return []any{k.indicator, k.unit, k.layer, k.key.gran, k.key.code, d.sum, d.cnt, value}
		})
}

// recomputeCoarse rebuilds a quarter or year row (g, its unit unset) of
// each of units from their base rows by the indicator's time rule, in one
// statement. A period whose base rows all lost their values (a unit moved
// away, a value returned) keeps a row with count 0, which every reader
// skips.
func (tx *Tx) recomputeCoarse(g rollupKey, units []int64, ind *payesh.Indicator) error {
	base, _ := ind.Frequency.Granularity()
	first, last := spanOf(g.key.period(), base)
	const match = `b.indicator_id = $1 AND b.unit_id = u.id AND b.layer = $2 AND b.gran = $5
		AND b.period BETWEEN $6 AND $7 AND b.cnt > 0`
	value := map[payesh.Aggregation]string{
		payesh.AggSum: `SUM(b.value)`,
		payesh.AggAvg: `AVG(b.value)`,
		payesh.AggLast: `(SELECT l.value FROM indicator_rollups l WHERE ` + strings.ReplaceAll(match, "b.", "l.") +
			` ORDER BY l.period DESC LIMIT 1)`,
	}[ind.TimeAgg]
	// $1..$7 are named in the statement; the unit list is numbered after.
	w := &where{args: []any{g.indicator, g.layer, g.key.gran, g.key.code, int(base), first, last}}
	w.add("u.id IN "+inList(len(units)), anySlice(units)...)
	_, err := tx.ExecContext(tx.ctx, `INSERT INTO indicator_rollups (indicator_id, unit_id, layer, gran, period, sum, cnt, value)
		SELECT CAST($1 AS BIGINT), u.id, CAST($2 AS INTEGER), CAST($3 AS INTEGER), CAST($4 AS INTEGER),
			COALESCE(SUM(b.value), 0), COALESCE(SUM(b.cnt), 0), COALESCE(`+value+`, 0)
		FROM org_units u LEFT JOIN indicator_rollups b ON `+match+`
		WHERE `+w.conds[0]+`
		GROUP BY u.id
		ON CONFLICT (indicator_id, unit_id, layer, gran, period)
		DO UPDATE SET sum = excluded.sum, cnt = excluded.cnt, value = excluded.value`, w.args...)
	return err
}

// combineTime applies a time rule to values in period order.
func combineTime(a payesh.Aggregation, vals []float64) float64 {
	switch {
	case len(vals) == 0:
		return 0
	case a == payesh.AggLast:
		return vals[len(vals)-1]
	case a == payesh.AggAvg:
		return sumOf(vals) / float64(len(vals))
	}
	return sumOf(vals)
}

func sumOf(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s
}

// FindRollups returns an indicator's numbers for units over the periods
// of one granularity from..to (inclusive) on basis b: a unit's own
// official figure where it stated one, else the roll-up of its units.
// Units or periods with no data are absent.
//
// The user must read the indicator (not found otherwise); asked for the
// provisional basis on units the user may not read so, it answers on the
// approved one, and each number says so (payesh.ReadScope).
func (db *DB) FindRollups(ctx context.Context, indicatorID int64, unitIDs []int64, from, to jalali.Period, b payesh.Basis) ([]payesh.Rollup, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	if from.Gran != to.Gran {
		return nil, payesh.Invalid(map[string]string{"to": "err.period"})
	}
	if err := db.requireIndicator(ctx, s, indicatorID); err != nil {
		return nil, err
	}
	b = s.basisAt(b, unitIDs...)
	if b == payesh.BasisProvisional {
		ind, err := db.findIndicator(ctx, db.db, indicatorID)
		if err != nil {
			return nil, err
		}
		return db.provisionalRollups(ctx, ind, unitIDs, from, to)
	}
	w := &where{}
	w.add("indicator_id = ?", indicatorID)
	w.add("layer IN (?, ?)", layerUnitsApproved, layerOwnApproved)
	w.add("gran = ?", int(from.Gran))
	w.add("period BETWEEN ? AND ?", keyOf(from).code, keyOf(to).code)
	w.add("cnt > 0")
	if len(unitIDs) > 0 {
		w.add("unit_id IN "+inList(len(unitIDs)), anySlice(unitIDs)...)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT unit_id, layer, gran, period, value, cnt FROM indicator_rollups`+w.String()+
		` ORDER BY unit_id, period, layer`, w.args...)
	if err != nil {
		return nil, err
	}
	all, err := scanAll(rows, func(r *sql.Rows) (payesh.Rollup, error) {
		ru := payesh.Rollup{IndicatorID: indicatorID, Basis: b}
		var k periodKey
		var layer int
		err := r.Scan(&ru.UnitID, &layer, &k.gran, &k.code, &ru.Value, &ru.Count)
		ru.Period, ru.Own = k.period().String(), isOwnLayer(layer)
		return ru, err
	})
	if err != nil {
		return nil, err
	}
	return ownFirst(all), nil
}

// ownFirst keeps one number per unit and period of rows ordered by unit,
// period and layer: the own figure where there is one.
func ownFirst(rows []payesh.Rollup) []payesh.Rollup {
	out := rows[:0]
	for _, r := range rows {
		if n := len(out); n > 0 && out[n-1].UnitID == r.UnitID && out[n-1].Period == r.Period {
			out[n-1] = r // the own layer sorts after the units'
			continue
		}
		out = append(out, r)
	}
	return out
}
