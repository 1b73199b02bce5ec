package api

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"payesh/internal/i18n"
	"payesh/internal/sheet"
)

// TestValuesWorkbookAPI: GET /indicators/values?format=xlsx gives a
// unit's grid as a workbook to whoever reports for the unit; POSTing it
// back filled in saves the changed cells and answers them; a workbook
// with a bad cell saves nothing and names the cell as Excel does.
func TestValuesWorkbookAPI(t *testing.T) {
	e := newEnv(t)
	ind := e.addIndicator("xl.api", map[string]any{"reporting_kinds": []string{"province"}})
	provA := e.unit["prov-a"].ID
	url := apiPath("/indicators/values?format=xlsx&unit=%d&year=1403", provA)

	r := e.do("GET", url, "reporter", nil)
	if r.status != http.StatusOK || r.header.Get("Content-Type") != sheet.ContentType ||
		!strings.Contains(r.header.Get("Content-Disposition"), "values-prov-a-1403.xlsx") {
		t.Fatalf("download: %d %s %s", r.status, r.header.Get("Content-Type"), r.body)
	}
	for _, tt := range []struct {
		path, who string
		status    int
		field     string
	}{
		{url, "viewer", http.StatusForbidden, ""},
		{apiPath("/indicators/values?format=xlsx&unit=%d", e.unit["prov-b"].ID), "reporter", http.StatusForbidden, ""},
		{apiPath("/indicators/values?format=xlsx"), "reporter", http.StatusBadRequest, "unit"},
		{apiPath("/indicators/values?format=pdf&unit=%d", provA), "reporter", http.StatusBadRequest, "format"},
		{apiPath("/indicators/values?format=xlsx&unit=%d&indicator=%d&year=x", provA, ind.ID), "reporter", http.StatusBadRequest, "year"},
	} {
		got := e.do("GET", tt.path, tt.who, nil)
		if _, ok := got.apiError().Error.Fields[tt.field]; got.status != tt.status || tt.field != "" && !ok {
			t.Errorf("GET %s as %s: %d %s, want %d naming %q", tt.path, tt.who, got.status, got.body, tt.status, tt.field)
		}
	}

	months := i18n.T(i18n.FA, "ui.values.freq.monthly")
	good := fillAt(t, r.body, months, ind.NameFA, map[string]any{"فروردین ۱۴۰۳": "۴۲", "اردیبهشت ۱۴۰۳": 7.5})
	up := e.do("POST", apiPath("/indicators/values"), "reporter", string(good), "Content-Type", sheet.ContentType)
	var out struct {
		UnitID int64  `json:"unit_id"`
		Year   string `json:"year"`
		Items  []struct {
			Period string  `json:"period"`
			Value  float64 `json:"value"`
		} `json:"items"`
	}
	e.ok(up, http.StatusOK, &out)
	if out.UnitID != provA || out.Year != "1403" || len(out.Items) != 2 || out.Items[0].Value != 42 || out.Items[1].Value != 7.5 {
		t.Errorf("upload answered %+v", out)
	}
	if got := e.values(fmt.Sprintf("indicator=%d&unit=%d", ind.ID, provA)); len(got) != 2 {
		t.Errorf("%d values saved, want 2", len(got))
	}

	// A fresh download (the first one is stale now: the upload changed
	// its cells, and a stale cell would be named too).
	fresh := e.do("GET", url, "reporter", nil)
	bad := fillAt(t, fresh.body, months, ind.NameFA, map[string]any{"فروردین ۱۴۰۳": 1, "خرداد ۱۴۰۳": "چهل"})
	br := e.do("POST", apiPath("/indicators/values"), "reporter", string(bad), "Content-Type", sheet.ContentType, "Accept-Language", "en")
	ae := br.apiError()
	if br.status != http.StatusBadRequest || ae.Error.Code != "invalid" {
		t.Fatalf("a bad cell: %d %s", br.status, br.body)
	}
	if len(ae.Error.Fields) != 1 {
		t.Fatalf("fields %v, want the one bad cell: %+v", ae.Error.Fields, ae)
	}
	for ref := range ae.Error.Fields {
		if msg := ae.Error.Fields[ref]; !strings.HasPrefix(ref, months+"!") || msg != i18n.T(i18n.EN, "err.sheet.number") {
			t.Errorf("the bad cell is named %q (%q), not as Excel names it", ref, msg)
		}
	}
	if got := e.values(fmt.Sprintf("indicator=%d&unit=%d&from=1403-01&to=1403-01", ind.ID, provA)); len(got) != 1 || got[0].Value != 42 {
		t.Errorf("a refused workbook changed a value: %+v", got)
	}
	if r := e.do("POST", apiPath("/indicators/values"), "reporter", "not a workbook", "Content-Type", sheet.ContentType); r.status != http.StatusBadRequest || r.apiError().Error.Fields["file"] == "" {
		t.Errorf("a file that is no workbook: %d %s", r.status, r.body)
	}
}

