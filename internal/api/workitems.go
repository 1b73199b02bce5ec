package api

import (
	"context"
	"net/http"

	"payesh"
	"payesh/internal/export"
)

// workItemInput is what a client may set when creating a work item.
// Progress and status are absent on purpose: they change only through
// progress updates, so that every change of them is in the history.
type workItemInput struct {
	Kind           payesh.WorkKind `json:"kind"`
	ParentID       *int64          `json:"parent_id"`
	Code           string          `json:"code"`
	Title          string          `json:"title"`
	Description    string          `json:"description"`
	OwnerUnitID    int64           `json:"owner_unit_id"`
	PartnerUnitIDs []int64         `json:"partner_unit_ids"`
	ClauseIDs      []int64         `json:"clause_ids"`
	StartDate      payesh.Date     `json:"start_date"`
	DueDate        payesh.Date     `json:"due_date"`
	Weight         float64         `json:"weight"`
}

func (in workItemInput) item() *payesh.WorkItem {
	return &payesh.WorkItem{
		Kind: in.Kind, ParentID: in.ParentID, Code: in.Code, Title: in.Title, Description: in.Description,
		OwnerUnitID: in.OwnerUnitID, PartnerUnitIDs: in.PartnerUnitIDs, ClauseIDs: in.ClauseIDs,
		StartDate: in.StartDate, DueDate: in.DueDate, Weight: in.Weight,
	}
}

// workItemFilter reads the list filters of GET /work-items, and the
// format of a file (?format=xlsx|csv; "" for JSON).
func workItemFilter(r *http.Request) (payesh.WorkItemFilter, export.Format, error) {
	q := newQuery(r)
	format := q.exportFormat()
	f := payesh.WorkItemFilter{
		UnitID:    q.id("unit"),
		ClauseID:  q.id("clause"),
		ParentID:  q.parent("parent"),
		Kinds:     enumList(q, "kind", payesh.WorkKind.Valid),
		Statuses:  enumList(q, "status", payesh.Status.Valid),
		Overdue:   q.boolean("overdue"),
		DueBefore: q.date("due_before"),
		DueAfter:  q.date("due_after"),
		Q:         q.str("q"),
		Sort:      q.str("sort"),
		Page:      q.page(),
	}
	if p := q.boolean("include_partner"); p != nil {
		f.IncludePartner = *p
	}
	if !payesh.ValidSort(f.Sort) || f.Sort == "-" {
		q.bad("sort")
	}
	return f, format, q.err()
}

func (s *server) listWorkItems(w http.ResponseWriter, r *http.Request) error {
	f, format, err := workItemFilter(r)
	if err != nil {
		return err
	}
	if format != "" {
		return s.exportWorkItems(w, r, format, f)
	}
	f.CountLimit = payesh.WorkCountCap
	items, total, err := s.Work.FindWorkItems(r.Context(), f)
	if err != nil {
		return err
	}
	p := f.Page.Normalized()
	return writeJSON(w, http.StatusOK, workItemListJSON{
		listJSON:    listJSON{Items: present(items), Total: total, Limit: p.Limit, Offset: p.Offset},
		TotalCapped: f.TotalCapped(total),
	})
}

// workItemListJSON is a page of work items whose total is counted up to a
// cap (payesh.WorkCountCap, or the page's end when it lies further):
// with total_capped, total is that cap plus one and means "more than the
// cap", enough for offset+limit < total to find the next page.
type workItemListJSON struct {
	listJSON
	TotalCapped bool `json:"total_capped"`
}

func (s *server) createWorkItem(w http.ResponseWriter, r *http.Request) error {
	var in workItemInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	item := in.item()
	if err := s.Work.CreateWorkItem(r.Context(), item); err != nil {
		return err
	}
	return writeCreated(w, prefix+"/work-items", item.ID, item)
}

func (s *server) getWorkItem(w http.ResponseWriter, r *http.Request) error {
	return getRow(w, r, s.Work.FindWorkItemByID)
}

