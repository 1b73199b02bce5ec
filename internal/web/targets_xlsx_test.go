package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/store/storetest"
)

// TestTargetsWorkbook: the secretariat downloads an indicator's targets
// as a workbook — the organization and the units that report it, a year a
// column —, types targets in Excel (Persian digits included) and uploads
// it: the targets are set. An emptied target and a bad number save
// nothing and are named; another indicator's workbook is refused; a
// reporter gets neither.
func TestTargetsWorkbook(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	ind := e.valuesIndicator("xl.targets", payesh.Yearly, payesh.UnitProvince)
	other := e.valuesIndicator("xl.targets.other", payesh.Yearly, payesh.UnitProvince)
	fars, org := e.unit("prov-fars"), e.unit("sso")
	if err := e.db.SetTargets(storetest.System(), ind.ID, []payesh.Target{{UnitID: org.ID, Period: "1405", Value: 90}}); err != nil {
		t.Fatal(err)
	}
	c := e.as("secretariat")
	edit := fmt.Sprintf("/indicators/%d/edit", ind.ID)
	c.get(edit).want(t, http.StatusOK, `id="targets-xlsx"`, `id="targets-upload"`)
	r := c.get(fmt.Sprintf("/indicators/%d/targets.xlsx", ind.ID))
	if r.status != http.StatusOK || !strings.Contains(r.header.Get("Content-Disposition"), "targets-xl.targets.xlsx") {
		t.Fatalf("download: %d %v", r.status, r.header)
	}
	sheetName := i18n.T(i18n.FA, "ui.xlsx.targets_sheet")
	// The year columns are labelled by the year in Persian digits.
	y1405, y1406 := "۱۴۰۵", "۱۴۰۶"
	if got := xlsxCell(t, []byte(r.body), sheetName, org.NameFA, y1405); got != "90" {
		t.Errorf("the organization's 1405 target in the workbook: %q", got)
	}
	file := xlsxFill(t, []byte(r.body), func(set func(string, string, string, any)) {
		set(sheetName, fars.NameFA, y1405, "۷۵٫۵")
		set(sheetName, fars.NameFA, y1406, 80)
		set(sheetName, org.NameFA, y1405, 91)
	})
	up := fmt.Sprintf("/indicators/%d/targets.xlsx", ind.ID)
	res := c.xlsxPost(t, up, file)
	res.want(t, http.StatusSeeOther)
	got := map[string]float64{}
	ts, _ := e.db.FindTargets(storetest.System(), ind.ID)
	for _, tg := range ts {
		got[fmt.Sprintf("%d.%s", tg.UnitID, tg.Period)] = tg.Value
	}
	want := map[string]float64{fmt.Sprintf("%d.1405", fars.ID): 75.5, fmt.Sprintf("%d.1406", fars.ID): 80, fmt.Sprintf("%d.1405", org.ID): 91}
	if len(got) != len(want) {
		t.Errorf("targets %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("target %s = %v, want %v", k, got[k], v)
		}
	}

	emptied := xlsxFill(t, file, func(set func(string, string, string, any)) {
		set(sheetName, fars.NameFA, y1405, "")
		set(sheetName, org.NameFA, y1406, 95)
	})
	c.xlsxPost(t, up, emptied).want(t, http.StatusBadRequest, `id="targets-refused"`, i18n.T(i18n.FA, "err.targets.clear"), "«"+y1405+"»")
	notNumber := xlsxFill(t, file, func(set func(string, string, string, any)) {
		set(sheetName, fars.NameFA, y1406, "هشتاد")
	})
	c.xlsxPost(t, up, notNumber).want(t, http.StatusBadRequest, `id="targets-refused"`, i18n.T(i18n.FA, "err.sheet.number"))
	c.xlsxPost(t, fmt.Sprintf("/indicators/%d/targets.xlsx", other.ID), file).want(t, http.StatusBadRequest, i18n.T(i18n.FA, "err.sheet.other_indicator"))
	if ts, _ := e.db.FindTargets(storetest.System(), ind.ID); len(ts) != 3 {
		t.Errorf("refused workbooks changed the targets: %+v", ts)
	}
	rep := e.as("reporter")
	if r := rep.get(fmt.Sprintf("/indicators/%d/targets.xlsx", ind.ID)); r.status != http.StatusForbidden {
		t.Errorf("a reporter's download: %d", r.status)
	}
	if r := rep.xlsxPost(t, up, file); r.status != http.StatusForbidden {
		t.Errorf("a reporter's upload: %d", r.status)
	}
}
