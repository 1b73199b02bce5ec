package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"payesh"
)

// reportSave saves the narrative against the version the user saw and,
// when the user pressed "save and send", submits the report too: a unit
// never loses what it typed to a submit that did not save it first.
func (s *server) reportSave(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	n := payesh.Narrative{
		Achievements: f.r.PostForm.Get("achievements"),
		Obstacles:    f.r.PostForm.Get("obstacles"),
		Requests:     f.r.PostForm.Get("requests"),
		Version:      f.Int("version"),
	}
	if err := f.Err(); err != nil {
		return s.reportFailed(w, r, id, err)
	}
	saved, err := s.Reports.SaveNarrative(r.Context(), id, n)
	if err != nil {
		return s.reportFailed(w, r, id, err)
	}
	if f.String("then") != string(payesh.ActSubmit) {
		return redirect(w, r, fmt.Sprintf("/reports/%d?flash=ui.report.flash.saved", id))
	}
	in := payesh.ReviewInput{Action: payesh.ActSubmit, Version: saved.Version}
	if _, err := s.Reports.Review(r.Context(), id, in); err != nil {
		return s.reportFailed(w, r, id, err)
	}
	return redirect(w, r, fmt.Sprintf("/reports/%d?flash=ui.report.flash.submitted", id))
}

// reportFailed shows the report again after a refused action, with what
// the user sent kept: the checklist step when a submission lacks
// something, field errors beside their form (400), or, when
// someone acted first or the report left the user's hands (409), the
// report as it is now with a message saying so, the forms ready to act on
// the current version. Other errors (403, 404) are error pages.
func (s *server) reportFailed(w http.ResponseWriter, r *http.Request, id int64, err error) error {
	fields, invalid := fieldErrors(err)
	var e *payesh.Error
	isErr := errors.As(err, &e)
	if isErr && (e.Code == payesh.EINCOMPLETE || e.Code == payesh.EREQUIRED) {
		return s.reportChecklist(w, r, id, e.Code == payesh.EREQUIRED)
	}
	// Too late to withdraw: a reviewer acted first, as in any conflict.
	conflict := isErr && (e.Code == payesh.ECONFLICT || e.Code == payesh.EREVIEWED)
	if !invalid && !conflict {
		return err
	}
	d, lerr := s.loadReport(r, id)
	if lerr != nil {
		return lerr
	}
	v := s.reportView(r, d, r.PostForm)
	status := http.StatusBadRequest
	if conflict {
		status, d.Conflict, fields = http.StatusConflict, e.Message, nil
		v.Form.Set("version", strconv.Itoa(d.Report.Version))
		switch narrative := r.PostForm.Has("achievements"); {
		case narrative && d.CanEdit:
			d.ShowSaved = true
		case narrative:
			d.Typed = &payesh.Narrative{Achievements: r.PostForm.Get("achievements"),
				Obstacles: r.PostForm.Get("obstacles"), Requests: r.PostForm.Get("requests")}
		}
	}
	v.Errors = fields
	return s.render(w, r, status, "report", v)
}
