package web_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/officetest"
	"payesh/internal/store/storetest"
)

// xlsxDownload fetches a grid's workbook.
func (c *workClient) xlsxDownload(t *testing.T, query string) []byte {
	t.Helper()
	r := c.get("/values.xlsx?" + query)
	if r.status != http.StatusOK {
		t.Fatalf("download: %d\n%s", r.status, workExcerpt(r.body))
	}
	return []byte(r.body)
}

// xlsxUpload posts a workbook from the grid's upload form of query.
func (c *workClient) xlsxUpload(t *testing.T, query string, file []byte) workResult {
	t.Helper()
	return c.xlsxPost(t, "/values.xlsx?"+query, file)
}

// xlsxPost posts a workbook as a browser's upload form does, the fields
// of the path's query beside it.
func (c *workClient) xlsxPost(t *testing.T, path string, file []byte) workResult {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	path, query, _ := strings.Cut(path, "?")
	for kv := range strings.SplitSeq(query, "&") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			mw.WriteField(k, v)
		}
	}
	fw, _ := mw.CreateFormFile("file", "مقادیر.xlsx")
	fw.Write(file)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.e.srv.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", c.e.srv.URL)
	return c.do(req, nil)
}

// xlsxFill opens a downloaded workbook and sets cells as a person would:
// by the indicator's row and the period's column header, with whatever
// they type — a number, or text.
func xlsxFill(t *testing.T, file []byte, fill func(set func(sheet, indicator, column string, v any))) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	set := func(sheet, indicator, column string, v any) {
		t.Helper()
		if err := f.SetCellValue(sheet, xlsxLocate(t, f, sheet, indicator, column), v); err != nil {
			t.Fatal(err)
		}
	}
	fill(set)
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestValuesUploadRoundTrip: a reporter downloads the grid, fills it in
// as a person would — a number, Persian digits, a number typed as text
// with a thousands separator — and uploads it; the values are saved and
// a value's note, which the workbook does not carry, is kept. A workbook
// with one bad cell saves nothing, not even its good cells, and names the
// bad one by sheet, row and column.
func TestValuesUploadRoundTrip(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	monthly := e.valuesIndicator("xl.monthly", payesh.Monthly, payesh.UnitOffice)
	seasonal := e.valuesIndicator("xl.seasonal", payesh.Quarterly, payesh.UnitOffice)
	unit := e.unit("office-women-family")
	e.valuesSave(payesh.IndicatorValue{IndicatorID: monthly.ID, UnitID: unit.ID, Period: "1403-01", Value: 10, Note: "برآورد دفتر"})
	if err := e.db.SetTargets(storetest.System(), monthly.ID, []payesh.Target{{UnitID: unit.ID, Period: "1403-02", Value: 80}}); err != nil {
		t.Fatal(err)
	}
	c := e.as("reporter")
	query := fmt.Sprintf("unit=%d&period=1403", unit.ID)
	c.get("/values?"+query).want(t, http.StatusOK, `id="vg-upload"`, `enctype="multipart/form-data"`)

	months, seasons := i18n.T(i18n.FA, "ui.values.freq.monthly"), i18n.T(i18n.FA, "ui.values.freq.quarterly")
	blank := c.xlsxDownload(t, query)
	if got := xlsxBelow(t, blank, months, monthly.NameFA, "اردیبهشت ۱۴۰۳"); got != "80" {
		t.Errorf("the target below the value of Ordibehesht: %q, want 80", got)
	}
	file := xlsxFill(t, blank, func(set func(string, string, string, any)) {
		set(months, monthly.NameFA, "فروردین ۱۴۰۳", 12)
		set(months, monthly.NameFA, "اردیبهشت ۱۴۰۳", "۷۳٫۵")
		set(months, monthly.NameFA, "خرداد ۱۴۰۳", "1,250")
		set(seasons, seasonal.NameFA, "بهار ۱۴۰۳", 5)
	})
	r := c.xlsxUpload(t, query, file)
	r.want(t, http.StatusSeeOther)
	if loc := r.header.Get("Location"); !strings.Contains(loc, "flash=ui.values.flash.uploaded") || !strings.Contains(loc, fmt.Sprintf("unit=%d", unit.ID)) {
		t.Errorf("redirect to %q", loc)
	}
	saved := e.valuesSaved(unit.ID)
	for key, want := range map[string]float64{
		fmt.Sprintf("%d.1403-01", monthly.ID): 12, fmt.Sprintf("%d.1403-02", monthly.ID): 73.5,
		fmt.Sprintf("%d.1403-03", monthly.ID): 1250, fmt.Sprintf("%d.1403Q1", seasonal.ID): 5,
	} {
		if v := saved[key]; v == nil || v.Value != want || v.State != payesh.ValueDraft {
			t.Errorf("%s: saved %+v, want %v", key, v, want)
		}
	}
	if len(saved) != 4 {
		t.Errorf("%d values saved, want 4", len(saved))
	}
	if v := saved[fmt.Sprintf("%d.1403-01", monthly.ID)]; v != nil && v.Note != "برآورد دفتر" {
		t.Errorf("the upload lost the value's note: %q", v.Note)
	}

	// Uploading the same file again changes nothing: its versions are
	// those it was made with, but its values are what is saved now.
	r = c.xlsxUpload(t, query, file)
	if loc := r.header.Get("Location"); r.status != http.StatusSeeOther || !strings.Contains(loc, "upload_nothing") {
		t.Errorf("the same file again: %d %q", r.status, loc)
	}

	bad := xlsxFill(t, c.xlsxDownload(t, query), func(set func(string, string, string, any)) {
		set(months, monthly.NameFA, "تیر ۱۴۰۳", 9)
		set(months, monthly.NameFA, "مرداد ۱۴۰۳", "دوازده")
	})
	r = c.xlsxUpload(t, query, bad)
	r.want(t, http.StatusBadRequest, `id="vg-refused"`, "«"+months+"»", "«مرداد ۱۴۰۳»", i18n.T(i18n.FA, "err.sheet.number"),
		i18n.T(i18n.FA, "ui.values.upload_failed"))
	if after := e.valuesSaved(unit.ID); len(after) != 4 || after[fmt.Sprintf("%d.1403-04", monthly.ID)] != nil {
		t.Errorf("a refused workbook saved its good cells: %d values", len(after))
	}
}

