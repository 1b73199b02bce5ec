package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"payesh"
)

// The respondent's answer form: per item (a clause, or the draft document
// as a whole) a 1–5 agreement, a comment and a proposal; saved as a draft
// or sent. In the second round each item shows how the first round
// agreed, and the respondent's own first answers.

// answerRow is one item of the form with what it holds.
type answerRow struct {
	N      int // the item's place, for field names: a0.agreement …
	Item   payesh.ConsultationItem
	Answer payesh.Answer // saved, or as posted after an error
	// Earlier is the respondent's own first-round answer; First the
	// first round's distribution (round 2 only).
	Earlier *payesh.Answer
	First   *payesh.Distribution
}

// Scores are the five points of the agreement scale.
func (answerRow) Scores() []int { return []int{1, 2, 3, 4, 5} }

// answerData is the form's page.
type answerData struct {
	Form *payesh.ResponseForm
	Rows []*answerRow
}

// Field names the form field of row n.
func (answerRow) field(n int, name string) string { return "a" + strconv.Itoa(n) + "." + name }

// Field is the name of the row's field.
func (a *answerRow) Field(name string) string { return a.field(a.N, name) }

func (s *server) consultationAnswer(w http.ResponseWriter, r *http.Request) error {
	return s.renderAnswer(w, r, http.StatusOK, nil, nil)
}

func (s *server) renderAnswer(w http.ResponseWriter, r *http.Request, status int, posted []payesh.Answer, errs map[string]string) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	invitee, _ := strconv.ParseInt(r.FormValue("invitee"), 10, 64)
	form, err := s.Consult.FindResponseForm(r.Context(), id, invitee)
	if err != nil {
		return err
	}
	d := &answerData{Form: form}
	for n, it := range form.Consultation.Items {
		row := &answerRow{N: n, Item: it, Answer: form.Response.Answer(it.Key())}
		if form.Response == nil && form.Earlier != nil {
			// Round 2 starts from the respondent's own first answers.
			row.Answer = form.Earlier.Answer(it.Key())
		}
		if posted != nil {
			row.Answer = posted[n]
		}
		if form.Earlier != nil {
			a := form.Earlier.Answer(it.Key())
			row.Earlier = &a
		}
		if n < len(form.FirstRound) {
			row.First = &form.FirstRound[n]
		}
		d.Rows = append(d.Rows, row)
	}
	v := s.newView(r, "ui.consult.answer_title", d)
	v.Title = v.Title + " — " + form.Consultation.Title
	v.Errors = errs
	v.Form = url.Values{}
	return s.render(w, r, status, "consultation_answer", v)
}

// consultationAnswerSave saves the answers, as a draft or sent.
func (s *server) consultationAnswerSave(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	c, err := s.Consult.FindConsultation(r.Context(), id)
	if err != nil {
		return err
	}
	in := payesh.ResponseInput{InviteeID: f.ID("invitee"), Version: f.Int("version"), Submit: f.String("submit") == "1"}
	for n, it := range c.Items {
		a := payesh.Answer{ClauseID: it.ClauseID, Comment: f.r.PostForm.Get(answerRow{}.field(n, "comment")),
			Proposal: f.r.PostForm.Get(answerRow{}.field(n, "proposal"))}
		if v := f.String(answerRow{}.field(n, "agreement")); v != "" && v != "0" {
			a.Agreement = f.Int(answerRow{}.field(n, "agreement"))
			if a.Agreement < 1 || a.Agreement > 5 {
				f.fail(answerRow{}.field(n, "agreement"), "err.consultation.agreement")
			}
		}
		in.Answers = append(in.Answers, a)
	}
	if err = f.Err(); err == nil {
		_, err = s.Consult.SaveResponse(r.Context(), id, in)
	}
	if err != nil {
		errs, ok := fieldErrors(err)
		if !ok {
			if payesh.ErrorCode(err) != payesh.ECONFLICT {
				return err
			}
			key := payesh.ErrorMessage(err)
			if key == "err.version_conflict" {
				key = "err.consult.answer_stale"
			}
			errs = map[string]string{"form": key}
		}
		// answers.N.field from the store names the form's aN.field.
		for k, v := range errs {
			var n int
			var field string
			if _, err := fmt.Sscanf(k, "answers.%d.%s", &n, &field); err == nil {
				errs[answerRow{}.field(n, field)] = v
			}
		}
		if errs["form"] == "" {
			errs["form"] = "err.invalid"
		}
		return s.renderAnswer(w, r, http.StatusBadRequest, in.Answers, errs)
	}
	flash := "ui.consult.flash.saved"
	if in.Submit {
		flash = "ui.consult.flash.submitted"
	}
	return redirect(w, r, fmt.Sprintf("/consultations/%d?flash=%s", id, flash))
}
