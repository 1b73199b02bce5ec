// Package sheet writes a unit's values grid as an Excel workbook and reads
// it back. Every Iranian office fills its numbers in Excel; a provincial
// directorate downloads its grid, fills it in Excel or LibreOffice, and
// uploads it. The workbook is right-to-left, in Persian, with a sheet per
// reporting frequency; a hidden sheet carries what makes the round trip
// exact — which indicator and period each cell is, and the version of the
// value it held — so that the upload saves against what was downloaded,
// as the web grid does, and nothing depends on the visible labels.
package sheet

// Grid is one unit's values of one Jalali year, as the workbook shows
// them.
type Grid struct {
	UnitID   int64
	UnitName string
	Year     int
	Tables   []Table // a sheet each, by frequency
	Words    Words   // the workbook's labels, in the user's language
}

// Words are the labels the workbook writes, in the user's language: the
// caller translates, this package only lays them out.
type Words struct {
	Code, Indicator, Measure, Target string
	Title                            string // "مقادیر شاخص‌های اداره کل … — ۱۴۰۳"
	Locked                           string // the note on a cell that cannot be changed
}

// Table is one sheet: the periods of one frequency as columns and an
// indicator a row, with the indicator's targets in a row below it.
type Table struct {
	Name    string   // the sheet's name: «ماهانه»
	Columns []Column // the periods
	Rows    []Row
}

// Column is one period: its code ("1403-07") and its label («مهر ۱۴۰۳»).
type Column struct {
	Period, Label string
}

// Row is one indicator and its cells, one per column.
type Row struct {
	IndicatorID         int64
	Code, Name, Measure string
	Cells               []Cell
}

// Cell is one period's value of one indicator.
type Cell struct {
	Value   *float64
	Target  *float64
	Version int  // of the saved value; 0 when there is none
	Locked  bool // approved, or a period not begun: shown, not to be changed
}

// Entry is one cell of an uploaded workbook that may be changed: the
// indicator and period it is, the version its value had when the workbook
// was made, and what it holds now (nil when empty). Sheet, Row and Column
// name it for a message about it.
type Entry struct {
	IndicatorID int64
	Period      string
	Version     int
	Value       *float64
	Sheet       string
	Row         int    // 1-based, as Excel shows it
	Column      string // the column's label
	Ref         string // "E7"
}

// Upload is what an uploaded workbook holds.
type Upload struct {
	UnitID  int64
	Year    int
	Entries []Entry
}

// CellError names a cell that does not read: its place and what is wrong,
// as a message key the caller translates.
type CellError struct {
	Sheet  string
	Row    int
	Column string
	Ref    string
	Key    string
}

func (e *CellError) Error() string {
	return "sheet " + e.Sheet + ", cell " + e.Ref + ": " + e.Key
}

// Errors are every cell of a workbook that does not read.
type Errors []*CellError

func (e Errors) Error() string {
	if len(e) == 1 {
		return e[0].Error()
	}
	return e[0].Error() + " (and more)"
}

// ContentType is the media type of an XLSX workbook.
const ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
