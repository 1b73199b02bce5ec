package sheet

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// keySheet is the hidden sheet that maps cells to indicators and periods.
// Its first row says what the workbook is; each further row is one cell
// that may be changed: sheet, cell, indicator, period, version.
const (
	keySheet = "_payesh"
	keyMagic = "payesh-values/1"
)

// Layout of a table sheet: a title row, a header row, then per indicator
// a row of values and, below it, a row of its targets.
const (
	titleRow   = 1
	headerRow  = 2
	firstRow   = 3
	firstValue = 4 // column D: after code, indicator and measure
)

// styles are the workbook's cell formats.
type styles struct {
	title, header, label, value, locked, target int
}

// Write writes g as an .xlsx workbook.
func Write(w io.Writer, g Grid) error { return write(w, g, keyMagic, g.UnitID, g.Year) }

// write lays out g's tables and the key sheet, whose first row is magic,
// id and year: what the workbook is, and of what.
func write(w io.Writer, g Grid, magic string, id int64, year int) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	keys := [][]any{{magic, strconv.FormatInt(id, 10), strconv.Itoa(year)}}
	for i, t := range g.Tables {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", t.Name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(t.Name); err != nil {
			return err
		}
		k, err := writeTable(f, st, g, t)
		if err != nil {
			return fmt.Errorf("sheet %s: %w", t.Name, err)
		}
		keys = append(keys, k...)
	}
	if err := writeKeys(f, keys); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

func newStyles(f *excelize.File) (*styles, error) {
	rtl := &excelize.Alignment{ReadingOrder: 2, Vertical: "center", WrapText: true}
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EEF2F5"}}
	border := []excelize.Border{{Type: "left", Color: "D5DDE5", Style: 1}, {Type: "right", Color: "D5DDE5", Style: 1},
		{Type: "top", Color: "D5DDE5", Style: 1}, {Type: "bottom", Color: "D5DDE5", Style: 1}}
	unlocked := &excelize.Protection{Locked: false}
	defs := []*excelize.Style{
		{Font: &excelize.Font{Bold: true, Size: 13}, Alignment: rtl},
		{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"074257"}},
			Alignment: &excelize.Alignment{ReadingOrder: 2, Horizontal: "center", Vertical: "center", WrapText: true}, Border: border},
		{Alignment: rtl, Border: border},
		{Border: border, Protection: unlocked, NumFmt: 0, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFFBEA"}}},
		{Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E4F4EA"}}},
		{Border: border, Fill: grey, Font: &excelize.Font{Italic: true, Color: "52606D"}},
	}
	ids := make([]int, len(defs))
	for i, d := range defs {
		id, err := f.NewStyle(d)
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	return &styles{title: ids[0], header: ids[1], label: ids[2], value: ids[3], locked: ids[4], target: ids[5]}, nil
}

// writeTable lays out one sheet and returns the key rows of its cells
// that may be changed.
func writeTable(f *excelize.File, st *styles, g Grid, t Table) ([][]any, error) {
	s := t.Name
	rtl := true
	if err := f.SetSheetView(s, 0, &excelize.ViewOptions{RightToLeft: &rtl}); err != nil {
		return nil, err
	}
	set := func(col, row int, v any, style int) error {
		ref, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		if err := f.SetCellValue(s, ref, v); err != nil {
			return err
		}
		return f.SetCellStyle(s, ref, ref, style)
	}
	if err := set(1, titleRow, g.Words.Title, st.title); err != nil {
		return nil, err
	}
	for i, h := range []string{g.Words.Code, g.Words.Indicator, g.Words.Measure} {
		if err := set(i+1, headerRow, h, st.header); err != nil {
			return nil, err
		}
	}
	for i, c := range t.Columns {
		if err := set(firstValue+i, headerRow, c.Label, st.header); err != nil {
			return nil, err
		}
	}
	var keys [][]any
	row := firstRow
	for _, r := range t.Rows {
		k, hasTargets, err := writeRow(f, st, s, row, g.Words, t.Columns, r)
		if err != nil {
			return nil, err
		}
		keys = append(keys, k...)
		row++
		if hasTargets {
			row++
		}
	}
	if err := sheetFrame(f, s, len(t.Columns)); err != nil {
		return nil, err
	}
	return keys, nil
}

// writeRow writes an indicator's values at row and, when it has any, its
// targets in the row below.
func writeRow(f *excelize.File, st *styles, s string, row int, words Words, cols []Column, r Row) ([][]any, bool, error) {
	var keys [][]any
	put := func(col, row int, v any, style int) (string, error) {
		ref, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return "", err
		}
		if v != nil {
			if err := f.SetCellValue(s, ref, v); err != nil {
				return "", err
			}
		}
		return ref, f.SetCellStyle(s, ref, ref, style)
	}
	for i, v := range []string{r.Code, r.Name, r.Measure} {
		if _, err := put(i+1, row, v, st.label); err != nil {
			return nil, false, err
		}
	}
	hasTargets := false
	for i, c := range r.Cells {
		var v any
		if c.Value != nil {
			v = *c.Value
		}
		style := st.value
		if c.Locked {
			style = st.locked
		}
		ref, err := put(firstValue+i, row, v, style)
		if err != nil {
			return nil, false, err
		}
		if !c.Locked {
			keys = append(keys, []any{s, ref, strconv.FormatInt(r.IndicatorID, 10), cols[i].Period, strconv.Itoa(c.Version)})
		}
		hasTargets = hasTargets || c.Target != nil
	}
	if !hasTargets {
		return keys, false, nil
	}
	if _, err := put(2, row+1, words.Target, st.target); err != nil {
		return nil, false, err
	}
	for _, col := range []int{1, 3} {
		if _, err := put(col, row+1, nil, st.target); err != nil {
			return nil, false, err
		}
	}
	for i, c := range r.Cells {
		var v any
		if c.Target != nil {
			v = *c.Target
		}
		if _, err := put(firstValue+i, row+1, v, st.target); err != nil {
			return nil, false, err
		}
	}
	return keys, true, nil
}

// sheetFrame sizes the columns, keeps the header and the indicator in
// view, and protects every cell but the values that may be changed: the
// protection has no password — it guards against slips, and the upload
// trusts only the hidden key sheet, whatever was unprotected.
func sheetFrame(f *excelize.File, s string, periods int) error {
	widths := map[string]float64{"A": 14, "B": 42, "C": 12}
	for col, w := range widths {
		if err := f.SetColWidth(s, col, col, w); err != nil {
			return err
		}
	}
	if periods > 0 {
		first, _ := excelize.ColumnNumberToName(firstValue)
		last, _ := excelize.ColumnNumberToName(firstValue + periods - 1)
		if err := f.SetColWidth(s, first, last, 14); err != nil {
			return err
		}
	}
	top, _ := excelize.CoordinatesToCellName(firstValue, firstRow)
	if err := f.SetPanes(s, &excelize.Panes{Freeze: true, XSplit: firstValue - 1, YSplit: headerRow, TopLeftCell: top, ActivePane: "bottomRight"}); err != nil {
		return err
	}
	return f.ProtectSheet(s, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true,
		FormatColumns: true, FormatRows: true})
}

// writeKeys writes the hidden key sheet.
func writeKeys(f *excelize.File, keys [][]any) error {
	if _, err := f.NewSheet(keySheet); err != nil {
		return err
	}
	for i, k := range keys {
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(keySheet, ref, &k); err != nil {
			return err
		}
	}
	return f.SetSheetVisible(keySheet, false, true)
}
