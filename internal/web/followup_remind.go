package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"payesh"
)

// followupRemind sends the secretariat's reminders from the board, with
// the one note the board's form holds. A row's own button ("unit") reminds
// that unit; the form's button reminds the rows ticked ("unit_ids") and,
// with «all late» ticked ("all_late"), every unit the board finds late, all
// in one transaction. The store notifies each unit's people and records
// each reminder in the unit's history. The board comes back saying how
// many units and people were told; a refusal (a note too long, nothing
// chosen) shows the board again with what was typed and ticked.
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
	note := f.String("note")
	q := url.Values{}
	if sort := f.String("sort"); sort != "" {
		q.Set("sort", boardSortOf(sort))
	}
	if f.Has("unit") {
		unit := f.ID("unit")
		if err := f.Err(); err != nil || unit == 0 {
			return payesh.Errorf(payesh.ENOTFOUND, "err.not_found.page")
		}
		rem, err := s.FollowUp.Remind(r.Context(), unit, note)
		if err != nil {
			return s.remindRefused(w, r, err)
		}
		q.Set("unit", strconv.FormatInt(unit, 10))
		q.Set("sent", strconv.Itoa(rem.Notified))
		return redirect(w, r, "/followup?"+q.Encode())
	}
	ids := f.IDs("unit_ids")
	if err := f.Err(); err != nil {
		return s.remindFailed(w, r, map[string]string{"unit_ids": "err.unknown_ref"})
	}
	if f.Has("all_late") {
		late, err := s.lateUnits(r)
		if err != nil {
			return err
		}
		ids = append(ids, late...)
	}
	if len(ids) == 0 {
		return s.remindFailed(w, r, map[string]string{"unit_ids": "ui.followup.none_chosen"})
	}
	sent, err := s.FollowUp.RemindUnits(r.Context(), ids, note)
	if err != nil {
		return s.remindRefused(w, r, err)
	}
	people, alone := 0, 0
	for _, rem := range sent {
		people += rem.Notified
		if rem.Notified == 0 {
			alone++
		}
	}
	if len(sent) == 1 {
		q.Set("unit", strconv.FormatInt(sent[0].UnitID, 10))
	} else {
		q.Set("units", strconv.Itoa(len(sent)))
		q.Set("alone", strconv.Itoa(alone))
	}
	q.Set("sent", strconv.Itoa(people))
	return redirect(w, r, "/followup?"+q.Encode())
}

// lateUnits are the units the board shows late today: what «all late
// units» means when the form is posted without the script that ticks
// their rows.
func (s *server) lateUnits(r *http.Request) ([]int64, error) {
	rows, err := s.FollowUp.Board(r.Context(), payesh.Today(s.Now()))
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, row := range rows {
		if row.DaysLate() > 0 {
			ids = append(ids, row.UnitID)
		}
	}
	return ids, nil
}

// remindRefused shows a refusal the user can correct beside the form; any
// other error is its page.
func (s *server) remindRefused(w http.ResponseWriter, r *http.Request, err error) error {
	fields, ok := fieldErrors(err)
	if !ok {
		return err
	}
	return s.remindFailed(w, r, fields)
}

// remindFailed shows the board again with the note and the rows ticked,
// and the error: beside the note for the note's, above the table for the
// choice of units (the store names a unit it does not know as
// unit_ids.<n>).
func (s *server) remindFailed(w http.ResponseWriter, r *http.Request, fields map[string]string) error {
	// The board reads its order from the query; the form posted it.
	q := r.URL.Query()
	q.Set("sort", r.PostForm.Get("sort"))
	r.URL.RawQuery = q.Encode()
	d, err := s.loadBoard(r)
	if err != nil {
		return err
	}
	d.Picked = map[int64]bool{}
	for _, v := range r.PostForm["unit_ids"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			d.Picked[id] = true
		}
	}
	d.AllLate = r.PostForm.Has("all_late")
	errs := map[string]string{}
	for k, v := range fields {
		switch {
		case k == "note" || k == "unit_ids":
			errs[k] = v
		case strings.HasPrefix(k, "unit_ids."):
			errs["unit_ids"] = "ui.followup.unit_gone"
		default:
			errs["unit_ids"] = v
		}
	}
	v := s.newView(r, "ui.followup.title", d)
	v.Form, v.Errors = r.PostForm, errs
	return s.render(w, r, http.StatusBadRequest, "followup", v)
}
