package payesh

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"payesh/internal/jalali"
)

// ReviewLevel is one step of a round's review chain.
type ReviewLevel string

const (
	// LevelProvince is the provincial directorate above the reporting unit;
	// it is skipped for units with none above them (headquarters offices,
	// the provinces themselves).
	LevelProvince ReviewLevel = "province"
	// LevelSecretariat is the permanent secretariat (secretariat and admin
	// roles).
	LevelSecretariat ReviewLevel = "secretariat"
)

// DefaultChain is how a branch's report travels: its province first, then
// the secretariat.
var DefaultChain = []ReviewLevel{LevelProvince, LevelSecretariat}

// Round is a reporting round the secretariat opens for a period: the units
// that must report, the deadline and the review chain.
type Round struct {
	ID       int64         `json:"id"`
	Title    string        `json:"title"`
	Period   string        `json:"period"`
	Deadline Date          `json:"deadline"`
	Chain    []ReviewLevel `json:"chain"`
	UnitIDs  []int64       `json:"unit_ids"`
	// What a report of the round must hold to be submitted; what is not
	// required is only pointed out, and sent when the unit confirms.
	RequireNarrative bool `json:"require_narrative"` // all three parts written
	RequireEvidence  bool `json:"require_evidence"`  // at least one file
	RequireValues    bool `json:"require_values"`    // every value the unit owes
	// AllowSelfReview lets the secretariat step be taken by whoever
	// submitted or wrote the report, or by its own unit's people — for a
	// secretariat of one person. Without it, and at the province step
	// always, someone else reviews (see ESELFREVIEW).
	AllowSelfReview bool      `json:"allow_self_review"`
	Closed          bool      `json:"closed"`
	Version         int       `json:"version"`
	CreatedAt       time.Time `json:"created_at"`
	UpdatedAt       time.Time `json:"updated_at"`
}

func (r *Round) Normalize() {
	r.Title = NormalizeText(r.Title)
	if p, err := jalali.ParsePeriod(r.Period); err == nil {
		r.Period = p.String()
	}
	if len(r.Chain) == 0 {
		r.Chain = DefaultChain
	}
	r.UnitIDs = uniqueIDs(r.UnitIDs)
}

func (r *Round) Validate() error {
	f := map[string]string{}
	if r.Title == "" {
		f["title"] = "err.required"
	} else if len([]rune(r.Title)) > 300 {
		f["title"] = "err.too_long"
	}
	if _, err := jalali.ParsePeriod(r.Period); err != nil {
		f["period"] = "err.period"
	}
	if r.Deadline.IsZero() {
		f["deadline"] = "err.required"
	}
	if len(r.UnitIDs) == 0 {
		f["unit_ids"] = "err.required"
	}
	checkCount(f, "unit_ids", len(r.UnitIDs), MaxRoundUnits)
	seen := map[ReviewLevel]bool{}
	for _, l := range r.Chain {
		if (l != LevelProvince && l != LevelSecretariat) || seen[l] {
			f["chain"] = "err.report.chain"
		}
		seen[l] = true
	}
	checkText(f, map[string]string{"title": r.Title})
	return Invalid(f)
}

// ReportState is where a unit's progress report stands.
type ReportState string

const (
	ReportDraft     ReportState = "draft"
	ReportSubmitted ReportState = "submitted" // waiting for the review at Level
	ReportReturned  ReportState = "returned"  // sent back with comments
	ReportApproved  ReportState = "approved"  // locked
)

// Report is one unit's progress report in a round: its narrative, its
// evidence, the values and work progress of the period, and where it
// stands in review.
type Report struct {
	ID           int64       `json:"id"`
	RoundID      int64       `json:"round_id"`
	UnitID       int64       `json:"unit_id"`
	State        ReportState `json:"state"`
	Level        int         `json:"level"` // index into the round's effective chain
	Achievements string      `json:"achievements"`
	Obstacles    string      `json:"obstacles"`
	Requests     string      `json:"requests"`
	SubmittedAt  *time.Time  `json:"submitted_at"`
	ApprovedAt   *time.Time  `json:"approved_at"`
	Version      int         `json:"version"`
	UpdatedAt    time.Time   `json:"updated_at"`
}

// Editable reports whether the unit may still change the report.
func (r *Report) Editable() bool { return r.State == ReportDraft || r.State == ReportReturned }

// Narrative is what a unit writes in its report.
type Narrative struct {
	Achievements string `json:"achievements"`
	Obstacles    string `json:"obstacles"`
	Requests     string `json:"requests"`
	Version      int    `json:"version"`
}

