package sheet

import (
	"bytes"
	"errors"
	"testing"

	"github.com/xuri/excelize/v2"
)

func ptr(v float64) *float64 { return &v }

// grid is a unit's year: a monthly sheet with an indicator that has
// targets and an approved month, another without targets, and a yearly
// sheet.
func grid() Grid {
	months := []Column{{"1403-01", "فروردین ۱۴۰۳"}, {"1403-02", "اردیبهشت ۱۴۰۳"}, {"1403-03", "خرداد ۱۴۰۳"}}
	return Grid{UnitID: 17, UnitName: "ادارهٔ کل استان فارس", Year: 1403,
		Words: Words{Code: "کد", Indicator: "شاخص", Measure: "واحد سنجش", Target: "هدف", Title: "مقادیر ۱۴۰۳"},
		Tables: []Table{
			{Name: "ماهانه", Columns: months, Rows: []Row{
				{IndicatorID: 5, Code: "insured", Name: "بیمه‌شدگان", Measure: "نفر", Cells: []Cell{
					{Value: ptr(1200), Target: ptr(1000), Version: 3, Locked: true},
					{Value: ptr(1300), Target: ptr(1100), Version: 1},
					{Target: ptr(1200)},
				}},
				{IndicatorID: 9, Code: "claims", Name: "پرونده‌ها", Measure: "پرونده", Cells: []Cell{{}, {}, {}}},
			}},
			{Name: "سالانه", Columns: []Column{{"1403", "۱۴۰۳"}}, Rows: []Row{
				{IndicatorID: 12, Code: "coverage", Name: "پوشش", Measure: "درصد", Cells: []Cell{{Value: ptr(73.5), Version: 2}}},
			}},
		}}
}