// uploadEnv is a reporter of the women's office with one monthly
// indicator whose Farvardin 1403 holds 10.
type uploadEnv struct {
	e             *workEnv
	ind           *payesh.Indicator
	unit          *payesh.OrgUnit
	c             *workClient
	query, months string
}

func newUploadEnv(t *testing.T, code string) *uploadEnv {
	e := newWorkEnv(t)
	u := &uploadEnv{e: e, ind: e.valuesIndicator(code, payesh.Monthly, payesh.UnitOffice), unit: e.unit("office-women-family"),
		months: i18n.T(i18n.FA, "ui.values.freq.monthly")}
	e.valuesSave(payesh.IndicatorValue{IndicatorID: u.ind.ID, UnitID: u.unit.ID, Period: "1403-01", Value: 10})
	u.c, u.query = e.as("reporter"), fmt.Sprintf("unit=%d&period=1403", u.unit.ID)
	return u
}

// TestValuesUploadRefused: a cell someone else saved after the download,
// a value emptied, a workbook of another unit and a file that is not a
// Payesh workbook each save nothing and say why.
func TestValuesUploadRefused(t *testing.T) {
	t.Parallel()
	u := newUploadEnv(t, "xl.refused")
	e, ind, unit, c, query, months := u.e, u.ind, u.unit, u.c, u.query, u.months
	stale := c.xlsxDownload(t, query)
	e.valuesSave(payesh.IndicatorValue{IndicatorID: ind.ID, UnitID: unit.ID, Period: "1403-02", Value: 7})

	for _, tt := range []struct {
		name   string
		file   []byte
		status int
		want   string
	}{
		{"changed meanwhile", xlsxFill(t, stale, func(set func(string, string, string, any)) {
			set(months, ind.NameFA, "اردیبهشت ۱۴۰۳", 8)
		}), http.StatusConflict, i18n.T(i18n.FA, "err.sheet.changed")},
		{"emptied", xlsxFill(t, stale, func(set func(string, string, string, any)) {
			set(months, ind.NameFA, "فروردین ۱۴۰۳", "")
		}), http.StatusBadRequest, i18n.T(i18n.FA, "err.values.clear")},
		{"a non-number and a change meanwhile, both named", xlsxFill(t, stale, func(set func(string, string, string, any)) {
			set(months, ind.NameFA, "اردیبهشت ۱۴۰۳", 8)
			set(months, ind.NameFA, "خرداد ۱۴۰۳", "دوازده")
		}), http.StatusConflict, i18n.T(i18n.FA, "err.sheet.changed") + "|" + i18n.T(i18n.FA, "err.sheet.number")},
		{"not ours", xlsxNew(t), http.StatusBadRequest, i18n.T(i18n.FA, "err.sheet.not_ours")},
		{"not a workbook", []byte("x,y\n1,2\n"), http.StatusBadRequest, i18n.T(i18n.FA, "err.sheet.not_ours")},
	} {
		r := c.xlsxUpload(t, query, tt.file)
		r.want(t, tt.status, strings.Split(tt.want, "|")...)
		if v := e.valuesSaved(unit.ID); v[fmt.Sprintf("%d.1403-01", ind.ID)].Value != 10 || v[fmt.Sprintf("%d.1403-02", ind.ID)].Value != 7 {
			t.Errorf("%s: values changed", tt.name)
		}
	}

	// The secretariat's workbook of a province, uploaded by the women's
	// office reporter: the unit is not theirs to report for.
	fars := e.unit("prov-fars")
	prov := e.valuesIndicator("xl.province", payesh.Monthly, payesh.UnitProvince)
	other := xlsxFill(t, e.as("secretariat").xlsxDownload(t, fmt.Sprintf("unit=%d&period=1403", fars.ID)), func(set func(string, string, string, any)) {
		set(months, prov.NameFA, "فروردین ۱۴۰۳", 3)
	})
	if r := c.xlsxUpload(t, query, other); r.status != http.StatusForbidden {
		t.Errorf("another unit's workbook: %d", r.status)
	}
	if len(e.valuesSaved(fars.ID)) != 0 {
		t.Error("another unit's workbook was saved")
	}
}

