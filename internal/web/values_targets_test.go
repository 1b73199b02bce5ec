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

// targetCell is the form name of a targets grid cell, and its id.
func targetCell(unitID int64, period string) (name, id string) {
	return fmt.Sprintf("t.%d.%s", unitID, period), fmt.Sprintf("tgc-%d-%s", unitID, period)
}

// TestIndicatorTargetsGrid: the targets as a units × years grid — the
// organization and the units that enter the indicator, the years around
// this one and any period with a target set — saving only the changed
// cells, all or nothing, each problem beside its cell with what was
// typed kept; a cell someone else changed meanwhile is named, not
// overwritten, and one the user did not touch is left as the other
// person saved it. A row below the grid takes a target the grid has no
// cell for.
func TestIndicatorTargetsGrid(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	ctx := storetest.System()
	ind := e.valuesIndicator("targets", payesh.Monthly, payesh.UnitProvince)
	sso, fars, office := e.unit("sso"), e.unit("prov-fars"), e.unit("office-women-family")
	y := payesh.Today(workNow()).Jalali().Year
	yr := func(n int) string { return fmt.Sprint(n) }
	c := e.as("secretariat")
	edit := fmt.Sprintf("/indicators/%d/edit", ind.ID)
	post := fmt.Sprintf("/indicators/%d/targets", ind.ID)
	stored := func() map[string]float64 {
		t.Helper()
		ts, err := e.db.FindTargets(ctx, ind.ID)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]float64{}
		for _, tg := range ts {
			m[fmt.Sprintf("%d.%s", tg.UnitID, tg.Period)] = tg.Value
		}
		return m
	}

	r := c.get(edit)
	ssoY, ssoYID := targetCell(sso.ID, yr(y))
	farsY1, farsY1ID := targetCell(fars.ID, yr(y+1))
	farsY2, farsY2ID := targetCell(fars.ID, yr(y+2))
	r.want(t, http.StatusOK, `id="targets-grid"`, `name="`+ssoY+`"`, `name="`+farsY1+`"`,
		fmt.Sprintf(`name="t.%d.%d"`, fars.ID, y-1), fmt.Sprintf(`name="t.%d.%d"`, fars.ID, y+5))
	// An office enters nothing of a provinces' indicator: no row; nor a
	// year beyond the frame.
	r.lacks(t, fmt.Sprintf(`name="t.%d.`, office.ID), fmt.Sprintf(`name="t.%d.%d"`, fars.ID, y+6))

	form := valuesFormOf(t, r.body, "targets-form")
	form.Set(ssoY, "۵۰۰٫۵")
	form.Set(farsY1, "40")
	form.Set("targets.0.unit_id", fmt.Sprint(fars.ID))
	form.Set("targets.0.period", "1403-06")
	form.Set("targets.0.value", "۱۲")
	r = c.post(post, form, nil)
	r.want(t, http.StatusSeeOther)
	if loc := r.header.Get("Location"); loc != edit+"?flash=ui.indicator_form.flash.targets#targets" {
		t.Errorf("redirect to %q", loc)
	}
	want := map[string]float64{fmt.Sprintf("%d.%d", sso.ID, y): 500.5, fmt.Sprintf("%d.%d", fars.ID, y+1): 40, fmt.Sprintf("%d.1403-06", fars.ID): 12}
	if got := stored(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("stored %v, want %v", got, want)
	}

	// The saved targets come back in their cells; the month's target
	// has a column of its own.
	r = c.get(edit)
	monthCell, _ := targetCell(fars.ID, "1403-06")
	r.want(t, http.StatusOK, `name="`+ssoY+`" value="۵۰۰٫۵"`, `name="`+monthCell+`" value="۱۲"`, "<th scope=\"col\">شهریور ۱۴۰۳</th>",
		fmt.Sprintf(`aria-label="مقدار هدف — فارس، %s"`, persianDigits(yr(y+1))))

	// Mistakes: nothing is saved, everything typed stays, each problem
	// beside its cell.
	form = valuesFormOf(t, r.body, "targets-form")
	// Meanwhile someone sets a target the user does not touch: the grid
	// shown again has it.
	farsY0, _ := targetCell(fars.ID, yr(y-1))
	if err := e.db.SetTargets(ctx, ind.ID, []payesh.Target{{UnitID: fars.ID, Period: yr(y - 1), Value: 9}}); err != nil {
		t.Fatal(err)
	}
	want[fmt.Sprintf("%d.%d", fars.ID, y-1)] = 9
	form.Set(ssoY, "۶۰۰")
	form.Set(farsY2, "بیست")
	form.Set(farsY1, "")
	form.Set("targets.0.unit_id", fmt.Sprint(fars.ID))
	form.Set("targets.0.period", "1403Q9")
	form.Set("targets.0.value", "5")
	r = c.post(post, form, nil)
	r.want(t, http.StatusBadRequest, workFA("ui.indicator_form.targets_failed"), `value="۶۰۰"`, `value="بیست"`, `value="1403Q9"`,
		`name="`+farsY0+`" value="۹"`)
	for field, key := range map[string]string{farsY2ID: "err.number", farsY1ID: "err.targets.clear", "t-0-period": "err.period"} {
		if got := workErrorBeside(r.body, field); got != workFA(key) {
			t.Errorf("beside %s: %q, want %q", field, got, workFA(key))
		}
	}
	if got := stored(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("a grid with mistakes saved: %v", got)
	}

	// Fixed: only the changed cell is written.
	form = valuesFormOf(t, r.body, "targets-form")
	form.Set(farsY2, "")
	form.Set(farsY1, "40")
	form.Set("targets.0.period", "")
	form.Set("targets.0.value", "")
	form.Set("targets.0.unit_id", "")
	c.post(post, form, nil).want(t, http.StatusSeeOther)
	want[fmt.Sprintf("%d.%d", sso.ID, y)] = 600
	if got := stored(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("after the fix %v, want %v", got, want)
	}

	// Someone else changes two targets while the grid is open: the one
	// the user also changed is named beside its cell (409) and saved on
	// the second try; the one the user did not touch stays theirs.
	form = valuesFormOf(t, c.get(edit).body, "targets-form")
	if err := e.db.SetTargets(ctx, ind.ID, []payesh.Target{{UnitID: sso.ID, Period: yr(y), Value: 700}, {UnitID: fars.ID, Period: yr(y + 1), Value: 45}}); err != nil {
		t.Fatal(err)
	}
	form.Set(ssoY, "650")
	r = c.post(post, form, nil)
	r.want(t, http.StatusConflict, `value="650"`)
	if got := workErrorBeside(r.body, ssoYID); !strings.Contains(got, "۷۰۰") {
		t.Errorf("beside the cell changed meanwhile: %q", got)
	}
	c.post(post, valuesFormOf(t, r.body, "targets-form"), nil).want(t, http.StatusSeeOther)
	want[fmt.Sprintf("%d.%d", sso.ID, y)], want[fmt.Sprintf("%d.%d", fars.ID, y+1)] = 650, 45
	if got := stored(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("after the conflict %v, want %v", got, want)
	}

	// The grid posted as shown changes nothing.
	r = c.post(post, valuesFormOf(t, c.get(edit).body, "targets-form"), nil)
	if loc := r.header.Get("Location"); !strings.Contains(loc, "flash=ui.indicator_form.flash.nothing") {
		t.Errorf("an unchanged grid: redirect to %q", loc)
	}
	// Only the secretariat and admins set targets.
	e.as("province").post(post, url.Values{ssoY: {"1"}}, nil).want(t, http.StatusForbidden)
}

