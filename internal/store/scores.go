package store

import (
	"context"
	"database/sql"
	"time"

	"payesh"
	"payesh/internal/jalali"
)

// unitReport is one unit's report as scoring builds its score.
type unitReport struct {
	score payesh.UnitScore
	kind  payesh.UnitKind
}

// roundScoring holds a round's reports while their scores are built, by
// unit and by report.
type roundScoring struct {
	round    *payesh.Round
	period   jalali.Period
	today    payesh.Date
	list     []*unitReport
	byUnit   map[int64]*unitReport
	byReport map[int64]*unitReport
}

// Scores returns, for every unit of a round the user may read (ordered by
// the org tree), how far its numbers can be trusted: whether it reported on
// time, how many of the values it owed it filled, how much evidence it
// attached, and the score scoreOf makes of them. It reads a fixed number
// of queries however many units the round has.
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
	sc := &roundScoring{round: round, period: p, today: db.today(),
		byUnit: map[int64]*unitReport{}, byReport: map[int64]*unitReport{}}
	if err := db.scoredReports(ctx, u, sc); err != nil || len(sc.list) == 0 {
		return []payesh.UnitScore{}, err
	}
	for _, step := range []func(context.Context, *roundScoring) error{db.firstSubmissions, db.owedValues, db.evidenceCounts} {
		if err := step(ctx, sc); err != nil {
			return nil, err
		}
	}
	out := make([]payesh.UnitScore, len(sc.list))
	for i, r := range sc.list {
		s := &r.score
		asOf := sc.today // not submitted: late for as long as it is missing
		if s.SubmittedAt != nil {
			asOf = payesh.Today(*s.SubmittedAt)
		}
		s.DaysLate = max(0, payesh.DaysBetween(round.Deadline, asOf))
		s.OnTime = s.SubmittedAt != nil && s.DaysLate == 0
		s.Score = scoreOf(s)
		out[i] = *s
	}
	return out, nil
}

// scoredReports reads the round's reports the user may read.
func (db *DB) scoredReports(ctx context.Context, u *payesh.User, sc *roundScoring) error {
	return db.eachRow(ctx, `SELECT p.id, p.unit_id, p.state, p.submitted_at, o.kind, o.path
		FROM reports p JOIN org_units o ON o.id = p.unit_id WHERE p.round_id = $1 ORDER BY o.path, p.id`,
		[]any{sc.round.ID}, func(scan func(...any) error) error {
			r := &unitReport{score: payesh.UnitScore{RoundID: sc.round.ID}}
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
			sc.list = append(sc.list, r)
			sc.byUnit[r.score.UnitID], sc.byReport[r.score.ReportID] = r, r
			return nil
		})
}

// firstSubmissions sets each report's SubmittedAt to the submission its
// timeliness is judged by, which the audit trail keeps: the first one not
// withdrawn afterwards. A unit that reported on time and was asked for a
// correction still reported on time; one that withdrew its report has
// sent nothing until it sends again, and a report in draft has sent
// nothing whatever its history. A report without a submission in the
// trail keeps its own submitted_at.
func (db *DB) firstSubmissions(ctx context.Context, sc *roundScoring) error {
	first := map[int64]*time.Time{}
	err := db.eachRow(ctx, `SELECT entity_id, action, at FROM audit_events WHERE entity = 'report' AND action IN ($1, $2)
		AND entity_id IN (SELECT id FROM reports WHERE round_id = $3) ORDER BY at, id`,
		[]any{payesh.ActSubmit, payesh.ActWithdraw, sc.round.ID}, func(scan func(...any) error) error {
			var id int64
			var action payesh.ReviewAction
			var at time.Time
			if err := scan(&id, &action, &at); err != nil {
				return err
			}
			switch {
			case action == payesh.ActWithdraw:
				first[id] = nil
			case first[id] == nil:
				first[id] = &at
			}
			return nil
		})
	for id, r := range sc.byReport {
		if at, audited := first[id]; audited {
			r.score.SubmittedAt = at
		}
		if r.score.State == payesh.ReportDraft {
			r.score.SubmittedAt = nil
		}
	}
	return err
}

// owedValues counts, for each unit, the values it owes — every indicator
// its kind reports, once per base period of the indicator's frequency
// inside the round's period that has begun — and those of them it filled.
func (db *DB) owedValues(ctx context.Context, sc *roundScoring) error {
	owed, err := owedIndicators(ctx, db.db)
	if err != nil {
		return err
	}
	inds := map[int64]owedIndicator{}
	for _, ind := range owed {
		inds[ind.id] = ind
		first, last, ok := owedSpan(sc.period, ind.gran, sc.today)
		for _, r := range sc.list {
			if ok && ind.owedBy(r.kind) {
				r.score.ValuesExpected += last - first + 1
			}
		}
	}
	for g := sc.period.Gran; g <= jalali.Month; g++ {
		first, last, ok := owedSpan(sc.period, g, sc.today)
		if !ok {
			continue
		}
		err = db.eachRow(ctx, `SELECT unit_id, indicator_id FROM indicator_values
			WHERE gran = $1 AND period BETWEEN $2 AND $3 AND unit_id IN (SELECT unit_id FROM reports WHERE round_id = $4)`,
			[]any{int(g), first, last, sc.round.ID}, func(scan func(...any) error) error {
				var unit, id int64
				if err := scan(&unit, &id); err != nil {
					return err
				}
				ind, ok := inds[id]
				if r := sc.byUnit[unit]; r != nil && ok && ind.gran == g && ind.owedBy(r.kind) {
					r.score.ValuesFilled++
				}
				return nil
			})
		if err != nil {
			return err
		}
	}
	return nil
}

// evidenceCounts counts each report's files.
func (db *DB) evidenceCounts(ctx context.Context, sc *roundScoring) error {
	return db.eachRow(ctx, `SELECT report_id, COUNT(*) FROM evidence
		WHERE report_id IN (SELECT id FROM reports WHERE round_id = $1) GROUP BY report_id`,
		[]any{sc.round.ID}, func(scan func(...any) error) error {
			var id int64
			var n int
			if err := scan(&id, &n); err != nil {
				return err
			}
			if r := sc.byReport[id]; r != nil {
				r.score.Evidence = n
			}
			return nil
		})
}

// scoreOf is payesh.ScoreOf of a unit as leadership may read it: a unit
// that has sent nothing has shown neither timeliness nor completeness —
// not the full completeness ScoreOf gives a unit that owes no value, nor
// credit for drafts no one has vouched for.
func scoreOf(s *payesh.UnitScore) int {
	if s.SubmittedAt == nil {
		const owesOne = 1 // with nothing filled, completeness is 0
		return payesh.ScoreOf(false, s.DaysLate, 0, owesOne, s.Evidence)
	}
	return payesh.ScoreOf(true, s.DaysLate, s.ValuesFilled, s.ValuesExpected, s.Evidence)
}
