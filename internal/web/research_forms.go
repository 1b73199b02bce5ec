package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/jalali"
)

// The register's forms: an axis (the secretariat configures) and a
// project (whoever may change the axis owner's work). Both keep what was
// typed when refused, with the messages beside the fields.

// researchFormData is either form's data.
type researchFormData struct {
	Axis    *payesh.ResearchAxis    // the axis edited, nil for a new one
	Project *payesh.ResearchProject // the project edited, nil for a new one
	Axes    []*payesh.ResearchAxis
	Units   []workOption // owners of an axis
	Insts   []workOption // institutions: partners and offices
	Clauses []workOption
	Work    []workOption
	Stages  []payesh.ResearchStage
}

// loadResearchForm reads the options both forms choose from.
func (s *server) loadResearchForm(r *http.Request, d *researchFormData) error {
	var err error
	if d.Axes, err = s.Research.FindResearchAxes(r.Context()); err != nil {
		return err
	}
	if d.Units, _, err = s.workUnits(r); err != nil {
		return err
	}
	ix, err := s.unitIndexOf(r)
	if err != nil {
		return err
	}
	for _, o := range d.Units {
		if u := ix.byID[o.ID]; u != nil && payesh.InstitutionKind(u.Kind) {
			d.Insts = append(d.Insts, workOption{ID: u.ID, Label: pick(langOf(r), u.NameFA, u.NameEN)})
		}
	}
	if d.Clauses, err = s.workClauses(r); err != nil {
		return err
	}
	items, _, err := s.Work.FindWorkItems(r.Context(), payesh.WorkItemFilter{Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil {
		return err
	}
	sortByTreeKey(items)
	for _, it := range items {
		d.Work = append(d.Work, workOption{ID: it.ID, Label: it.Title, Depth: workDepth(it.Path)})
	}
	d.Stages = payesh.ResearchStages
	return nil
}

func (s *server) renderResearchForm(w http.ResponseWriter, r *http.Request, status int, page string, d *researchFormData, form url.Values, errs map[string]string) error {
	if err := s.loadResearchForm(r, d); err != nil {
		return err
	}
	title := "ui.research.new_axis"
	switch {
	case page == "research_axis_form" && d.Axis != nil:
		title = "ui.research.edit_axis"
	case page == "research_project_form" && d.Project != nil:
		title = "ui.research.edit_project"
	case page == "research_project_form":
		title = "ui.research.new_project"
	}
	v := s.newView(r, title, d)
	v.Form, v.Errors = form, errs
	return s.render(w, r, status, page, v)
}

func ids(list []int64) []string {
	out := make([]string, len(list))
	for i, id := range list {
		out[i] = strconv.FormatInt(id, 10)
	}
	return out
}

func (s *server) researchAxisNew(w http.ResponseWriter, r *http.Request) error {
	if err := configures(r); err != nil {
		return err
	}
	return s.renderResearchForm(w, r, http.StatusOK, "research_axis_form", &researchFormData{}, url.Values{}, nil)
}

func (s *server) researchAxisEdit(w http.ResponseWriter, r *http.Request) error {
	if err := configures(r); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a, err := s.Research.FindResearchAxis(r.Context(), id)
	if err != nil {
		return err
	}
	form := url.Values{"number": {strconv.Itoa(a.Number)}, "title": {a.Title}, "note": {a.Note},
		"owner_unit_id": {strconv.FormatInt(a.OwnerUnitID, 10)}, "clause_ids": ids(a.ClauseIDs), "version": {strconv.Itoa(a.Version)}}
	if a.WorkItemID != nil {
		form.Set("work_item_id", strconv.FormatInt(*a.WorkItemID, 10))
	}
	return s.renderResearchForm(w, r, http.StatusOK, "research_axis_form", &researchFormData{Axis: a}, form, nil)
}

func axisFromForm(f *form) *payesh.ResearchAxis {
	a := &payesh.ResearchAxis{Number: f.Int("number"), Title: f.String("title"), Note: f.String("note"),
		OwnerUnitID: f.ID("owner_unit_id"), ClauseIDs: f.IDs("clause_ids"), Version: f.Int("version")}
	if id := f.ID("work_item_id"); id > 0 {
		a.WorkItemID = &id
	}
	return a
}

// researchAxisSave creates (id 0) or updates the axis.
func (s *server) researchAxisSave(w http.ResponseWriter, r *http.Request) error {
	if err := configures(r); err != nil {
		return err
	}
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = pathID(r, "id"); err != nil {
			return err
		}
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	a := axisFromForm(f)
	d := &researchFormData{}
	if err = f.Err(); err == nil {
		if id == 0 {
			a.Version = 0
			err = s.Research.CreateResearchAxis(r.Context(), a)
		} else {
			if d.Axis, err = s.Research.FindResearchAxis(r.Context(), id); err == nil {
				_, err = s.Research.UpdateResearchAxis(r.Context(), id, a)
			}
		}
	}
	if errs, ok := fieldErrors(err); ok {
		return s.renderResearchForm(w, r, http.StatusBadRequest, "research_axis_form", d, r.PostForm, errs)
	} else if err != nil {
		return err
	}
	return redirect(w, r, "/research?flash=ui.research.flash.axis")
}

func (s *server) researchProjectNew(w http.ResponseWriter, r *http.Request) error {
	if !canAddWork(user(r)) {
		return payesh.ErrForbidden
	}
	form := url.Values{"axis_id": {r.URL.Query().Get("axis")}, "stage": {string(payesh.StageIdentified)}}
	return s.renderResearchForm(w, r, http.StatusOK, "research_project_form", &researchFormData{}, form, nil)
}

func (s *server) researchProjectEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.requireProjectAccess(r, id, false); err != nil {
		return err
	}
	p, err := s.Research.FindResearchProject(r.Context(), id)
	if err != nil {
		return err
	}
	form := url.Values{"axis_id": {strconv.FormatInt(p.AxisID, 10)}, "title": {p.Title}, "institution_name": {p.InstitutionName},
		"investigator": {p.Investigator}, "contract_start": {p.ContractStart.JalaliString()}, "contract_end": {p.ContractEnd.JalaliString()},
		"note": {p.Note}, "clause_ids": ids(p.ClauseIDs), "work_item_ids": ids(p.WorkItemIDs), "version": {strconv.Itoa(p.Version)}}
	if p.InstitutionUnitID != nil {
		form.Set("institution_unit_id", strconv.FormatInt(*p.InstitutionUnitID, 10))
	}
	if p.BudgetRials != 0 {
		form.Set("budget_rials", strconv.FormatInt(p.BudgetRials, 10))
	}
	return s.renderResearchForm(w, r, http.StatusOK, "research_project_form", &researchFormData{Project: p}, form, nil)
}

func projectFromForm(f *form) *payesh.ResearchProject {
	p := &payesh.ResearchProject{AxisID: f.ID("axis_id"), Title: f.String("title"), InstitutionName: f.String("institution_name"),
		Investigator: f.String("investigator"), Stage: payesh.ResearchStage(f.String("stage")), ContractStart: f.Date("contract_start"),
		ContractEnd: f.Date("contract_end"), Note: f.String("note"), ClauseIDs: f.IDs("clause_ids"),
		WorkItemIDs: f.IDs("work_item_ids"), Version: f.Int("version")}
	if id := f.ID("institution_unit_id"); id > 0 {
		p.InstitutionUnitID = &id
	}
	if b := f.Int64("budget_rials"); b != 0 {
		p.BudgetRials = b
	}
	return p
}

// researchProjectSave creates (no id) or updates the project.
func (s *server) researchProjectSave(w http.ResponseWriter, r *http.Request) error {
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = pathID(r, "id"); err != nil {
			return err
		}
	}
	if !canAddWork(user(r)) {
		return payesh.ErrForbidden
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	p := projectFromForm(f)
	d := &researchFormData{}
	if err = f.Err(); err == nil {
		if id == 0 {
			p.Version = 0
			err = s.Research.CreateResearchProject(r.Context(), p)
		} else if d.Project, err = s.Research.FindResearchProject(r.Context(), id); err == nil {
			_, err = s.Research.UpdateResearchProject(r.Context(), id, p)
		}
	}
	if errs, ok := fieldErrors(err); ok {
		return s.renderResearchForm(w, r, http.StatusBadRequest, "research_project_form", d, r.PostForm, errs)
	} else if err != nil {
		return err
	}
	if id == 0 {
		id = p.ID
	}
	return redirect(w, r, fmt.Sprintf("/research/projects/%d?flash=ui.research.flash.project", id))
}

// Int64 returns a whole-number field such as an amount in rials, typed
// in any digits, with or without thousands separators; empty gives 0.
func (f *form) Int64(field string) int64 {
	s := strings.NewReplacer(",", "", "٬", "", "،", "", " ", "").Replace(jalali.ToLatinDigits(f.String(field)))
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		f.fail(field, "err.research.budget")
	}
	return n
}
