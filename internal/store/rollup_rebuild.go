package store

import (
	"database/sql"

	"payesh"
)

// rebuildRollups recomputes every roll-up row of the given units from the
// raw values of their subtrees, as they are now: base periods by the unit
// rule in one grouped statement per unit, then quarters and years by the
// time rule, as LoadBulk computes them. A unit move uses it for the
// ancestors that gained or lost the moved subtree; the caller holds the
// org tree exclusively, so no value or roll-up changes meanwhile.
func (tx *Tx) rebuildRollups(unitIDs []int64) error {
	inds := map[int64]*payesh.Indicator{}
	for _, id := range unitIDs {
		if err := tx.rebuildUnitRollups(id, inds); err != nil {
			return err
		}
	}
	return nil
}

func (tx *Tx) rebuildUnitRollups(unitID int64, inds map[int64]*payesh.Indicator) error {
	path, err := tx.unitPath(unitID)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(tx.ctx, `DELETE FROM indicator_rollups WHERE unit_id = $1`, unitID); err != nil {
		return err
	}
	_, err = tx.ExecContext(tx.ctx, `INSERT INTO indicator_rollups (indicator_id, unit_id, gran, period, sum, cnt, value)
		SELECT v.indicator_id, CAST($1 AS BIGINT), v.gran, v.period, SUM(v.value), COUNT(*),
			CASE WHEN i.unit_agg = $3 THEN AVG(v.value) ELSE SUM(v.value) END
		FROM indicator_values v
		JOIN org_units o ON o.id = v.unit_id
		JOIN indicators i ON i.id = v.indicator_id
		WHERE o.path LIKE $2
		GROUP BY v.indicator_id, v.gran, v.period, i.unit_agg`,
		unitID, path+"%", payesh.AggAvg)
	if err != nil {
		return err
	}
	base, err := tx.unitBaseRollups(unitID)
	if err != nil {
		return err
	}
	for id, rows := range base {
		ind := inds[id]
		if ind == nil {
			if ind, err = tx.db.findIndicator(tx.ctx, tx, id); err != nil {
				return err
			}
			inds[id] = ind
		}
		if err := tx.insertRollups(id, coarseRollups(ind, rows)); err != nil {
			return err
		}
	}
	return nil
}

// unitBaseRollups reads a unit's base-period rows, by indicator, in
// period order, as coarseRollups wants them.
func (tx *Tx) unitBaseRollups(unitID int64) (map[int64][]rollupRow, error) {
	rows, err := tx.QueryContext(tx.ctx, `SELECT indicator_id, gran, period, sum, cnt, value
		FROM indicator_rollups WHERE unit_id = $1 ORDER BY indicator_id, period`, unitID)
	if err != nil {
		return nil, err
	}
	out := map[int64][]rollupRow{}
	_, err = scanAll(rows, func(r *sql.Rows) (struct{}, error) {
		var id int64
		row := rollupRow{unit: unitID}
		err := r.Scan(&id, &row.key.gran, &row.key.code, &row.sum, &row.cnt, &row.val)
		out[id] = append(out[id], row)
		return struct{}{}, err
	})
	return out, err
}
