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

// indicatorFormData is the create and edit form of an indicator; the edit
// page also carries the indicator's targets (values_targets.go).
type indicatorFormData struct {
	Indicator   *payesh.Indicator // nil when creating
	Name        string            // the indicator's, in the interface's language
	Action      string
	Directions  []option
	Aggs        []option // over units: sum, average, ratio
	Inputs      []option // the summed indicators a ratio may divide
	TimeAggs    []option // over time: sum, average, last
	Frequencies []option
	Kinds       []option
	Clauses     []workOption
	Programs    []workOption
	// ProgramPicker is true when there are more programs than a select
	// lists: Programs are then only the linked ones, as checkboxes, and
	// work-pickers add more.
	ProgramPicker bool
	Conflict      []fact
	// TargetGrid is the targets as a units × periods grid; Targets are
	// the rows for a target the grid has no cell for (values_targets.go).
	TargetGrid *targetGrid
	Targets    []*targetRow
	Units      []workOption // every unit, for the targets rows' pickers
	// Refused are the cells of an uploaded targets workbook refused.
	Refused []valuesUploadCell
	form    url.Values
	picks   picks
}

// Picked reports whether v is among the chosen values of a multi-valued
// field (kinds, clauses, programs).
func (d *indicatorFormData) Picked(field string, v any) bool {
	return d.picks.has(d.form, field, v)
}

// indicatorNew shows an empty form with the usual choices made.
func (s *server) indicatorNew(w http.ResponseWriter, r *http.Request) error {
	if !user(r).CanConfigure() {
		return payesh.ErrForbidden
	}
	d, err := s.indicatorForm(r, nil)
	if err != nil {
		return err
	}
	lang := langOf(r)
	v := url.Values{
		// No rule over units is chosen for the secretariat: a percentage
		// must not slip into an average, and the form says why.
		"direction": {string(payesh.HigherIsBetter)},
		"time_agg":  {string(payesh.AggSum)}, "frequency": {string(payesh.Monthly)},
		"on_track": {valuesNumber(lang, payesh.DefaultThresholds.OnTrack)},
		"at_risk":  {valuesNumber(lang, payesh.DefaultThresholds.AtRisk)},
	}
	return s.indicatorRender(w, r, http.StatusOK, d, v, nil)
}

// indicatorEdit shows the form filled with the indicator, and its targets.
func (s *server) indicatorEdit(w http.ResponseWriter, r *http.Request) error {
	ind, err := s.indicatorOfPath(r)
	if err != nil {
		return err
	}
	d, err := s.indicatorForm(r, ind)
	if err != nil {
		return err
	}
	if err := s.targetsLoad(r, d); err != nil {
		return err
	}
	return s.indicatorRender(w, r, http.StatusOK, d, indicatorValues(langOf(r), ind), nil)
}

// indicatorOfPath loads the indicator of the route for someone who may
// change it; anyone else gets the 403 page rather than a form that would
// fail.
func (s *server) indicatorOfPath(r *http.Request) (*payesh.Indicator, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	if !user(r).CanConfigure() {
		return nil, payesh.ErrForbidden
	}
	return s.Indicators.FindIndicatorByID(r.Context(), id)
}

// indicatorForm loads the form's choices. Links the form would not offer
// (a clause of another document, an item that is not a program) are
// added, so that saving does not drop them.
func (s *server) indicatorForm(r *http.Request, ind *payesh.Indicator) (*indicatorFormData, error) {
	lang := langOf(r)
	d := &indicatorFormData{Indicator: ind, Action: "/indicators",
		Directions:  keyOptions(lang, "ui.indicator_form.direction.", []payesh.Direction{payesh.HigherIsBetter, payesh.LowerIsBetter}),
		Aggs:        keyOptions(lang, "ui.indicator_form.agg.", []payesh.Aggregation{payesh.AggSum, payesh.AggAvg, payesh.AggRatio}),
		TimeAggs:    keyOptions(lang, "ui.indicator_form.agg.", []payesh.Aggregation{payesh.AggSum, payesh.AggAvg, payesh.AggLast}),
		Frequencies: keyOptions(lang, "ui.indicator_form.freq.", valuebook.Frequencies),
		Kinds:       keyOptions(lang, "ui.units.kind.", payesh.UnitKinds),
	}
	var err error
	if d.Clauses, err = s.workClauses(r); err != nil {
		return nil, err
	}
	all, err := s.dashAllIndicators(r, payesh.IndicatorFilter{})
	if err != nil {
		return nil, err
	}
	for _, i := range all {
		if i.UnitAgg == payesh.AggSum && (ind == nil || i.ID != ind.ID) {
			d.Inputs = append(d.Inputs, option{strconv.FormatInt(i.ID, 10), i.Code + " — " + pick(lang, i.NameFA, i.NameEN)})
		}
	}
	if err := s.indicatorPrograms(r, d); err != nil {
		return nil, err
	}
	if ind == nil {
		return d, nil
	}
	d.Action, d.Name = fmt.Sprintf("/indicators/%d", ind.ID), pick(lang, ind.NameFA, ind.NameEN)
	for _, id := range ind.ClauseIDs {
		if _, err := s.workFilterClause(r, id, &d.Clauses); err != nil {
			return nil, err
		}
	}
	return d, s.addPrograms(r, d, ind.WorkItemIDs)
}

