package payesh

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// WorkKind is what a work item is. One engine serves every kind of work the
// secretariat follows up, so filters, roll-ups and history work the same.
type WorkKind string

const (
	KindProgram    WorkKind = "program"    // برنامه عملیاتی
	KindAction     WorkKind = "action"     // اقدام
	KindMilestone  WorkKind = "milestone"  // نقطه عطف
	KindResolution WorkKind = "resolution" // مصوبه
	KindResearch   WorkKind = "research"   // طرح پژوهشی
)

var WorkKinds = []WorkKind{KindProgram, KindAction, KindMilestone, KindResolution, KindResearch}

func (k WorkKind) Valid() bool { return contains(WorkKinds, k) }

// Status is where a work item stands. Overdue is not a status: it is
// computed from the due date, so it can never be forgotten.
type Status string

const (
	// StatusNotReported is work nobody has reported on: unlike "not
	// started", it claims nothing about whether work has begun.
	StatusNotReported Status = "not_reported"
	StatusNotStarted  Status = "not_started"
	StatusInProgress  Status = "in_progress"
	StatusDone        Status = "done"
	StatusDelayed     Status = "delayed"
	StatusCancelled   Status = "cancelled"
)

var Statuses = []Status{StatusNotReported, StatusNotStarted, StatusInProgress, StatusDone, StatusDelayed, StatusCancelled}

// OpenStatuses are the statuses of work still to be done.
var OpenStatuses = []Status{StatusNotReported, StatusNotStarted, StatusInProgress, StatusDelayed}

func (s Status) Valid() bool { return contains(Statuses, s) }

// Closed reports whether work in status s is finished one way or another.
func (s Status) Closed() bool { return s == StatusDone || s == StatusCancelled }

