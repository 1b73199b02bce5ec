package payesh

import (
	"context"
	"time"
)

// Consultations (نظرخواهی): the secretariat asks units and named experts
// for their opinion on clauses of the policy, or on a draft document, in
// one or two rounds. Each respondent gives, per clause, a comment, a
// proposal and its agreement on a 1–5 scale, until the round's deadline;
// a second round (Delphi) shows each respondent how the first round
// agreed before they answer again. The secretariat reads the
// consolidated opinion per clause and records where it sent it.
//
// Who reads what: admins and the secretariat read and run every
// consultation; an invited unit's users read it and, unless viewers,
// answer for their unit; an invited expert reads it and answers for
// themself. A respondent sees its own answers and, in the second round,
// the first round's agreement counts — never another respondent's words:
// the consolidated view is the secretariat's.

// ConsultationState is where a consultation stands: open while rounds
// run, closed once the secretariat has closed it.
type ConsultationState string

const (
	ConsultationOpen   ConsultationState = "open"
	ConsultationClosed ConsultationState = "closed"
)

// ResponseState is where one respondent's answers of a round stand: a
// draft is saved and editable, a submitted response counts and is final.
type ResponseState string

const (
	ResponseNone      ResponseState = "" // nothing saved yet
	ResponseDraft     ResponseState = "draft"
	ResponseSubmitted ResponseState = "submitted"
)

// MaxRounds is the number of rounds a consultation may have: the first,
// and one Delphi round.
const MaxRounds = 2

// Bounds of a consultation's lists and texts.
const (
	// MaxConsultationInvitees bounds the units and experts of one
	// consultation: every deputy, office and province, and experts.
	MaxConsultationInvitees = 500
	// MaxOpinionText bounds one comment or proposal.
	MaxOpinionText = 4000
	// MaxConsultationText bounds the consultation's description (the
	// question put to respondents).
	MaxConsultationText = 16 << 10
)

