package api

import (
	"net/http"

	"payesh"
	"payesh/internal/briefing"
	"payesh/internal/export"
	"payesh/internal/i18n"
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
	total, err := briefing.Count(ctx, s.Work, f)
	if err != nil {
		return err
	}
	note, err := b.FilterNote(ctx, f)
	if err != nil {
		return err
	}
	t := b.Table(i18n.T(lang, "ui.export.work.title"), []string{note}, total)
	return s.sendExport(w, r, format, briefing.FileName("work", b.Today), t, func(xw export.Writer) error {
		return b.Write(ctx, s.Work, f, total, xw)
	})
}
