package sheet

import (
	"io"
)

// targetsMagic heads the key sheet of a targets workbook.
const targetsMagic = "payesh-targets/1"

// Targets is one indicator's targets as a workbook: a unit a row, a
// period a column, on one sheet. It is laid out as a values grid is —
// the same styles, protection and hidden key sheet — with units where
// the grid has indicators.
type Targets struct {
	IndicatorID int64
	Sheet       string // the sheet's name: «اهداف»
	Words       Words  // Code, Indicator (the unit's column), Measure (its kind), Title
	Columns     []Column
	Rows        []TargetRow
}

// TargetRow is one unit and its targets, one per column (nil: none set).
type TargetRow struct {
	UnitID           int64
	Code, Name, Kind string
	Values           []*float64
}

// TargetEntry is one cell of an uploaded targets workbook: the unit and
// period it is and what it holds (nil when empty), with its place.
type TargetEntry struct {
	UnitID int64
	Period string
	Value  *float64
	Sheet  string
	Row    int
	Column string
	Ref    string
}

// TargetUpload is what an uploaded targets workbook holds.
type TargetUpload struct {
	IndicatorID int64
	Entries     []TargetEntry
}

// WriteTargets writes t as an .xlsx workbook. Every cell is open: only
// those who configure indicators get it, and a target is theirs to set.
func WriteTargets(w io.Writer, t Targets) error {
	table := Table{Name: t.Sheet, Columns: t.Columns}
	for _, r := range t.Rows {
		// The grid's row is keyed by an indicator; here by the unit.
		row := Row{IndicatorID: r.UnitID, Code: r.Code, Name: r.Name, Measure: r.Kind}
		for _, v := range r.Values {
			row.Cells = append(row.Cells, Cell{Value: v})
		}
		table.Rows = append(table.Rows, row)
	}
	return write(w, Grid{Words: t.Words, Tables: []Table{table}}, targetsMagic, t.IndicatorID, 0)
}

// ReadTargets reads an uploaded targets workbook, as Read does a values
// workbook: cells that do not read as numbers come back as Errors.
func ReadTargets(r io.Reader) (*TargetUpload, error) {
	up, err := read(r, targetsMagic)
	if up == nil {
		return nil, err
	}
	out := &TargetUpload{IndicatorID: up.UnitID, Entries: make([]TargetEntry, len(up.Entries))}
	for n, e := range up.Entries {
		out.Entries[n] = TargetEntry{UnitID: e.IndicatorID, Period: e.Period, Value: e.Value,
			Sheet: e.Sheet, Row: e.Row, Column: e.Column, Ref: e.Ref}
	}
	return out, err
}
