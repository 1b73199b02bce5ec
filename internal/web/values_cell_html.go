package web

import (
	"html"
	"html/template"
	"strings"

	"payesh/internal/i18n"
)

// HTML is one cell of the value grid: the number, its review state, a
// disclosure with the note and evidence, and the problem beside it. An
// approved cell is read-only; its note and evidence travel as hidden
// fields so the save sees them unchanged. A period that has not begun
// offers no field. The fingerprint of an empty cell is empty, as is one
// not sent, so it is left out.
//
// It is written here rather than in a template because a grid has
// hundreds of cells: html/template's contextual escaping made three
// quarters of a national grid's time, and every value written below is
// escaped with html.EscapeString, the same escaping for the same places
// (attribute values in quotes and text).
func (c *valuesCell) HTML() template.HTML {
	var b strings.Builder
	b.Grow(1024)
	t := func(key string) string { return html.EscapeString(i18n.T(c.lang, key)) }
	e := html.EscapeString
	if !c.Input() {
		future := t("ui.trust.future")
		b.WriteString(`<div class="vg-cell vg-cell-future" id="c-` + e(c.ID) + `"><span class="vg-future" title="` + future +
			`">—<span class="vg-sr">` + future + `</span></span>`)
		c.writeTarget(&b, t)
		b.WriteString(`</div>`)
		return template.HTML(b.String())
	}
	b.WriteString(`<div class="vg-cell`)
	if c.Err != "" {
		b.WriteString(` has-error`)
	}
	b.WriteString(`">`)
	if c.Orig != "" {
		b.WriteString(`<input type="hidden" name="o.` + e(c.Key) + `" value="` + e(c.Orig) + `">`)
	}
	b.WriteString(`<input id="v-` + e(c.ID) + `" name="v.` + e(c.Key) + `" value="` + e(c.Value) +
		`" type="text" class="vg-num" inputmode="decimal" autocomplete="off" dir="ltr" aria-label="` + e(c.Label) + `"`)
	switch {
	case c.State != "" && c.Target != "":
		b.WriteString(` aria-describedby="st-` + e(c.ID) + ` tg-` + e(c.ID) + `"`)
	case c.State != "":
		b.WriteString(` aria-describedby="st-` + e(c.ID) + `"`)
	case c.Target != "":
		b.WriteString(` aria-describedby="tg-` + e(c.ID) + `"`)
	}
	if c.Locked {
		b.WriteString(` readonly title="` + t("ui.values.locked") + `"`)
	}
	if c.Err != "" {
		b.WriteString(` aria-invalid="true" aria-errormessage="e-` + e(c.ID) + `"`)
	}
	b.WriteString(">\n<div class=\"vg-meta\">")
	if c.State != "" {
		b.WriteString(`<span class="badge vg-state vg-state-` + e(string(c.State)) + `" id="st-` + e(c.ID) + `">` +
			t("ui.values.state."+string(c.State)) + `</span>`)
	}
	if c.Locked {
		b.WriteString(`<input type="hidden" name="n.` + e(c.Key) + `" value="` + e(c.Note) + `"><input type="hidden" name="e.` +
			e(c.Key) + `" value="` + e(c.Evidence) + `">`)
		if c.Note != "" {
			b.WriteString(`<small class="vg-note" dir="auto">` + e(c.Note) + `</small>`)
		}
	} else {
		c.writeMore(&b, t)
	}
	b.WriteString(`</div>`)
	c.writeTarget(&b, t)
	if c.Err != "" {
		b.WriteString(`<small id="e-` + e(c.ID) + `" class="error" role="alert">` + e(c.Err) + `</small>`)
	}
	b.WriteString(`</div>`)
	return template.HTML(b.String())
}

// writeMore writes the disclosure with the cell's note and evidence.
func (c *valuesCell) writeMore(b *strings.Builder, t func(string) string) {
	e := html.EscapeString
	b.WriteString(`<details class="vg-more"`)
	if c.Open() {
		b.WriteString(` open`)
	}
	b.WriteString(`><summary><span class="vg-icon" aria-hidden="true"></span><span class="vg-sr">` + t("ui.values.more") + `</span>`)
	if c.HasMore() {
		has := t("ui.values.has_more")
		b.WriteString(`<span class="vg-dot" title="` + has + `" aria-hidden="true"></span><span class="vg-sr">` + has + `</span>`)
	}
	b.WriteString("</summary>\n<label for=\"n-" + e(c.ID) + `">` + t("ui.values.note") + `</label><input id="n-` + e(c.ID) +
		`" name="n.` + e(c.Key) + `" value="` + e(c.Note) + `" type="text" dir="auto" maxlength="1000" aria-label="` + e(c.NoteLabel) + "\">\n")
	b.WriteString(`<label for="ev-` + e(c.ID) + `">` + t("ui.values.evidence") + `</label><input id="ev-` + e(c.ID) +
		`" name="e.` + e(c.Key) + `" value="` + e(c.Evidence) + `" type="text" dir="auto" maxlength="1000" aria-label="` +
		e(c.EvidenceLabel) + `"></details>`)
}

// writeTarget writes the unit's target for the cell's own period, when
// one is set, under the cell.
func (c *valuesCell) writeTarget(b *strings.Builder, t func(string) string) {
	if c.Target == "" {
		return
	}
	b.WriteString(`<small class="vg-target" id="tg-` + html.EscapeString(c.ID) + `">` + t("ui.grid.target_short") + ` ` +
		html.EscapeString(c.Target) + `</small>`)
}
