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
// every indicator of the batch, so the values and roll-ups it reads are
// the committed ones and stay so until it commits.
func (tx *Tx) saveValues(values []payesh.IndicatorValue) ([]*payesh.IndicatorValue, error) {
	ids := make([]int64, len(values))
	for i, v := range values {
		ids[i] = v.IndicatorID
	}
	if err := tx.lockOrg(false); err != nil {
		return nil, err
	}
	if err := tx.lock(lockIndicator, ids...); err != nil {
		return nil, err
	}
	r := &rollupBatch{tx: tx, deltas: map[rollupKey]*delta{}, indicators: map[int64]*payesh.Indicator{}}
	saved := make([]*payesh.IndicatorValue, 0, len(values))
	for n, v := range values {
		sv, err := r.save(n, v)
		if err != nil {
			return nil, err
		}
		saved = append(saved, sv)
	}
	return saved, r.apply()
}

type rollupKey struct {
	indicator, unit int64
	key             periodKey
}

type delta struct {
	sum float64
	cnt int
}

// rollupBatch gathers the changes of one SaveValues call so that each
// roll-up row is written once however many values touch it.
type rollupBatch struct {
	tx         *Tx
	deltas     map[rollupKey]*delta
	indicators map[int64]*payesh.Indicator
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

// save writes one value and records its delta for every ancestor.
func (b *rollupBatch) save(n int, v payesh.IndicatorValue) (*payesh.IndicatorValue, error) {
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
	path, err := b.tx.unitPath(v.UnitID)
	if payesh.ErrorCode(err) == payesh.ENOTFOUND {
		return nil, payesh.Invalid(map[string]string{field("unit_id"): "err.unknown_ref"})
	} else if err != nil {
		return nil, err
	}
	if err := b.tx.requireEditWork(v.UnitID); err != nil {
		return nil, err
	}
	v.Normalize()
	v.Period = p.String()
	d, err := b.tx.upsertValue(n, &v, keyOf(p))
	if err != nil {
		return nil, err
	}
	for _, a := range ancestors(path) {
		k := rollupKey{v.IndicatorID, a, keyOf(p)}
		if b.deltas[k] == nil {
			b.deltas[k] = &delta{}
		}
		b.deltas[k].sum += d.sum
		b.deltas[k].cnt += d.cnt
	}
	return &v, nil
}

// upsertValue inserts or updates the stored value and returns how the
// subtree sums change. n is the value's place in the batch, for the
// conflict's field.
func (tx *Tx) upsertValue(n int, v *payesh.IndicatorValue, k periodKey) (delta, error) {
	cur, err := scanValue(tx.QueryRowContext(tx.ctx, `SELECT `+valueColumns+` FROM indicator_values v
		WHERE v.indicator_id = $1 AND v.unit_id = $2 AND v.gran = $3 AND v.period = $4`+tx.forUpdate(),
		v.IndicatorID, v.UnitID, k.gran, k.code))
	if err == sql.ErrNoRows {
		cur, err = nil, nil
	} else if err != nil {
		return delta{}, err
	}
	if err := checkValueVersion(n, v.Version, cur); err != nil {
		return delta{}, err
	}
	v.State, v.UpdatedAt = payesh.ValueDraft, tx.now
	if tx.actor.ID != 0 {
		v.AuthorID = &tx.actor.ID
	}
	if cur == nil {
		v.Version = 1
		err = tx.QueryRowContext(tx.ctx, `INSERT INTO indicator_values
			(indicator_id, unit_id, gran, period, value, note, evidence, state, author_id, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			v.IndicatorID, v.UnitID, k.gran, k.code, v.Value, v.Note, v.Evidence, v.State, v.AuthorID, tx.now).Scan(&v.ID)
		if err != nil {
			return delta{}, err
		}
		return delta{v.Value, 1}, tx.audit("indicator_value", v.ID, payesh.ActionCreate, nil, v)
	}
	v.ID, v.Version = cur.ID, cur.Version+1
	if _, err := tx.ExecContext(tx.ctx, `UPDATE indicator_values SET value = $1, note = $2, evidence = $3, state = $4,
		author_id = $5, updated_at = $6, version = version + 1 WHERE id = $7`,
		v.Value, v.Note, v.Evidence, v.State, v.AuthorID, tx.now, cur.ID); err != nil {
		return delta{}, err
	}
	return delta{v.Value - cur.Value, 0}, tx.audit("indicator_value", cur.ID, payesh.ActionUpdate, map[string]any{"value": cur.Value}, v)
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
// touched unit once.
func (b *rollupBatch) apply() error {
	byAgg := map[payesh.Aggregation][]rollupKey{}
	coarse := map[rollupKey]bool{}
	for k := range b.deltas {
		agg := b.indicators[k.indicator].UnitAgg
		byAgg[agg] = append(byAgg[agg], k)
		p := k.key.period()
		for parent, ok := p.Parent(); ok; parent, ok = parent.Parent() {
			coarse[rollupKey{k.indicator, k.unit, keyOf(parent)}] = true
		}
	}
	for agg, keys := range byAgg {
		if err := b.tx.addToRollups(keys, b.deltas, agg); err != nil {
			return err
		}
	}
	for k := range coarse {
		if err := b.tx.recomputeCoarse(k, b.indicators[k.indicator]); err != nil {
			return err
		}
	}
	return nil
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
	return tx.insertMany(`INSERT INTO indicator_rollups (indicator_id, unit_id, gran, period, sum, cnt, value) VALUES `,
		` ON CONFLICT (indicator_id, unit_id, gran, period)
		DO UPDATE SET sum = indicator_rollups.sum + excluded.sum, cnt = indicator_rollups.cnt + excluded.cnt, value = `+merged,
		7, len(keys), func(i int) []any {
			k, d := keys[i], deltas[keys[i]]
			value := d.sum
			if unitAgg == payesh.AggAvg && d.cnt > 0 {
				value = d.sum / float64(d.cnt)
			}
			return []any{k.indicator, k.unit, k.key.gran, k.key.code, d.sum, d.cnt, value}
		})
}

// recomputeCoarse rebuilds a quarter or year row of a unit from its base
// rows by the indicator's time rule, in one statement. A period whose
// base rows all lost their values (a unit moved away) keeps a row with
// count 0, which every reader skips.
func (tx *Tx) recomputeCoarse(k rollupKey, ind *payesh.Indicator) error {
	base, _ := ind.Frequency.Granularity()
	first, last := spanOf(k.key.period(), base)
	const rows = `FROM indicator_rollups b WHERE b.indicator_id = $1 AND b.unit_id = $2 AND b.gran = $5
		AND b.period BETWEEN $6 AND $7 AND b.cnt > 0`
	value := map[payesh.Aggregation]string{
		payesh.AggSum:  `SUM(b.value)`,
		payesh.AggAvg:  `AVG(b.value)`,
		payesh.AggLast: `(SELECT l.value ` + strings.ReplaceAll(rows, " b", " l") + ` ORDER BY l.period DESC LIMIT 1)`,
	}[ind.TimeAgg]
	_, err := tx.ExecContext(tx.ctx, `INSERT INTO indicator_rollups (indicator_id, unit_id, gran, period, sum, cnt, value)
		SELECT CAST($1 AS BIGINT), CAST($2 AS BIGINT), CAST($3 AS INTEGER), CAST($4 AS INTEGER),
			COALESCE(SUM(b.value), 0), COALESCE(SUM(b.cnt), 0), COALESCE(`+value+`, 0) `+rows+`
		ON CONFLICT (indicator_id, unit_id, gran, period)
		DO UPDATE SET sum = excluded.sum, cnt = excluded.cnt, value = excluded.value`,
		k.indicator, k.unit, k.key.gran, k.key.code, int(base), first, last)
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

// FindRollups returns an indicator's rolled-up values for units over the
// periods of one granularity from..to (inclusive); units or periods with
// no data are absent.
func (db *DB) FindRollups(ctx context.Context, indicatorID int64, unitIDs []int64, from, to jalali.Period) ([]payesh.Rollup, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	if from.Gran != to.Gran {
		return nil, payesh.Invalid(map[string]string{"to": "err.period"})
	}
	w := &where{}
	w.add("indicator_id = ?", indicatorID)
	w.add("gran = ?", int(from.Gran))
	w.add("period BETWEEN ? AND ?", keyOf(from).code, keyOf(to).code)
	w.add("cnt > 0")
	if len(unitIDs) > 0 {
		w.add("unit_id IN "+inList(len(unitIDs)), anySlice(unitIDs)...)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT unit_id, gran, period, value, cnt FROM indicator_rollups`+w.String()+
		` ORDER BY unit_id, period`, w.args...)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (payesh.Rollup, error) {
		ru := payesh.Rollup{IndicatorID: indicatorID}
		var k periodKey
		err := r.Scan(&ru.UnitID, &k.gran, &k.code, &ru.Value, &ru.Count)
		ru.Period = k.period().String()
		return ru, err
	})
}
