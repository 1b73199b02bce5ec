package api

import (
	"net/http"
	"testing"

	"payesh"
)

// TestRemindUnitsThroughAPI: unit_ids sends one note to many units with
// one request — a reminder, an audit event and the notifications per unit
// — and answers each reminder and the people told; a list naming a unit
// that does not exist, or both unit_id and unit_ids, writes nothing.
func TestRemindUnitsThroughAPI(t *testing.T) {
	e := newEnv(t)
	org, provA, provB := e.unit["org"].ID, e.unit["prov-a"].ID, e.unit["prov-b"].ID
	reminded := func() int {
		t.Helper()
		events, _, err := e.db.FindAuditEvents(sysCtx, payesh.AuditFilter{Action: payesh.ActionRemind})
		if err != nil {
			t.Fatal(err)
		}
		return len(events)
	}

	ae := e.refusedReport("POST", apiPath("/followup/reminders"), "sec", map[string]any{"unit_ids": []int64{provA, provB + 1000}}, http.StatusBadRequest, "unit_ids.1")
	if ae.Error.Fields["unit_ids.1"] != "The selected item does not exist." {
		t.Errorf("the unknown unit: %v", ae.Error.Fields)
	}
	e.refusedReport("POST", apiPath("/followup/reminders"), "sec", map[string]any{"unit_id": provA, "unit_ids": []int64{provB}}, http.StatusBadRequest, "unit_ids")
	e.refusedReport("POST", apiPath("/followup/reminders"), "sec", map[string]any{"unit_ids": []int64{}}, http.StatusBadRequest, "unit_ids")
	e.refusedReport("POST", apiPath("/followup/reminders"), "reporter", map[string]any{"unit_ids": []int64{provA}}, http.StatusForbidden, "")
	if n := reminded(); n != 0 {
		t.Fatalf("refused requests recorded %d reminders", n)
	}

	var out struct {
		Items    []payesh.Reminder `json:"items"`
		Notified int               `json:"notified"`
	}
	e.ok(e.do("POST", apiPath("/followup/reminders"), "sec",
		map[string]any{"unit_ids": []int64{provA, org, provB, provA}, "note": "گزارش‌ها را بفرستید."}), http.StatusCreated, &out)
	// prov-a: its reporter; org: the secretariat and the admin (not the
	// viewer); prov-b: nobody.
	if len(out.Items) != 3 || out.Notified != 3 {
		t.Fatalf("answer %+v, want three reminders telling three people", out)
	}
	for i, want := range []struct {
		unit int64
		told int
	}{{provA, 1}, {org, 2}, {provB, 0}} {
		if r := out.Items[i]; r.ID == 0 || r.UnitID != want.unit || r.Notified != want.told || r.Note != "گزارش‌ها را بفرستید." {
			t.Errorf("reminder %d: %+v, want unit %d telling %d", i, r, want.unit, want.told)
		}
	}
	if n := reminded(); n != 3 {
		t.Errorf("%d reminder audit events, want 3", n)
	}
	for who, want := range map[string]int{"reporter": 1, "sec": 1, "admin": 1, "viewer": 0} {
		if n := e.countKind(who, payesh.NoteReminder); n != want {
			t.Errorf("%s has %d reminders, want %d", who, n, want)
		}
	}
}
