package web

import "net/http"

// Placeholders until the policy, unit and admin pages land; each answers 404.

func (s *server) policy(w http.ResponseWriter, r *http.Request) error   { return s.notFound(w, r) }
func (s *server) document(w http.ResponseWriter, r *http.Request) error { return s.notFound(w, r) }
func (s *server) clause(w http.ResponseWriter, r *http.Request) error   { return s.notFound(w, r) }
func (s *server) units(w http.ResponseWriter, r *http.Request) error    { return s.notFound(w, r) }
func (s *server) unit(w http.ResponseWriter, r *http.Request) error     { return s.notFound(w, r) }

func (s *server) adminHome(w http.ResponseWriter, r *http.Request) error    { return s.notFound(w, r) }
func (s *server) adminUsers(w http.ResponseWriter, r *http.Request) error   { return s.notFound(w, r) }
func (s *server) adminUserNew(w http.ResponseWriter, r *http.Request) error { return s.notFound(w, r) }
func (s *server) adminUserCreate(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
func (s *server) adminUserEdit(w http.ResponseWriter, r *http.Request) error { return s.notFound(w, r) }
func (s *server) adminUserUpdate(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
func (s *server) adminUserPassword(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
func (s *server) adminUnits(w http.ResponseWriter, r *http.Request) error   { return s.notFound(w, r) }
func (s *server) adminUnitNew(w http.ResponseWriter, r *http.Request) error { return s.notFound(w, r) }
func (s *server) adminUnitCreate(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
func (s *server) adminUnitEdit(w http.ResponseWriter, r *http.Request) error { return s.notFound(w, r) }
func (s *server) adminUnitUpdate(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
func (s *server) adminUnitDelete(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
func (s *server) adminDocuments(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
func (s *server) adminDocumentNew(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
func (s *server) adminDocumentCreate(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
func (s *server) adminDocumentEdit(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
func (s *server) adminDocumentUpdate(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
func (s *server) adminClauseNew(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
func (s *server) adminClauseCreate(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
func (s *server) adminClauseEdit(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
func (s *server) adminClauseUpdate(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
func (s *server) adminClauseDelete(w http.ResponseWriter, r *http.Request) error {
	return s.notFound(w, r)
}
