package web

import "net/http"

// loadLateResearch adds to the board the research projects past their
// contract's end and not delivered, the latest first.
func (s *server) loadLateResearch(r *http.Request, d *boardData) error {
	if s.Research == nil {
		return nil
	}
	var err error
	d.LateResearch, err = s.Research.LateResearch(r.Context(), d.Today)
	return err
}
