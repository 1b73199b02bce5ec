package payesh

import (
	"context"
	"time"
)

// The research register (issue 15): the research axes the research
// institute defined (the sources name 14) linked to the clauses they
// serve, and the projects commissioned under each — from the day a topic
// is identified to the day its findings are applied — with the
// institution doing it, its contract, budget, deliverables and the
// clauses and work items each informs.

// ResearchStage is where a project stands. Stages are passed in order,
// one at a time; going back is allowed with a reason (a proposal turned
// down goes back to announced), and every move is kept.
type ResearchStage string

const (
	StageIdentified       ResearchStage = "identified"        // احصا شده
	StageAnnounced        ResearchStage = "announced"         // فراخوان / ابلاغ شده
	StageProposalReceived ResearchStage = "proposal_received" // پیشنهاد دریافت شده
	StageContracted       ResearchStage = "contracted"        // قرارداد بسته شده
	StageInProgress       ResearchStage = "in_progress"       // در حال اجرا
	StageDelivered        ResearchStage = "delivered"         // تحویل شده
	StageReviewed         ResearchStage = "reviewed"          // داوری شده
	StageApplied          ResearchStage = "applied"           // به کار گرفته شده
)

// ResearchStages lists the stages in their order.
var ResearchStages = []ResearchStage{StageIdentified, StageAnnounced, StageProposalReceived, StageContracted,
	StageInProgress, StageDelivered, StageReviewed, StageApplied}

// Index is the stage's place in ResearchStages, -1 when unknown.
func (s ResearchStage) Index() int {
	for i, x := range ResearchStages {
		if x == s {
			return i
		}
	}
	return -1
}

func (s ResearchStage) Valid() bool { return s.Index() >= 0 }

// Delivered reports whether a project at s has delivered its findings:
// from then on its contract end no longer makes it late.
func (s ResearchStage) Delivered() bool { return s.Index() >= StageDelivered.Index() }

// Next is the stage after s, "" after the last.
func (s ResearchStage) Next() ResearchStage {
	if i := s.Index(); i >= 0 && i+1 < len(ResearchStages) {
		return ResearchStages[i+1]
	}
	return ""
}

// CheckStageMove says whether a project may move from one stage to
// another: forward exactly one step, or back any number of steps with a
// reason. Moving into contracted needs the contract's dates, without
// which its lateness could never be judged.
func CheckStageMove(from, to ResearchStage, reason string, p *ResearchProject) error {
	f := map[string]string{}
	switch {
	case !to.Valid():
		f["to"] = "err.research.stage"
	case to.Index() == from.Index():
		f["to"] = "err.research.same_stage"
	case to.Index() > from.Index()+1:
		f["to"] = "err.research.skip"
	case to.Index() < from.Index() && reason == "":
		f["note"] = "err.research.back_reason"
	}
	if to == StageContracted && to.Index() > from.Index() && (p.ContractStart.IsZero() || p.ContractEnd.IsZero()) {
		f["to"] = "err.research.contract_dates"
	}
	if len([]rune(reason)) > MaxChangeReason {
		f["note"] = "err.too_long"
	}
	checkText(f, map[string]string{"note": reason})
	return Invalid(f)
}

// ResearchAxis is one axis of the research program: a numbered topic the
// institute defined, the clauses it serves, the unit that runs it (the
// research institute) and, when one does, the work item that follows
// the whole program.
type ResearchAxis struct {
	ID     int64  `json:"id"`
	Number int    `json:"number"` // «محور ۳»
	Title  string `json:"title"`
	Note   string `json:"note"`
	// OwnerUnitID runs the axis and its projects: their work is its work
	// for reading and for changing (ReadScope, CanEditWorkOf).
	OwnerUnitID int64   `json:"owner_unit_id"`
	WorkItemID  *int64  `json:"work_item_id"`
	ClauseIDs   []int64 `json:"clause_ids"`
	Version     int     `json:"version"`
	// Stages counts the axis's projects the reader reads, by stage.
	Stages    map[ResearchStage]int `json:"stages"`
	Projects  int                   `json:"projects"`
	CreatedAt time.Time             `json:"created_at"`
	UpdatedAt time.Time             `json:"updated_at"`
}

