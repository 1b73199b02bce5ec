package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"payesh"
	"payesh/internal/api"
	"payesh/internal/download"
)

// The consolidated opinion of a round (جمع‌بندی نظرات), per clause: the
// response rate, how respondents agreed (counts of 1…5 and the mean), and
// every proposal and comment by respondent — a page made to be printed
// and a PDF printed from it by headless Chromium, as the minutes are
// (meeting_minutes.go), so Persian comes out shaped by the browser.

func serveSendingFile(w http.ResponseWriter, r *http.Request, sd *payesh.ConsultationSending, data []byte) {
	download.Evidence(w, r, api.SendingAsEvidence(sd), data)
}

// consolidatedData is the printable consolidated opinion.
type consolidatedData struct {
	*payesh.Consolidated
	Organization *payesh.OrgUnit
	Generated    time.Time
	// Sendings are where the consolidated opinions were sent.
	Sendings []*payesh.ConsultationSending
}

// Scores are the five points of the agreement scale.
func (consolidatedData) Scores() []int { return []int{1, 2, 3, 4, 5} }

func (s *server) loadConsolidated(r *http.Request) (*consolidatedData, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	round := 0
	if v := r.URL.Query().Get("round"); v != "" {
		if round, err = strconv.Atoi(v); err != nil || round < 1 {
			return nil, payesh.Errorf(payesh.ENOTFOUND, "err.not_found.page")
		}
	}
	co, err := s.Consult.Consolidate(r.Context(), id, round)
	if err != nil {
		if payesh.ErrorCode(err) == payesh.EINVALID {
			return nil, payesh.Errorf(payesh.ENOTFOUND, "err.not_found.page")
		}
		return nil, err
	}
	d := &consolidatedData{Consolidated: co, Generated: s.Now()}
	if ix, err := s.unitIndexOf(r); err == nil {
		// The organization, not a partner: partners are roots too.
		for _, u := range ix.byID {
			if u.ParentID == nil && u.Kind == payesh.UnitOrganization && (d.Organization == nil || u.ID < d.Organization.ID) {
				d.Organization = u
			}
		}
	}
	if d.Sendings, err = s.Consult.FindConsultationSendings(r.Context(), id); err != nil {
		return nil, err
	}
	return d, nil
}

func (s *server) consultationConsolidated(w http.ResponseWriter, r *http.Request) error {
	d, err := s.loadConsolidated(r)
	if err != nil {
		return err
	}
	v := s.newView(r, "ui.consult.consolidated", d)
	v.Title = v.Title + " — " + d.Consultation.Title
	return s.render(w, r, http.StatusOK, "consultation_consolidated", v)
}

// consultationConsolidatedPDF prints the consolidated page as the
// signed-in user sees it (printPDF); without a browser it says so (503)
// and points to the page.
func (s *server) consultationConsolidatedPDF(w http.ResponseWriter, r *http.Request) error {
	d, err := s.loadConsolidated(r) // the user must be able to read it
	if err != nil {
		return err
	}
	page := fmt.Sprintf("/consultations/%d/consolidated", d.Consultation.ID)
	if r.URL.Query().Get("round") != "" {
		page += "?round=" + strconv.Itoa(d.Round)
	}
	return s.printPDF(w, r, page, fmt.Sprintf("consultation-%d-round-%d.pdf", d.Consultation.ID, d.Round),
		func(msg string) error { return s.consolidatedPDFUnavailable(w, r, d, msg) })
}

// consolidatedProblem is the page shown when no PDF could be made.
type consolidatedProblem struct {
	C       *payesh.Consultation
	Message string // key
}

func (s *server) consolidatedPDFUnavailable(w http.ResponseWriter, r *http.Request, d *consolidatedData, msg string) error {
	v := s.newView(r, "ui.summary.pdf_unavailable", consolidatedProblem{C: d.Consultation, Message: msg})
	return s.render(w, r, http.StatusServiceUnavailable, "consultation_pdf_error", v)
}