// Consultation is one consultation: its question, what it asks about
// (clauses, or a draft document), whom it asks, and its rounds.
type Consultation struct {
	ID          int64  `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	// DocumentID is the draft document consulted on; nil for clauses of
	// the policy. With no ClauseIDs the document is asked about as a
	// whole.
	DocumentID *int64            `json:"document_id"`
	ClauseIDs  []int64           `json:"clause_ids"`
	State      ConsultationState `json:"state"`
	// Round is the current round, 1 or 2; Deadline is its deadline.
	Round     int                 `json:"round"`
	Deadline  Date                `json:"deadline"`
	Rounds    []ConsultationRound `json:"rounds"`
	Invitees  []*Invitee          `json:"invitees"`
	Version   int                 `json:"version"`
	CreatedBy *int64              `json:"created_by"`
	CreatedAt time.Time           `json:"created_at"`
	UpdatedAt time.Time           `json:"updated_at"`

	// Read with the consultation, never written through it.
	DocumentTitle string             `json:"document_title"`
	Items         []ConsultationItem `json:"items"`
	// Invited and Answered count the current round's invitees and their
	// submitted responses (for a respondent, its own).
	Invited  int `json:"invited"`
	Answered int `json:"answered"`
}

// ConsultationRound is one round with its deadline.
type ConsultationRound struct {
	Number   int       `json:"number"`
	Deadline Date      `json:"deadline"`
	OpenedAt time.Time `json:"opened_at"`
}

// ConsultationItem is one thing a consultation asks about: a clause, or
// (ClauseID nil) the draft document as a whole.
type ConsultationItem struct {
	ClauseID *int64 `json:"clause_id"`
	Number   string `json:"number"`
	Title    string `json:"title"`
}

// Key is the item's clause id, 0 for the document as a whole.
func (i ConsultationItem) Key() int64 {
	if i.ClauseID == nil {
		return 0
	}
	return *i.ClauseID
}

// Invitee is a unit (its users answer for it) or an expert (a user, who
// answers for themself) asked by a consultation, with where its answer of
// the current round stands.
type Invitee struct {
	ID     int64  `json:"id"`
	UnitID *int64 `json:"unit_id"`
	UserID *int64 `json:"user_id"`
	// Name is the unit's name, or the expert's; UnitName is the expert's
	// unit.
	Name     string        `json:"name"`
	UnitName string        `json:"unit_name"`
	State    ResponseState `json:"state"`
	// AnsweredAt is when the current round's response was submitted.
	AnsweredAt *time.Time `json:"answered_at"`
	Reminders  int        `json:"reminders"`
}

// IsExpert reports whether the invitee is a named person.
func (i *Invitee) IsExpert() bool { return i.UserID != nil }

// AnswersFor reports whether u answers for the invitee: the expert
// themself, or a user of the unit who acts (not a viewer).
func (i *Invitee) AnswersFor(u *User) bool {
	if u == nil || !u.Active {
		return false
	}
	if i.UserID != nil {
		return *i.UserID == u.ID
	}
	return i.UnitID != nil && *i.UnitID == u.UnitID && u.Role != RoleViewer
}

// ReadsFor reports whether u reads the consultation as this invitee: the
// expert, or any user of the unit.
func (i *Invitee) ReadsFor(u *User) bool {
	if u == nil || !u.Active {
		return false
	}
	if i.UserID != nil {
		return *i.UserID == u.ID
	}
	return i.UnitID != nil && *i.UnitID == u.UnitID
}

// ConsultationInput opens a consultation: round 1 with its deadline.
type ConsultationInput struct {
	Title       string  `json:"title"`
	Description string  `json:"description"`
	DocumentID  *int64  `json:"document_id"`
	ClauseIDs   []int64 `json:"clause_ids"`
	UnitIDs     []int64 `json:"unit_ids"`
	ExpertIDs   []int64 `json:"expert_ids"`
	Deadline    Date    `json:"deadline"`
}

func (in *ConsultationInput) Normalize() {
	in.Title, in.Description = NormalizeText(in.Title), NormalizeText(in.Description)
	in.ClauseIDs, in.UnitIDs, in.ExpertIDs = uniqueIDs(in.ClauseIDs), uniqueIDs(in.UnitIDs), uniqueIDs(in.ExpertIDs)
}

// Validate checks a new consultation on day today: its deadline may not
// be past.
func (in *ConsultationInput) Validate(today Date) error {
	f := map[string]string{}
	if in.Title == "" {
		f["title"] = "err.required"
	} else if len([]rune(in.Title)) > 500 {
		f["title"] = "err.too_long"
	}
	if len(in.Description) > MaxConsultationText {
		f["description"] = "err.too_long"
	}
	if len(in.ClauseIDs) == 0 && in.DocumentID == nil {
		f["clause_ids"] = "err.consultation.subject"
	}
	checkCount(f, "clause_ids", len(in.ClauseIDs), MaxClauseLinks)
	switch n := len(in.UnitIDs) + len(in.ExpertIDs); {
	case n == 0:
		f["unit_ids"] = "err.consultation.invitees"
	case n > MaxConsultationInvitees:
		f["unit_ids"] = KeyTooMany
	}
	for field, ids := range map[string][]int64{"clause_ids": in.ClauseIDs, "unit_ids": in.UnitIDs, "expert_ids": in.ExpertIDs} {
		for _, id := range ids {
			if id <= 0 {
				f[field] = "err.bad_id"
			}
		}
	}
	checkDeadline(f, "deadline", in.Deadline, today)
	checkText(f, map[string]string{"title": in.Title, "description": in.Description})
	return Invalid(f)
}

// checkDeadline requires a deadline that is not past on day today.
func checkDeadline(f map[string]string, field string, d, today Date) {
	switch {
	case d.IsZero():
		f[field] = "err.required"
	case d.Before(today):
		f[field] = "err.consultation.deadline_past"
	}
}

// RoundInput opens the second round with its deadline, at the version of
// the consultation its sender saw.
type RoundInput struct {
	Deadline Date `json:"deadline"`
	Version  int  `json:"version"`
}

// Validate checks the second round's deadline on day today.
func (in RoundInput) Validate(today Date) error {
	f := map[string]string{}
	checkDeadline(f, "deadline", in.Deadline, today)
	return Invalid(f)
}

// Answer is one respondent's opinion on one item: its agreement (1–5, 0
// for none given), a comment and a proposal.
type Answer struct {
	ClauseID  *int64 `json:"clause_id"`
	Agreement int    `json:"agreement"`
	Comment   string `json:"comment"`
	Proposal  string `json:"proposal"`
}

// Key is the answer's item key (see ConsultationItem.Key).
func (a Answer) Key() int64 {
	if a.ClauseID == nil {
		return 0
	}
	return *a.ClauseID
}

// Empty reports whether the answer says nothing.
func (a Answer) Empty() bool { return a.Agreement == 0 && a.Comment == "" && a.Proposal == "" }

// Response is one respondent's answers in one round.
type Response struct {
	ID             int64         `json:"id"`
	ConsultationID int64         `json:"consultation_id"`
	InviteeID      int64         `json:"invitee_id"`
	Round          int           `json:"round"`
	State          ResponseState `json:"state"`
	Answers        []Answer      `json:"answers"`
	// Respondent is the invitee's name; UpdatedByName who saved last.
	Respondent    string     `json:"respondent"`
	UpdatedBy     *int64     `json:"updated_by"`
	UpdatedByName string     `json:"updated_by_name"`
	SubmittedAt   *time.Time `json:"submitted_at"`
	Version       int        `json:"version"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
}