// WorkItem is anything that must be done: a program, an action, a milestone,
// a resolution or a research project.
type WorkItem struct {
	ID          int64    `json:"id"`
	Kind        WorkKind `json:"kind"`
	ParentID    *int64   `json:"parent_id"`
	Code        string   `json:"code"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	OwnerUnitID int64    `json:"owner_unit_id"`
	// PartnerUnitIDs are the units that work with the owner.
	PartnerUnitIDs []int64 `json:"partner_unit_ids"`
	// ClauseIDs are the clauses the item answers.
	ClauseIDs []int64 `json:"clause_ids"`
	StartDate Date    `json:"start_date"`
	DueDate   Date    `json:"due_date"`
	DoneDate  Date    `json:"done_date"`
	Status    Status  `json:"status"`
	// Weight is the item's share in its parent's progress.
	Weight float64 `json:"weight"`
	// Progress is 0–100. On a leaf it is reported; on an item with children
	// it is their weighted average (see RollUp) and cannot be set.
	Progress   float64 `json:"progress"`
	ChildCount int     `json:"child_count"`
	// DerivedStatus is what the children say of the item (Derive); empty
	// when it has no children that count. StatusMismatch flags a reported
	// Status that disagrees with it; ShownStatus is what pages show.
	DerivedStatus  Status `json:"derived_status"`
	StatusMismatch bool   `json:"status_mismatch"`
	// Overdue is set when the item is open past its due date or, without
	// a due date of its own, when an open child is overdue; AtRisk when an
	// open descendant is overdue. RiskFrom is the earliest due date of
	// those descendants, kept by the store.
	Overdue  bool `json:"overdue"`
	AtRisk   bool `json:"at_risk"`
	RiskFrom Date `json:"-"`
	// DaysLate is how many days after its due date the item was done.
	DaysLate int `json:"days_late"`
	// OriginalDueDate is the first due date the item was given; re-planning
	// changes DueDate and counts in Replans, never this.
	OriginalDueDate Date `json:"original_due_date"`
	Replans         int  `json:"replans"`
	// PendingChange is a reporter's change of due date or weight waiting
	// for the secretariat, if any.
	PendingChange *WorkChange `json:"pending_change"`
	Path          string      `json:"path"`
	CreatedBy     *int64      `json:"created_by"`
	Version       int         `json:"version"`
	CreatedAt     time.Time   `json:"created_at"`
	UpdatedAt     time.Time   `json:"updated_at"`
}

// LateFrom returns the day after which the item counts as overdue: its due
// date, or, without one, the earliest due date of its open descendants;
// zero when it is closed or has neither.
func (w *WorkItem) LateFrom() Date {
	switch {
	case w.Status.Closed():
		return Date{}
	case !w.DueDate.IsZero():
		return w.DueDate
	}
	return w.RiskFrom
}

// IsOverdue reports whether the item is open and late on day today.
func (w *WorkItem) IsOverdue(today Date) bool {
	late := w.LateFrom()
	return !late.IsZero() && late.Before(today)
}

// Derive sets the flags read from the stored fields on day today:
// overdue, at risk, days late and a status the children disagree with.
func (w *WorkItem) Derive(today Date) {
	w.Overdue = w.IsOverdue(today)
	w.AtRisk = !w.Status.Closed() && !w.RiskFrom.IsZero() && w.RiskFrom.Before(today)
	w.DaysLate = 0
	if w.Status == StatusDone && !w.DueDate.IsZero() && w.DoneDate.After(w.DueDate) {
		w.DaysLate = DaysBetween(w.DueDate, w.DoneDate)
	}
	w.StatusMismatch = w.ShownStatus() != w.Status && w.Status != StatusNotReported
}

// ShownStatus is the status pages show: the reported one, unless the
// children say otherwise. Cancelling is a decision children cannot make,
// and "delayed" is a way of being in progress, so those stand.
func (w *WorkItem) ShownStatus() Status {
	d := w.DerivedStatus
	switch {
	case d == "", d == w.Status, w.Status == StatusCancelled:
		return w.Status
	case w.Status == StatusDelayed && d == StatusInProgress:
		return w.Status
	}
	return d
}

func (w *WorkItem) Normalize() {
	w.Code = NormalizeText(w.Code)
	w.Title = NormalizeText(w.Title)
	w.Description = NormalizeText(w.Description)
	if w.Status == "" {
		w.Status = StatusNotStarted
	}
	if w.Weight == 0 {
		w.Weight = 1
	}
	w.PartnerUnitIDs = uniqueIDs(w.PartnerUnitIDs)
	w.ClauseIDs = uniqueIDs(w.ClauseIDs)
}

// Validate checks the item's own fields; references to other rows (owner,
// parent, clauses) are checked by the store inside the writing transaction.
func (w *WorkItem) Validate() error {
	f := map[string]string{}
	if !w.Kind.Valid() {
		f["kind"] = "err.work.kind"
	}
	if w.Title == "" {
		f["title"] = "err.required"
	} else if len([]rune(w.Title)) > 500 {
		f["title"] = "err.too_long"
	}
	if len(w.Description) > 64<<10 {
		f["description"] = "err.too_long"
	}
	if len([]rune(w.Code)) > 64 {
		f["code"] = "err.too_long"
	}
	if w.OwnerUnitID == 0 {
		f["owner_unit_id"] = "err.required"
	}
	if !w.Status.Valid() {
		f["status"] = "err.work.status"
	}
	if w.Weight <= 0 || w.Weight > 1000 {
		f["weight"] = "err.work.weight"
	}
	if w.Progress < 0 || w.Progress > 100 {
		f["progress"] = "err.work.progress"
	}
	if !w.StartDate.IsZero() && !w.DueDate.IsZero() && w.DueDate.Before(w.StartDate) {
		f["due_date"] = "err.work.due_before_start"
	}
	if w.ParentID != nil && w.ID != 0 && *w.ParentID == w.ID {
		f["parent_id"] = "err.parent_cycle"
	}
	for _, id := range w.PartnerUnitIDs {
		if id == w.OwnerUnitID {
			f["partner_unit_ids"] = "err.work.partner_is_owner"
		}
	}
	checkCount(f, "partner_unit_ids", len(w.PartnerUnitIDs), MaxPartnerUnits)
	checkCount(f, "clause_ids", len(w.ClauseIDs), MaxClauseLinks)
	checkText(f, map[string]string{"code": w.Code, "title": w.Title, "description": w.Description})
	return Invalid(f)
}

// WorkItemUpdate is a partial change of a work item's plan. Progress and
// status change only through a ProgressUpdate, so that every change of them
// is in the item's history. ParentID 0 detaches; a zero date clears it.
type WorkItemUpdate struct {
	Kind           *WorkKind `json:"kind"`
	ParentID       *int64    `json:"parent_id"`
	Code           *string   `json:"code"`
	Title          *string   `json:"title"`
	Description    *string   `json:"description"`
	OwnerUnitID    *int64    `json:"owner_unit_id"`
	PartnerUnitIDs *[]int64  `json:"partner_unit_ids"`
	ClauseIDs      *[]int64  `json:"clause_ids"`
	StartDate      *Date     `json:"start_date"`
	DueDate        *Date     `json:"due_date"`
	Weight         *float64  `json:"weight"`
	// ChangeReason is why a reporter asks for a new due date or weight,
	// which it cannot set itself (see WorkChange).
	ChangeReason string `json:"change_reason"`
	Version      int    `json:"version"`
}

func (up WorkItemUpdate) Apply(w *WorkItem) {
	setIf(&w.Kind, up.Kind)
	if up.ParentID != nil {
		w.ParentID = nonZero(*up.ParentID)
	}
	setIf(&w.Code, up.Code)
	setIf(&w.Title, up.Title)
	setIf(&w.Description, up.Description)
	setIf(&w.OwnerUnitID, up.OwnerUnitID)
	setIf(&w.PartnerUnitIDs, up.PartnerUnitIDs)
	setIf(&w.ClauseIDs, up.ClauseIDs)
	setIf(&w.StartDate, up.StartDate)
	setIf(&w.DueDate, up.DueDate)
	setIf(&w.Weight, up.Weight)
}

// WorkChangeState is where a change request stands.
type WorkChangeState string

const (
	ChangePending  WorkChangeState = "pending"
	ChangeApproved WorkChangeState = "approved"
	ChangeRejected WorkChangeState = "rejected"
	// ChangeSuperseded is a pending request replaced by a newer one of
	// the same item: an item waits on one request at a time.
	ChangeSuperseded WorkChangeState = "superseded"
)

var WorkChangeStates = []WorkChangeState{ChangePending, ChangeApproved, ChangeRejected, ChangeSuperseded}

func (s WorkChangeState) Valid() bool { return contains(WorkChangeStates, s) }

// WorkChange is a reporter's request to re-plan a work item: a new due
// date (ChangeDue; a zero DueDate clears it) and/or a new weight, and why.
// The due dates and weights are the secretariat's yardstick, so only it
// (or an admin) applies one, by approving the request.
type WorkChange struct {
	ID         int64           `json:"id"`
	WorkItemID int64           `json:"work_item_id"`
	State      WorkChangeState `json:"state"`
	ChangeDue  bool            `json:"change_due"`
	DueDate    Date            `json:"due_date"`
	OldDueDate Date            `json:"old_due_date"`
	Weight     *float64        `json:"weight"`
	OldWeight  float64         `json:"old_weight"`
	Reason     string          `json:"reason"`
	// RequestedBy and DecidedBy are user ids; the names are kept as they
	// were, like a history's authors.
	RequestedBy   *int64     `json:"requested_by"`
	RequesterName string     `json:"requester_name"`
	RequestedAt   time.Time  `json:"requested_at"`
	DecidedBy     *int64     `json:"decided_by"`
	DeciderName   string     `json:"decider_name"`
	DecidedAt     *time.Time `json:"decided_at"`
	DecisionNote  string     `json:"decision_note"`
	Version       int        `json:"version"`
	// The item's title and owner, for lists of requests.
	WorkTitle   string `json:"work_title"`
	OwnerUnitID int64  `json:"owner_unit_id"`
}

// MaxChangeReason bounds a request's reason and a rejection's.
const MaxChangeReason = 2000

// checkReason puts a problem of a required reason in f under field.
func checkReason(f map[string]string, field, reason string) {
	switch {
	case reason == "":
		f[field] = "err.work.change_reason"
	case len([]rune(reason)) > MaxChangeReason:
		f[field] = "err.too_long"
	}
	checkText(f, map[string]string{field: reason})
}

// PlanChange splits the due date and weight an update gives w from the
// rest when the actor may not set them: it returns the request they make,
// or nil when the update leaves both as they are, and clears them from up.
func (up *WorkItemUpdate) PlanChange(w *WorkItem) (*WorkChange, error) {
	c := &WorkChange{WorkItemID: w.ID, State: ChangePending, OldDueDate: w.DueDate, OldWeight: w.Weight}
	if up.DueDate != nil && !up.DueDate.Equal(w.DueDate) {
		c.ChangeDue, c.DueDate = true, *up.DueDate
	}
	if up.Weight != nil && *up.Weight != w.Weight && *up.Weight != 0 {
		c.Weight = up.Weight
	}
	up.DueDate, up.Weight = nil, nil
	if !c.ChangeDue && c.Weight == nil {
		return nil, nil
	}
	c.Reason = NormalizeText(up.ChangeReason)
	f := map[string]string{}
	checkReason(f, "change_reason", c.Reason)
	return c, Invalid(f)
}

// Apply gives w the requested due date and weight.
func (c *WorkChange) Apply(w *WorkItem) {
	if c.ChangeDue {
		w.DueDate = c.DueDate
	}
	if c.Weight != nil {
		w.Weight = *c.Weight
	}
}

// WorkChangeDecision is the secretariat's answer to a request: the
// request's version it saw, and for a rejection the reason, which the
// requester is told.
type WorkChangeDecision struct {
	Reason  string `json:"reason"`
	Version int    `json:"version"`
}

// Validate checks a decision; a rejection needs a reason.
func (d *WorkChangeDecision) Validate(reject bool) error {
	d.Reason = NormalizeText(d.Reason)
	f := map[string]string{}
	if reject {
		checkReason(f, "reason", d.Reason)
	} else if len([]rune(d.Reason)) > MaxChangeReason {
		f["reason"] = "err.too_long"
	}
	return Invalid(f)
}

// WorkChangeFilter selects change requests; zero fields do not filter.
type WorkChangeFilter struct {
	WorkItemID int64
	State      WorkChangeState
	Page
}

// ErrOpenChildren refuses to close a parent whose children are open. The
// field open_children lists their ids, comma separated, so a client can
// name them.
func ErrOpenChildren(ids []int64) error {
	list := make([]string, len(ids))
	for i, id := range ids {
		list[i] = strconv.FormatInt(id, 10)
	}
	return &Error{Code: EINVALID, Message: "err.work.open_children",
		Fields: map[string]string{"status": "err.work.open_children", "open_children": strings.Join(list, ",")}}
}

// ProgressUpdate is one entry in a work item's append-only history: who
// reported what, when.
type ProgressUpdate struct {
	ID         int64     `json:"id"`
	WorkItemID int64     `json:"work_item_id"`
	AuthorID   *int64    `json:"author_id"`
	AuthorName string    `json:"author_name"`
	CreatedAt  time.Time `json:"created_at"`
	Progress   *float64  `json:"progress"`
	Status     Status    `json:"status"`
	Note       string    `json:"note"`
	// Version is the item version the author saw; a stale one is a conflict.
	Version int `json:"version,omitempty"`
	// AuthorUnitID is the unit the author belonged to when posting: the
	// owner's, or a partner's reporting on shared work (see
	// User.CanReportOn); nil for the system.
	AuthorUnitID *int64 `json:"author_unit_id"`
}

// ProgressUpdateInput is what a user posts. DoneDate, with status done,
// records when the work was actually finished, for work reported late; it
// defaults to the day of the update.
type ProgressUpdateInput struct {
	Progress *float64 `json:"progress"`
	Status   Status   `json:"status"`
	DoneDate Date     `json:"done_date"`
	Note     string   `json:"note"`
	Version  int      `json:"version"`
}

// Apply validates in against w and changes w's progress, status and done
// date by the rules people expect: progress 100 on a leaf means done, done
// means 100, starting work moves "not started" to "in progress".
func (in *ProgressUpdateInput) Apply(w *WorkItem, today Date) error {
	in.Note = NormalizeText(in.Note)
	f := map[string]string{}
	if in.Progress == nil && in.Status == "" && in.Note == "" {
		f["note"] = "err.work.empty_update"
	}
	if in.Status != "" && !in.Status.Valid() {
		f["status"] = "err.work.status"
	}
	if p := in.Progress; p != nil && (*p < 0 || *p > 100) {
		f["progress"] = "err.work.progress"
	}
	if in.Progress != nil && w.ChildCount > 0 {
		f["progress"] = "err.work.progress_rolled_up"
	}
	if len(in.Note) > 16<<10 {
		f["note"] = "err.too_long"
	}
	if in.DoneDate.After(today) {
		f["done_date"] = "err.work.done_in_future"
	}
	checkText(f, map[string]string{"note": in.Note})
	if err := Invalid(f); err != nil {
		return err
	}
	leaf := w.ChildCount == 0
	if in.Progress != nil {
		w.Progress = *in.Progress
		if in.Status == "" && (w.Status == StatusNotStarted || w.Status == StatusNotReported) && w.Progress > 0 {
			w.Status = StatusInProgress
		}
		if in.Status == "" && leaf && w.Progress == 100 {
			w.Status = StatusDone
		}
		if in.Status == "" && leaf && w.Progress < 100 && w.Status == StatusDone {
			w.Status = StatusInProgress // reported unfinished after all
		}
	}
	if in.Status != "" {
		w.Status = in.Status
	}
	if w.Status == StatusDone && leaf {
		w.Progress = 100
	}
	switch {
	case w.Status != StatusDone && !in.DoneDate.IsZero():
		return Invalid(map[string]string{"done_date": "err.work.done_date_not_done"})
	case w.Status != StatusDone:
		w.DoneDate = Date{}
	case !in.DoneDate.IsZero():
		w.DoneDate = in.DoneDate
	case w.DoneDate.IsZero():
		w.DoneDate = today
	}
	return nil
}

// Child is what RollUp and Derive need to know of a child.
type Child struct {
	Weight   float64
	Progress float64
	Status   Status
	// Due and RiskFrom are the child's own (see WorkItem).
	Due, RiskFrom Date
}

// Derived is what a parent's children say of it.
type Derived struct {
	Progress float64
	Status   Status
	RiskFrom Date
}

// Derive reads a parent's progress (RollUp), status and risk from its
// children. Cancelled children are left out. The status is done when every
// other child is done, in progress when any has started (in progress,
// delayed, done or with progress), else "not reported" when any child is,
// else "not started"; empty when no child counts. RiskFrom is the earliest
// due date among the open children and the open work under them.
func Derive(children []Child) Derived {
	d := Derived{Progress: RollUp(children)}
	counted, done, started, unreported := 0, 0, false, false
	for _, c := range children {
		if c.Status == StatusCancelled {
			continue
		}
		counted++
		switch c.Status {
		case StatusDone:
			done++
			started = true
		case StatusInProgress, StatusDelayed:
			started = true
		case StatusNotReported:
			unreported = true
		}
		started = started || c.Progress > 0
		if !c.Status.Closed() {
			d.RiskFrom = earliest(d.RiskFrom, earliest(c.Due, c.RiskFrom))
		}
	}
	switch {
	case counted == 0:
	case done == counted:
		d.Status = StatusDone
	case started:
		d.Status = StatusInProgress
	case unreported:
		d.Status = StatusNotReported
	default:
		d.Status = StatusNotStarted
	}
	return d
}

// earliest returns the earlier of two dates, a zero one meaning none.
func earliest(a, b Date) Date {
	if a.IsZero() || (!b.IsZero() && b.Before(a)) {
		return b
	}
	return a
}

// RollUp returns a parent's progress: the weighted average of its children's
// progress. Cancelled children are left out, since their work will never be
// done; a parent whose children are all cancelled has progress 0.
func RollUp(children []Child) float64 {
	var sum, weights float64
	for _, c := range children {
		if c.Status == StatusCancelled {
			continue
		}
		sum += c.Weight * c.Progress
		weights += c.Weight
	}
	if weights == 0 {
		return 0
	}
	return sum / weights
}

// WorkItemFilter selects work items; zero fields do not filter.
type WorkItemFilter struct {
	// UnitID selects items owned by the unit or anything under it; with
	// IncludePartner also items where such a unit is a partner.
	UnitID         int64
	IncludePartner bool
	// ClauseID selects items linked to the clause or any of its sub-clauses.
	ClauseID  int64
	ParentID  *int64 // 0 selects top-level items
	Kinds     []WorkKind
	Statuses  []Status
	Overdue   *bool
	DueBefore Date // due strictly before
	DueAfter  Date // due strictly after
	Q         string
	// Sort is one of WorkSorts; "-" before it sorts descending.
	Sort string
	Page
	// CountLimit, when positive, lets FindWorkItems stop counting: the
	// total it returns is exact up to CountCap and CountCap+1 beyond it,
	// which TotalCapped reports as "more than CountCap". Zero counts every
	// matching row, which costs what their number does.
	CountLimit int
	// Counted, when positive, is how many items match, as the caller has
	// just counted them (WorkTally): FindWorkItems takes it as the total
	// and counts nothing again. It may also be a bound of that number (a
	// wider filter's count): the page is the same, read the way a list of
	// that size is read, and the total returned is the bound.
	Counted int
}

// WorkTally is how many items a filter selects and how many of them are
// overdue. With the filter's CountLimit each count stops at its CountCap:
// AllMore and OverdueMore then say "more than" that.
type WorkTally struct {
	All, Overdue         int
	AllMore, OverdueMore bool
}

// WorkCountCap is the CountLimit lists use: "more than 1,000 items".
const WorkCountCap = 1000

// CountCap is where a capped count stops: CountLimit, or further when the
// page asked for lies beyond it, so that a pager always knows whether a
// next page exists. Zero without CountLimit.
func (f WorkItemFilter) CountCap() int {
	if f.CountLimit <= 0 {
		return 0
	}
	p := f.Page.Normalized()
	return max(f.CountLimit, p.Offset+p.Limit)
}

// TotalCapped reports whether total, from FindWorkItems with f, is only
// a lower bound: there are more than CountCap matching items.
func (f WorkItemFilter) TotalCapped(total int) bool {
	c := f.CountCap()
	return c > 0 && total > c
}

// WorkSorts are the sort keys lists accept.
var WorkSorts = []string{"id", "due_date", "title", "progress", "status", "updated_at"}

// ValidSort reports whether s (with an optional leading "-") is a sort key.
func ValidSort(s string) bool {
	if len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	return s == "" || contains(WorkSorts, s)
}

// WorkItemService manages work items, their history and clause links.
type WorkItemService interface {
	FindWorkItemByID(ctx context.Context, id int64) (*WorkItem, error)
	FindWorkItems(ctx context.Context, f WorkItemFilter) ([]*WorkItem, int, error)
	// TallyWork counts f's items and how many of them are overdue, each
	// up to f's CountCap when it has one.
	TallyWork(ctx context.Context, f WorkItemFilter) (WorkTally, error)
	// ClauseOwners lists the units that own work linked to the clause or
	// any of its sub-clauses.
	ClauseOwners(ctx context.Context, clauseID int64) ([]int64, error)
	CreateWorkItem(ctx context.Context, w *WorkItem) error
	UpdateWorkItem(ctx context.Context, id int64, up WorkItemUpdate) (*WorkItem, error)
	DeleteWorkItem(ctx context.Context, id int64, version int) error

	// PostProgress appends to the history and applies it to the item,
	// rolling the change up to its ancestors, in one transaction.
	PostProgress(ctx context.Context, id int64, in ProgressUpdateInput) (*ProgressUpdate, *WorkItem, error)
	FindProgressUpdates(ctx context.Context, id int64) ([]*ProgressUpdate, error)

	LinkClause(ctx context.Context, id, clauseID int64) (*WorkItem, error)
	UnlinkClause(ctx context.Context, id, clauseID int64) (*WorkItem, error)

	// FindWorkChanges lists change requests, newest first: those of one
	// item for anyone who may read it, all of them for the secretariat.
	FindWorkChanges(ctx context.Context, f WorkChangeFilter) ([]*WorkChange, int, error)
	// ApproveWorkChange applies a pending request to its item (the
	// secretariat and admins); RejectWorkChange refuses it with a reason
	// and tells the requester. Both are in the item's history.
	ApproveWorkChange(ctx context.Context, id int64, d WorkChangeDecision) (*WorkChange, *WorkItem, error)
	RejectWorkChange(ctx context.Context, id int64, d WorkChangeDecision) (*WorkChange, error)
}

// uniqueIDs returns ids without repeats, in their order, in one pass: a
// list is deduplicated before its length is judged.
func uniqueIDs(ids []int64) []int64 {
	out := make([]int64, 0, len(ids))
	seen := make(map[int64]bool, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
