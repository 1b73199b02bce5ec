package api

import (
	"errors"
	"net/http"

	"payesh/internal/export"
)

// exportFormat reads ?format= of a list that can also be fetched as a
// file: "" for JSON. A file holds every row the filters select, so a
// page (limit, offset) does not go with it.
func (q *query) exportFormat() export.Format {
	f, ok := export.ParseFormat(q.str("format"))
	if !ok {
		q.fields["format"] = "err.export.format"
		return ""
	}
	if f != "" {
		for _, p := range []string{"limit", "offset"} {
			if _, paged := q.values[p]; paged {
				q.fields[p] = "err.export.paged"
			}
		}
	}
	return f
}

// sendExport answers with t as a file (export.Send). A failure once the
// file has begun cuts the response, so that half a file cannot pass for
// the whole; one before it is the usual JSON error.
func (s *server) sendExport(w http.ResponseWriter, r *http.Request, f export.Format, name string, t export.Table,
	fill func(export.Writer) error) error {
	err := export.Send(w, f, name, t, fill)
	if errors.Is(err, export.ErrCut) {
		s.Logger.ErrorContext(r.Context(), "api: export cut short", "path", r.URL.Path, "err", err)
		panic(http.ErrAbortHandler)
	}
	return err
}
