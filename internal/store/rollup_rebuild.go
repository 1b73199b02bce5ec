package store

import (
	"database/sql"

	"payesh"
)

// rebuildRollups makes every roll-up of an indicator again from its
// values, after who reports it changed (or the layers were introduced):
// each value is marked as one that adds up or as its unit's own figure,
// then the rows are computed in memory and written in a few statements,
// then the ratios computed from the indicator follow.
func (tx *Tx) rebuildRollups(ind *payesh.Indicator) error {
	if err := tx.lockOrg(false); err != nil {
		return err
	}
	ids := []int64{ind.ID}
	if ind.IsRatio() {
		ids = append(ids, *ind.NumeratorID, *ind.DenominatorID)
	}
	b, err := tx.newRollupBatch(ids)
	if err != nil {
		return err
	}
	if err := tx.markOwnFigures(ind); err != nil {
		return err
	}
	if _, err := tx.ExecContext(tx.ctx, `DELETE FROM indicator_rollups WHERE indicator_id = $1`, ind.ID); err != nil {
		return err
	}
	values, err := tx.layeredValues(ind.ID)
	if err != nil {
		return err
	}
	paths, err := tx.allUnitPaths()
	if err != nil {
		return err
	}
	if err := tx.insertRollups(ind.ID, computeRollups(ind, values, paths)); err != nil {
		return err
	}
	if ind.IsRatio() {
		if err := tx.rebuildRatio(ind); err != nil {
			return err
		}
	}
	for _, r := range b.ratios[ind.ID] {
		if err := tx.rebuildRatio(r); err != nil {
			return err
		}
	}
	return nil
}

// markOwnFigures sets each value's own flag from its unit's kind.
func (tx *Tx) markOwnFigures(ind *payesh.Indicator) error {
	var kinds []any
	for _, k := range payesh.UnitKinds {
		if ind.Reports(k) {
			kinds = append(kinds, string(k))
		}
	}
	if len(kinds) == 0 {
		_, err := tx.ExecContext(tx.ctx, `UPDATE indicator_values SET own = 1 WHERE indicator_id = $1`, ind.ID)
		return err
	}
	w := &where{}
	w.add("indicator_id = ?", ind.ID)
	w.add("unit_id IN (SELECT id FROM org_units WHERE kind IN "+inList(len(kinds))+")", kinds...)
	cond := w.String()[len(" WHERE "):]
	_, err := tx.ExecContext(tx.ctx, `UPDATE indicator_values SET own = CASE WHEN `+cond+` THEN 0 ELSE 1 END
		WHERE indicator_id = $1`, w.args...)
	return err
}

// layeredValues reads an indicator's values as the roll-ups see them.
func (tx *Tx) layeredValues(indicatorID int64) ([]layeredValue, error) {
	rows, err := tx.QueryContext(tx.ctx, `SELECT unit_id, gran, period, value, state, own FROM indicator_values
		WHERE indicator_id = $1`, indicatorID)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (layeredValue, error) {
		var v layeredValue
		var state payesh.ValueState
		var own bool
		err := r.Scan(&v.unit, &v.key.gran, &v.key.code, &v.value, &state, &own)
		v.layers = layersOf(state, own)
		return v, err
	})
}

// rebuildAllRollups rebuilds every indicator's roll-ups, the ratios last
// so their inputs are already made.
func (tx *Tx) rebuildAllRollups() error {
	rows, err := tx.QueryContext(tx.ctx, `SELECT `+indicatorColumns+` FROM indicators i
		ORDER BY CASE WHEN i.unit_agg = 'ratio' THEN 1 ELSE 0 END, i.id`)
	if err != nil {
		return err
	}
	inds, err := scanAll(rows, func(r *sql.Rows) (*payesh.Indicator, error) { return scanIndicator(r) })
	if err != nil {
		return err
	}
	for _, ind := range inds {
		if err := tx.rebuildRollups(ind); err != nil {
			return err
		}
	}
	return nil
}
