package store

import (
	"context"
	"database/sql"
	"sort"

	"payesh"
)

// A project past its contract's end that has not delivered is late: the
// follow-up board lists it (LateResearch) and the daily digest tells its
// owner's and its institution's people about it, once a day each
// (digestResearch), as it tells of late work.

// LateResearch lists the late projects on day today, the latest first
// (admins and the secretariat).
func (db *DB) LateResearch(ctx context.Context, today payesh.Date) ([]*payesh.ResearchProject, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	if today.IsZero() {
		return nil, payesh.Invalid(map[string]string{"today": "err.required"})
	}
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	w := &where{}
	lateWhere(w, today)
	list, err := db.readProjects(ctx, s, w, ` ORDER BY p.contract_end, p.id`)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].DaysLate(today) > list[j].DaysLate(today) })
	return list, loadProjectLinks(ctx, db.db, list)
}

// digestResearch adds to a digest run one research_late notification per
// late project for each active user, not a viewer, of its owner unit and
// its institution: one transaction per project; the unique index keeps
// it to one a user a day however often the job runs.
func (db *DB) digestResearch(ctx context.Context, day payesh.Date, res *payesh.DigestResult) error {
	w := &where{}
	lateWhere(w, day)
	rows, err := db.db.QueryContext(ctx, `SELECT `+projectColumns+projectFrom+w.String()+` ORDER BY p.id`, w.args...)
	if err != nil {
		return err
	}
	late, err := scanAll(rows, func(r *sql.Rows) (*payesh.ResearchProject, error) { return scanProject(r) })
	if err != nil {
		return err
	}
	for _, p := range late {
		units := []any{p.OwnerUnitID}
		if p.InstitutionUnitID != nil {
			units = append(units, *p.InstitutionUnitID)
		}
		uw := &where{}
		uw.add("active = 1 AND role <> ?", payesh.RoleViewer)
		uw.add("unit_id IN "+inList(len(units)), units...)
		urows, err := db.db.QueryContext(ctx, `SELECT id FROM users`+uw.String()+` ORDER BY id`, uw.args...)
		if err != nil {
			return err
		}
		users, err := scanAll(urows, func(r *sql.Rows) (id int64, err error) { return id, r.Scan(&id) })
		if err != nil {
			return err
		}
		args := map[string]string{"title": p.Title, "due": p.ContractEnd.String()}
		notes := make([]*payesh.Notification, len(users))
		for i, u := range users {
			notes[i] = &payesh.Notification{UserID: u, Kind: payesh.NoteResearchLate, Entity: payesh.EntityResearchProject,
				EntityID: p.ID, Message: "ui.note.research_late", Day: day, Args: args}
		}
		if len(notes) == 0 {
			continue
		}
		created, err := db.insertDigest(ctx, notes)
		if err != nil {
			return err
		}
		for _, c := range created {
			if c {
				res.Created++
				res.ByKind[payesh.NoteResearchLate]++
			} else {
				res.Existing++
			}
		}
	}
	return nil
}
