package payesh

import (
	"context"
	"net/mail"
	"time"
)

// Calls for papers (issue 15, scope 2). The research institute issues a
// call in numbered axes («فراخوان مقاله در ۳۰ محور»); papers come in, are
// read by reviewers — often from outside the organization, who reach
// only the papers given to them through a link (ReviewerLink) — and the
// secretariat decides each one. A call may feed a publication milestone,
// the special issue of the quarterly journal: a work item whose progress
// is the accepted papers over the papers the call plans for (Call.Progress),
// kept so in the transaction of every decision.

// Call is a call for papers. OwnerUnitID is the unit that issued it: who
// reads that unit's work reads the call, and who may change that unit's
// work runs it.
type Call struct {
	ID          int64      `json:"id"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	OwnerUnitID int64      `json:"owner_unit_id"`
	Axes        []CallAxis `json:"axes"`
	// Deadline is the last day papers are received; zero when the call
	// names none.
	Deadline Date `json:"deadline"`
	// PlannedPapers is how many accepted papers the milestone needs (the
	// special issue's papers); 0 leaves the milestone's progress alone.
	PlannedPapers int `json:"planned_papers"`
	// MilestoneID is the work item (kind milestone or program, without
	// children) whose progress follows the accepted papers.
	MilestoneID *int64    `json:"milestone_id"`
	Version     int       `json:"version"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`

	// Read with the call, never written through it.
	Tally CallTally `json:"tally"`
}

// CallAxis is one axis of a call: its number, 1…n in order, and its
// title when known. The page names an untitled axis «محور n».
type CallAxis struct {
	Number int    `json:"number"`
	Title  string `json:"title"`
}

// CallTally counts a call's submissions by decision.
type CallTally struct {
	Submissions int `json:"submissions"`
	Accepted    int `json:"accepted"`
	Revise      int `json:"revise"`
	Rejected    int `json:"rejected"`
	Undecided   int `json:"undecided"`
}

// Progress is the milestone's progress the call makes: accepted papers
// over planned ones, 0–100; -1 when the call plans no number.
func (c *Call) Progress() float64 {
	return MilestoneProgress(c.Tally.Accepted, c.PlannedPapers)
}

// MilestoneProgress is accepted over planned as a percentage, at most
// 100 (more papers accepted than planned make the issue no more than
// ready); -1 when planned is not set.
func MilestoneProgress(accepted, planned int) float64 {
	if planned <= 0 {
		return -1
	}
	return min(100, 100*float64(accepted)/float64(planned))
}

// Verdict is a reviewer's recommendation on a paper, and the decision
// the secretariat takes on it.
type Verdict string

const (
	VerdictAccept Verdict = "accept" // پذیرش
	VerdictRevise Verdict = "revise" // نیاز به اصلاح
	VerdictReject Verdict = "reject" // رد
)

var Verdicts = []Verdict{VerdictAccept, VerdictRevise, VerdictReject}

func (v Verdict) Valid() bool { return contains(Verdicts, v) }

// Submission is a paper submitted to a call, on one of its axes. Decision
// is empty until the secretariat decides.
type Submission struct {
	ID          int64  `json:"id"`
	CallID      int64  `json:"call_id"`
	Axis        int    `json:"axis"`
	Title       string `json:"title"`
	Authors     string `json:"authors"`
	Institution string `json:"institution"`
	// ReceivedOn is the day the paper arrived (by mail, often).
	ReceivedOn   Date       `json:"received_on"`
	Decision     Verdict    `json:"decision"`
	DecisionNote string     `json:"decision_note"`
	DecidedBy    *int64     `json:"decided_by"`
	DeciderName  string     `json:"decider_name"`
	DecidedAt    *time.Time `json:"decided_at"`
	Version      int        `json:"version"`
	CreatedAt    time.Time  `json:"created_at"`
	UpdatedAt    time.Time  `json:"updated_at"`

	// Read with the submission.
	File *CallFile `json:"file"`
	// Reviews are the reviews posted on it; a reviewer's link shows only
	// the reviewer's own.
	Reviews []*PaperReview `json:"reviews"`
	// Reviewers names the reviewers assigned to it (the staff's view).
	Reviewers []string `json:"reviewers"`
}

// MeanScore is the mean of the reviews' scores, 0 without reviews.
func (s *Submission) MeanScore() float64 {
	if len(s.Reviews) == 0 {
		return 0
	}
	sum := 0
	for _, r := range s.Reviews {
		sum += r.Score
	}
	return float64(sum) / float64(len(s.Reviews))
}

// CallFile is a paper's file, kept and served as a report's evidence.
type CallFile struct {
	ID           int64     `json:"id"`
	SubmissionID int64     `json:"submission_id"`
	Name         string    `json:"name"`
	ContentType  string    `json:"content_type"`
	Size         int64     `json:"size"`
	SHA256       string    `json:"sha256"`
	CreatedAt    time.Time `json:"created_at"`
}

// Evidence is the file as download.Evidence serves it.
func (f *CallFile) Evidence() *Evidence {
	return &Evidence{ID: f.ID, Name: f.Name, ContentType: f.ContentType, Size: f.Size, SHA256: f.SHA256, CreatedAt: f.CreatedAt}
}

// PaperReview is one reviewer's judgement of a paper. The score is a whole
// number from 1 (weak) to 5 (excellent): the scale a reviewer is asked on
// paper forms, and the one the consultations' agreement uses, so a mean
// reads the same everywhere.
type PaperReview struct {
	ID           int64     `json:"id"`
	SubmissionID int64     `json:"submission_id"`
	ReviewerID   int64     `json:"reviewer_id"`
	ReviewerName string    `json:"reviewer_name"`
	Score        int       `json:"score"`
	Verdict      Verdict   `json:"verdict"`
	Comment      string    `json:"comment"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Bounds of a review's score.
const (
	MinReviewScore = 1
	MaxReviewScore = 5
)

// PaperReviewInput is what a reviewer posts.
type PaperReviewInput struct {
	Score   int     `json:"score"`
	Verdict Verdict `json:"verdict"`
	Comment string  `json:"comment"`
}

// Validate checks a review after normalizing its comment.
func (in *PaperReviewInput) Validate() error {
	in.Comment = NormalizeText(in.Comment)
	f := map[string]string{}
	if in.Score < MinReviewScore || in.Score > MaxReviewScore {
		f["score"] = "err.review.score"
	}
	if !in.Verdict.Valid() {
		f["verdict"] = "err.review.verdict"
	}
	if len([]rune(in.Comment)) > MaxReviewComment {
		f["comment"] = "err.too_long"
	}
	checkText(f, map[string]string{"comment": in.Comment})
	return Invalid(f)
}

// PaperDecision is the secretariat's decision on a paper, at the version it
// saw; an empty Verdict takes a decision back.
type PaperDecision struct {
	Verdict Verdict `json:"decision"`
	Note    string  `json:"note"`
	Version int     `json:"version"`
}

// Validate checks a decision.
func (d *PaperDecision) Validate() error {
	d.Note = NormalizeText(d.Note)
	f := map[string]string{}
	if d.Verdict != "" && !d.Verdict.Valid() {
		f["decision"] = "err.review.verdict"
	}
	if len([]rune(d.Note)) > MaxChangeReason {
		f["note"] = "err.too_long"
	}
	checkText(f, map[string]string{"note": d.Note})
	return Invalid(f)
}

// Reviewer is a person who reviews papers of a call through a link: an
// expiring secret that reaches only the submissions assigned to them and
// does nothing but show them, serve their files and take a review. Only
// the secret's hash is kept; the link is shown once, when made.
type Reviewer struct {
	ID            int64      `json:"id"`
	CallID        int64      `json:"call_id"`
	Name          string     `json:"name"`
	Affiliation   string     `json:"affiliation"`
	Email         string     `json:"email"`
	ExpiresAt     time.Time  `json:"expires_at"`
	RevokedAt     *time.Time `json:"revoked_at"`
	SubmissionIDs []int64    `json:"submission_ids"`
	CreatedAt     time.Time  `json:"created_at"`
}

// LinkState says whether a reviewer's link works at now.
func (r *Reviewer) LinkState(now time.Time) string {
	switch {
	case r.RevokedAt != nil:
		return LinkRevoked
	case !r.ExpiresAt.After(now):
		return LinkExpired
	}
	return LinkActive
}

// States of a reviewer's link.
const (
	LinkActive  = "active"
	LinkExpired = "expired"
	LinkRevoked = "revoked"
)

// ReviewerInput makes a reviewer: who, which submissions, and how many
// days the link lives (0: DefaultLinkDays).
type ReviewerInput struct {
	Name          string  `json:"name"`
	Affiliation   string  `json:"affiliation"`
	Email         string  `json:"email"`
	SubmissionIDs []int64 `json:"submission_ids"`
	Days          int     `json:"days"`
}

// A link lives DefaultLinkDays unless asked otherwise, at most
// MaxLinkDays: a reviewer reads a paper in weeks, and a link forgotten in
// a mailbox should die on its own.
const (
	DefaultLinkDays = 30
	MaxLinkDays     = 90
)

// Validate checks a new reviewer after normalizing it.
func (in *ReviewerInput) Validate() error {
	in.Name, in.Affiliation, in.Email = NormalizeText(in.Name), NormalizeText(in.Affiliation), NormalizeText(in.Email)
	in.SubmissionIDs = uniqueIDs(in.SubmissionIDs)
	if in.Days == 0 {
		in.Days = DefaultLinkDays
	}
	f := map[string]string{}
	if in.Name == "" {
		f["name"] = "err.required"
	} else if len([]rune(in.Name)) > 200 {
		f["name"] = "err.too_long"
	}
	if len([]rune(in.Affiliation)) > 300 {
		f["affiliation"] = "err.too_long"
	}
	if in.Email != "" {
		if _, err := mail.ParseAddress(in.Email); err != nil || len(in.Email) > 254 {
			f["email"] = "err.user.email"
		}
	}
	if in.Days < 1 || in.Days > MaxLinkDays {
		f["days"] = "err.reviewer.days"
	}
	checkCount(f, "submission_ids", len(in.SubmissionIDs), MaxAssignments)
	for _, id := range in.SubmissionIDs {
		if id <= 0 {
			f["submission_ids"] = "err.bad_id"
		}
	}
	checkText(f, map[string]string{"name": in.Name, "affiliation": in.Affiliation, "email": in.Email})
	return Invalid(f)
}

// ReviewerDesk is what a reviewer's link opens: the call, the reviewer,
// and the submissions assigned to them with their own reviews only.
type ReviewerDesk struct {
	Call        *Call         `json:"call"`
	Reviewer    *Reviewer     `json:"reviewer"`
	Submissions []*Submission `json:"submissions"`
}

// Bounds of a call and its parts.
const (
	MaxCallAxes      = 200
	MaxPlannedPapers = 10000
	MaxAssignments   = 200
	MaxReviewComment = 16 << 10
	// MaxCallSubmissions bounds one call's papers, so its page and its
	// counts stay one query's work.
	MaxCallSubmissions = 5000
)

// EGONE is the code of a link that existed and has ended (expired or
// revoked): 410 in the API, a page saying so in the web UI.
const EGONE = "gone"

// ErrLinkExpired and ErrLinkRevoked are a reviewer link's ends.
var (
	ErrLinkExpired = Errorf(EGONE, "err.reviewer_link.expired")
	ErrLinkRevoked = Errorf(EGONE, "err.reviewer_link.revoked")
)

func (c *Call) Normalize() {
	c.Title, c.Description = NormalizeText(c.Title), NormalizeText(c.Description)
	for i := range c.Axes {
		c.Axes[i].Number = i + 1 // axes are numbered by their order
		c.Axes[i].Title = NormalizeText(c.Axes[i].Title)
	}
	if c.Axes == nil {
		c.Axes = []CallAxis{}
	}
	if c.MilestoneID != nil && *c.MilestoneID == 0 {
		c.MilestoneID = nil
	}
}

func (c *Call) Validate() error {
	f := map[string]string{}
	if c.Title == "" {
		f["title"] = "err.required"
	} else if len([]rune(c.Title)) > 500 {
		f["title"] = "err.too_long"
	}
	if len(c.Description) > 64<<10 {
		f["description"] = "err.too_long"
	}
	if c.OwnerUnitID == 0 {
		f["owner_unit_id"] = "err.required"
	}
	if len(c.Axes) == 0 {
		f["axes"] = "err.call.no_axes"
	}
	checkCount(f, "axes", len(c.Axes), MaxCallAxes)
	texts := map[string]string{"title": c.Title, "description": c.Description}
	for _, a := range c.Axes {
		if len([]rune(a.Title)) > 300 {
			f["axes"] = "err.too_long"
		}
		if !Storable(a.Title) {
			f["axes"] = KeyBadText
		}
	}
	if c.PlannedPapers < 0 || c.PlannedPapers > MaxPlannedPapers {
		f["planned_papers"] = "err.call.planned"
	}
	checkText(f, texts)
	return Invalid(f)
}

// AxisTitle is axis n's title, "" when untitled or out of range.
func (c *Call) AxisTitle(n int) string {
	if n >= 1 && n <= len(c.Axes) {
		return c.Axes[n-1].Title
	}
	return ""
}

// Normalize cleans a submission's texts.
func (s *Submission) Normalize() {
	s.Title, s.Authors, s.Institution = NormalizeText(s.Title), NormalizeText(s.Authors), NormalizeText(s.Institution)
}

// Validate checks a submission's own fields; the axis against the call's
// is the store's check, and today bounds the day it was received.
func (s *Submission) Validate(today Date) error {
	f := map[string]string{}
	if s.Title == "" {
		f["title"] = "err.required"
	} else if len([]rune(s.Title)) > 500 {
		f["title"] = "err.too_long"
	}
	if s.Authors == "" {
		f["authors"] = "err.required"
	} else if len([]rune(s.Authors)) > 1000 {
		f["authors"] = "err.too_long"
	}
	if len([]rune(s.Institution)) > 300 {
		f["institution"] = "err.too_long"
	}
	if s.Axis < 1 {
		f["axis"] = "err.required"
	}
	if !s.ReceivedOn.IsZero() && s.ReceivedOn.After(today) {
		f["received_on"] = "err.call.received_future"
	}
	checkText(f, map[string]string{"title": s.Title, "authors": s.Authors, "institution": s.Institution})
	return Invalid(f)
}

// CallFilter selects calls, newest first.
type CallFilter struct {
	Page
}

// Audit actions of a call's life.
const (
	ActionDecide     = "decide"
	ActionReview     = "review"
	ActionAssign     = "assign"
	ActionLinkIssue  = "link_issue"
	ActionLinkRevoke = "link_revoke"
)

// CallService keeps calls for papers, their submissions, reviewers and
// reviews.
//
// Who may do what: whoever may change the owner unit's work (admins, the
// secretariat, the unit's reporters) runs a call — creates and edits it,
// records submissions and their files, decides them, and makes, renews
// and revokes reviewers' links; deciding also needs the right to report
// on the call's milestone, whose progress it moves. Whoever reads the
// owner unit's work reads the call. A reviewer holds no account: their
// link (secret) is the whole of their authority.
type CallService interface {
	CreateCall(ctx context.Context, c *Call) error
	// UpdateCall replaces a call's fields and axes at the version the
	// editor saw; the milestone follows the new planned count at once.
	UpdateCall(ctx context.Context, id int64, c *Call) (*Call, error)
	FindCall(ctx context.Context, id int64) (*Call, error)
	FindCalls(ctx context.Context, f CallFilter) ([]*Call, int, error)

	// CreateSubmission records a paper; file, when set, is its file.
	CreateSubmission(ctx context.Context, s *Submission, file *Upload) error
	// AddSubmissionFile keeps a new file of a paper, which becomes its file.
	AddSubmissionFile(ctx context.Context, submissionID int64, file Upload) (*CallFile, error)
	FindSubmission(ctx context.Context, id int64) (*Submission, error)
	// FindSubmissions lists a call's papers by axis, with their reviews.
	FindSubmissions(ctx context.Context, callID int64) ([]*Submission, error)
	OpenCallFile(ctx context.Context, id int64) (*CallFile, []byte, error)
	// Decide records the decision on a paper and, in the same
	// transaction, sets the milestone's progress from the accepted count.
	Decide(ctx context.Context, submissionID int64, d PaperDecision) (*Submission, error)

	// CreateReviewer makes a reviewer of the call with the submissions
	// given, and returns the link's secret, shown once.
	CreateReviewer(ctx context.Context, callID int64, in ReviewerInput) (string, *Reviewer, error)
	// AssignSubmissions gives a reviewer more submissions of their call.
	AssignSubmissions(ctx context.Context, reviewerID int64, submissionIDs []int64) (*Reviewer, error)
	// RenewReviewerLink replaces a reviewer's secret with a new one that
	// lives days more (0: DefaultLinkDays); the old link stops working.
	RenewReviewerLink(ctx context.Context, reviewerID int64, days int) (string, *Reviewer, error)
	RevokeReviewer(ctx context.Context, reviewerID int64) (*Reviewer, error)
	FindReviewers(ctx context.Context, callID int64) ([]*Reviewer, error)

	// ReviewerDesk opens a link: not found for an unknown secret, EGONE
	// for an expired or revoked one. Needs no user in ctx.
	ReviewerDesk(ctx context.Context, secret string) (*ReviewerDesk, error)
	// OpenReviewerFile serves the file of a submission assigned to the
	// link's reviewer, and nothing else.
	OpenReviewerFile(ctx context.Context, secret string, submissionID int64) (*CallFile, []byte, error)
	// PostReview records (or replaces) the link's reviewer's review of a
	// submission assigned to them, while it is undecided.
	PostReview(ctx context.Context, secret string, submissionID int64, in PaperReviewInput) (*PaperReview, error)
}
