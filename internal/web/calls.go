package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"payesh"
	"payesh/internal/download"
	"payesh/internal/edge"
)

// Calls for papers (issue 15, scope 2): the list, a call's page — its
// axes, deadline, the special issue it feeds, papers by axis with their
// reviews and the decision forms, and the reviewers with their links —
// and the secretariat's forms. The reviewer's own page, reached by a
// link without signing in, is call_review.go's.

// callRow is a call in the list, with its owner.
type callRow struct {
	*payesh.Call
	Owner *payesh.OrgUnit
}

type callsData struct {
	Calls  []callRow
	CanNew bool
	Pager  pager
}

func (s *server) calls(w http.ResponseWriter, r *http.Request) error {
	page := pageOf(r, payesh.DefaultLimit)
	list, total, err := s.Calls.FindCalls(r.Context(), payesh.CallFilter{Page: page})
	if err != nil {
		return err
	}
	ix, err := s.unitIndexOf(r)
	if err != nil {
		return err
	}
	me := user(r)
	d := &callsData{Pager: newPager(r, total, page), CanNew: me.CanConfigure() || me.CanEditWorkOf(me.UnitPath)}
	for _, c := range list {
		d.Calls = append(d.Calls, callRow{c, ix.byID[c.OwnerUnitID]})
	}
	return s.render(w, r, http.StatusOK, "calls", s.newView(r, "ui.call.list_title", d))
}

// axisGroup is one axis of a call with its papers.
type axisGroup struct {
	payesh.CallAxis
	Papers []*payesh.Submission
}

// issuedLinkView is a reviewer's link just made or renewed: shown this
// once, on the page that answers the form.
type issuedLinkView struct {
	Reviewer *payesh.Reviewer
	URL      string
}

type callData struct {
	Call      *payesh.Call
	Owner     *payesh.OrgUnit
	Milestone *payesh.WorkItem // nil when none, or not read by the reader
	Axes      []axisGroup
	Papers    []*payesh.Submission
	Reviewers []*payesh.Reviewer
	// Run says the reader runs the call: records papers, decides, makes
	// reviewers' links.
	Run      bool
	Verdicts []payesh.Verdict
	Issued   *issuedLinkView
	Now      time.Time
	Today    payesh.Date
}

// Late reports whether a paper arrived after the call's deadline.
func (d *callData) Late(s *payesh.Submission) bool {
	return !d.Call.Deadline.IsZero() && !s.ReceivedOn.IsZero() && s.ReceivedOn.After(d.Call.Deadline)
}

// Titles names a reviewer's papers by their numbers in the call.
func (d *callData) Titles(ids []int64) []string {
	var out []string
	for _, id := range ids {
		for _, s := range d.Papers {
			if s.ID == id {
				out = append(out, s.Title)
			}
		}
	}
	return out
}

func (s *server) loadCall(r *http.Request) (*callData, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	c, err := s.Calls.FindCall(r.Context(), id)
	if err != nil {
		return nil, err
	}
	papers, err := s.Calls.FindSubmissions(r.Context(), id)
	if err != nil {
		return nil, err
	}
	ix, err := s.unitIndexOf(r)
	if err != nil {
		return nil, err
	}
	me := user(r)
	d := &callData{Call: c, Owner: ix.byID[c.OwnerUnitID], Papers: papers, Verdicts: payesh.Verdicts,
		Now: s.Now(), Today: payesh.Today(s.Now())}
	if d.Owner != nil {
		d.Run = me.CanEditWorkOf(d.Owner.Path)
	}
	if c.MilestoneID != nil {
		if m, err := s.Work.FindWorkItemByID(r.Context(), *c.MilestoneID); err == nil {
			d.Milestone = m
		}
	}
	byAxis := map[int]*axisGroup{}
	for _, a := range c.Axes {
		d.Axes = append(d.Axes, axisGroup{CallAxis: a})
	}
	for i := range d.Axes {
		byAxis[d.Axes[i].Number] = &d.Axes[i]
	}
	for _, p := range papers {
		if g := byAxis[p.Axis]; g != nil {
			g.Papers = append(g.Papers, p)
		}
	}
	if d.Run {
		if d.Reviewers, err = s.Calls.FindReviewers(r.Context(), id); err != nil {
			return nil, err
		}
	}
	return d, nil
}