// fillAt sets cells of a workbook by the row of name and the columns
// headed by the keys, as a person filling it in would.
func fillAt(t *testing.T, file []byte, sheetName, name string, cells map[string]any) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheetName)
	if err != nil {
		t.Fatal(err)
	}
	row, cols := 0, map[string]int{}
	for n, r := range rows {
		for m, c := range r {
			if _, ok := cells[c]; ok {
				cols[c] = m + 1
			}
			if c == name && row == 0 {
				row = n + 1
			}
		}
	}
	for label, v := range cells {
		if cols[label] == 0 || row == 0 {
			t.Fatalf("no column %q or row %q", label, name)
		}
		ref, _ := excelize.CoordinatesToCellName(cols[label], row)
		f.SetCellValue(sheetName, ref, v)
	}
	var b bytes.Buffer
	f.Write(&b)
	return b.Bytes()
}

// TestTargetsWorkbookAPI: GET /indicators/{id}/targets?format=xlsx gives
// the secretariat the targets workbook; PUT with it filled in sets the
// targets; a reporter gets neither; another indicator's workbook is a 400.
func TestTargetsWorkbookAPI(t *testing.T) {
	e := newEnv(t)
	ind := e.addIndicator("xl.targets", map[string]any{"reporting_kinds": []string{"province"}, "frequency": "yearly"})
	other := e.addIndicator("xl.other", map[string]any{"reporting_kinds": []string{"province"}, "frequency": "yearly"})
	url := apiPath("/indicators/%d/targets", ind.ID)
	r := e.do("GET", url+"?format=xlsx", "sec", nil)
	if r.status != http.StatusOK || r.header.Get("Content-Type") != sheet.ContentType {
		t.Fatalf("download: %d %s", r.status, r.body)
	}
	if got := e.do("GET", url+"?format=xlsx", "reporter", nil); got.status != http.StatusForbidden {
		t.Errorf("a reporter's download: %d", got.status)
	}
	if got := e.do("GET", url+"?format=csv", "sec", nil); got.status != http.StatusBadRequest {
		t.Errorf("format=csv: %d", got.status)
	}
	// testNow is in 1403: its column is «۱۴۰۳».
	file := fillAt(t, r.body, i18n.T(i18n.FA, "ui.xlsx.targets_sheet"), e.unit["prov-a"].NameFA, map[string]any{"۱۴۰۳": 60, "۱۴۰۴": "۶۵"})
	put := func(path, who string) *result {
		return e.do("PUT", path, who, string(file), "Content-Type", sheet.ContentType)
	}
	if got := put(url, "reporter"); got.status != http.StatusForbidden {
		t.Errorf("a reporter's upload: %d", got.status)
	}
	if got := put(apiPath("/indicators/%d/targets", other.ID), "sec"); got.status != http.StatusBadRequest || got.apiError().Error.Fields["file"] == "" {
		t.Errorf("another indicator's workbook: %d %s", got.status, got.body)
	}
	var out struct {
		Items []struct {
			UnitID int64   `json:"unit_id"`
			Period string  `json:"period"`
			Value  float64 `json:"value"`
		} `json:"items"`
	}
	e.ok(put(url, "sec"), http.StatusOK, &out)
	if len(out.Items) != 2 || out.Items[0].Period != "1403" || out.Items[0].Value != 60 || out.Items[1].Value != 65 {
		t.Errorf("set %+v", out.Items)
	}
	var list struct {
		Items []struct{} `json:"items"`
	}
	e.ok(e.do("GET", url, "viewer", nil), http.StatusOK, &list)
	if len(list.Items) != 2 {
		t.Errorf("%d targets saved, want 2", len(list.Items))
	}
}
