package web

import (
	"net/http"

	"payesh"
)

// workDetailData is one work item with its neighbourhood: owner and
// partners, clauses, parent, children and history.
type workDetailData struct {
	Item     *payesh.WorkItem
	Owner    *payesh.OrgUnit
	Parent   *payesh.WorkItem
	Children []*payesh.WorkItem
	History  []*payesh.ProgressUpdate
	// Clauses are the linked clauses, labelled "بند ۸ — title".
	Clauses  []workOption
	Units    map[int64]*payesh.OrgUnit
	Statuses []payesh.Status
	// CanEdit hides the controls a user could not use; the store decides.
	// CanReport offers the progress form: to those who may edit, and to a
	// partner unit's reporter, who reports on shared work but does not
	// change its plan (payesh.User.CanReportOn).
	CanEdit   bool
	CanReport bool
	// Notice is a message key shown inside the detail block after an
	// update that htmx swapped in, where no redirect carries a flash.
	Notice string
	// Conflict is set when a progress update was posted against a
	// version someone else had already changed.
	Conflict bool
	// OpenChildren names the children still open when closing the item
	// was refused.
	OpenChildren string
	// Changes are the item's re-planning requests, newest first;
	// CanDecide shows the secretariat the forms to decide them.
	Changes   []*payesh.WorkChange
	CanDecide bool
}

// workDetail shows a work item.
func (s *server) workDetail(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	d, err := s.loadWorkDetail(r, id)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "work_detail", s.workDetailView(r, d))
}

func (s *server) workDetailView(r *http.Request, d *workDetailData) *view {
	v := s.newView(r, "ui.work.detail.title", d)
	v.Title = d.Item.Title
	return v
}

// loadWorkDetail reads everything the detail page shows.
func (s *server) loadWorkDetail(r *http.Request, id int64) (*workDetailData, error) {
	ctx := r.Context()
	item, err := s.Work.FindWorkItemByID(ctx, id)
	if err != nil {
		return nil, err
	}
	d := &workDetailData{Item: item, Statuses: payesh.Statuses}
	if d.Units, err = s.unitMap(r); err != nil {
		return nil, err
	}
	d.Owner = d.Units[item.OwnerUnitID]
	d.CanEdit = d.Owner != nil && user(r).CanEditWorkOf(d.Owner.Path)
	d.CanReport = d.CanEdit || d.Owner != nil && user(r).CanReportOn(d.Owner.Path, d.partnerPaths())
	if item.ParentID != nil {
		// A partner may read a shared item under a program it does not
		// read: the page then names no parent.
		d.Parent, err = s.Work.FindWorkItemByID(ctx, *item.ParentID)
		if payesh.ErrorCode(err) == payesh.ENOTFOUND {
			d.Parent, err = nil, nil
		}
		if err != nil {
			return nil, err
		}
	}
	if d.Children, err = s.workChildren(r, id); err != nil {
		return nil, err
	}
	if d.History, err = s.Work.FindProgressUpdates(ctx, id); err != nil {
		return nil, err
	}
	d.CanDecide = user(r).CanConfigure()
	changes := payesh.WorkChangeFilter{WorkItemID: id, Page: payesh.Page{Limit: payesh.MaxLimit}}
	if d.Changes, _, err = s.Work.FindWorkChanges(ctx, changes); err != nil {
		return nil, err
	}
	for _, cid := range item.ClauseIDs {
		c, err := s.Documents.FindClauseByID(ctx, cid)
		if err != nil {
			return nil, err
		}
		d.Clauses = append(d.Clauses, workOption{ID: c.ID, Label: workClauseLabel(langOf(r), c)})
	}
	return d, nil
}

// workChildren returns every child of an item, in the order they were
// added.
func (s *server) workChildren(r *http.Request, id int64) ([]*payesh.WorkItem, error) {
	return s.workFindAll(r, payesh.WorkItemFilter{ParentID: &id, Sort: "id"})
}

// workFindAll pages through every item f selects: the lists it serves
// (children, possible parents) must not stop at one page.
func (s *server) workFindAll(r *http.Request, f payesh.WorkItemFilter) ([]*payesh.WorkItem, error) {
	var all []*payesh.WorkItem
	f.Page = payesh.Page{Limit: payesh.MaxLimit}
	for {
		items, total, err := s.Work.FindWorkItems(r.Context(), f)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		f.Offset += len(items)
		if len(items) == 0 || f.Offset >= total {
			return all, nil
		}
		f.Counted = total // counted once, not again for every page
	}
}

func (d *workDetailData) partnerPaths() []string {
	var out []string
	for _, u := range d.PartnerUnits() {
		out = append(out, u.Path)
	}
	return out
}

// AuthorUnit is the unit an update was posted from when it is not the
// item's owner or a unit under it — a partner reporting on shared work,
// the secretariat — else nil.
func (d *workDetailData) AuthorUnit(u *payesh.ProgressUpdate) *payesh.OrgUnit {
	if u.AuthorUnitID == nil || d.Owner == nil {
		return nil
	}
	if a := d.Units[*u.AuthorUnitID]; a != nil && !payesh.IsUnder(a.Path, d.Owner.Path) {
		return a
	}
	return nil
}

// HiddenChildren counts the children out of the reader's scope: they
// count in the item's progress but are not listed.
func (d *workDetailData) HiddenChildren() int {
	return max(0, d.Item.ChildCount-len(d.Children))
}

// PartnerUnits returns the partner units the tree still has.
func (d *workDetailData) PartnerUnits() []*payesh.OrgUnit {
	var out []*payesh.OrgUnit
	for _, id := range d.Item.PartnerUnitIDs {
		if u, ok := d.Units[id]; ok {
			out = append(out, u)
		}
	}
	return out
}
