package bench

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"payesh"
	"payesh/internal/jalali"
)

// naiveQueries compute the dashboards' answers straight from the raw
// values, the way a system without roll-ups would: the yardstick the
// stored roll-ups are measured and checked against. The SQL lives here,
// not in the store, because it is the benchmark's, not the product's.
type naiveQueries struct {
	db   *sql.DB
	root *payesh.OrgUnit
	c    Config
}

// monthly returns, per (unit root, month), the sum and count of the values
// reported under that root.
func (q naiveQueries) monthly(ctx context.Context, indicatorIDs []any, roots []int64, from, to int) (map[rootKey]map[int]sc, error) {
	out := map[rootKey]map[int]sc{}
	for _, root := range roots {
		args := append([]any{root, from, to}, indicatorIDs...)
		in := ""
		for i := range indicatorIDs {
			if i > 0 {
				in += ", "
			}
			in += fmt.Sprintf("$%d", i+4)
		}
		rows, err := q.db.QueryContext(ctx, `SELECT v.indicator_id, v.period, SUM(v.value), COUNT(*)
			FROM indicator_values v JOIN org_units o ON o.id = v.unit_id
			WHERE o.path LIKE (SELECT path FROM org_units WHERE id = $1) || '%'
			  AND v.gran = 3 AND v.period BETWEEN $2 AND $3 AND v.state = 'approved' AND v.indicator_id IN (`+in+`)
			GROUP BY v.indicator_id, v.period ORDER BY v.indicator_id, v.period`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var period int
			var s sc
			if err := rows.Scan(&id, &period, &s.sum, &s.cnt); err != nil {
				rows.Close()
				return nil, err
			}
			key := rootKey{id, root}
			if out[key] == nil {
				out[key] = map[int]sc{}
			}
			out[key][period] = s
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

type rootKey struct{ indicator, root int64 }

type sc struct {
	sum float64
	cnt int
}

// scorecard returns each indicator's national value for a year.
func (q naiveQueries) scorecard(ctx context.Context, inds []*payesh.Indicator, year jalali.Period) (map[int64]*float64, error) {
	ids := make([]any, len(inds))
	for i, ind := range inds {
		ids[i] = ind.ID
	}
	m, err := q.monthly(ctx, ids, []int64{q.root.ID}, year.Year*100+1, year.Year*100+12)
	if err != nil {
		return nil, err
	}
	out := map[int64]*float64{}
	for _, ind := range inds {
		if v, ok := fold(ind, m[rootKey{ind.ID, q.root.ID}], year.Year*100+1, year.Year*100+12); ok {
			out[ind.ID] = &v
		}
	}
	return out, nil
}

// byProvince returns an indicator's monthly value per province, keyed
// "unit period", as a competent engineer would without roll-ups: one
// indexed scan of the indicator's approved values over the months, each
// value's unit mapped to its province from the org tree read once, the
// sums kept in Go.
func (q naiveQueries) byProvince(ctx context.Context, ind *payesh.Indicator, provinces []int64, first, last jalali.Period) (map[string]*float64, error) {
	provinceOf, err := q.provinceOf(ctx, provinces)
	if err != nil {
		return nil, err
	}
	rows, err := q.db.QueryContext(ctx, `SELECT unit_id, period, value FROM indicator_values
		WHERE indicator_id = $1 AND gran = 3 AND period BETWEEN $2 AND $3 AND state = 'approved'`,
		ind.ID, first.Year*100+first.N, last.Year*100+last.N)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	sums := map[rootKey]map[int]sc{}
	for rows.Next() {
		var unit int64
		var period int
		var v float64
		if err := rows.Scan(&unit, &period, &v); err != nil {
			return nil, err
		}
		p, ok := provinceOf[unit]
		if !ok {
			continue
		}
		k := rootKey{ind.ID, p}
		if sums[k] == nil {
			sums[k] = map[int]sc{}
		}
		s := sums[k][period]
		s.sum, s.cnt = s.sum+v, s.cnt+1
		sums[k][period] = s
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := map[string]*float64{}
	for k, months := range sums {
		for period, s := range months {
			v := unitValue(ind, s)
			out[fmt.Sprint(k.root, jalali.Period{Gran: jalali.Month, Year: period / 100, N: period % 100}.String())] = &v
		}
	}
	return out, nil
}

// provinceOf maps every unit under one of the provinces to it, from one
// read of the org tree.
func (q naiveQueries) provinceOf(ctx context.Context, provinces []int64) (map[int64]int64, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT id, path FROM org_units`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	paths := map[int64]string{}
	for rows.Next() {
		var id int64
		var path string
		if err := rows.Scan(&id, &path); err != nil {
			return nil, err
		}
		paths[id] = path
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := map[int64]int64{}
	for _, p := range provinces {
		prefix := paths[p]
		for id, path := range paths {
			if strings.HasPrefix(path, prefix) {
				out[id] = p
			}
		}
	}
	return out, nil
}

func unitValue(ind *payesh.Indicator, s sc) float64 {
	if ind.UnitAgg == payesh.AggAvg {
		return s.sum / float64(s.cnt)
	}
	return s.sum
}

// fold applies the time rule to the months from..to that have data.
func fold(ind *payesh.Indicator, months map[int]sc, from, to int) (float64, bool) {
	var vals []float64
	for p := from; p <= to; p++ {
		if s, ok := months[p]; ok {
			vals = append(vals, unitValue(ind, s))
		}
	}
	if len(vals) == 0 {
		return 0, false
	}
	switch ind.TimeAgg {
	case payesh.AggLast:
		return vals[len(vals)-1], true
	case payesh.AggAvg:
		var s float64
		for _, v := range vals {
			s += v
		}
		return s / float64(len(vals)), true
	}
	var s float64
	for _, v := range vals {
		s += v
	}
	return s, true
}
