package api

import (
	"bytes"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/download"
)

// Bodies, meetings, agendas, resolutions and their closure (issue 14).
// The store authorizes: the secretariat and admins configure and decide;
// whoever may report on a resolution asks to close it.

func (s *server) listBodies(w http.ResponseWriter, r *http.Request) error {
	list, err := s.Meetings.FindBodies(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list})
}

// bodyInput is what a client sets when creating a body.
type bodyInput struct {
	Code    string              `json:"code"`
	NameFA  string              `json:"name_fa"`
	NameEN  string              `json:"name_en"`
	UnitID  *int64              `json:"unit_id"`
	Note    string              `json:"note"`
	Members []payesh.BodyMember `json:"members"`
}

func (s *server) createBody(w http.ResponseWriter, r *http.Request) error {
	var in bodyInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	b := &payesh.Body{Code: in.Code, NameFA: in.NameFA, NameEN: in.NameEN, UnitID: in.UnitID, Note: in.Note, Members: in.Members}
	if err := s.Meetings.CreateBody(r.Context(), b); err != nil {
		return err
	}
	return writeCreated(w, prefix+"/bodies", b.ID, b)
}

func (s *server) getBody(w http.ResponseWriter, r *http.Request) error {
	return getRow(w, r, s.Meetings.FindBody)
}

// meetingInput is a meeting as a client writes it: the body on create,
// the version on replace.
type meetingInput struct {
	BodyID    int64                `json:"body_id"`
	Number    string               `json:"number"`
	Kind      payesh.MeetingKind   `json:"kind"`
	Title     string               `json:"title"`
	HeldOn    payesh.Date          `json:"held_on"`
	StartTime string               `json:"start_time"`
	Place     string               `json:"place"`
	Minutes   string               `json:"minutes"`
	People    []payesh.Participant `json:"people"`
	Version   int                  `json:"version"`
}

func (in meetingInput) meeting() *payesh.Meeting {
	return &payesh.Meeting{BodyID: in.BodyID, Number: in.Number, Kind: in.Kind, Title: in.Title, HeldOn: in.HeldOn,
		StartTime: in.StartTime, Place: in.Place, Minutes: in.Minutes, People: in.People, Version: in.Version}
}

// meetingJSON adds the Jalali date people read.
type meetingJSON struct {
	*payesh.Meeting
	HeldOnJalali *string `json:"held_on_jalali"`
}

func presentMeeting(m *payesh.Meeting) meetingJSON { return meetingJSON{m, jalaliOf(m.HeldOn)} }

func (s *server) listMeetings(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := payesh.MeetingFilter{BodyID: q.id("body"), Page: q.page()}
	if err := q.err(); err != nil {
		return err
	}
	list, total, err := s.Meetings.FindMeetings(r.Context(), f)
	if err != nil {
		return err
	}
	out := make([]meetingJSON, len(list))
	for i, m := range list {
		out[i] = presentMeeting(m)
	}
	p := f.Page.Normalized()
	return writeJSON(w, http.StatusOK, listJSON{Items: out, Total: total, Limit: p.Limit, Offset: p.Offset})
}

func (s *server) createMeeting(w http.ResponseWriter, r *http.Request) error {
	var in meetingInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Version != 0 {
		return invalid("err.invalid", "version", "err.unknown_field")
	}
	m := in.meeting()
	if err := s.Meetings.CreateMeeting(r.Context(), m); err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/meetings/"+strconv.FormatInt(m.ID, 10))
	return writeJSON(w, http.StatusCreated, presentMeeting(m))
}

func (s *server) getMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	m, err := s.Meetings.FindMeeting(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, presentMeeting(m))
}

// putMeeting replaces a meeting's fields and people at its version.
func (s *server) putMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in meetingInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Version <= 0 {
		return errVersion
	}
	m, err := s.Meetings.UpdateMeeting(r.Context(), id, in.meeting())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, presentMeeting(m))
}

// agendaInput is one agenda item as a client adds it.
type agendaInput struct {
	Title          string  `json:"title"`
	Note           string  `json:"note"`
	ClauseIDs      []int64 `json:"clause_ids"`
	ReviewsEarlier bool    `json:"reviews_earlier"`
}

func (s *server) addAgendaItem(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in agendaInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	a := &payesh.AgendaItem{Title: in.Title, Note: in.Note, ClauseIDs: in.ClauseIDs, ReviewsEarlier: in.ReviewsEarlier}
	if err := s.Meetings.AddAgendaItem(r.Context(), id, a); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, a)
}

// resolutionJSON is a resolution with its work item's Jalali dates.
type resolutionJSON struct {
	*workItemJSON
	MeetingID    *int64          `json:"meeting_id"`
	AgendaItemID *int64          `json:"agenda_item_id"`
	Closure      *payesh.Closure `json:"closure"`
}

func presentResolutions(list []*payesh.Resolution) []resolutionJSON {
	out := make([]resolutionJSON, len(list))
	for i, res := range list {
		out[i] = resolutionJSON{presentWorkItem(res.WorkItem), res.MeetingID, res.AgendaItemID, res.Closure}
	}
	return out
}

