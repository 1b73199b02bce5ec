package web

import (
	"html/template"
	"strconv"
	"strings"
)

// RowsHTML is the table's body rows: each indicator's heading, its cells
// and its year's figures beside them (total, target, % of target). It is
// written here, as the cells are (values_cell_html.go), because a grid's
// rows were most of its template's work; the escaping is the cells'. One
// piece a row: the template prints each through fmt, whose buffer keeps
// a row's few kilobytes between requests but not a whole grid's.
// canConfigure adds the link to edit each indicator's definition.
func (t *valuesTable) RowsHTML(canConfigure bool) []template.HTML {
	rows := make([]template.HTML, len(t.Rows))
	for n, row := range t.Rows {
		var b strings.Builder
		b.Grow(1024*len(row.Cells) + 2048)
		w := cellWriter{&b, t.lang}
		row.writeHeading(w, canConfigure)
		for _, c := range row.Cells {
			w.s("<td>")
			c.write(w)
			w.s("</td>")
		}
		row.writeStats(w)
		w.s("</tr>\n")
		rows[n] = template.HTML(b.String())
	}
	return rows
}

func (r *valuesRow) writeHeading(w cellWriter, canConfigure bool) {
	id := strconv.FormatInt(r.Indicator.ID, 10)
	w.s(`<tr><th scope="row"><a href="/indicators/`, id, `" dir="auto">`)
	w.e(r.Name)
	w.s(`</a>`)
	if m := r.Indicator.Measure; m != "" {
		w.s(` <span class="vg-measure">`)
		w.e(m)
		w.s(`</span>`)
	}
	if r.Own {
		w.s(` <span class="badge vg-own" title="`)
		w.t("ui.trust.own_row_hint")
		w.s(`">`)
		w.t("ui.trust.own_row")
		w.s(`</span>`)
	}
	if canConfigure {
		w.s(` <a href="/indicators/`, id, `/edit" class="vg-measure">`, string(icon("pencil")), ` `)
		w.t("ui.values.edit")
		w.s(`</a>`)
	}
	w.s("</th>\n")
}

// writeStats writes the row's figures; a missing one is a dash with its
// reason for screen readers and on hover.
func (r *valuesRow) writeStats(w cellWriter) {
	id, s := strconv.FormatInt(r.Indicator.ID, 10), r.Stats
	none := func(key string) {
		w.s(`<span class="muted" title="`)
		w.t(key)
		w.s(`">—<span class="vg-sr">`)
		w.t(key)
		w.s(`</span></span>`)
	}
	w.s(`<td class="vg-stat vg-total" id="vg-total-`, id, `">`)
	if s.Total != "" {
		w.s(`<span class="vg-stat-n" dir="ltr">`)
		w.e(s.Total)
		w.s(`</span> <small class="vg-stat-how">`)
		w.e(s.TotalOf)
		w.s(`</small><small class="vg-stat-how">`)
		w.t("ui.grid.unit_entry")
		w.s(`</small>`)
	} else {
		none("ui.grid.no_total")
	}
	w.s("</td>\n", `<td class="vg-stat vg-year-target" id="vg-target-`, id, `">`)
	if s.Target != "" {
		w.s(`<span class="vg-stat-n" dir="ltr">`)
		w.e(s.Target)
		w.s(`</span>`)
		if s.TargetFrom != "" {
			w.s(`<small class="vg-stat-how">`)
			w.e(s.TargetFrom)
			w.s(`</small>`)
		}
	} else {
		none("ui.grid.no_target")
	}
	w.s("</td>\n", `<td class="vg-stat vg-percent" id="vg-percent-`, id, `">`)
	if s.Percent != "" {
		w.s(`<span class="vg-stat-n">`)
		w.e(s.Percent)
		w.s(`</span>`)
	} else {
		w.s(`<span class="muted">—</span>`)
	}
	w.s("</td>")
}
