package web

import "net/http"

// Placeholders until the reporting-round pages land; each answers 404.

func (s *server) inbox(w http.ResponseWriter, r *http.Request) error        { return s.notFound(w, r) }
func (s *server) rounds(w http.ResponseWriter, r *http.Request) error       { return s.notFound(w, r) }
func (s *server) roundNew(w http.ResponseWriter, r *http.Request) error     { return s.notFound(w, r) }
func (s *server) roundCreate(w http.ResponseWriter, r *http.Request) error  { return s.notFound(w, r) }
func (s *server) round(w http.ResponseWriter, r *http.Request) error        { return s.notFound(w, r) }
func (s *server) roundClose(w http.ResponseWriter, r *http.Request) error   { return s.notFound(w, r) }
func (s *server) roundSummary(w http.ResponseWriter, r *http.Request) error { return s.notFound(w, r) }
func (s *server) roundSummaryPDF(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
func (s *server) report(w http.ResponseWriter, r *http.Request) error       { return s.notFound(w, r) }
func (s *server) reportSave(w http.ResponseWriter, r *http.Request) error   { return s.notFound(w, r) }
func (s *server) reportReview(w http.ResponseWriter, r *http.Request) error { return s.notFound(w, r) }
func (s *server) evidenceUpload(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
func (s *server) evidenceDownload(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
