package web

import (
	"html"
	"html/template"
	"strings"

	"payesh/internal/i18n"
)

// cellWriter writes a grid's HTML piece by piece into one buffer: a
// grid's hundreds of cells concatenated their strings first, and the
// garbage collector's share of the page was a quarter.
type cellWriter struct {
	b    *strings.Builder
	lang i18n.Lang
}

// s writes text as it is: markup, or what was escaped already.
func (w cellWriter) s(parts ...string) {
	for _, p := range parts {
		w.b.WriteString(p)
	}
}

// e writes v escaped for text or a quoted attribute value.
func (w cellWriter) e(v string) { w.b.WriteString(html.EscapeString(v)) }

// t writes the interface's text for key, escaped.
func (w cellWriter) t(key string) { w.e(i18n.T(w.lang, key)) }

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
	c.write(cellWriter{&b, c.lang})
	return template.HTML(b.String())
}

func (c *valuesCell) write(w cellWriter) {
	if !c.Input() {
		w.s(`<div class="vg-cell vg-cell-future" id="c-`)
		w.e(c.ID)
		w.s(`"><span class="vg-future" title="`)
		w.t("ui.trust.future")
		w.s(`">—<span class="vg-sr">`)
		w.t("ui.trust.future")
		w.s(`</span></span>`)
		c.writeTarget(w)
		w.s(`</div>`)
		return
	}
	w.s(`<div class="vg-cell`)
	if c.Err != "" {
		w.s(` has-error`)
	}
	w.s(`">`)
	if c.Orig != "" {
		w.s(`<input type="hidden" name="o.`)
		w.e(c.Key)
		w.s(`" value="`)
		w.e(c.Orig)
		w.s(`">`)
	}
	w.s(`<input id="v-`)
	w.e(c.ID)
	w.s(`" name="v.`)
	w.e(c.Key)
	w.s(`" value="`)
	w.e(c.Value)
	w.s(`" type="text" class="vg-num" inputmode="decimal" autocomplete="off" dir="ltr" aria-label="`)
	c.writeLabel(w, "ui.values.cell")
	w.s(`"`)
	if c.State != "" || c.Target != "" {
		w.s(` aria-describedby="`)
		if c.State != "" {
			w.s(`st-`)
			w.e(c.ID)
		}
		if c.State != "" && c.Target != "" {
			w.s(` `)
		}
		if c.Target != "" {
			w.s(`tg-`)
			w.e(c.ID)
		}
		w.s(`"`)
	}
	if c.Locked {
		w.s(` readonly title="`)
		w.t("ui.values.locked")
		w.s(`"`)
	}
	if c.Err != "" {
		w.s(` aria-invalid="true" aria-errormessage="e-`)
		w.e(c.ID)
		w.s(`"`)
	}
	w.s(">\n<div class=\"vg-meta\">")
	if c.State != "" {
		w.s(`<span class="badge vg-state vg-state-`)
		w.e(string(c.State))
		w.s(`" id="st-`)
		w.e(c.ID)
		w.s(`">`)
		w.t("ui.values.state." + string(c.State))
		w.s(`</span>`)
	}
	if c.Locked {
		w.s(`<input type="hidden" name="n.`)
		w.e(c.Key)
		w.s(`" value="`)
		w.e(c.Note)
		w.s(`"><input type="hidden" name="e.`)
		w.e(c.Key)
		w.s(`" value="`)
		w.e(c.Evidence)
		w.s(`">`)
		if c.Note != "" {
			w.s(`<small class="vg-note" dir="auto">`)
			w.e(c.Note)
			w.s(`</small>`)
		}
	} else {
		c.writeMore(w)
	}
	w.s(`</div>`)
	c.writeTarget(w)
	if c.Err != "" {
		w.s(`<small id="e-`)
		w.e(c.ID)
		w.s(`" class="error" role="alert">`)
		w.e(c.Err)
		w.s(`</small>`)
	}
	w.s(`</div>`)
}

// writeMore writes the disclosure with the cell's note and evidence.
func (c *valuesCell) writeMore(w cellWriter) {
	w.s(`<details class="vg-more"`)
	if c.Open() {
		w.s(` open`)
	}
	w.s(`><summary><span class="vg-icon" aria-hidden="true"></span><span class="vg-sr">`)
	w.t("ui.values.more")
	w.s(`</span>`)
	if c.HasMore() {
		w.s(`<span class="vg-dot" title="`)
		w.t("ui.values.has_more")
		w.s(`" aria-hidden="true"></span><span class="vg-sr">`)
		w.t("ui.values.has_more")
		w.s(`</span>`)
	}
	w.s("</summary>\n")
	c.writeText(w, "n", "ui.values.note", c.Note, "ui.values.note_of")
	w.s("\n")
	c.writeText(w, "e", "ui.values.evidence", c.Evidence, "ui.values.evidence_of")
	w.s(`</details>`)
}

// writeText writes the labelled text field of the cell's note (field
// "n", element id "n-…") or evidence ("e", "ev-…").
func (c *valuesCell) writeText(w cellWriter, field, labelKey, value, ariaKey string) {
	id := field
	if field == "e" {
		id = "ev"
	}
	w.s(`<label for="`, id, `-`)
	w.e(c.ID)
	w.s(`">`)
	w.t(labelKey)
	w.s(`</label><input id="`, id, `-`)
	w.e(c.ID)
	w.s(`" name="`, field, `.`)
	w.e(c.Key)
	w.s(`" value="`)
	w.e(value)
	w.s(`" type="text" dir="auto" maxlength="1000" aria-label="`)
	c.writeLabel(w, ariaKey)
	w.s(`">`)
}

// writeLabel writes the text of key, "… %s، %s", with the indicator's
// name and the period's, escaped, as fmt.Sprintf would put them: a grid
// formatted three labels for each of hundreds of cells to write them once.
func (c *valuesCell) writeLabel(w cellWriter, key string) {
	rest := i18n.T(w.lang, key)
	for _, v := range []string{c.name, c.when} {
		before, after, ok := strings.Cut(rest, "%s")
		if !ok {
			break
		}
		w.e(before)
		w.e(v)
		rest = after
	}
	w.e(rest)
}

// writeTarget writes the unit's target for the cell's own period, when
// one is set, under the cell.
func (c *valuesCell) writeTarget(w cellWriter) {
	if c.Target == "" {
		return
	}
	w.s(`<small class="vg-target" id="tg-`)
	w.e(c.ID)
	w.s(`">`)
	w.t("ui.grid.target_short")
	w.s(` `)
	w.e(c.Target)
	w.s(`</small>`)
}