func (s *server) call(w http.ResponseWriter, r *http.Request) error {
	return s.renderCall(w, r, http.StatusOK, nil, nil, nil)
}

// renderCall shows a call's page; after a refused form with what was
// typed, or with a link just issued.
func (s *server) renderCall(w http.ResponseWriter, r *http.Request, status int, form url.Values, errs map[string]string, issued *issuedLinkView) error {
	d, err := s.loadCall(r)
	if err != nil {
		return err
	}
	d.Issued = issued
	v := s.newView(r, "ui.call.title", d)
	v.Title = d.Call.Title
	v.Form, v.Errors = form, errs
	if issued != nil {
		w.Header().Set("Referrer-Policy", "no-referrer")
	}
	return s.render(w, r, status, "call", v)
}

// callFailed shows the call again after a refused form, or the error
// page for anything but a validation error.
func (s *server) callFailed(w http.ResponseWriter, r *http.Request, err error) error {
	errs, ok := fieldErrors(err)
	if !ok {
		return err
	}
	if errs["form"] == "" {
		errs["form"] = "err.invalid"
	}
	return s.renderCall(w, r, http.StatusBadRequest, r.PostForm, errs, nil)
}

// callFormData is the form of a new call.
type callFormData struct {
	Units      []workOption
	Milestones []*payesh.WorkItem
}

func (s *server) callNew(w http.ResponseWriter, r *http.Request) error {
	if me := user(r); !me.CanConfigure() && !me.CanEditWorkOf(me.UnitPath) {
		return payesh.ErrForbidden
	}
	return s.renderCallForm(w, r, http.StatusOK, url.Values{"axes": {"1"}}, nil)
}

func (s *server) renderCallForm(w http.ResponseWriter, r *http.Request, status int, form url.Values, errs map[string]string) error {
	units, _, err := s.workUnits(r)
	if err != nil {
		return err
	}
	// The milestones a call may feed: open milestones and programs the
	// user reads; the store checks the rest (a leaf, reportable, free).
	ms, _, err := s.Work.FindWorkItems(r.Context(), payesh.WorkItemFilter{Kinds: []payesh.WorkKind{payesh.KindMilestone},
		Statuses: payesh.OpenStatuses, Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil {
		return err
	}
	v := s.newView(r, "ui.call.new", &callFormData{Units: units, Milestones: ms})
	v.Form, v.Errors = form, errs
	return s.render(w, r, status, "call_form", v)
}

// maxAxesField bounds the axes count typed in the form before a list of
// that length is made.
const maxAxesField = payesh.MaxCallAxes

// callFromForm reads the call form: a count of axes and, one a line,
// the titles known (a blank line leaves its axis untitled).
func callFromForm(f *form) *payesh.Call {
	c := &payesh.Call{Title: f.String("title"), Description: f.String("description"), OwnerUnitID: f.ID("owner_unit_id"),
		Deadline: f.Date("deadline"), PlannedPapers: f.Int("planned_papers")}
	if m := f.ID("milestone_id"); m > 0 {
		c.MilestoneID = &m
	}
	n := f.Int("axes")
	titles := strings.Split(strings.ReplaceAll(f.r.PostForm.Get("axis_titles"), "\r\n", "\n"), "\n")
	for len(titles) > 0 && strings.TrimSpace(titles[len(titles)-1]) == "" {
		titles = titles[:len(titles)-1]
	}
	switch {
	case n < 1:
		f.fail("axes", "err.call.no_axes")
	case n > maxAxesField:
		f.fail("axes", payesh.KeyTooMany)
	case len(titles) > n:
		f.fail("axis_titles", "err.call.axis_titles")
	default:
		c.Axes = make([]payesh.CallAxis, n)
		for i, t := range titles {
			c.Axes[i].Title = strings.TrimSpace(t)
		}
	}
	return c
}

func (s *server) callCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	c := callFromForm(f)
	if err = f.Err(); err == nil {
		err = s.Calls.CreateCall(r.Context(), c)
	}
	if errs, ok := fieldErrors(err); ok {
		return s.renderCallForm(w, r, http.StatusBadRequest, r.PostForm, errs)
	} else if err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/calls/%d?flash=ui.call.flash.created", c.ID))
}

// submissionCreate records a paper received, with its file when chosen.
func (s *server) submissionCreate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := s.Calls.FindCall(r.Context(), id); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, evidenceBodyLimit)
	name, file, err := formUpload(r)
	if err == nil {
		f := &form{r: r, errors: map[string]string{}}
		sub := &payesh.Submission{CallID: id, Axis: f.Int("axis"), Title: f.String("title"), Authors: f.String("authors"),
			Institution: f.String("institution"), ReceivedOn: f.Date("received_on")}
		var up *payesh.Upload
		if file != nil {
			up = &payesh.Upload{Name: name, Content: file}
		}
		if err = f.Err(); err == nil {
			err = s.Calls.CreateSubmission(r.Context(), sub, up)
		}
	}
	if err != nil {
		return s.callFailed(w, r, err)
	}
	return redirect(w, r, fmt.Sprintf("/calls/%d?flash=ui.call.flash.submitted#papers", id))
}

