package store

import (
	"context"
	"database/sql"
	"slices"

	"payesh"
)

// Research projects: their fields, links and stage moves. A project is
// its axis owner's work: whoever may change that unit's work changes it
// (requireEditWork on the owner), and every write is one transaction
// with its audit event and the notifications of the units it concerns.

const projectColumns = `p.id, p.axis_id, p.title, p.institution_unit_id, p.institution_name, p.investigator, p.stage,
	p.contract_start, p.contract_end, p.budget_rials, p.note, p.version, p.created_at, p.updated_at,
	a.number, a.title, a.owner_unit_id`

const projectFrom = ` FROM research_projects p JOIN research_axes a ON a.id = p.axis_id`

func scanProject(r interface{ Scan(...any) error }) (*payesh.ResearchProject, error) {
	var p payesh.ResearchProject
	var inst sql.NullInt64
	err := r.Scan(&p.ID, &p.AxisID, &p.Title, &inst, &p.InstitutionName, &p.Investigator, &p.Stage,
		&p.ContractStart, &p.ContractEnd, &p.BudgetRials, &p.Note, &p.Version, &p.CreatedAt, &p.UpdatedAt,
		&p.AxisNumber, &p.AxisTitle, &p.OwnerUnitID)
	p.InstitutionUnitID = nullID(inst)
	p.ClauseIDs, p.WorkItemIDs = []int64{}, []int64{}
	return &p, err
}

// loadProject reads a project with its links, without a scope check.
func loadProject(ctx context.Context, q queryer, id int64) (*payesh.ResearchProject, error) {
	p, err := scanProject(q.QueryRowContext(ctx, `SELECT `+projectColumns+projectFrom+` WHERE p.id = $1`, id))
	if err != nil {
		return nil, notFoundIfNoRows(err, "research_project")
	}
	return p, loadProjectLinks(ctx, q, []*payesh.ResearchProject{p})
}

