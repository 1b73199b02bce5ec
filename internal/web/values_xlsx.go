package web

import (
	"bytes"
	"fmt"
	"io"
	"net/http"

	"payesh"
	"payesh/internal/sheet"
	"payesh/internal/valuebook"
)

// valuesXLSX answers GET /values.xlsx: the grid the page shows (the same
// unit, year, indicator or axis), as a workbook to fill in Excel or
// LibreOffice and upload (internal/valuebook).
func (s *server) valuesXLSX(w http.ResponseWriter, r *http.Request) error {
	d, _, err := s.valuesLoad(r, r.URL.Query(), true)
	if err != nil {
		return err
	}
	var inds []*payesh.Indicator
	for _, t := range d.Tables {
		for _, row := range t.Rows {
			inds = append(inds, row.Indicator)
		}
	}
	g, err := valuebook.Build(r.Context(), s.Indicators, d.Unit, inds, d.Year, d.today, d.lang)
	if err != nil {
		return err
	}
	return sendWorkbook(w, fmt.Sprintf("values-%s-%d.xlsx", d.Unit.Code, d.Year), func(out io.Writer) error { return sheet.Write(out, g) })
}

// sendWorkbook sends the workbook write makes as a download, made whole
// before the first byte goes out so that a failure is an error page.
func sendWorkbook(w http.ResponseWriter, name string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", sheet.ContentType)
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, name))
	h.Set("Cache-Control", "private, no-store")
	_, err := buf.WriteTo(w)
	return err
}
