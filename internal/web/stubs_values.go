package web

import "net/http"

// Placeholders until the value grid and indicator forms land; each answers 404.

func (s *server) valuesGrid(w http.ResponseWriter, r *http.Request) error   { return s.notFound(w, r) }
func (s *server) valuesSave(w http.ResponseWriter, r *http.Request) error   { return s.notFound(w, r) }
func (s *server) indicatorNew(w http.ResponseWriter, r *http.Request) error { return s.notFound(w, r) }
func (s *server) indicatorCreate(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
func (s *server) indicatorEdit(w http.ResponseWriter, r *http.Request) error { return s.notFound(w, r) }
func (s *server) indicatorUpdate(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
func (s *server) indicatorTargets(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
