package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"payesh"
	"payesh/internal/jalali"
)

// workInput reads the create/edit form into an item. Problems the form
// itself finds (a date or number that does not parse) are in f.
func workInput(f *form) *payesh.WorkItem {
	w := &payesh.WorkItem{
		Kind:           payesh.WorkKind(f.String("kind")),
		Code:           f.String("code"),
		Title:          f.String("title"),
		Description:    f.String("description"),
		OwnerUnitID:    f.ID("owner_unit_id"),
		PartnerUnitIDs: f.IDs("partner_unit_ids"),
		ClauseIDs:      f.IDs("clause_ids"),
		StartDate:      f.Date("start_date"),
		DueDate:        f.Date("due_date"),
	}
	if id := f.ID("parent_id"); id > 0 {
		w.ParentID = &id
	}
	if weight := f.Float("weight"); weight != nil {
		w.Weight = *weight
	}
	return w
}

// workCheck returns every problem of the form at once: what the form
// could not read, and what the domain's own rules find in the rest.
// Nothing is saved while there is any.
func workCheck(f *form, w *payesh.WorkItem) map[string]string {
	if f.Err() == nil {
		return nil
	}
	errs := map[string]string{}
	check := *w
	check.Normalize()
	if domain, ok := fieldErrors(check.Validate()); ok {
		for k, v := range domain {
			errs[k] = v
		}
	}
	for k, v := range f.errors {
		errs[k] = v
	}
	return errs
}

// workCreate saves a new item and shows it.
func (s *server) workCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	item := workInput(f)
	if errs := workCheck(f, item); errs != nil {
		return s.workSaveFailed(w, r, nil, payesh.Invalid(errs))
	}
	if err := s.Work.CreateWorkItem(r.Context(), item); err != nil {
		return s.workSaveFailed(w, r, nil, err)
	}
	return redirect(w, r, fmt.Sprintf("/work/%d?flash=ui.work.flash.created", item.ID))
}

// workUpdate saves the edit form against the version the user saw.
func (s *server) workUpdate(w http.ResponseWriter, r *http.Request) error {
	before, err := s.workEditable(r)
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	in := workInput(f)
	version := f.Int("version")
	if errs := workCheck(f, in); errs != nil {
		return s.workSaveFailed(w, r, before, payesh.Invalid(errs))
	}
	parent := int64(0)
	if in.ParentID != nil {
		parent = *in.ParentID
	}
	up := payesh.WorkItemUpdate{
		Kind: &in.Kind, ParentID: &parent, Code: &in.Code, Title: &in.Title, Description: &in.Description,
		OwnerUnitID: &in.OwnerUnitID, PartnerUnitIDs: &in.PartnerUnitIDs, ClauseIDs: &in.ClauseIDs,
		StartDate: &in.StartDate, DueDate: &in.DueDate, Weight: &in.Weight, Version: version,
		ChangeReason: f.String("change_reason"),
	}
	after, err := s.Work.UpdateWorkItem(r.Context(), before.ID, up)
	if err != nil {
		return s.workSaveFailed(w, r, before, err)
	}
	return redirect(w, r, fmt.Sprintf("/work/%d?flash=%s", before.ID, workRequestFlash(before, after)))
}

// workSaveFailed shows the form again with everything the user typed:
// field errors beside their fields (400), or on a version conflict who
// changed the item and when, the form merged with their change (the
// fields this user did not touch take the saved values, the ones they
// did keep what they typed, the saved value beside it; work_conflict.go),
// and the new version, so that saving again overwrites knowingly (409).
// Other errors (403, 404) are error pages.
func (s *server) workSaveFailed(w http.ResponseWriter, r *http.Request, item *payesh.WorkItem, err error) error {
	errs, invalid := fieldErrors(err)
	var e *payesh.Error
	var current *payesh.WorkItem
	if errors.As(err, &e) && e.Code == payesh.ECONFLICT {
		// A conflict without the row (the item has children) is a page.
		current, _ = e.Current.(*payesh.WorkItem)
	}
	conflict := current != nil
	if !invalid && !conflict {
		return err
	}
	d, lerr := s.loadWorkForm(r, item)
	if lerr != nil {
		return lerr
	}
	values := r.PostForm
	status := http.StatusBadRequest
	if conflict {
		status, d.Current = http.StatusConflict, current
		loaded, _ := strconv.Atoi(jalali.ToLatinDigits(values.Get("version")))
		mine := workInput(&form{r: r, errors: map[string]string{}})
		if d.Conflict, lerr = s.workMerge(r, d, values, mine, current, loaded); lerr != nil {
			return lerr
		}
		values.Set("version", strconv.Itoa(current.Version))
		errs = map[string]string{"form": e.Message}
		if current.ParentID != nil {
			if d.CurrentParent, lerr = s.Work.FindWorkItemByID(r.Context(), *current.ParentID); payesh.ErrorCode(lerr) == payesh.ENOTFOUND {
				d.CurrentParent = nil // out of the user's scope: not named
			} else if lerr != nil {
				return lerr
			}
		}
	}
	return s.renderWorkForm(w, r, status, d, values, errs)
}
