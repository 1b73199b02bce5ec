package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"payesh"
)

// indicatorList is the decoded envelope of GET /indicators.
type indicatorList struct {
	Items  []payesh.Indicator `json:"items"`
	Total  int                `json:"total"`
	Limit  int                `json:"limit"`
	Offset int                `json:"offset"`
}

// newIndicator is a valid POST /indicators body; extra fields override.
func newIndicator(code string, extra map[string]any) map[string]any {
	b := map[string]any{
		"code": code, "name_fa": "شاخص " + code, "name_en": "Indicator " + code, "measure": "نفر",
		"direction": "higher", "unit_agg": "sum", "time_agg": "sum", "frequency": "monthly",
		"reporting_kinds": payesh.UnitKinds, // every unit's values add up
	}
	for k, v := range extra {
		b[k] = v
	}
	return b
}

// addIndicator defines an indicator through the API as the secretariat.
func (e *env) addIndicator(code string, extra map[string]any) payesh.Indicator {
	e.t.Helper()
	var ind payesh.Indicator
	e.ok(e.do("POST", apiPath("/indicators"), "sec", newIndicator(code, extra)), http.StatusCreated, &ind)
	return ind
}

// approveAll approves every value of the indicator not yet approved,
// through the API, as the secretariat.
func (e *env) approveAll(indicatorID int64) {
	e.t.Helper()
	var ids []int64
	for _, v := range e.values(fmt.Sprintf("indicator=%d", indicatorID)) {
		if v.State != payesh.ValueApproved {
			ids = append(ids, v.ID)
		}
	}
	var got valueList
	e.ok(e.do("POST", apiPath("/indicators/values/review"), "sec", map[string]any{"ids": ids, "state": "approved"}), http.StatusOK, &got)
	for _, v := range got.Items {
		if v.State != payesh.ValueApproved {
			e.t.Fatalf("reviewed %+v", v)
		}
	}
}

// addClauses makes a document with clause c1 and its sub-clause c11.
func (e *env) addClauses() (c1, c11 *payesh.Clause) {
	e.t.Helper()
	doc := &payesh.Document{Code: "gssp", Kind: payesh.DocPolicy, TitleFA: "سیاست‌های کلی تأمین اجتماعی"}
	if err := e.db.CreateDocument(sysCtx, doc); err != nil {
		e.t.Fatal(err)
	}
	c1 = &payesh.Clause{DocumentID: doc.ID, Number: "1", TitleFA: "بند یک"}
	if err := e.db.CreateClause(sysCtx, c1); err != nil {
		e.t.Fatal(err)
	}
	c11 = &payesh.Clause{DocumentID: doc.ID, ParentID: &c1.ID, Number: "1-1", TitleFA: "جزء یک"}
	if err := e.db.CreateClause(sysCtx, c11); err != nil {
		e.t.Fatal(err)
	}
	return c1, c11
}

