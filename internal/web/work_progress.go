package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"payesh"
)

// workFragment is the htmx target of the detail block; an update posted
// from it is answered with the refreshed block instead of a redirect.
const workFragment = "work-main"

// workProgress posts a progress update from the detail page. Without
// JavaScript it redirects back to the detail with a flash; from htmx it
// answers with the refreshed detail block, which shows the new history
// and the parent's rolled-up progress too.
func (s *server) workProgress(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	in := payesh.ProgressUpdateInput{
		Progress: f.Float("progress"),
		Status:   payesh.Status(f.String("status")),
		DoneDate: f.Date("done_date"),
		Note:     f.String("note"),
		Version:  f.Int("version"),
	}
	if err := f.Err(); err != nil {
		return s.workProgressFailed(w, r, id, err)
	}
	if _, _, err := s.Work.PostProgress(r.Context(), id, in); err != nil {
		return s.workProgressFailed(w, r, id, err)
	}
	if !workSwapped(r) {
		return redirect(w, r, fmt.Sprintf("/work/%d?flash=ui.work.flash.progress", id))
	}
	d, err := s.loadWorkDetail(r, id)
	if err != nil {
		return err
	}
	d.Notice = "ui.work.flash.progress"
	return s.render(w, r, http.StatusOK, "work_detail", s.workDetailView(r, d))
}

// workSwapped reports whether htmx asked for the detail block.
func workSwapped(r *http.Request) bool {
	return r.Header.Get("HX-Request") == "true" && r.Header.Get("HX-Target") == workFragment
}

// workProgressFailed shows the detail again with the user's values kept:
// field errors beside their fields (400), or on a version conflict the
// item as it is now and the form ready to post against the new version
// (409). Other errors (403, 404) are error pages.
func (s *server) workProgressFailed(w http.ResponseWriter, r *http.Request, id int64, err error) error {
	fields, invalid := fieldErrors(err)
	var e *payesh.Error
	conflict := errors.As(err, &e) && e.Code == payesh.ECONFLICT
	if !invalid && !conflict {
		return err
	}
	d, lerr := s.loadWorkDetail(r, id)
	if lerr != nil {
		return lerr
	}
	v := s.workDetailView(r, d)
	v.Form = r.PostForm
	status := http.StatusBadRequest
	if conflict {
		status, d.Conflict = http.StatusConflict, true
		v.Form.Set("version", strconv.Itoa(d.Item.Version))
		fields = map[string]string{"form": e.Message}
	}
	if ids := fields["open_children"]; ids != "" {
		d.OpenChildren = openChildrenText(d.Children, ids)
		delete(fields, "open_children")
	}
	v.Errors = workSummarized(fields)
	return s.render(w, r, status, "work_detail", v)
}
