package payesh

import (
	"context"
	"io"
	"regexp"
	"time"

	"payesh/internal/jalali"
)

// Body is a council, committee or headquarters that meets and resolves:
// the council of deputies, the secretariat, a specialised committee, the
// population headquarters. UnitID is the org unit it sits in, which says
// who reads its meetings (see Meeting).
type Body struct {
	ID      int64        `json:"id"`
	Code    string       `json:"code"`
	NameFA  string       `json:"name_fa"`
	NameEN  string       `json:"name_en"`
	UnitID  *int64       `json:"unit_id"`
	Note    string       `json:"note"`
	Members []BodyMember `json:"members"`
	Version int          `json:"version"`
	// CreatedAt and UpdatedAt are the row's.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// BodyMember is a standing member of a body: a user, or a person named
// as text (someone who does not sign in), with the title they sit as.
type BodyMember struct {
	UserID *int64 `json:"user_id"`
	Name   string `json:"name"`
	Title  string `json:"title"`
}

// MeetingKind: a regular (عادی) or an extraordinary (فوق‌العاده) session.
type MeetingKind string

const (
	MeetingRegular       MeetingKind = "regular"
	MeetingExtraordinary MeetingKind = "extraordinary"
)

var MeetingKinds = []MeetingKind{MeetingRegular, MeetingExtraordinary}

func (k MeetingKind) Valid() bool { return contains(MeetingKinds, k) }

// PersonRole is what a person was at a meeting.
type PersonRole string

const (
	RoleChair     PersonRole = "chair"     // رئیس جلسه
	RoleSecretary PersonRole = "secretary" // دبیر جلسه
	RoleAttendee  PersonRole = "attendee"  // حاضر
	RoleAbsentee  PersonRole = "absentee"  // غایب
)

var PersonRoles = []PersonRole{RoleChair, RoleSecretary, RoleAttendee, RoleAbsentee}

func (r PersonRole) Valid() bool { return contains(PersonRoles, r) }

// Participant is one person of a meeting: a user (UserID; Name is then
// the user's name as it was) or a guest named as text.
type Participant struct {
	Role   PersonRole `json:"role"`
	UserID *int64     `json:"user_id"`
	Name   string     `json:"name"`
	Title  string     `json:"title"`
}

// Meeting is one session of a body. Its date is optional: a session the
// sources mention without a date is recorded without one rather than
// with a guessed one.
type Meeting struct {
	ID     int64       `json:"id"`
	BodyID int64       `json:"body_id"`
	Number string      `json:"number"` // the session's number as the body counts them
	Kind   MeetingKind `json:"kind"`
	Title  string      `json:"title"`
	HeldOn Date        `json:"held_on"`
	// StartTime is "HH:MM", Tehran time, or "".
	StartTime string        `json:"start_time"`
	Place     string        `json:"place"`
	Minutes   string        `json:"minutes"` // the minutes' text (صورتجلسه)
	People    []Participant `json:"people"`
	Version   int           `json:"version"`
	CreatedAt time.Time     `json:"created_at"`
	UpdatedAt time.Time     `json:"updated_at"`

	// Read with the meeting, never written through it.
	BodyName    string          `json:"body_name"`
	Agenda      []*AgendaItem   `json:"agenda"`
	Tally       ResolutionTally `json:"tally"`
	MinutesFile *MeetingFile    `json:"minutes_file"`
}

// AgendaItem is one item of a meeting's agenda, with the clauses it is
// about. ReviewsEarlier makes it the review of the body's earlier
// meetings' open resolutions («پیگیری مصوبات جلسات قبل»): the meeting
// shows them under it.
type AgendaItem struct {
	ID             int64     `json:"id"`
	MeetingID      int64     `json:"meeting_id"`
	Ordinal        int       `json:"ordinal"`
	Title          string    `json:"title"`
	Note           string    `json:"note"`
	ClauseIDs      []int64   `json:"clause_ids"`
	ReviewsEarlier bool      `json:"reviews_earlier"`
	CreatedAt      time.Time `json:"created_at"`
}

// ResolutionTally counts a meeting's resolutions the reader reads: the
// closure rate is Closed over Total less Cancelled, which will never be
// done; Rate is 0–100, or -1 when nothing counts.
type ResolutionTally struct {
	Total     int     `json:"total"`
	Closed    int     `json:"closed"`
	Cancelled int     `json:"cancelled"`
	Overdue   int     `json:"overdue"`
	Pending   int     `json:"pending_closure"`
	Rate      float64 `json:"closure_rate"`
}

// Add counts one resolution on day today.
func (t *ResolutionTally) Add(w *WorkItem, pending bool, today Date) {
	t.Total++
	switch {
	case w.Status == StatusDone:
		t.Closed++
	case w.Status == StatusCancelled:
		t.Cancelled++
	case w.IsOverdue(today):
		t.Overdue++
	}
	if pending {
		t.Pending++
	}
	t.Rate = -1
	if n := t.Total - t.Cancelled; n > 0 {
		t.Rate = 100 * float64(t.Closed) / float64(n)
	}
}

// NewTally is an empty tally, whose rate is "nothing counts".
func NewTally() ResolutionTally { return ResolutionTally{Rate: -1} }

// Resolution is a work item of kind resolution with the meeting and the
// agenda item it came from and its latest closure request, if any.
type Resolution struct {
	*WorkItem
	MeetingID    *int64   `json:"meeting_id"`
	AgendaItemID *int64   `json:"agenda_item_id"`
	Closure      *Closure `json:"closure"`
}

// ClosureState is where a request to close a resolution stands.
type ClosureState string

const (
	ClosurePending  ClosureState = "pending"
	ClosureAccepted ClosureState = "accepted"
	ClosureRejected ClosureState = "rejected"
)

// Closure is an owner's request to close a resolution, with its evidence
// — a file, or a reference such as a link or a letter number — and the
// secretariat's decision. A resolution is done only by an accepted one.
type Closure struct {
	ID            int64        `json:"id"`
	WorkItemID    int64        `json:"work_item_id"`
	State         ClosureState `json:"state"`
	EvidenceRef   string       `json:"evidence_ref"`
	FileID        *int64       `json:"file_id"`
	FileName      string       `json:"file_name"`
	Note          string       `json:"note"`
	RequestedBy   *int64       `json:"requested_by"`
	RequesterName string       `json:"requester_name"`
	RequestedAt   time.Time    `json:"requested_at"`
	DecidedBy     *int64       `json:"decided_by"`
	DeciderName   string       `json:"decider_name"`
	DecidedAt     *time.Time   `json:"decided_at"`
	Reason        string       `json:"reason"`
	Version       int          `json:"version"`
}

// ClosureInput is the owner's request: evidence (EvidenceRef, or a file
// sent beside it), a note, and the resolution's version it saw.
type ClosureInput struct {
	EvidenceRef string `json:"evidence_ref"`
	Note        string `json:"note"`
	Version     int    `json:"version"`
}

// MaxEvidenceRef bounds a closure's evidence reference.
const MaxEvidenceRef = 1000

// Validate checks a request; hasFile says a file comes with it.
func (in *ClosureInput) Validate(hasFile bool) error {
	in.EvidenceRef, in.Note = NormalizeRef(in.EvidenceRef), NormalizeText(in.Note)
	f := map[string]string{}
	if in.EvidenceRef == "" && !hasFile {
		f["evidence"] = "err.resolution.evidence"
	}
	if len([]rune(in.EvidenceRef)) > MaxEvidenceRef {
		f["evidence_ref"] = "err.too_long"
	}
	if len([]rune(in.Note)) > MaxChangeReason {
		f["note"] = "err.too_long"
	}
	checkText(f, map[string]string{"evidence_ref": in.EvidenceRef, "note": in.Note})
	return Invalid(f)
}

// MeetingFile is a file kept with a meeting: its signed minutes
// (FileMinutes), or the evidence of a closure request (FileEvidence).
// Like a report's evidence, its content lives in the database.
type MeetingFile struct {
	ID          int64     `json:"id"`
	MeetingID   int64     `json:"meeting_id"`
	Kind        string    `json:"kind"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	UploadedBy  *int64    `json:"uploaded_by"`
	CreatedAt   time.Time `json:"created_at"`
}

// Meeting file kinds.
const (
	FileMinutes  = "minutes"
	FileEvidence = "evidence"
)

// Upload is a file sent with a request.
type Upload struct {
	Name    string
	Content io.Reader
}

// LateMeeting is a meeting with its open resolutions past their due
// date, for the follow-up board.
type LateMeeting struct {
	Meeting     *Meeting    `json:"meeting"`
	Resolutions []*WorkItem `json:"resolutions"`
	// OldestDays is how late the latest of them is.
	OldestDays int `json:"oldest_days"`
}

// MeetingFilter selects meetings, newest first.
type MeetingFilter struct {
	BodyID int64
	Page
}

// Bounds of a meeting's lists and texts.
const (
	MaxMeetingPeople = 200
	MaxBodyMembers   = 200
	MaxMinutes       = 64 << 10
)

// Audit actions of a resolution's closure, recorded on the work item.
const (
	ActionRequestClosure = "request_closure"
	ActionAcceptClosure  = "accept_closure"
	ActionRejectClosure  = "reject_closure"
)

// NoteClosureRejected tells a resolution's owner that the secretariat
// refused to close it, and why.
const NoteClosureRejected NotificationKind = "resolution_closure_rejected"

var startTimePattern = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

func (b *Body) Normalize() {
	b.Code, b.NameFA, b.NameEN, b.Note = NormalizeText(b.Code), NormalizeText(b.NameFA), NormalizeText(b.NameEN), NormalizeText(b.Note)
	for i := range b.Members {
		m := &b.Members[i]
		m.Name, m.Title = NormalizeText(m.Name), NormalizeText(m.Title)
	}
}

func (b *Body) Validate() error {
	f := map[string]string{}
	if !codePattern.MatchString(b.Code) {
		f["code"] = "err.code"
	}
	if b.NameFA == "" {
		f["name_fa"] = "err.required"
	}
	if len([]rune(b.NameFA)) > 300 || len([]rune(b.NameEN)) > 300 {
		f["name_fa"] = "err.too_long"
	}
	if len(b.Note) > 16<<10 {
		f["note"] = "err.too_long"
	}
	checkCount(f, "members", len(b.Members), MaxBodyMembers)
	for _, m := range b.Members {
		if problem := checkPerson(m.UserID, m.Name, m.Title); problem != "" {
			f["members"] = problem
		}
	}
	checkText(f, map[string]string{"code": b.Code, "name_fa": b.NameFA, "name_en": b.NameEN, "note": b.Note})
	return Invalid(f)
}

// checkPerson returns the problem of a person named by user or by name.
func checkPerson(userID *int64, name, title string) string {
	switch {
	case userID == nil && name == "":
		return "err.meeting.person"
	case len([]rune(name)) > 200 || len([]rune(title)) > 200:
		return "err.too_long"
	case !Storable(name) || !Storable(title):
		return KeyBadText
	}
	return ""
}

func (m *Meeting) Normalize() {
	m.Number, m.Title, m.Place = NormalizeText(m.Number), NormalizeText(m.Title), NormalizeText(m.Place)
	m.Minutes = NormalizeText(m.Minutes)
	// A time typed with Persian digits (۱۰:۳۰) is the same time.
	m.StartTime = jalali.ToLatinDigits(NormalizeText(m.StartTime))
	if m.Kind == "" {
		m.Kind = MeetingRegular
	}
	for i := range m.People {
		p := &m.People[i]
		p.Name, p.Title = NormalizeText(p.Name), NormalizeText(p.Title)
	}
}

func (m *Meeting) Validate() error {
	f := map[string]string{}
	if m.BodyID == 0 {
		f["body_id"] = "err.required"
	}
	if m.Title == "" {
		f["title"] = "err.required"
	} else if len([]rune(m.Title)) > 500 {
		f["title"] = "err.too_long"
	}
	if !m.Kind.Valid() {
		f["kind"] = "err.meeting.kind"
	}
	if len([]rune(m.Number)) > 32 {
		f["number"] = "err.too_long"
	}
	if len([]rune(m.Place)) > 300 {
		f["place"] = "err.too_long"
	}
	if m.StartTime != "" && !startTimePattern.MatchString(m.StartTime) {
		f["start_time"] = "err.meeting.time"
	}
	if m.StartTime != "" && m.HeldOn.IsZero() {
		f["held_on"] = "err.meeting.time_without_date"
	}
	if len(m.Minutes) > MaxMinutes {
		f["minutes"] = "err.too_long"
	}
	checkCount(f, "people", len(m.People), MaxMeetingPeople)
	chairs, secretaries := 0, 0
	for _, p := range m.People {
		if !p.Role.Valid() {
			f["people"] = "err.meeting.role"
			continue
		}
		if problem := checkPerson(p.UserID, p.Name, p.Title); problem != "" {
			f["people"] = problem
		}
		chairs += b2i(p.Role == RoleChair)
		secretaries += b2i(p.Role == RoleSecretary)
	}
	if chairs > 1 || secretaries > 1 {
		f["people"] = "err.meeting.one_chair"
	}
	checkText(f, map[string]string{"number": m.Number, "title": m.Title, "place": m.Place, "minutes": m.Minutes})
	return Invalid(f)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Person returns the first participant in role, or nil.
func (m *Meeting) Person(role PersonRole) *Participant {
	for i := range m.People {
		if m.People[i].Role == role {
			return &m.People[i]
		}
	}
	return nil
}

// PeopleIn returns the participants in role.
func (m *Meeting) PeopleIn(role PersonRole) []Participant {
	var out []Participant
	for _, p := range m.People {
		if p.Role == role {
			out = append(out, p)
		}
	}
	return out
}

func (a *AgendaItem) Normalize() {
	a.Title, a.Note = NormalizeText(a.Title), NormalizeText(a.Note)
	a.ClauseIDs = uniqueIDs(a.ClauseIDs)
}

func (a *AgendaItem) Validate() error {
	f := map[string]string{}
	if a.Title == "" {
		f["title"] = "err.required"
	} else if len([]rune(a.Title)) > 500 {
		f["title"] = "err.too_long"
	}
	if len(a.Note) > 16<<10 {
		f["note"] = "err.too_long"
	}
	checkCount(f, "clause_ids", len(a.ClauseIDs), MaxClauseLinks)
	checkText(f, map[string]string{"title": a.Title, "note": a.Note})
	return Invalid(f)
}

// MaxAgendaItems bounds a meeting's agenda.
const MaxAgendaItems = 100

// MeetingService keeps bodies, their meetings, agendas and minutes, and
// the resolutions meetings make, which are work items (kind resolution)
// closed only by the secretariat's acceptance of evidence.
//
// Who may do what: admins and the secretariat configure bodies and
// meetings and decide closures; whoever may report on a resolution
// requests its closure. A meeting is read by whoever reads the work of
// its body's unit or any of its resolutions; its resolutions as work.
type MeetingService interface {
	CreateBody(ctx context.Context, b *Body) error
	FindBodies(ctx context.Context) ([]*Body, error)
	FindBody(ctx context.Context, id int64) (*Body, error)

	CreateMeeting(ctx context.Context, m *Meeting) error
	// UpdateMeeting replaces a meeting's own fields and people, at the
	// version the editor saw.
	UpdateMeeting(ctx context.Context, id int64, m *Meeting) (*Meeting, error)
	FindMeeting(ctx context.Context, id int64) (*Meeting, error)
	FindMeetings(ctx context.Context, f MeetingFilter) ([]*Meeting, int, error)
	AddAgendaItem(ctx context.Context, meetingID int64, a *AgendaItem) error

	// CreateResolution adds a resolution of the meeting (and, when set,
	// of one of its agenda items): w is created as a work item of kind
	// resolution, as CreateWorkItem would.
	CreateResolution(ctx context.Context, meetingID int64, agendaItemID *int64, w *WorkItem) (*Resolution, error)
	// FindResolutions lists the meeting's resolutions the reader reads.
	FindResolutions(ctx context.Context, meetingID int64) ([]*Resolution, error)
	// EarlierOpenResolutions lists the open resolutions of the body's
	// meetings recorded before this one, for its review agenda item.
	EarlierOpenResolutions(ctx context.Context, meetingID int64) ([]*Resolution, error)
	// FindResolution returns a work item with its meeting and closure;
	// MeetingID is nil for one no meeting made.
	FindResolution(ctx context.Context, workItemID int64) (*Resolution, error)

	RequestClosure(ctx context.Context, workItemID int64, in ClosureInput, file *Upload) (*Closure, error)
	AcceptClosure(ctx context.Context, closureID int64, d WorkChangeDecision) (*Closure, *WorkItem, error)
	RejectClosure(ctx context.Context, closureID int64, d WorkChangeDecision) (*Closure, error)
	FindClosures(ctx context.Context, workItemID int64) ([]*Closure, error)

	AddMinutesFile(ctx context.Context, meetingID int64, file Upload) (*MeetingFile, error)
	OpenMeetingFile(ctx context.Context, id int64) (*MeetingFile, []byte, error)

	// LateResolutions groups the open resolutions past their due date on
	// day today by meeting, latest first (admins and the secretariat).
	LateResolutions(ctx context.Context, today Date) ([]LateMeeting, error)
}
