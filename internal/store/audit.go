package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"payesh"
)

// FindAuditEvents searches the whole trail newest first, for admins and
// the secretariat: it holds every row of every unit, so it is theirs.
func (db *DB) FindAuditEvents(ctx context.Context, f payesh.AuditFilter) ([]*payesh.AuditEvent, int, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, 0, err
	}
	return db.findAuditEvents(ctx, auditWhere(f), f.Page)
}

// FindAuditTrail returns one object's trail, newest first. The rule is the
// object's own: whoever may read the object reads its trail, since the
// trail shows nothing the object's page does not, only earlier. So work,
// units, documents, clauses, indicators and rounds are open to every
// signed-in user, a report to its unit's subtree's ancestors and the
// secretariat, a user to that user and the admins. The trail of an object
// since deleted, and of entities with no page of their own (evidence,
// indicator values), goes to admins and the secretariat only, who may
// search the whole trail anyway.
func (db *DB) FindAuditTrail(ctx context.Context, entity string, id int64, page payesh.Page) ([]*payesh.AuditEvent, int, error) {
	if err := db.requireReadTrail(ctx, entity, id); err != nil {
		return nil, 0, err
	}
	return db.findAuditEvents(ctx, auditWhere(payesh.AuditFilter{Entity: entity, EntityID: id}), page)
}

// requireReadTrail checks the rule of FindAuditTrail by reading the object
// as the user, with the finder that guards its page.
func (db *DB) requireReadTrail(ctx context.Context, entity string, id int64) error {
	u, err := requireUser(ctx)
	if err != nil {
		return err
	}
	switch entity {
	case "work_item":
		_, err = db.FindWorkItemByID(ctx, id)
	case "org_unit":
		_, err = db.FindOrgUnitByID(ctx, id)
	case "document":
		_, err = db.FindDocumentByID(ctx, id)
	case "clause":
		_, err = db.FindClauseByID(ctx, id)
	case "indicator":
		_, err = db.FindIndicatorByID(ctx, id)
	case "round":
		_, err = db.FindRound(ctx, id)
	case "report":
		_, err = db.FindReport(ctx, id)
	case "user":
		_, err = db.FindUserByID(ctx, id)
	default:
		if !u.CanConfigure() {
			return payesh.ErrForbidden
		}
	}
	if payesh.ErrorCode(err) == payesh.ENOTFOUND && u.CanConfigure() {
		return nil // deleted: the trail outlives the row
	}
	return err
}

// auditWhere turns a filter into conditions. The day bounds are Tehran
// midnights, as people mean days, compared with the UTC instants the trail
// stores.
func auditWhere(f payesh.AuditFilter) *where {
	w := &where{}
	if f.Entity != "" {
		w.add("entity = ?", f.Entity)
	}
	if f.EntityID != 0 {
		w.add("entity_id = ?", f.EntityID)
	}
	if f.ActorID != 0 {
		w.add("actor_id = ?", f.ActorID)
	}
	if f.Action != "" {
		w.add("action = ?", f.Action)
	}
	if !f.From.IsZero() {
		w.add("at >= ?", tehranMidnight(f.From))
	}
	if !f.To.IsZero() {
		w.add("at < ?", tehranMidnight(f.To.AddDays(1)))
	}
	if f.Q != "" {
		q := like(f.Q)
		w.add(`(lower(actor_name) LIKE ? ESCAPE '\' OR entity LIKE ? ESCAPE '\'
			OR lower(COALESCE(before_json, '')) LIKE ? ESCAPE '\' OR lower(COALESCE(after_json, '')) LIKE ? ESCAPE '\')`, q, q, q, q)
	}
	if f.UpToID != 0 {
		w.add("id <= ?", f.UpToID)
	}
	return w
}

// tehranMidnight is the instant day begins in Tehran, in UTC as stored.
func tehranMidnight(d payesh.Date) time.Time {
	t := d.Time()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, payesh.Tehran).UTC()
}

func (db *DB) findAuditEvents(ctx context.Context, w *where, page payesh.Page) ([]*payesh.AuditEvent, int, error) {
	total, err := db.count(ctx, "audit_events", w)
	if err != nil {
		return nil, 0, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT id, at, actor_id, actor_name, entity, entity_id, action, before_json, after_json
		FROM audit_events`+w.String()+` ORDER BY id DESC`+pageSQL(page), w.args...)
	if err != nil {
		return nil, 0, err
	}
	events, err := scanAll(rows, func(r *sql.Rows) (*payesh.AuditEvent, error) {
		var e payesh.AuditEvent
		var actor sql.NullInt64
		var before, after sql.NullString
		err := r.Scan(&e.ID, &e.At, &actor, &e.ActorName, &e.Entity, &e.EntityID, &e.Action, &before, &after)
		if actor.Valid {
			e.ActorID = &actor.Int64
		}
		e.Before, e.After = rawOrNull(before), rawOrNull(after)
		return &e, err
	})
	return events, total, err
}

func rawOrNull(s sql.NullString) json.RawMessage {
	if !s.Valid {
		return json.RawMessage("null")
	}
	return json.RawMessage(s.String)
}