// indicatorPrograms lists the programs an indicator may measure, unless
// there are more than a select lists.
func (s *server) indicatorPrograms(r *http.Request, d *indicatorFormData) error {
	f := payesh.WorkItemFilter{Kinds: []payesh.WorkKind{payesh.KindProgram}, Sort: "id"}
	var err error
	if d.ProgramPicker, err = s.workPickerNeeded(r, f); err != nil || d.ProgramPicker {
		return err
	}
	programs, err := s.workFindAll(r, f)
	for _, p := range programs {
		d.Programs = append(d.Programs, workOption{ID: p.ID, Label: workOptionTitle(p)})
	}
	return err
}

// addPrograms makes sure the items ids are among the program choices: a
// link to a program the list does not hold is kept, not dropped. Ids
// that name no item are left for the save to refuse.
func (s *server) addPrograms(r *http.Request, d *indicatorFormData, ids []int64) error {
	for _, id := range ids {
		if workHasOption(d.Programs, id) {
			continue
		}
		item, err := s.Work.FindWorkItemByID(r.Context(), id)
		if payesh.ErrorCode(err) == payesh.ENOTFOUND {
			continue
		} else if err != nil {
			return err
		}
		d.Programs = append(d.Programs, workOption{ID: item.ID, Label: workOptionTitle(item)})
	}
	return nil
}

// indicatorValues fills the form from an indicator, numbers written as
// the language writes them.
func indicatorValues(lang i18n.Lang, i *payesh.Indicator) url.Values {
	v := url.Values{
		"code": {i.Code}, "name_fa": {i.NameFA}, "name_en": {i.NameEN}, "description": {i.Description},
		"measure": {i.Measure}, "direction": {string(i.Direction)}, "unit_agg": {string(i.UnitAgg)},
		"time_agg": {string(i.TimeAgg)}, "frequency": {string(i.Frequency)},
		"baseline_period": {formDigits(lang, i.BaselinePeriod)},
		"on_track":        {valuesNumber(lang, i.Thresholds.OnTrack)},
		"at_risk":         {valuesNumber(lang, i.Thresholds.AtRisk)},
		"version":         {strconv.Itoa(i.Version)},
	}
	if i.Baseline != nil {
		v.Set("baseline", valuesNumber(lang, *i.Baseline))
	}
	if i.Min != nil {
		v.Set("min", valuesNumber(lang, *i.Min))
	}
	if i.Max != nil {
		v.Set("max", valuesNumber(lang, *i.Max))
	}
	if i.NumeratorID != nil {
		v.Set("numerator_id", strconv.FormatInt(*i.NumeratorID, 10))
	}
	if i.DenominatorID != nil {
		v.Set("denominator_id", strconv.FormatInt(*i.DenominatorID, 10))
	}
	if i.IsRatio() {
		v.Set("scale", valuesNumber(lang, i.Scale))
	}
	for _, k := range i.ReportingKinds {
		v.Add("reporting_kinds", string(k))
	}
	for _, id := range i.ClauseIDs {
		v.Add("clause_ids", strconv.FormatInt(id, 10))
	}
	for _, id := range i.WorkItemIDs {
		v.Add("work_item_ids", strconv.FormatInt(id, 10))
	}
	return v
}