func (n *Narrative) Normalize() {
	n.Achievements = NormalizeText(n.Achievements)
	n.Obstacles = NormalizeText(n.Obstacles)
	n.Requests = NormalizeText(n.Requests)
}

func (n *Narrative) Validate() error {
	f := map[string]string{}
	for field, s := range map[string]string{"achievements": n.Achievements, "obstacles": n.Obstacles, "requests": n.Requests} {
		if len([]rune(s)) > 20000 {
			f[field] = "err.too_long"
		}
	}
	checkText(f, map[string]string{"achievements": n.Achievements, "obstacles": n.Obstacles, "requests": n.Requests})
	return Invalid(f)
}

// ReviewAction is what a unit or a reviewer does to a report.
type ReviewAction string

const (
	ActSubmit  ReviewAction = "submit"
	ActApprove ReviewAction = "approve"
	ActReturn  ReviewAction = "return"
	ActReopen  ReviewAction = "reopen"
	// ActWithdraw takes a submitted report back to draft, by its own unit,
	// as long as no reviewer has acted on it.
	ActWithdraw ReviewAction = "withdraw"
)

// Transition returns a report's state and level after action, given the
// length of its effective review chain, or ECONFLICT when the action does
// not apply in the report's state. Who may act is checked by the store.
func Transition(state ReportState, level int, action ReviewAction, chainLen int) (ReportState, int, error) {
	switch {
	case action == ActSubmit && (state == ReportDraft || state == ReportReturned):
		if chainLen == 0 {
			return ReportApproved, 0, nil
		}
		return ReportSubmitted, 0, nil
	case action == ActApprove && state == ReportSubmitted:
		if level+1 >= chainLen {
			return ReportApproved, level, nil
		}
		return ReportSubmitted, level + 1, nil
	case action == ActReturn && state == ReportSubmitted:
		return ReportReturned, 0, nil
	case action == ActReopen && state == ReportApproved:
		return ReportReturned, 0, nil
	case action == ActWithdraw && state == ReportSubmitted && level == 0:
		return ReportDraft, 0, nil
	case action == ActWithdraw && state != ReportDraft:
		// Approved at a step, returned or approved: a reviewer has acted.
		return state, level, Errorf(EREVIEWED, "err.report.reviewed")
	}
	return state, level, Errorf(ECONFLICT, "err.report.transition")
}

// ReviewComment is a reviewer's remark, on the report as a whole (Item "")
// or on one item of it: "achievements", "obstacles", "requests",
// "work:42", "value:17", "evidence:3". Comments are never changed: a
// returned report keeps them, shown beside what they are about.
type ReviewComment struct {
	ID         int64        `json:"id"`
	ReportID   int64        `json:"report_id"`
	Level      int          `json:"level"`
	Action     ReviewAction `json:"action"`
	Item       string       `json:"item"`
	Text       string       `json:"text"`
	AuthorID   *int64       `json:"author_id"`
	AuthorName string       `json:"author_name"`
	CreatedAt  time.Time    `json:"created_at"`
}

// ReviewInput is one action with its comments.
type ReviewInput struct {
	Action   ReviewAction    `json:"action"`
	Comments []ReviewComment `json:"comments"`
	Version  int             `json:"version"`
	// Confirm submits a report although its checklist shows something
	// missing that the round does not require.
	Confirm bool `json:"confirm"`
}

// MaxCommentText bounds one review comment.
const MaxCommentText = 4000

// maxCommentItem bounds what a comment names ("evidence:123456").
const maxCommentItem = 64

// Normalize cleans the comments' text and items.
func (in *ReviewInput) Normalize() {
	for i := range in.Comments {
		c := &in.Comments[i]
		c.Item, c.Text = NormalizeRef(c.Item), NormalizeText(c.Text)
	}
}

// Validate checks the comments: at most MaxReviewComments, each with text
// that shows something, fits and can be stored. Whether the action needs
// a comment is the store's to judge, with the report's state.
func (in *ReviewInput) Validate() error {
	f := map[string]string{}
	checkCount(f, "comments", len(in.Comments), MaxReviewComments)
	if len(f) > 0 {
		return Invalid(f)
	}
	for _, c := range in.Comments {
		switch {
		case c.Text == "" || len([]rune(c.Text)) > MaxCommentText:
			f["comments"] = "err.report.comment_text"
		case len(c.Item) > maxCommentItem:
			f["comments"] = "err.too_long"
		}
		if !Storable(c.Text) || !Storable(c.Item) {
			f["comments"] = KeyBadText
		}
	}
	return Invalid(f)
}

