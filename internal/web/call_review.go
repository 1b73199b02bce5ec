package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"payesh"
	"payesh/internal/download"
	"payesh/internal/login"
)

// The reviewer's page: reached by the link the secretariat sent, with no
// sign-in and no session. It shows the call, the papers assigned to the
// reviewer with their files, and a review form for each; nothing else of
// the site is theirs (the page carries no navigation, and every other
// page still asks for a sign-in). A link unknown, expired or revoked is a
// page that says so, in Persian first, with 404 or 410.

type reviewData struct {
	Desk     *payesh.ReviewerDesk
	Link     string // the path the forms post under
	Verdicts []payesh.Verdict
	Scores   []int
	// Ended is the message key of a link that no longer works.
	Ended string
}

// Own is the reviewer's review of a paper, if posted.
func (d *reviewData) Own(s *payesh.Submission) *payesh.PaperReview {
	if len(s.Reviews) > 0 {
		return s.Reviews[0]
	}
	return nil
}

// AxisTitle names a paper's axis.
func (d *reviewData) AxisTitle(n int) string { return d.Desk.Call.AxisTitle(n) }

// withLink runs fn for the link in the path, counted per client address
// like a sign-in (login.Guard.Link).
func (s *server) withLink(w http.ResponseWriter, r *http.Request, fn func(secret string) error) error {
	w.Header().Set("Referrer-Policy", "no-referrer")
	err := s.Logins.Link(r.Context(), s.ClientIP(r), func() error { return fn(r.PathValue("link")) })
	var limited *login.LimitError
	if errors.As(err, &limited) {
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int(limited.Wait.Seconds()+0.999))))
	}
	return err
}

func (s *server) reviewPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderReview(w, r, http.StatusOK, nil, nil)
}

// renderReview shows the reviewer's page, or the page of a link that no
// longer works.
func (s *server) renderReview(w http.ResponseWriter, r *http.Request, status int, form url.Values, errs map[string]string) error {
	var desk *payesh.ReviewerDesk
	err := s.withLink(w, r, func(secret string) (err error) {
		desk, err = s.Calls.ReviewerDesk(r.Context(), secret)
		return err
	})
	d := &reviewData{Desk: desk, Link: "/review/" + r.PathValue("link"), Verdicts: payesh.Verdicts, Scores: []int{1, 2, 3, 4, 5}}
	switch code := payesh.ErrorCode(err); code {
	case "":
	case payesh.ENOTFOUND, payesh.EGONE:
		// The link's own page, not the site's error page: the reviewer
		// has no account and nowhere else to go.
		d.Ended, status = payesh.ErrorMessage(err), http.StatusNotFound
		if code == payesh.EGONE {
			status = http.StatusGone
		}
		d.Link = ""
	default:
		return err
	}
	v := s.newView(r, "ui.review.title", d)
	v.User = nil // the page is the link's, never a session's
	v.Form, v.Errors = form, errs
	return s.render(w, r, status, "call_review", v)
}

// reviewFile serves the file of a paper assigned to the link's reviewer.
func (s *server) reviewFile(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var f *payesh.CallFile
	var data []byte
	if err := s.withLink(w, r, func(secret string) (err error) {
		f, data, err = s.Calls.OpenReviewerFile(r.Context(), secret, id)
		return err
	}); err != nil {
		if payesh.ErrorCode(err) == payesh.EGONE {
			return s.renderReview(w, r, http.StatusGone, nil, nil)
		}
		return err
	}
	download.Evidence(w, r, f.Evidence(), data)
	return nil
}

// reviewPost records the reviewer's review of one paper.
func (s *server) reviewPost(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	in := payesh.PaperReviewInput{Score: f.Int("score"), Verdict: payesh.Verdict(f.String("verdict")), Comment: f.String("comment")}
	if err = f.Err(); err == nil {
		err = s.withLink(w, r, func(secret string) error {
			_, err := s.Calls.PostReview(r.Context(), secret, id, in)
			return err
		})
	}
	switch code := payesh.ErrorCode(err); {
	case err == nil:
		return redirect(w, r, fmt.Sprintf("/review/%s?flash=ui.review.flash.saved#paper-%d", url.PathEscape(r.PathValue("link")), id))
	case code == payesh.EGONE:
		return s.renderReview(w, r, http.StatusGone, nil, nil)
	case code == payesh.EINVALID || code == payesh.ECONFLICT:
		errs, ok := fieldErrors(err)
		if !ok {
			errs = map[string]string{"form": payesh.ErrorMessage(err)}
		}
		if errs["form"] == "" {
			errs["form"] = "err.invalid"
		}
		form := r.PostForm
		form.Set("paper", strconv.FormatInt(id, 10))
		status := http.StatusBadRequest
		if code == payesh.ECONFLICT {
			status = http.StatusConflict
		}
		return s.renderReview(w, r, status, form, errs)
	}
	return err
}

// Day is the Tehran calendar day of an instant.
func (d *reviewData) Day(t time.Time) payesh.Date { return payesh.Today(t) }
