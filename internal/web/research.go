package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"payesh"
	"payesh/internal/download"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// The research register's pages (issue 15): /research — the pipeline of
// each axis's projects by stage, and the filtered list — and a project's
// page with its stage move, history, deliverables and reviews. The forms
// are research_forms.go's, the workbook research_xlsx.go's.

// pipelineRow is one axis of the pipeline: its counts in stage order.
type pipelineRow struct {
	Axis   *payesh.ResearchAxis
	Counts []int
	Work   *payesh.WorkItem // the work item following the axis, when read
	// Named is false while the title only repeats the number («محور ۳»),
	// as the axes wait for the institute's list.
	Named bool
}

// refusedRow is a refused row of an upload as the page lists it: the
// column's label key and the message key.
type refusedRow struct {
	Row        int
	Label, Key string
}

// refusedRows names each refused field by its column in the workbook.
func refusedRows(list []payesh.RowError) []refusedRow {
	column := map[string]string{"axis_id": "axis", "institution_unit_id": "institution", "institution_name": "institution"}
	out := make([]refusedRow, len(list))
	for i, e := range list {
		c := e.Field
		if k, ok := column[c]; ok {
			c = k
		}
		label := "ui.research.xlsx." + c
		if !i18n.Has(label) {
			label = "ui.research.xlsx.id"
		}
		out[i] = refusedRow{Row: e.Row, Label: label, Key: e.Key}
	}
	return out
}

// researchData is /research.
type researchData struct {
	Stages   []payesh.ResearchStage
	Pipeline []pipelineRow
	Totals   []int
	Total    int
	Axes     []*payesh.ResearchAxis
	Projects []*payesh.ResearchProject
	Pager    pager
	Filter   payesh.ResearchFilter
	Late     bool
	Today    payesh.Date
	Units    map[int64]*payesh.OrgUnit
	// CanAdd says the user may record projects of some axis; Configure
	// that they set up axes.
	CanAdd, Configure bool
	// Import is a refused upload's rows, or the counts of an accepted one.
	Refused []refusedRow
}

// research shows the pipeline and the list.
func (s *server) research(w http.ResponseWriter, r *http.Request) error {
	return s.renderResearch(w, r, http.StatusOK, nil, nil)
}

func (s *server) renderResearch(w http.ResponseWriter, r *http.Request, status int, refused []payesh.RowError, errs map[string]string) error {
	ctx, q := r.Context(), r.URL.Query()
	d := &researchData{Stages: payesh.ResearchStages, Today: payesh.Today(s.Now()), Refused: refusedRows(refused)}
	me := user(r)
	d.Configure, d.CanAdd = me.CanConfigure(), canAddWork(me)
	var err error
	if d.Axes, err = s.Research.FindResearchAxes(ctx); err != nil {
		return err
	}
	d.Totals = make([]int, len(d.Stages))
	for _, a := range d.Axes {
		row := pipelineRow{Axis: a, Counts: make([]int, len(d.Stages)),
			Named: jalali.ToLatinDigits(a.Title) != "محور "+strconv.Itoa(a.Number)}
		for i, st := range d.Stages {
			row.Counts[i] = a.Stages[st]
			d.Totals[i] += a.Stages[st]
		}
		d.Total += a.Projects
		if a.WorkItemID != nil {
			// Left out when the reader does not read it.
			row.Work, _ = s.Work.FindWorkItemByID(ctx, *a.WorkItemID)
		}
		d.Pipeline = append(d.Pipeline, row)
	}
	f := payesh.ResearchFilter{Page: pageOf(r, payesh.DefaultLimit)}
	f.AxisID, _ = strconv.ParseInt(q.Get("axis"), 10, 64)
	if st := payesh.ResearchStage(q.Get("stage")); st.Valid() {
		f.Stage = st
	}
	if d.Late = q.Get("late") == "1"; d.Late {
		f.LateOn = d.Today
	}
	var total int
	if d.Projects, total, err = s.Research.FindResearchProjects(ctx, f); err != nil {
		return err
	}
	d.Filter, d.Pager = f, newPager(r, total, f.Page)
	if d.Units, err = s.unitMap(r); err != nil {
		return err
	}
	v := s.newView(r, "ui.research.title", d)
	v.Errors = errs
	return s.render(w, r, status, "research", v)
}

// projectData is a project's page.
type projectData struct {
	P       *payesh.ResearchProject
	Axis    *payesh.ResearchAxis
	Units   map[int64]*payesh.OrgUnit
	Clauses []*payesh.Clause
	Work    []*payesh.WorkItem
	Today   payesh.Date
	// Moves are the stages the project may move to now: the next, then
	// the earlier ones, latest first.
	Next    payesh.ResearchStage
	Back    []payesh.ResearchStage
	CanEdit bool // moves, edits and reviews
	CanSend bool // uploads
}

func (s *server) researchProject(w http.ResponseWriter, r *http.Request) error {
	return s.renderProject(w, r, http.StatusOK, nil, nil)
}

