package web

import (
	"bytes"
	"fmt"
	"net/http"

	"payesh/internal/i18n"
	"payesh/internal/sheet"
)

// valuesXLSX answers GET /values.xlsx: the grid the page shows (the same
// unit, year, indicator or axis), as a workbook to fill in Excel or
// LibreOffice — a sheet per frequency, approved values and periods not
// begun locked, each open cell keyed in a hidden sheet to its indicator,
// period and the version it held (internal/sheet).
func (s *server) valuesXLSX(w http.ResponseWriter, r *http.Request) error {
	d, _, err := s.valuesLoad(r, r.URL.Query(), true)
	if err != nil {
		return err
	}
	if err := s.valuesFill(r, d, nil); err != nil {
		return err
	}
	lang := d.lang
	g := sheet.Grid{UnitID: d.Unit.ID, UnitName: pick(lang, d.Unit.NameFA, d.Unit.NameEN), Year: d.Year,
		Words: sheet.Words{
			Code: i18n.T(lang, "ui.xlsx.code"), Indicator: i18n.T(lang, "ui.values.col_indicator"),
			Measure: i18n.T(lang, "ui.xlsx.measure"), Target: i18n.T(lang, "ui.xlsx.target"),
			Title: fmt.Sprintf(i18n.T(lang, "ui.xlsx.title"), pick(lang, d.Unit.NameFA, d.Unit.NameEN), formDigits(lang, fmt.Sprint(d.Year))),
		}}
	for _, t := range d.Tables {
		st := sheet.Table{Name: i18n.T(lang, "ui.values.freq."+string(t.Frequency))}
		for _, p := range t.periods {
			st.Columns = append(st.Columns, sheet.Column{Period: p.String(), Label: valuesPeriodLabel(lang, p)})
		}
		for _, row := range t.Rows {
			sr := sheet.Row{IndicatorID: row.Indicator.ID, Code: row.Indicator.Code, Name: row.Name, Measure: row.Indicator.Measure}
			for _, c := range row.Cells {
				cell := sheet.Cell{Locked: c.Locked || !c.Input()}
				if c.saved != nil {
					v := c.saved.Value
					cell.Value, cell.Version = &v, c.saved.Version
				}
				sr.Cells = append(sr.Cells, cell)
			}
			st.Rows = append(st.Rows, sr)
		}
		g.Tables = append(g.Tables, st)
	}
	var buf bytes.Buffer
	if err := sheet.Write(&buf, g); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="values-%s-%d.xlsx"`, d.Unit.Code, d.Year))
	h.Set("Cache-Control", "private, no-store")
	_, err = buf.WriteTo(w)
	return err
}
