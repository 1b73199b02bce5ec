package store

import (
	"database/sql"
)

// moveRollups takes a moved unit's subtree out of the roll-ups of the
// ancestors it left and adds it to those of the ancestors it joined. The
// unit's own base-period rows hold its subtree's sums and counts, so each
// such ancestor's base rows change by them exactly as a value save
// changes them (rollupBatch), and the quarters and years they touch are
// recomputed: the work follows the moved subtree's data, not the
// ancestors'. The caller holds the org tree exclusively, so no value is
// saved meanwhile.
func (tx *Tx) moveRollups(unitID int64, left, joined []int64) error {
	rows, err := tx.unitRollups(unitID)
	if err != nil {
		return err
	}
	ids := make([]int64, len(rows))
	for n, r := range rows {
		ids[n] = r.indicator
	}
	b, err := tx.newRollupBatch(ids)
	if err != nil {
		return err
	}
	for _, r := range rows {
		ind, err := b.indicator(r.indicator)
		if err != nil {
			return err
		}
		if g, _ := ind.Frequency.Granularity(); r.key.gran != int(g) || ind.IsRatio() {
			continue // a quarter or year, a ratio: apply recomputes those
		}
		for _, moved := range []struct {
			units []int64
			sign  float64
		}{{left, -1}, {joined, 1}} {
			for _, a := range moved.units {
				b.deltas[rollupKey{r.indicator, a, r.layer, r.key}] = &delta{moved.sign * r.sum, int(moved.sign) * r.cnt}
			}
		}
	}
	return b.apply()
}

// unitRollup is one stored roll-up row of a unit.
type unitRollup struct {
	indicator int64
	layer     int
	key       periodKey
	sum       float64
	cnt       int
}

// unitRollups reads a unit's roll-up rows that count its units' values;
// its own figures stay with it. Roll-ups are
// keyed by indicator, then unit, so the query goes indicator by
// indicator (CROSS JOIN fixes that order on SQLite), with SQLite's
// automatic indexes off: without table statistics it would rather index
// every roll-up of every unit than use that key.
func (tx *Tx) unitRollups(unitID int64) ([]unitRollup, error) {
	if tx.db.engine == SQLite {
		if _, err := tx.ExecContext(tx.ctx, `PRAGMA automatic_index = OFF`); err != nil {
			return nil, err
		}
		defer tx.ExecContext(tx.ctx, `PRAGMA automatic_index = ON`)
	}
	rows, err := tx.QueryContext(tx.ctx, `SELECT r.indicator_id, r.layer, r.gran, r.period, r.sum, r.cnt
		FROM indicators i CROSS JOIN indicator_rollups r
		WHERE r.indicator_id = i.id AND r.unit_id = $1 AND r.layer < 2 AND r.cnt > 0`, unitID)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (unitRollup, error) {
		var u unitRollup
		return u, r.Scan(&u.indicator, &u.layer, &u.key.gran, &u.key.code, &u.sum, &u.cnt)
	})
}
