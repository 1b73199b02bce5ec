package api

import (
	"errors"
	"fmt"
	"io"
	"net/http"

	"payesh"
	"payesh/internal/download"
	"payesh/internal/sheet"
)

// The research register (issue 15): axes, projects, stage moves,
// deliverables and their reviews, the project list as a workbook, and
// the late projects of the follow-up board. The store authorizes.

func (s *server) listResearchAxes(w http.ResponseWriter, r *http.Request) error {
	list, err := s.Research.FindResearchAxes(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list})
}

// axisInput is an axis as a client writes it; the version on replace.
type axisInput struct {
	Number      int     `json:"number"`
	Title       string  `json:"title"`
	Note        string  `json:"note"`
	OwnerUnitID int64   `json:"owner_unit_id"`
	WorkItemID  *int64  `json:"work_item_id"`
	ClauseIDs   []int64 `json:"clause_ids"`
	Version     int     `json:"version"`
}

func (in axisInput) axis() *payesh.ResearchAxis {
	return &payesh.ResearchAxis{Number: in.Number, Title: in.Title, Note: in.Note, OwnerUnitID: in.OwnerUnitID,
		WorkItemID: in.WorkItemID, ClauseIDs: in.ClauseIDs, Version: in.Version}
}

func (s *server) createResearchAxis(w http.ResponseWriter, r *http.Request) error {
	var in axisInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Version != 0 {
		return invalid("err.invalid", "version", "err.unknown_field")
	}
	a := in.axis()
	if err := s.Research.CreateResearchAxis(r.Context(), a); err != nil {
		return err
	}
	return writeCreated(w, prefix+"/research-axes", a.ID, a)
}

func (s *server) getResearchAxis(w http.ResponseWriter, r *http.Request) error {
	return getRow(w, r, s.Research.FindResearchAxis)
}

func (s *server) putResearchAxis(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in axisInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Version <= 0 {
		return errVersion
	}
	a, err := s.Research.UpdateResearchAxis(r.Context(), id, in.axis())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, a)
}

// projectInput is a project as a client writes it: its stage only on
// create (moves change it), the version on replace.
type projectInput struct {
	AxisID            int64                `json:"axis_id"`
	Title             string               `json:"title"`
	InstitutionUnitID *int64               `json:"institution_unit_id"`
	InstitutionName   string               `json:"institution_name"`
	Investigator      string               `json:"investigator"`
	Stage             payesh.ResearchStage `json:"stage"`
	ContractStart     payesh.Date          `json:"contract_start"`
	ContractEnd       payesh.Date          `json:"contract_end"`
	BudgetRials       int64                `json:"budget_rials"`
	Note              string               `json:"note"`
	ClauseIDs         []int64              `json:"clause_ids"`
	WorkItemIDs       []int64              `json:"work_item_ids"`
	Version           int                  `json:"version"`
}

func (in projectInput) project() *payesh.ResearchProject {
	return &payesh.ResearchProject{AxisID: in.AxisID, Title: in.Title, InstitutionUnitID: in.InstitutionUnitID,
		InstitutionName: in.InstitutionName, Investigator: in.Investigator, Stage: in.Stage, ContractStart: in.ContractStart,
		ContractEnd: in.ContractEnd, BudgetRials: in.BudgetRials, Note: in.Note, ClauseIDs: in.ClauseIDs,
		WorkItemIDs: in.WorkItemIDs, Version: in.Version}
}

// projectJSON adds the Jalali dates people read and whether it is late.
type projectJSON struct {
	*payesh.ResearchProject
	ContractStartJalali *string `json:"contract_start_jalali"`
	ContractEndJalali   *string `json:"contract_end_jalali"`
	DaysLate            int     `json:"days_late"`
}

func (s *server) presentProject(p *payesh.ResearchProject) projectJSON {
	return projectJSON{p, jalaliOf(p.ContractStart), jalaliOf(p.ContractEnd), p.DaysLate(payesh.Today(s.Now()))}
}

func (s *server) presentProjects(list []*payesh.ResearchProject) []projectJSON {
	out := make([]projectJSON, len(list))
	for i, p := range list {
		out[i] = s.presentProject(p)
	}
	return out
}

// listResearchProjects: ?axis=&stage=&clause=&late=true, paged.
func (s *server) listResearchProjects(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := payesh.ResearchFilter{AxisID: q.id("axis"), ClauseID: q.id("clause"), Page: q.page()}
	if st := payesh.ResearchStage(q.str("stage")); st != "" {
		if !st.Valid() {
			q.bad("stage")
		}
		f.Stage = st
	}
	if late := q.boolean("late"); late != nil && *late {
		f.LateOn = payesh.Today(s.Now())
	}
	if err := q.err(); err != nil {
		return err
	}
	list, total, err := s.Research.FindResearchProjects(r.Context(), f)
	if err != nil {
		return err
	}
	p := f.Page.Normalized()
	return writeJSON(w, http.StatusOK, listJSON{Items: s.presentProjects(list), Total: total, Limit: p.Limit, Offset: p.Offset})
}

func (s *server) createResearchProject(w http.ResponseWriter, r *http.Request) error {
	var in projectInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Version != 0 {
		return invalid("err.invalid", "version", "err.unknown_field")
	}
	p := in.project()
	if err := s.Research.CreateResearchProject(r.Context(), p); err != nil {
		return err
	}
	return writeCreated(w, prefix+"/research-projects", p.ID, s.presentProject(p))
}

