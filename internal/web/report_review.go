package web

import (
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"

	"payesh"
)

// reportReview applies one action — submit, approve, return, reopen,
// withdraw — with the comments typed for it; a submit from the checklist
// step carries confirm=1. Comment fields are named "c." plus their
// item: "c." for the report as a whole, "c.obstacles", "c.work:42";
// only the ones with text are sent.
func (s *server) reportReview(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	in := payesh.ReviewInput{Action: payesh.ReviewAction(f.String("action")), Version: f.Int("version"),
		Comments: reviewComments(f), Confirm: f.String("confirm") == "1"}
	if err := f.Err(); err != nil {
		return s.reportFailed(w, r, id, err)
	}
	if _, err := s.Reports.Review(r.Context(), id, in); err != nil {
		if payesh.ErrorCode(err) == payesh.ESELFREVIEW {
			return s.reviewRefused(w, r, id, err)
		}
		return s.reportFailed(w, r, id, err)
	}
	flash := map[payesh.ReviewAction]string{
		payesh.ActSubmit: "ui.report.flash.submitted", payesh.ActApprove: "ui.report.flash.approved",
		payesh.ActReturn: "ui.report.flash.returned", payesh.ActReopen: "ui.report.flash.reopened",
		payesh.ActWithdraw: "ui.report.flash.withdrawn",
	}[in.Action]
	return redirect(w, r, fmt.Sprintf("/reports/%d?flash=%s", id, flash))
}

// reviewRefused shows the report again, 403, when the store refused an
// approval or return by separation of duties: the reason where the review
// form was, nothing of it to press.
func (s *server) reviewRefused(w http.ResponseWriter, r *http.Request, id int64, err error) error {
	d, lerr := s.loadReport(r, id)
	if lerr != nil {
		return lerr
	}
	d.CanReview, d.Duty, d.DutyRefused = false, payesh.ErrorMessage(err), true
	return s.render(w, r, http.StatusForbidden, "report", s.reportView(r, d, nil))
}

// commentItem is what a comment may be about: the report (""), a part of
// its narrative, or one of its work items, values or files.
var commentItem = regexp.MustCompile(`^(|achievements|obstacles|requests|(work|value|evidence):[1-9][0-9]*)$`)

// reviewComments reads the comment fields that show some text — a field
// of spaces and zero-width characters is as empty as one left blank — the
// report's own first, then the narrative's in reading order, then the
// rest; a field naming no possible item is ignored.
func reviewComments(f *form) []payesh.ReviewComment {
	var out []payesh.ReviewComment
	for key, vals := range f.r.PostForm {
		item, ok := strings.CutPrefix(key, "c.")
		text := payesh.NormalizeText(strings.Join(vals, "\n"))
		if !ok || text == "" || !commentItem.MatchString(item) {
			continue
		}
		out = append(out, payesh.ReviewComment{Item: item, Text: text})
	}
	rank := func(item string) int {
		switch item {
		case "":
			return 0
		case "achievements":
			return 1
		case "obstacles":
			return 2
		case "requests":
			return 3
		}
		return 4
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Item, out[j].Item
		if rank(a) != rank(b) {
			return rank(a) < rank(b)
		}
		return a < b
	})
	return out
}
