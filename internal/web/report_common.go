package web

import (
	"net/http"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
	"payesh/internal/valuebook"
)

// reportRow is a report as the lists show it: with its round, unit, the
// period's name and where it stands against the deadline.
type reportRow struct {
	Report *payesh.Report
	Round  *payesh.Round
	Unit   *payesh.OrgUnit
	Period string
	Due    reportDue
}

// reportDue says where a report stands against its round's deadline: the
// days left while the unit still owes it, or how late it is.
type reportDue struct {
	Deadline payesh.Date
	Days     int  // days left, or days late when Late
	Late     bool // the deadline has passed
	Owed     bool // a draft or returned report of an open round
}

func dueOf(rep *payesh.Report, round *payesh.Round, today payesh.Date) reportDue {
	d := reportDue{Deadline: round.Deadline, Owed: rep.Editable() && !round.Closed}
	if n := payesh.DaysBetween(today, round.Deadline); n < 0 {
		d.Late, d.Days = true, -n
	} else {
		d.Days = n
	}
	return d
}

// periodLabel names a round's period in the interface's language:
// "تابستان ۱۴۰۳", "Summer 1403"; an unreadable one is shown as stored.
func periodLabel(lang i18n.Lang, period string) string {
	p, err := jalali.ParsePeriod(period)
	if err != nil {
		return period
	}
	return valuebook.PeriodLabel(lang, p)
}

// reportRows dresses reports for a list, reading each round once.
func (s *server) reportRows(r *http.Request, reports []*payesh.Report, units map[int64]*payesh.OrgUnit) ([]reportRow, error) {
	rounds := map[int64]*payesh.Round{}
	today, lang := payesh.Today(s.Now()), langOf(r)
	rows := make([]reportRow, 0, len(reports))
	for _, rep := range reports {
		round, ok := rounds[rep.RoundID]
		if !ok {
			var err error
			if round, err = s.Reports.FindRound(r.Context(), rep.RoundID); err != nil {
				return nil, err
			}
			rounds[rep.RoundID] = round
		}
		rows = append(rows, reportRow{Report: rep, Round: round, Unit: units[rep.UnitID],
			Period: periodLabel(lang, round.Period), Due: dueOf(rep, round, today)})
	}
	return rows, nil
}

// chainStep is one level of a report's review as the page shows it: who
// reviews, and whether that review is done, under way or still ahead.
type chainStep struct {
	Level payesh.ReviewLevel
	Unit  *payesh.OrgUnit // the province; nil for the secretariat
	State string          // "done", "current" or "waiting"
}

func chainSteps(rep *payesh.Report, steps []payesh.ChainStep, units map[int64]*payesh.OrgUnit) []chainStep {
	out := make([]chainStep, len(steps))
	for i, st := range steps {
		state := "waiting"
		switch {
		case rep.State == payesh.ReportApproved, rep.State == payesh.ReportSubmitted && i < rep.Level:
			state = "done"
		case rep.State == payesh.ReportSubmitted && i == rep.Level:
			state = "current"
		}
		out[i] = chainStep{Level: st.Level, Unit: units[st.UnitID], State: state}
	}
	return out
}

// mayReviewNow reports whether u reviews the report at its current step.
// The store decides; this only keeps buttons a user could not use off the
// page, by the same rule: the province's own people (not its viewers) at
// the province step, admins anywhere, the secretariat at its step.
func mayReviewNow(u *payesh.User, rep *payesh.Report, steps []payesh.ChainStep) bool {
	if rep.State != payesh.ReportSubmitted || rep.Level >= len(steps) {
		return false
	}
	st := steps[rep.Level]
	if st.Level == payesh.LevelSecretariat {
		return u.CanConfigure()
	}
	return u.CanAdminister() || (u.Active && u.UnitID == st.UnitID && u.Role != payesh.RoleViewer)
}
