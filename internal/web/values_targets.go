package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
	"payesh/internal/valuebook"
)

// targetRow is one row of an indicator's targets table: a saved target,
// whose unit and period are fixed and whose value may change, or an empty
// row for a new one. Its fields are targets.N.unit_id, targets.N.period
// and targets.N.value, the names the store gives its errors.
type targetRow struct {
	N                      int
	Fixed                  bool
	Unit, Period, Value    string // as in the form
	UnitLabel, PeriodLabel string // of a fixed row
	// UnitAria, PeriodAria and ValueAria name the row's inputs for
	// screen readers: "واحد — ردیف ۴".
	UnitAria, PeriodAria, ValueAria string
}

// Field is the form name of one of the row's inputs.
func (t *targetRow) Field(name string) string { return fmt.Sprintf("targets.%d.%s", t.N, name) }

// targetsBlank is how many empty rows the table offers for new targets.
const targetsBlank = 3

// targetsMax bounds the rows a posted form may claim.
const targetsMax = 1000

// targetsLoad puts the saved targets and the empty rows into d.
func (s *server) targetsLoad(r *http.Request, d *indicatorFormData) error {
	units, err := s.targetsUnits(r, d)
	if err != nil {
		return err
	}
	saved, err := s.Indicators.FindTargets(r.Context(), d.Indicator.ID)
	if err != nil {
		return err
	}
	lang := langOf(r)
	for _, t := range saved {
		d.Targets = append(d.Targets, newTargetRow(lang, len(d.Targets), true,
			strconv.FormatInt(t.UnitID, 10), t.Period, valuesNumber(lang, t.Value), units))
	}
	for range targetsBlank {
		d.Targets = append(d.Targets, newTargetRow(lang, len(d.Targets), false, "", "", "", units))
	}
	return nil
}

// targetsUnits loads the unit choices into d and returns the units by id.
func (s *server) targetsUnits(r *http.Request, d *indicatorFormData) (map[int64]*payesh.OrgUnit, error) {
	opts, units, err := s.workUnits(r)
	d.Units = opts
	return units, err
}

func newTargetRow(lang i18n.Lang, n int, fixed bool, unit, period, value string, units map[int64]*payesh.OrgUnit) *targetRow {
	t := &targetRow{N: n, Fixed: fixed, Unit: unit, Period: period, Value: value}
	row := func(key string) string {
		return formDigits(lang, fmt.Sprintf(i18n.T(lang, "ui.indicator_form.target_row"), i18n.T(lang, key), n+1))
	}
	t.UnitAria, t.PeriodAria, t.ValueAria = row("ui.indicator_form.target_unit"), row("ui.indicator_form.target_period"), row("ui.indicator_form.target_value")
	if !fixed {
		return t
	}
	if id, err := strconv.ParseInt(unit, 10, 64); err == nil && units[id] != nil {
		t.UnitLabel = pick(lang, units[id].NameFA, units[id].NameEN)
	}
	t.PeriodLabel = formDigits(lang, period)
	if p, err := jalali.ParsePeriod(period); err == nil {
		t.PeriodLabel = valuebook.PeriodLabel(lang, p)
	}
	t.ValueAria = fmt.Sprintf(i18n.T(lang, "ui.indicator_form.target_of"), t.UnitLabel, t.PeriodLabel)
	return t
}

// targetsOfForm reads the rows back from a posted targets form.
func targetsOfForm(lang i18n.Lang, form url.Values, units map[int64]*payesh.OrgUnit) []*targetRow {
	n, _ := strconv.Atoi(form.Get("target_rows"))
	n = min(max(n, 0), targetsMax)
	rows := make([]*targetRow, n)
	for i := range rows {
		get := func(name string) string { return strings.TrimSpace(form.Get(fmt.Sprintf("targets.%d.%s", i, name))) }
		rows[i] = newTargetRow(lang, i, get("fixed") == "1", get("unit_id"), get("period"), get("value"), units)
	}
	return rows
}

// indicatorTargets saves the targets table: the changed values of saved
// targets and the filled-in new rows, all or nothing.
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
	units, err := s.targetsUnits(r, d)
	if err != nil {
		return err
	}
	d.Targets = targetsOfForm(langOf(r), r.PostForm, units)
	saved, err := s.Indicators.FindTargets(r.Context(), ind.ID)
	if err != nil {
		return err
	}
	targets, rows, errs := targetsCheck(d.Targets, saved)
	if len(errs) > 0 {
		return s.targetsFailed(w, r, d, errs)
	}
	back := fmt.Sprintf("/indicators/%d/edit?flash=", ind.ID)
	if len(targets) == 0 {
		return redirect(w, r, back+"ui.indicator_form.flash.nothing#targets")
	}
	if err := s.Indicators.SetTargets(r.Context(), ind.ID, targets); err != nil {
		fields, ok := fieldErrors(err)
		if !ok {
			return err
		}
		return s.targetsFailed(w, r, d, targetsRemap(fields, rows))
	}
	return redirect(w, r, back+"ui.indicator_form.flash.targets#targets")
}

// targetsCheck returns the targets to save and, for each, its row; or
// the problems of the rows by field.
func targetsCheck(rows []*targetRow, saved []payesh.Target) ([]payesh.Target, []*targetRow, map[string]string) {
	was := map[[2]string]float64{}
	for _, t := range saved {
		was[[2]string{strconv.FormatInt(t.UnitID, 10), t.Period}] = t.Value
	}
	var targets []payesh.Target
	var of []*targetRow
	errs := map[string]string{}
	for _, row := range rows {
		t, ok := row.check(errs)
		if !ok {
			continue
		}
		if v, had := was[[2]string{row.Unit, t.Period}]; had && row.Fixed && v == t.Value {
			continue // unchanged
		}
		targets, of = append(targets, t), append(of, row)
	}
	return targets, of, errs
}

// check reads one row into a target; ok is false for an empty new row or
// one with problems, which go into errs.
func (row *targetRow) check(errs map[string]string) (payesh.Target, bool) {
	var t payesh.Target
	if !row.Fixed && row.Unit == "" && row.Period == "" && row.Value == "" {
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
	case row.Value == "" && row.Fixed:
		errs[row.Field("value")] = "err.targets.clear"
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
// sent ("targets.0.period"), onto the rows they came from.
func targetsRemap(fields map[string]string, rows []*targetRow) map[string]string {
	out := map[string]string{}
	for k, v := range fields {
		parts := strings.SplitN(k, ".", 3)
		if len(parts) == 3 && parts[0] == "targets" {
			if n, err := strconv.Atoi(parts[1]); err == nil && n >= 0 && n < len(rows) {
				out[rows[n].Field(parts[2])] = v
				continue
			}
		}
		out["targets"] = v
	}
	return out
}

// targetsFailed shows the edit page again: the indicator's form as saved,
// the targets as typed, the problems beside their rows (400).
func (s *server) targetsFailed(w http.ResponseWriter, r *http.Request, d *indicatorFormData, errs map[string]string) error {
	if _, ok := errs["targets"]; !ok {
		errs["targets"] = "ui.indicator_form.targets_failed"
	}
	return s.indicatorRender(w, r, http.StatusBadRequest, d, indicatorValues(langOf(r), d.Indicator), errs)
}
