package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/store/storetest"
)

// indicatorCount is how many indicators the store holds.
func (e *workEnv) indicatorCount() int {
	e.t.Helper()
	_, n, err := e.db.FindIndicators(storetest.System(), payesh.IndicatorFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

func (e *workEnv) indicatorReload(id int64) *payesh.Indicator {
	e.t.Helper()
	i, err := e.db.FindIndicatorByID(storetest.System(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return i
}

// indicatorForm is a complete, valid create form.
func indicatorForm(clause, program int64) url.Values {
	return url.Values{
		"code": {"coverage.rate"}, "name_fa": {"  نرخ پوشش بیمه‌ای  "}, "name_en": {"Coverage rate"},
		"description": {"نسبت بیمه‌شدگان به جمعیت هدف"}, "measure": {"درصد"}, "direction": {"higher"},
		"unit_agg": {"avg"}, "time_agg": {"last"}, "frequency": {"quarterly"},
		"baseline": {"۷۳٫۵"}, "baseline_period": {"۱۴۰۰"}, "on_track": {"۹۰"}, "at_risk": {"۷۰"},
		"reporting_kinds": {"province", "branch"}, "clause_ids": {fmt.Sprint(clause)}, "work_item_ids": {fmt.Sprint(program)},
	}
}

func TestIndicatorCreate(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	c := e.as("secretariat")
	clause, program := e.item("women-clause8").ClauseIDs[0], e.item("sso-op")
	r := c.get("/indicators/new")
	r.want(t, http.StatusOK, `<option value="monthly" selected>`, `<option value="higher" selected>`, `value="۹۵"`, `value="۸۰"`,
		fmt.Sprintf(`value="%d"`, program.ID), fmt.Sprintf(`name="clause_ids" value="%d"`, clause))

	r = c.post("/indicators", indicatorForm(clause, program.ID), nil)
	r.want(t, http.StatusSeeOther)
	var id int64
	loc := r.header.Get("Location")
	if _, err := fmt.Sscanf(loc, "/indicators/%d/edit?flash=ui.indicator_form.flash.created#targets", &id); err != nil {
		t.Fatalf("redirect to %q", loc)
	}
	i := e.indicatorReload(id)
	if i.NameFA != "نرخ پوشش بیمه‌ای" || i.Code != "coverage.rate" || i.UnitAgg != payesh.AggAvg || i.TimeAgg != payesh.AggLast ||
		i.Frequency != payesh.Quarterly || i.Baseline == nil || *i.Baseline != 73.5 || i.BaselinePeriod != "1400" ||
		i.Thresholds != (payesh.Thresholds{OnTrack: 90, AtRisk: 70}) || i.Measure != "درصد" {
		t.Errorf("stored %+v", i)
	}
	if fmt.Sprint(i.ReportingKinds) != "[province branch]" || fmt.Sprint(i.ClauseIDs) != fmt.Sprint([]int64{clause}) ||
		fmt.Sprint(i.WorkItemIDs) != fmt.Sprint([]int64{program.ID}) {
		t.Errorf("kinds %v clauses %v work %v", i.ReportingKinds, i.ClauseIDs, i.WorkItemIDs)
	}

	// The edit page it opens: the rules shown, not offered; the targets.
	r = c.get(strings.Split(loc, "#")[0])
	r.want(t, http.StatusOK, workFA("ui.indicator_form.flash.created"), `value="۷۳٫۵"`, `value="۱۴۰۰"`,
		workFA("ui.indicator_form.agg.last"), workFA("ui.indicator_form.freq.quarterly"), `id="targets-form"`,
		`value="province" checked`, fmt.Sprintf(`value="%d" checked`, clause))
	r.lacks(t, `name="frequency"`, `name="unit_agg"`, `name="code"`)
}

func TestIndicatorCreateErrorsKeepValues(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	c := e.as("secretariat")
	form := indicatorForm(e.item("women-clause8").ClauseIDs[0], e.item("sso-op").ID)
	form.Set("code", "Bad Code")
	form.Set("name_fa", "")
	form.Set("baseline", "هفتاد")
	form.Set("baseline_period", "1400Q5")
	form.Set("on_track", "۵۰")
	form.Set("at_risk", "۸۰")
	r := c.post("/indicators", form, nil)
	r.want(t, http.StatusBadRequest, workFA("err.invalid"), `value="Bad Code"`, `value="Coverage rate"`, "نسبت بیمه‌شدگان به جمعیت هدف",
		`value="هفتاد"`, `value="1400Q5"`, `value="۵۰"`, `<option value="quarterly" selected>`, `value="branch" checked`)
	for field, key := range map[string]string{
		"code": "err.code", "name_fa": "err.required", "baseline": "err.number",
		"baseline_period": "err.period", "thresholds": "err.indicator.thresholds",
	} {
		if got := workErrorBeside(r.body, field); got != workFA(key) {
			t.Errorf("beside %s: %q, want %q", field, got, workFA(key))
		}
	}
	if n := e.indicatorCount(); n != 0 {
		t.Errorf("an invalid form saved %d indicators", n)
	}

	// A code already in use is named beside the code.
	e.valuesIndicator("coverage.rate", payesh.Monthly)
	r = c.post("/indicators", indicatorForm(e.item("women-clause8").ClauseIDs[0], e.item("sso-op").ID), nil)
	r.want(t, http.StatusConflict, `value="Coverage rate"`)
	if got := workErrorBeside(r.body, "code"); got != workFA("err.code_taken") {
		t.Errorf("beside a taken code: %q", got)
	}
}

func TestIndicatorFormsForbidden(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	ind := e.valuesIndicator("forbidden", payesh.Monthly)
	for _, who := range []string{"reporter", "viewer"} {
		c := e.as(who)
		c.get("/indicators/new").want(t, http.StatusForbidden, workFA("ui.error.h403"))
		c.get(fmt.Sprintf("/indicators/%d/edit", ind.ID)).want(t, http.StatusForbidden)
		c.post("/indicators", indicatorForm(0, 0), nil).want(t, http.StatusForbidden)
		c.post(fmt.Sprintf("/indicators/%d", ind.ID), url.Values{"name_fa": {"x"}, "version": {"1"}}, nil).want(t, http.StatusForbidden)
		c.post(fmt.Sprintf("/indicators/%d/targets", ind.ID), url.Values{"target_rows": {"0"}}, nil).want(t, http.StatusForbidden)
	}
	if n := e.indicatorCount(); n != 1 || e.indicatorReload(ind.ID).Version != 1 {
		t.Errorf("a forbidden post changed indicators: %d, version %d", n, e.indicatorReload(ind.ID).Version)
	}
	e.as("secretariat").get("/indicators/999999/edit").want(t, http.StatusNotFound)
}

func TestIndicatorEditConflict(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	ind := e.valuesIndicator("edit.conflict", payesh.Monthly)
	c := e.as("secretariat")
	r := c.get(fmt.Sprintf("/indicators/%d/edit", ind.ID))
	r.want(t, http.StatusOK, fmt.Sprintf(`value="%s"`, ind.NameFA))
	form := valuesFormOf(t, r.body, "indicator-form")

	theirs := "نامی که همکار ذخیره کرد"
	if _, err := e.db.UpdateIndicator(storetest.System(), ind.ID, payesh.IndicatorUpdate{NameFA: &theirs, Version: 1}); err != nil {
		t.Fatal(err)
	}
	form.Set("name_fa", "نام من")
	form.Set("measure", "هزار نفر")
	r = c.post(fmt.Sprintf("/indicators/%d", ind.ID), form, nil)
	r.want(t, http.StatusConflict, workFA("err.version_conflict"), theirs, `value="نام من"`, `value="هزار نفر"`)
	if got := e.indicatorReload(ind.ID).NameFA; got != theirs {
		t.Fatalf("the stale form overwrote: %q", got)
	}
	if v := workVersionIn(t, r.body); v != 2 {
		t.Fatalf("the form carries version %d, want 2", v)
	}

	form = valuesFormOf(t, r.body, "indicator-form")
	form.Set("baseline", "۱۲۰")
	form.Set("baseline_period", "۱۴۰۲")
	r = c.post(fmt.Sprintf("/indicators/%d", ind.ID), form, nil)
	r.want(t, http.StatusSeeOther)
	now := e.indicatorReload(ind.ID)
	if now.NameFA != "نام من" || now.Measure != "هزار نفر" || now.Frequency != payesh.Monthly || now.Version != 3 ||
		now.Baseline == nil || *now.Baseline != 120 || now.BaselinePeriod != "1402" {
		t.Errorf("after saving again: %+v", now)
	}

	// A saved baseline cannot be emptied; the form says so.
	form = valuesFormOf(t, c.get(fmt.Sprintf("/indicators/%d/edit", ind.ID)).body, "indicator-form")
	form.Set("baseline", "")
	r = c.post(fmt.Sprintf("/indicators/%d", ind.ID), form, nil)
	r.want(t, http.StatusBadRequest)
	if got := workErrorBeside(r.body, "baseline"); got != workFA("err.indicator_form.baseline_clear") {
		t.Errorf("beside an emptied baseline: %q", got)
	}
}
