package web

import (
	"net/http"
	"net/url"
	"strconv"

	"payesh"
)

// followupRemind sends the secretariat's reminder to a unit from the
// board: the store notifies the unit's people and records the reminder in
// the unit's history. The board comes back saying how many were told; a
// note too long shows beside the row's note, kept as typed.
func (s *server) followupRemind(w http.ResponseWriter, r *http.Request) error {
	if s.FollowUp == nil {
		return s.notFound(w, r)
	}
	if !user(r).CanConfigure() {
		return payesh.ErrForbidden
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	unit := f.ID("unit")
	if err := f.Err(); err != nil || unit == 0 {
		return payesh.Errorf(payesh.ENOTFOUND, "err.not_found.page")
	}
	rem, err := s.FollowUp.Remind(r.Context(), unit, f.String("note"))
	if err != nil {
		fields, ok := fieldErrors(err)
		if !ok {
			return err
		}
		return s.remindFailed(w, r, unit, fields)
	}
	q := url.Values{"unit": {strconv.FormatInt(unit, 10)}, "sent": {strconv.Itoa(rem.Notified)}}
	if sort := f.String("sort"); sort != "" {
		q.Set("sort", boardSortOf(sort))
	}
	return redirect(w, r, "/followup?"+q.Encode())
}

// remindFailed shows the board again with the row's note and its error.
func (s *server) remindFailed(w http.ResponseWriter, r *http.Request, unit int64, fields map[string]string) error {
	// The board reads its order from the query; the form posted it.
	q := r.URL.Query()
	q.Set("sort", r.PostForm.Get("sort"))
	r.URL.RawQuery = q.Encode()
	d, err := s.loadBoard(r)
	if err != nil {
		return err
	}
	d.NoteFor = unit
	if _, ok := fields["note"]; !ok {
		fields = map[string]string{"note": firstField(fields)}
	}
	v := s.newView(r, "ui.followup.title", d)
	v.Form, v.Errors = r.PostForm, fields
	return s.render(w, r, http.StatusBadRequest, "followup", v)
}

// firstField is the message of some field of a validation error, for
// showing a refusal that names no field the form has.
func firstField(fields map[string]string) string {
	for _, k := range fields {
		return k
	}
	return "err.bad_form"
}
