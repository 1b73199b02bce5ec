package store

import (
	"database/sql"
	"slices"

	"payesh"
)

// newRollupBatch locks the indicators ids and the ratios computed from
// them, in id order, and returns a batch that knows those ratios. A ratio
// defined while the locks were awaited is one this transaction would not
// keep current: it starts again (errRetry).
func (tx *Tx) newRollupBatch(ids []int64) (*rollupBatch, error) {
	b := &rollupBatch{tx: tx, deltas: map[rollupKey]*delta{}, indicators: map[int64]*payesh.Indicator{},
		ratios: map[int64][]*payesh.Indicator{}}
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	before, err := tx.ratiosOf(ids)
	if err != nil {
		return nil, err
	}
	all := slices.Clone(ids)
	for _, r := range before {
		all = append(all, r.ID)
	}
	if err := tx.lock(lockIndicator, all...); err != nil {
		return nil, err
	}
	after, err := tx.ratiosOf(ids)
	if err != nil {
		return nil, err
	}
	if len(after) != len(before) {
		return nil, errRetry
	}
	if err := b.loadIndicators(ids); err != nil {
		return nil, err
	}
	for _, r := range after {
		b.indicators[r.ID] = r
		for _, in := range []int64{*r.NumeratorID, *r.DenominatorID} {
			b.ratios[in] = append(b.ratios[in], r)
		}
	}
	return b, nil
}

// loadIndicators reads the batch's indicators in one query: the rules a
// roll-up needs, not their links. An id that names no indicator is left
// for b.indicator to refuse.
func (b *rollupBatch) loadIndicators(ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	w := &where{}
	w.add("i.id IN "+inList(len(ids)), anySlice(ids)...)
	rows, err := b.tx.QueryContext(b.tx.ctx, `SELECT `+indicatorColumns+` FROM indicators i`+w.String(), w.args...)
	if err != nil {
		return err
	}
	inds, err := scanAll(rows, func(r *sql.Rows) (*payesh.Indicator, error) { return scanIndicator(r) })
	for _, i := range inds {
		b.indicators[i.ID] = i
	}
	return err
}

// ratiosOf returns the ratio indicators computed from any of ids.
func (tx *Tx) ratiosOf(ids []int64) ([]*payesh.Indicator, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	w := &where{}
	list := inList(len(ids))
	w.add("(i.numerator_id IN "+list+" OR i.denominator_id IN "+list+")", append(anySlice(ids), anySlice(ids)...)...)
	rows, err := tx.QueryContext(tx.ctx, `SELECT `+indicatorColumns+` FROM indicators i`+w.String()+` ORDER BY i.id`, w.args...)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (*payesh.Indicator, error) { return scanIndicator(r) })
}

// applyRatios recomputes, for every units' row the batch changed (base
// keys in deltas, longer periods in coarse), the rows of the ratios
// computed from it.
func (b *rollupBatch) applyRatios(coarse map[rollupKey]bool) error {
	done := map[rollupKey]bool{}
	visit := func(k rollupKey) error {
		if k.layer != layerUnitsApproved {
			return nil // own figures are the ratio's own; submitted ones are combined on read
		}
		for _, r := range b.ratios[k.indicator] {
			rk := rollupKey{r.ID, k.unit, k.layer, k.key}
			if done[rk] {
				continue
			}
			done[rk] = true
			if err := b.tx.recomputeRatio(r, rk); err != nil {
				return err
			}
		}
		return nil
	}
	for k := range b.deltas {
		if err := visit(k); err != nil {
			return err
		}
	}
	for k := range coarse {
		if err := visit(k); err != nil {
			return err
		}
	}
	return nil
}

// ratioRows selects a ratio's rows from its numerator's and denominator's
// rows of the same unit, layer and period: Σnumerator / Σdenominator ×
// scale, where both have data from as many values and the denominator is
// not zero. A subtree where some unit sent one without the other has no
// ratio: dividing the covered people of two provinces by the population
// of one would state more than the units did. $1 is the ratio, $2 its
// scale, $3 and $4 the numerator and denominator.
const ratioRows = `SELECT CAST($1 AS BIGINT), n.unit_id, n.layer, n.gran, n.period, n.value, d.cnt, CAST($2 AS DOUBLE PRECISION) * n.value / d.value
	FROM indicator_rollups n JOIN indicator_rollups d ON d.indicator_id = $4 AND d.unit_id = n.unit_id
		AND d.layer = n.layer AND d.gran = n.gran AND d.period = n.period
	WHERE n.indicator_id = $3 AND n.layer = 0 AND n.cnt > 0 AND d.cnt = n.cnt AND d.value <> 0`

// recomputeRatio rewrites one row of a ratio from its inputs' rows.
func (tx *Tx) recomputeRatio(r *payesh.Indicator, k rollupKey) error {
	if _, err := tx.ExecContext(tx.ctx, `DELETE FROM indicator_rollups
		WHERE indicator_id = $1 AND unit_id = $2 AND layer = $3 AND gran = $4 AND period = $5`,
		r.ID, k.unit, k.layer, k.key.gran, k.key.code); err != nil {
		return err
	}
	_, err := tx.ExecContext(tx.ctx, `INSERT INTO indicator_rollups (indicator_id, unit_id, layer, gran, period, sum, cnt, value) `+
		ratioRows+` AND n.unit_id = $5 AND n.layer = $6 AND n.gran = $7 AND n.period = $8`,
		r.ID, r.Scale, *r.NumeratorID, *r.DenominatorID, k.unit, k.layer, k.key.gran, k.key.code)
	return err
}

// rebuildRatio rewrites every approved units' row of a ratio from its
// inputs.
func (tx *Tx) rebuildRatio(r *payesh.Indicator) error {
	if _, err := tx.ExecContext(tx.ctx, `DELETE FROM indicator_rollups WHERE indicator_id = $1 AND layer = 0`, r.ID); err != nil {
		return err
	}
	_, err := tx.ExecContext(tx.ctx, `INSERT INTO indicator_rollups (indicator_id, unit_id, layer, gran, period, sum, cnt, value) `+
		ratioRows, r.ID, r.Scale, *r.NumeratorID, *r.DenominatorID)
	return err
}
