package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"payesh"
	"payesh/internal/store/storetest"
)

// The value grid's tests run on the demo data of the work tests
// (newWorkEnv) plus indicators made through the store.

// valuesIndicator defines an indicator through the store.
func (e *workEnv) valuesIndicator(code string, f payesh.Frequency, kinds ...payesh.UnitKind) *payesh.Indicator {
	e.t.Helper()
	i := &payesh.Indicator{Code: code, NameFA: "شاخص آزمایشی " + code, Measure: "نفر", Direction: payesh.HigherIsBetter,
		UnitAgg: payesh.AggSum, TimeAgg: payesh.AggSum, Frequency: f, ReportingKinds: kinds}
	if err := e.db.CreateIndicator(storetest.System(), i); err != nil {
		e.t.Fatal(err)
	}
	return i
}

// valuesSaved returns the stored values of a unit by indicator and period.
func (e *workEnv) valuesSaved(unitID int64) map[string]*payesh.IndicatorValue {
	e.t.Helper()
	vals, err := e.db.FindValues(storetest.System(), payesh.ValueFilter{UnitID: unitID})
	if err != nil {
		e.t.Fatal(err)
	}
	m := map[string]*payesh.IndicatorValue{}
	for _, v := range vals {
		m[fmt.Sprintf("%d.%s", v.IndicatorID, v.Period)] = v
	}
	return m
}

// valuesSave saves v over whatever the cell holds now, as someone who
// has just read it would.
func (e *workEnv) valuesSave(v payesh.IndicatorValue) *payesh.IndicatorValue {
	e.t.Helper()
	cur, err := e.db.FindValues(storetest.System(), payesh.ValueFilter{IndicatorID: v.IndicatorID, UnitID: v.UnitID, From: v.Period, To: v.Period})
	if err != nil {
		e.t.Fatal(err)
	}
	if len(cur) == 1 {
		v.Version = cur[0].Version
	}
	saved, err := e.db.SaveValues(storetest.System(), []payesh.IndicatorValue{v})
	if err != nil {
		e.t.Fatal(err)
	}
	return saved[0]
}