// submissionDecide records the decision on a paper.
func (s *server) submissionDecide(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	sub, err := s.Calls.FindSubmission(r.Context(), id)
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	d := payesh.PaperDecision{Verdict: payesh.Verdict(f.String("decision")), Note: f.String("note"), Version: f.Int("version")}
	if err = f.Err(); err == nil {
		_, err = s.Calls.Decide(r.Context(), id, d)
	}
	r.SetPathValue("id", strconv.FormatInt(sub.CallID, 10))
	if err != nil {
		return s.callFailed(w, r, err)
	}
	return redirect(w, r, fmt.Sprintf("/calls/%d?flash=ui.call.flash.decided#paper-%d", sub.CallID, id))
}

func (s *server) callFileDownload(w http.ResponseWriter, r *http.Request) error {
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

// linkURL is the address a reviewer opens: the site's, as the request
// that made the link reached it.
func linkURL(r *http.Request, secret string) string {
	scheme := "http"
	if edge.HTTPS(r) { // a trusted proxy's word, or the socket's
		scheme = "https"
	}
	return scheme + "://" + r.Host + "/review/" + secret
}

// reviewerCreate makes a reviewer and shows their link, once.
func (s *server) reviewerCreate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	in := payesh.ReviewerInput{Name: f.String("name"), Affiliation: f.String("affiliation"), Email: f.String("email"),
		SubmissionIDs: f.IDs("submission_ids"), Days: f.Int("days")}
	var secret string
	var v *payesh.Reviewer
	if err = f.Err(); err == nil {
		secret, v, err = s.Calls.CreateReviewer(r.Context(), id, in)
	}
	if err != nil {
		return s.callFailed(w, r, err)
	}
	return s.renderCall(w, r, http.StatusOK, nil, nil, &issuedLinkView{Reviewer: v, URL: linkURL(r, secret)})
}

// reviewerAction renews or revokes a reviewer's link from the call page.
func (s *server) reviewerAction(renew bool) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		f, err := parseForm(r)
		if err != nil {
			return err
		}
		call := f.ID("call")
		if renew {
			var secret string
			var v *payesh.Reviewer
			if secret, v, err = s.Calls.RenewReviewerLink(r.Context(), id, f.Int("days")); err != nil {
				return err
			}
			r.SetPathValue("id", strconv.FormatInt(v.CallID, 10))
			return s.renderCall(w, r, http.StatusOK, nil, nil, &issuedLinkView{Reviewer: v, URL: linkURL(r, secret)})
		}
		v, err := s.Calls.RevokeReviewer(r.Context(), id)
		if err != nil {
			return err
		}
		if call == 0 {
			call = v.CallID
		}
		return redirect(w, r, fmt.Sprintf("/calls/%d?flash=ui.call.flash.revoked#reviewers", call))
	}
}

// Day is the Tehran calendar day of an instant (a link's expiry).
func (d *callData) Day(t time.Time) payesh.Date { return payesh.Today(t) }
