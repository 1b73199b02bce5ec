package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
	"payesh/internal/valuebook"
)

// The indicator's targets are edited as a grid: a row per unit that may
// have a target and a column per year of the frame and per period with a
// target set — the rows and columns of the targets workbook
// (valuebook.BuildTargets), so the page and the file agree. A cell's
// fields are t.UNIT.PERIOD (the value) and o.UNIT.PERIOD, the target the
// cell showed: a save sets only the cells whose value differs from what
// they showed, all in one SetTargets or none, and a cell someone else
// changed meanwhile is named beside it instead of being overwritten
// unseen. Below the grid, rows for a unit or period it has no cell for
// (a month's target, a year outside the frame) take a unit, a period and
// a value. The values grid's script gives the cells its paste and arrow
// keys; without it the grid is a plain form.

// targetGrid is the grid of one page of rows.
type targetGrid struct {
	Columns []string // the periods' labels
	Rows    []*targetGridRow
	// Page is the page of rows shown (from 1) of Pages; a grid of more
	// than targetsPageRows units is shown a page at a time.
	Page, Pages int
	PageLinks   []targetPageLink
}

type targetGridRow struct {
	Name, FullName, Kind string
	Cells                []*targetCell
}

// targetCell is one unit's target of one period.
type targetCell struct {
	Key, ID string // "12.1403"; "tgc-12-1403" for the input
	Value   string // as shown: saved, or typed
	Orig    string // the saved target the cell showed, canonical; "" for none
	Label   string // for screen readers: "هدف — اصفهان، ۱۴۰۳"
	Err     string // translated
}

type targetPageLink struct {
	Href, Label string
	Current     bool
}

// targetsPageRows is how many units one page of the grid shows: the
// provinces and the organization fit on one; an indicator reported by
// every branch is paged, or filled from the workbook.
const targetsPageRows = 100

// targetsMaxCells bounds the grid cells a posted form may send.
const targetsMaxCells = 5000

// targetRow is one row for a target the grid has no cell for: a unit, a
// period and a value. Its fields are targets.N.unit_id, targets.N.period
// and targets.N.value, the names the store gives its errors.
type targetRow struct {
	N                   int
	Unit, Period, Value string // as in the form
}

// Field is the form name of one of the row's inputs.
func (t *targetRow) Field(name string) string { return fmt.Sprintf("targets.%d.%s", t.N, name) }

// targetsBlank is how many rows the form offers for targets outside the
// grid.
const targetsBlank = 1

// targetsMax bounds the rows a posted form may claim.
const targetsMax = 100

// targetEdit is what a posted form says of one grid cell.
type targetEdit struct {
	unit          int64
	period        string // canonical
	typed, orig   string
	err           string // message key
	errArg        string // the value someone else saved, for the conflict message
	changedToOrig string // on a conflict, the cell's new fingerprint
}

// targetsLoad puts the grid of the page asked for (?tpage) and the empty
// rows into d.
func (s *server) targetsLoad(r *http.Request, d *indicatorFormData) error {
	return s.targetsLoadWith(r, d, r.URL.Query().Get("tpage"), nil)
}

