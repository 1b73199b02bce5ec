package sheet

import (
	"bytes"
	"errors"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestTargetsRoundTrip: an indicator's targets, a unit a row and a period
// a column, read back after a person typed into the sheet — each cell's
// unit and period from the key sheet, whatever the labels say; a values
// workbook is not a targets one, nor the other way round.
func TestTargetsRoundTrip(t *testing.T) {
	tg := Targets{IndicatorID: 4, Sheet: "اهداف",
		Words:   Words{Code: "کد", Indicator: "واحد", Measure: "نوع", Title: "اهداف"},
		Columns: []Column{{"1404", "۱۴۰۴"}, {"1405", "۱۴۰۵"}},
		Rows: []TargetRow{
			{UnitID: 1, Code: "sso", Name: "سازمان", Kind: "سازمان", Values: []*float64{ptr(80), nil}},
			{UnitID: 7, Code: "prov-fars", Name: "ادارهٔ کل استان فارس", Kind: "استان", Values: []*float64{nil, nil}},
		}}
	var b bytes.Buffer
	if err := WriteTargets(&b, tg); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := f.GetCellValue("اهداف", "D3"); v != "80" {
		t.Errorf("D3 (the organization's 1404) = %q", v)
	}
	f.SetCellValue("اهداف", "E4", "۷۵٫۵")
	f.SetCellValue("اهداف", "B4", "label changed")
	var out bytes.Buffer
	f.Write(&out)
	up, err := ReadTargets(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if up.IndicatorID != 4 || len(up.Entries) != 4 {
		t.Fatalf("read back indicator %d, %d cells", up.IndicatorID, len(up.Entries))
	}
	got := map[string]*float64{}
	for _, e := range up.Entries {
		got[string(rune('0'+e.UnitID))+e.Period] = e.Value
	}
	if v := got["71405"]; v == nil || *v != 75.5 {
		t.Errorf("prov-fars 1405: %v", v)
	}
	if v := got["11404"]; v == nil || *v != 80 {
		t.Errorf("the organization's 1404: %v", v)
	}
	if got["71404"] != nil {
		t.Errorf("an empty cell read as %v", *got["71404"])
	}
	if _, err := Read(bytes.NewReader(out.Bytes())); !errors.Is(err, ErrNotOurs) {
		t.Errorf("a targets workbook read as values: %v", err)
	}
	f = written(t)
	var vb bytes.Buffer
	f.Write(&vb)
	if _, err := ReadTargets(&vb); !errors.Is(err, ErrNotOurs) {
		t.Errorf("a values workbook read as targets: %v", err)
	}
}
