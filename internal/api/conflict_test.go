package api

import (
	"encoding/json"
	"net/http"
	"testing"

	"payesh"
)

// TestStaleReporterPatchIsAConflict: the secretariat moves an action's due
// date while a reporter edits it from the version before, sending back the
// due date it read. The answer is 409 with the item as saved — not a 400
// asking why the reporter "moves" the date — and a PATCH of the reporter's
// own field on the new version leaves the secretariat's date alone: a PATCH
// carries only the fields it names. The 409 says who changed the item and when.
func TestStaleReporterPatchIsAConflict(t *testing.T) {
	e := newEnv(t)
	today := payesh.Today(testNow)
	action := e.addWork("اقدام استان", "prov-a", nil, today.AddDays(10), 1)
	url := apiPath("/work-items/%d", action.ID)
	e.ok(e.do("PATCH", url, "sec", map[string]any{"due_date": "2030-03-20", "version": action.Version}), http.StatusOK, nil)

	stale := map[string]any{"title": "عنوان گزارشگر", "due_date": today.AddDays(10).String(), "weight": 1, "version": action.Version}
	r := e.do("PATCH", url, "reporter", stale)
	if r.status != http.StatusConflict {
		t.Fatalf("stale patch: %d %s", r.status, r.body)
	}
	// The answer names whose change it is and when (the secretariat's,
	// at the test's clock), as the web form's conflict does.
	if a := r.apiError().Error; a.ChangedBy != "sec" || !a.ChangedAt.Equal(testNow) {
		t.Errorf("changed by %q at %s; want the secretariat's change at %s", a.ChangedBy, a.ChangedAt, testNow)
	}
	var current wireItem
	if err := json.Unmarshal(r.apiError().Error.Current, &current); err != nil || current.DueDate.String() != "2030-03-20" {
		t.Fatalf("the conflict's current item: %s (%v)", r.apiError().Error.Current, err)
	}

	var w wireItem
	e.ok(e.do("PATCH", url, "reporter", map[string]any{"title": "عنوان گزارشگر", "version": current.Version}), http.StatusOK, &w)
	if w.Title != "عنوان گزارشگر" || w.DueDate.String() != "2030-03-20" || w.PendingChange != nil {
		t.Errorf("after the retry: title %q, due %s, pending %v", w.Title, w.DueDate, w.PendingChange)
	}
}