// renderProject shows the project in the path; after a refused form,
// with what was typed and the messages beside the form named "form".
func (s *server) renderProject(w http.ResponseWriter, r *http.Request, status int, form url.Values, errs map[string]string) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	p, err := s.Research.FindResearchProject(ctx, id)
	if err != nil {
		return err
	}
	d := &projectData{P: p, Today: payesh.Today(s.Now()), Next: p.Stage.Next()}
	for i := p.Stage.Index() - 1; i >= 0; i-- {
		d.Back = append(d.Back, payesh.ResearchStages[i])
	}
	if d.Axis, err = s.Research.FindResearchAxis(ctx, p.AxisID); err != nil {
		return err
	}
	ix, err := s.unitIndexOf(r)
	if err != nil {
		return err
	}
	d.Units = ix.byID
	d.CanEdit, d.CanSend = projectAccess(user(r), ix, p)
	for _, c := range p.ClauseIDs {
		if cl, err := s.Documents.FindClauseByID(ctx, c); err == nil {
			d.Clauses = append(d.Clauses, cl)
		}
	}
	for _, wid := range p.WorkItemIDs {
		if it, err := s.Work.FindWorkItemByID(ctx, wid); err == nil {
			d.Work = append(d.Work, it)
		}
	}
	v := s.newView(r, "ui.research.project", d)
	v.Title = p.Title
	v.Form, v.Errors = form, errs
	return s.render(w, r, status, "research_project", v)
}

// projectAccess says whether me may change the project (move, edit,
// review) and send it deliverables, as the store will judge.
func projectAccess(me *payesh.User, ix *unitIndex, p *payesh.ResearchProject) (edit, send bool) {
	owner, inst := "", []string{}
	if u := ix.byID[p.OwnerUnitID]; u != nil {
		owner = u.Path
	}
	if u := ix.byID[p.InstitutionID()]; u != nil {
		inst = append(inst, u.Path)
	}
	return me.CanEditWorkOf(owner), me.CanReportOn(owner, inst)
}

// requireProjectAccess refuses, before a form is read, who may not
// change (send false) or send deliverables to (send true) the project.
func (s *server) requireProjectAccess(r *http.Request, id int64, send bool) error {
	p, err := s.Research.FindResearchProject(r.Context(), id)
	if err != nil {
		return err
	}
	ix, err := s.unitIndexOf(r)
	if err != nil {
		return err
	}
	if edit, deliver := projectAccess(user(r), ix, p); send && !deliver || !send && !edit {
		return payesh.ErrForbidden
	}
	return nil
}

// projectFailed shows the project again after a refused form, or the
// error page for anything but a validation error.
func (s *server) projectFailed(w http.ResponseWriter, r *http.Request, err error) error {
	errs, ok := fieldErrors(err)
	if !ok {
		return err
	}
	if errs["form"] == "" {
		errs["form"] = "err.invalid"
	}
	return s.renderProject(w, r, http.StatusBadRequest, r.PostForm, errs)
}

// researchMove moves the project to the posted stage.
func (s *server) researchMove(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	in := payesh.StageMoveInput{To: payesh.ResearchStage(f.String("to")), Note: f.String("note"), Version: f.Int("version")}
	if err = f.Err(); err == nil {
		_, err = s.Research.MoveResearchStage(r.Context(), id, in)
	}
	if err != nil {
		return s.projectFailed(w, r, err)
	}
	return redirect(w, r, fmt.Sprintf("/research/projects/%d?flash=ui.research.flash.moved#history", id))
}

// researchDeliver uploads a deliverable.
func (s *server) researchDeliver(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.requireProjectAccess(r, id, true); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, evidenceBodyLimit)
	name, file, err := formUpload(r)
	if err == nil && file == nil {
		err = payesh.Invalid(map[string]string{"file": "err.evidence.none"})
	}
	if err == nil {
		_, err = s.Research.AddDeliverable(r.Context(), id, r.PostForm.Get("note"), payesh.Upload{Name: name, Content: file})
	}
	if err != nil {
		return s.projectFailed(w, r, err)
	}
	return redirect(w, r, fmt.Sprintf("/research/projects/%d?flash=ui.research.flash.uploaded#deliverables", id))
}

// researchFile serves a deliverable as evidence is served.
func (s *server) researchFile(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, data, err := s.Research.OpenDeliverable(r.Context(), id)
	if err != nil {
		return err
	}
	download.Evidence(w, r, &payesh.Evidence{ID: f.ID, Name: f.Name, ContentType: f.ContentType, Size: f.Size,
		SHA256: f.SHA256, CreatedAt: f.CreatedAt}, data)
	return nil
}

// researchReview comments on a deliverable; the form names its project.
func (s *server) researchReview(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	project := f.ID("project")
	_, err = s.Research.AddDeliverableReview(r.Context(), id, f.String("comment"))
	if err != nil {
		if _, ok := fieldErrors(err); ok && project > 0 {
			r.SetPathValue("id", strconv.FormatInt(project, 10))
			return s.projectFailed(w, r, err)
		}
		return err
	}
	return redirect(w, r, fmt.Sprintf("/research/projects/%d?flash=ui.research.flash.reviewed#file-%d", project, id))
}
