package api

import (
	"bytes"
	"errors"
	"net/http"
	"strconv"
	"time"

	"payesh"
	"payesh/internal/download"
	"payesh/internal/login"
)

// Calls for papers, their submissions, decisions and reviewers (issue 15,
// scope 2). The store authorizes: whoever runs the call's owner unit's
// work runs the call. The /review/{token}/… routes are a reviewer's, with
// no sign-in: the token in the path is their link's secret, and reaches
// only the submissions assigned to them.

// callInput is a call as a client writes it; the version on replace.
type callInput struct {
	Title         string            `json:"title"`
	Description   string            `json:"description"`
	OwnerUnitID   int64             `json:"owner_unit_id"`
	Axes          []payesh.CallAxis `json:"axes"`
	Deadline      payesh.Date       `json:"deadline"`
	PlannedPapers int               `json:"planned_papers"`
	MilestoneID   *int64            `json:"milestone_id"`
	Version       int               `json:"version"`
}

func (in callInput) call() *payesh.Call {
	return &payesh.Call{Title: in.Title, Description: in.Description, OwnerUnitID: in.OwnerUnitID, Axes: in.Axes,
		Deadline: in.Deadline, PlannedPapers: in.PlannedPapers, MilestoneID: in.MilestoneID, Version: in.Version}
}

// callJSON adds the Jalali deadline and the milestone progress the call
// makes (-1 without a planned count).
type callJSON struct {
	*payesh.Call
	DeadlineJalali *string `json:"deadline_jalali"`
	Progress       float64 `json:"progress"`
}

func presentCall(c *payesh.Call) callJSON { return callJSON{c, jalaliOf(c.Deadline), c.Progress()} }

// submissionJSON adds the Jalali day of receipt and the mean score.
type submissionJSON struct {
	*payesh.Submission
	ReceivedOnJalali *string `json:"received_on_jalali"`
	MeanScore        float64 `json:"mean_score"`
}

func presentSubmission(s *payesh.Submission) submissionJSON {
	return submissionJSON{s, jalaliOf(s.ReceivedOn), s.MeanScore()}
}

func presentSubmissions(list []*payesh.Submission) []submissionJSON {
	out := make([]submissionJSON, len(list))
	for i, s := range list {
		out[i] = presentSubmission(s)
	}
	return out
}

func (s *server) listCalls(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := payesh.CallFilter{Page: q.page()}
	if err := q.err(); err != nil {
		return err
	}
	list, total, err := s.Calls.FindCalls(r.Context(), f)
	if err != nil {
		return err
	}
	out := make([]callJSON, len(list))
	for i, c := range list {
		out[i] = presentCall(c)
	}
	p := f.Page.Normalized()
	return writeJSON(w, http.StatusOK, listJSON{Items: out, Total: total, Limit: p.Limit, Offset: p.Offset})
}

func (s *server) createCall(w http.ResponseWriter, r *http.Request) error {
	var in callInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Version != 0 {
		return invalid("err.invalid", "version", "err.unknown_field")
	}
	c := in.call()
	if err := s.Calls.CreateCall(r.Context(), c); err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/calls/"+strconv.FormatInt(c.ID, 10))
	return writeJSON(w, http.StatusCreated, presentCall(c))
}

func (s *server) getCall(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	c, err := s.Calls.FindCall(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, presentCall(c))
}

// putCall replaces a call's fields and axes at its version.
func (s *server) putCall(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in callInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Version <= 0 {
		return errVersion
	}
	c, err := s.Calls.UpdateCall(r.Context(), id, in.call())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, presentCall(c))
}