// Bounds of the register.
const (
	MaxResearchAxes      = 200
	MaxResearchTitle     = 500
	MaxResearchNote      = 16 << 10
	MaxResearchBudget    = 1_000_000_000_000_000 // a quadrillion rials: far beyond any project
	MaxDeliverables      = 200
	MaxDeliverableReview = 4000
	MaxResearchImport    = 1000
	MaxResearchWorkLink  = 100
)

func (a *ResearchAxis) Normalize() {
	a.Title, a.Note = NormalizeText(a.Title), NormalizeText(a.Note)
	a.ClauseIDs = uniqueIDs(a.ClauseIDs)
}

func (a *ResearchAxis) Validate() error {
	f := map[string]string{}
	if a.Number < 1 || a.Number > MaxResearchAxes {
		f["number"] = "err.research.axis_number"
	}
	if a.Title == "" {
		f["title"] = "err.required"
	} else if len([]rune(a.Title)) > MaxResearchTitle {
		f["title"] = "err.too_long"
	}
	if len(a.Note) > MaxResearchNote {
		f["note"] = "err.too_long"
	}
	if a.OwnerUnitID <= 0 {
		f["owner_unit_id"] = "err.required"
	}
	checkCount(f, "clause_ids", len(a.ClauseIDs), MaxClauseLinks)
	checkText(f, map[string]string{"title": a.Title, "note": a.Note})
	return Invalid(f)
}

// ResearchProject is one project of an axis.
type ResearchProject struct {
	ID     int64  `json:"id"`
	AxisID int64  `json:"axis_id"`
	Title  string `json:"title"`
	// InstitutionUnitID is the university, seminary or institute doing
	// the work when it is an org unit (InstitutionKind); otherwise it is
	// named in InstitutionName. A partner reads the projects of its own.
	InstitutionUnitID *int64        `json:"institution_unit_id"`
	InstitutionName   string        `json:"institution_name"`
	Investigator      string        `json:"investigator"` // مجری / principal investigator
	Stage             ResearchStage `json:"stage"`
	ContractStart     Date          `json:"contract_start"`
	ContractEnd       Date          `json:"contract_end"`
	// BudgetRials is the contract's amount in rials; 0 when not known.
	BudgetRials int64     `json:"budget_rials"`
	Note        string    `json:"note"`
	ClauseIDs   []int64   `json:"clause_ids"`
	WorkItemIDs []int64   `json:"work_item_ids"`
	Version     int       `json:"version"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`

	// Read with the project, never written through it.
	AxisNumber   int                    `json:"axis_number"`
	AxisTitle    string                 `json:"axis_title"`
	OwnerUnitID  int64                  `json:"owner_unit_id"`
	Moves        []*StageMove           `json:"moves,omitempty"`
	Deliverables []*ResearchDeliverable `json:"deliverables,omitempty"`
}

// InstitutionKind reports whether a unit of kind k may be a project's
// institution: an external partner (a university, the seminary) or an
// office of the organization (its research institute).
func InstitutionKind(k UnitKind) bool { return k == UnitPartner || k == UnitOffice }

// Late reports whether p is past its contract's end on day today without
// having delivered.
func (p *ResearchProject) Late(today Date) bool {
	return !p.ContractEnd.IsZero() && p.ContractEnd.Before(today) && !p.Stage.Delivered()
}

// DaysLate is how many days p is past its contract's end, 0 when not late.
func (p *ResearchProject) DaysLate(today Date) int {
	if !p.Late(today) {
		return 0
	}
	return DaysBetween(p.ContractEnd, today)
}

func (p *ResearchProject) Normalize() {
	p.Title, p.InstitutionName = NormalizeText(p.Title), NormalizeText(p.InstitutionName)
	p.Investigator, p.Note = NormalizeText(p.Investigator), NormalizeText(p.Note)
	p.ClauseIDs, p.WorkItemIDs = uniqueIDs(p.ClauseIDs), uniqueIDs(p.WorkItemIDs)
	if p.InstitutionUnitID != nil && *p.InstitutionUnitID == 0 {
		p.InstitutionUnitID = nil
	}
	if p.Stage == "" {
		p.Stage = StageIdentified
	}
}

