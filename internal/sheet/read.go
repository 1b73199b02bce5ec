package sheet

import (
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"payesh/internal/jalali"
)

// Bounds on an upload: a national grid is a few thousand cells, and a
// crafted file must not unpack into gigabytes.
const (
	MaxEntries   = 20000
	unzipLimit   = 64 << 20
	unzipXMLPart = 16 << 20
)

// ErrNotOurs is a workbook Payesh did not make (or whose key sheet was
// removed): there is no telling which cell is which.
var ErrNotOurs = errors.New("sheet: not a values workbook of this system")

// Read reads an uploaded workbook: every cell that may be changed with
// what it holds now. Cells that do not read as numbers are returned
// together as Errors, each with its place, beside the upload of the cells
// that did read; a workbook that is not ours returns no upload.
func Read(r io.Reader) (*Upload, error) { return read(r, keyMagic) }

// read reads a workbook whose key sheet begins with magic. The upload's
// UnitID and Year are the key sheet's id and year.
func read(r io.Reader, magic string) (*Upload, error) {
	f, err := excelize.OpenReader(r, excelize.Options{RawCellValue: true, UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLPart})
	if err != nil {
		return nil, ErrNotOurs
	}
	defer f.Close()
	rows, err := f.GetRows(keySheet, excelize.Options{RawCellValue: true})
	if err != nil || len(rows) == 0 || len(rows[0]) < 3 || rows[0][0] != magic {
		return nil, ErrNotOurs
	}
	up := &Upload{}
	if up.UnitID, err = strconv.ParseInt(rows[0][1], 10, 64); err != nil {
		return nil, ErrNotOurs
	}
	if up.Year, err = strconv.Atoi(rows[0][2]); err != nil {
		return nil, ErrNotOurs
	}
	if len(rows)-1 > MaxEntries {
		return nil, ErrNotOurs
	}
	var bad Errors
	headers := map[string]string{} // sheet + column letter → label
	for _, k := range rows[1:] {
		e, cerr, err := readEntry(f, k, headers)
		if err != nil {
			return nil, err
		}
		if cerr != nil {
			bad = append(bad, cerr)
			continue
		}
		up.Entries = append(up.Entries, *e)
	}
	if len(bad) > 0 {
		// The cells that did read come back too, so that the caller can
		// check them as well and name every cell to correct at once.
		return up, bad
	}
	return up, nil
}

// readEntry reads the cell one key row names.
func readEntry(f *excelize.File, k []string, headers map[string]string) (*Entry, *CellError, error) {
	if len(k) < 5 {
		return nil, nil, ErrNotOurs
	}
	e := &Entry{Sheet: k[0], Ref: k[1], Period: k[3]}
	col, row, err := excelize.CellNameToCoordinates(e.Ref)
	if err != nil {
		return nil, nil, ErrNotOurs
	}
	if e.IndicatorID, err = strconv.ParseInt(k[2], 10, 64); err != nil {
		return nil, nil, ErrNotOurs
	}
	if e.Version, err = strconv.Atoi(k[4]); err != nil {
		return nil, nil, ErrNotOurs
	}
	if _, err := jalali.ParsePeriod(e.Period); err != nil {
		return nil, nil, ErrNotOurs
	}
	e.Row = row
	e.Column = header(f, e.Sheet, col, headers)
	raw, err := f.GetCellValue(e.Sheet, e.Ref, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, nil, ErrNotOurs // the sheet was renamed or removed
	}
	if raw = strings.TrimSpace(raw); raw == "" {
		return e, nil, nil
	}
	v, ok := jalali.ParseDecimal(raw)
	if !ok {
		return nil, &CellError{Sheet: e.Sheet, Row: e.Row, Column: e.Column, Ref: e.Ref, Key: "err.sheet.number"}, nil
	}
	e.Value = &v
	return e, nil, nil
}

// header returns the label of a column of a table sheet, read once.
func header(f *excelize.File, sheet string, col int, seen map[string]string) string {
	key := sheet + "\x00" + strconv.Itoa(col)
	if h, ok := seen[key]; ok {
		return h
	}
	ref, _ := excelize.CoordinatesToCellName(col, headerRow)
	h, _ := f.GetCellValue(sheet, ref)
	seen[key] = h
	return h
}