// Answer returns the response's answer on the item with key, or an empty
// one.
func (r *Response) Answer(key int64) Answer {
	if r != nil {
		for _, a := range r.Answers {
			if a.Key() == key {
				return a
			}
		}
	}
	return Answer{}
}

// ResponseInput saves a respondent's answers of the current round: as a
// draft, or submitted (final). InviteeID names whom the user answers for
// (0: the only one it may); Version is the saved response's, 0 for the
// first save.
type ResponseInput struct {
	InviteeID int64    `json:"invitee_id"`
	Answers   []Answer `json:"answers"`
	Submit    bool     `json:"submit"`
	Version   int      `json:"version"`
}

func (in *ResponseInput) Normalize() {
	for i := range in.Answers {
		a := &in.Answers[i]
		a.Comment, a.Proposal = NormalizeText(a.Comment), NormalizeText(a.Proposal)
	}
}

// Validate checks the answers; the store checks that each is about one
// of the consultation's items. Fields are named answers.N.field.
func (in *ResponseInput) Validate() error {
	f := map[string]string{}
	checkCount(f, "answers", len(in.Answers), MaxClauseLinks+1)
	seen := map[int64]bool{}
	said := false
	for i, a := range in.Answers {
		at := "answers." + itoa(i) + "."
		if a.Agreement < 0 || a.Agreement > 5 {
			f[at+"agreement"] = "err.consultation.agreement"
		}
		if len([]rune(a.Comment)) > MaxOpinionText {
			f[at+"comment"] = "err.too_long"
		}
		if len([]rune(a.Proposal)) > MaxOpinionText {
			f[at+"proposal"] = "err.too_long"
		}
		if seen[a.Key()] {
			f[at+"clause_id"] = "err.consultation.answer_twice"
		}
		seen[a.Key()] = true
		said = said || !a.Empty()
		checkText(f, map[string]string{at + "comment": a.Comment, at + "proposal": a.Proposal})
	}
	if in.Submit && !said {
		f["answers"] = "err.consultation.nothing_said"
	}
	return Invalid(f)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for ; n > 0; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
	}
	return string(b[i:])
}

// Distribution is how respondents agreed with one item: how many gave
// each score (Counts[0] is 1, "strongly disagree", … Counts[4] is 5),
// how many scored at all, and the mean score (-1 when none did).
type Distribution struct {
	Counts [5]int  `json:"counts"`
	Rated  int     `json:"rated"`
	Mean   float64 `json:"mean"`
}

