package web

import (
	"fmt"
	"net/http"
)

// workDelete removes an item that has no children, against the version
// the user saw, and goes to its parent or else to the list. The store
// refuses an item with children (409) and a user who may not change it
// (403); those are error pages.
func (s *server) workDelete(w http.ResponseWriter, r *http.Request) error {
	item, err := s.workEditable(r)
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	version := f.Int("version")
	if err := f.Err(); err != nil {
		return err
	}
	if err := s.Work.DeleteWorkItem(r.Context(), item.ID, version); err != nil {
		return err
	}
	next := "/work?flash=ui.work.flash.deleted"
	if item.ParentID != nil {
		next = fmt.Sprintf("/work/%d?flash=ui.work.flash.deleted", *item.ParentID)
	}
	return redirect(w, r, next)
}
