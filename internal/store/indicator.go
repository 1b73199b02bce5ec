package store

import (
	"context"
	"database/sql"
	"strings"

	"payesh"
)

const indicatorColumns = `i.id, i.code, i.name_fa, i.name_en, i.description, i.measure, i.direction, i.unit_agg,
	i.time_agg, i.frequency, i.baseline, i.baseline_period, i.on_track, i.at_risk, i.reporting_kinds,
	i.version, i.created_at, i.updated_at, i.min_value, i.max_value, i.numerator_id, i.denominator_id, i.scale`

func scanIndicator(r interface{ Scan(...any) error }) (*payesh.Indicator, error) {
	var i payesh.Indicator
	var baseline, lo, hi sql.NullFloat64
	var num, den sql.NullInt64
	var kinds string
	err := r.Scan(&i.ID, &i.Code, &i.NameFA, &i.NameEN, &i.Description, &i.Measure, &i.Direction, &i.UnitAgg,
		&i.TimeAgg, &i.Frequency, &baseline, &i.BaselinePeriod, &i.Thresholds.OnTrack, &i.Thresholds.AtRisk, &kinds,
		&i.Version, &i.CreatedAt, &i.UpdatedAt, &lo, &hi, &num, &den, &i.Scale)
	i.Baseline, i.Min, i.Max = floatOrNil(baseline), floatOrNil(lo), floatOrNil(hi)
	i.NumeratorID, i.DenominatorID = idOrNil(num), idOrNil(den)
	i.ReportingKinds = []payesh.UnitKind{}
	for _, k := range strings.Split(kinds, ",") {
		if k != "" {
			i.ReportingKinds = append(i.ReportingKinds, payesh.UnitKind(k))
		}
	}
	return &i, err
}

func floatOrNil(f sql.NullFloat64) *float64 {
	if !f.Valid {
		return nil
	}
	return &f.Float64
}

func idOrNil(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	return &n.Int64
}

func (db *DB) findIndicator(ctx context.Context, q queryer, id int64) (*payesh.Indicator, error) {
	i, err := scanIndicator(q.QueryRowContext(ctx, `SELECT `+indicatorColumns+` FROM indicators i WHERE i.id = $1`, id))
	if err != nil {
		return nil, notFoundIfNoRows(err, "indicator")
	}
	if i.ClauseIDs, err = idList(ctx, q, `SELECT clause_id FROM indicator_clauses WHERE indicator_id = $1 ORDER BY 1`, id); err != nil {
		return nil, err
	}
	i.WorkItemIDs, err = idList(ctx, q, `SELECT work_item_id FROM indicator_work WHERE indicator_id = $1 ORDER BY 1`, id)
	return i, err
}

func idList(ctx context.Context, q queryer, query string, id int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, id)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (int64, error) {
		var v int64
		return v, r.Scan(&v)
	})
}

// FindIndicatorByID returns one indicator with its links, if the user
// may read it: a partner reads only those linked to work it reads.
func (db *DB) FindIndicatorByID(ctx context.Context, id int64) (*payesh.Indicator, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	ind, err := db.findIndicator(ctx, db.db, id)
	if err != nil {
		return nil, err
	}
	if err := db.requireIndicator(ctx, s, id); err != nil {
		return nil, err
	}
	return ind, nil
}

// CreateIndicator defines an indicator (secretariat and admins).
func (db *DB) CreateIndicator(ctx context.Context, i *payesh.Indicator) error {
	if err := requireConfigure(ctx); err != nil {
		return err
	}
	i.Normalize()
	if err := i.Validate(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := firstInvalid(tx.allExist("clauses", i.ClauseIDs, "clause_ids"), tx.allExist("work_items", i.WorkItemIDs, "work_item_ids")); err != nil {
			return err
		}
		if err := tx.checkRatioInputs(i); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `
			INSERT INTO indicators (code, name_fa, name_en, description, measure, direction, unit_agg, time_agg, frequency,
				baseline, baseline_period, on_track, at_risk, reporting_kinds, created_at, updated_at,
				min_value, max_value, numerator_id, denominator_id, scale)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16, $17, $18, $19, $20) RETURNING id`,
			i.Code, i.NameFA, i.NameEN, i.Description, i.Measure, i.Direction, i.UnitAgg, i.TimeAgg, i.Frequency,
			i.Baseline, i.BaselinePeriod, i.Thresholds.OnTrack, i.Thresholds.AtRisk, joinKinds(i.ReportingKinds), tx.now,
			i.Min, i.Max, i.NumeratorID, i.DenominatorID, i.Scale).Scan(&i.ID)
		if isUniqueViolation(err) {
			return codeTaken()
		} else if err != nil {
			return err
		}
		if i.IsRatio() {
			if err := tx.rebuildRatio(i); err != nil {
				return err
			}
		}
		i.Version, i.CreatedAt, i.UpdatedAt = 1, tx.now, tx.now
		if err := tx.setIndicatorLinks(i); err != nil {
			return err
		}
		if err := tx.audit("indicator", i.ID, payesh.ActionCreate, nil, i); err != nil {
			return err
		}
		return nil
	})
}

// checkRatioInputs locks a ratio's numerator and denominator, so no value
// of theirs changes until the ratio's rows are written, and checks they
// are indicators that add up: a ratio of ratios or of averages means
// nothing.
func (tx *Tx) checkRatioInputs(i *payesh.Indicator) error {
	if !i.IsRatio() {
		return nil
	}
	if err := tx.lockOrg(false); err != nil {
		return err
	}
	if err := tx.lock(lockIndicator, *i.NumeratorID, *i.DenominatorID); err != nil {
		return err
	}
	f := map[string]string{}
	for field, id := range map[string]int64{"numerator_id": *i.NumeratorID, "denominator_id": *i.DenominatorID} {
		in, err := tx.db.findIndicator(tx.ctx, tx, id)
		switch {
		case payesh.ErrorCode(err) == payesh.ENOTFOUND:
			f[field] = "err.unknown_ref"
		case err != nil:
			return err
		case in.UnitAgg != payesh.AggSum || in.Frequency != i.Frequency:
			f[field] = "err.indicator.ratio_input"
		}
	}
	return payesh.Invalid(f)
}

func (tx *Tx) setIndicatorLinks(i *payesh.Indicator) error {
	for _, c := range i.ClauseIDs {
		if _, err := tx.ExecContext(tx.ctx, `INSERT INTO indicator_clauses (indicator_id, clause_id) VALUES ($1, $2)`, i.ID, c); err != nil {
			return err
		}
	}
	for _, w := range i.WorkItemIDs {
		if _, err := tx.ExecContext(tx.ctx, `INSERT INTO indicator_work (indicator_id, work_item_id) VALUES ($1, $2)`, i.ID, w); err != nil {
			return err
		}
	}
	return nil
}

func joinKinds(kinds []payesh.UnitKind) string {
	s := make([]string, len(kinds))
	for i, k := range kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ",")
}
