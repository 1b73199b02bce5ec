package export

import (
	"encoding/csv"
	"io"
	"strconv"
)

// utf8BOM starts a CSV file: without it Excel reads UTF-8 as the local
// code page and Persian comes out garbled.
const utf8BOM = "\uFEFF"

// csvWriter writes a table as CSV: UTF-8 with a BOM, CRLF line ends as
// RFC 4180 and Excel expect, the header on the first line.
type csvWriter struct {
	t   Table
	out *csv.Writer
	n   int
	cut bool
}

func newCSV(w io.Writer, t Table) (*csvWriter, error) {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return nil, err
	}
	c := &csvWriter{t: t, out: csv.NewWriter(w)}
	c.out.UseCRLF = true
	head := t.headers()
	for i, h := range head {
		head[i] = Neutralize(h)
	}
	return c, c.out.Write(head)
}

func (c *csvWriter) Write(cells ...any) error {
	if err := checkRow(c.t, cells); err != nil {
		return err
	}
	if c.n >= c.t.limit() {
		c.cut = true
		return ErrFull
	}
	rec := make([]string, 0, len(cells)+1)
	for i, col := range c.t.Columns {
		switch col.Kind {
		case Number, Percent:
			x, ok, err := number(cells[i])
			if err != nil {
				return err
			}
			s := ""
			if ok {
				s = strconv.FormatFloat(x, 'f', -1, 64)
			}
			rec = append(rec, s)
		case Date:
			d, ok, err := date(cells[i])
			if err != nil {
				return err
			}
			if ok {
				rec = append(rec, jalaliText(d, c.t.PersianDigits), d.Format("2006-01-02"))
			} else {
				rec = append(rec, "", "")
			}
		default:
			rec = append(rec, text(cells[i]))
		}
	}
	c.n++
	return c.out.Write(rec)
}

// Close ends the file, with the cut note as a last row padded to the
// header's width, so that the file stays rectangular.
func (c *csvWriter) Close() error {
	if c.cut && c.t.CutNote != "" {
		rec := make([]string, len(c.t.headers()))
		rec[0] = Neutralize(c.t.CutNote)
		if err := c.out.Write(rec); err != nil {
			return err
		}
	}
	c.out.Flush()
	return c.out.Error()
}
