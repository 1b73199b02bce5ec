package api

import (
	"fmt"
	"net/http"

	"payesh"
	"payesh/internal/briefing"
	"payesh/internal/export"
	"payesh/internal/i18n"
)

// scoreCard is a scorecard as asked for: one clause's indicators (nil
// clause: those linked to none) for one unit's subtree and period.
type scoreCard struct {
	clause *payesh.Clause
	unit   *payesh.OrgUnit
	period string
	basis  payesh.Basis
	scores []payesh.Score
}

// exportScorecard answers GET /scorecard?format=xlsx|csv: the card as the
// dashboard's file lays it out, on the basis asked for, which its title
// row says and each row repeats.
func (s *server) exportScorecard(w http.ResponseWriter, r *http.Request, f export.Format, c scoreCard) error {
	lang, today := langOf(r), payesh.Today(s.Now())
	b := briefing.Scores{Lang: lang}
	scope := i18n.T(lang, "ui.trust.no_clause")
	if c.clause != nil {
		scope = briefing.ClauseNumber(lang, c.clause)
	}
	title := fmt.Sprintf("%s — %s — %s", i18n.T(lang, "ui.dash.title"), scope,
		fmt.Sprintf(i18n.T(lang, "ui.dash.scope"), briefing.UnitName(lang, c.unit), briefing.PeriodLabel(lang, c.period)))
	t := b.Table("ui.export.scorecard.sheet", title, c.basis, today)
	return s.sendExport(w, r, f, briefing.FileName("scorecard", today), t, func(xw export.Writer) error {
		for _, sc := range c.scores {
			if err := xw.Write(b.Row("", nil, 0, "", sc)...); err != nil {
				return err
			}
		}
		return nil
	})
}

// exportRoundScores answers GET /rounds/{id}/scores?format=xlsx|csv: the
// round summary's table by unit, the units the caller may read.
func (s *server) exportRoundScores(w http.ResponseWriter, r *http.Request, f export.Format, id int64, scores []payesh.UnitScore) error {
	ctx, lang, today := r.Context(), langOf(r), payesh.Today(s.Now())
	round, err := s.Reports.FindRound(ctx, id)
	if err != nil {
		return err
	}
	units, err := briefing.UnitMap(ctx, s.Units)
	if err != nil {
		return err
	}
	b := briefing.RoundUnits{Lang: lang, Units: units}
	t := b.Table(round, briefing.PeriodLabel(lang, round.Period), today)
	return s.sendExport(w, r, f, briefing.FileName(fmt.Sprintf("round-%d", id), today), t, func(xw export.Writer) error {
		for _, sc := range scores {
			if err := xw.Write(b.Row(sc)...); err != nil {
				return err
			}
		}
		return nil
	})
}
