package briefing

import (
	"fmt"

	"payesh"
	"payesh/internal/export"
	"payesh/internal/i18n"
)

// RoundUnits is a round's units as a table — the round summary's "by
// unit" — a row a unit: where its report stands, when it was first sent,
// how late, how much of what it owed it filled, its files and its trust
// score.
type RoundUnits struct {
	Lang  i18n.Lang
	Units map[int64]*payesh.OrgUnit
}

// Table is the table of round r (its period as people read it: «مهر
// ۱۴۰۳»).
func (b RoundUnits) Table(r *payesh.Round, period string, today payesh.Date) export.Table {
	lang := b.Lang
	title := fmt.Sprintf("%s: %s — %s", i18n.T(lang, "ui.summary.title"), r.Title, period)
	deadline := i18n.T(lang, "ui.round.deadline") + ": " + digits(lang, r.Deadline.JalaliString())
	t := newTable(lang, "ui.export.round.sheet", Titled(lang, title, today), []string{deadline, i18n.T(lang, "ui.round.score_hint")})
	col := func(key string, k export.Kind, width float64) export.Column {
		return export.Column{Header: i18n.T(lang, key), Kind: k, Width: width}
	}
	t.Columns = []export.Column{
		col("ui.report.unit", export.Text, 35),
		col("ui.report.state", export.Text, 16),
		{Header: i18n.T(lang, "ui.round.first_submitted"), Kind: export.Date, DateHeader: gregorian(lang, "ui.round.first_submitted")},
		col("ui.round.timeliness", export.Text, 16),
		col("ui.export.days_late", export.Number, 10),
		col("ui.round.completeness", export.Number, 12),
		col("ui.export.values_expected", export.Number, 12),
		col("ui.round.evidence", export.Number, 10),
		col("ui.round.score", export.Number, 10),
	}
	return t
}

// Row is one unit's score. Its first submission is dated in Tehran, as
// the pages date it.
func (b RoundUnits) Row(sc payesh.UnitScore) []any {
	lang := b.Lang
	var sent any
	if sc.SubmittedAt != nil {
		sent = payesh.DateOf(sc.SubmittedAt.In(payesh.Tehran))
	}
	timely := "—"
	switch {
	case sc.OnTime:
		timely = i18n.T(lang, "ui.round.on_time")
	case sc.DaysLate > 0:
		timely = i18n.T(lang, "ui.export.round.late")
	}
	var late any
	if sc.DaysLate > 0 {
		late = sc.DaysLate
	}
	state := ""
	if sc.State != "" {
		state = i18n.T(lang, "ui.report.state."+string(sc.State))
	}
	return []any{UnitName(lang, b.Units[sc.UnitID]), state, sent, timely, late, sc.ValuesFilled, sc.ValuesExpected, sc.Evidence, sc.Score}
}
