package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"payesh"
)

// Consultations (نظرخواهی): the list, the secretariat's form to open one,
// and a consultation's page — for the secretariat its invitees and their
// state, the reminder, the second round, closing and the outgoing log;
// for a respondent its own state and the way to the answer form
// (consultation_answer.go). The consolidated view and its PDF are
// consultation_consolidated.go's.

// consultationsData is the list.
type consultationsData struct {
	Consultations []*payesh.Consultation
	State         string
	Pager         pager
	Today         payesh.Date
}

func (s *server) consultations(w http.ResponseWriter, r *http.Request) error {
	page := pageOf(r, payesh.DefaultLimit)
	d := &consultationsData{State: r.URL.Query().Get("state"), Today: payesh.Today(s.Now())}
	f := payesh.ConsultationFilter{Page: page}
	switch st := payesh.ConsultationState(d.State); st {
	case payesh.ConsultationOpen, payesh.ConsultationClosed:
		f.State = st
	default:
		d.State = ""
	}
	list, total, err := s.Consult.FindConsultations(r.Context(), f)
	if err != nil {
		return err
	}
	d.Consultations, d.Pager = list, newPager(r, total, page)
	return s.render(w, r, http.StatusOK, "consultations", s.newView(r, "ui.consult.list_title", d))
}

// consultationFormData is the form that opens a consultation.
type consultationFormData struct {
	Units     []workOption
	Clauses   []workOption
	Documents []*payesh.Document
	Experts   []expertOption
	form      url.Values
}

// expertOption is a user the secretariat may ask by name, with its unit.
type expertOption struct {
	ID   int64
	Name string
	Unit string
}

// Picked reports whether id is ticked in the form's field.
func (d *consultationFormData) Picked(field string, id int64) bool {
	for _, v := range d.form[field] {
		if v == strconv.FormatInt(id, 10) {
			return true
		}
	}
	return false
}

func (s *server) consultationNew(w http.ResponseWriter, r *http.Request) error {
	if err := configures(r); err != nil {
		return err
	}
	deadline := payesh.Today(s.Now()).AddDays(14)
	return s.renderConsultationForm(w, r, http.StatusOK, url.Values{"deadline": {deadline.JalaliString()}}, nil)
}

func (s *server) renderConsultationForm(w http.ResponseWriter, r *http.Request, status int, form url.Values, errs map[string]string) error {
	d := &consultationFormData{form: form}
	var err error
	var units map[int64]*payesh.OrgUnit
	if d.Units, units, err = s.workUnits(r); err != nil {
		return err
	}
	if d.Clauses, err = s.workClauses(r); err != nil {
		return err
	}
	if d.Documents, _, err = s.Documents.FindDocuments(r.Context(), payesh.DocumentFilter{Page: payesh.Page{Limit: payesh.MaxLimit}}); err != nil {
		return err
	}
	experts, err := s.Consult.FindExperts(r.Context())
	if err != nil {
		return err
	}
	for _, u := range experts {
		o := expertOption{ID: u.ID, Name: u.Name}
		if unit := units[u.UnitID]; unit != nil {
			o.Unit = pick(langOf(r), unit.NameFA, unit.NameEN)
		}
		d.Experts = append(d.Experts, o)
	}
	v := s.newView(r, "ui.consult.new", d)
	v.Form, v.Errors = form, errs
	return s.render(w, r, status, "consultation_new", v)
}

// consultationCreate opens the consultation and shows it.
func (s *server) consultationCreate(w http.ResponseWriter, r *http.Request) error {
	if err := configures(r); err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	in := payesh.ConsultationInput{Title: f.String("title"), Description: f.r.PostForm.Get("description"),
		ClauseIDs: f.IDs("clause_ids"), UnitIDs: f.IDs("unit_ids"), ExpertIDs: f.IDs("expert_ids"), Deadline: f.Date("deadline")}
	if doc := f.ID("document_id"); doc > 0 {
		in.DocumentID = &doc
	}
	var c *payesh.Consultation
	if err = f.Err(); err == nil {
		c, err = s.Consult.CreateConsultation(r.Context(), in)
	}
	if errs, ok := fieldErrors(err); ok {
		return s.renderConsultationForm(w, r, http.StatusBadRequest, r.PostForm, errs)
	} else if err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/consultations/%d?flash=ui.consult.flash.created", c.ID))
}

// consultationData is a consultation's page.
type consultationData struct {
	C         *payesh.Consultation
	Configure bool
	// Mine are the invitees the user answers or reads for.
	Mine     []*payesh.Invitee
	Sendings []sendingRow
	Today    payesh.Date
	// Late counts the invitees without a submitted response: those a
	// reminder reaches.
	Late int
	// Past says the current round's deadline has passed.
	Past bool
}

func (s *server) loadConsultation(r *http.Request) (*consultationData, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	c, err := s.Consult.FindConsultation(r.Context(), id)
	if err != nil {
		return nil, err
	}
	me := user(r)
	d := &consultationData{C: c, Configure: me.CanConfigure(), Today: payesh.Today(s.Now())}
	d.Past = d.Today.After(c.Deadline)
	for _, i := range c.Invitees {
		if i.ReadsFor(me) {
			d.Mine = append(d.Mine, i)
		}
		if i.State != payesh.ResponseSubmitted {
			d.Late++
		}
	}
	sendings, err := s.Consult.FindConsultationSendings(r.Context(), id)
	if err != nil {
		return nil, err
	}
	for _, sd := range sendings {
		row := sendingRow{ConsultationSending: sd}
		for _, it := range c.Items {
			if sd.ClauseID != nil && it.Key() == *sd.ClauseID {
				row.Number = it.Number
			}
		}
		d.Sendings = append(d.Sendings, row)
	}
	return d, nil
}

