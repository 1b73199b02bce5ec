package store

import (
	"context"
	"database/sql"

	"payesh"
	"payesh/internal/jalali"
)

var _ payesh.OpenDataService = (*DB)(nil)

// openIndicator is what an export says of an indicator.
type openIndicator struct{ code, measure string }

// EachApprovedValue reads the export one unit at a time, in the order of
// the units' paths: each unit's values are one index range of
// indicator_values_unit_period, sorted in the query and read whole before
// fn sees them. So the database is never held while the client reads — a
// province's office on a slow link would otherwise keep a connection and,
// on PostgreSQL, a snapshot open for minutes — and memory holds one
// unit's values (indicators × periods), whatever the national total.
// Read scope: approved values are read by everyone who reads their
// indicator (payesh.ReadScope), so only a partner's indicators narrow it.
func (db *DB) EachApprovedValue(ctx context.Context, f payesh.OpenDataFilter, fn func(payesh.OpenValue) error) error {
	if err := f.Validate(); err != nil {
		return err
	}
	s, err := db.readScope(ctx)
	if err != nil {
		return err
	}
	readable, err := db.readableIndicators(ctx, s)
	if err != nil {
		return err
	}
	if f.IndicatorID != 0 {
		if _, err := db.FindIndicatorByID(ctx, f.IndicatorID); err != nil {
			return err
		}
	}
	ix, err := db.orgIndexOf(ctx)
	if err != nil {
		return err
	}
	root := ""
	if f.UnitID != 0 {
		u := ix.unit(f.UnitID)
		if u == nil {
			return payesh.NotFound("org_unit")
		}
		root = u.Path
	}
	if readable != nil && len(readable) == 0 {
		return nil // a partner linked to no indicator
	}
	indicators, err := db.openIndicators(ctx)
	if err != nil {
		return err
	}

	// The unit is the first condition, so its number is $1 in every
	// query and one statement text serves them all.
	w := &where{}
	w.add("v.unit_id = ?", int64(0))
	w.add("v.state = ?", payesh.ValueApproved)
	if !addPeriodRanges(w, f) {
		return nil // no period of any granularity fits the range
	}
	if f.IndicatorID != 0 {
		w.add("v.indicator_id = ?", f.IndicatorID)
	}
	if readable != nil {
		w.add("v.indicator_id IN "+inList(len(readable)), anySlice(mapKeys(readable))...)
	}
	query := `SELECT v.indicator_id, v.gran, v.period, v.value FROM indicator_values v` + w.String() +
		` ORDER BY v.gran, v.period, v.indicator_id`
	for _, u := range ix.src {
		if root != "" && !payesh.IsUnder(u.Path, root) {
			continue
		}
		w.args[0] = u.ID
		rows, err := db.db.QueryContext(ctx, query, w.args...)
		if err != nil {
			return err
		}
		vals, err := scanAll(rows, func(r *sql.Rows) (payesh.OpenValue, error) {
			var id int64
			var k periodKey
			v := payesh.OpenValue{UnitCode: u.Code}
			err := r.Scan(&id, &k.gran, &k.code, &v.Value)
			ind := indicators[id]
			v.IndicatorCode, v.Measure, v.Period = ind.code, ind.measure, k.period()
			return v, err
		})
		if err != nil {
			return err
		}
		for _, v := range vals {
			if err := fn(v); err != nil {
				return err
			}
		}
	}
	return nil
}

// addPeriodRanges adds the condition that a value's period lies within
// f's range: for each granularity, the codes from its first to its last
// period wholly inside. It reports false when no granularity has one.
func addPeriodRanges(w *where, f payesh.OpenDataFilter) bool {
	cond, args := "", []any{}
	for _, g := range []jalali.Granularity{jalali.Year, jalali.Quarter, jalali.Month} {
		lo, hi, ok := f.Range(g)
		if !ok {
			continue
		}
		if cond != "" {
			cond += " OR "
		}
		cond += "(v.gran = ? AND v.period BETWEEN ? AND ?)"
		args = append(args, int(g), keyOf(lo).code, keyOf(hi).code)
	}
	if cond == "" {
		return false
	}
	w.add("("+cond+")", args...)
	return true
}

// openIndicators returns every indicator's code and measure: the table is
// small (hundreds), and reading it once spares a join on every value.
func (db *DB) openIndicators(ctx context.Context) (map[int64]openIndicator, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, code, measure FROM indicators`)
	if err != nil {
		return nil, err
	}
	out := map[int64]openIndicator{}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var i openIndicator
		if err := rows.Scan(&id, &i.code, &i.measure); err != nil {
			return nil, err
		}
		out[id] = i
	}
	return out, rows.Err()
}
