package api

import (
	"net/http"

	"payesh"
	"payesh/internal/briefing"
	"payesh/internal/export"
)

// workExportLimit bounds the file (export.MaxRows); a variable so that a
// test can reach it with a few items.
var workExportLimit = export.MaxRows

// exportWorkItems answers GET /work-items?format=xlsx|csv: every item the
// filters select, not one page, as the caller may read them, in the
// list's order — the table the web list downloads, in the language of
// Accept-Language.
func (s *server) exportWorkItems(w http.ResponseWriter, r *http.Request, format export.Format, f payesh.WorkItemFilter) error {
	ctx, lang := r.Context(), langOf(r)
	units, err := briefing.UnitMap(ctx, s.Units)
	if err != nil {
		return err
	}
	u := payesh.UserFrom(ctx)
	b := &briefing.Work{Lang: lang, ShowCode: u != nil && u.CanConfigure(), Today: payesh.Today(s.Now()), Units: units,
		Clauses: s.Documents, Limit: workExportLimit}
	t, rows, err := b.List(ctx, s.Work, f)
	if err != nil {
		return err
	}
	return s.sendExport(w, r, format, briefing.FileName("work", b.Today), t, rows)
}
