package web

import (
	"net/http"

	"payesh"
	"payesh/internal/briefing"
	"payesh/internal/export"
)

// workExportLimit bounds the work list's file (export.MaxRows); a
// variable so that a test can reach it with a few items.
var workExportLimit = export.MaxRows

// workExport answers /work?format=xlsx|csv — and the unit and clause
// pages' downloads, which link here with their own filter: every item
// the list's filter selects, not one page, as the reader may read them
// (the store applies the read scope), in the list's order. The code
// column is for those who configure, as on the list.
func (s *server) workExport(w http.ResponseWriter, r *http.Request, format export.Format, f payesh.WorkItemFilter,
	units map[int64]*payesh.OrgUnit) error {
	ctx, lang := r.Context(), langOf(r)
	b := &briefing.Work{Lang: lang, ShowCode: user(r).CanConfigure(), Today: payesh.Today(s.Now()), Units: units,
		Clauses: s.Documents, Limit: workExportLimit}
	t, rows, err := b.List(ctx, s.Work, f)
	if err != nil {
		return err
	}
	return s.sendExport(w, r, format, briefing.FileName("work", b.Today), t, rows)
}