// Add counts one score, 1–5; any other is no score.
func (d *Distribution) Add(score int) {
	if score < 1 || score > 5 {
		return
	}
	d.Counts[score-1]++
	d.Rated++
	sum := 0
	for i, n := range d.Counts {
		sum += (i + 1) * n
	}
	d.Mean = float64(sum) / float64(d.Rated)
}

// NewDistribution is an empty distribution, whose mean is "none".
func NewDistribution() Distribution { return Distribution{Mean: -1} }

// Share is the percentage of scores that gave score (1–5), for a bar.
func (d Distribution) Share(score int) float64 {
	if d.Rated == 0 || score < 1 || score > 5 {
		return 0
	}
	return 100 * float64(d.Counts[score-1]) / float64(d.Rated)
}

// Opinion is one respondent's words on an item, for the consolidated
// view: who said it and what.
type Opinion struct {
	InviteeID  int64  `json:"invitee_id"`
	Respondent string `json:"respondent"`
	Agreement  int    `json:"agreement"`
	Text       string `json:"text"`
}

// ConsolidatedItem is the consolidated opinion on one item in one round.
// Answered counts the respondents whose submitted response says anything
// on it; Rate is Answered of Invited, 0–100 (-1 with nobody invited).
type ConsolidatedItem struct {
	Item      ConsultationItem `json:"item"`
	Invited   int              `json:"invited"`
	Answered  int              `json:"answered"`
	Rate      float64          `json:"response_rate"`
	Agreement Distribution     `json:"agreement"`
	Proposals []Opinion        `json:"proposals"`
	Comments  []Opinion        `json:"comments"`
}

// Consolidated is the consolidated opinion of one round: the round's
// response rate (submitted responses of invitees) and each item's.
type Consolidated struct {
	Consultation *Consultation      `json:"consultation"`
	Round        int                `json:"round"`
	Invited      int                `json:"invited"`
	Submitted    int                `json:"submitted"`
	Rate         float64            `json:"response_rate"`
	Items        []ConsolidatedItem `json:"items"`
}

// RateOf is n of total as a percentage, -1 when total is 0.
func RateOf(n, total int) float64 {
	if total == 0 {
		return -1
	}
	return 100 * float64(n) / float64(total)
}

// ResponseForm is what a respondent answers with: the consultation, whom
// it answers for, its response of the current round (nil before the
// first save), and in the second round its own first answers and the
// first round's distribution per item, in the order of the items.
type ResponseForm struct {
	Consultation *Consultation  `json:"consultation"`
	Invitee      *Invitee       `json:"invitee"`
	Response     *Response      `json:"response"`
	Earlier      *Response      `json:"earlier"`
	FirstRound   []Distribution `json:"first_round"`
	// Open says the respondent may still save: the consultation is open,
	// the round's deadline not past and the response not submitted.
	Open bool `json:"open"`
}

// ConsultationReminder is one reminder of a round's non-respondents.
type ConsultationReminder struct {
	ID             int64     `json:"id"`
	ConsultationID int64     `json:"consultation_id"`
	Round          int       `json:"round"`
	Note           string    `json:"note"`
	InviteeIDs     []int64   `json:"invitee_ids"`
	Notified       int       `json:"notified"` // users told
	SenderName     string    `json:"sender_name"`
	CreatedAt      time.Time `json:"created_at"`
}

// ConsultationSending records that a consolidated opinion — of one
// clause, or of the whole consultation (ClauseID nil) — was sent to a
// body such as the ministry or a parliament commission: when, under
// which letter, with the file sent.
type ConsultationSending struct {
	ID             int64  `json:"id"`
	ConsultationID int64  `json:"consultation_id"`
	ClauseID       *int64 `json:"clause_id"`
	Recipient      string `json:"recipient"`
	SentOn         Date   `json:"sent_on"`
	LetterNo       string `json:"letter_no"`
	Note           string `json:"note"`
	// The file sent; FileName "" when none was kept.
	FileName        string    `json:"file_name"`
	FileContentType string    `json:"file_content_type"`
	FileSize        int64     `json:"file_size"`
	FileSHA256      string    `json:"file_sha256"`
	CreatedBy       *int64    `json:"created_by"`
	CreatedAt       time.Time `json:"created_at"`

	ConsultationTitle string `json:"consultation_title"`
}

