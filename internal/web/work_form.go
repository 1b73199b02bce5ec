package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// workFormData is the create and edit form of a work item.
type workFormData struct {
	Item     *payesh.WorkItem // nil when creating
	Action   string
	Kinds    []payesh.WorkKind
	Owners   []workOption // every unit; those not Editable are disabled
	Partners []workOption
	Clauses  []workOption
	Parents  []workOption
	// ParentPicker is true when there are more possible parents than a
	// select lists: the parent is a work-picker, with ParentQuery the
	// picker's conditions and parentLabels naming the parents known.
	ParentPicker bool
	ParentQuery  string
	parentLabels map[int64]string
	Units        map[int64]*payesh.OrgUnit
	// Current is the item as someone else saved it, on a version
	// conflict; CurrentParent is its parent, for naming it.
	Current       *payesh.WorkItem
	CurrentParent *payesh.WorkItem
	// Conflict says who changed what since the form was opened.
	Conflict *workConflict
	form     url.Values
	picks    picks
}

// Picked reports whether id is among the chosen values of a multi-valued
// field (partners, clauses).
func (d *workFormData) Picked(field string, id int64) bool {
	return d.picks.has(d.form, field, id)
}

// ParentLabel names the parent the form holds, for its picker.
func (d *workFormData) ParentLabel(id string) string {
	n, _ := strconv.ParseInt(id, 10, 64)
	return d.parentLabels[n]
}

// PartnerPicker reports whether the partner units are chosen with search
// fields rather than a multiple select: a tree too large for a select
// (unitPickerMin). The chosen partners are then checkboxes, unticked to
// drop one, and three search fields add more.
func (d *workFormData) PartnerPicker() bool { return len(d.Partners) >= unitPickerMin }

// ClauseLabel names a clause among the form's choices, for the conflict
// box.
func (d *workFormData) ClauseLabel(id int64) string {
	for _, c := range d.Clauses {
		if c.ID == id {
			return c.Label
		}
	}
	return "#" + strconv.FormatInt(id, 10)
}

// workNew shows an empty form; ?parent=, ?clause= and ?kind= fill it in
// for the "add a child action" and "add work for this clause" links.
func (s *server) workNew(w http.ResponseWriter, r *http.Request) error {
	if me := user(r); !me.CanEditWorkOf(me.UnitPath) {
		// A viewer could fill the form in but never save it.
		return payesh.ErrForbidden
	}
	d, err := s.loadWorkForm(r, nil)
	if err != nil {
		return err
	}
	form, err := s.workNewValues(r, d)
	if err != nil {
		return err
	}
	return s.renderWorkForm(w, r, http.StatusOK, d, form, nil)
}

// workEdit shows the form filled with the item; a user who may not
// change the item gets the 403 page rather than a form that would fail.
func (s *server) workEdit(w http.ResponseWriter, r *http.Request) error {
	item, err := s.workEditable(r)
	if err != nil {
		return err
	}
	d, err := s.loadWorkForm(r, item)
	if err != nil {
		return err
	}
	return s.renderWorkForm(w, r, http.StatusOK, d, workValues(langOf(r), item), nil)
}

// workEditable loads the item of the route and checks that the user may
// change it.
func (s *server) workEditable(r *http.Request) (*payesh.WorkItem, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	item, err := s.Work.FindWorkItemByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	owner, err := s.Units.FindOrgUnitByID(r.Context(), item.OwnerUnitID)
	if err != nil {
		return nil, err
	}
	if !user(r).CanEditWorkOf(owner.Path) {
		return nil, payesh.ErrForbidden
	}
	return item, nil
}