func written(t *testing.T) *excelize.File {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, grid()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func upload(t *testing.T, f *excelize.File) (*Upload, error) {
	t.Helper()
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return Read(&b)
}

// TestWorkbookLayout: right to left, Persian labels, targets below the
// values, the key sheet hidden, and only open cells unlocked.
func TestWorkbookLayout(t *testing.T) {
	f := written(t)
	if got := f.GetSheetList(); len(got) != 3 || got[0] != "ماهانه" || got[1] != "سالانه" || got[2] != keySheet {
		t.Fatalf("sheets %v", got)
	}
	if v, _ := f.GetSheetVisible(keySheet); v {
		t.Error("the key sheet is visible")
	}
	views, err := f.GetSheetView("ماهانه", 0)
	if err != nil || views.RightToLeft == nil || !*views.RightToLeft {
		t.Errorf("not right to left: %+v %v", views, err)
	}
	for ref, want := range map[string]string{"A1": "مقادیر ۱۴۰۳", "D2": "فروردین ۱۴۰۳", "F2": "خرداد ۱۴۰۳", "B3": "بیمه‌شدگان",
		"B4": "هدف", "D4": "1000", "B5": "پرونده‌ها", "E3": "1300"} {
		if got, _ := f.GetCellValue("ماهانه", ref); got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	locked := func(ref string) bool {
		id, _ := f.GetCellStyle("ماهانه", ref)
		st, _ := f.GetStyle(id)
		return st.Protection == nil || st.Protection.Locked
	}
	for ref, want := range map[string]bool{"D3": true, "E3": false, "F3": false, "D4": true, "B3": true, "D5": false} {
		if locked(ref) != want {
			t.Errorf("%s locked %v, want %v", ref, locked(ref), want)
		}
	}
}

// TestRoundTrip: filled as a person would — Persian digits, a number
// stored as text with separators, a number, a cleared cell — the upload
// reads every open cell with its indicator, period and version.
func TestRoundTrip(t *testing.T) {
	f := written(t)
	f.SetCellStr("ماهانه", "F3", "۱٬۴۵۰")     // Persian digits and separator, as text
	f.SetCellStr("ماهانه", "D5", "1,250")     // a number stored as text
	f.SetCellFloat("ماهانه", "E5", 7, -1, 64) // a number
	f.SetCellValue("ماهانه", "E3", nil)       // cleared
	f.SetCellStr("ماهانه", "D3", "9999")      // locked, approved: not read
	f.SetCellStr("سالانه", "D3", "۷۴٫۲")
	up, err := upload(t, f)
	if err != nil {
		t.Fatal(err)
	}
	if up.UnitID != 17 || up.Year != 1403 {
		t.Errorf("unit %d year %d", up.UnitID, up.Year)
	}
	type key struct {
		ind    int64
		period string
	}
	got := map[key]Entry{}
	for _, e := range up.Entries {
		got[key{e.IndicatorID, e.Period}] = e
	}
	want := map[key]struct {
		v       *float64
		version int
	}{
		{5, "1403-02"}: {nil, 1}, {5, "1403-03"}: {ptr(1450), 0},
		{9, "1403-01"}: {ptr(1250), 0}, {9, "1403-02"}: {ptr(7), 0}, {9, "1403-03"}: {nil, 0},
		{12, "1403"}: {ptr(74.2), 2},
	}
	if len(got) != len(want) {
		t.Errorf("%d entries, want %d: %+v", len(got), len(want), up.Entries)
	}
	for k, w := range want {
		e, ok := got[k]
		if !ok {
			t.Errorf("no entry for %v", k)
			continue
		}
		if (e.Value == nil) != (w.v == nil) || e.Value != nil && *e.Value != *w.v || e.Version != w.version {
			t.Errorf("%v: value %v version %d, want %v %d", k, e.Value, e.Version, w.v, w.version)
		}
	}
	if e := got[key{9, "1403-02"}]; e.Sheet != "ماهانه" || e.Row != 5 || e.Column != "اردیبهشت ۱۴۰۳" || e.Ref != "E5" {
		t.Errorf("the entry's place: %+v", e)
	}
}

// TestBadCells: every cell that is not a number is named, and the cells
// that read come back beside them, for the caller to check too.
func TestBadCells(t *testing.T) {
	f := written(t)
	f.SetCellStr("ماهانه", "F3", "حدود هزار")
	f.SetCellStr("سالانه", "D3", "1e5")
	f.SetCellStr("ماهانه", "D5", "12")
	up, err := upload(t, f)
	var bad Errors
	if !errors.As(err, &bad) || up == nil {
		t.Fatalf("upload %v, error %v", up, err)
	}
	read12 := false
	for _, e := range up.Entries {
		if e.Ref == "F3" && e.Sheet == "ماهانه" || e.Ref == "D3" && e.Sheet == "سالانه" {
			t.Errorf("a cell that did not read came back as read: %+v", e)
		}
		if e.Ref == "D5" && e.Sheet == "ماهانه" {
			read12 = e.Value != nil && *e.Value == 12
		}
	}
	if !read12 {
		t.Error("the cell D5 that read as 12 did not come back")
	}
	if len(bad) != 2 || bad[0].Sheet != "ماهانه" || bad[0].Row != 3 || bad[0].Column != "خرداد ۱۴۰۳" || bad[0].Key != "err.sheet.number" ||
		bad[1].Sheet != "سالانه" || bad[1].Ref != "D3" {
		for _, b := range bad {
			t.Logf("%+v", *b)
		}
		t.Fatal("the bad cells are not named as they are")
	}
}

// TestNotOurs: a workbook without the key sheet, a damaged key, and a
// file that is not a workbook are refused as not this system's.
func TestNotOurs(t *testing.T) {
	f := written(t)
	f.DeleteSheet(keySheet)
	if _, err := upload(t, f); !errors.Is(err, ErrNotOurs) {
		t.Errorf("no key sheet: %v", err)
	}
	f = written(t)
	f.SetCellStr(keySheet, "C2", "x")
	if _, err := upload(t, f); !errors.Is(err, ErrNotOurs) {
		t.Errorf("a damaged key: %v", err)
	}
	f = written(t)
	f.SetSheetName("ماهانه", "دیگر")
	if _, err := upload(t, f); !errors.Is(err, ErrNotOurs) {
		t.Errorf("a renamed sheet: %v", err)
	}
	if _, err := Read(bytes.NewReader([]byte("PK not really"))); !errors.Is(err, ErrNotOurs) {
		t.Errorf("not a workbook: %v", err)
	}
}
