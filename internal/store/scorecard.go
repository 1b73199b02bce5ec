package store

import (
	"context"
	"database/sql"
	"slices"
	"strconv"

	"payesh"
	"payesh/internal/jalali"
)

// FindScorecard judges every indicator that measures a clause or its
// sub-clauses for one unit's subtree and period, reading stored roll-ups
// and targets in a fixed number of queries however many indicators there
// are: the national scorecard of an axis.
//
// It judges the indicators the user may read, on the provisional basis
// only where the user may read the unit on it (payesh.ReadScope).
func (db *DB) FindScorecard(ctx context.Context, clauseID, unitID int64, period string, b payesh.Basis) ([]payesh.Score, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	p, err := parsePeriodField(period, "period")
	if err != nil {
		return nil, err
	}
	inds, err := db.scorecardIndicators(ctx, clauseID)
	if err != nil {
		return nil, err
	}
	readable, err := db.readableIndicators(ctx, s)
	if err != nil {
		return nil, err
	}
	if readable != nil {
		inds = slices.DeleteFunc(inds, func(i *payesh.Indicator) bool { return !readable[i.ID] })
	}
	return db.score(ctx, inds, unitID, p, s.basisAt(b, unitID))
}

// scorecardIndicators picks, by code, the indicators linked to the clause
// or a clause under it (clauseID 0: those linked to none) from the kept
// list of indicators: a dashboard asks once per axis.
func (db *DB) scorecardIndicators(ctx context.Context, clauseID int64) ([]*payesh.Indicator, error) {
	all, err := db.cachedIndicators(ctx)
	if err != nil {
		return nil, err
	}
	var under map[int64]bool
	if clauseID != 0 {
		rows, err := db.db.QueryContext(ctx, `SELECT id FROM clauses WHERE path LIKE (SELECT path FROM clauses WHERE id = $1) || '%'`, clauseID)
		if err != nil {
			return nil, err
		}
		ids, err := scanAll(rows, func(r *sql.Rows) (id int64, err error) { return id, r.Scan(&id) })
		if err != nil {
			return nil, err
		}
		under = make(map[int64]bool, len(ids))
		for _, id := range ids {
			under[id] = true
		}
	}
	inds := []*payesh.Indicator{}
	for _, i := range all {
		if clauseID == 0 && len(i.ClauseIDs) == 0 || clauseID != 0 && slices.ContainsFunc(i.ClauseIDs, func(c int64) bool { return under[c] }) {
			inds = append(inds, copyIndicator(i))
		}
	}
	return inds, nil
}

// indicatorsWhere loads indicators matching w with their links, in three
// queries however many match.
func (db *DB) indicatorsWhere(ctx context.Context, w *where, order string) ([]*payesh.Indicator, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+indicatorColumns+` FROM indicators i`+w.String()+order, w.args...)
	if err != nil {
		return nil, err
	}
	inds, err := scanAll(rows, func(r *sql.Rows) (*payesh.Indicator, error) { return scanIndicator(r) })
	if err != nil || len(inds) == 0 {
		return inds, err
	}
	byID := map[int64]*payesh.Indicator{}
	ids := make([]any, len(inds))
	for n, i := range inds {
		i.ClauseIDs, i.WorkItemIDs = []int64{}, []int64{}
		byID[i.ID], ids[n] = i, i.ID
	}
	for _, link := range []struct {
		table, col string
		add        func(*payesh.Indicator, int64)
	}{
		{"indicator_clauses", "clause_id", func(i *payesh.Indicator, id int64) { i.ClauseIDs = append(i.ClauseIDs, id) }},
		{"indicator_work", "work_item_id", func(i *payesh.Indicator, id int64) { i.WorkItemIDs = append(i.WorkItemIDs, id) }},
	} {
		if err := db.eachPair(ctx, `SELECT indicator_id, `+link.col+` FROM `+link.table+` WHERE indicator_id IN `+inList(len(ids))+` ORDER BY 1, 2`,
			ids, func(ind, ref int64) { link.add(byID[ind], ref) }); err != nil {
			return nil, err
		}
	}
	return inds, nil
}

