package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"payesh"
)

// Meetings: the list, a meeting's page (people, agenda, resolutions under
// the item that made them, closure rate, the closure forms), and the
// secretariat's forms. The minutes are meeting_minutes.go's.

// meetingsData is the list of meetings, with the bodies to filter by.
type meetingsData struct {
	Meetings []*payesh.Meeting
	Bodies   []*payesh.Body
	Body     int64
	Pager    pager
}

func (s *server) meetings(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	page := pageOf(r, payesh.DefaultLimit)
	d := &meetingsData{}
	d.Body, _ = strconv.ParseInt(q.Get("body"), 10, 64)
	var err error
	var total int
	if d.Meetings, total, err = s.Meetings.FindMeetings(r.Context(), payesh.MeetingFilter{BodyID: d.Body, Page: page}); err != nil {
		return err
	}
	d.Pager = newPager(r, total, page)
	if d.Bodies, err = s.Meetings.FindBodies(r.Context()); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "meetings", s.newView(r, "ui.meeting.list_title", d))
}

// agendaRow is an agenda item with the resolutions it made and, for a
// review item, the open resolutions of the body's earlier meetings.
type agendaRow struct {
	Item        *payesh.AgendaItem
	Resolutions []*resolutionRow
	Earlier     []*resolutionRow
}

// resolutionRow is a resolution as the meeting page shows it: its owner
// and whether the reader may ask to close it.
type resolutionRow struct {
	*payesh.Resolution
	Owner      *payesh.OrgUnit
	CanRequest bool
	Pending    bool
}

// meetingData is a meeting's page.
type meetingData struct {
	Meeting   *payesh.Meeting
	Agenda    []*agendaRow
	Loose     []*resolutionRow // resolutions of no agenda item
	All       []*resolutionRow
	Units     []workOption
	Clauses   []workOption // what an agenda item or a resolution may answer
	Configure bool
	Today     payesh.Date
}

// loadMeeting reads the meeting in the path with its resolutions placed
// under their agenda items.
func (s *server) loadMeeting(r *http.Request) (*meetingData, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	m, err := s.Meetings.FindMeeting(r.Context(), id)
	if err != nil {
		return nil, err
	}
	list, err := s.Meetings.FindResolutions(r.Context(), id)
	if err != nil {
		return nil, err
	}
	ix, err := s.unitIndexOf(r)
	if err != nil {
		return nil, err
	}
	me := user(r)
	row := func(res *payesh.Resolution) *resolutionRow {
		rr := &resolutionRow{Resolution: res, Owner: ix.byID[res.OwnerUnitID]}
		rr.Pending = res.Closure != nil && res.Closure.State == payesh.ClosurePending
		partners := make([]string, 0, len(res.PartnerUnitIDs))
		for _, p := range res.PartnerUnitIDs {
			if u := ix.byID[p]; u != nil {
				partners = append(partners, u.Path)
			}
		}
		owner := ""
		if rr.Owner != nil {
			owner = rr.Owner.Path
		}
		rr.CanRequest = !res.Status.Closed() && !rr.Pending && me.CanReportOn(owner, partners)
		return rr
	}
	d := &meetingData{Meeting: m, Configure: me.CanConfigure(), Today: payesh.Today(s.Now())}
	byItem := map[int64]*agendaRow{}
	for _, a := range m.Agenda {
		ar := &agendaRow{Item: a}
		byItem[a.ID] = ar
		d.Agenda = append(d.Agenda, ar)
		if a.ReviewsEarlier {
			earlier, err := s.Meetings.EarlierOpenResolutions(r.Context(), id)
			if err != nil {
				return nil, err
			}
			for _, e := range earlier {
				ar.Earlier = append(ar.Earlier, row(e))
			}
		}
	}
	for _, res := range list {
		rr := row(res)
		d.All = append(d.All, rr)
		if res.AgendaItemID != nil && byItem[*res.AgendaItemID] != nil {
			byItem[*res.AgendaItemID].Resolutions = append(byItem[*res.AgendaItemID].Resolutions, rr)
		} else {
			d.Loose = append(d.Loose, rr)
		}
	}
	if d.Configure {
		if d.Units, _, err = s.workUnits(r); err != nil {
			return nil, err
		}
		if d.Clauses, err = s.workClauses(r); err != nil {
			return nil, err
		}
	}
	return d, nil
}

func (s *server) meeting(w http.ResponseWriter, r *http.Request) error {
	return s.renderMeeting(w, r, http.StatusOK, nil, nil)
}

