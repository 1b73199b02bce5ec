package web

import "net/http"

// Placeholders until the work pages land; each answers 404.

func (s *server) workList(w http.ResponseWriter, r *http.Request) error     { return s.notFound(w, r) }
func (s *server) workNew(w http.ResponseWriter, r *http.Request) error      { return s.notFound(w, r) }
func (s *server) workCreate(w http.ResponseWriter, r *http.Request) error   { return s.notFound(w, r) }
func (s *server) workDetail(w http.ResponseWriter, r *http.Request) error   { return s.notFound(w, r) }
func (s *server) workEdit(w http.ResponseWriter, r *http.Request) error     { return s.notFound(w, r) }
func (s *server) workUpdate(w http.ResponseWriter, r *http.Request) error   { return s.notFound(w, r) }
func (s *server) workProgress(w http.ResponseWriter, r *http.Request) error { return s.notFound(w, r) }
func (s *server) workDelete(w http.ResponseWriter, r *http.Request) error   { return s.notFound(w, r) }
