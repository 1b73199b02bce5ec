package store

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/jalali"
)

// BulkValue is one generated value for LoadBulk.
type BulkValue struct {
	UnitID int64
	Period jalali.Period
	Value  float64
}

// bulkRows is how many rows one INSERT statement carries.
const bulkRows = 400

// LoadBulk writes a generated data set of one indicator — approved
// values, as a reviewed history is, and every roll-up they imply — with
// multi-row INSERTs in one transaction. It is the
// benchmark's loader: one audit event records the load instead of one per
// value, and it only adds to an indicator that has no values yet.
func (db *DB) LoadBulk(ctx context.Context, indicatorID int64, values []BulkValue) error {
	if err := requireConfigure(ctx); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.lockOrg(false); err != nil {
			return err
		}
		if err := tx.lock(lockIndicator, indicatorID); err != nil {
			return err
		}
		ind, err := db.findIndicator(ctx, tx, indicatorID)
		if err != nil {
			return err
		}
		if n, err := tx.countRefs(`SELECT COUNT(*) FROM indicator_values WHERE indicator_id = $1`, indicatorID); err != nil || n > 0 {
			return orConflict(err, "err.in_use")
		}
		paths, err := tx.allUnitPaths()
		if err != nil {
			return err
		}
		if err := tx.insertBulkValues(indicatorID, values); err != nil {
			return err
		}
		layered := make([]layeredValue, len(values))
		for n, v := range values {
			layered[n] = layeredValue{v.UnitID, keyOf(v.Period), v.Value, layersOf(payesh.ValueApproved, false)}
		}
		if err := tx.insertRollups(indicatorID, computeRollups(ind, layered, paths)); err != nil {
			return err
		}
		return tx.audit("indicator", indicatorID, "bulk_load", nil, map[string]int{"values": len(values)})
	})
}

func (tx *Tx) allUnitPaths() (map[int64]string, error) {
	rows, err := tx.QueryContext(tx.ctx, `SELECT id, path FROM org_units`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[int64]string{}
	for rows.Next() {
		var id int64
		var p string
		if err := rows.Scan(&id, &p); err != nil {
			return nil, err
		}
		m[id] = p
	}
	return m, rows.Err()
}

func (tx *Tx) insertBulkValues(indicatorID int64, values []BulkValue) error {
	var author *int64
	if tx.actor.ID != 0 {
		author = &tx.actor.ID
	}
	return tx.insertMany(`INSERT INTO indicator_values (indicator_id, unit_id, gran, period, value, state, author_id, updated_at) VALUES `, "",
		8, len(values), func(i int) []any {
			v, k := values[i], keyOf(values[i].Period)
			return []any{indicatorID, v.UnitID, k.gran, k.code, v.Value, payesh.ValueApproved, author, tx.now}
		})
}

type rollupRow struct {
	unit     int64
	layer    int
	key      periodKey
	sum, val float64
	cnt      int
}

func (tx *Tx) insertRollups(indicatorID int64, rows []rollupRow) error {
	return tx.insertMany(`INSERT INTO indicator_rollups (indicator_id, unit_id, layer, gran, period, sum, cnt, value) VALUES `, "",
		8, len(rows), func(i int) []any {
			r := rows[i]
			return []any{indicatorID, r.unit, r.layer, r.key.gran, r.key.code, r.sum, r.cnt, r.val}
		})
}

// placeholder returns parameter n's marker. SQLite resolves "$n" names
// by a linear search per parameter, quadratic over a statement of
// thousands; its plain "?" binds by position.
func (tx *Tx) placeholder(n int) string {
	if tx.db.engine == SQLite {
		return "?"
	}
	return "$" + strconv.Itoa(n)
}

// insertMany runs head with up to bulkRows value tuples per statement,
// then tail (an ON CONFLICT clause, or "").
func (tx *Tx) insertMany(head, tail string, cols, n int, row func(i int) []any) error {
	for start := 0; start < n; start += bulkRows {
		end := min(start+bulkRows, n)
		tuples, args := tx.tuples(cols, start, end, row)
		if _, err := tx.ExecContext(tx.ctx, head+tuples+tail, args...); err != nil {
			return err
		}
	}
	return nil
}

// tuples writes rows start..end as "($1, $2), ($3, $4)…" of cols
// placeholders each, with their arguments in order.
func (tx *Tx) tuples(cols, start, end int, row func(i int) []any) (string, []any) {
	var sb strings.Builder
	args := make([]any, 0, (end-start)*cols)
	for i := start; i < end; i++ {
		if i > start {
			sb.WriteString(", ")
		}
		sb.WriteString("(")
		for c := 0; c < cols; c++ {
			if c > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString(tx.placeholder(len(args) + c + 1))
		}
		sb.WriteString(")")
		args = append(args, row(i)...)
	}
	return sb.String(), args
}

// layeredValue is one value as the roll-ups see it: where it is, its
// number, and the layers it counts in.
type layeredValue struct {
	unit   int64
	key    periodKey
	value  float64
	layers []int
}

// computeRollups derives, in memory, the rows SaveValues and the reviews
// would have written one by one: base periods for every ancestor (a unit
// alone for its own figure), then quarters and years by the time rule.
func computeRollups(ind *payesh.Indicator, values []layeredValue, paths map[int64]string) []rollupRow {
	type key struct {
		unit  int64
		layer int
		code  int
	}
	base := map[key]*rollupRow{}
	for _, v := range values {
		for _, l := range v.layers {
			units := []int64{v.unit}
			if !isOwnLayer(l) {
				units = ancestors(paths[v.unit])
			}
			for _, a := range units {
				r := base[key{a, l, v.key.code}]
				if r == nil {
					r = &rollupRow{unit: a, layer: l, key: v.key}
					base[key{a, l, v.key.code}] = r
				}
				r.sum += v.value
				r.cnt++
			}
		}
	}
	rows := make([]rollupRow, 0, len(base)*2)
	for _, r := range base {
		r.val = r.sum
		if ind.UnitAgg == payesh.AggAvg && !isOwnLayer(r.layer) {
			r.val = r.sum / float64(r.cnt)
		}
		rows = append(rows, *r)
	}
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.unit != b.unit {
			return a.unit < b.unit
		}
		if a.layer != b.layer {
			return a.layer < b.layer
		}
		return a.key.code < b.key.code
	})
	var longer []rollupRow
	for _, r := range rows {
		if storesLonger(r.layer) {
			longer = append(longer, r)
		}
	}
	return append(rows, coarseRollups(ind.TimeAgg, longer)...)
}

// coarseRollups folds sorted base rows into their quarters and years.
func coarseRollups(timeAgg payesh.Aggregation, base []rollupRow) []rollupRow {
	type acc struct {
		row  rollupRow
		vals []float64
	}
	var order []rollupRow
	accs := map[rollupRow]*acc{}
	for _, b := range base {
		for p, ok := b.key.period().Parent(); ok; p, ok = p.Parent() {
			id := rollupRow{unit: b.unit, layer: b.layer, key: keyOf(p)}
			a := accs[id]
			if a == nil {
				a = &acc{row: id}
				accs[id] = a
				order = append(order, id)
			}
			a.vals = append(a.vals, b.val)
			a.row.cnt += b.cnt
		}
	}
	out := make([]rollupRow, 0, len(order))
	for _, id := range order {
		a := accs[id]
		a.row.sum, a.row.val = sumOf(a.vals), combineTime(timeAgg, a.vals)
		out = append(out, a.row)
	}
	return out
}
