package sheet

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"payesh/internal/officetest"
)

// TestLibreOfficeRoundTrip: the workbook filled in a real client. Written
// by Write, opened in LibreOffice Calc, changed there through its own API
// — a number, a Persian number as text, a number stored as text with a
// thousands separator, a fraction, a zero, a cleared cell — and saved as
// .xlsx by LibreOffice; Read reads LibreOffice's file with every changed
// value and every untouched one as it was, keyed by the hidden sheet,
// which LibreOffice keeps (hidden), as it keeps the sheets right to left
// and protected.
func TestLibreOfficeRoundTrip(t *testing.T) {
	g := grid()
	g.Tables[0].Rows[1].Cells[2] = Cell{Value: ptr(7), Version: 4} // to be cleared
	g.Tables[0].Rows = append(g.Tables[0].Rows, Row{IndicatorID: 21, Code: "refunds", Name: "بازپرداخت‌ها", Measure: "مورد",
		Cells: []Cell{{}, {}, {}}}) // row 6
	var b bytes.Buffer
	if err := Write(&b, g); err != nil {
		t.Fatal(err)
	}
	out := officetest.Edit(t, b.Bytes(),
		officetest.Number("ماهانه", "E3", 1450),
		officetest.Text("ماهانه", "F3", "۱۲۳"),
		officetest.Text("ماهانه", "D5", "1,250"),
		officetest.Number("ماهانه", "E5", 0.1),
		officetest.Empty("ماهانه", "F5"),
		officetest.Number("ماهانه", "D6", 0),
	)
	up, err := Read(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("the workbook LibreOffice saved does not read: %v", err)
	}
	if up.UnitID != 17 || up.Year != 1403 {
		t.Errorf("unit %d year %d, want 17 1403", up.UnitID, up.Year)
	}
	for _, tc := range []struct {
		ref     string // on the monthly sheet unless yearly
		yearly  bool
		ind     int64
		period  string
		value   *float64
		version int
		column  string
	}{
		{ref: "E3", ind: 5, period: "1403-02", value: ptr(1450), version: 1, column: "اردیبهشت ۱۴۰۳"},
		{ref: "F3", ind: 5, period: "1403-03", value: ptr(123), column: "خرداد ۱۴۰۳"},
		{ref: "D5", ind: 9, period: "1403-01", value: ptr(1250), column: "فروردین ۱۴۰۳"},
		{ref: "E5", ind: 9, period: "1403-02", value: ptr(0.1), column: "اردیبهشت ۱۴۰۳"},
		{ref: "F5", ind: 9, period: "1403-03", version: 4, column: "خرداد ۱۴۰۳"},
		{ref: "D6", ind: 21, period: "1403-01", value: ptr(0), column: "فروردین ۱۴۰۳"},                   // zero, not empty
		{ref: "E6", ind: 21, period: "1403-02", column: "اردیبهشت ۱۴۰۳"},                                 // untouched
		{ref: "D3", yearly: true, ind: 12, period: "1403", value: ptr(73.5), version: 2, column: "۱۴۰۳"}, // untouched
	} {
		sheet := "ماهانه"
		if tc.yearly {
			sheet = "سالانه"
		}
		var e *Entry
		for i := range up.Entries {
			if up.Entries[i].Sheet == sheet && up.Entries[i].Ref == tc.ref {
				e = &up.Entries[i]
			}
		}
		if e == nil {
			t.Errorf("%s %s: no entry", sheet, tc.ref)
			continue
		}
		if e.IndicatorID != tc.ind || e.Period != tc.period || e.Version != tc.version || e.Column != tc.column ||
			(e.Value == nil) != (tc.value == nil) || e.Value != nil && *e.Value != *tc.value {
			t.Errorf("%s %s: %+v (value %v), want indicator %d period %s version %d column %q value %v",
				sheet, tc.ref, *e, e.Value, tc.ind, tc.period, tc.version, tc.column, tc.value)
		}
	}
	if len(up.Entries) != 9 {
		t.Errorf("%d entries, want 9 (the locked cell is not one): %+v", len(up.Entries), up.Entries)
	}
	checkLayoutKept(t, out)
}

// checkLayoutKept: the file is LibreOffice's, with the changes typed as
// they were made, and still has the key sheet hidden (LibreOffice knows no
// "very hidden": it saves the sheet as merely hidden, which a person can
// show from the sheet tabs' menu), the
// sheets right to left and protected, and the locked cell as it was.
func checkLayoutKept(t *testing.T, xlsx []byte) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(xlsx))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 3 || got[0] != "ماهانه" || got[1] != "سالانه" || got[2] != keySheet {
		t.Errorf("sheets %v", got)
	}
	if v, err := f.GetSheetVisible(keySheet); v || err != nil {
		t.Errorf("the key sheet is visible (%v)", err)
	}
	for _, s := range []string{"ماهانه", "سالانه"} {
		if v, err := f.GetSheetView(s, 0); err != nil || v.RightToLeft == nil || !*v.RightToLeft {
			t.Errorf("%s: not right to left (%v)", s, err)
		}
	}
	if got, _ := f.GetCellValue("ماهانه", "D3"); got != "1200" {
		t.Errorf("the locked cell D3 = %q, want 1200", got)
	}
	// The changes are what they were made as: text stays text.
	for ref, want := range map[string]excelize.CellType{"E3": excelize.CellTypeNumber, "F3": excelize.CellTypeSharedString,
		"D5": excelize.CellTypeSharedString, "E5": excelize.CellTypeNumber} {
		if got, err := f.GetCellType("ماهانه", ref); got != want || err != nil {
			t.Errorf("%s is of type %v, want %v (%v)", ref, got, want, err)
		}
	}
	// excelize has no getter for a sheet's protection: the parts say it.
	zr, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		t.Fatal(err)
	}
	protected, app := 0, ""
	for _, zf := range zr.File {
		if zf.Name != "docProps/app.xml" && !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		x, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if zf.Name == "docProps/app.xml" {
			app = string(x)
		} else if bytes.Contains(x, []byte("<sheetProtection")) {
			protected++
		}
	}
	if !strings.Contains(app, "<Application>LibreOffice") {
		t.Errorf("the file is not LibreOffice's: docProps/app.xml is %q", app)
	}
	if protected < 2 {
		t.Errorf("%d sheets protected in LibreOffice's file, want the two tables", protected)
	}
}