// targetsLoadWith lays out the grid's page, with what a posted form
// typed (edits, by cell key) over the saved targets.
func (s *server) targetsLoadWith(r *http.Request, d *indicatorFormData, page string, edits map[string]*targetEdit) error {
	idx, err := s.unitIndexOf(r)
	if err != nil {
		return err
	}
	if d.Units, _, err = s.workUnits(r); err != nil {
		return err
	}
	lang := langOf(r)
	book, err := valuebook.BuildTargets(r.Context(), s.Indicators, d.Indicator, idx.tree, payesh.Today(s.Now()).Jalali(), lang)
	if err != nil {
		return err
	}
	g := &targetGrid{Page: 1, Pages: max(1, (len(book.Rows)+targetsPageRows-1)/targetsPageRows)}
	if n, err := strconv.Atoi(jalali.ToLatinDigits(strings.TrimSpace(page))); err == nil {
		g.Page = min(max(n, 1), g.Pages)
	}
	for _, c := range book.Columns {
		g.Columns = append(g.Columns, c.Label)
	}
	from := (g.Page - 1) * targetsPageRows
	for _, br := range book.Rows[from:min(from+targetsPageRows, len(book.Rows))] {
		row := &targetGridRow{Name: br.Name, FullName: br.Name, Kind: br.Kind}
		if u := idx.byID[br.UnitID]; u != nil && u.Kind == payesh.UnitProvince {
			row.Name = unitShortName(lang, u) // the kind beside it says the rest
		}
		for n, c := range book.Columns {
			key := targetKey(br.UnitID, c.Period)
			cell := &targetCell{Key: key, ID: "tgc-" + strings.ReplaceAll(key, ".", "-"),
				Label: fmt.Sprintf(i18n.T(lang, "ui.indicator_form.target_of"), row.Name, c.Label)}
			if v := br.Values[n]; v != nil {
				cell.Value, cell.Orig = valuesNumber(lang, *v), targetPrint(*v)
			}
			// What the user typed stays; a cell they did not change shows
			// what is saved now, which someone may have changed meanwhile.
			if e := edits[key]; e != nil && (e.err != "" || e.changed()) {
				cell.Value, cell.Orig = e.typed, e.orig
				if e.changedToOrig != "" {
					cell.Orig = e.changedToOrig
				}
				if e.err != "" {
					cell.Err = i18n.T(lang, e.err)
					if e.errArg != "" {
						cell.Err = fmt.Sprintf(cell.Err, e.errArg)
					}
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		g.Rows = append(g.Rows, row)
	}
	if g.Pages > 1 {
		for p := 1; p <= g.Pages; p++ {
			last := min(p*targetsPageRows, len(book.Rows))
			g.PageLinks = append(g.PageLinks, targetPageLink{
				Href:    fmt.Sprintf("/indicators/%d/edit?tpage=%d#targets", d.Indicator.ID, p),
				Label:   formDigits(lang, fmt.Sprintf("%d–%d", (p-1)*targetsPageRows+1, last)),
				Current: p == g.Page,
			})
		}
	}
	d.TargetGrid = g
	if d.Targets == nil {
		for range targetsBlank {
			d.Targets = append(d.Targets, &targetRow{N: len(d.Targets)})
		}
	}
	return nil
}

// targetsSorted returns the edits' keys in order, so that the targets
// sent, and the errors placed from them, do not depend on map order.
func targetsSorted(edits map[string]*targetEdit) []string {
	keys := make([]string, 0, len(edits))
	for k := range edits {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// targetKey names a grid cell in form fields: "12.1403".
func targetKey(unitID int64, period string) string {
	return strconv.FormatInt(unitID, 10) + "." + period
}

// targetPrint is a target as the form's o. field carries it.
func targetPrint(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// targetsOfForm reads the extra rows back from a posted targets form.
func targetsOfForm(form url.Values) []*targetRow {
	n, _ := strconv.Atoi(form.Get("target_rows"))
	n = min(max(n, 0), targetsMax)
	rows := make([]*targetRow, n)
	for i := range rows {
		get := func(name string) string { return strings.TrimSpace(form.Get(fmt.Sprintf("targets.%d.%s", i, name))) }
		rows[i] = &targetRow{N: i, Unit: get("unit_id"), Period: get("period"), Value: get("value")}
	}
	return rows
}

// targetEditsOf reads the grid's cells from a posted form: every t. field
// (at most targetsMaxCells), by cell key, with what the cell showed.
// A field whose name names no unit and period is not a cell of ours and
// is left out.
func targetEditsOf(form url.Values) (map[string]*targetEdit, error) {
	edits := map[string]*targetEdit{}
	for name, vals := range form {
		rest, ok := strings.CutPrefix(name, "t.")
		if !ok {
			continue
		}
		unit, period, ok := strings.Cut(rest, ".")
		id, err := strconv.ParseInt(unit, 10, 64)
		p, perr := jalali.ParsePeriod(period)
		if !ok || err != nil || id <= 0 || perr != nil {
			continue
		}
		if len(edits) == targetsMaxCells {
			return nil, payesh.Invalid(map[string]string{"targets": "err.too_many"})
		}
		key := targetKey(id, p.String())
		edits[key] = &targetEdit{unit: id, period: p.String(), typed: strings.TrimSpace(vals[0]), orig: form.Get("o." + rest)}
	}
	return edits, nil
}

// indicatorTargets saves the targets grid and the extra rows: the cells
// changed and the rows filled in, all or nothing.
func (s *server) indicatorTargets(w http.ResponseWriter, r *http.Request) error {
	ind, err := s.indicatorOfPath(r)
	if err != nil {
		return err
	}
	if _, err := parseForm(r); err != nil {
		return err
	}
	d, err := s.indicatorForm(r, ind)
	if err != nil {
		return err
	}
	edits, err := targetEditsOf(r.PostForm)
	if err != nil {
		return err
	}
	d.Targets = targetsOfForm(r.PostForm)
	saved, err := s.Indicators.FindTargets(r.Context(), ind.ID)
	if err != nil {
		return err
	}
	targets, places, errs, status := targetsCheck(langOf(r), edits, d.Targets, saved)
	page := r.PostForm.Get("target_page")
	if status != 0 {
		return s.targetsFailed(w, r, d, page, edits, status, errs)
	}
	back := fmt.Sprintf("/indicators/%d/edit?flash=", ind.ID)
	if n, err := strconv.Atoi(page); err == nil && n > 1 {
		back = fmt.Sprintf("/indicators/%d/edit?tpage=%d&flash=", ind.ID, n)
	}
	if len(targets) == 0 {
		return redirect(w, r, back+"ui.indicator_form.flash.nothing#targets")
	}
	if err := s.Indicators.SetTargets(r.Context(), ind.ID, targets); err != nil {
		fields, ok := fieldErrors(err)
		if !ok {
			return err
		}
		return s.targetsFailed(w, r, d, page, edits, http.StatusBadRequest, targetsRemap(fields, places))
	}
	return redirect(w, r, back+"ui.indicator_form.flash.targets#targets")
}

// targetPlace is where a target sent to the store came from: a grid cell
// or an extra row.
type targetPlace struct {
	edit *targetEdit
	row  *targetRow
}

// targetsCheck returns the targets to save, each with its place; or the
// problems — a cell's in its edit, a row's in errs by field — with the
// worst status: 400 for a mistake, else 409 for a target someone else
// changed meanwhile.
func targetsCheck(lang i18n.Lang, edits map[string]*targetEdit, rows []*targetRow, saved []payesh.Target) ([]payesh.Target, []targetPlace, map[string]string, int) {
	now := map[string]float64{}
	for _, t := range saved {
		now[targetKey(t.UnitID, t.Period)] = t.Value
	}
	var targets []payesh.Target
	var places []targetPlace
	errs := map[string]string{}
	worst := 0
	fail := func(status int) {
		if worst != http.StatusBadRequest {
			worst = status
		}
	}
	for _, key := range targetsSorted(edits) {
		e := edits[key]
		t, status := e.check(lang, now)
		switch {
		case status != 0:
			fail(status)
		case t != nil:
			targets, places = append(targets, *t), append(places, targetPlace{edit: e})
		}
	}
	for _, row := range rows {
		t, ok := row.check(errs)
		if ok {
			targets, places = append(targets, t), append(places, targetPlace{row: row})
		}
	}
	if len(errs) > 0 {
		fail(http.StatusBadRequest)
	}
	return targets, places, errs, worst
}

// changed reports whether the user typed something other than what the
// cell showed.
func (e *targetEdit) changed() bool {
	if e.typed == "" {
		return e.orig != ""
	}
	v, ok := valuesParse(e.typed)
	return !ok || targetPrint(v) != e.orig
}

// check returns the target to save for a cell, nil when the user did not
// change it; or, with a status, its problem in e.err.
func (e *targetEdit) check(lang i18n.Lang, now map[string]float64) (*payesh.Target, int) {
	cur, had := now[targetKey(e.unit, e.period)]
	current := ""
	if had {
		current = targetPrint(cur)
	}
	if e.typed == "" {
		if e.orig != "" {
			e.err = "err.targets.clear"
			return nil, http.StatusBadRequest
		}
		return nil, 0
	}
	v, ok := valuesParse(e.typed)
	if !ok {
		e.err = "err.number"
		return nil, http.StatusBadRequest
	}
	mine := targetPrint(v)
	switch {
	case mine == e.orig || mine == current:
		return nil, 0 // not changed, or already so
	case current != e.orig:
		// Someone set this target after the user loaded the grid: say
		// what it is now and take it as what the cell shows, so that
		// saving again overwrites it knowingly.
		e.err, e.errArg, e.changedToOrig = "ui.grid.target_changed", valuesNumber(lang, cur), current
		if !had {
			e.errArg = "—"
		}
		return nil, http.StatusConflict
	}
	return &payesh.Target{UnitID: e.unit, Period: e.period, Value: v}, 0
}

// check reads one extra row into a target; ok is false for an empty row
// or one with problems, which go into errs.
func (row *targetRow) check(errs map[string]string) (payesh.Target, bool) {
	var t payesh.Target
	if row.Unit == "" && row.Period == "" && row.Value == "" {
		return t, false
	}
	before := len(errs)
	unit, err := strconv.ParseInt(jalali.ToLatinDigits(row.Unit), 10, 64)
	switch {
	case row.Unit == "":
		errs[row.Field("unit_id")] = "err.required"
	case err != nil || unit <= 0:
		errs[row.Field("unit_id")] = "err.unknown_ref"
	}
	p, err := jalali.ParsePeriod(row.Period)
	switch {
	case row.Period == "":
		errs[row.Field("period")] = "err.required"
	case err != nil:
		errs[row.Field("period")] = "err.period"
	}
	v, ok := valuesParse(row.Value)
	switch {
	case row.Value == "":
		errs[row.Field("value")] = "err.required"
	case !ok:
		errs[row.Field("value")] = "err.number"
	}
	if len(errs) > before {
		return t, false
	}
	return payesh.Target{UnitID: unit, Period: p.String(), Value: v}, true
}

// targetsRemap moves the store's field errors, which count the targets
// sent ("targets.0.period"), onto the cells and rows they came from.
func targetsRemap(fields map[string]string, places []targetPlace) map[string]string {
	out := map[string]string{}
	for k, v := range fields {
		parts := strings.SplitN(k, ".", 3)
		if len(parts) == 3 && parts[0] == "targets" {
			if n, err := strconv.Atoi(parts[1]); err == nil && n >= 0 && n < len(places) {
				if pl := places[n]; pl.edit != nil {
					pl.edit.err = v
				} else {
					out[pl.row.Field(parts[2])] = v
				}
				continue
			}
		}
		out["targets"] = v
	}
	return out
}

// targetsFailed shows the edit page again: the indicator's form as saved,
// the grid and rows as typed, each problem beside its cell or row, and
// the problems of cells not on the page above the grid.
func (s *server) targetsFailed(w http.ResponseWriter, r *http.Request, d *indicatorFormData, page string, edits map[string]*targetEdit, status int, errs map[string]string) error {
	if err := s.targetsLoadWith(r, d, page, edits); err != nil {
		return err
	}
	shown := map[string]bool{}
	for _, row := range d.TargetGrid.Rows {
		for _, c := range row.Cells {
			shown[c.Key] = true
		}
	}
	lang := langOf(r)
	idx, err := s.unitIndexOf(r)
	if err != nil {
		return err
	}
	for _, key := range targetsSorted(edits) {
		e := edits[key]
		if e.err == "" || shown[key] {
			continue
		}
		msg := i18n.T(lang, e.err)
		if e.errArg != "" {
			msg = fmt.Sprintf(msg, e.errArg)
		}
		where := formDigits(lang, e.period)
		if p, err := jalali.ParsePeriod(e.period); err == nil {
			where = valuebook.PeriodLabel(lang, p)
		}
		if u := idx.byID[e.unit]; u != nil {
			where = pick(lang, u.NameFA, u.NameEN) + i18n.T(lang, "ui.grid.comma") + where
		}
		d.Refused = append(d.Refused, valuesUploadCell{Where: where, Message: msg})
	}
	if _, ok := errs["targets"]; !ok {
		errs["targets"] = "ui.indicator_form.targets_failed"
	}
	return s.indicatorRender(w, r, status, d, indicatorValues(langOf(r), d.Indicator), errs)
}