// eachPair runs a query of two id columns and calls fn on each row; the
// query's placeholders are "?", numbered here.
func (db *DB) eachPair(ctx context.Context, query string, args []any, fn func(a, b int64)) error {
	w := &where{}
	w.add(query, args...)
	rows, err := db.db.QueryContext(ctx, w.conds[0], w.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a, b int64
		if err := rows.Scan(&a, &b); err != nil {
			return err
		}
		fn(a, b)
	}
	return rows.Err()
}

// score judges inds for one unit and period on basis b: the numbers of
// its units and its own figures, and set targets, in three queries;
// interpolated targets only where none is set. The unit's own figure,
// where it stated one, is the number judged.
func (db *DB) score(ctx context.Context, inds []*payesh.Indicator, unitID int64, p jalali.Period, b payesh.Basis) ([]payesh.Score, error) {
	if len(inds) == 0 {
		return []payesh.Score{}, nil
	}
	ids := make([]int64, len(inds))
	for n, ind := range inds {
		ids[n] = ind.ID
	}
	units, own, err := db.numbersAt(ctx, inds, unitID, p, b)
	if err != nil {
		return nil, err
	}
	targets, err := db.valuesAt(ctx, "indicator_targets", "1 = 1", ids, unitID, keyOf(p))
	if err != nil {
		return nil, err
	}
	scores := make([]payesh.Score, len(inds))
	for n, ind := range inds {
		s := payesh.Score{Indicator: ind, UnitID: unitID, Period: p.String(), Basis: b}
		s.Units, s.Own = ptrIf(units, ind.ID), ptrIf(own, ind.ID)
		s.Value = s.Units
		if s.Own != nil {
			s.Value = s.Own
		}
		if t, ok := targets[ind.ID]; ok {
			s.Target = &t
		} else if s.Target, s.Interpolated, err = db.targetFor(ctx, ind, unitID, p); err != nil {
			return nil, err
		}
		s.Status = payesh.StatusOf(s.Value, s.Target, ind.Direction, ind.Thresholds)
		scores[n] = s
	}
	return scores, nil
}

// numbersAt reads the units' and own numbers of inds for one unit and
// period: two key lookups each on the approved basis, combined from the
// base rows on the provisional one.
func (db *DB) numbersAt(ctx context.Context, inds []*payesh.Indicator, unitID int64, p jalali.Period, b payesh.Basis) (units, own map[int64]float64, err error) {
	if b == payesh.BasisProvisional {
		units, own = map[int64]float64{}, map[int64]float64{}
		for _, ind := range inds {
			u, o, err := db.provisionalNumbers(ctx, ind, []int64{unitID}, p, p)
			if err != nil {
				return nil, nil, err
			}
			if r, ok := u[seriesKey{unitID, p}]; ok {
				units[ind.ID] = r.Value
			}
			if r, ok := o[seriesKey{unitID, p}]; ok {
				own[ind.ID] = r.Value
			}
		}
		return units, own, nil
	}
	ids := make([]int64, len(inds))
	for n, ind := range inds {
		ids[n] = ind.ID
	}
	if units, err = db.valuesAt(ctx, "indicator_rollups", "cnt > 0 AND layer = "+strconv.Itoa(layerUnitsApproved), ids, unitID, keyOf(p)); err != nil {
		return nil, nil, err
	}
	own, err = db.valuesAt(ctx, "indicator_rollups", "cnt > 0 AND layer = "+strconv.Itoa(layerOwnApproved), ids, unitID, keyOf(p))
	return units, own, err
}

func ptrIf(m map[int64]float64, id int64) *float64 {
	if v, ok := m[id]; ok {
		return &v
	}
	return nil
}

// valuesAt reads the value column of table for indicators ids, one unit
// and one period, keyed by indicator: one primary-key lookup each.
func (db *DB) valuesAt(ctx context.Context, table, cond string, ids []int64, unitID int64, k periodKey) (map[int64]float64, error) {
	w := &where{}
	w.add("indicator_id IN "+inList(len(ids)), anySlice(ids)...)
	w.add("unit_id = ? AND gran = ? AND period = ?", unitID, k.gran, k.code)
	w.add(cond)
	rows, err := db.db.QueryContext(ctx, `SELECT indicator_id, value FROM `+table+w.String(), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]float64{}
	for rows.Next() {
		var id int64
		var v float64
		if err := rows.Scan(&id, &v); err != nil {
			return nil, err
		}
		out[id] = v
	}
	return out, rows.Err()
}
