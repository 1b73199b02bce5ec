package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"payesh"
)

// FindAuditEvents lists the trail newest first, for admins and the
// secretariat.
func (db *DB) FindAuditEvents(ctx context.Context, f payesh.AuditFilter) ([]*payesh.AuditEvent, int, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, 0, err
	}
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
	total, err := db.count(ctx, "audit_events", w)
	if err != nil {
		return nil, 0, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT id, at, actor_id, actor_name, entity, entity_id, action, before_json, after_json
		FROM audit_events`+w.String()+` ORDER BY id DESC`+pageSQL(f.Page), w.args...)
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
