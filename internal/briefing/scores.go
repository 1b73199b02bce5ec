package briefing

import (
	"payesh"
	"payesh/internal/export"
	"payesh/internal/i18n"
)

// Scores are judged indicators as a table: the scorecard (with Axes, a
// row an indicator under each clause of the policy, the clause's work
// progress beside it) or one clause's card from the API (without), and
// the province comparison (with Ranks, a row a province). Every number
// is on the basis the page or the request read it on, which the title
// says and each row repeats.
type Scores struct {
	Lang  i18n.Lang
	Axes  bool // the clause and its work progress lead each row
	Ranks bool // a province comparison: rank and province lead each row
}

// Table is the scores' table, titled title, the basis under it.
func (b Scores) Table(sheetKey, title string, basis payesh.Basis, today payesh.Date) export.Table {
	lang := b.Lang
	t := newTable(lang, sheetKey, Titled(lang, title, today), []string{BasisNote(lang, basis)})
	col := func(key string, k export.Kind, width float64) export.Column {
		return export.Column{Header: i18n.T(lang, key), Kind: k, Width: width}
	}
	if b.Axes {
		t.Columns = append(t.Columns, col("ui.dash.axis", export.Text, 40),
			export.Column{Header: percent(lang, "ui.dash.work_progress"), Kind: export.Percent, Width: 14})
	}
	if b.Ranks {
		t.Columns = append(t.Columns, col("ui.dash.rank", export.Number, 8), col("ui.dash.province", export.Text, 30))
	}
	t.Columns = append(t.Columns,
		col("ui.work.code", export.Text, 16),
		col("ui.dash.indicator", export.Text, 45),
		col("ui.xlsx.measure", export.Text, 12),
		col("ui.dash.value", export.Number, 14),
		col("ui.dash.target", export.Number, 14),
		col("ui.export.target_interpolated", export.Text, 12),
		export.Column{Header: percent(lang, "ui.dash.achievement"), Kind: export.Percent, Width: 14},
		col("ui.dash.status", export.Text, 14),
		col("ui.export.basis", export.Text, 12),
	)
	return t
}

// AxisRow is a clause with no indicator on the scorecard: its work
// progress alone (nil for none).
func (b Scores) AxisRow(axis string, progress *float64) []any {
	row := []any{axis, progress}
	for range 9 {
		row = append(row, nil)
	}
	return row
}

// Row is one judged indicator. axis and progress lead it with Axes; rank
// (0 for none: no value) and province with Ranks.
func (b Scores) Row(axis string, progress *float64, rank int, province string, sc payesh.Score) []any {
	lang := b.Lang
	var row []any
	if b.Axes {
		row = append(row, axis, progress)
	}
	if b.Ranks {
		var r any
		if rank > 0 {
			r = rank
		}
		row = append(row, r, province)
	}
	ind := sc.Indicator
	var achieved any
	if sc.Value != nil && sc.Target != nil {
		if a, ok := payesh.Ratio(*sc.Value, *sc.Target, ind.Direction); ok {
			achieved = a
		}
	}
	targetKind := ""
	switch {
	case sc.Target == nil:
	case sc.Interpolated:
		targetKind = i18n.T(lang, "ui.dash.interpolated")
	default:
		targetKind = i18n.T(lang, "ui.export.target_set")
	}
	return append(row, ind.Code, pick(lang, ind.NameFA, ind.NameEN), ind.Measure, sc.Value, sc.Target, targetKind,
		achieved, i18n.T(lang, "ui.dash.status."+string(sc.Status)), basisWord(lang, sc.Basis))
}
