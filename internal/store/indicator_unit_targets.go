package store

import (
	"context"
	"database/sql"

	"payesh"
)

// maxTargetIndicators bounds the indicators one unit-targets read names:
// a grid of every indicator is a few hundred at most.
const maxTargetIndicators = 2000

// FindUnitTargets returns the targets set for one unit over one Jalali
// year, of the given indicators: what a unit's values grid shows beside
// its cells. Each indicator is a seek on the targets' primary key
// (indicator, unit, period), so a national target table is never
// scanned; a partner reads only the indicators it may read.
func (db *DB) FindUnitTargets(ctx context.Context, unitID int64, indicatorIDs []int64, year int) ([]payesh.Target, error) {
	if len(indicatorIDs) == 0 {
		return []payesh.Target{}, nil
	}
	if len(indicatorIDs) > maxTargetIndicators {
		return nil, payesh.Invalid(map[string]string{"indicators": "err.too_many"})
	}
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	readable, err := db.readableIndicators(ctx, s)
	if err != nil {
		return nil, err
	}
	ids := indicatorIDs
	if readable != nil {
		ids = nil
		for _, id := range indicatorIDs {
			if readable[id] {
				ids = append(ids, id)
			}
		}
		if len(ids) == 0 {
			return []payesh.Target{}, nil
		}
	}
	w := &where{}
	w.add("indicator_id IN "+inList(len(ids)), anySlice(ids)...)
	w.add("unit_id = ?", unitID)
	w.add("period >= ? AND period < ?", year*100, (year+1)*100)
	rows, err := db.db.QueryContext(ctx, `SELECT indicator_id, gran, period, value FROM indicator_targets`+
		w.String()+` ORDER BY indicator_id, gran, period`, w.args...)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (payesh.Target, error) {
		t := payesh.Target{UnitID: unitID}
		var k periodKey
		err := r.Scan(&t.IndicatorID, &k.gran, &k.code, &t.Value)
		t.Period = k.period().String()
		return t, err
	})
}