// valuesFormOf returns what a browser would submit from the form with id
// in body: its inputs, the chosen options and checked boxes.
func valuesFormOf(t *testing.T, body, id string) url.Values {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var form *html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		if n.DataAtom == atom.Form && valuesAttr(n, "id") == id {
			form = n
		}
		for c := n.FirstChild; c != nil && form == nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	if form == nil {
		t.Fatalf("no form #%s on the page:\n%s", id, workExcerpt(body))
	}
	v := url.Values{}
	var collect func(*html.Node)
	collect = func(n *html.Node) {
		name := valuesAttr(n, "name")
		switch {
		case name == "":
		case n.DataAtom == atom.Input && (valuesAttr(n, "type") == "checkbox" || valuesAttr(n, "type") == "radio"):
			if valuesHas(n, "checked") {
				v.Add(name, valuesAttr(n, "value"))
			}
		case n.DataAtom == atom.Input:
			v.Add(name, valuesAttr(n, "value"))
		case n.DataAtom == atom.Textarea && n.FirstChild != nil:
			v.Add(name, n.FirstChild.Data)
		case n.DataAtom == atom.Select:
			for o := n.FirstChild; o != nil; o = o.NextSibling {
				if o.DataAtom == atom.Option && valuesHas(o, "selected") {
					v.Add(name, valuesAttr(o, "value"))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			collect(c)
		}
	}
	collect(form)
	return v
}

func valuesAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func valuesHas(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// valuesCell is the name of a cell's value field.
func valuesCell(i *payesh.Indicator, period string) string {
	return fmt.Sprintf("v.%d.%s", i.ID, period)
}

// valuesCellID is the cell's id suffix, for its error ("e-7-1403-01").
func valuesCellID(i *payesh.Indicator, period string) string {
	return fmt.Sprintf("%d-%s", i.ID, period)
}

func TestValuesGridShowsSavedValues(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	monthly := e.valuesIndicator("grid.monthly", payesh.Monthly, payesh.UnitProvince, payesh.UnitOffice)
	seasonal := e.valuesIndicator("grid.provinces", payesh.Quarterly, payesh.UnitProvince)
	fars := e.unit("prov-fars")
	e.valuesSave(payesh.IndicatorValue{IndicatorID: monthly.ID, UnitID: fars.ID, Period: "1403-01", Value: 1234.5, Note: "برآورد اولیه"})
	e.valuesSave(payesh.IndicatorValue{IndicatorID: seasonal.ID, UnitID: fars.ID, Period: "1403Q2", Value: 0.125})

	r := e.as("secretariat").get(fmt.Sprintf("/values?unit=%d&period=۱۴۰۳", fars.ID))
	r.want(t, http.StatusOK,
		`name="`+valuesCell(monthly, "1403-01")+`" value="۱٬۲۳۴٫۵"`,
		`name="`+valuesCell(seasonal, "1403Q2")+`" value="۰٫۱۲۵"`,
		`name="`+valuesCell(monthly, "1403-12")+`" value=""`,
		`aria-label="شاخص شاخص آزمایشی grid.monthly، فروردین ۱۴۰۳"`,
		`aria-label="شاخص شاخص آزمایشی grid.provinces، تابستان ۱۴۰۳"`,
		workFA("ui.values.state.draft"), "برآورد اولیه",
		workFA("ui.values.freq.monthly"), workFA("ui.values.freq.quarterly"), "<h1>مقادیر ادارهٔ کل تأمین اجتماعی استان فارس در سال ۱۴۰۳</h1>")
	if n := strings.Count(r.body, `name="v.`); n != 12+4 {
		t.Errorf("%d cells, want 16: twelve months and four seasons", n)
	}

	// In English: the months by their Persian names in Latin letters.
	en := e.as("secretariat")
	u, _ := url.Parse(e.srv.URL)
	en.c.Jar.SetCookies(u, []*http.Cookie{{Name: "payesh_lang", Value: "en"}})
	en.get(fmt.Sprintf("/values?unit=%d&period=1403", fars.ID)).want(t, http.StatusOK,
		`value="1,234.5"`, `aria-label="شاخص آزمایشی grid.monthly, Farvardin 1403"`, "<th scope=\"col\">Esfand</th>", "Summer", "Draft")

	// An office does not report the provinces' indicator.
	office := e.unit("secretariat")
	r = e.as("secretariat").get(fmt.Sprintf("/values?unit=%d&period=1403", office.ID))
	r.want(t, http.StatusOK, valuesCell(monthly, "1403-01"))
	r.lacks(t, valuesCell(seasonal, "1403Q1"))

	// One indicator asked for that the unit's kind does not report: no
	// cells, and the reason beside the filter.
	r = e.as("secretariat").get(fmt.Sprintf("/values?unit=%d&period=1403&indicator=%d", office.ID, seasonal.ID))
	r.want(t, http.StatusOK)
	r.lacks(t, valuesCell(seasonal, "1403Q1"), valuesCell(monthly, "1403-01"))
	if got := workErrorBeside(r.body, "indicator"); got != workFA("err.indicator.not_reporting") {
		t.Errorf("beside the indicator filter: %q", got)
	}
}

func TestValuesGridDefaultsAndBadQuery(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	e.valuesIndicator("grid.default", payesh.Yearly)
	year := payesh.Today(workNow()).Jalali().Year
	r := e.as("reporter").get("/values")
	r.want(t, http.StatusOK, "دفتر امور زنان و خانواده", fmt.Sprintf(`<option value="%d" selected>`, year))

	// Another unit, a year that is not one, an indicator that does not
	// exist: the defaults, with the problems beside the filters.
	r = e.as("reporter").get(fmt.Sprintf("/values?unit=%d&period=abc&indicator=999999", e.unit("prov-fars").ID))
	r.want(t, http.StatusOK, "دفتر امور زنان و خانواده", fmt.Sprintf(`<option value="%d" selected>`, year))
	for field, key := range map[string]string{"unit": "err.values.unit_forbidden", "period": "err.values.year", "indicator": "err.unknown_ref"} {
		if got := workErrorBeside(r.body, field); got != workFA(key) {
			t.Errorf("beside %s: %q, want %q", field, got, workFA(key))
		}
	}
	// A viewer reports for no unit.
	e.as("viewer").get("/values").want(t, http.StatusForbidden, workFA("ui.error.h403"))
}

func TestValuesSavePersianDigits(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	ind := e.valuesIndicator("save.digits", payesh.Monthly, payesh.UnitOffice)
	unit := e.unit("office-women-family")
	c := e.as("reporter")
	page := fmt.Sprintf("/values?unit=%d&period=1403", unit.ID)
	form := valuesFormOf(t, c.get(page).body, "values-grid")
	form.Set(valuesCell(ind, "1403-02"), "۷۳٫۵")
	form.Set(valuesCell(ind, "1403-03"), "۱٬۲۰۰")
	form.Set(valuesCell(ind, "1403-04"), "۱۲/۵")
	form.Set(fmt.Sprintf("n.%d.1403-02", ind.ID), "  برآورد دفتر  ")
	form.Set(fmt.Sprintf("e.%d.1403-02", ind.ID), "نامهٔ ۱۲۳/ص")
	r := c.post("/values", form, nil)
	r.want(t, http.StatusSeeOther)
	if loc := r.header.Get("Location"); !strings.HasPrefix(loc, "/values?") || !strings.Contains(loc, "flash=ui.values.flash.saved") ||
		!strings.Contains(loc, fmt.Sprintf("unit=%d", unit.ID)) || !strings.Contains(loc, "period=1403") {
		t.Errorf("redirect to %q", loc)
	}
	saved := e.valuesSaved(unit.ID)
	want := map[string]float64{"1403-02": 73.5, "1403-03": 1200, "1403-04": 12.5}
	if len(saved) != len(want) {
		t.Fatalf("%d values saved, want %d", len(saved), len(want))
	}
	for p, v := range want {
		got := saved[fmt.Sprintf("%d.%s", ind.ID, p)]
		if got == nil || got.Value != v || got.State != payesh.ValueDraft || got.AuthorID == nil {
			t.Errorf("%s: saved %+v, want %v as a draft with its author", p, got, v)
		}
	}
	if v := saved[fmt.Sprintf("%d.1403-02", ind.ID)]; v.Note != "برآورد دفتر" || v.Evidence != "نامهٔ ۱۲۳/ص" {
		t.Errorf("note %q evidence %q", v.Note, v.Evidence)
	}
	r = c.get(r.header.Get("Location"))
	r.want(t, http.StatusOK, workFA("ui.values.flash.saved"), `value="۷۳٫۵"`, `value="۱٬۲۰۰"`)

	// Posting the grid again as shown saves nothing: nothing changed.
	r = c.post("/values", valuesFormOf(t, r.body, "values-grid"), nil)
	r.want(t, http.StatusSeeOther)
	if !strings.Contains(r.header.Get("Location"), "ui.values.flash.nothing") {
		t.Errorf("an unchanged grid: redirect to %q", r.header.Get("Location"))
	}
	if v := e.valuesSaved(unit.ID)[fmt.Sprintf("%d.1403-02", ind.ID)]; v.Version != 1 {
		t.Errorf("an unchanged cell was written again: version %d", v.Version)
	}
}

func TestValuesBadCellSavesNothing(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	ind := e.valuesIndicator("save.bad", payesh.Monthly, payesh.UnitProvince)
	unit := e.unit("prov-fars")
	c := e.as("secretariat")
	form := valuesFormOf(t, c.get(fmt.Sprintf("/values?unit=%d&period=1403", unit.ID)).body, "values-grid")
	form.Set(valuesCell(ind, "1403-01"), "۱۰")
	form.Set(valuesCell(ind, "1403-02"), "۱۲ نفر")
	form.Set(valuesCell(ind, "1403-03"), "۳۰٫۵")
	form.Set(fmt.Sprintf("n.%d.1403-05", ind.ID), "یادداشتی بی‌مقدار")
	r := c.post("/values", form, nil)
	r.want(t, http.StatusBadRequest, workFA("ui.values.failed"),
		`value="۱۰"`, `value="۱۲ نفر"`, `value="۳۰٫۵"`, `value="یادداشتی بی‌مقدار"`)
	if got := workErrorBeside(r.body, valuesCellID(ind, "1403-02")); got != workFA("err.number") {
		t.Errorf("beside the bad cell: %q", got)
	}
	if got := workErrorBeside(r.body, valuesCellID(ind, "1403-05")); got != workFA("err.values.note_alone") {
		t.Errorf("beside the note without a value: %q", got)
	}
	if !strings.Contains(r.body, `aria-errormessage="e-`+valuesCellID(ind, "1403-02")+`"`) {
		t.Error("the bad cell is not marked invalid")
	}
	if n := len(e.valuesSaved(unit.ID)); n != 0 {
		t.Errorf("%d values saved from a grid with a mistake", n)
	}

	// Fixing the mistake in the re-shown grid saves everything typed.
	form = valuesFormOf(t, r.body, "values-grid")
	form.Set(valuesCell(ind, "1403-02"), "12")
	form.Set(fmt.Sprintf("n.%d.1403-05", ind.ID), "")
	c.post("/values", form, nil).want(t, http.StatusSeeOther)
	if n := len(e.valuesSaved(unit.ID)); n != 3 {
		t.Errorf("%d values saved after the fix, want 3", n)
	}

	// A saved value cannot be erased.
	form = valuesFormOf(t, c.get(fmt.Sprintf("/values?unit=%d&period=1403", unit.ID)).body, "values-grid")
	form.Set(valuesCell(ind, "1403-01"), "")
	r = c.post("/values", form, nil)
	r.want(t, http.StatusBadRequest)
	if got := workErrorBeside(r.body, valuesCellID(ind, "1403-01")); got != workFA("err.values.clear") {
		t.Errorf("beside the erased cell: %q", got)
	}
}

func TestValuesReporterOtherUnit(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	ind := e.valuesIndicator("save.other", payesh.Monthly, payesh.UnitOffice, payesh.UnitProvince)
	own, other := e.unit("office-women-family"), e.unit("prov-fars")
	c := e.as("reporter")
	form := valuesFormOf(t, c.get("/values?period=1403").body, "values-grid")
	if form.Get("unit") != fmt.Sprint(own.ID) {
		t.Fatalf("the reporter's grid is for unit %s, want %d", form.Get("unit"), own.ID)
	}
	form.Set("unit", fmt.Sprint(other.ID))
	form.Set(valuesCell(ind, "1403-01"), "۵")
	c.post("/values", form, nil).want(t, http.StatusForbidden, workFA("ui.error.h403"))
	if n := len(e.valuesSaved(other.ID)); n != 0 {
		t.Errorf("a reporter saved %d values for another unit", n)
	}
	if n := len(e.valuesSaved(own.ID)); n != 0 {
		t.Errorf("the forbidden post saved %d values for the reporter's unit", n)
	}
}

// TestValuesApprovedReadOnly approves a value as the secretariat does
// outside a round: the cell is read-only, and a post that changes it
// anyway is refused beside the cell with nothing saved.
func TestValuesApprovedReadOnly(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	ind := e.valuesIndicator("save.locked", payesh.Monthly, payesh.UnitProvince)
	unit := e.unit("prov-fars")
	v := e.valuesSave(payesh.IndicatorValue{IndicatorID: ind.ID, UnitID: unit.ID, Period: "1403-01", Value: 40})
	if _, err := e.db.ReviewValues(storetest.System(), []int64{v.ID}, payesh.ValueApproved); err != nil {
		t.Fatal(err)
	}
	c := e.as("secretariat")
	r := c.get(fmt.Sprintf("/values?unit=%d&period=1403", unit.ID))
	r.want(t, http.StatusOK, workFA("ui.values.state.approved"))
	cell := regexp.MustCompile(`<input id="v-` + valuesCellID(ind, "1403-01") + `"[^>]*>`).FindString(r.body)
	if !strings.Contains(cell, "readonly") || !strings.Contains(cell, `value="۴۰"`) {
		t.Errorf("the approved cell is not read-only: %s", cell)
	}

	form := valuesFormOf(t, r.body, "values-grid")
	form.Set(valuesCell(ind, "1403-01"), "41")
	form.Set(valuesCell(ind, "1403-02"), "7")
	r = c.post("/values", form, nil)
	r.want(t, http.StatusConflict, `value="41"`, `value="7"`)
	if got := workErrorBeside(r.body, valuesCellID(ind, "1403-01")); got != workFA("err.indicator.value_locked") {
		t.Errorf("beside the approved cell: %q", got)
	}
	saved := e.valuesSaved(unit.ID)
	if len(saved) != 1 || saved[fmt.Sprintf("%d.1403-01", ind.ID)].Value != 40 {
		t.Errorf("after a refused save: %d values, the approved one %v", len(saved), saved[fmt.Sprintf("%d.1403-01", ind.ID)])
	}

	// Posted unchanged, the approved cell is no obstacle to the others.
	form.Set(valuesCell(ind, "1403-01"), "۴۰")
	c.post("/values", form, nil).want(t, http.StatusSeeOther)
	if got := e.valuesSaved(unit.ID)[fmt.Sprintf("%d.1403-02", ind.ID)]; got == nil || got.Value != 7 {
		t.Errorf("the other cell: %+v", got)
	}
}

// TestValuesChangedMeanwhile: two people fill in the same grid. A cell
// only the other changed keeps the other's value; a cell both changed is
// a conflict, shown with the value saved now, and saving again wins.
func TestValuesChangedMeanwhile(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	ind := e.valuesIndicator("save.race", payesh.Monthly, payesh.UnitProvince)
	unit := e.unit("prov-fars")
	e.valuesSave(payesh.IndicatorValue{IndicatorID: ind.ID, UnitID: unit.ID, Period: "1403-01", Value: 1})
	e.valuesSave(payesh.IndicatorValue{IndicatorID: ind.ID, UnitID: unit.ID, Period: "1403-02", Value: 2})
	c := e.as("secretariat")
	form := valuesFormOf(t, c.get(fmt.Sprintf("/values?unit=%d&period=1403", unit.ID)).body, "values-grid")

	// Someone else changes both months.
	e.valuesSave(payesh.IndicatorValue{IndicatorID: ind.ID, UnitID: unit.ID, Period: "1403-01", Value: 10})
	e.valuesSave(payesh.IndicatorValue{IndicatorID: ind.ID, UnitID: unit.ID, Period: "1403-02", Value: 20})

	form.Set(valuesCell(ind, "1403-02"), "۲۲")
	r := c.post("/values", form, nil)
	// The cell only they changed shows their value; the other keeps mine.
	r.want(t, http.StatusConflict, `value="۲۲"`, `name="`+valuesCell(ind, "1403-01")+`" value="۱۰"`)
	if got := workErrorBeside(r.body, valuesCellID(ind, "1403-02")); got != fmt.Sprintf(workFA("ui.values.changed"), "۲۰") {
		t.Errorf("beside the cell both changed: %q", got)
	}
	if got := e.valuesSaved(unit.ID)[fmt.Sprintf("%d.1403-02", ind.ID)].Value; got != 20 {
		t.Fatalf("the conflict saved %v", got)
	}

	// Saving the re-shown grid again: the conflicting cell is overwritten
	// knowingly, the cell only the other changed keeps their 10.
	r = c.post("/values", valuesFormOf(t, r.body, "values-grid"), nil)
	r.want(t, http.StatusSeeOther)
	saved := e.valuesSaved(unit.ID)
	if a, b := saved[fmt.Sprintf("%d.1403-01", ind.ID)].Value, saved[fmt.Sprintf("%d.1403-02", ind.ID)].Value; a != 10 || b != 22 {
		t.Errorf("after saving again: %v and %v, want 10 (theirs) and 22 (mine)", a, b)
	}
}
