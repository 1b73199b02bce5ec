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
)

// AuditFilter selects audit events, newest first.
type AuditFilter struct {
	Entity   string
	EntityID int64
	ActorID  int64
	Page
}

// AuditService reads the audit trail; nothing writes it but the store.
type AuditService interface {
	FindAuditEvents(ctx context.Context, f AuditFilter) ([]*AuditEvent, int, error)
}
