package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/store/storetest"
)

// valuesAxes is a national-sized grid in small: more indicators than one
// screen holds, under two axes of the demo policy and none.
type valuesAxes struct {
	e          *workEnv
	unit       *payesh.OrgUnit
	one, two   int64 // the axes' clause ids
	onOne      []*payesh.Indicator
	onTwo      []*payesh.Indicator // linked to a sub-clause of axis two
	linkedNone []*payesh.Indicator
}

func newValuesAxes(t *testing.T) *valuesAxes {
	t.Helper()
	e := newWorkEnv(t)
	a := &valuesAxes{e: e, unit: e.unit("prov-fars")}
	ctx := storetest.System()
	docs, _, err := e.db.FindDocuments(ctx, payesh.DocumentFilter{Kind: payesh.DocPolicy})
	if err != nil || len(docs) == 0 {
		t.Fatalf("no demo policy: %v", err)
	}
	var doc *payesh.Document
	for _, d := range docs {
		if doc == nil || d.Code == "gssp" {
			doc = d
		}
	}
	clauses, err := e.db.FindClauses(ctx, doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	var top []*payesh.Clause
	for _, c := range clauses {
		if c.ParentID == nil {
			top = append(top, c)
		}
	}
	if len(top) < 2 {
		t.Fatalf("the demo policy has %d axes", len(top))
	}
	a.one, a.two = top[0].ID, top[1].ID
	link := a.two // a sub-clause of axis two if it has one
	for _, c := range clauses {
		if c.ParentID != nil && *c.ParentID == a.two {
			link = c.ID
			break
		}
	}
	newInd := func(code string, clause int64) *payesh.Indicator {
		i := &payesh.Indicator{Code: code, NameFA: "شاخص محوری " + code, Measure: "نفر", Direction: payesh.HigherIsBetter,
			UnitAgg: payesh.AggSum, TimeAgg: payesh.AggSum, Frequency: payesh.Monthly,
			ReportingKinds: []payesh.UnitKind{payesh.UnitProvince}}
		if clause != 0 {
			i.ClauseIDs = []int64{clause}
		}
		if err := e.db.CreateIndicator(ctx, i); err != nil {
			t.Fatal(err)
		}
		return i
	}
	for n := range 30 {
		a.onOne = append(a.onOne, newInd(fmt.Sprintf("axis.one.%02d", n), a.one))
	}
	for n := range 12 {
		a.onTwo = append(a.onTwo, newInd(fmt.Sprintf("axis.two.%02d", n), link))
	}
	for n := range 3 {
		a.linkedNone = append(a.linkedNone, newInd(fmt.Sprintf("axis.none.%02d", n), 0))
	}
	return a
}

func (a *valuesAxes) page(axis string) string {
	q := url.Values{"unit": {strconv.FormatInt(a.unit.ID, 10)}, "period": {"1403"}}
	if axis != "" {
		q.Set("axis", axis)
	}
	return "/values?" + q.Encode()
}

// shows checks that the grid has the cells of want and none of the rest.
func valuesShows(t *testing.T, body string, want []*payesh.Indicator, not ...[]*payesh.Indicator) {
	t.Helper()
	for _, i := range want {
		if !strings.Contains(body, `name="`+valuesCell(i, "1403-01")+`"`) {
			t.Errorf("no cell of %s in the group shown", i.Code)
		}
	}
	for _, list := range not {
		for _, i := range list {
			if strings.Contains(body, valuesCell(i, "1403-01")) {
				t.Errorf("a cell of %s, of another group, is rendered", i.Code)
			}
		}
	}
}

func TestValuesGroupedByAxis(t *testing.T) {
	t.Parallel()
	a := newValuesAxes(t)
	c := a.e.as("secretariat")
	one, two := strconv.FormatInt(a.one, 10), strconv.FormatInt(a.two, 10)

	// Many indicators: the axes are offered with their counts, the first
	// axis is shown, and only its cells are rendered.
	r := c.get(a.page(""))
	r.want(t, http.StatusOK, `id="vg-groups"`, workFA("ui.values.groups"),
		`axis=`+one, `axis=`+two, `axis=none`, `name="axis" value="`+one+`"`)
	valuesShows(t, r.body, a.onOne, a.onTwo, a.linkedNone)
	// 30 indicators on axis one, every month of 1403 begun and empty.
	for _, n := range []string{"۳۰", "۱۲", "۳۶۰", "۱۴۴"} {
		if !strings.Contains(r.body, `<td class="num">`+n+`</td>`) {
			t.Errorf("the axes' table lacks the count %s", n)
		}
	}
	if !strings.Contains(r.body, `aria-current="page"`) {
		t.Error("the axis shown is not marked current")
	}

	// Another axis, and the indicators linked to no clause.
	r = c.get(a.page(two))
	r.want(t, http.StatusOK, `name="axis" value="`+two+`"`)
	valuesShows(t, r.body, a.onTwo, a.onOne, a.linkedNone)
	r = c.get(a.page("none"))
	r.want(t, http.StatusOK, workFA("ui.trust.no_clause"))
	valuesShows(t, r.body, a.linkedNone, a.onOne, a.onTwo)

	// An axis that is not there falls back to the first.
	r = c.get(a.page("99999"))
	r.want(t, http.StatusOK)
	valuesShows(t, r.body, a.onOne, a.onTwo)

	// Asking for one indicator shows just it, without the axes.
	r = c.get(fmt.Sprintf("/values?unit=%d&period=1403&indicator=%d&axis=%s", a.unit.ID, a.onTwo[3].ID, one))
	r.want(t, http.StatusOK)
	valuesShows(t, r.body, a.onTwo[3:4], a.onOne)
	if strings.Contains(r.body, `id="vg-groups"`) {
		t.Error("a single indicator's grid is grouped")
	}
}

func TestValuesGroupedSave(t *testing.T) {
	t.Parallel()
	a := newValuesAxes(t)
	c := a.e.as("secretariat")
	two := strconv.FormatInt(a.two, 10)
	ind := a.onTwo[5]

	// Saving keeps the axis.
	form := valuesFormOf(t, c.get(a.page(two)).body, "values-grid")
	if got := form.Get("axis"); got != two {
		t.Fatalf("the grid posts axis %q, want %s", got, two)
	}
	form.Set(valuesCell(ind, "1403-01"), "۱۲")
	r := c.post("/values", form, nil)
	r.want(t, http.StatusSeeOther)
	if loc := r.header.Get("Location"); !strings.Contains(loc, "axis="+two) {
		t.Errorf("after saving: redirected to %s, not back to the axis", loc)
	}
	if v := a.e.valuesSaved(a.unit.ID)[fmt.Sprintf("%d.1403-01", ind.ID)]; v == nil || v.Value != 12 {
		t.Fatalf("saved %+v, want 12", v)
	}

	// The axis counts the value and, once returned, the returned cell.
	if _, err := a.e.db.ReviewValues(storetest.System(), []int64{a.e.valuesSaved(a.unit.ID)[fmt.Sprintf("%d.1403-01", ind.ID)].ID}, payesh.ValueReturned); err != nil {
		t.Fatal(err)
	}
	r = c.get(a.page(two))
	if !strings.Contains(r.body, `<td class="num">۱۴۳</td>`) {
		t.Error("the axis does not count 143 empty cells after one value")
	}
	if !strings.Contains(r.body, `vg-state-returned">۱</span>`) {
		t.Error("the axis does not count the returned cell")
	}

	// A mistake shows beside its cell, in the same axis, and saves nothing.
	form = valuesFormOf(t, r.body, "values-grid")
	form.Set(valuesCell(ind, "1403-02"), "دوازده")
	form.Set(valuesCell(a.onTwo[0], "1403-03"), "7")
	r = c.post("/values", form, nil)
	r.want(t, http.StatusBadRequest, workFA("ui.values.failed"), `value="دوازده"`, `name="axis" value="`+two+`"`)
	valuesShows(t, r.body, a.onTwo, a.onOne)
	if got := workErrorBeside(r.body, valuesCellID(ind, "1403-02")); got != workFA("err.number") {
		t.Errorf("beside the bad cell: %q", got)
	}
	if n := len(a.e.valuesSaved(a.unit.ID)); n != 1 {
		t.Errorf("%d values stored after a grid with a mistake, want 1", n)
	}

	// A value changed meanwhile shows beside its cell, in the same axis.
	form = valuesFormOf(t, c.get(a.page(two)).body, "values-grid")
	a.e.valuesSave(payesh.IndicatorValue{IndicatorID: ind.ID, UnitID: a.unit.ID, Period: "1403-01", Value: 20})
	form.Set(valuesCell(ind, "1403-01"), "۲۲")
	r = c.post("/values", form, nil)
	r.want(t, http.StatusConflict, `value="۲۲"`, `name="axis" value="`+two+`"`)
	valuesShows(t, r.body, a.onTwo, a.onOne)
	if got := workErrorBeside(r.body, valuesCellID(ind, "1403-01")); got != fmt.Sprintf(workFA("ui.values.changed"), "۲۰") {
		t.Errorf("beside the cell changed meanwhile: %q", got)
	}
}

// A grid posted without an axis came from a page that showed every row:
// saving it saves what was typed in any of them.
func TestValuesGroupedPostWithoutAxis(t *testing.T) {
	t.Parallel()
	a := newValuesAxes(t)
	c := a.e.as("secretariat")
	form := valuesFormOf(t, c.get(a.page("")).body, "values-grid")
	form.Del("axis")
	form.Set(valuesCell(a.onTwo[1], "1403-04"), "5")
	c.post("/values", form, nil).want(t, http.StatusSeeOther)
	if v := a.e.valuesSaved(a.unit.ID)[fmt.Sprintf("%d.1403-04", a.onTwo[1].ID)]; v == nil || v.Value != 5 {
		t.Errorf("saved %+v, want 5", v)
	}
}

// A unit with few indicators keeps the single grid.
func TestValuesSmallNotGrouped(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	ind := e.valuesIndicator("small.one", payesh.Monthly, payesh.UnitProvince)
	r := e.as("secretariat").get(fmt.Sprintf("/values?unit=%d&period=1403", e.unit("prov-fars").ID))
	r.want(t, http.StatusOK, `name="`+valuesCell(ind, "1403-01")+`"`)
	if strings.Contains(r.body, `id="vg-groups"`) || strings.Contains(r.body, `name="axis"`) {
		t.Error("a small grid is grouped")
	}
}