func (s *server) patchWorkItem(w http.ResponseWriter, r *http.Request) error {
	return patchRow(w, r, func(up payesh.WorkItemUpdate) int { return up.Version }, s.Work.UpdateWorkItem)
}

func (s *server) deleteWorkItem(w http.ResponseWriter, r *http.Request) error {
	return deleteRow(w, r, s.Work.DeleteWorkItem)
}

// linkClause and unlinkClause are idempotent PUT/DELETE on the link, and
// answer with the item so the client sees its clause_ids and version.
func (s *server) linkClause(w http.ResponseWriter, r *http.Request) error {
	return s.changeLink(w, r, s.Work.LinkClause)
}

func (s *server) unlinkClause(w http.ResponseWriter, r *http.Request) error {
	return s.changeLink(w, r, s.Work.UnlinkClause)
}

func (s *server) changeLink(w http.ResponseWriter, r *http.Request,
	change func(ctx context.Context, id, clauseID int64) (*payesh.WorkItem, error)) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	clauseID, err := pathID(r, "clause_id")
	if err != nil {
		return err
	}
	item, err := change(r.Context(), id, clauseID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, presentWorkItem(item))
}

// workChangeFilter reads the filters of the change-request lists.
func workChangeFilter(r *http.Request, itemID int64) (payesh.WorkChangeFilter, error) {
	q := newQuery(r)
	f := payesh.WorkChangeFilter{WorkItemID: itemID, State: payesh.WorkChangeState(q.str("state")), Page: q.page()}
	if f.State != "" && !f.State.Valid() {
		q.bad("state")
	}
	return f, q.err()
}

// listWorkChanges is the secretariat's queue of re-planning requests;
// pending ones by default, since those are what it acts on.
func (s *server) listWorkChanges(w http.ResponseWriter, r *http.Request) error {
	f, err := workChangeFilter(r, 0)
	if err != nil {
		return err
	}
	if !r.URL.Query().Has("state") {
		f.State = payesh.ChangePending
	}
	return s.writeWorkChanges(w, r, f)
}

// listItemChanges is one item's requests, every state, newest first.
func (s *server) listItemChanges(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := s.Work.FindWorkItemByID(r.Context(), id); err != nil {
		return err // an unknown item is a 404, not an empty list
	}
	f, err := workChangeFilter(r, id)
	if err != nil {
		return err
	}
	return s.writeWorkChanges(w, r, f)
}

func (s *server) writeWorkChanges(w http.ResponseWriter, r *http.Request, f payesh.WorkChangeFilter) error {
	list, total, err := s.Work.FindWorkChanges(r.Context(), f)
	if err != nil {
		return err
	}
	return writeList(w, list, total, f.Page)
}

type workChangeJSON struct {
	Change   *payesh.WorkChange `json:"change"`
	WorkItem *workItemJSON      `json:"work_item,omitempty"`
}

// decision reads a decision on the request in the path.
func decision(w http.ResponseWriter, r *http.Request) (int64, payesh.WorkChangeDecision, error) {
	var d payesh.WorkChangeDecision
	id, err := pathID(r, "id")
	if err != nil {
		return 0, d, err
	}
	if err := decode(w, r, &d); err != nil {
		return 0, d, err
	}
	if d.Version <= 0 {
		return 0, d, errVersion
	}
	return id, d, nil
}

// approveWorkChange applies a request; the answer carries the item, whose
// due date, weight and version have changed.
func (s *server) approveWorkChange(w http.ResponseWriter, r *http.Request) error {
	id, d, err := decision(w, r)
	if err != nil {
		return err
	}
	c, item, err := s.Work.ApproveWorkChange(r.Context(), id, d)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, workChangeJSON{c, presentWorkItem(item)})
}

// rejectWorkChange refuses a request with a reason.
func (s *server) rejectWorkChange(w http.ResponseWriter, r *http.Request) error {
	id, d, err := decision(w, r)
	if err != nil {
		return err
	}
	c, err := s.Work.RejectWorkChange(r.Context(), id, d)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, workChangeJSON{Change: c})
}