// loadProjectLinks reads the clauses and work items of the projects.
func loadProjectLinks(ctx context.Context, q queryer, list []*payesh.ResearchProject) error {
	if len(list) == 0 {
		return nil
	}
	byID := make(map[int64]*payesh.ResearchProject, len(list))
	ids := make([]int64, len(list))
	for i, p := range list {
		byID[p.ID], ids[i] = p, p.ID
	}
	for _, l := range []struct {
		query string
		add   func(p *payesh.ResearchProject, id int64)
	}{
		{`SELECT project_id, clause_id FROM research_project_clauses`, func(p *payesh.ResearchProject, id int64) { p.ClauseIDs = append(p.ClauseIDs, id) }},
		{`SELECT project_id, work_item_id FROM research_project_work`, func(p *payesh.ResearchProject, id int64) { p.WorkItemIDs = append(p.WorkItemIDs, id) }},
	} {
		for chunk := range slices.Chunk(ids, 500) {
			w := &where{}
			w.add("project_id IN "+inList(len(chunk)), anySlice(chunk)...)
			rows, err := q.QueryContext(ctx, l.query+w.String()+` ORDER BY 1, 2`, w.args...)
			if err != nil {
				return err
			}
			if _, err := scanAll(rows, func(r *sql.Rows) (struct{}, error) {
				var project, other int64
				if err := r.Scan(&project, &other); err != nil {
					return struct{}{}, err
				}
				l.add(byID[project], other)
				return struct{}{}, nil
			}); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkProjectRefs checks what a project names: its axis (whose owner it
// returns), its institution — an org unit of an institution's kind —
// its clauses, and work items the actor reads.
func (tx *Tx) checkProjectRefs(p *payesh.ResearchProject) (owner int64, err error) {
	err = tx.QueryRowContext(tx.ctx, `SELECT owner_unit_id FROM research_axes WHERE id = $1`, p.AxisID).Scan(&owner)
	if err == sql.ErrNoRows {
		return 0, payesh.Invalid(map[string]string{"axis_id": "err.unknown_ref"})
	} else if err != nil {
		return 0, err
	}
	if p.InstitutionUnitID != nil {
		var kind payesh.UnitKind
		err := tx.QueryRowContext(tx.ctx, `SELECT kind FROM org_units WHERE id = $1`, *p.InstitutionUnitID).Scan(&kind)
		if err == sql.ErrNoRows || err == nil && !payesh.InstitutionKind(kind) {
			return 0, payesh.Invalid(map[string]string{"institution_unit_id": "err.research.institution_kind"})
		} else if err != nil {
			return 0, err
		}
	}
	if err := tx.allExist("clauses", p.ClauseIDs, "clause_ids"); err != nil {
		return 0, err
	}
	return owner, tx.readableWork(p.WorkItemIDs, "work_item_ids")
}

// readableWork checks that the actor reads every work item of ids: a
// link reveals no more than a read would.
func (tx *Tx) readableWork(ids []int64, field string) error {
	if len(ids) == 0 {
		return nil
	}
	w := &where{}
	w.add("w.id IN "+inList(len(ids)), anySlice(ids)...)
	tx.scope.workWhere(w)
	var n int
	if err := tx.QueryRowContext(tx.ctx, `SELECT COUNT(*) FROM work_items w`+w.String(), w.args...).Scan(&n); err != nil {
		return err
	}
	if n != len(ids) {
		return payesh.Invalid(map[string]string{field: "err.unknown_ref"})
	}
	return nil
}

// CreateResearchProject adds a project at its stage (identified unless
// said), recorded as its first move.
func (db *DB) CreateResearchProject(ctx context.Context, p *payesh.ResearchProject) error {
	if _, err := requireUser(ctx); err != nil {
		return err
	}
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error { return tx.createProject(p, "") })
}

// createProject writes a checked project; note goes with its first move.
func (tx *Tx) createProject(p *payesh.ResearchProject, note string) error {
	owner, err := tx.checkProjectRefs(p)
	if err != nil {
		return err
	}
	if err := tx.requireEditWork(owner); err != nil {
		return err
	}
	err = tx.QueryRowContext(tx.ctx, `INSERT INTO research_projects (axis_id, title, institution_unit_id, institution_name,
			investigator, stage, contract_start, contract_end, budget_rials, note, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
		p.AxisID, p.Title, p.InstitutionUnitID, p.InstitutionName, p.Investigator, p.Stage, p.ContractStart, p.ContractEnd,
		p.BudgetRials, p.Note, tx.now).Scan(&p.ID)
	if err != nil {
		return err
	}
	if err := tx.setProjectLinks(p); err != nil {
		return err
	}
	if err := tx.recordMove(p.ID, "", p.Stage, note); err != nil {
		return err
	}
	after, err := loadProject(tx.ctx, tx, p.ID)
	if err != nil {
		return err
	}
	*p = *after
	if err := tx.audit("research_project", p.ID, payesh.ActionCreate, nil, p); err != nil {
		return err
	}
	return tx.tellInstitution(p)
}

func (tx *Tx) setProjectLinks(p *payesh.ResearchProject) error {
	if err := tx.setIDs("research_project_clauses", "project_id", "clause_id", p.ID, p.ClauseIDs); err != nil {
		return err
	}
	return tx.setIDs("research_project_work", "project_id", "work_item_id", p.ID, p.WorkItemIDs)
}

// recordMove keeps one move of a project, as the actor's.
func (tx *Tx) recordMove(id int64, from, to payesh.ResearchStage, note string) error {
	var by *int64
	if tx.actor.ID != 0 {
		by = &tx.actor.ID
	}
	_, err := tx.ExecContext(tx.ctx, `INSERT INTO research_stage_moves (project_id, from_stage, to_stage, note, by_id, by_name, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, from, to, note, by, actorName(tx.actor), tx.now)
	return err
}

func actorName(u *payesh.User) string {
	if u.Name != "" {
		return u.Name
	}
	return u.Username
}

// UpdateResearchProject replaces a project's fields and links at the
// version the editor saw; its stage stays (MoveResearchStage moves it).
func (db *DB) UpdateResearchProject(ctx context.Context, id int64, p *payesh.ResearchProject) (*payesh.ResearchProject, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	if err := requireVersion(p.Version); err != nil {
		return nil, err
	}
	var after *payesh.ResearchProject
	err := db.write(ctx, func(tx *Tx) error {
		var err error
		after, err = tx.updateProject(id, p)
		return err
	})
	return after, err
}

// editableProject reads a project the actor reads and may change.
func (tx *Tx) editableProject(id int64) (*payesh.ResearchProject, error) {
	before, err := loadProject(tx.ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if !tx.scope.readsProject(before.OwnerUnitID, before.InstitutionUnitID) {
		return nil, payesh.NotFound("research_project")
	}
	return before, tx.requireEditWork(before.OwnerUnitID)
}

func (tx *Tx) updateProject(id int64, p *payesh.ResearchProject) (*payesh.ResearchProject, error) {
	before, err := tx.editableProject(id)
	if err != nil {
		return nil, err
	}
	p.ID, p.Stage = id, before.Stage
	p.Normalize()
	if err := p.Validate(); err != nil {
		return nil, err
	}
	owner, err := tx.checkProjectRefs(p)
	if err != nil {
		return nil, err
	}
	if owner != before.OwnerUnitID {
		// Moved to an axis of another unit: the actor must change its work too.
		if err := tx.requireEditWork(owner); err != nil {
			return nil, err
		}
	}
	res, err := tx.ExecContext(tx.ctx, `UPDATE research_projects SET axis_id = $1, title = $2, institution_unit_id = $3,
			institution_name = $4, investigator = $5, contract_start = $6, contract_end = $7, budget_rials = $8, note = $9,
			updated_at = $10, version = version + 1
		WHERE id = $11 AND version = $12`,
		p.AxisID, p.Title, p.InstitutionUnitID, p.InstitutionName, p.Investigator, p.ContractStart, p.ContractEnd,
		p.BudgetRials, p.Note, tx.now, id, p.Version)
	if err != nil {
		return nil, err
	}
	if err := checkVersion(res, func() (any, error) { return loadProject(tx.ctx, tx, id) }); err != nil {
		return nil, err
	}
	if err := tx.setProjectLinks(p); err != nil {
		return nil, err
	}
	after, err := loadProject(tx.ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := tx.audit("research_project", id, payesh.ActionUpdate, before, after); err != nil {
		return nil, err
	}
	if after.InstitutionUnitID != nil && (before.InstitutionUnitID == nil || *before.InstitutionUnitID != *after.InstitutionUnitID) {
		return after, tx.tellInstitution(after)
	}
	return after, nil
}

// MoveResearchStage moves a project one stage on, or back with a reason,
// at the version the mover saw; the move is kept with who and when, and
// the owner's and the institution's people are told.
func (db *DB) MoveResearchStage(ctx context.Context, id int64, in payesh.StageMoveInput) (*payesh.ResearchProject, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	if err := requireVersion(in.Version); err != nil {
		return nil, err
	}
	in.Note = payesh.NormalizeText(in.Note)
	err := db.write(ctx, func(tx *Tx) error {
		before, err := tx.editableProject(id)
		if err != nil {
			return err
		}
		if err := payesh.CheckStageMove(before.Stage, in.To, in.Note, before); err != nil {
			return err
		}
		res, err := tx.ExecContext(tx.ctx, `UPDATE research_projects SET stage = $1, updated_at = $2, version = version + 1
			WHERE id = $3 AND version = $4`, in.To, tx.now, id, in.Version)
		if err != nil {
			return err
		}
		if err := checkVersion(res, func() (any, error) { return loadProject(tx.ctx, tx, id) }); err != nil {
			return err
		}
		if err := tx.recordMove(id, before.Stage, in.To, in.Note); err != nil {
			return err
		}
		after, err := loadProject(tx.ctx, tx, id)
		if err != nil {
			return err
		}
		move := map[string]any{"from": before.Stage, "to": in.To, "note": in.Note}
		if err := tx.audit("research_project", id, "stage", map[string]any{"stage": before.Stage}, move); err != nil {
			return err
		}
		return tx.tellProject(after, payesh.NoteResearchStage, "ui.note.research_stage",
			map[string]string{"from_stage": string(before.Stage), "to_stage": string(in.To), "note": in.Note})
	})
	if err != nil {
		return nil, err
	}
	// With its moves and deliverables, as the mover reads it now.
	return db.FindResearchProject(ctx, id)
}

// FindResearchProject returns a project the reader reads, with its
// moves, deliverables and their reviews; the work items it lists are
// those the reader reads.
func (db *DB) FindResearchProject(ctx context.Context, id int64) (*payesh.ResearchProject, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	p, err := loadProject(ctx, db.db, id)
	if err != nil {
		return nil, err
	}
	if !s.readsProject(p.OwnerUnitID, p.InstitutionUnitID) {
		return nil, payesh.NotFound("research_project")
	}
	if p.WorkItemIDs, err = db.readableWorkIDs(ctx, s, p.WorkItemIDs); err != nil {
		return nil, err
	}
	if p.Moves, err = db.projectMoves(ctx, id); err != nil {
		return nil, err
	}
	p.Deliverables, err = db.projectDeliverables(ctx, id)
	return p, err
}

// readableWorkIDs keeps the ids of the work items the reader reads.
func (db *DB) readableWorkIDs(ctx context.Context, s scope, ids []int64) ([]int64, error) {
	if len(ids) == 0 || s.Everything() {
		return ids, nil
	}
	w := &where{}
	w.add("w.id IN "+inList(len(ids)), anySlice(ids)...)
	s.workWhere(w)
	rows, err := db.db.QueryContext(ctx, `SELECT w.id FROM work_items w`+w.String()+` ORDER BY 1`, w.args...)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (id int64, err error) { return id, r.Scan(&id) })
}

func (db *DB) projectMoves(ctx context.Context, id int64) ([]*payesh.StageMove, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, project_id, from_stage, to_stage, note, by_id, by_name, at
		FROM research_stage_moves WHERE project_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (*payesh.StageMove, error) {
		var m payesh.StageMove
		var by sql.NullInt64
		err := r.Scan(&m.ID, &m.ProjectID, &m.From, &m.To, &m.Note, &by, &m.ByName, &m.At)
		m.ByID = nullID(by)
		return &m, err
	})
}

// FindResearchProjects lists the projects the reader reads, by axis and
// then as recorded. The register holds tens of projects an axis, so the
// read rule is applied in Go, as meetings' is.
func (db *DB) FindResearchProjects(ctx context.Context, f payesh.ResearchFilter) ([]*payesh.ResearchProject, int, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, 0, err
	}
	w := &where{}
	if f.AxisID != 0 {
		w.add("p.axis_id = ?", f.AxisID)
	}
	if f.Stage != "" {
		w.add("p.stage = ?", f.Stage)
	}
	if f.ClauseID != 0 {
		w.add(`(p.id IN (SELECT project_id FROM research_project_clauses WHERE clause_id = ?)
			OR p.axis_id IN (SELECT axis_id FROM research_axis_clauses WHERE clause_id = ?))`, f.ClauseID, f.ClauseID)
	}
	if !f.LateOn.IsZero() {
		lateWhere(w, f.LateOn)
	}
	list, err := db.readProjects(ctx, s, w, ` ORDER BY a.number, p.id`)
	if err != nil {
		return nil, 0, err
	}
	p := f.Page.Normalized()
	total := len(list)
	list = list[min(p.Offset, total):min(p.Offset+p.Limit, total)]
	return list, total, loadProjectLinks(ctx, db.db, list)
}

// readProjects reads the projects w selects that the reader reads.
func (db *DB) readProjects(ctx context.Context, s scope, w *where, order string) ([]*payesh.ResearchProject, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+projectColumns+projectFrom+w.String()+order, w.args...)
	if err != nil {
		return nil, err
	}
	all, err := scanAll(rows, func(r *sql.Rows) (*payesh.ResearchProject, error) { return scanProject(r) })
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, p := range all {
		if s.readsProject(p.OwnerUnitID, p.InstitutionUnitID) {
			out = append(out, p)
		}
	}
	return out, nil
}

// lateWhere keeps the projects past their contract's end on day today
// and not yet delivered.
func lateWhere(w *where, today payesh.Date) {
	var undelivered []any
	for _, st := range payesh.ResearchStages {
		if !st.Delivered() {
			undelivered = append(undelivered, st)
		}
	}
	w.add("p.contract_end IS NOT NULL AND p.contract_end < ?", today)
	w.add("p.stage IN "+inList(len(undelivered)), undelivered...)
}

// tellInstitution tells the people of a project's institution, when it
// is a unit, that the project is theirs.
func (tx *Tx) tellInstitution(p *payesh.ResearchProject) error {
	if p.InstitutionUnitID == nil || tx.actor.ID == 0 {
		return nil
	}
	n := payesh.Notification{Kind: payesh.NoteResearchAssigned, Entity: payesh.EntityResearchProject, EntityID: p.ID,
		Message: "ui.note.research_assigned", Day: payesh.Today(tx.now),
		Args: map[string]string{"title": p.Title, "by": tx.actor.Name}}
	return tx.notifyWhere(n, false, `users u`, `u.unit_id = ? AND u.role <> ?`, *p.InstitutionUnitID, payesh.RoleViewer)
}

// tellProject tells the people (not viewers) of a project's owner unit
// and institution, but the actor, what happened to it; the command line
// and the demo loader tell no one.
func (tx *Tx) tellProject(p *payesh.ResearchProject, kind payesh.NotificationKind, message string, args map[string]string) error {
	if tx.actor.ID == 0 {
		return nil
	}
	all := map[string]string{"title": p.Title, "by": tx.actor.Name}
	for k, v := range args {
		all[k] = v
	}
	n := payesh.Notification{Kind: kind, Entity: payesh.EntityResearchProject, EntityID: p.ID, Message: message,
		Day: payesh.Today(tx.now), Args: all}
	units := []any{p.OwnerUnitID}
	if p.InstitutionUnitID != nil {
		units = append(units, *p.InstitutionUnitID)
	}
	return tx.notifyWhere(n, false, `users u`, `u.unit_id IN `+inList(len(units))+` AND u.role <> ?`,
		append(units, payesh.RoleViewer)...)
}
