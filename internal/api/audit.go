package api

import (
	"net/http"
	"regexp"

	"payesh"
)

// entityName is the shape of the store's entity names ("work_item"). Any
// such name is accepted, so new entities need no change here, but the
// likely slip "work-item" (as in the URLs) is refused, not answered with
// an empty trail.
var entityName = regexp.MustCompile(`^[a-z][a-z_]*$`)

// listAudit returns audit events, newest first.
func (s *server) listAudit(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := payesh.AuditFilter{
		Entity:   q.str("entity"),
		EntityID: q.id("entity_id"),
		ActorID:  q.id("actor_id"),
		Action:   q.str("action"),
		From:     q.date("from"),
		To:       q.date("to"),
		Q:        q.str("q"),
		Page:     q.page(),
	}
	if f.Entity != "" && !entityName.MatchString(f.Entity) {
		q.bad("entity")
	}
	if f.Action != "" && !entityName.MatchString(f.Action) {
		q.bad("action")
	}
	if err := q.err(); err != nil {
		return err
	}
	events, total, err := s.Audit.FindAuditEvents(r.Context(), f)
	if err != nil {
		return err
	}
	return writeList(w, events, total, f.Page)
}
