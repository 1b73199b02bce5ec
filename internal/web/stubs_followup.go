package web

import "net/http"

// Placeholders until the follow-up, notification and audit pages land; each answers 404.

func (s *server) notifications(w http.ResponseWriter, r *http.Request) error { return s.notFound(w, r) }
func (s *server) notificationsRead(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
func (s *server) followupBoard(w http.ResponseWriter, r *http.Request) error { return s.notFound(w, r) }
func (s *server) followupRemind(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
func (s *server) history(w http.ResponseWriter, r *http.Request) error       { return s.notFound(w, r) }
func (s *server) adminAudit(w http.ResponseWriter, r *http.Request) error    { return s.notFound(w, r) }
func (s *server) adminAuditCSV(w http.ResponseWriter, r *http.Request) error { return s.notFound(w, r) }