// Evidence is a file attached to a report. Its content lives in the
// database, so every app instance serves it.
type Evidence struct {
	ID          int64     `json:"id"`
	ReportID    int64     `json:"report_id"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	UploadedBy  *int64    `json:"uploaded_by"`
	CreatedAt   time.Time `json:"created_at"`
}

// MaxEvidenceSize bounds one evidence file.
const MaxEvidenceSize = 10 << 20

// evidenceTypes maps the extensions Payesh accepts to the content types
// their bytes must sniff as: PDFs, images and Office documents.
var evidenceTypes = map[string][]string{
	".pdf":  {"application/pdf"},
	".png":  {"image/png"},
	".jpg":  {"image/jpeg"},
	".jpeg": {"image/jpeg"},
	".docx": {"application/zip"},
	".xlsx": {"application/zip"},
	".pptx": {"application/zip"},
	".odt":  {"application/zip"},
	".ods":  {"application/zip"},
	".doc":  {"application/octet-stream"},
	".xls":  {"application/octet-stream"},
}

// CheckEvidenceName returns the file name to store, or a field error for a
// name that tries to reach a path ("../", "/etc/x", "C:\x"), hides control
// characters, or has an extension Payesh does not accept. The name is
// judged as it will be stored and shown — cleaned as any text, so without
// bidi controls — since "invoice\u202Eexe.pdf" shows as "invoicefdp.exe"
// but is, and is stored as, "invoiceexe.pdf".
func CheckEvidenceName(name string) (string, error) {
	if !Storable(name) {
		return "", Invalid(map[string]string{"file": KeyBadText})
	}
	name = NormalizeText(name)
	if name == "" || len(name) > 200 || strings.ContainsAny(name, `/\:`) || strings.Contains(name, "..") ||
		strings.HasPrefix(name, ".") || strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return "", Invalid(map[string]string{"file": "err.evidence.name"})
	}
	if _, ok := evidenceTypes[strings.ToLower(filepath.Ext(name))]; !ok {
		return "", Invalid(map[string]string{"file": "err.evidence.type"})
	}
	return name, nil
}

// CheckEvidenceContent checks that the bytes are what the name says:
// sniffedType is http.DetectContentType of the first 512 bytes.
func CheckEvidenceContent(name, sniffedType string, size int64) error {
	if size > MaxEvidenceSize {
		return Invalid(map[string]string{"file": "err.evidence.too_large"})
	}
	if size == 0 {
		return Invalid(map[string]string{"file": "err.evidence.empty"})
	}
	base := strings.TrimSpace(strings.SplitN(sniffedType, ";", 2)[0])
	for _, t := range evidenceTypes[strings.ToLower(filepath.Ext(name))] {
		if t == base {
			return nil
		}
	}
	return Invalid(map[string]string{"file": "err.evidence.mismatch"})
}

// RoundFilter and ReportFilter select rounds and reports.
type RoundFilter struct {
	Open *bool
	Page
}

type ReportFilter struct {
	RoundID int64
	UnitID  int64 // the unit's subtree
	States  []ReportState
	// ToReview selects reports waiting at a level the user in the context
	// reviews.
	ToReview bool
	Page
}

// ReportService runs reporting rounds and the review loop.
type ReportService interface {
	CreateRound(ctx context.Context, r *Round) error
	FindRound(ctx context.Context, id int64) (*Round, error)
	FindRounds(ctx context.Context, f RoundFilter) ([]*Round, int, error)
	CloseRound(ctx context.Context, id int64, version int) (*Round, error)

	FindReport(ctx context.Context, id int64) (*Report, error)
	FindReports(ctx context.Context, f ReportFilter) ([]*Report, int, error)
	SaveNarrative(ctx context.Context, id int64, n Narrative) (*Report, error)
	Review(ctx context.Context, id int64, in ReviewInput) (*Report, error)
	FindComments(ctx context.Context, reportID int64) ([]*ReviewComment, error)
	// ReviewChain returns the levels a report actually passes, with the
	// unit that reviews each (0 for the secretariat).
	ReviewChain(ctx context.Context, id int64) ([]ChainStep, error)

	AddEvidence(ctx context.Context, reportID int64, name string, content io.Reader) (*Evidence, error)
	FindEvidence(ctx context.Context, reportID int64) ([]*Evidence, error)
	// OpenEvidence returns a file's metadata and content, for users who may
	// read its report.
	OpenEvidence(ctx context.Context, id int64) (*Evidence, []byte, error)

	// Checklist says what a report still lacks and what its round requires.
	Checklist(ctx context.Context, id int64) (*Checklist, error)
	// LateClosures lists the work of the round's units closed after its
	// due date within the round's period.
	LateClosures(ctx context.Context, roundID int64) ([]LateClosure, error)
}

// ChainStep is one level of a report's effective review chain.
type ChainStep struct {
	Level  ReviewLevel `json:"level"`
	UnitID int64       `json:"unit_id"`
}

// Report error codes, part of the API contract beside the common ones:
// clients switch on them to tell a report that needs the unit's
// confirmation from one that cannot be sent yet.
const (
	// EINCOMPLETE: the report lacks something the round does not require;
	// submitting again with Confirm sends it as it is.
	EINCOMPLETE = "report_incomplete"
	// EREQUIRED: the report lacks something its round requires; it cannot
	// be sent, confirmed or not.
	EREQUIRED = "report_requirements"
	// EREVIEWED: a reviewer has acted on the report, so it can no longer
	// be withdrawn.
	EREVIEWED = "report_reviewed"
	// ESELFREVIEW: the user would review the report's current step by
	// role, but submitted the report, wrote part of it in this submission
	// (narrative, files, values) or belongs to its unit; someone else must
	// approve or return it.
	ESELFREVIEW = "report_self_review"
)

// Checklist is what a report still lacks before it is sent: the parts of
// its narrative left empty, whether a file is attached, and the values of
// the period the unit owes and has not entered; and which of them the
// round requires.
type Checklist struct {
	ReportID int64 `json:"report_id"`
	// EmptyNarrative names the parts left empty: "achievements",
	// "obstacles", "requests".
	EmptyNarrative []string `json:"empty_narrative"`
	Evidence       int      `json:"evidence"`
	ValuesExpected int      `json:"values_expected"`
	// MissingValues are the owed values not entered, by indicator and
	// base period.
	MissingValues    []MissingValue `json:"missing_values"`
	RequireNarrative bool           `json:"require_narrative"`
	RequireEvidence  bool           `json:"require_evidence"`
	RequireValues    bool           `json:"require_values"`
}

// MissingValue is a value a unit owes and has not entered.
type MissingValue struct {
	IndicatorID int64  `json:"indicator_id"`
	Period      string `json:"period"`
}

// Field is the name a missing value goes by in an error's fields.
func (m MissingValue) Field() string { return fmt.Sprintf("value:%d:%s", m.IndicatorID, m.Period) }

// Complete reports whether nothing is missing.
func (c *Checklist) Complete() bool {
	return len(c.EmptyNarrative) == 0 && c.Evidence > 0 && len(c.MissingValues) == 0
}

// Check returns why the report cannot be sent as it is: EREQUIRED when it
// lacks what the round requires, EINCOMPLETE when it lacks anything else
// and the unit has not confirmed; nil otherwise. Either error names every
// missing thing in its fields, what the round requires with its own
// message.
func (c *Checklist) Check(confirm bool) error {
	fields, required := map[string]string{}, false
	miss := func(field string, req bool, key string) {
		if req {
			key, required = strings.Replace(key, ".missing.", ".required.", 1), true
		}
		fields[field] = key
	}
	for _, part := range c.EmptyNarrative {
		miss(part, c.RequireNarrative, "err.report.missing.narrative")
	}
	if c.Evidence == 0 {
		miss("evidence", c.RequireEvidence, "err.report.missing.evidence")
	}
	for _, m := range c.MissingValues {
		miss(m.Field(), c.RequireValues, "err.report.missing.value")
	}
	switch {
	case required:
		return &Error{Code: EREQUIRED, Message: "err.report.required", Fields: fields}
	case len(fields) > 0 && !confirm:
		return &Error{Code: EINCOMPLETE, Message: "err.report.incomplete", Fields: fields}
	}
	return nil
}

// NoteReportWithdrawn tells a reviewer that a report they were told to
// review was withdrawn by its unit.
const NoteReportWithdrawn NotificationKind = "report_withdrawn"

// LateClosure is a work item closed after its due date.
type LateClosure struct {
	WorkItemID  int64  `json:"work_item_id"`
	Code        string `json:"code"`
	Title       string `json:"title"`
	OwnerUnitID int64  `json:"owner_unit_id"`
	DueDate     Date   `json:"due_date"`
	DoneDate    Date   `json:"done_date"`
	DaysLate    int    `json:"days_late"`
}