// indicatorInput reads the form into an indicator. On the edit form the
// code, the aggregation rules and the frequency are not fields: they come
// from the indicator as saved (before).
func indicatorInput(f *form, before *payesh.Indicator) *payesh.Indicator {
	i := &payesh.Indicator{
		Code: f.String("code"), NameFA: f.String("name_fa"), NameEN: f.String("name_en"),
		Description: f.String("description"), Measure: f.String("measure"),
		Direction: payesh.Direction(f.String("direction")), UnitAgg: payesh.Aggregation(f.String("unit_agg")),
		TimeAgg: payesh.Aggregation(f.String("time_agg")), Frequency: payesh.Frequency(f.String("frequency")),
		Baseline: valuesFloat(f, "baseline"), BaselinePeriod: indicatorPeriod(f, "baseline_period"),
		ClauseIDs: f.IDs("clause_ids"), WorkItemIDs: f.IDs("work_item_ids"), ReportingKinds: []payesh.UnitKind{},
		Min: valuesFloat(f, "min"), Max: valuesFloat(f, "max"),
	}
	if i.UnitAgg == payesh.AggRatio {
		i.NumeratorID, i.DenominatorID = indicatorRef(f, "numerator_id"), indicatorRef(f, "denominator_id")
		if sc := valuesFloat(f, "scale"); sc != nil {
			i.Scale = *sc
		}
	}
	for _, k := range f.r.PostForm["reporting_kinds"] {
		i.ReportingKinds = append(i.ReportingKinds, payesh.UnitKind(k))
	}
	// Both empty leave the thresholds zero, which become the defaults.
	on, risk := valuesFloat(f, "on_track"), valuesFloat(f, "at_risk")
	switch {
	case on != nil && risk != nil:
		i.Thresholds = payesh.Thresholds{OnTrack: *on, AtRisk: *risk}
	case f.String("on_track") == "" && f.String("at_risk") != "":
		f.fail("on_track", "err.required")
	case f.String("at_risk") == "" && f.String("on_track") != "":
		f.fail("at_risk", "err.required")
	}
	if before != nil {
		i.ID, i.Code, i.UnitAgg, i.TimeAgg, i.Frequency = before.ID, before.Code, before.UnitAgg, before.TimeAgg, before.Frequency
		i.NumeratorID, i.DenominatorID, i.Scale = before.NumeratorID, before.DenominatorID, before.Scale
		// Likewise a bound cannot be removed once set.
		for name, b := range map[string]*float64{"min": before.Min, "max": before.Max} {
			if b != nil && f.String(name) == "" {
				f.fail(name, "err.indicator_form.bound_clear")
			}
		}
		// An update without a baseline keeps the saved one (the domain
		// has no way to remove it): say so rather than seem to clear it.
		if before.Baseline != nil && f.String("baseline") == "" {
			f.fail("baseline", "err.indicator_form.baseline_clear")
		}
	}
	return i
}

// indicatorRef reads an optional indicator id from a select.
func indicatorRef(f *form, field string) *int64 {
	s := f.String(field)
	if s == "" {
		return nil
	}
	id, err := strconv.ParseInt(jalali.ToLatinDigits(s), 10, 64)
	if err != nil || id <= 0 {
		f.fail(field, "err.unknown_ref")
		return nil
	}
	return &id
}

// indicatorPeriod reads a period typed in any digits ("۱۴۰۰") as its
// canonical form ("1400"), which the dashboards compare.
func indicatorPeriod(f *form, field string) string {
	s := f.String(field)
	if s == "" {
		return ""
	}
	p, err := jalali.ParsePeriod(s)
	if err != nil {
		f.fail(field, "err.period")
		return ""
	}
	return p.String()
}