// TestIndicatorTargetsGridPages: an indicator entered by branches has a
// row per branch; past targetsPageRows the grid is shown a page at a
// time, and a save returns to its page.
func TestIndicatorTargetsGridPages(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	ctx := storetest.System()
	fars := e.unit("prov-fars")
	var last *payesh.OrgUnit
	for i := range 90 {
		u := &payesh.OrgUnit{Kind: payesh.UnitBranch, Code: fmt.Sprintf("fars-b%02d", i), NameFA: fmt.Sprintf("شعبهٔ %02d فارس", i), ParentID: &fars.ID}
		if err := e.db.CreateOrgUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
		last = u
	}
	ind := e.valuesIndicator("targets.branches", payesh.Monthly, payesh.UnitBranch)
	c := e.as("secretariat")
	edit := fmt.Sprintf("/indicators/%d/edit", ind.ID)
	y := payesh.Today(workNow()).Jalali().Year
	cell, _ := targetCell(last.ID, fmt.Sprint(y))

	r := c.get(edit)
	r.want(t, http.StatusOK, `id="targets-pages"`, fmt.Sprintf(`href="%s?tpage=2#targets"`, edit))
	r.lacks(t, `name="`+cell+`"`)
	if n := strings.Count(r.body, `<th scope="row">`); n != 100 {
		t.Errorf("the first page has %d rows, want 100", n)
	}
	r = c.get(edit + "?tpage=۲")
	r.want(t, http.StatusOK, `name="`+cell+`"`, `<input type="hidden" name="target_page" value="2">`)
	form := valuesFormOf(t, r.body, "targets-form")
	form.Set(cell, "3")
	r = c.post(fmt.Sprintf("/indicators/%d/targets", ind.ID), form, nil)
	r.want(t, http.StatusSeeOther)
	if loc := r.header.Get("Location"); loc != edit+"?tpage=2&flash=ui.indicator_form.flash.targets#targets" {
		t.Errorf("redirect to %q", loc)
	}
	if ts, _ := e.db.FindTargets(ctx, ind.ID); len(ts) != 1 || ts[0].UnitID != last.ID || ts[0].Value != 3 {
		t.Errorf("stored %v", ts)
	}
}

func persianDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '۰' + (r - '0')
		}
		return r
	}, s)
}