// xlsxCell is what a row's cell in a column shows.
func xlsxCell(t *testing.T, file []byte, sheet, row, column string) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	v, _ := f.GetCellValue(sheet, xlsxLocate(t, f, sheet, row, column))
	return v
}

// xlsxBelow is the cell under an indicator's cell in a column: its target.
func xlsxBelow(t *testing.T, file []byte, sheet, indicator, column string) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(sheet)
	col := -1
	for n, r := range rows {
		for m, c := range r {
			if c == column && col < 0 {
				col = m
			}
			if c == indicator && col >= 0 && n+1 < len(rows) && col < len(rows[n+1]) {
				return rows[n+1][col]
			}
		}
	}
	return ""
}

// xlsxNew is a workbook Payesh did not make.
func xlsxNew(t *testing.T) []byte {
	f := excelize.NewFile()
	defer f.Close()
	f.SetCellValue("Sheet1", "A1", 1)
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// xlsxRef is the reference of an indicator's cell in a column ("E3").
func xlsxRef(t *testing.T, file []byte, sheet, indicator, column string) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return xlsxLocate(t, f, sheet, indicator, column)
}

// xlsxLocate finds a cell as a person does: by the indicator's row and
// the period's column header.
func xlsxLocate(t *testing.T, f *excelize.File, sheet, indicator, column string) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	col, row := 0, 0
	for n, r := range rows {
		for m, c := range r {
			if c == column && col == 0 {
				col = m + 1
			}
			if c == indicator && row == 0 {
				row = n + 1
			}
		}
	}
	if col == 0 || row == 0 {
		t.Fatalf("sheet %s has no row %q or column %q", sheet, indicator, column)
	}
	ref, _ := excelize.CoordinatesToCellName(col, row)
	return ref
}

// TestValuesUploadFromLibreOffice: the workbook as LibreOffice Calc
// saves it after a person typed into it — a number, Persian digits as
// text, a number with a thousands separator as text — is accepted by the
// upload with the right values: a real client, not only our own writer.
func TestValuesUploadFromLibreOffice(t *testing.T) {
	t.Parallel()
	u := newUploadEnv(t, "xl.office")
	ind, unit, c, query, months := u.ind, u.unit, u.c, u.query, u.months
	e := u.e
	file := c.xlsxDownload(t, query)
	ref := func(column string) string { return xlsxRef(t, file, months, ind.NameFA, column) }
	edited := officetest.Edit(t, file,
		officetest.Number(months, ref("فروردین ۱۴۰۳"), 11),
		officetest.Text(months, ref("اردیبهشت ۱۴۰۳"), "۱۲۳"),
		officetest.Text(months, ref("خرداد ۱۴۰۳"), "1,250"),
		officetest.Number(months, ref("تیر ۱۴۰۳"), 0.5),
	)
	c.xlsxUpload(t, query, edited).want(t, http.StatusSeeOther)
	saved := e.valuesSaved(unit.ID)
	for period, want := range map[string]float64{"1403-01": 11, "1403-02": 123, "1403-03": 1250, "1403-04": 0.5} {
		if v := saved[fmt.Sprintf("%d.%s", ind.ID, period)]; v == nil || v.Value != want {
			t.Errorf("%s: saved %+v, want %v", period, v, want)
		}
	}
	if len(saved) != 4 {
		t.Errorf("%d values saved, want 4", len(saved))
	}
}
