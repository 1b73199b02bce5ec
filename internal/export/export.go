// Package export writes the tables people put in briefings — the work
// list, a unit's or a clause's work, the scorecard, the province
// comparison, a round's summary — as an Excel workbook (XLSX) or a CSV
// file. A caller describes a Table in the reader's language (a title,
// typed columns) and streams its rows into a Writer; this package lays
// them out and translates nothing, as internal/sheet does for the values
// grid.
//
// Both formats guard against formula injection: a text cell that begins
// with = + - @, a tab or a carriage return gets an apostrophe in front
// (Neutralize), so that a title someone typed as "=HYPERLINK(…)" is read,
// not run, in Excel or LibreOffice — also after a workbook is saved again
// as CSV. Numbers and dates are written as numbers and stay numbers.
package export

import (
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	"payesh/internal/jalali"
)

// Format is a file format an export is written in.
type Format string

const (
	XLSX Format = "xlsx"
	CSV  Format = "csv"
)

// ParseFormat reads ?format=: "xlsx" or "csv"; "" is no export (the page
// or the JSON), and ok is false for anything else.
func ParseFormat(s string) (f Format, ok bool) {
	switch Format(s) {
	case "", XLSX, CSV:
		return Format(s), true
	}
	return "", false
}

// ContentType is the media type a format is served as.
func (f Format) ContentType() string {
	if f == CSV {
		return "text/csv; charset=utf-8"
	}
	return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
}

// MaxRows bounds an export: the national work list can hold 100,000
// items, and a file is built in one request. A writer refuses a row past
// it (ErrFull), and says in the file that it was cut (Table.CutNote).
const MaxRows = 100_000

// ErrFull is returned by Writer.Write for a row past the table's limit.
var ErrFull = errors.New("export: row limit reached")

// Kind is what a column holds, which decides how its cells are written.
type Kind int

const (
	// Text is a string, neutralized (Neutralize).
	Text Kind = iota
	// Number is a float64 or an integer, written as a number.
	Number
	// Percent is a percentage as the application keeps it (42 means
	// 42 %): a percent-formatted 0.42 in a workbook, 42 in CSV.
	Percent
	// Date is a calendar date (time.Time, or anything with a Time method
	// such as payesh.Date; the zero time is no date). It takes two
	// columns: the Jalali date as text («۱۴۰۳/۰۷/۱۵»), and the Gregorian
	// date — a real date cell in a workbook, ISO 8601 in CSV — that a
	// spreadsheet sorts and filters by.
	Date
)

// Column is one column of a table.
type Column struct {
	Header string
	Kind   Kind
	// DateHeader heads a Date column's Gregorian column.
	DateHeader string
	// Width is the column's width in a workbook, in characters; zero
	// takes the kind's default.
	Width float64
}

// Table is what an export holds, apart from its rows.
type Table struct {
	// Sheet names the workbook's sheet (at most 31 characters; Excel
	// refuses some characters, which are replaced).
	Sheet string
	// Title and Notes head a workbook, above the column headers: what
	// the table is, for whom, on which basis, which filters. CSV leaves
	// them out so that its first line is the header a program reads;
	// what a row needs to be read (a basis, a unit) is a column of its
	// own.
	Title string
	Notes []string
	// CutNote is written as the last row, in both formats, when rows
	// were refused past the limit: "the first 100,000 rows only".
	CutNote string
	Columns []Column
	// RTL lays the sheet out right to left (Persian).
	RTL bool
	// PersianDigits writes Jalali dates in Persian digits.
	PersianDigits bool
	// Limit is how many rows the writer takes; zero is MaxRows.
	Limit int
}

func (t Table) limit() int {
	if t.Limit <= 0 || t.Limit > MaxRows {
		return MaxRows
	}
	return t.Limit
}

// headers are the header cells, a Date column giving two.
func (t Table) headers() []string {
	var out []string
	for _, c := range t.Columns {
		out = append(out, c.Header)
		if c.Kind == Date {
			out = append(out, c.DateHeader)
		}
	}
	return out
}

// Writer takes a table's rows, one cell per column, and finishes the
// file on Close.
type Writer interface {
	// Write adds a row. It returns ErrFull, and writes nothing, past the
	// table's limit.
	Write(cells ...any) error
	// Close finishes the file; nothing may be written after it.
	Close() error
}

// New writes t as f to w.
func New(f Format, w io.Writer, t Table) (Writer, error) {
	switch f {
	case CSV:
		return newCSV(w, t)
	case XLSX:
		return newXLSX(w, t)
	}
	return nil, fmt.Errorf("export: unknown format %q", f)
}

// number reads a Number or Percent cell: ok is false for an empty one
// (nil, a nil pointer, NaN or an infinity, which no spreadsheet holds).
func number(v any) (float64, bool, error) {
	var x float64
	switch v := v.(type) {
	case nil:
		return 0, false, nil
	case float64:
		x = v
	case *float64:
		if v == nil {
			return 0, false, nil
		}
		x = *v
	case int:
		x = float64(v)
	case int64:
		x = float64(v)
	default:
		return 0, false, fmt.Errorf("export: %T is not a number", v)
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, false, nil
	}
	return x, true, nil
}

// date reads a Date cell as its calendar day at 00:00 UTC; ok is false
// for none.
func date(v any) (time.Time, bool, error) {
	var t time.Time
	switch v := v.(type) {
	case nil:
		return t, false, nil
	case time.Time:
		t = v
	case interface{ Time() time.Time }:
		t = v.Time()
	default:
		return t, false, fmt.Errorf("export: %T is not a date", v)
	}
	if t.IsZero() {
		return t, false, nil
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true, nil
}

// text reads a Text cell: a string, or anything printable.
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return Neutralize(v)
	case fmt.Stringer:
		return Neutralize(v.String())
	}
	return Neutralize(fmt.Sprint(v))
}

// jalaliText is a day as Jalali text, "1403/07/15" or «۱۴۰۳/۰۷/۱۵»; ""
// outside the calendar's range.
func jalaliText(t time.Time, persian bool) string {
	j := jalali.FromTime(t)
	if j.IsZero() {
		return ""
	}
	if persian {
		return j.Persian()
	}
	return j.String()
}

// checkRow refuses a row whose cells do not match the columns: a
// programming error, not a reader's.
func checkRow(t Table, cells []any) error {
	if len(cells) != len(t.Columns) {
		return fmt.Errorf("export: %d cells for %d columns", len(cells), len(t.Columns))
	}
	return nil
}
