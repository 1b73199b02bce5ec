package store

import (
	"context"
	"database/sql"

	"payesh"
	"payesh/internal/analytics"
	"payesh/internal/jalali"
)

var _ payesh.IndicatorService = (*DB)(nil)

// FindIndicators lists indicators by code.
func (db *DB) FindIndicators(ctx context.Context, f payesh.IndicatorFilter) ([]*payesh.Indicator, int, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, 0, err
	}
	w := &where{}
	if f.ClauseID != 0 {
		w.add(`i.id IN (SELECT ic.indicator_id FROM indicator_clauses ic JOIN clauses c ON c.id = ic.clause_id
			WHERE c.path LIKE (SELECT path FROM clauses WHERE id = ?) || '%')`, f.ClauseID)
	}
	if f.Q != "" {
		w.add(`(lower(i.name_fa) LIKE ? ESCAPE '\' OR lower(i.name_en) LIKE ? ESCAPE '\' OR i.code LIKE ? ESCAPE '\')`, like(f.Q), like(f.Q), like(f.Q))
	}
	total, err := db.count(ctx, "indicators i", w)
	if err != nil {
		return nil, 0, err
	}
	inds, err := db.indicatorsWhere(ctx, w, ` ORDER BY i.code, i.id`+pageSQL(f.Page))
	return inds, total, err
}

// UpdateIndicator changes an indicator's definition and links.
func (db *DB) UpdateIndicator(ctx context.Context, id int64, up payesh.IndicatorUpdate) (*payesh.Indicator, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	if err := requireVersion(up.Version); err != nil {
		return nil, err
	}
	var after *payesh.Indicator
	err := db.write(ctx, func(tx *Tx) error {
		before, err := db.findIndicator(ctx, tx, id)
		if err != nil {
			return err
		}
		i := *before
		up.Apply(&i)
		i.Normalize()
		// The indicator's own rules first: they bound the lists whose ids the
		// queries below look up.
		if err := i.Validate(); err != nil {
			return err
		}
		if err := firstInvalid(tx.allExist("clauses", i.ClauseIDs, "clause_ids"), tx.allExist("work_items", i.WorkItemIDs, "work_item_ids")); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE indicators SET name_fa = $1, name_en = $2, description = $3, measure = $4,
			direction = $5, baseline = $6, baseline_period = $7, on_track = $8, at_risk = $9, reporting_kinds = $10,
			updated_at = $11, version = version + 1 WHERE id = $12 AND version = $13`,
			i.NameFA, i.NameEN, i.Description, i.Measure, i.Direction, i.Baseline, i.BaselinePeriod,
			i.Thresholds.OnTrack, i.Thresholds.AtRisk, joinKinds(i.ReportingKinds), tx.now, id, up.Version)
		if err != nil {
			return err
		}
		if err := checkVersion(res, func() (any, error) { return db.findIndicator(ctx, tx, id) }); err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM indicator_clauses WHERE indicator_id = $1`, `DELETE FROM indicator_work WHERE indicator_id = $1`} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return err
			}
		}
		if err := tx.setIndicatorLinks(&i); err != nil {
			return err
		}
		i.Version, i.UpdatedAt = before.Version+1, tx.now
		if err := tx.audit("indicator", id, payesh.ActionUpdate, before, &i); err != nil {
			return err
		}
		after = &i
		return nil
	})
	return after, err
}