func (s *server) listSubmissions(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	list, err := s.Calls.FindSubmissions(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": presentSubmissions(list)})
}

// submissionInput is a paper as the secretariat records it; its file is
// sent after, to /submissions/{id}/file.
type submissionInput struct {
	Axis        int         `json:"axis"`
	Title       string      `json:"title"`
	Authors     string      `json:"authors"`
	Institution string      `json:"institution"`
	ReceivedOn  payesh.Date `json:"received_on"`
}

func (s *server) createSubmission(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in submissionInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	sub := &payesh.Submission{CallID: id, Axis: in.Axis, Title: in.Title, Authors: in.Authors, Institution: in.Institution,
		ReceivedOn: in.ReceivedOn}
	if err := s.Calls.CreateSubmission(r.Context(), sub, nil); err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/submissions/"+strconv.FormatInt(sub.ID, 10))
	return writeJSON(w, http.StatusCreated, presentSubmission(sub))
}

func (s *server) getSubmission(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	sub, err := s.Calls.FindSubmission(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, presentSubmission(sub))
}

// uploadSubmissionFile keeps a paper's file, one multipart part "file".
func (s *server) uploadSubmissionFile(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := s.Calls.FindSubmission(r.Context(), id); err != nil {
		return err
	}
	// Only those who may change some unit's work run a call: a viewer is
	// refused before the file is read.
	if u := payesh.UserFrom(r.Context()); !u.CanConfigure() && u.Role != payesh.RoleReporter {
		return payesh.ErrForbidden
	}
	if r.ContentLength > maxUpload {
		return errFileTooLarge
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	name, data, err := readUpload(r)
	if err != nil {
		return err
	}
	f, err := s.Calls.AddSubmissionFile(r.Context(), id, payesh.Upload{Name: name, Content: bytes.NewReader(data)})
	if err != nil {
		return err
	}
	return writeCreated(w, prefix+"/call-files", f.ID, f)
}

func (s *server) downloadCallFile(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, data, err := s.Calls.OpenCallFile(r.Context(), id)
	if err != nil {
		return err
	}
	download.Evidence(w, r, f.Evidence(), data)
	return nil
}

// decideSubmission records the decision on a paper (or takes it back
// with an empty decision); the milestone moves with it.
func (s *server) decideSubmission(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in payesh.PaperDecision
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Version <= 0 {
		return errVersion
	}
	sub, err := s.Calls.Decide(r.Context(), id, in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, presentSubmission(sub))
}

func (s *server) listReviewers(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	list, err := s.Calls.FindReviewers(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list})
}

// issuedLink is a reviewer with their link, shown this once.
type issuedLink struct {
	Reviewer *payesh.Reviewer `json:"reviewer"`
	Token    string           `json:"token"`
	// Path is the web page the link opens, to be put after the site's
	// address in the message to the reviewer.
	Path string `json:"path"`
}

func (s *server) createReviewer(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in payesh.ReviewerInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	secret, v, err := s.Calls.CreateReviewer(r.Context(), id, in)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Location", prefix+"/reviewers/"+strconv.FormatInt(v.ID, 10))
	return writeJSON(w, http.StatusCreated, issuedLink{v, secret, "/review/" + secret})
}

func (s *server) assignReviewer(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in struct {
		SubmissionIDs []int64 `json:"submission_ids"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	v, err := s.Calls.AssignSubmissions(r.Context(), id, in.SubmissionIDs)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, v)
}

func (s *server) renewReviewer(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in struct {
		Days int `json:"days"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	secret, v, err := s.Calls.RenewReviewerLink(r.Context(), id, in.Days)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return writeJSON(w, http.StatusOK, issuedLink{v, secret, "/review/" + secret})
}

func (s *server) revokeReviewer(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	v, err := s.Calls.RevokeReviewer(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, v)
}

// link runs fn for the token in the path, counted per client address
// (login.Guard.Link); a wait is told in Retry-After.
func (s *server) link(w http.ResponseWriter, r *http.Request, fn func(token string) error) error {
	token := r.PathValue("link")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	err := s.logins.Link(r.Context(), s.ClientIP(r), func() error { return fn(token) })
	var limited *login.LimitError
	if errors.As(err, &limited) {
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int((limited.Wait+time.Second-1)/time.Second))))
	}
	return err
}

// reviewerDesk is what a reviewer's link opens: the call, the reviewer
// and their papers with their own reviews.
func (s *server) reviewerDesk(w http.ResponseWriter, r *http.Request) error {
	var d *payesh.ReviewerDesk
	if err := s.link(w, r, func(token string) (err error) {
		d, err = s.Calls.ReviewerDesk(r.Context(), token)
		return err
	}); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"call": presentCall(d.Call), "reviewer": d.Reviewer,
		"submissions": presentSubmissions(d.Submissions)})
}

func (s *server) reviewerFile(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var f *payesh.CallFile
	var data []byte
	if err := s.link(w, r, func(token string) (err error) {
		f, data, err = s.Calls.OpenReviewerFile(r.Context(), token, id)
		return err
	}); err != nil {
		return err
	}
	download.Evidence(w, r, f.Evidence(), data)
	return nil
}

func (s *server) postReview(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in payesh.PaperReviewInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	var out *payesh.PaperReview
	if err := s.link(w, r, func(token string) (err error) {
		out, err = s.Calls.PostReview(r.Context(), token, id, in)
		return err
	}); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}