// renderMeeting shows the meeting page; after a refused form, with what
// was typed and the messages beside the fields of the form named by the
// form's "form" field.
func (s *server) renderMeeting(w http.ResponseWriter, r *http.Request, status int, form url.Values, errs map[string]string) error {
	d, err := s.loadMeeting(r)
	if err != nil {
		return err
	}
	v := s.newView(r, "ui.meeting.title", d)
	v.Title = d.Meeting.Title
	v.Form, v.Errors = form, errs
	return s.render(w, r, status, "meeting", v)
}

// meetingFailed shows the meeting page again after a form was refused,
// or the error page for anything but a validation error.
func (s *server) meetingFailed(w http.ResponseWriter, r *http.Request, err error) error {
	errs, ok := fieldErrors(err)
	if !ok {
		return err
	}
	if errs["form"] == "" && len(errs) > 0 {
		errs["form"] = "err.invalid"
	}
	return s.renderMeeting(w, r, http.StatusBadRequest, r.PostForm, errs)
}

// meetingForm is the form of a new meeting or an edited one.
type meetingFormData struct {
	Bodies  []*payesh.Body
	Meeting *payesh.Meeting // nil for a new one
	Kinds   []payesh.MeetingKind
}

func (s *server) meetingNew(w http.ResponseWriter, r *http.Request) error {
	if !user(r).CanConfigure() {
		return payesh.ErrForbidden
	}
	form := url.Values{"kind": {string(payesh.MeetingRegular)}, "body_id": {r.URL.Query().Get("body")}}
	return s.renderMeetingForm(w, r, http.StatusOK, nil, form, nil)
}

func (s *server) meetingEdit(w http.ResponseWriter, r *http.Request) error {
	if !user(r).CanConfigure() {
		return payesh.ErrForbidden
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	m, err := s.Meetings.FindMeeting(r.Context(), id)
	if err != nil {
		return err
	}
	form := url.Values{"body_id": {strconv.FormatInt(m.BodyID, 10)}, "number": {m.Number}, "kind": {string(m.Kind)},
		"title": {m.Title}, "held_on": {m.HeldOn.JalaliString()}, "start_time": {m.StartTime}, "place": {m.Place},
		"minutes": {m.Minutes}, "version": {strconv.Itoa(m.Version)}}
	for role, field := range map[payesh.PersonRole]string{payesh.RoleChair: "chair", payesh.RoleSecretary: "secretary",
		payesh.RoleAttendee: "attendees", payesh.RoleAbsentee: "absentees"} {
		form.Set(field, peopleText(m.PeopleIn(role)))
	}
	return s.renderMeetingForm(w, r, http.StatusOK, m, form, nil)
}

// peopleText writes people one a line, "name — title".
func peopleText(people []payesh.Participant) string {
	lines := make([]string, len(people))
	for i, p := range people {
		lines[i] = p.Name
		if p.Title != "" {
			lines[i] += " — " + p.Title
		}
	}
	return strings.Join(lines, "\n")
}

// parsePeople reads one person a line, "name — title" (or "name - title").
func parsePeople(text string, role payesh.PersonRole) []payesh.Participant {
	var out []payesh.Participant
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		name, title, ok := strings.Cut(line, " — ")
		if !ok {
			name, title, _ = strings.Cut(line, " - ")
		}
		out = append(out, payesh.Participant{Role: role, Name: strings.TrimSpace(name), Title: strings.TrimSpace(title)})
	}
	return out
}

func (s *server) renderMeetingForm(w http.ResponseWriter, r *http.Request, status int, m *payesh.Meeting, form url.Values, errs map[string]string) error {
	bodies, err := s.Meetings.FindBodies(r.Context())
	if err != nil {
		return err
	}
	title := "ui.meeting.new"
	if m != nil {
		title = "ui.meeting.edit"
	}
	v := s.newView(r, title, &meetingFormData{Bodies: bodies, Meeting: m, Kinds: payesh.MeetingKinds})
	v.Form, v.Errors = form, errs
	return s.render(w, r, status, "meeting_form", v)
}