func (p *ResearchProject) Validate() error {
	f := map[string]string{}
	if p.AxisID <= 0 {
		f["axis_id"] = "err.required"
	}
	if p.Title == "" {
		f["title"] = "err.required"
	} else if len([]rune(p.Title)) > MaxResearchTitle {
		f["title"] = "err.too_long"
	}
	if p.InstitutionUnitID != nil && p.InstitutionName != "" {
		f["institution_name"] = "err.research.institution_both"
	}
	if len([]rune(p.InstitutionName)) > 300 {
		f["institution_name"] = "err.too_long"
	}
	if len([]rune(p.Investigator)) > 200 {
		f["investigator"] = "err.too_long"
	}
	if !p.Stage.Valid() {
		f["stage"] = "err.research.stage"
	}
	if !p.ContractStart.IsZero() && !p.ContractEnd.IsZero() && p.ContractEnd.Before(p.ContractStart) {
		f["contract_end"] = "err.research.end_before_start"
	}
	if p.Stage.Index() >= StageContracted.Index() && (p.ContractStart.IsZero() || p.ContractEnd.IsZero()) {
		f["contract_end"] = "err.research.contract_dates"
	}
	if p.BudgetRials < 0 || p.BudgetRials > MaxResearchBudget {
		f["budget_rials"] = "err.research.budget"
	}
	if len(p.Note) > MaxResearchNote {
		f["note"] = "err.too_long"
	}
	checkCount(f, "clause_ids", len(p.ClauseIDs), MaxClauseLinks)
	checkCount(f, "work_item_ids", len(p.WorkItemIDs), MaxResearchWorkLink)
	checkText(f, map[string]string{"title": p.Title, "institution_name": p.InstitutionName,
		"investigator": p.Investigator, "note": p.Note})
	return Invalid(f)
}

// StageMove is one move of a project between stages: who, when, why.
type StageMove struct {
	ID        int64         `json:"id"`
	ProjectID int64         `json:"project_id"`
	From      ResearchStage `json:"from"` // "" for the stage it was created at
	To        ResearchStage `json:"to"`
	Note      string        `json:"note"`
	ByID      *int64        `json:"by_id"`
	ByName    string        `json:"by_name"`
	At        time.Time     `json:"at"`
}

// Back reports whether the move went back.
func (m *StageMove) Back() bool { return m.From != "" && m.To.Index() < m.From.Index() }

// StageMoveInput asks to move a project to a stage, at its version.
type StageMoveInput struct {
	To      ResearchStage `json:"to"`
	Note    string        `json:"note"`
	Version int           `json:"version"`
}

// ResearchDeliverable is a file a project delivered (a report, a
// proposal, the final findings), kept as evidence is, with the review
// comments made on it.
type ResearchDeliverable struct {
	ID          int64             `json:"id"`
	ProjectID   int64             `json:"project_id"`
	Name        string            `json:"name"`
	ContentType string            `json:"content_type"`
	Size        int64             `json:"size"`
	SHA256      string            `json:"sha256"`
	Note        string            `json:"note"`
	UploadedBy  *int64            `json:"uploaded_by"`
	CreatedAt   time.Time         `json:"created_at"`
	Reviews     []*ResearchReview `json:"reviews"`
}

// ResearchReview is a comment on a deliverable.
type ResearchReview struct {
	ID            int64     `json:"id"`
	DeliverableID int64     `json:"deliverable_id"`
	Comment       string    `json:"comment"`
	ByID          *int64    `json:"by_id"`
	ByName        string    `json:"by_name"`
	At            time.Time `json:"at"`
}

// CheckReviewComment checks a review comment after NormalizeText.
func CheckReviewComment(c string) error {
	f := map[string]string{}
	if c == "" {
		f["comment"] = "err.required"
	} else if len([]rune(c)) > MaxDeliverableReview {
		f["comment"] = "err.too_long"
	}
	checkText(f, map[string]string{"comment": c})
	return Invalid(f)
}

