package payesh

import (
	"context"
	"encoding/json"
	"time"
)

// AuditEvent records one change: who did what to which row, and the row
// before and after as JSON. It is written in the same transaction as the
// change, so the trail can never miss a write.
type AuditEvent struct {
	ID        int64           `json:"id"`
	At        time.Time       `json:"at"`
	ActorID   *int64          `json:"actor_id"`
	ActorName string          `json:"actor_name"`
	Entity    string          `json:"entity"`
	EntityID  int64           `json:"entity_id"`
	Action    string          `json:"action"`
	Before    json.RawMessage `json:"before"`
	After     json.RawMessage `json:"after"`
}

// Audit actions.
const (
	ActionCreate   = "create"
	ActionUpdate   = "update"
	ActionDelete   = "delete"
	ActionProgress = "progress"
	ActionLink     = "link"
	ActionUnlink   = "unlink"
	ActionPassword = "password"
	ActionToken    = "token"
	// ActionSubmit is something handed in: a paper to a call, a
	// consultation's answers.
	ActionSubmit = "submit"
)

// Audit actions recorded by one area only: a reminder is ActionRemind
// (followup.go), a round's closing ActionClose, an indicator's targets
// ActionTargets and a bulk load of values ActionBulkLoad; a report's review
// records its ReviewAction ("submit", "approve", "return", "reopen").
const (
	ActionClose    = "close"
	ActionTargets  = "targets"
	ActionBulkLoad = "bulk_load"
)

// AuditFilter selects audit events, newest first. A zero field does not
// filter.
type AuditFilter struct {
	Entity   string
	EntityID int64
	ActorID  int64
	// Action is one audit action, e.g. ActionUpdate.
	Action string
	// From and To bound the events by their Tehran calendar day, both days
	// included.
	From, To Date
	// Q finds text in the actor's username, the entity's name, or the row
	// before or after the change (a title, a note).
	Q string
	// UpToID keeps only events with id ≤ UpToID. The trail only grows, so
	// an export that pages through it with the first page's newest id
	// neither repeats nor skips an event written meanwhile.
	UpToID int64
	Page
}

// AuditService reads the audit trail; nothing writes it but the store.
type AuditService interface {
	// FindAuditEvents searches the whole trail (admins and the
	// secretariat).
	FindAuditEvents(ctx context.Context, f AuditFilter) ([]*AuditEvent, int, error)
	// FindAuditTrail returns one object's events, newest first, to whoever
	// may read the object; the trail of an object since deleted only to
	// admins and the secretariat.
	FindAuditTrail(ctx context.Context, entity string, id int64, page Page) ([]*AuditEvent, int, error)
}