// meetingFromForm reads the meeting form.
func meetingFromForm(f *form) *payesh.Meeting {
	m := &payesh.Meeting{BodyID: f.ID("body_id"), Number: f.String("number"), Kind: payesh.MeetingKind(f.String("kind")),
		Title: f.String("title"), HeldOn: f.Date("held_on"), StartTime: f.String("start_time"), Place: f.String("place"),
		Minutes: f.r.PostForm.Get("minutes"), Version: f.Int("version")}
	if len(m.Minutes) > payesh.MaxMinutes {
		f.fail("minutes", "err.too_long")
	}
	for _, p := range []struct {
		field string
		role  payesh.PersonRole
	}{{"chair", payesh.RoleChair}, {"secretary", payesh.RoleSecretary}, {"attendees", payesh.RoleAttendee}, {"absentees", payesh.RoleAbsentee}} {
		people := parsePeople(f.r.PostForm.Get(p.field), p.role)
		if (p.role == payesh.RoleChair || p.role == payesh.RoleSecretary) && len(people) > 1 {
			f.fail(p.field, "err.meeting.one_chair")
		}
		m.People = append(m.People, people...)
	}
	return m
}

// configures refuses, before a form is read, a user who may not set up
// bodies and meetings: otherwise a malformed form would be answered 400
// where the store would answer 403.
func configures(r *http.Request) error {
	if !user(r).CanConfigure() {
		return payesh.ErrForbidden
	}
	return nil
}

// meetingCreate records a meeting and shows it.
func (s *server) meetingCreate(w http.ResponseWriter, r *http.Request) error {
	if err := configures(r); err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	m := meetingFromForm(f)
	m.Version = 0
	if err = f.Err(); err == nil {
		err = s.Meetings.CreateMeeting(r.Context(), m)
	}
	if errs, ok := fieldErrors(err); ok {
		return s.renderMeetingForm(w, r, http.StatusBadRequest, nil, r.PostForm, errs)
	} else if err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/meetings/%d?flash=ui.meeting.flash.created", m.ID))
}

// meetingUpdate saves the edited meeting at the version the form held.
func (s *server) meetingUpdate(w http.ResponseWriter, r *http.Request) error {
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
	m := meetingFromForm(f)
	if err = f.Err(); err == nil {
		_, err = s.Meetings.UpdateMeeting(r.Context(), id, m)
	}
	if errs, ok := fieldErrors(err); ok {
		cur, ferr := s.Meetings.FindMeeting(r.Context(), id)
		if ferr != nil {
			return ferr
		}
		return s.renderMeetingForm(w, r, http.StatusBadRequest, cur, r.PostForm, errs)
	} else if err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/meetings/%d?flash=ui.meeting.flash.saved", id))
}

// agendaAdd appends an agenda item.
func (s *server) agendaAdd(w http.ResponseWriter, r *http.Request) error {
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
	a := &payesh.AgendaItem{Title: f.String("title"), Note: f.String("note"), ClauseIDs: f.IDs("clause_ids"),
		ReviewsEarlier: f.String("reviews_earlier") == "1"}
	if err = f.Err(); err == nil {
		err = s.Meetings.AddAgendaItem(r.Context(), id, a)
	}
	if err != nil {
		return s.meetingFailed(w, r, err)
	}
	return redirect(w, r, fmt.Sprintf("/meetings/%d?flash=ui.meeting.flash.agenda#agenda", id))
}

// resolutionAdd records a resolution of the meeting.
func (s *server) resolutionAdd(w http.ResponseWriter, r *http.Request) error {
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
	var agenda *int64
	if a := f.ID("agenda_item_id"); a > 0 {
		agenda = &a
	}
	item := &payesh.WorkItem{Title: f.String("title"), Description: f.String("description"), OwnerUnitID: f.ID("owner_unit_id"),
		DueDate: f.Date("due_date"), ClauseIDs: f.IDs("clause_ids")}
	if err = f.Err(); err == nil {
		_, err = s.Meetings.CreateResolution(r.Context(), id, agenda, item)
	}
	if err != nil {
		return s.meetingFailed(w, r, err)
	}
	return redirect(w, r, fmt.Sprintf("/meetings/%d?flash=ui.meeting.flash.resolution#resolutions", id))
}

// minutesUpload keeps the signed minutes.
func (s *server) minutesUpload(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := configures(r); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, evidenceBodyLimit)
	name, file, err := formUpload(r)
	if err == nil && file == nil {
		err = payesh.Invalid(map[string]string{"file": "err.evidence.none"})
	}
	if err == nil {
		_, err = s.Meetings.AddMinutesFile(r.Context(), id, payesh.Upload{Name: name, Content: file})
	}
	if err != nil {
		return s.meetingFailed(w, r, err)
	}
	return redirect(w, r, fmt.Sprintf("/meetings/%d?flash=ui.meeting.flash.minutes_file", id))
}

