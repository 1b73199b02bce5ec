package web

import (
	"testing"
	"time"

	"payesh"
	"payesh/internal/i18n"
)

// TestAuditCSVNeutralized: a name that would be a formula is written as
// text; the trail's JSON and the numbers are left as they are.
func TestAuditCSVNeutralized(t *testing.T) {
	rec := auditCSVRecord(i18n.FA, &payesh.AuditEvent{ID: 7, At: time.Date(2024, 8, 1, 6, 0, 0, 0, time.UTC),
		ActorName: "=HYPERLINK(\"http://x\")", Entity: "work_item", EntityID: 9, Action: "-update",
		Before: []byte(`{"title":"=1+1"}`)})
	if rec[3] != "'=HYPERLINK(\"http://x\")" || rec[6] != "'-update" || rec[0] != "7" || rec[5] != "9" || rec[7] != `{"title":"=1+1"}` {
		t.Errorf("record %q", rec)
	}
}