func (s *server) getResearchProject(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := s.Research.FindResearchProject(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.presentProject(p))
}

// putResearchProject replaces a project's fields; a stage sent must be
// the one it is at.
func (s *server) putResearchProject(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in projectInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Version <= 0 {
		return errVersion
	}
	if in.Stage != "" {
		cur, err := s.Research.FindResearchProject(r.Context(), id)
		if err != nil {
			return err
		}
		if cur.Stage != in.Stage {
			return invalid("err.invalid", "stage", "err.research.import_stage")
		}
	}
	p, err := s.Research.UpdateResearchProject(r.Context(), id, in.project())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.presentProject(p))
}

func (s *server) moveResearchStage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in payesh.StageMoveInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Version <= 0 {
		return errVersion
	}
	p, err := s.Research.MoveResearchStage(r.Context(), id, in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.presentProject(p))
}

// uploadDeliverable keeps a deliverable: multipart/form-data with one
// part "file" and an optional "note".
func (s *server) uploadDeliverable(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.requireDeliver(r, id); err != nil {
		return err
	}
	if r.ContentLength > maxUpload {
		return errFileTooLarge
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	note, file, err := readDeliverableForm(r)
	if err != nil {
		return err
	}
	f, err := s.Research.AddDeliverable(r.Context(), id, note, *file)
	if err != nil {
		return err
	}
	return writeCreated(w, prefix+"/research-files", f.ID, f)
}

// requireDeliver refuses, before the file is read, who may not send the
// project deliverables: its owner's people and its institution's.
func (s *server) requireDeliver(r *http.Request, id int64) error {
	ctx := r.Context()
	p, err := s.Research.FindResearchProject(ctx, id)
	if err != nil {
		return err
	}
	path := func(id int64) string {
		if u, err := s.Units.FindOrgUnitByID(ctx, id); err == nil {
			return u.Path
		}
		return ""
	}
	var inst []string
	if p.InstitutionUnitID != nil {
		inst = append(inst, path(*p.InstitutionUnitID))
	}
	if !payesh.UserFrom(ctx).CanReportOn(path(p.OwnerUnitID), inst) {
		return payesh.ErrForbidden
	}
	return nil
}

// readDeliverableForm reads the parts "note" and "file" (one, required).
func readDeliverableForm(r *http.Request) (string, *payesh.Upload, error) {
	form, err := readMultipart(r, "note")
	if err != nil {
		return "", nil, err
	}
	file, err := form.requireFile()
	return form.Fields["note"], file, err
}

// downloadResearchFile serves a deliverable as evidence is served.
func (s *server) downloadResearchFile(w http.ResponseWriter, r *http.Request) error {
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

func (s *server) reviewResearchFile(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in struct {
		Comment string `json:"comment"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	rv, err := s.Research.AddDeliverableReview(r.Context(), id, in.Comment)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, rv)
}

// researchWorkbook downloads the project list (?template=true: empty)
// in the language the client asks for.
func (s *server) researchWorkbook(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	empty := q.boolean("template")
	if err := q.err(); err != nil {
		return err
	}
	book, _, err := sheet.LoadResearch(r.Context(), s.Services.Services, langOf(r), empty != nil && *empty)
	if err != nil {
		return err
	}
	return sheet.Send(w, "payesh-research.xlsx", func(out io.Writer) error { return sheet.WriteResearch(out, book) })
}

// importResearch takes the workbook as the request's body, all or
// nothing: a refused list is 400 with a field "<row>.<column>" for each
// refused cell.
func (s *server) importResearch(w http.ResponseWriter, r *http.Request) error {
	// Viewers record nothing: refused before the file is read.
	if me := payesh.UserFrom(r.Context()); !me.CanConfigure() && me.Role != payesh.RoleReporter {
		return payesh.ErrForbidden
	}
	_, look, err := sheet.LoadResearch(r.Context(), s.Services.Services, langOf(r), true)
	if err != nil {
		return err
	}
	rows, refused, err := sheet.ReadResearch(http.MaxBytesReader(w, r.Body, maxWorkbook), look)
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return errTooLarge
	case errors.Is(err, sheet.ErrNotResearch):
		return invalid("err.research.not_ours", "file", "err.research.not_ours")
	case err != nil:
		return err
	}
	if len(refused) == 0 {
		var res payesh.ResearchImportResult
		res, refused, err = s.Research.ImportResearchProjects(r.Context(), rows)
		if err == nil {
			return writeJSON(w, http.StatusOK, res)
		}
		if len(refused) == 0 {
			return err
		}
	}
	f := map[string]string{}
	for _, e := range refused {
		f[fmt.Sprintf("%d.%s", e.Row, e.Field)] = e.Key
	}
	return &payesh.Error{Code: payesh.EINVALID, Message: "err.research.import_refused", Fields: f}
}

// lateResearch lists the late projects of the follow-up board.
func (s *server) lateResearch(w http.ResponseWriter, r *http.Request) error {
	list, err := s.Research.LateResearch(r.Context(), payesh.Today(s.Now()))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": s.presentProjects(list)})
}
