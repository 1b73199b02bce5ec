package api

import (
	"net/http"
	"time"

	"payesh"
)

// changeRef says who last changed a row and when, beside a version
// conflict's current row: the client can tell its user whose change it
// is about to overwrite, as the web form does.
type changeRef struct {
	By string    `json:"changed_by"`
	At time.Time `json:"changed_at"`
}

// auditEntity names the audit trail of a conflict's current row.
func auditEntity(current any) (string, int64) {
	switch v := current.(type) {
	case *payesh.WorkItem:
		return "work_item", v.ID
	case *payesh.User:
		return "user", v.ID
	case *payesh.OrgUnit:
		return "org_unit", v.ID
	case *payesh.Indicator:
		return "indicator", v.ID
	case *payesh.Document:
		return "document", v.ID
	case *payesh.Clause:
		return "clause", v.ID
	case *payesh.Report:
		return "report", v.ID
	case *payesh.Round:
		return "round", v.ID
	}
	return "", 0
}

// lastChange reads the latest event of current's trail, if the user may
// read it; nil otherwise — the conflict itself still stands.
func (s *server) lastChange(r *http.Request, current any) *changeRef {
	entity, id := auditEntity(current)
	if entity == "" || s.Audit == nil {
		return nil
	}
	events, _, err := s.Audit.FindAuditTrail(r.Context(), entity, id, payesh.Page{Limit: 1})
	if err != nil || len(events) == 0 {
		return nil
	}
	by := events[0].ActorName
	if events[0].ActorID == nil {
		by = "system"
	}
	return &changeRef{By: by, At: events[0].At}
}