// FindTargets lists an indicator's set targets by unit and period.
func (db *DB) FindTargets(ctx context.Context, indicatorID int64) ([]payesh.Target, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT unit_id, gran, period, value FROM indicator_targets
		WHERE indicator_id = $1 ORDER BY unit_id, gran, period`, indicatorID)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (payesh.Target, error) {
		t := payesh.Target{IndicatorID: indicatorID}
		var k periodKey
		err := r.Scan(&t.UnitID, &k.gran, &k.code, &t.Value)
		t.Period = k.period().String()
		return t, err
	})
}

const valueColumns = `v.id, v.indicator_id, v.unit_id, v.gran, v.period, v.value, v.note, v.evidence, v.state, v.author_id, v.version, v.updated_at`

// scanValue scans valueColumns, then any extra columns into extra.
func scanValue(r interface{ Scan(...any) error }, extra ...any) (*payesh.IndicatorValue, error) {
	var v payesh.IndicatorValue
	var k periodKey
	var author sql.NullInt64
	dest := append([]any{&v.ID, &v.IndicatorID, &v.UnitID, &k.gran, &k.code, &v.Value, &v.Note, &v.Evidence, &v.State, &author, &v.Version, &v.UpdatedAt}, extra...)
	err := r.Scan(dest...)
	v.Period = k.period().String()
	if author.Valid {
		v.AuthorID = &author.Int64
	}
	return &v, err
}

// FindValues lists reported values of one unit (a grid to fill in).
func (db *DB) FindValues(ctx context.Context, f payesh.ValueFilter) ([]*payesh.IndicatorValue, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	w := &where{}
	if f.IndicatorID != 0 {
		w.add("v.indicator_id = ?", f.IndicatorID)
	}
	if f.UnitID != 0 {
		w.add("v.unit_id = ?", f.UnitID)
	}
	for _, b := range []struct {
		s, op, field string
	}{{f.From, ">=", "from"}, {f.To, "<=", "to"}} {
		if b.s == "" {
			continue
		}
		p, err := parsePeriodField(b.s, b.field)
		if err != nil {
			return nil, err
		}
		w.add("v.gran = ? AND v.period "+b.op+" ?", int(p.Gran), keyOf(p).code)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+valueColumns+` FROM indicator_values v`+w.String()+
		` ORDER BY v.indicator_id, v.unit_id, v.gran, v.period LIMIT 10000`, w.args...)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (*payesh.IndicatorValue, error) { return scanValue(r) })
}

// FindRollupSeries is FindRollups with periods as text.
func (db *DB) FindRollupSeries(ctx context.Context, indicatorID int64, unitIDs []int64, from, to string) ([]payesh.Rollup, error) {
	f, err := parsePeriodField(from, "from")
	if err != nil {
		return nil, err
	}
	t, err := parsePeriodField(to, "to")
	if err != nil {
		return nil, err
	}
	return db.FindRollups(ctx, indicatorID, unitIDs, f, t)
}

// Explain recomputes one rolled-up number from the raw values of the
// unit's subtree, with every contributing value, beside the stored one.
func (db *DB) Explain(ctx context.Context, indicatorID, unitID int64, period string) (*payesh.Explanation, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	p, err := parsePeriodField(period, "period")
	if err != nil {
		return nil, err
	}
	ind, err := db.findIndicator(ctx, db.db, indicatorID)
	if err != nil {
		return nil, err
	}
	base, _ := ind.Frequency.Granularity()
	first, last := spanOf(p, base)
	rows, err := db.db.QueryContext(ctx, `SELECT `+valueColumns+`, o.path FROM indicator_values v JOIN org_units o ON o.id = v.unit_id
		WHERE v.indicator_id = $1 AND v.gran = $2 AND v.period BETWEEN $3 AND $4
		  AND o.path LIKE (SELECT path FROM org_units WHERE id = $5) || '%'
		ORDER BY v.period, v.unit_id`, indicatorID, int(base), first, last, unitID)
	if err != nil {
		return nil, err
	}
	tree := analytics.Tree{}
	var points []analytics.Point
	byKey := map[[2]string]payesh.IndicatorValue{}
	for rows.Next() {
		var path string
		v, err := scanValue(rows, &path)
		if err != nil {
			rows.Close()
			return nil, err
		}
		tree[v.UnitID] = path
		vp, _ := jalali.ParsePeriod(v.Period)
		points = append(points, analytics.Point{UnitID: v.UnitID, Period: vp, Value: v.Value})
		byKey[[2]string{v.Period, path}] = *v
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var rootPath string
	if err := db.db.QueryRowContext(ctx, `SELECT path FROM org_units WHERE id = $1`, unitID).Scan(&rootPath); err != nil {
		return nil, notFoundIfNoRows(err, "org_unit")
	}
	tree[unitID] = rootPath
	ex := analytics.Compute(analytics.Rule{UnitAgg: ind.UnitAgg, TimeAgg: ind.TimeAgg}, tree, points, unitID, p)
	out := &payesh.Explanation{Indicator: ind, UnitID: unitID, Period: p.String(), Steps: []payesh.ExplanationStep{}}
	for _, s := range ex.Steps {
		step := payesh.ExplanationStep{Period: s.Period.String(), Aggregate: s.Aggregate}
		for _, pt := range s.Points {
			step.Values = append(step.Values, byKey[[2]string{s.Period.String(), tree[pt.UnitID]}])
		}
		out.Steps = append(out.Steps, step)
	}
	if ex.HasAny {
		out.Computed = &ex.Value
	}
	stored, err := db.FindRollups(ctx, indicatorID, []int64{unitID}, p, p)
	if err != nil {
		return nil, err
	}
	if len(stored) == 1 {
		out.Stored = &stored[0].Value
	}
	return out, nil
}
