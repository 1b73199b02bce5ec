package api

import (
	"net/http"
	"slices"

	"payesh"
)

var (
	reportStates  = []payesh.ReportState{payesh.ReportDraft, payesh.ReportSubmitted, payesh.ReportReturned, payesh.ReportApproved}
	reviewActions = []payesh.ReviewAction{payesh.ActSubmit, payesh.ActApprove, payesh.ActReturn, payesh.ActReopen}
)

func validReportState(s payesh.ReportState) bool { return slices.Contains(reportStates, s) }

// listReports lists the reports the user may read. unit selects the unit's
// whole subtree; to_review keeps the submitted reports waiting at a step
// the user reviews.
func (s *server) listReports(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := payesh.ReportFilter{
		RoundID: q.id("round"),
		UnitID:  q.id("unit"),
		States:  enumList(q, "state", validReportState),
		Page:    q.page(),
	}
	if b := q.boolean("to_review"); b != nil {
		f.ToReview = *b
	}
	if err := q.err(); err != nil {
		return err
	}
	reports, total, err := s.Reports.FindReports(r.Context(), f)
	if err != nil {
		return err
	}
	return writeList(w, reports, total, f.Page)
}

func (s *server) getReport(w http.ResponseWriter, r *http.Request) error {
	return getRow(w, r, s.Reports.FindReport)
}

// narrativePatch changes what a unit writes in its report; an absent (or
// null) field stays as it is.
type narrativePatch struct {
	Achievements *string `json:"achievements"`
	Obstacles    *string `json:"obstacles"`
	Requests     *string `json:"requests"`
	Version      int     `json:"version"`
}

// patchReport saves the narrative. The store replaces all three texts at
// once, so the fields not sent are taken from the report as it stands —
// which must be the version the client read, or the merge would write
// back texts the client never saw.
func (s *server) patchReport(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var up narrativePatch
	if err := decodePatch(w, r, &up); err != nil {
		return err
	}
	if up.Version <= 0 {
		return errVersion
	}
	cur, err := s.Reports.FindReport(r.Context(), id)
	if err != nil {
		return err
	}
	if cur.Version != up.Version {
		return payesh.Conflict(cur)
	}
	n := payesh.Narrative{Achievements: cur.Achievements, Obstacles: cur.Obstacles, Requests: cur.Requests, Version: up.Version}
	if up.Achievements != nil {
		n.Achievements = *up.Achievements
	}
	if up.Obstacles != nil {
		n.Obstacles = *up.Obstacles
	}
	if up.Requests != nil {
		n.Requests = *up.Requests
	}
	report, err := s.Reports.SaveNarrative(r.Context(), id, n)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, report)
}

// commentInput is one reviewer's remark: on the report as a whole (item
// "") or on one item of it ("obstacles", "work:42", "value:17", …).
type commentInput struct {
	Item string `json:"item"`
	Text string `json:"text"`
}

type reviewInput struct {
	Action   payesh.ReviewAction `json:"action"`
	Comments []commentInput      `json:"comments"`
	Version  int                 `json:"version"`
	// Confirm submits a report whose checklist shows something missing
	// that its round does not require.
	Confirm bool `json:"confirm"`
}

// reviewReport applies one action — submit, approve, return, reopen — with
// its comments, and answers with the report as it now stands. Of two
// reviewers acting on the same version one wins; the other gets 409 with
// the current report.
func (s *server) reviewReport(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in reviewInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	f := map[string]string{}
	if !slices.Contains(reviewActions, in.Action) {
		f["action"] = "err.report.action"
	}
	if in.Version <= 0 {
		f["version"] = "err.version"
	}
	ri := payesh.ReviewInput{Action: in.Action, Version: in.Version, Confirm: in.Confirm}
	for _, c := range in.Comments {
		ri.Comments = append(ri.Comments, payesh.ReviewComment{Item: c.Item, Text: c.Text})
	}
	ri.Normalize()
	if err := withFields(ri.Validate(), f); err != nil {
		return err
	}
	report, err := s.Reports.Review(r.Context(), id, ri)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, report)
}

// withdrawReport takes a submitted report back to draft for its unit, as
// long as no reviewer has acted on it (409 report_reviewed once one has).
func (s *server) withdrawReport(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in versionInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Version <= 0 {
		return errVersion
	}
	report, err := s.Reports.Review(r.Context(), id, payesh.ReviewInput{Action: payesh.ActWithdraw, Version: in.Version})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, report)
}

// reportChecklist says what a report still lacks — empty parts of its
// narrative, evidence, owed values — and what its round requires.
func (s *server) reportChecklist(w http.ResponseWriter, r *http.Request) error {
	return getRow(w, r, s.Reports.Checklist)
}

// listComments returns a report's review comments, oldest first.
func (s *server) listComments(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	comments, err := s.Reports.FindComments(r.Context(), id)
	if err != nil {
		return err
	}
	if comments == nil {
		comments = []*payesh.ReviewComment{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": comments})
}

// reportChain returns the review steps a report actually passes, with the
// unit that reviews each (0 for the secretariat).
func (s *server) reportChain(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	steps, err := s.Reports.ReviewChain(r.Context(), id)
	if err != nil {
		return err
	}
	if steps == nil {
		steps = []payesh.ChainStep{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": steps})
}