// indicatorCheck returns every problem at once: what the form could not
// read and what the domain's rules find in the rest; nil when none.
func indicatorCheck(f *form, i *payesh.Indicator) map[string]string {
	check := *i
	check.Normalize()
	errs := map[string]string{}
	mergeFields(errs, check.Validate())
	for k, v := range f.errors {
		errs[k] = v
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// indicatorCreate saves a new indicator and opens its edit page at the
// targets, which come next.
func (s *server) indicatorCreate(w http.ResponseWriter, r *http.Request) error {
	if !user(r).CanConfigure() {
		return payesh.ErrForbidden
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	in := indicatorInput(f, nil)
	if errs := indicatorCheck(f, in); errs != nil {
		return s.indicatorFailed(w, r, nil, payesh.Invalid(errs))
	}
	if err := s.Indicators.CreateIndicator(r.Context(), in); err != nil {
		return s.indicatorFailed(w, r, nil, err)
	}
	return redirect(w, r, fmt.Sprintf("/indicators/%d/edit?flash=ui.indicator_form.flash.created#targets", in.ID))
}

// indicatorUpdate saves the edit form against the version the user saw.
func (s *server) indicatorUpdate(w http.ResponseWriter, r *http.Request) error {
	before, err := s.indicatorOfPath(r)
	if err != nil {
		return err
	}
	id := before.ID
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	in := indicatorInput(f, before)
	if errs := indicatorCheck(f, in); errs != nil {
		return s.indicatorFailed(w, r, before, payesh.Invalid(errs))
	}
	up := payesh.IndicatorUpdate{
		NameFA: &in.NameFA, NameEN: &in.NameEN, Description: &in.Description, Measure: &in.Measure,
		Direction: &in.Direction, Baseline: in.Baseline, BaselinePeriod: &in.BaselinePeriod,
		Thresholds: &in.Thresholds, Min: in.Min, Max: in.Max, ReportingKinds: &in.ReportingKinds, ClauseIDs: &in.ClauseIDs,
		WorkItemIDs: &in.WorkItemIDs, Version: f.Int("version"),
	}
	if _, err := s.Indicators.UpdateIndicator(r.Context(), id, up); err != nil {
		return s.indicatorFailed(w, r, before, err)
	}
	return redirect(w, r, fmt.Sprintf("/indicators/%d/edit?flash=ui.indicator_form.flash.updated", id))
}

// indicatorFailed shows the form again with everything the user typed:
// field errors beside their fields (400); on a version conflict the
// indicator as saved now above the form, which takes the new version so
// that saving again overwrites knowingly (409). Other errors (403, 404)
// are error pages.
func (s *server) indicatorFailed(w http.ResponseWriter, r *http.Request, before *payesh.Indicator, err error) error {
	fail, ok := failureOf(err)
	if !ok {
		return err
	}
	d, lerr := s.indicatorForm(r, before)
	if lerr != nil {
		return lerr
	}
	if before != nil {
		if lerr := s.targetsLoad(r, d); lerr != nil {
			return lerr
		}
	}
	values := withoutSecrets(r.PostForm)
	if current, ok := fail.current.(*payesh.Indicator); ok {
		d.Conflict = indicatorFacts(langOf(r), d, current)
		values.Set("version", strconv.Itoa(current.Version))
	}
	return s.indicatorRender(w, r, fail.status, d, values, workSummarized(fail.fields))
}

// indicatorRender shows the form page.
func (s *server) indicatorRender(w http.ResponseWriter, r *http.Request, status int, d *indicatorFormData, values url.Values, errs map[string]string) error {
	title := "ui.indicator_form.new"
	if d.Indicator != nil {
		title = "ui.indicator_form.edit"
	}
	d.form = values
	if d.ProgramPicker {
		// What the pickers added before a problem stays on the form.
		var posted []int64
		for _, v := range values["work_item_ids"] {
			if id, err := strconv.ParseInt(jalali.ToLatinDigits(strings.TrimSpace(v)), 10, 64); err == nil && id > 0 && len(posted) < payesh.MaxWorkItemLinks {
				posted = append(posted, id)
			}
		}
		if err := s.addPrograms(r, d, posted); err != nil {
			return err
		}
	}
	v := s.newView(r, title, d)
	v.Form, v.Errors = values, errs
	return s.render(w, r, status, "indicator_form", v)
}

// indicatorFacts is the indicator as someone else saved it, for the
// conflict box.
func indicatorFacts(lang i18n.Lang, d *indicatorFormData, c *payesh.Indicator) []fact {
	t := func(k string) string { return i18n.T(lang, k) }
	sep := ", "
	if lang == i18n.FA {
		sep = "، "
	}
	bound := func(b *float64) string {
		if b == nil {
			return "—"
		}
		return valuesNumber(lang, *b)
	}
	baseline := ""
	if c.Baseline != nil {
		baseline = valuesNumber(lang, *c.Baseline) + " (" + formDigits(lang, c.BaselinePeriod) + ")"
	}
	var kinds, clauses []string
	for _, k := range c.ReportingKinds {
		kinds = append(kinds, t("ui.units.kind."+string(k)))
	}
	for _, id := range c.ClauseIDs {
		clauses = append(clauses, indicatorOptionLabel(d.Clauses, id))
	}
	return []fact{
		{t("ui.indicator_form.name_fa"), c.NameFA},
		{t("ui.indicator_form.name_en"), c.NameEN},
		{t("ui.indicator_form.measure"), c.Measure},
		{t("ui.indicator_form.direction"), t("ui.indicator_form.direction." + string(c.Direction))},
		{t("ui.indicator_form.baseline"), baseline},
		{t("ui.indicator_form.on_track"), valuesNumber(lang, c.Thresholds.OnTrack)},
		{t("ui.indicator_form.at_risk"), valuesNumber(lang, c.Thresholds.AtRisk)},
		{t("ui.indicator_form.min"), bound(c.Min)},
		{t("ui.indicator_form.max"), bound(c.Max)},
		{t("ui.indicator_form.kinds"), strings.Join(kinds, sep)},
		{t("ui.indicator_form.clauses"), strings.Join(clauses, sep)},
		{t("ui.indicator_form.description"), c.Description},
	}
}

// indicatorOptionLabel names id among opts, or "#id" when absent.
func indicatorOptionLabel(opts []workOption, id int64) string {
	for _, o := range opts {
		if o.ID == id {
			return strings.TrimLeft(o.Label, workIndent)
		}
	}
	return "#" + strconv.FormatInt(id, 10)
}
