package api

import (
	"mime"
	"net/http"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/download"
)

// Consultations (issue 15): the secretariat opens, reminds, runs the
// second round, closes, reads the consolidated opinion and records where
// it went; invitees read and answer. The store authorizes.

// consultationJSON adds the Jalali deadline people read.
type consultationJSON struct {
	*payesh.Consultation
	DeadlineJalali *string `json:"deadline_jalali"`
}

func presentConsultation(c *payesh.Consultation) consultationJSON {
	return consultationJSON{c, jalaliOf(c.Deadline)}
}

func (s *server) listConsultations(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := payesh.ConsultationFilter{State: enum(q, "state", func(st payesh.ConsultationState) bool {
		return st == payesh.ConsultationOpen || st == payesh.ConsultationClosed
	}), ClauseID: q.id("clause"), Page: q.page()}
	if err := q.err(); err != nil {
		return err
	}
	list, total, err := s.Consult.FindConsultations(r.Context(), f)
	if err != nil {
		return err
	}
	out := make([]consultationJSON, len(list))
	for i, c := range list {
		out[i] = presentConsultation(c)
	}
	return writeList(w, out, total, f.Page)
}

func (s *server) createConsultation(w http.ResponseWriter, r *http.Request) error {
	var in payesh.ConsultationInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	c, err := s.Consult.CreateConsultation(r.Context(), in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/consultations/"+strconv.FormatInt(c.ID, 10))
	return writeJSON(w, http.StatusCreated, presentConsultation(c))
}

func (s *server) getConsultation(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	c, err := s.Consult.FindConsultation(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, presentConsultation(c))
}

func (s *server) closeConsultation(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in versionInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	c, err := s.Consult.CloseConsultation(r.Context(), id, in.Version)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, presentConsultation(c))
}

// openConsultationRound opens the second (Delphi) round.
func (s *server) openConsultationRound(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in payesh.RoundInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	c, err := s.Consult.OpenSecondRound(r.Context(), id, in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, presentConsultation(c))
}

// remindInput is a reminder's note.
type remindInput struct {
	Note string `json:"note"`
}

func (s *server) remindConsultation(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in remindInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	rem, err := s.Consult.RemindConsultation(r.Context(), id, in.Note)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, rem)
}

// roundQuery reads ?round=, 0 when absent (the current round).
func roundQuery(q *query) int {
	s := q.str("round")
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > payesh.MaxRounds {
		q.bad("round")
		return 0
	}
	return n
}

// listConsultationAnswers is a round's responses — all for the
// secretariat, the caller's own for a respondent — and, for a
// respondent, its form: the first round's distribution in round 2.
func (s *server) listConsultationAnswers(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	q := newQuery(r)
	round := roundQuery(q)
	if err := q.err(); err != nil {
		return err
	}
	list, err := s.Consult.FindResponses(r.Context(), id, round)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list})
}

// getConsultationForm is what the caller answers with.
func (s *server) getConsultationForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	q := newQuery(r)
	invitee := q.id("invitee")
	if err := q.err(); err != nil {
		return err
	}
	f, err := s.Consult.FindResponseForm(r.Context(), id, invitee)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, f)
}

// putConsultationAnswers saves the caller's answers of the current round.
func (s *server) putConsultationAnswers(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in payesh.ResponseInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	resp, err := s.Consult.SaveResponse(r.Context(), id, in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, resp)
}

func (s *server) getConsolidated(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	q := newQuery(r)
	round := roundQuery(q)
	if err := q.err(); err != nil {
		return err
	}
	c, err := s.Consult.Consolidate(r.Context(), id, round)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

func (s *server) listConsultationSendings(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	list, err := s.Consult.FindConsultationSendings(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list})
}

// consultationSendingInput is a sending as JSON, without a file.
type consultationSendingInput struct {
	ClauseID  *int64      `json:"clause_id"`
	Recipient string      `json:"recipient"`
	SentOn    payesh.Date `json:"sent_on"`
	LetterNo  string      `json:"letter_no"`
	Note      string      `json:"note"`
}

// createConsultationSending records a sending: JSON, or
// multipart/form-data with the same fields and a part "file".
func (s *server) createConsultationSending(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in consultationSendingInput
	var file *payesh.Upload
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		// Only the secretariat records sendings: refused before the file
		// is read.
		if !payesh.UserFrom(r.Context()).CanConfigure() {
			return payesh.ErrForbidden
		}
		if r.ContentLength > maxUpload {
			return errFileTooLarge
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
		if in, file, err = readSendingForm(r); err != nil {
			return err
		}
	} else if err := decode(w, r, &in); err != nil {
		return err
	}
	sd := &payesh.ConsultationSending{ConsultationID: id, ClauseID: in.ClauseID, Recipient: in.Recipient, SentOn: in.SentOn,
		LetterNo: in.LetterNo, Note: in.Note}
	if err := s.Consult.AddConsultationSending(r.Context(), sd, file); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, sd)
}

// readSendingForm reads a sending sent with a file.
func readSendingForm(r *http.Request) (consultationSendingInput, *payesh.Upload, error) {
	var in consultationSendingInput
	form, err := readMultipart(r, "recipient", "letter_no", "note", "sent_on", "clause_id")
	if err != nil {
		return in, nil, err
	}
	f := map[string]string{}
	for name, v := range form.Fields {
		v = strings.TrimSpace(v)
		switch name {
		case "recipient":
			in.Recipient = v
		case "letter_no":
			in.LetterNo = v
		case "note":
			in.Note = v
		case "sent_on":
			if v != "" {
				d, err := payesh.ParseDate(v)
				if err != nil {
					f[name] = "err.bad_date"
				}
				in.SentOn = d
			}
		case "clause_id":
			if v != "" {
				n, err := strconv.ParseInt(v, 10, 64)
				if err != nil || n <= 0 {
					f[name] = "err.bad_id"
				}
				in.ClauseID = &n
			}
		}
	}
	return in, form.File, payesh.Invalid(f)
}

// downloadConsultationFile serves the file a sending kept, as evidence
// is served.
func (s *server) downloadConsultationFile(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	sd, data, err := s.Consult.OpenConsultationFile(r.Context(), id)
	if err != nil {
		return err
	}
	download.Evidence(w, r, SendingAsEvidence(sd), data)
	return nil
}

// SendingAsEvidence is a sending's file as download.Evidence serves it.
func SendingAsEvidence(sd *payesh.ConsultationSending) *payesh.Evidence {
	return &payesh.Evidence{ID: sd.ID, Name: sd.FileName, ContentType: sd.FileContentType, Size: sd.FileSize,
		SHA256: sd.FileSHA256, CreatedAt: sd.CreatedAt}
}

func (s *server) listClauseConsultations(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	list, err := s.Consult.FindClauseConsultations(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list})
}