func (s *ConsultationSending) Normalize() {
	s.Recipient, s.LetterNo, s.Note = NormalizeText(s.Recipient), NormalizeText(s.LetterNo), NormalizeText(s.Note)
}

// Validate checks a sending as a document's is checked (Sending).
func (s *ConsultationSending) Validate(today Date) error {
	d := Sending{Recipient: s.Recipient, SentOn: s.SentOn, LetterNo: s.LetterNo, Note: s.Note}
	return d.Validate(today)
}

// ClauseConsultation is a consultation as the clause page shows it: its
// consolidated opinions sent that concern the clause.
type ClauseConsultation struct {
	Consultation *Consultation          `json:"consultation"`
	Sendings     []*ConsultationSending `json:"sendings"`
}

// ConsultationFilter selects consultations, newest first.
type ConsultationFilter struct {
	State    ConsultationState
	ClauseID int64
	Page
}

// Notifications of consultations, about the consultation (entity
// EntityConsultation).
const (
	NoteConsultationInvited  NotificationKind = "consultation_invited"
	NoteConsultationRound    NotificationKind = "consultation_round"
	NoteConsultationReminder NotificationKind = "consultation_reminder"
	EntityConsultation                        = "consultation"
)

func init() {
	NotificationKinds = append(NotificationKinds, NoteConsultationInvited, NoteConsultationRound, NoteConsultationReminder)
}

// Audit actions of a consultation.
const (
	ActionOpenRound = "open_round"
	ActionSubmit    = "submit"
)

// ConsultationService keeps consultations. Admins and the secretariat
// open, remind, run rounds, close, consolidate and record sendings;
// invitees read and answer.
type ConsultationService interface {
	CreateConsultation(ctx context.Context, in ConsultationInput) (*Consultation, error)
	FindConsultations(ctx context.Context, f ConsultationFilter) ([]*Consultation, int, error)
	FindConsultation(ctx context.Context, id int64) (*Consultation, error)
	// OpenSecondRound opens the Delphi round for every invitee and tells
	// them.
	OpenSecondRound(ctx context.Context, id int64, in RoundInput) (*Consultation, error)
	CloseConsultation(ctx context.Context, id int64, version int) (*Consultation, error)

	// FindResponseForm is what the user answers with for invitee
	// (0: the first it answers for).
	FindResponseForm(ctx context.Context, id, inviteeID int64) (*ResponseForm, error)
	SaveResponse(ctx context.Context, id int64, in ResponseInput) (*Response, error)
	// FindResponses lists a round's responses: all of them for the
	// secretariat, the user's own for a respondent.
	FindResponses(ctx context.Context, id int64, round int) ([]*Response, error)

	// RemindConsultation tells the current round's invitees that have
	// not submitted, and only them, in one transaction.
	RemindConsultation(ctx context.Context, id int64, note string) (*ConsultationReminder, error)

	// Consolidate is a round's consolidated opinion (round 0: the
	// current one).
	Consolidate(ctx context.Context, id int64, round int) (*Consolidated, error)

	AddConsultationSending(ctx context.Context, s *ConsultationSending, file *Upload) error
	FindConsultationSendings(ctx context.Context, id int64) ([]*ConsultationSending, error)
	OpenConsultationFile(ctx context.Context, sendingID int64) (*ConsultationSending, []byte, error)

	// FindClauseConsultations lists the consultations on a clause the
	// reader reads, open ones first, each with the sendings concerning
	// the clause.
	FindClauseConsultations(ctx context.Context, clauseID int64) ([]*ClauseConsultation, error)

	// FindExperts lists the active users the secretariat may ask by
	// name, in Persian order (admins and the secretariat only).
	FindExperts(ctx context.Context) ([]*User, error)
}
