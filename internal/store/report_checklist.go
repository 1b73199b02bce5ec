package store

import (
	"context"
	"database/sql"
	"strings"

	"payesh"
	"payesh/internal/jalali"
)

// owedIndicator is what deciding which values a unit owes needs of an
// indicator: its base granularity, and the indicator's reporting kinds
// and unit aggregation, by which payesh.Indicator.Reports judges.
type owedIndicator struct {
	id   int64
	gran jalali.Granularity
	ind  payesh.Indicator
}

// owedBy reports whether a unit of kind k owes the indicator's values:
// one with no reporting kinds is the organization's own figure, and a
// ratio is computed, not reported.
func (i owedIndicator) owedBy(k payesh.UnitKind) bool { return i.ind.Reports(k) }

// owedIndicators reads every indicator reported at a regular frequency,
// by id.
func owedIndicators(ctx context.Context, q queryer) ([]owedIndicator, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, frequency, unit_agg, reporting_kinds FROM indicators ORDER BY id`)
	if err != nil {
		return nil, err
	}
	all, err := scanAll(rows, func(r *sql.Rows) (owedIndicator, error) {
		var i owedIndicator
		var freq payesh.Frequency
		var kinds string
		err := r.Scan(&i.id, &freq, &i.ind.UnitAgg, &kinds)
		i.gran, _ = freq.Granularity() // 0 for an irregular one
		for _, k := range strings.Split(kinds, ",") {
			if k != "" {
				i.ind.ReportingKinds = append(i.ind.ReportingKinds, payesh.UnitKind(k))
			}
		}
		return i, err
	})
	out := all[:0]
	for _, i := range all {
		if i.gran != 0 {
			out = append(out, i)
		}
	}
	return out, err
}

// owedSpan returns the codes of the base periods of granularity g inside
// p that a unit owes by today: none of a year in a quarter, and none that
// has not begun, since no value can be entered for it yet.
func owedSpan(p jalali.Period, g jalali.Granularity, today payesh.Date) (first, last int, ok bool) {
	if g < p.Gran {
		return 0, 0, false
	}
	first, last = spanOf(p, g)
	last = min(last, keyOf(jalali.PeriodOf(today.Jalali(), g)).code)
	return first, last, first <= last
}

// Checklist says what a report still lacks, for those who may read it.
func (db *DB) Checklist(ctx context.Context, id int64) (*payesh.Checklist, error) {
	rc, err := db.readableReport(ctx, id)
	if err != nil {
		return nil, err
	}
	return db.checklist(ctx, db.db, rc)
}

// checklist reads what the report lacks through q, which is the
// submitting transaction when a submission is judged by it.
func (db *DB) checklist(ctx context.Context, q queryer, rc *reportCtx) (*payesh.Checklist, error) {
	r := rc.Report
	c := &payesh.Checklist{ReportID: r.ID, EmptyNarrative: []string{}, MissingValues: []payesh.MissingValue{},
		RequireNarrative: rc.round.RequireNarrative, RequireEvidence: rc.round.RequireEvidence, RequireValues: rc.round.RequireValues}
	for _, part := range []struct{ name, text string }{
		{"achievements", r.Achievements}, {"obstacles", r.Obstacles}, {"requests", r.Requests},
	} {
		if part.text == "" {
			c.EmptyNarrative = append(c.EmptyNarrative, part.name)
		}
	}
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM evidence WHERE report_id = $1`, r.ID).Scan(&c.Evidence); err != nil {
		return nil, err
	}
	return c, db.missingValues(ctx, q, rc, c)
}

// missingValues lists the values of the round's period the report's unit
// owes, by indicator then period, and keeps those it has not entered.
func (db *DB) missingValues(ctx context.Context, q queryer, rc *reportCtx, c *payesh.Checklist) error {
	p, err := jalali.ParsePeriod(rc.round.Period)
	if err != nil {
		return err
	}
	var kind payesh.UnitKind
	if err := q.QueryRowContext(ctx, `SELECT kind FROM org_units WHERE id = $1`, rc.UnitID).Scan(&kind); err != nil {
		return err
	}
	inds, err := owedIndicators(ctx, q)
	if err != nil {
		return err
	}
	entered, err := enteredValues(ctx, q, rc.UnitID, p)
	if err != nil {
		return err
	}
	today := db.today()
	for _, ind := range inds {
		first, last, ok := owedSpan(p, ind.gran, today)
		if !ind.owedBy(kind) || !ok {
			continue
		}
		for code := first; code <= last; code++ {
			c.ValuesExpected++
			k := periodKey{int(ind.gran), code}
			if !entered[enteredKey{ind.id, k}] {
				c.MissingValues = append(c.MissingValues, payesh.MissingValue{IndicatorID: ind.id, Period: k.period().String()})
			}
		}
	}
	return nil
}

type enteredKey struct {
	indicator int64
	period    periodKey
}

// enteredValues returns which values the unit has entered for p and the
// periods inside it, whatever their state: a draft goes with the report.
func enteredValues(ctx context.Context, q queryer, unitID int64, p jalali.Period) (map[enteredKey]bool, error) {
	out := map[enteredKey]bool{}
	for g := p.Gran; g <= jalali.Month; g++ {
		first, last := spanOf(p, g)
		rows, err := q.QueryContext(ctx, `SELECT indicator_id, period FROM indicator_values
			WHERE unit_id = $1 AND gran = $2 AND period BETWEEN $3 AND $4`, unitID, int(g), first, last)
		if err != nil {
			return nil, err
		}
		keys, err := scanAll(rows, func(r *sql.Rows) (enteredKey, error) {
			k := enteredKey{period: periodKey{gran: int(g)}}
			return k, r.Scan(&k.indicator, &k.period.code)
		})
		if err != nil {
			return nil, err
		}
		for _, k := range keys {
			out[k] = true
		}
	}
	return out, nil
}