// meetingFileDownload serves minutes and closure evidence as evidence is
// served (download.Evidence).
func (s *server) meetingFileDownload(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, data, err := s.Meetings.OpenMeetingFile(r.Context(), id)
	if err != nil {
		return err
	}
	serveMeetingFile(w, r, f, data)
	return nil
}

// closureRequest asks to close a resolution, with a reference, a file or
// both; it returns to the meeting page.
func (s *server) closureRequest(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	res, err := s.Meetings.FindResolution(r.Context(), id)
	if err != nil {
		return err
	}
	if res.MeetingID == nil {
		return payesh.Errorf(payesh.ENOTFOUND, "err.not_found.page")
	}
	r.Body = http.MaxBytesReader(w, r.Body, evidenceBodyLimit)
	name, file, err := formUpload(r)
	if err == nil {
		version, _ := strconv.Atoi(r.PostForm.Get("version"))
		in := payesh.ClosureInput{EvidenceRef: r.PostForm.Get("evidence_ref"), Note: r.PostForm.Get("note"), Version: version}
		var up *payesh.Upload
		if file != nil {
			up = &payesh.Upload{Name: name, Content: file}
		}
		_, err = s.Meetings.RequestClosure(r.Context(), id, in, up)
	}
	r.SetPathValue("id", strconv.FormatInt(*res.MeetingID, 10))
	if err != nil {
		return s.meetingFailed(w, r, err)
	}
	return redirect(w, r, fmt.Sprintf("/meetings/%d?flash=ui.meeting.flash.requested#res-%d", *res.MeetingID, id))
}

// closureDecide accepts or rejects a closure request.
func (s *server) closureDecide(accept bool) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		f, err := parseForm(r)
		if err != nil {
			return err
		}
		meeting := f.ID("meeting")
		d := payesh.WorkChangeDecision{Reason: f.String("reason"), Version: f.Int("version")}
		flash := "accepted"
		if accept {
			_, _, err = s.Meetings.AcceptClosure(r.Context(), id, d)
		} else {
			flash = "rejected"
			_, err = s.Meetings.RejectClosure(r.Context(), id, d)
		}
		if err != nil {
			if _, ok := fieldErrors(err); ok && meeting > 0 {
				r.SetPathValue("id", strconv.FormatInt(meeting, 10))
				return s.meetingFailed(w, r, err)
			}
			return err
		}
		return redirect(w, r, fmt.Sprintf("/meetings/%d?flash=ui.meeting.flash.%s#resolutions", meeting, flash))
	}
}

// bodiesData is the list of bodies and, for the secretariat, its form.
type bodiesData struct {
	Bodies []*payesh.Body
	Units  []workOption
}

func (s *server) bodies(w http.ResponseWriter, r *http.Request) error {
	return s.renderBodies(w, r, http.StatusOK, nil, nil)
}

func (s *server) renderBodies(w http.ResponseWriter, r *http.Request, status int, form url.Values, errs map[string]string) error {
	list, err := s.Meetings.FindBodies(r.Context())
	if err != nil {
		return err
	}
	d := &bodiesData{Bodies: list}
	if user(r).CanConfigure() {
		if d.Units, _, err = s.workUnits(r); err != nil {
			return err
		}
	}
	v := s.newView(r, "ui.body.list_title", d)
	v.Form, v.Errors = form, errs
	return s.render(w, r, status, "bodies", v)
}

// bodyCreate adds a body; members are one a line, "name — title".
func (s *server) bodyCreate(w http.ResponseWriter, r *http.Request) error {
	if err := configures(r); err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	b := &payesh.Body{Code: f.String("code"), NameFA: f.String("name_fa"), NameEN: f.String("name_en"), Note: f.String("note")}
	if u := f.ID("unit_id"); u > 0 {
		b.UnitID = &u
	}
	for _, p := range parsePeople(f.r.PostForm.Get("members"), payesh.RoleAttendee) {
		b.Members = append(b.Members, payesh.BodyMember{Name: p.Name, Title: p.Title})
	}
	if err = f.Err(); err == nil {
		err = s.Meetings.CreateBody(r.Context(), b)
	}
	if errs, ok := fieldErrors(err); ok {
		return s.renderBodies(w, r, http.StatusBadRequest, r.PostForm, errs)
	} else if err != nil {
		return err
	}
	return redirect(w, r, "/bodies?flash=ui.body.flash.created")
}