// indicatorState is everything a refused indicator request must leave
// alone: indicators, targets, reported values, roll-ups and the length
// of the audit trail.
func (e *env) indicatorState() string {
	e.t.Helper()
	inds, _, err := e.db.FindIndicators(sysCtx, payesh.IndicatorFilter{Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil {
		e.t.Fatal(err)
	}
	values, err := e.db.FindValues(sysCtx, payesh.ValueFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	state := []any{inds, values}
	for _, ind := range inds {
		targets, err := e.db.FindTargets(sysCtx, ind.ID)
		if err != nil {
			e.t.Fatal(err)
		}
		rollups, err := e.db.FindRollupSeries(sysCtx, ind.ID, nil, "1400", "1405", payesh.BasisApproved)
		if err != nil {
			e.t.Fatal(err)
		}
		state = append(state, targets, rollups)
	}
	_, audits, err := e.db.FindAuditEvents(sysCtx, payesh.AuditFilter{Page: payesh.Page{Limit: 1}})
	if err != nil {
		e.t.Fatal(err)
	}
	b, _ := json.Marshal(append(state, audits))
	return string(b)
}

// refused sends a request that must fail with status and, when field is
// set, name field in error.fields; it must change nothing.
func (e *env) refused(method, path, who string, body any, status int, field string) apiError {
	e.t.Helper()
	before := e.indicatorState()
	r := e.do(method, path, who, body, "Accept-Language", "en")
	if r.status != status {
		e.t.Fatalf("%s %s as %q: status %d, want %d: %s", method, path, who, r.status, status, r.body)
	}
	ae := r.apiError()
	if ae.Error.Message == "" || strings.HasPrefix(ae.Error.Message, "err.") {
		e.t.Errorf("%s %s: message %q is not translated", method, path, ae.Error.Message)
	}
	if _, ok := ae.Error.Fields[field]; field != "" && !ok {
		e.t.Errorf("%s %s: fields %v lack %q", method, path, ae.Error.Fields, field)
	}
	for f, msg := range ae.Error.Fields {
		if strings.HasPrefix(msg, "err.") {
			e.t.Errorf("%s %s: field %s message %q is not translated", method, path, f, msg)
		}
	}
	if after := e.indicatorState(); after != before {
		e.t.Errorf("%s %s: a refused request changed the database\nbefore %s\nafter  %s", method, path, before, after)
	}
	return ae
}

func TestIndicatorLifecycle(t *testing.T) {
	e := newEnv(t)
	c1, c11 := e.addClauses()

	r := e.do("POST", apiPath("/indicators"), "sec", newIndicator("coverage", map[string]any{
		"name_fa": "پوشش بيمه‌اي", "baseline": 70, "baseline_period": "1400",
		"thresholds": map[string]any{"on_track": 90, "at_risk": 75}, "reporting_kinds": []string{"province"},
		"clause_ids": []int64{c11.ID}, "frequency": "yearly", "time_agg": "last", "unit_agg": "avg",
	}))
	var ind payesh.Indicator
	e.ok(r, http.StatusCreated, &ind)
	if loc := r.header.Get("Location"); loc != apiPath("/indicators/%d", ind.ID) {
		t.Errorf("Location %q", loc)
	}
	if ind.NameFA != "پوشش بیمه‌ای" || ind.Version != 1 || ind.Thresholds != (payesh.Thresholds{OnTrack: 90, AtRisk: 75}) ||
		ind.Baseline == nil || *ind.Baseline != 70 || !slices.Equal(ind.ClauseIDs, []int64{c11.ID}) || ind.WorkItemIDs == nil {
		t.Errorf("created %+v", ind)
	}
	// Defaults, and lists that are [] rather than null.
	plain := e.do("POST", apiPath("/indicators"), "admin", newIndicator("plain", map[string]any{"reporting_kinds": nil}))
	if plain.status != http.StatusCreated || !strings.Contains(string(plain.body), `"reporting_kinds":[]`) ||
		!strings.Contains(string(plain.body), `"thresholds":{"on_track":95,"at_risk":80}`) {
		t.Errorf("plain create: %d %s", plain.status, plain.body)
	}

	var got payesh.Indicator
	e.ok(e.do("GET", apiPath("/indicators/%d", ind.ID), "viewer", nil), http.StatusOK, &got)
	if got.ID != ind.ID || got.Code != "coverage" || got.TimeAgg != payesh.AggLast {
		t.Errorf("get %+v", got)
	}

	// Bad definitions name every bad field.
	ae := e.refused("POST", apiPath("/indicators"), "sec", newIndicator("Bad Code", map[string]any{
		"name_fa": "", "direction": "up", "unit_agg": "last", "time_agg": "median", "frequency": "weekly",
		"thresholds": map[string]any{"on_track": 50, "at_risk": 60}, "baseline_period": "1400-13",
	}), http.StatusBadRequest, "direction")
	for _, f := range []string{"code", "name_fa", "direction", "unit_agg", "time_agg", "frequency", "thresholds", "baseline_period"} {
		if _, ok := ae.Error.Fields[f]; !ok {
			t.Errorf("bad indicator: fields %v lack %q", ae.Error.Fields, f)
		}
	}
	if ae.Error.Fields["frequency"] != "The frequency must be monthly, quarterly or yearly." {
		t.Errorf("frequency message %q", ae.Error.Fields["frequency"])
	}
	e.refused("POST", apiPath("/indicators"), "sec", newIndicator("coverage", nil), http.StatusConflict, "code")
	e.refused("POST", apiPath("/indicators"), "sec", newIndicator("x1", map[string]any{"version": 3}), http.StatusBadRequest, "version")
	e.refused("POST", apiPath("/indicators"), "sec", newIndicator("x2", map[string]any{"thresholds": map[string]any{"green": 1}}), http.StatusBadRequest, "green")
	e.refused("POST", apiPath("/indicators"), "sec", newIndicator("x3", map[string]any{"clause_ids": []int64{c1.ID + 1000}}), http.StatusBadRequest, "clause_ids")
	e.refused("POST", apiPath("/indicators"), "viewer", newIndicator("x4", nil), http.StatusForbidden, "")
	e.refused("POST", apiPath("/indicators"), "reporter", newIndicator("x5", nil), http.StatusForbidden, "")
	e.refused("POST", apiPath("/indicators"), "", newIndicator("x6", nil), http.StatusUnauthorized, "")

	// The clause filter takes sub-clauses in; q searches names and codes.
	linked := e.addIndicator("debt", map[string]any{"clause_ids": []int64{c1.ID}, "direction": "lower"})
	var list indicatorList
	e.ok(e.do("GET", apiPath("/indicators?clause=%d", c1.ID), "viewer", nil), http.StatusOK, &list)
	if list.Total != 2 || len(list.Items) != 2 || list.Items[0].Code != "coverage" || list.Items[1].ID != linked.ID || list.Limit != payesh.DefaultLimit {
		t.Errorf("by clause %d: %+v", c1.ID, list)
	}
	e.ok(e.do("GET", apiPath("/indicators?clause=%d", c11.ID), "viewer", nil), http.StatusOK, &list)
	if list.Total != 1 || list.Items[0].ID != ind.ID {
		t.Errorf("by sub-clause: %+v", list)
	}
	e.ok(e.do("GET", apiPath("/indicators?q=%s&limit=1", "Indicator"), "viewer", nil), http.StatusOK, &list)
	if list.Total != 3 || len(list.Items) != 1 || list.Limit != 1 {
		t.Errorf("by q with limit 1: %+v", list)
	}
	e.ok(e.do("GET", apiPath("/indicators"), "reporter", nil), http.StatusOK, &list)
	if list.Total != 3 || list.Items[0].Code != "coverage" || list.Items[2].Code != "plain" {
		t.Errorf("all: %+v", list)
	}
	e.refused("GET", apiPath("/indicators?clause=x"), "viewer", nil, http.StatusBadRequest, "clause")
	e.refused("GET", apiPath("/indicators?frequency=monthly"), "viewer", nil, http.StatusBadRequest, "frequency")

	// Patch: a version is required, a stale one is a conflict with the
	// current row, and what is fixed cannot be sent.
	url := apiPath("/indicators/%d", ind.ID)
	e.ok(e.do("PATCH", url, "sec", map[string]any{"measure": "درصد", "direction": "lower", "reporting_kinds": nil, "version": 1}), http.StatusOK, &got)
	if got.Version != 2 || got.Measure != "درصد" || got.Direction != payesh.LowerIsBetter || len(got.ReportingKinds) != 0 || !slices.Equal(got.ClauseIDs, []int64{c11.ID}) {
		t.Errorf("patched %+v", got)
	}
	ae = e.refused("PATCH", url, "admin", map[string]any{"measure": "نفر", "version": 1}, http.StatusConflict, "")
	var current payesh.Indicator
	if err := json.Unmarshal(ae.Error.Current, &current); err != nil || current.Version != 2 || current.Measure != "درصد" {
		t.Errorf("conflict current %s (%v)", ae.Error.Current, err)
	}
	e.refused("PATCH", url, "sec", map[string]any{"measure": "نفر"}, http.StatusBadRequest, "version")
	e.refused("PATCH", url, "sec", map[string]any{"frequency": "yearly", "version": 2}, http.StatusBadRequest, "frequency")
	e.refused("PATCH", url, "sec", map[string]any{"direction": "sideways", "version": 2}, http.StatusBadRequest, "direction")
	e.refused("PATCH", url, "reporter", map[string]any{"measure": "نفر", "version": 2}, http.StatusForbidden, "")
	e.refused("PATCH", url, "viewer", map[string]any{"measure": "نفر", "version": 2}, http.StatusForbidden, "")
	if n := e.auditCount("indicator", ind.ID, payesh.ActionUpdate); n != 1 {
		t.Errorf("%d update audit rows, want 1", n)
	}

	// Unknown and malformed ids.
	missing := apiPath("/indicators/%d", ind.ID+1000)
	if ae := e.refused("GET", missing, "viewer", nil, http.StatusNotFound, ""); ae.Error.Message != "Indicator not found." {
		t.Errorf("404 message %q", ae.Error.Message)
	}
	e.refused("PATCH", missing, "sec", map[string]any{"measure": "x", "version": 1}, http.StatusNotFound, "")
	e.refused("GET", apiPath("/indicators/abc"), "viewer", nil, http.StatusBadRequest, "id")
	e.refused("DELETE", url, "admin", nil, http.StatusMethodNotAllowed, "")
}

func TestIndicatorTargets(t *testing.T) {
	e := newEnv(t)
	ind := e.addIndicator("coverage", map[string]any{"frequency": "yearly"})
	org, prov := e.unit["org"].ID, e.unit["prov-a"].ID
	url := apiPath("/indicators/%d/targets", ind.ID)

	var list struct{ Items []payesh.Target }
	e.ok(e.do("GET", url, "viewer", nil), http.StatusOK, &list)
	if list.Items == nil || len(list.Items) != 0 {
		t.Errorf("no targets yet: %+v", list)
	}
	put := map[string]any{"targets": []map[string]any{
		{"unit_id": org, "period": "1403", "value": 100},
		{"unit_id": prov, "period": "۱۴۰۳", "value": 40},
		{"unit_id": org, "period": "1403Q1", "value": 25},
	}}
	e.ok(e.do("PUT", url, "sec", put), http.StatusNoContent, nil)
	// A second put overwrites one target and leaves the others.
	e.ok(e.do("PUT", url, "admin", map[string]any{"targets": []map[string]any{{"unit_id": org, "period": "1403", "value": 110}}}), http.StatusNoContent, nil)
	e.ok(e.do("GET", url, "reporter", nil), http.StatusOK, &list)
	want := []payesh.Target{
		{IndicatorID: ind.ID, UnitID: org, Period: "1403Q1", Value: 25},
		{IndicatorID: ind.ID, UnitID: org, Period: "1403", Value: 110},
		{IndicatorID: ind.ID, UnitID: prov, Period: "1403", Value: 40},
	}
	slices.SortFunc(list.Items, func(a, b payesh.Target) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
	slices.SortFunc(want, func(a, b payesh.Target) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
	if !slices.Equal(list.Items, want) {
		t.Errorf("targets %+v\nwant %+v", list.Items, want)
	}

	one := func(unit int64, period string, value any) map[string]any {
		t := map[string]any{"unit_id": unit, "period": period}
		if value != nil {
			t["value"] = value
		}
		return t
	}
	batch := func(ts ...map[string]any) map[string]any { return map[string]any{"targets": ts} }
	e.refused("PUT", url, "sec", batch(one(org, "1404", 1), one(org, "14x", 1)), http.StatusBadRequest, "targets.1.period")
	e.refused("PUT", url, "sec", batch(one(org, "1404", 1), one(prov, "1404", nil)), http.StatusBadRequest, "targets.1.value")
	e.refused("PUT", url, "sec", batch(one(org+1000, "1404", 1)), http.StatusBadRequest, "targets.0.unit_id")
	e.refused("PUT", url, "sec", batch(one(0, "1404", 1)), http.StatusBadRequest, "targets.0.unit_id")
	e.refused("PUT", url, "sec", batch(), http.StatusBadRequest, "targets")
	e.refused("PUT", url, "sec", `{}`, http.StatusBadRequest, "targets")
	e.refused("PUT", url, "sec", `{"targets":[{"unit_id":1,"period":"1404","value":1,"indicator_id":2}]}`, http.StatusBadRequest, "indicator_id")
	e.refused("PUT", url, "reporter", batch(one(prov, "1404", 1)), http.StatusForbidden, "")
	e.refused("PUT", url, "viewer", batch(one(prov, "1404", 1)), http.StatusForbidden, "")
	missing := apiPath("/indicators/%d/targets", ind.ID+1000)
	e.refused("GET", missing, "viewer", nil, http.StatusNotFound, "")
	e.refused("PUT", missing, "sec", batch(one(org, "1404", 1)), http.StatusNotFound, "")
}

// valueList is the answer of GET and POST /indicators/values.
type valueList struct{ Items []payesh.IndicatorValue }

func (e *env) values(query string) []payesh.IndicatorValue {
	e.t.Helper()
	var list valueList
	e.ok(e.do("GET", apiPath("/indicators/values?%s", query), "viewer", nil), http.StatusOK, &list)
	if list.Items == nil {
		e.t.Fatalf("values?%s: items is null", query)
	}
	return list.Items
}

func TestValuesBulkUpsert(t *testing.T) {
	e := newEnv(t)
	ind := e.addIndicator("pensioners", nil) // monthly, sum, sum
	provA, branch, provB := e.unit["prov-a"].ID, e.unit["branch-a1"].ID, e.unit["prov-b"].ID
	url := apiPath("/indicators/values")
	cell := func(unit int64, period string, value any) map[string]any {
		c := map[string]any{"indicator_id": ind.ID, "unit_id": unit, "period": period}
		if value != nil {
			c["value"] = value
		}
		return c
	}
	grid := func(cells ...map[string]any) map[string]any { return map[string]any{"values": cells} }

	// A reporter fills in its own unit's subtree; Persian digits are read
	// and the answer has the canonical period, the author and versions.
	first := cell(branch, "۱۴۰۳-۰۲", 12.5)
	first["note"], first["evidence"] = "گزارش ماهانه", "https://example.org/r.pdf"
	var saved valueList
	e.ok(e.do("POST", url, "reporter", grid(first, cell(provA, "1403-1", 3))), http.StatusOK, &saved)
	if len(saved.Items) != 2 {
		t.Fatalf("saved %+v", saved.Items)
	}
	v := saved.Items[0]
	if v.ID == 0 || v.Period != "1403-02" || v.Value != 12.5 || v.State != payesh.ValueDraft || v.Version != 1 ||
		v.AuthorID == nil || *v.AuthorID != e.user["reporter"].ID || v.Note != "گزارش ماهانه" || saved.Items[1].Period != "1403-01" {
		t.Errorf("saved %+v", saved.Items)
	}
	// Saving a cell without the version read is refused with the value as
	// it is now; saving it against that version overwrites it.
	var conflict struct {
		Error struct {
			Code    string                `json:"code"`
			Fields  map[string]string     `json:"fields"`
			Current payesh.IndicatorValue `json:"current"`
		} `json:"error"`
	}
	e.ok(e.do("POST", url, "sec", grid(cell(branch, "1403-02", 13))), http.StatusConflict, &conflict)
	if c := conflict.Error; c.Code != payesh.ECONFLICT || c.Fields["values.0.version"] == "" || c.Current.Value != 12.5 || c.Current.Version != 1 {
		t.Errorf("overwrite without the version: %+v", c)
	}
	stale := cell(branch, "1403-02", 13)
	stale["version"] = 1
	e.ok(e.do("POST", url, "sec", grid(stale)), http.StatusOK, &saved)
	if w := saved.Items[0]; w.ID != v.ID || w.Version != 2 || w.Value != 13 || *w.AuthorID != e.user["sec"].ID {
		t.Errorf("overwritten %+v", w)
	}
	e.ok(e.do("POST", url, "reporter", grid(stale)), http.StatusConflict, nil) // version 1 is gone

	got := e.values(fmt.Sprintf("unit=%d", branch))
	if len(got) != 1 || got[0].Value != 13 || got[0].Period != "1403-02" {
		t.Errorf("values of branch %+v", got)
	}
	if got := e.values(fmt.Sprintf("indicator=%d&from=1403-02&to=۱۴۰۳-۱۲", ind.ID)); len(got) != 1 || got[0].UnitID != branch {
		t.Errorf("values from 1403-02 %+v", got)
	}
	if got := e.values(fmt.Sprintf("indicator=%d", ind.ID+1000)); len(got) != 0 {
		t.Errorf("values of an unknown indicator %+v", got)
	}

	// All or nothing: another unit's cell forbids the whole batch, one bad
	// period refuses it, and neither leaves its good cells behind.
	e.refused("POST", url, "reporter", grid(cell(branch, "1403-03", 1), cell(provB, "1403-03", 1)), http.StatusForbidden, "")
	e.refused("POST", url, "reporter", grid(cell(branch, "1403-03", 1), cell(branch, "1403-13", 1)), http.StatusBadRequest, "values.1.period")
	e.refused("POST", url, "sec", grid(cell(branch, "1403-03", 1), cell(branch, "1403Q2", 1)), http.StatusBadRequest, "values.1.period")
	if got := e.values(fmt.Sprintf("unit=%d&from=1403-03&to=1403-03", branch)); len(got) != 0 {
		t.Errorf("a refused batch saved %+v", got)
	}
	e.refused("POST", url, "sec", grid(cell(branch, "1403-03", 1), cell(branch, "1403-04", nil)), http.StatusBadRequest, "values.1.value")
	e.refused("POST", url, "sec", grid(cell(0, "1403-03", 1)), http.StatusBadRequest, "values.0.unit_id")
	e.refused("POST", url, "sec", grid(cell(provB+1000, "1403-03", 1)), http.StatusBadRequest, "values.0.unit_id")
	e.refused("POST", url, "sec", grid(cell(branch, "", 1)), http.StatusBadRequest, "values.0.period")
	e.refused("POST", url, "sec", grid(), http.StatusBadRequest, "values")
	e.refused("POST", url, "sec", fmt.Sprintf(`{"values":[{"indicator_id":%d,"unit_id":%d,"period":"1403-03","value":1,"state":"approved"}]}`, ind.ID, branch), http.StatusBadRequest, "state")
	e.refused("POST", url, "sec", fmt.Sprintf(`{"values":[{"indicator_id":%d,"unit_id":%d,"period":"1403-03","value":"1"}]}`, ind.ID, branch), http.StatusBadRequest, "values.value")
	e.refused("POST", url, "viewer", grid(cell(branch, "1403-03", 1)), http.StatusForbidden, "")
	unknown := cell(branch, "1403-01", 1)
	unknown["indicator_id"] = ind.ID + 1000
	e.refused("POST", url, "sec", grid(cell(branch, "1403-03", 1), unknown), http.StatusBadRequest, "values.1.indicator_id")
	many := make([]map[string]any, payesh.MaxValues+1)
	for i := range many {
		many[i] = cell(branch, "1403-02", i)
	}
	e.refused("POST", url, "sec", grid(many...), http.StatusBadRequest, "values")

	// Bad filters.
	e.refused("GET", url+"?from=1403-13", "viewer", nil, http.StatusBadRequest, "from")
	e.refused("GET", url+"?unit=x&to=soon", "viewer", nil, http.StatusBadRequest, "to")
	e.refused("GET", url+"?period=1403-01", "viewer", nil, http.StatusBadRequest, "period")
	e.refused("GET", url, "", nil, http.StatusUnauthorized, "")
	// Only GET and POST live at /indicators/values (PATCH reads "values"
	// as an indicator id, which is not one).
	e.refused("DELETE", url, "admin", nil, http.StatusMethodNotAllowed, "")
	e.refused("PATCH", url, "admin", map[string]any{"version": 1}, http.StatusBadRequest, "id")
}

// rollupList is the answer of GET /indicators/{id}/rollups.
type rollupList struct{ Items []payesh.Rollup }

func TestRollupsAndExplain(t *testing.T) {
	e := newEnv(t)
	e.addUnit("branch-a2", payesh.UnitBranch, "prov-a")
	ind := e.addIndicator("pensioners", nil) // monthly, sum over units, sum over time
	stock := e.addIndicator("stock", map[string]any{"time_agg": "last"})
	org, provA, b1, b2, provB := e.unit["org"].ID, e.unit["prov-a"].ID, e.unit["branch-a1"].ID, e.unit["branch-a2"].ID, e.unit["prov-b"].ID
	var cells []map[string]any
	for _, id := range []int64{ind.ID, stock.ID} {
		for _, c := range []struct {
			unit   int64
			period string
			value  float64
		}{{b1, "1403-01", 10}, {b2, "1403-01", 20}, {b1, "1403-02", 5}, {provB, "1403-02", 7}} {
			cells = append(cells, map[string]any{"indicator_id": id, "unit_id": c.unit, "period": c.period, "value": c.value})
		}
	}
	e.ok(e.do("POST", apiPath("/indicators/values"), "sec", map[string]any{"values": cells}), http.StatusOK, nil)
	e.approveAll(ind.ID)
	e.approveAll(stock.ID)

	rollups := func(id int64, query string) []payesh.Rollup {
		t.Helper()
		var list rollupList
		e.ok(e.do("GET", apiPath("/indicators/%d/rollups?%s", id, query), "viewer", nil), http.StatusOK, &list)
		if list.Items == nil {
			t.Fatalf("rollups?%s: items is null", query)
		}
		return list.Items
	}
	ru := func(id, unit int64, period string, value float64, count int) payesh.Rollup {
		return payesh.Rollup{IndicatorID: id, UnitID: unit, Period: period, Value: value, Count: count, Basis: payesh.BasisApproved}
	}
	// The two branches' values are summed at their province, and with
	// the other province at the organization.
	got := rollups(ind.ID, fmt.Sprintf("units=%d,%d&from=1403-01&to=1403-12", provA, org))
	want := []payesh.Rollup{ru(ind.ID, org, "1403-01", 30, 2), ru(ind.ID, org, "1403-02", 12, 2),
		ru(ind.ID, provA, "1403-01", 30, 2), ru(ind.ID, provA, "1403-02", 5, 1)}
	slices.SortFunc(got, func(a, b payesh.Rollup) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
	slices.SortFunc(want, func(a, b payesh.Rollup) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
	if !slices.Equal(got, want) {
		t.Errorf("monthly roll-ups %+v\nwant %+v", got, want)
	}
	if got := rollups(ind.ID, fmt.Sprintf("units=%d&units=%d&from=۱۴۰۳Q1&to=1403Q4", provA, b2)); !slices.Equal(got,
		[]payesh.Rollup{ru(ind.ID, provA, "1403Q1", 35, 3), ru(ind.ID, b2, "1403Q1", 20, 1)}) &&
		!slices.Equal(got, []payesh.Rollup{ru(ind.ID, b2, "1403Q1", 20, 1), ru(ind.ID, provA, "1403Q1", 35, 3)}) {
		t.Errorf("quarterly roll-ups %+v", got)
	}
	if got := rollups(stock.ID, fmt.Sprintf("units=%d&from=1403&to=1403", org)); len(got) != 1 || got[0].Value != 12 {
		t.Errorf("a stock's year is its last month: %+v", got)
	}
	if got := rollups(ind.ID, fmt.Sprintf("units=%d&from=1402-01&to=1402-12", org)); len(got) != 0 {
		t.Errorf("a year without data: %+v", got)
	}

	// A draft shows in no number, provisional or approved; once approved
	// it shows at once. An approved value is locked.
	e.refused("POST", apiPath("/indicators/values"), "reporter", map[string]any{"values": []map[string]any{
		{"indicator_id": ind.ID, "unit_id": b2, "period": "1403-01", "value": 25, "version": 2},
	}}, http.StatusConflict, "values.0.version")
	e.ok(e.do("POST", apiPath("/indicators/values"), "reporter", map[string]any{"values": []map[string]any{
		{"indicator_id": ind.ID, "unit_id": b2, "period": "1403-03", "value": 5},
	}}), http.StatusOK, nil)
	for _, basis := range []string{"approved", "provisional"} {
		if got := rollups(ind.ID, fmt.Sprintf("units=%d&from=1403-03&to=1403-03&basis=%s", provA, basis)); len(got) != 0 {
			t.Errorf("a draft counted on the %s basis: %+v", basis, got)
		}
	}
	e.approveAll(ind.ID)
	if got := rollups(ind.ID, fmt.Sprintf("units=%d&from=1403-03&to=1403-03", provA)); len(got) != 1 || got[0].Value != 5 || got[0].Count != 1 {
		t.Errorf("after approval: %+v", got)
	}

	// Explain shows its steps, and its arithmetic agrees with the store.
	var ex payesh.Explanation
	e.ok(e.do("GET", apiPath("/indicators/%d/explain?unit=%d&period=1403Q1", ind.ID, provA), "viewer", nil), http.StatusOK, &ex)
	if ex.Indicator == nil || ex.Indicator.ID != ind.ID || ex.UnitID != provA || ex.Period != "1403Q1" || len(ex.Steps) != 3 {
		t.Fatalf("explanation %+v", ex)
	}
	if s := ex.Steps[0]; s.Period != "1403-01" || len(s.Values) != 2 || s.Aggregate != 30 || s.Values[0].State != payesh.ValueApproved {
		t.Errorf("step 1 %+v", s)
	}
	if ex.Computed == nil || ex.Stored == nil || *ex.Computed != *ex.Stored || *ex.Computed != 40 {
		t.Errorf("computed %v, stored %v, want 40", deref(ex.Computed), deref(ex.Stored))
	}
	e.ok(e.do("GET", apiPath("/indicators/%d/explain?unit=%d&period=۱۴۰۳", stock.ID, org), "viewer", nil), http.StatusOK, &ex)
	if ex.Period != "1403" || ex.Computed == nil || ex.Stored == nil || *ex.Computed != *ex.Stored || *ex.Stored != 12 {
		t.Errorf("stock explanation computed %v, stored %v", deref(ex.Computed), deref(ex.Stored))
	}
	e.ok(e.do("GET", apiPath("/indicators/%d/explain?unit=%d&period=1402", ind.ID, org), "viewer", nil), http.StatusOK, &ex)
	if len(ex.Steps) != 0 || ex.Computed != nil || ex.Stored != nil {
		t.Errorf("explanation without data %+v", ex)
	}

	// Bad questions.
	rurl := func(id int64, q string) string { return apiPath("/indicators/%d/rollups?%s", id, q) }
	e.refused("GET", rurl(ind.ID+1000, fmt.Sprintf("units=%d&from=1403-01&to=1403-12", org)), "viewer", nil, http.StatusNotFound, "")
	e.refused("GET", rurl(ind.ID, "from=1403-01&to=1403-12"), "viewer", nil, http.StatusBadRequest, "units")
	e.refused("GET", rurl(ind.ID, fmt.Sprintf("units=%d,x&from=1403-01&to=1403-12", org)), "viewer", nil, http.StatusBadRequest, "units")
	e.refused("GET", rurl(ind.ID, fmt.Sprintf("units=%d&to=1403-12", org)), "viewer", nil, http.StatusBadRequest, "from")
	e.refused("GET", rurl(ind.ID, fmt.Sprintf("units=%d&from=1403-01&to=1403", org)), "viewer", nil, http.StatusBadRequest, "to")
	e.refused("GET", rurl(ind.ID, fmt.Sprintf("units=%d&from=1403-01&to=1403-12&unit=1", org)), "viewer", nil, http.StatusBadRequest, "unit")
	tooMany := make([]string, payesh.MaxLimit+1)
	for i := range tooMany {
		tooMany[i] = fmt.Sprint(i + 1)
	}
	ae := e.refused("GET", rurl(ind.ID, "from=1403-01&to=1403-12&units="+strings.Join(tooMany, ",")), "viewer", nil, http.StatusBadRequest, "units")
	if ae.Error.Fields["units"] != "Too many ids; at most 500 may be sent." {
		t.Errorf("too many units: %v", ae.Error.Fields)
	}
	xurl := func(id int64, q string) string { return apiPath("/indicators/%d/explain?%s", id, q) }
	e.refused("GET", xurl(ind.ID+1000, fmt.Sprintf("unit=%d&period=1403", org)), "viewer", nil, http.StatusNotFound, "")
	e.refused("GET", xurl(ind.ID, fmt.Sprintf("unit=%d&period=1403", org+1000)), "viewer", nil, http.StatusNotFound, "")
	ae = e.refused("GET", xurl(ind.ID, "period=1403"), "viewer", nil, http.StatusBadRequest, "unit")
	if ae.Error.Fields["unit"] != "This query parameter is required." {
		t.Errorf("missing unit: %v", ae.Error.Fields)
	}
	e.refused("GET", xurl(ind.ID, fmt.Sprintf("unit=%d&period=1403Q5", org)), "viewer", nil, http.StatusBadRequest, "period")
	e.refused("GET", xurl(ind.ID, fmt.Sprintf("unit=%d", org)), "", nil, http.StatusUnauthorized, "")
}

func TestScorecardStatuses(t *testing.T) {
	e := newEnv(t)
	c1, c11 := e.addClauses()
	org := e.unit["org"].ID
	yearly := func(code, dir string, clause int64) payesh.Indicator {
		return e.addIndicator(code, map[string]any{"frequency": "yearly", "direction": dir, "clause_ids": []int64{clause}})
	}
	courses := yearly("courses", "higher", c1.ID)
	content := yearly("content", "higher", c11.ID)
	debt := yearly("debt", "lower", c11.ID)
	idle := yearly("idle", "higher", c11.ID) // a target, no value
	for _, ind := range []payesh.Indicator{courses, content, debt, idle} {
		e.ok(e.do("PUT", apiPath("/indicators/%d/targets", ind.ID), "sec",
			map[string]any{"targets": []map[string]any{{"unit_id": org, "period": "1402", "value": 100}}}), http.StatusNoContent, nil)
	}
	e.ok(e.do("POST", apiPath("/indicators/values"), "sec", map[string]any{"values": []map[string]any{
		{"indicator_id": courses.ID, "unit_id": org, "period": "1402", "value": 96},
		{"indicator_id": content.ID, "unit_id": org, "period": "1402", "value": 85},
		{"indicator_id": debt.ID, "unit_id": org, "period": "1402", "value": 150},
	}}), http.StatusOK, nil)
	for _, ind := range []payesh.Indicator{courses, content, debt} {
		e.approveAll(ind.ID)
	}

	var card struct{ Items []payesh.Score }
	e.ok(e.do("GET", apiPath("/scorecard?clause=%d&unit=%d&period=۱۴۰۲", c1.ID, org), "viewer", nil), http.StatusOK, &card)
	got := map[string]payesh.IndicatorStatus{}
	for _, s := range card.Items {
		got[s.Indicator.Code] = s.Status
		if s.Period != "1402" || s.UnitID != org || s.Target == nil || *s.Target != 100 || s.Interpolated {
			t.Errorf("score %s: %+v", s.Indicator.Code, s)
		}
	}
	want := map[string]payesh.IndicatorStatus{"courses": payesh.OnTrack, "content": payesh.AtRisk, "debt": payesh.OffTrack, "idle": payesh.NoData}
	if fmt.Sprint(got) != fmt.Sprint(want) || len(card.Items) != 4 {
		t.Errorf("scorecard %v, want %v", got, want)
	}
	e.ok(e.do("GET", apiPath("/scorecard?clause=%d&unit=%d&period=1402", c11.ID, org), "viewer", nil), http.StatusOK, &card)
	if len(card.Items) != 3 {
		t.Errorf("sub-clause scorecard has %d scores, want 3", len(card.Items))
	}
	// A period without targets or values is all no data.
	e.ok(e.do("GET", apiPath("/scorecard?clause=%d&unit=%d&period=1403", c1.ID, org), "viewer", nil), http.StatusOK, &card)
	for _, s := range card.Items {
		if s.Status != payesh.NoData || s.Value != nil || s.Target != nil {
			t.Errorf("1403 score %+v", s)
		}
	}

	// Scores come in the order asked.
	var scores struct{ Items []payesh.Score }
	e.ok(e.do("GET", apiPath("/scores?indicators=%d,%d&unit=%d&period=1402", debt.ID, courses.ID, org), "reporter", nil), http.StatusOK, &scores)
	if len(scores.Items) != 2 || scores.Items[0].Indicator.ID != debt.ID || scores.Items[0].Status != payesh.OffTrack ||
		scores.Items[0].Value == nil || *scores.Items[0].Value != 150 || scores.Items[1].Status != payesh.OnTrack {
		t.Errorf("scores %+v", scores.Items)
	}

	sc := func(q string) string { return apiPath("/scorecard?%s", q) }
	e.refused("GET", sc(fmt.Sprintf("clause=%d&unit=%d&period=1402", c1.ID+1000, org)), "viewer", nil, http.StatusNotFound, "")
	e.refused("GET", sc(fmt.Sprintf("clause=%d&unit=%d&period=1402", c1.ID, org+1000)), "viewer", nil, http.StatusNotFound, "")
	e.refused("GET", sc(fmt.Sprintf("clause=%d&unit=%d", c1.ID, org)), "viewer", nil, http.StatusBadRequest, "period")
	// Without a clause: the indicators linked to none (here, none).
	e.ok(e.do("GET", sc(fmt.Sprintf("unit=%d&period=1402", org)), "viewer", nil), http.StatusOK, &card)
	if len(card.Items) != 0 {
		t.Errorf("indicators without a clause: %+v", card.Items)
	}
	e.refused("GET", sc(fmt.Sprintf("clause=%d&unit=%d&period=1402&basis=draft", c1.ID, org)), "viewer", nil, http.StatusBadRequest, "basis")
	e.refused("GET", sc(fmt.Sprintf("clause=%d&unit=%d&period=1402-00", c1.ID, org)), "viewer", nil, http.StatusBadRequest, "period")
	ss := func(q string) string { return apiPath("/scores?%s", q) }
	e.refused("GET", ss(fmt.Sprintf("indicators=%d&unit=%d&period=1402", idle.ID+1000, org)), "viewer", nil, http.StatusNotFound, "")
	e.refused("GET", ss(fmt.Sprintf("indicators=%d&unit=%d&period=1402", idle.ID, org+1000)), "viewer", nil, http.StatusNotFound, "")
	e.refused("GET", ss(fmt.Sprintf("unit=%d&period=1402", org)), "viewer", nil, http.StatusBadRequest, "indicators")
	e.refused("GET", ss(fmt.Sprintf("indicators=0&unit=%d&period=1402", org)), "viewer", nil, http.StatusBadRequest, "indicators")
	e.refused("GET", ss(fmt.Sprintf("indicators=%d&unit=%d&period=1402", idle.ID, org)), "", nil, http.StatusUnauthorized, "")
}

// TestIndicatorErrorsInPersian: without Accept-Language the messages,
// field messages included, are Persian.
func TestIndicatorErrorsInPersian(t *testing.T) {
	e := newEnv(t)
	ind := e.addIndicator("pensioners", nil)
	r := e.do("POST", apiPath("/indicators/values"), "sec", map[string]any{"values": []map[string]any{
		{"indicator_id": ind.ID, "unit_id": e.unit["org"].ID, "period": "1403", "value": 1},
	}})
	ae := r.apiError()
	if r.status != http.StatusBadRequest || ae.Error.Fields["values.0.period"] != "دورهٔ مقدار با دورهٔ گزارش شاخص سازگار نیست." {
		t.Errorf("Persian field error: %d %s", r.status, r.body)
	}
	r = e.do("GET", apiPath("/scores?unit=1&period=1403"), "viewer", nil)
	if ae := r.apiError(); r.status != http.StatusBadRequest || ae.Error.Fields["indicators"] != "این پارامتر نشانی الزامی است." {
		t.Errorf("Persian query error: %d %s", r.status, r.body)
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestValuesRefusedByRules: through the API as through the grid, a future
// month, a percentage of 120 and a value from a unit that does not report
// the indicator are refused, each naming its field, and nothing is saved.
func TestValuesRefusedByRules(t *testing.T) {
	e := newEnv(t)
	ind := e.addIndicator("satisfaction", map[string]any{"measure": "درصد", "unit_agg": "avg", "time_agg": "avg",
		"reporting_kinds": []string{"province"}})
	if ind.Min == nil || *ind.Min != 0 || ind.Max == nil || *ind.Max != 100 {
		t.Fatalf("a percentage's bounds: %v %v", ind.Min, ind.Max)
	}
	provA, branch := e.unit["prov-a"].ID, e.unit["branch-a1"].ID
	cell := func(unit int64, period string, value float64) map[string]any {
		return map[string]any{"indicator_id": ind.ID, "unit_id": unit, "period": period, "value": value}
	}
	url := apiPath("/indicators/values")
	ok := cell(provA, "1403-02", 70) // testNow is 1403/03/12
	for _, tt := range []struct {
		bad   map[string]any
		field string
	}{
		{cell(provA, "1403-04", 70), "values.1.period"},
		{cell(provA, "1403-01", 120), "values.1.value"},
		{cell(branch, "1403-01", 70), "values.1.unit_id"},
	} {
		e.refused("POST", url, "sec", map[string]any{"values": []map[string]any{ok, tt.bad}}, http.StatusBadRequest, tt.field)
	}
	if got := e.values(fmt.Sprintf("indicator=%d", ind.ID)); len(got) != 0 {
		t.Errorf("refused batches saved %+v", got)
	}
	e.refused("POST", apiPath("/indicators/values/review"), "reporter", map[string]any{"ids": []int64{1}, "state": "approved"}, http.StatusForbidden, "")
	e.refused("POST", apiPath("/indicators/values/review"), "sec", map[string]any{"ids": []int64{1}, "state": "draft"}, http.StatusBadRequest, "state")
}