// ResearchFilter selects projects; zero fields do not filter.
type ResearchFilter struct {
	AxisID   int64
	Stage    ResearchStage
	ClauseID int64 // linked to the clause, or under an axis linked to it
	// LateOn keeps the projects late on that day.
	LateOn Date
	Page
}

// ResearchImportRow is one row of an uploaded project list: ID set
// updates that project, unset creates one. Row is its row in the sheet.
type ResearchImportRow struct {
	Row     int
	Project ResearchProject
}

// RowError is one refused row of an import: its row, field and message.
type RowError struct {
	Row   int    `json:"row"`
	Field string `json:"field"`
	Key   string `json:"key"`
}

// ResearchImportResult says what an import did.
type ResearchImportResult struct {
	Created int `json:"created"`
	Updated int `json:"updated"`
	// Unchanged rows matched their project exactly.
	Unchanged int `json:"unchanged"`
}

// Notification kinds and entity of the register.
const (
	NoteResearchStage       NotificationKind = "research_stage"       // a project moved between stages
	NoteResearchAssigned    NotificationKind = "research_assigned"    // a project given to the user's institution
	NoteResearchDeliverable NotificationKind = "research_deliverable" // a deliverable uploaded
	NoteResearchReview      NotificationKind = "research_review"      // a review comment on a deliverable
	NoteResearchLate        NotificationKind = "research_late"        // past its contract's end, undelivered
	EntityResearchProject                    = "research_project"
)

func init() {
	NotificationKinds = append(NotificationKinds, NoteResearchStage, NoteResearchAssigned,
		NoteResearchDeliverable, NoteResearchReview, NoteResearchLate)
}

// ResearchService keeps the register.
//
// Who may do what: admins and the secretariat configure axes. Projects
// are the axis owner's work: whoever may change that unit's work
// (CanEditWorkOf) creates, edits, imports and moves them and comments on
// deliverables; the institution's reporters (CanReportOn, as a work
// item's partner) also upload deliverables. A project is read as work
// owned by its axis's unit with its institution as partner (ReadScope),
// so a partner reads the projects of its own institution only.
type ResearchService interface {
	CreateResearchAxis(ctx context.Context, a *ResearchAxis) error
	UpdateResearchAxis(ctx context.Context, id int64, a *ResearchAxis) (*ResearchAxis, error)
	// FindResearchAxes lists every axis by number, each with the counts
	// by stage of the projects the reader reads.
	FindResearchAxes(ctx context.Context) ([]*ResearchAxis, error)
	FindResearchAxis(ctx context.Context, id int64) (*ResearchAxis, error)

	CreateResearchProject(ctx context.Context, p *ResearchProject) error
	// UpdateResearchProject replaces a project's fields at its version;
	// its stage moves only by MoveResearchStage.
	UpdateResearchProject(ctx context.Context, id int64, p *ResearchProject) (*ResearchProject, error)
	// FindResearchProject returns a project with its moves and
	// deliverables.
	FindResearchProject(ctx context.Context, id int64) (*ResearchProject, error)
	FindResearchProjects(ctx context.Context, f ResearchFilter) ([]*ResearchProject, int, error)
	MoveResearchStage(ctx context.Context, id int64, in StageMoveInput) (*ResearchProject, error)

	AddDeliverable(ctx context.Context, projectID int64, note string, file Upload) (*ResearchDeliverable, error)
	OpenDeliverable(ctx context.Context, id int64) (*ResearchDeliverable, []byte, error)
	AddDeliverableReview(ctx context.Context, deliverableID int64, comment string) (*ResearchReview, error)

	// ImportResearchProjects writes every row or none: one refused row
	// refuses the list, and the errors name every refused row.
	ImportResearchProjects(ctx context.Context, rows []ResearchImportRow) (ResearchImportResult, []RowError, error)

	// LateResearch lists the projects past their contract's end on day
	// today and not delivered, the latest first (admins and the
	// secretariat: the follow-up board).
	LateResearch(ctx context.Context, today Date) ([]*ResearchProject, error)
}

// InstitutionID is the institution's unit, 0 when it is named as text.
func (p *ResearchProject) InstitutionID() int64 {
	if p.InstitutionUnitID == nil {
		return 0
	}
	return *p.InstitutionUnitID
}