// loadWorkForm loads the form's choices.
func (s *server) loadWorkForm(r *http.Request, item *payesh.WorkItem) (*workFormData, error) {
	d := &workFormData{Item: item, Kinds: payesh.WorkKinds, Action: "/work"}
	if item != nil {
		d.Action = fmt.Sprintf("/work/%d", item.ID)
	}
	var err error
	if d.Owners, d.Units, err = s.workUnits(r); err != nil {
		return nil, err
	}
	d.Partners = d.Owners
	if d.Clauses, err = s.workClauses(r); err != nil {
		return nil, err
	}
	if d.ParentPicker, err = s.workPickerNeeded(r, payesh.WorkItemFilter{}); err != nil {
		return nil, err
	}
	if d.ParentPicker {
		d.ParentQuery = "editable=1"
		if item != nil {
			d.ParentQuery += "&not=" + strconv.FormatInt(item.ID, 10)
		}
	} else if d.Parents, err = s.workParents(r, d.Units, item); err != nil {
		return nil, err
	}
	if item == nil {
		return d, nil
	}
	// Links to clauses of other documents are kept, not dropped by a
	// form that lists only the main policy's.
	for _, id := range item.ClauseIDs {
		if _, err := s.workFilterClause(r, id, &d.Clauses); err != nil {
			return nil, err
		}
	}
	// So is a parent the user could not choose, or saving would detach it.
	if item.ParentID != nil {
		if err := s.workAddParent(r, d, *item.ParentID); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// workAddParent makes sure item id is among the parent choices.
func (s *server) workAddParent(r *http.Request, d *workFormData, id int64) error {
	if workHasOption(d.Parents, id) || d.parentLabels[id] != "" {
		return nil
	}
	label := "#" + strconv.FormatInt(id, 10) // a parent out of the user's scope keeps its place, unnamed
	parent, err := s.Work.FindWorkItemByID(r.Context(), id)
	switch {
	case err == nil:
		label = workOptionTitle(parent)
	case payesh.ErrorCode(err) != payesh.ENOTFOUND:
		return err
	}
	if d.ParentPicker {
		d.parentLabels = map[int64]string{id: label}
		return nil
	}
	d.Parents = append(d.Parents, workOption{ID: id, Label: label})
	return nil
}

// workNewValues are a new item's defaults: the kind, parent and clause
// the link asked for, the parent's owner or else the user's unit, and
// weight 1.
func (s *server) workNewValues(r *http.Request, d *workFormData) (url.Values, error) {
	q := r.URL.Query()
	v := url.Values{"weight": {workNumber(langOf(r), 1)}, "kind": {string(payesh.KindProgram)}}
	owner := user(r).UnitID
	if id, err := strconv.ParseInt(jalali.ToLatinDigits(q.Get("parent")), 10, 64); err == nil && id > 0 {
		parent, err := s.Work.FindWorkItemByID(r.Context(), id)
		if err != nil {
			return nil, err
		}
		v.Set("parent_id", strconv.FormatInt(parent.ID, 10))
		v.Set("kind", string(payesh.KindAction))
		owner = parent.OwnerUnitID
		if err := s.workAddParent(r, d, parent.ID); err != nil {
			return nil, err
		}
	}
	if k := payesh.WorkKind(q.Get("kind")); k.Valid() {
		v.Set("kind", string(k))
	}
	if c := q.Get("clause"); c != "" {
		v.Set("clause_ids", c)
		if id, err := strconv.ParseInt(jalali.ToLatinDigits(c), 10, 64); err == nil && id > 0 {
			if _, err := s.workFilterClause(r, id, &d.Clauses); err != nil && payesh.ErrorCode(err) != payesh.ENOTFOUND {
				return nil, err
			}
		}
	}
	if u, ok := d.Units[owner]; ok && user(r).CanEditWorkOf(u.Path) {
		v.Set("owner_unit_id", strconv.FormatInt(owner, 10))
	}
	return v, nil
}

// workValues fills the form from an item, digits as the language writes
// them.
func workValues(lang i18n.Lang, w *payesh.WorkItem) url.Values {
	v := url.Values{
		"kind":          {string(w.Kind)},
		"title":         {w.Title},
		"code":          {w.Code},
		"description":   {w.Description},
		"owner_unit_id": {strconv.FormatInt(w.OwnerUnitID, 10)},
		"start_date":    {workDigits(lang, w.StartDate.JalaliString())},
		"due_date":      {workDigits(lang, w.DueDate.JalaliString())},
		"weight":        {workNumber(lang, w.Weight)},
		"version":       {strconv.Itoa(w.Version)},
	}
	if w.ParentID != nil {
		v.Set("parent_id", strconv.FormatInt(*w.ParentID, 10))
	}
	for _, id := range w.PartnerUnitIDs {
		v.Add("partner_unit_ids", strconv.FormatInt(id, 10))
	}
	for _, id := range w.ClauseIDs {
		v.Add("clause_ids", strconv.FormatInt(id, 10))
	}
	return v
}

func workDigits(lang i18n.Lang, s string) string {
	if lang == i18n.FA {
		return jalali.ToPersianDigits(s)
	}
	return s
}

func workNumber(lang i18n.Lang, f float64) string {
	return workDigits(lang, strconv.FormatFloat(f, 'f', -1, 64))
}

// renderWorkForm shows the form with values (what the user typed, or the
// item's) and the field errors.
func (s *server) renderWorkForm(w http.ResponseWriter, r *http.Request, status int, d *workFormData, values url.Values, errs map[string]string) error {
	title := "ui.work.new"
	if d.Item != nil {
		title = "ui.work.edit.title"
	}
	d.form = values
	v := s.newView(r, title, d)
	errs = workSummarized(errs)
	v.Form, v.Errors = values, errs
	if d.Current != nil {
		v.Current = d.Current
	}
	return s.render(w, r, status, "work_form", v)
}

// workSummarized adds the form-wide "some values are not valid" above
// the form when the messages are only beside fields further down.
func workSummarized(errs map[string]string) map[string]string {
	if len(errs) == 0 || errs["form"] != "" {
		return errs
	}
	out := map[string]string{"form": "err.invalid"}
	for k, v := range errs {
		out[k] = v
	}
	return out
}
