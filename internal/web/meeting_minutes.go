package web

import (
	"fmt"
	"net/http"
	"time"

	"payesh"
	"payesh/internal/api"
	"payesh/internal/download"
)

// The minutes (صورتجلسه) in the customary form — a header with the body,
// the session's number, date and place; who attended and who was absent;
// the agenda; the resolutions with their owner and deadline; signature
// lines — as a page made to be printed and as a PDF printed from it by
// headless Chromium, the round summary's path (round_pdf.go), so Persian
// comes out shaped by the browser.

func serveMeetingFile(w http.ResponseWriter, r *http.Request, f *payesh.MeetingFile, data []byte) {
	download.Evidence(w, r, api.AsEvidence(f), data)
}

// minutesData is the printable minutes.
type minutesData struct {
	*meetingData
	Organization *payesh.OrgUnit
	Generated    time.Time
	// Signers are the signature lines: the chair, the secretary, then
	// every attendee.
	Signers []payesh.Participant
}

func (s *server) meetingMinutes(w http.ResponseWriter, r *http.Request) error {
	d, err := s.loadMeeting(r)
	if err != nil {
		return err
	}
	md := &minutesData{meetingData: d, Generated: s.Now()}
	if ix, err := s.unitIndexOf(r); err == nil {
		// The organization, not a partner: partners are roots too.
		for _, u := range ix.byID {
			if u.ParentID == nil && u.Kind == payesh.UnitOrganization && (md.Organization == nil || u.ID < md.Organization.ID) {
				md.Organization = u
			}
		}
	}
	for _, role := range []payesh.PersonRole{payesh.RoleChair, payesh.RoleSecretary, payesh.RoleAttendee} {
		md.Signers = append(md.Signers, d.Meeting.PeopleIn(role)...)
	}
	v := s.newView(r, "ui.minutes.title", md)
	v.Title = v.Title + " — " + d.Meeting.Title
	return s.render(w, r, http.StatusOK, "meeting_minutes", v)
}

// meetingMinutesPDF prints the minutes page as the signed-in user sees
// it (printPDF); without a browser it says so (503) and points to the page.
func (s *server) meetingMinutesPDF(w http.ResponseWriter, r *http.Request) error {
	d, err := s.loadMeeting(r) // the user must be able to read the meeting
	if err != nil {
		return err
	}
	return s.printPDF(w, r, fmt.Sprintf("/meetings/%d/minutes", d.Meeting.ID), fmt.Sprintf("meeting-%d-minutes.pdf", d.Meeting.ID),
		func(msg string) error { return s.minutesPDFUnavailable(w, r, d, msg) })
}

// minutesProblem is the page shown when no PDF could be made.
type minutesProblem struct {
	Meeting *payesh.Meeting
	Message string // key
}

func (s *server) minutesPDFUnavailable(w http.ResponseWriter, r *http.Request, d *meetingData, msg string) error {
	v := s.newView(r, "ui.summary.pdf_unavailable", minutesProblem{Meeting: d.Meeting, Message: msg})
	return s.render(w, r, http.StatusServiceUnavailable, "meeting_pdf_error", v)
}
