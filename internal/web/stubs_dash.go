package web

import "net/http"

// Placeholders until the dashboards and indicator pages land; each answers 404.

func (s *server) dashboard(w http.ResponseWriter, r *http.Request) error { return s.notFound(w, r) }
func (s *server) dashboardProvinces(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
func (s *server) unitDashboard(w http.ResponseWriter, r *http.Request) error { return s.notFound(w, r) }
func (s *server) indicators(w http.ResponseWriter, r *http.Request) error    { return s.notFound(w, r) }
func (s *server) indicator(w http.ResponseWriter, r *http.Request) error     { return s.notFound(w, r) }
func (s *server) indicatorExplain(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
func (s *server) workExplain(w http.ResponseWriter, r *http.Request) error { return s.notFound(w, r) }
