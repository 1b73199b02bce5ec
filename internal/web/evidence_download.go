package web

import (
	"net/http"

	"payesh/internal/download"
)

// evidenceDownload sends a file to a user who may read its report (the
// store refuses the others, which then get the 403 page). It is always an
// attachment of the type the store checked, never sniffed and never shown
// inline, so a file cannot run as a page of this site.
func (s *server) evidenceDownload(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	e, data, err := s.Reports.OpenEvidence(r.Context(), id)
	if err != nil {
		return err
	}
	download.Evidence(w, r, e, data)
	return nil
}
