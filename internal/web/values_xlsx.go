package web

import (
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
	return sheet.Send(w, fmt.Sprintf("values-%s-%d.xlsx", d.Unit.Code, d.Year), func(out io.Writer) error { return sheet.Write(out, g) })
}