func (s *server) listResolutions(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	list, err := s.Meetings.FindResolutions(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": presentResolutions(list)})
}

func (s *server) listEarlierResolutions(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	list, err := s.Meetings.EarlierOpenResolutions(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": presentResolutions(list)})
}

// resolutionInput is a work item's fields with the agenda item it
// answers; the kind is always resolution.
type resolutionInput struct {
	AgendaItemID   *int64      `json:"agenda_item_id"`
	Code           string      `json:"code"`
	Title          string      `json:"title"`
	Description    string      `json:"description"`
	OwnerUnitID    int64       `json:"owner_unit_id"`
	PartnerUnitIDs []int64     `json:"partner_unit_ids"`
	ClauseIDs      []int64     `json:"clause_ids"`
	StartDate      payesh.Date `json:"start_date"`
	DueDate        payesh.Date `json:"due_date"`
}

func (s *server) createResolution(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in resolutionInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	item := &payesh.WorkItem{Code: in.Code, Title: in.Title, Description: in.Description, OwnerUnitID: in.OwnerUnitID,
		PartnerUnitIDs: in.PartnerUnitIDs, ClauseIDs: in.ClauseIDs, StartDate: in.StartDate, DueDate: in.DueDate}
	res, err := s.Meetings.CreateResolution(r.Context(), id, in.AgendaItemID, item)
	if err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/work-items/"+strconv.FormatInt(res.ID, 10))
	return writeJSON(w, http.StatusCreated, presentResolutions([]*payesh.Resolution{res})[0])
}

// uploadMinutes keeps the signed minutes, one multipart part "file".
func (s *server) uploadMinutes(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := s.Meetings.FindMeeting(r.Context(), id); err != nil {
		return err
	}
	// Only the secretariat keeps minutes: refused before the file is read.
	if !payesh.UserFrom(r.Context()).CanConfigure() {
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
	f, err := s.Meetings.AddMinutesFile(r.Context(), id, payesh.Upload{Name: name, Content: bytes.NewReader(data)})
	if err != nil {
		return err
	}
	return writeCreated(w, prefix+"/meeting-files", f.ID, f)
}

// downloadMeetingFile serves a file as evidence is served: an attachment
// that cannot run as a page of this site.
func (s *server) downloadMeetingFile(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, data, err := s.Meetings.OpenMeetingFile(r.Context(), id)
	if err != nil {
		return err
	}
	download.Evidence(w, r, AsEvidence(f), data)
	return nil
}

// AsEvidence is a meeting file as download.Evidence serves it.
func AsEvidence(f *payesh.MeetingFile) *payesh.Evidence {
	return &payesh.Evidence{ID: f.ID, Name: f.Name, ContentType: f.ContentType, Size: f.Size, SHA256: f.SHA256, CreatedAt: f.CreatedAt}
}

func (s *server) listClosures(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	list, err := s.Meetings.FindClosures(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list})
}

// requestClosure asks to close a resolution: JSON {evidence_ref, note,
// version}, or multipart/form-data with those fields and a part "file".
func (s *server) requestClosure(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in payesh.ClosureInput
	var file *payesh.Upload
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		if _, err := s.Work.FindWorkItemByID(r.Context(), id); err != nil {
			return err
		}
		if r.ContentLength > maxUpload {
			return errFileTooLarge
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
		if in, file, err = readClosureForm(r); err != nil {
			return err
		}
	} else if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Version <= 0 {
		return errVersion
	}
	c, err := s.Meetings.RequestClosure(r.Context(), id, in, file)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, c)
}

// readClosureForm reads a closure request sent with a file: the fields
// evidence_ref, note and version, and at most one part "file".
func readClosureForm(r *http.Request) (payesh.ClosureInput, *payesh.Upload, error) {
	var in payesh.ClosureInput
	form, err := readMultipart(r, "evidence_ref", "note", "version")
	if err != nil {
		return in, nil, err
	}
	in.EvidenceRef, in.Note = form.Fields["evidence_ref"], form.Fields["note"]
	if v, ok := form.Fields["version"]; ok {
		if in.Version, err = strconv.Atoi(strings.TrimSpace(v)); err != nil {
			return in, nil, errVersion
		}
	}
	return in, form.File, nil
}

type closureDecisionJSON struct {
	Closure  *payesh.Closure `json:"closure"`
	WorkItem *workItemJSON   `json:"work_item,omitempty"`
}

func (s *server) acceptClosure(w http.ResponseWriter, r *http.Request) error {
	id, d, err := decision(w, r)
	if err != nil {
		return err
	}
	c, item, err := s.Meetings.AcceptClosure(r.Context(), id, d)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, closureDecisionJSON{c, presentWorkItem(item)})
}

func (s *server) rejectClosure(w http.ResponseWriter, r *http.Request) error {
	id, d, err := decision(w, r)
	if err != nil {
		return err
	}
	c, err := s.Meetings.RejectClosure(r.Context(), id, d)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, closureDecisionJSON{Closure: c})
}

// lateByMeeting is the follow-up board by meeting: the late resolutions
// under the meeting that made them.
func (s *server) lateByMeeting(w http.ResponseWriter, r *http.Request) error {
	list, err := s.Meetings.LateResolutions(r.Context(), payesh.Today(s.Now()))
	if err != nil {
		return err
	}
	type lateJSON struct {
		Meeting     meetingJSON     `json:"meeting"`
		Resolutions []*workItemJSON `json:"resolutions"`
		OldestDays  int             `json:"oldest_days"`
	}
	out := make([]lateJSON, len(list))
	for i, l := range list {
		items := make([]*workItemJSON, len(l.Resolutions))
		for j, it := range l.Resolutions {
			items[j] = presentWorkItem(it)
		}
		out[i] = lateJSON{presentMeeting(l.Meeting), items, l.OldestDays}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}