// sendingRow is a sending with the number of the clause whose opinion it
// carried ("" for the whole consultation).
type sendingRow struct {
	*payesh.ConsultationSending
	Number string
}

// Rate is the current round's response rate.
func (d *consultationData) Rate() float64 { return payesh.RateOf(d.C.Answered, d.C.Invited) }

func (s *server) consultation(w http.ResponseWriter, r *http.Request) error {
	return s.renderConsultation(w, r, http.StatusOK, nil, nil)
}

// renderConsultation shows the page; after a refused form, with what was
// typed and the messages beside the fields of the form named "form".
func (s *server) renderConsultation(w http.ResponseWriter, r *http.Request, status int, form url.Values, errs map[string]string) error {
	d, err := s.loadConsultation(r)
	if err != nil {
		return err
	}
	v := s.newView(r, "ui.consult.title", d)
	v.Title = d.C.Title
	v.Form, v.Errors = form, errs
	return s.render(w, r, status, "consultation", v)
}

// consultationFailed shows the page again after a refused form; a
// conflict (closed, past the deadline, everyone answered) is told in the
// form's place too, since the page says what to do next.
func (s *server) consultationFailed(w http.ResponseWriter, r *http.Request, err error) error {
	errs, ok := fieldErrors(err)
	if !ok {
		if payesh.ErrorCode(err) != payesh.ECONFLICT {
			return err
		}
		errs = map[string]string{"form": payesh.ErrorMessage(err)}
	}
	if errs["form"] == "" && len(errs) > 0 {
		errs["form"] = "err.invalid"
	}
	return s.renderConsultation(w, r, http.StatusBadRequest, r.PostForm, errs)
}

// consultationRemind reminds those who have not answered.
func (s *server) consultationRemind(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := configures(r); err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	if _, err := s.Consult.RemindConsultation(r.Context(), id, f.String("note")); err != nil {
		return s.consultationFailed(w, r, err)
	}
	return redirect(w, r, fmt.Sprintf("/consultations/%d?flash=ui.consult.flash.reminded#invitees", id))
}

// consultationRound opens the second round.
func (s *server) consultationRound(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := configures(r); err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	in := payesh.RoundInput{Deadline: f.Date("deadline"), Version: f.Int("version")}
	if err = f.Err(); err == nil {
		_, err = s.Consult.OpenSecondRound(r.Context(), id, in)
	}
	if err != nil {
		if payesh.ErrorCode(err) == payesh.ECONFLICT && payesh.ErrorMessage(err) == "err.version_conflict" {
			err = payesh.Errorf(payesh.ECONFLICT, "err.consult.stale")
		}
		return s.consultationFailed(w, r, err)
	}
	return redirect(w, r, fmt.Sprintf("/consultations/%d?flash=ui.consult.flash.round", id))
}

// consultationClose closes the consultation.
func (s *server) consultationClose(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := configures(r); err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	version := f.Int("version")
	if err = f.Err(); err == nil {
		_, err = s.Consult.CloseConsultation(r.Context(), id, version)
	}
	if err != nil {
		if payesh.ErrorCode(err) == payesh.ECONFLICT && payesh.ErrorMessage(err) == "err.version_conflict" {
			err = payesh.Errorf(payesh.ECONFLICT, "err.consult.stale")
		}
		return s.consultationFailed(w, r, err)
	}
	return redirect(w, r, fmt.Sprintf("/consultations/%d?flash=ui.consult.flash.closed", id))
}

// consultationSending records where a consolidated opinion went, with
// the file sent.
func (s *server) consultationSending(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := configures(r); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, evidenceBodyLimit)
	name, file, err := formUpload(r)
	if err == nil {
		if r.PostForm == nil {
			if err = r.ParseForm(); err != nil {
				err = errBadForm
			}
		}
	}
	if err == nil {
		f := &form{r: r, errors: map[string]string{}}
		sd := &payesh.ConsultationSending{ConsultationID: id, Recipient: f.String("recipient"), SentOn: f.Date("sent_on"),
			LetterNo: f.String("letter_no"), Note: f.String("note")}
		if c := f.ID("clause_id"); c > 0 {
			sd.ClauseID = &c
		}
		var up *payesh.Upload
		if file != nil {
			up = &payesh.Upload{Name: name, Content: file}
		}
		if err = f.Err(); err == nil {
			err = s.Consult.AddConsultationSending(r.Context(), sd, up)
		}
	}
	if err != nil {
		return s.consultationFailed(w, r, err)
	}
	return redirect(w, r, fmt.Sprintf("/consultations/%d?flash=ui.consult.flash.sent#sendings", id))
}

// consultationFileDownload serves the file a sending kept.
func (s *server) consultationFileDownload(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	sd, data, err := s.Consult.OpenConsultationFile(r.Context(), id)
	if err != nil {
		return err
	}
	serveSendingFile(w, r, sd, data)
	return nil
}

// clauseConsultations is the clause page's section: the consultations on
// the clause the reader reads, and the consolidated opinions sent.
type clauseConsultations struct {
	List []*payesh.ClauseConsultation
	Open []*payesh.ClauseConsultation
	Sent []*payesh.ConsultationSending
}

func (s *server) loadClauseConsultations(r *http.Request, clauseID int64) (*clauseConsultations, error) {
	list, err := s.Consult.FindClauseConsultations(r.Context(), clauseID)
	if err != nil {
		return nil, err
	}
	out := &clauseConsultations{List: list}
	for _, cc := range list {
		if cc.Consultation.State == payesh.ConsultationOpen {
			out.Open = append(out.Open, cc)
		}
		out.Sent = append(out.Sent, cc.Sendings...)
	}
	return out, nil
}
