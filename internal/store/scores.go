package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"payesh"
	"payesh/internal/jalali"
)

// Scores returns, for every unit of a round the user may read (ordered by
// the org tree), how far its numbers can be trusted: whether it reported on
// time, how many of the values it owed it filled, how much evidence it
// attached, and the score payesh.ScoreOf makes of them. It reads a fixed
// number of queries however many units the round has.
func (db *DB) Scores(ctx context.Context, roundID int64) ([]payesh.UnitScore, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	round, err := db.findRound(ctx, db.db, roundID)
	if err != nil {
		return nil, err
	}
	p, err := jalali.ParsePeriod(round.Period)
	if err != nil {
		return nil, err
	}
	type unitReport struct {
		score payesh.UnitScore
		kind  payesh.UnitKind
	}
	var list []*unitReport
	byUnit := map[int64]*unitReport{}
	byReport := map[int64]*unitReport{}
	err = db.eachRow(ctx, `SELECT p.id, p.unit_id, p.state, p.submitted_at, o.kind, o.path
		FROM reports p JOIN org_units o ON o.id = p.unit_id WHERE p.round_id = $1 ORDER BY o.path, p.id`,
		[]any{roundID}, func(scan func(...any) error) error {
			r := &unitReport{score: payesh.UnitScore{RoundID: roundID}}
			var sub sql.NullTime
			var path string
			if err := scan(&r.score.ReportID, &r.score.UnitID, &r.score.State, &sub, &r.kind, &path); err != nil {
				return err
			}
			if !canRead(u, path) {
				return nil
			}
			if sub.Valid {
				r.score.SubmittedAt = &sub.Time
			}
			list = append(list, r)
			byUnit[r.score.UnitID], byReport[r.score.ReportID] = r, r
			return nil
		})
	if err != nil || len(list) == 0 {
		return []payesh.UnitScore{}, err
	}

	// A report's submitted_at is its latest submission; timeliness is
	// judged by the first, which the audit trail keeps: a unit that reported
	// on time and was asked for a correction still reported on time.
	err = db.eachRow(ctx, `SELECT entity_id, at FROM audit_events WHERE entity = 'report' AND action = $1
		AND entity_id IN (SELECT id FROM reports WHERE round_id = $2)`,
		[]any{payesh.ActSubmit, roundID}, func(scan func(...any) error) error {
			var id int64
			var at time.Time
			if err := scan(&id, &at); err != nil {
				return err
			}
			if r := byReport[id]; r != nil && (r.score.SubmittedAt == nil || at.Before(*r.score.SubmittedAt)) {
				r.score.SubmittedAt = &at
			}
			return nil
		})
	if err != nil {
		return nil, err
	}

	// What each unit owes: every indicator its kind reports, once per base
	// period of the indicator's frequency inside the round's period.
	inds := map[int64]scoreIndicator{}
	err = db.eachRow(ctx, `SELECT id, frequency, reporting_kinds FROM indicators`, nil, func(scan func(...any) error) error {
		var id int64
		var freq payesh.Frequency
		var kinds string
		if err := scan(&id, &freq, &kinds); err != nil {
			return err
		}
		g, ok := freq.Granularity()
		if !ok {
			return nil
		}
		inds[id] = scoreIndicator{gran: g, periods: basePeriods(p, g), kinds: kinds}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, r := range list {
		for _, ind := range inds {
			if ind.reportedBy(r.kind) {
				r.score.ValuesExpected += ind.periods
			}
		}
	}
	for g := p.Gran; g <= jalali.Month; g++ {
		first, last := spanOf(p, g)
		err = db.eachRow(ctx, `SELECT unit_id, indicator_id FROM indicator_values
			WHERE gran = $1 AND period BETWEEN $2 AND $3 AND unit_id IN (SELECT unit_id FROM reports WHERE round_id = $4)`,
			[]any{int(g), first, last, roundID}, func(scan func(...any) error) error {
				var unit, id int64
				if err := scan(&unit, &id); err != nil {
					return err
				}
				ind, ok := inds[id]
				if r := byUnit[unit]; r != nil && ok && ind.gran == g && ind.reportedBy(r.kind) {
					r.score.ValuesFilled++
				}
				return nil
			})
		if err != nil {
			return nil, err
		}
	}

	err = db.eachRow(ctx, `SELECT report_id, COUNT(*) FROM evidence
		WHERE report_id IN (SELECT id FROM reports WHERE round_id = $1) GROUP BY report_id`,
		[]any{roundID}, func(scan func(...any) error) error {
			var id int64
			var n int
			if err := scan(&id, &n); err != nil {
				return err
			}
			if r := byReport[id]; r != nil {
				r.score.Evidence = n
			}
			return nil
		})
	if err != nil {
		return nil, err
	}

	today := db.today()
	out := make([]payesh.UnitScore, len(list))
	for i, r := range list {
		s := &r.score
		asOf := today // not submitted: late for as long as it is missing
		if s.SubmittedAt != nil {
			asOf = payesh.Today(*s.SubmittedAt)
		}
		s.DaysLate = max(0, payesh.DaysBetween(round.Deadline, asOf))
		s.OnTime = s.SubmittedAt != nil && s.DaysLate == 0
		s.Score = payesh.ScoreOf(s.SubmittedAt != nil, s.DaysLate, s.ValuesFilled, s.ValuesExpected, s.Evidence)
		out[i] = *s
	}
	return out, nil
}

// scoreIndicator is what scoring needs of an indicator: its granularity,
// how many of its base periods the round's period holds, and the unit
// kinds that report it ("" = all), as stored.
type scoreIndicator struct {
	gran    jalali.Granularity
	periods int
	kinds   string
}

func (i scoreIndicator) reportedBy(k payesh.UnitKind) bool {
	if i.kinds == "" {
		return true
	}
	for _, s := range strings.Split(i.kinds, ",") {
		if payesh.UnitKind(s) == k {
			return true
		}
	}
	return false
}

// basePeriods returns how many periods of granularity g lie inside p: 3
// months in a quarter, 4 quarters in a year, none of a year in a quarter.
func basePeriods(p jalali.Period, g jalali.Granularity) int {
	if g < p.Gran {
		return 0
	}
	first, last := spanOf(p, g)
	return last - first + 1
}
