package web

import (
	"net/http"

	"payesh"
)

// adminHomePage counts what each admin area holds.
type adminHomePage struct {
	Users, Units, Documents int
}

// adminHome is the index of the three admin areas: users, the org tree,
// and documents with their clauses.
func (s *server) adminHome(w http.ResponseWriter, r *http.Request) error {
	ctx, one := r.Context(), payesh.Page{Limit: 1}
	var d adminHomePage
	var err error
	if _, d.Users, err = s.Users.FindUsers(ctx, payesh.UserFilter{Page: one}); err != nil {
		return err
	}
	if _, d.Units, err = s.Units.FindOrgUnits(ctx, payesh.OrgUnitFilter{Page: one}); err != nil {
		return err
	}
	if _, d.Documents, err = s.Documents.FindDocuments(ctx, payesh.DocumentFilter{Page: one}); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "admin_home", s.newView(r, "ui.admin.title", d))
}
