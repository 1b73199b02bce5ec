package store

import (
	"context"
	"database/sql"
	"fmt"

	"payesh"
	"payesh/internal/jalali"
)

// SetTargets upserts targets of one indicator (secretariat and admins).
func (db *DB) SetTargets(ctx context.Context, indicatorID int64, targets []payesh.Target) error {
	if err := requireConfigure(ctx); err != nil {
		return err
	}
	if err := payesh.ValidateTargets(targets); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		if _, err := db.findIndicator(ctx, tx, indicatorID); err != nil {
			return err
		}
		for n, t := range targets {
			p, err := parsePeriodField(t.Period, fmt.Sprintf("targets.%d.period", n))
			if err != nil {
				return err
			}
			if _, err := tx.unitPath(t.UnitID); err != nil {
				return payesh.Invalid(map[string]string{fmt.Sprintf("targets.%d.unit_id", n): "err.unknown_ref"})
			}
			k := keyOf(p)
			if _, err := tx.ExecContext(ctx, `INSERT INTO indicator_targets (indicator_id, unit_id, gran, period, value)
				VALUES ($1, $2, $3, $4, $5)
				ON CONFLICT (indicator_id, unit_id, gran, period) DO UPDATE SET value = excluded.value`,
				indicatorID, t.UnitID, k.gran, k.code, t.Value); err != nil {
				return err
			}
		}
		if err := tx.audit("indicator", indicatorID, "targets", nil, targets); err != nil {
			return err
		}
		return nil
	})
}

// targetFor returns the target of a unit and period: the set one, or one
// interpolated from the baseline to the next set target of the same
// granularity; nil when neither exists.
func (db *DB) targetFor(ctx context.Context, ind *payesh.Indicator, unitID int64, p jalali.Period) (*float64, bool, error) {
	k := keyOf(p)
	var v float64
	err := db.db.QueryRowContext(ctx, `SELECT value FROM indicator_targets
		WHERE indicator_id = $1 AND unit_id = $2 AND gran = $3 AND period = $4`, ind.ID, unitID, k.gran, k.code).Scan(&v)
	if err == nil {
		return &v, false, nil
	} else if err != sql.ErrNoRows {
		return nil, false, err
	}
	if ind.Baseline == nil || ind.BaselinePeriod == "" {
		return nil, false, nil
	}
	var next int
	err = db.db.QueryRowContext(ctx, `SELECT period, value FROM indicator_targets
		WHERE indicator_id = $1 AND unit_id = $2 AND gran = $3 AND period > $4 ORDER BY period LIMIT 1`,
		ind.ID, unitID, k.gran, k.code).Scan(&next, &v)
	if err == sql.ErrNoRows {
		return nil, false, nil
	} else if err != nil {
		return nil, false, err
	}
	base, err := jalali.ParsePeriod(ind.BaselinePeriod)
	if err != nil {
		return nil, false, err
	}
	end := periodKey{k.gran, next}.period()
	t := payesh.Interpolate(monthPos(base), *ind.Baseline, monthPos(end), v, monthPos(p))
	return &t, true, nil
}

// monthPos places a period on a line of months by its last month, so a
// year, its last quarter and Esfand share one position.
func monthPos(p jalali.Period) float64 {
	l := p.Last()
	return float64(l.Year*12 + l.Month - 1)
}

// FindScores judges indicators for one unit's subtree and period: the
// rolled-up value at the period's granularity, the target and the status,
// in a fixed number of queries for any number of indicators.
//
// An indicator the user may not read is not found, as an unknown one; the
// provisional basis where the user may not read the unit on it is the
// approved one (payesh.ReadScope).
func (db *DB) FindScores(ctx context.Context, indicatorIDs []int64, unitID int64, period string, b payesh.Basis) ([]payesh.Score, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	readable, err := db.readableIndicators(ctx, s)
	if err != nil {
		return nil, err
	}
	b = s.basisAt(b, unitID)
	p, err := parsePeriodField(period, "period")
	if err != nil {
		return nil, err
	}
	if len(indicatorIDs) == 0 {
		return []payesh.Score{}, nil
	}
	w := &where{}
	w.add("i.id IN "+inList(len(indicatorIDs)), anySlice(indicatorIDs)...)
	inds, err := db.indicatorsWhere(ctx, w, "")
	if err != nil {
		return nil, err
	}
	byID := map[int64]*payesh.Indicator{}
	for _, ind := range inds {
		byID[ind.ID] = ind
	}
	ordered := make([]*payesh.Indicator, 0, len(indicatorIDs))
	for _, id := range indicatorIDs {
		ind, ok := byID[id]
		if !ok || readable != nil && !readable[id] {
			return nil, payesh.NotFound("indicator")
		}
		ordered = append(ordered, ind)
	}
	return db.score(ctx, ordered, unitID, p, b)
}
