package store

import (
	"context"
	"database/sql"
	"fmt"
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

// saveValues holds the org tree (shared: unit paths stay as read) and
// every indicator of the batch with the ratios computed from them, so the
// values and roll-ups it reads are the committed ones and stay so until
// it commits.
func (tx *Tx) saveValues(values []payesh.IndicatorValue) ([]*payesh.IndicatorValue, error) {
	ids := make([]int64, len(values))
	for i, v := range values {
		ids[i] = v.IndicatorID
	}
	if err := tx.lockOrg(false); err != nil {
		return nil, err
	}
	r, err := tx.newRollupBatch(ids)
	if err != nil {
		return nil, err
	}
	today := jalali.FromTime(tx.now.In(payesh.Tehran))
	saved := make([]*payesh.IndicatorValue, 0, len(values))
	for n, v := range values {
		sv, err := r.save(n, v, today)
		if err != nil {
			return nil, err
		}
		saved = append(saved, sv)
	}
	return saved, r.apply()
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
	// locked are the indicators the batch was made for and holds.
	locked []int64
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

// save checks and writes one value and records how it changes the
// roll-ups. A value is refused from a unit that neither reports the
// indicator nor may state its own figure, outside the indicator's bounds,
// or for a period after the current one.
func (b *rollupBatch) save(n int, v payesh.IndicatorValue, today jalali.Date) (*payesh.IndicatorValue, error) {
	field := func(name string) string { return fmt.Sprintf("values.%d.%s", n, name) }
	ind, err := b.indicator(v.IndicatorID)
	if payesh.ErrorCode(err) == payesh.ENOTFOUND {
		return nil, payesh.Invalid(map[string]string{field("indicator_id"): "err.unknown_ref"})
	} else if err != nil {
		return nil, err
	}
	p, err := parsePeriodField(v.Period, field("period"))
	if err != nil {
		return nil, err
	}
	if g, _ := ind.Frequency.Granularity(); p.Gran != g {
		return nil, payesh.Invalid(map[string]string{field("period"): "err.indicator.period_frequency"})
	}
	if p.First().After(today) {
		return nil, payesh.Invalid(map[string]string{field("period"): "err.indicator.future_period"})
	}
	if key := ind.CheckBounds(v.Value); key != "" {
		return nil, payesh.Invalid(map[string]string{field("value"): key})
	}
	unit, err := b.tx.unitOf(v.UnitID)
	if payesh.ErrorCode(err) == payesh.ENOTFOUND {
		return nil, payesh.Invalid(map[string]string{field("unit_id"): "err.unknown_ref"})
	} else if err != nil {
		return nil, err
	}
	own, err := reportsAs(ind, unit.Kind, field("unit_id"))
	if err != nil {
		return nil, err
	}
	if err := b.tx.requireEditWork(v.UnitID); err != nil {
		return nil, err
	}
	v.Normalize()
	v.Period = p.String()
	c, err := b.tx.upsertValue(n, &v, own, keyOf(p))
	if err != nil {
		return nil, err
	}
	c.unit, c.path = v.UnitID, unit.Path
	b.record(v.IndicatorID, c)
	return &v, nil
}

// reportsAs says whether a unit of kind k sends a value that adds up
// (own false) or its own figure (own true), or refuses it.
func reportsAs(ind *payesh.Indicator, k payesh.UnitKind, field string) (own bool, err error) {
	switch {
	case ind.Reports(k):
		return false, nil
	case ind.OwnFigureFrom(k):
		return true, nil
	case ind.IsRatio():
		return false, payesh.Invalid(map[string]string{field: "err.indicator.ratio_computed"})
	}
	return false, payesh.Invalid(map[string]string{field: "err.indicator.not_reporting"})
}

// upsertValue inserts or updates the stored value as a draft and returns
// how the roll-ups change: a submitted value edited again leaves the
// provisional numbers until it is submitted anew. n is the value's place
// in the batch, for the conflict's field.
func (tx *Tx) upsertValue(n int, v *payesh.IndicatorValue, own bool, k periodKey) (valueChange, error) {
	c := valueChange{key: k}
	cur, err := scanValue(tx.QueryRowContext(tx.ctx, `SELECT `+valueColumns+`, v.own FROM indicator_values v
		WHERE v.indicator_id = $1 AND v.unit_id = $2 AND v.gran = $3 AND v.period = $4`+tx.forUpdate(),
		v.IndicatorID, v.UnitID, k.gran, k.code), &c.oldOwn)
	if err == sql.ErrNoRows {
		cur, err = nil, nil
	} else if err != nil {
		return c, err
	}
	if err := checkValueVersion(n, v.Version, cur); err != nil {
		return c, err
	}
	v.State, v.UpdatedAt = payesh.ValueDraft, tx.now
	if tx.actor.ID != 0 {
		v.AuthorID = &tx.actor.ID
	}
	c.newValue, c.newLayers = v.Value, layersOf(v.State, own)
	if cur == nil {
		v.Version = 1
		err = tx.QueryRowContext(tx.ctx, `INSERT INTO indicator_values
			(indicator_id, unit_id, gran, period, value, note, evidence, state, author_id, updated_at, own)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
			v.IndicatorID, v.UnitID, k.gran, k.code, v.Value, v.Note, v.Evidence, v.State, v.AuthorID, tx.now, boolInt(own)).Scan(&v.ID)
		if err != nil {
			return c, err
		}
		return c, tx.audit("indicator_value", v.ID, payesh.ActionCreate, nil, v)
	}
	c.oldValue, c.oldLayers = cur.Value, layersOf(cur.State, c.oldOwn)
	v.ID, v.Version = cur.ID, cur.Version+1
	if _, err := tx.ExecContext(tx.ctx, `UPDATE indicator_values SET value = $1, note = $2, evidence = $3, state = $4,
		author_id = $5, updated_at = $6, version = version + 1, own = $7 WHERE id = $8`,
		v.Value, v.Note, v.Evidence, v.State, v.AuthorID, tx.now, boolInt(own), cur.ID); err != nil {
		return c, err
	}
	return c, tx.audit("indicator_value", cur.ID, payesh.ActionUpdate, map[string]any{"value": cur.Value, "state": cur.State}, v)
}

// unitOf reads the kind and path of a unit a value is saved for.
func (tx *Tx) unitOf(id int64) (*payesh.OrgUnit, error) {
	u := &payesh.OrgUnit{ID: id}
	err := tx.QueryRowContext(tx.ctx, `SELECT kind, path FROM org_units WHERE id = $1`, id).Scan(&u.Kind, &u.Path)
	return u, notFoundIfNoRows(err, "org_unit")
}

// checkValueVersion refuses to write over a value its author did not
// see: an approved one, or one saved since the author read the cell
// (version 0 says the cell was empty).
func checkValueVersion(n int, seen int, cur *payesh.IndicatorValue) error {
	field := fmt.Sprintf("values.%d.version", n)
	switch {
	case cur != nil && cur.State == payesh.ValueApproved:
		return &payesh.Error{Code: payesh.ECONFLICT, Message: "err.indicator.value_locked",
			Fields: map[string]string{field: "err.indicator.value_locked"}, Current: cur}
	case cur == nil && seen != 0, cur != nil && cur.Version != seen:
		return &payesh.Error{Code: payesh.ECONFLICT, Message: "err.indicator.value_changed",
			Fields: map[string]string{field: "err.indicator.value_changed"}, Current: cur}
	}
	return nil
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
	w := &where{}
	w.add("", g.indicator, g.layer, g.key.gran, g.key.code, int(base), first, last)
	w.add("u.id IN "+inList(len(units)), anySlice(units)...)
	_, err := tx.ExecContext(tx.ctx, `INSERT INTO indicator_rollups (indicator_id, unit_id, layer, gran, period, sum, cnt, value)
		SELECT CAST($1 AS BIGINT), u.id, CAST($2 AS INTEGER), CAST($3 AS INTEGER), CAST($4 AS INTEGER),
			COALESCE(SUM(b.value), 0), COALESCE(SUM(b.cnt), 0), COALESCE(`+value+`, 0)
		FROM org_units u LEFT JOIN indicator_rollups b ON `+match+`
		WHERE `+w.conds[1]+`
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
func (db *DB) FindRollups(ctx context.Context, indicatorID int64, unitIDs []int64, from, to jalali.Period, b payesh.Basis) ([]payesh.Rollup, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	if from.Gran != to.Gran {
		return nil, payesh.Invalid(map[string]string{"to": "err.period"})
	}
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
