package export

import (
	"io"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxWriter writes a table as a workbook of one sheet, through excelize's
// stream writer, which keeps the rows on disk past a few megabytes
// rather than in memory: a title row, the notes under it, the header row
// — bold, frozen with everything above it, and with a filter — then the
// rows. Nothing reaches the output before Close.
type xlsxWriter struct {
	out    io.Writer
	t      Table
	f      *excelize.File
	sw     *excelize.StreamWriter
	sheet  string
	st     xlsxStyles
	header int // the header row's number
	row    int // the last row written
	n      int
	cut    bool
	width  int // columns in the sheet, a Date column counting two
}

type xlsxStyles struct {
	title, note, header, text, jalali, integer, decimal, percent, date int
}

func newXLSX(w io.Writer, t Table) (*xlsxWriter, error) {
	x := &xlsxWriter{out: w, t: t, f: excelize.NewFile(), sheet: sheetName(t.Sheet), width: len(t.headers())}
	if err := x.start(); err != nil {
		x.f.Close()
		return nil, err
	}
	return x, nil
}

// start names the sheet, sets its direction, styles, widths and panes —
// all of which the stream writer takes only before the first row — and
// writes the title, the notes and the header.
func (x *xlsxWriter) start() error {
	f := x.f
	if err := f.SetSheetName("Sheet1", x.sheet); err != nil {
		return err
	}
	rtl := x.t.RTL
	if err := f.SetSheetView(x.sheet, 0, &excelize.ViewOptions{RightToLeft: &rtl}); err != nil {
		return err
	}
	var err error
	if x.st, err = newXLSXStyles(f, x.t.RTL); err != nil {
		return err
	}
	if x.sw, err = f.NewStreamWriter(x.sheet); err != nil {
		return err
	}
	col := 1
	for _, c := range x.t.Columns {
		w := c.Width
		if w <= 0 {
			w = defaultWidth[c.Kind]
		}
		if err := x.sw.SetColWidth(col, col, w); err != nil {
			return err
		}
		if c.Kind == Date {
			col++
			if err := x.sw.SetColWidth(col, col, defaultWidth[Date]); err != nil {
				return err
			}
		}
		col++
	}
	x.header = 2 + len(x.t.Notes)
	first, _ := excelize.CoordinatesToCellName(1, x.header+1)
	if err := x.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: x.header, TopLeftCell: first, ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := x.line(excelize.Cell{StyleID: x.st.title, Value: Neutralize(x.t.Title)}); err != nil {
		return err
	}
	for _, n := range x.t.Notes {
		if err := x.line(excelize.Cell{StyleID: x.st.note, Value: Neutralize(n)}); err != nil {
			return err
		}
	}
	head := x.t.headers()
	cells := make([]any, len(head))
	for i, h := range head {
		cells[i] = excelize.Cell{StyleID: x.st.header, Value: Neutralize(h)}
	}
	return x.line(cells...)
}

// defaultWidth is a column's width by kind, in characters; a Date's
// Gregorian column takes Date's too.
var defaultWidth = map[Kind]float64{Text: 30, Number: 12, Percent: 10, Date: 12}

// line writes the next row.
func (x *xlsxWriter) line(cells ...any) error {
	x.row++
	ref, err := excelize.CoordinatesToCellName(1, x.row)
	if err != nil {
		return err
	}
	return x.sw.SetRow(ref, cells)
}

func (x *xlsxWriter) Write(cells ...any) error {
	if err := checkRow(x.t, cells); err != nil {
		return err
	}
	if x.n >= x.t.limit() {
		x.cut = true
		return ErrFull
	}
	row := make([]any, 0, x.width)
	for i, col := range x.t.Columns {
		switch col.Kind {
		case Number, Percent:
			v, ok, err := number(cells[i])
			if err != nil {
				return err
			}
			switch {
			case !ok:
				row = append(row, nil)
			case col.Kind == Percent:
				row = append(row, excelize.Cell{StyleID: x.st.percent, Value: v / 100})
			case v == math.Trunc(v) && math.Abs(v) < 1e15:
				row = append(row, excelize.Cell{StyleID: x.st.integer, Value: v})
			default:
				row = append(row, excelize.Cell{StyleID: x.st.decimal, Value: v})
			}
		case Date:
			d, ok, err := date(cells[i])
			if err != nil {
				return err
			}
			if ok {
				row = append(row, excelize.Cell{StyleID: x.st.jalali, Value: jalaliText(d, x.t.PersianDigits)},
					excelize.Cell{StyleID: x.st.date, Value: d})
			} else {
				row = append(row, nil, nil)
			}
		default:
			row = append(row, excelize.Cell{StyleID: x.st.text, Value: text(cells[i])})
		}
	}
	x.n++
	return x.line(row...)
}

// Close writes the cut note if rows were refused, puts a filter on the
// header, and writes the workbook out.
func (x *xlsxWriter) Close() error {
	defer x.f.Close()
	last := x.row
	if x.cut && x.t.CutNote != "" {
		x.row++ // a blank row keeps the note out of the filter's range
		if err := x.line(excelize.Cell{StyleID: x.st.note, Value: Neutralize(x.t.CutNote)}); err != nil {
			return err
		}
	}
	if x.width > 0 {
		from, _ := excelize.CoordinatesToCellName(1, x.header)
		to, _ := excelize.CoordinatesToCellName(x.width, max(last, x.header+1))
		if err := x.f.AutoFilter(x.sheet, from+":"+to, nil); err != nil {
			return err
		}
	}
	if err := x.sw.Flush(); err != nil {
		return err
	}
	_, err := x.f.WriteTo(x.out)
	return err
}

// Formats of the number cells: thousands grouped; a whole number without
// decimals, a fraction with two; percentages with one; dates as ISO, which
// reads the same in every locale.
const (
	fmtInteger = 3 // #,##0
	fmtDecimal = 4 // #,##0.00
)

var (
	fmtPercent = "0.0%"
	fmtDate    = "yyyy-mm-dd"
)

func newXLSXStyles(f *excelize.File, rtl bool) (xlsxStyles, error) {
	order := 1 // left to right
	if rtl {
		order = 2
	}
	border := []excelize.Border{{Type: "left", Color: "D5DDE5", Style: 1}, {Type: "right", Color: "D5DDE5", Style: 1},
		{Type: "top", Color: "D5DDE5", Style: 1}, {Type: "bottom", Color: "D5DDE5", Style: 1}}
	defs := []*excelize.Style{
		{Font: &excelize.Font{Bold: true, Size: 13}, Alignment: &excelize.Alignment{ReadingOrder: uint64(order)}},
		{Font: &excelize.Font{Italic: true, Color: "52606D"}, Alignment: &excelize.Alignment{ReadingOrder: uint64(order)}},
		{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"074257"}},
			Alignment: &excelize.Alignment{ReadingOrder: uint64(order), Horizontal: "center", Vertical: "center", WrapText: true}, Border: border},
		{Alignment: &excelize.Alignment{ReadingOrder: uint64(order), Vertical: "top"}, Border: border},
		{Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}, Border: border},
		{NumFmt: fmtInteger, Border: border, Alignment: &excelize.Alignment{Vertical: "top"}},
		{NumFmt: fmtDecimal, Border: border, Alignment: &excelize.Alignment{Vertical: "top"}},
		{CustomNumFmt: &fmtPercent, Border: border, Alignment: &excelize.Alignment{Vertical: "top"}},
		{CustomNumFmt: &fmtDate, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}},
	}
	ids := make([]int, len(defs))
	for i, d := range defs {
		id, err := f.NewStyle(d)
		if err != nil {
			return xlsxStyles{}, err
		}
		ids[i] = id
	}
	return xlsxStyles{title: ids[0], note: ids[1], header: ids[2], text: ids[3], jalali: ids[4],
		integer: ids[5], decimal: ids[6], percent: ids[7], date: ids[8]}, nil
}

// sheetName makes a name Excel accepts: none of : \ / ? * [ ], no
// apostrophe at either end, at most 31 characters, not empty.
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return ' '
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	s = strings.TrimSpace(strings.Trim(s, "'"))
	if s == "" {
		return "Sheet1"
	}
	return s
}

func (x *xlsxWriter) discard() { x.f.Close() }
