package web

import (
	"fmt"
	"net/http"

	"payesh"
	"payesh/internal/briefing"
	"payesh/internal/export"
)

// roundSummaryExport answers /rounds/{id}/summary?format=xlsx|csv: the
// summary's table by unit — each unit the reader may read, its report's
// state, timeliness, completeness, files and trust score — under the
// round's title, period and deadline.
func (s *server) roundSummaryExport(w http.ResponseWriter, r *http.Request, f export.Format, d *roundData) error {
	lang, today := langOf(r), payesh.Today(s.Now())
	b := briefing.RoundUnits{Lang: lang, Units: d.Units}
	t := b.Table(d.Round, d.Period, today)
	return s.sendExport(w, r, f, briefing.FileName(fmt.Sprintf("round-%d", d.Round.ID), today), t, func(xw export.Writer) error {
		for _, row := range d.Rows {
			if err := xw.Write(b.Row(row.Score)...); err != nil {
				return err
			}
		}
		return nil
	})
}
