package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// meetingOut is what the tests read of a meeting.
type meetingOut struct {
	ID     int64   `json:"id"`
	HeldOn *string `json:"held_on"`
	Agenda []struct {
		ID int64 `json:"id"`
	} `json:"agenda"`
	Tally struct {
		Total   int     `json:"total"`
		Closed  int     `json:"closed"`
		Overdue int     `json:"overdue"`
		Pending int     `json:"pending_closure"`
		Rate    float64 `json:"closure_rate"`
	} `json:"tally"`
	Version int `json:"version"`
}

type closureOut struct {
	ID      int64  `json:"id"`
	State   string `json:"state"`
	FileID  *int64 `json:"file_id"`
	Reason  string `json:"reason"`
	Version int    `json:"version"`
}

// postClosureFile asks to close a resolution with a file, as multipart.
func (e *env) postClosureFile(item int64, who string, parts ...part) *result {
	e.t.Helper()
	ct, body := multipartBody(e.t, parts...)
	req, err := http.NewRequest("POST", e.srv.URL+apiPath("/work-items/%d/closures", item), bytes.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer "+e.token[who])
	return e.send(req)
}

// TestMeetingResolutionsAPI is issue 14's acceptance through the API, on
// the engine the tests run on: a meeting with two resolutions; closing
// one without evidence is refused; with evidence it waits for the
// secretariat; a rejection returns it to the owner with the reason; an
// acceptance closes it and the closure rate follows; the late one is on
// the follow-up board by meeting.
func TestMeetingResolutionsAPI(t *testing.T) {
	e := newEnv(t)
	var body struct{ ID int64 }
	e.ok(e.do("POST", apiPath("/bodies"), "sec", map[string]any{"code": "council-deputies", "name_fa": "شورای معاونین سازمان",
		"unit_id": e.unit["org"].ID}), http.StatusCreated, &body)
	var m meetingOut
	e.ok(e.do("POST", apiPath("/meetings"), "sec", map[string]any{"body_id": body.ID, "number": "1", "kind": "extraordinary",
		"title": "نخستین جلسهٔ فوق‌العادهٔ شورای معاونین", "people": []map[string]any{{"role": "chair", "name": "مدیرعامل سازمان"}}}),
		http.StatusCreated, &m)
	if m.HeldOn != nil {
		t.Errorf("an undated meeting answered held_on %q", *m.HeldOn)
	}
	var agenda struct{ ID int64 }
	e.ok(e.do("POST", apiPath("/meetings/%d/agenda", m.ID), "sec", map[string]any{"title": "عملیاتی‌سازی سیاست‌ها"}), http.StatusCreated, &agenda)
	resolution := func(title, due string) int64 {
		var r struct {
			ID        int64  `json:"id"`
			Kind      string `json:"kind"`
			MeetingID *int64 `json:"meeting_id"`
		}
		e.ok(e.do("POST", apiPath("/meetings/%d/resolutions", m.ID), "sec", map[string]any{"title": title, "agenda_item_id": agenda.ID,
			"owner_unit_id": e.unit["prov-a"].ID, "due_date": due}), http.StatusCreated, &r)
		if r.Kind != "resolution" || r.MeetingID == nil || *r.MeetingID != m.ID {
			t.Fatalf("resolution %s: kind %s, meeting %v", title, r.Kind, r.MeetingID)
		}
		return r.ID
	}
	first := resolution("دبیرخانه‌ای دائمی تشکیل شود", "2024-09-01") // testNow is 2024-06-01
	late := resolution("برنامهٔ عملیاتی نهایی شود", "2024-05-01")
	tally := func() meetingOut {
		var got meetingOut
		e.ok(e.do("GET", apiPath("/meetings/%d", m.ID), "reporter", nil), http.StatusOK, &got)
		return got
	}
	if got := tally(); got.Tally.Total != 2 || got.Tally.Closed != 0 || got.Tally.Rate != 0 || got.Tally.Overdue != 1 {
		t.Fatalf("tally at the start = %+v, want 2 resolutions, none closed, one overdue", got.Tally)
	}
	var list struct{ Items []json.RawMessage }
	e.ok(e.do("GET", apiPath("/meetings/%d/resolutions", m.ID), "reporter", nil), http.StatusOK, &list)
	if len(list.Items) != 2 {
		t.Fatalf("the owner reads %d resolutions, want 2", len(list.Items))
	}

	// Without evidence: refused, naming it.
	v := e.work(first).Version
	r := e.do("POST", apiPath("/work-items/%d/closures", first), "reporter", map[string]any{"note": "انجام شد", "version": v})
	if a := r.apiError(); r.status != http.StatusBadRequest || a.Error.Fields["evidence"] == "" {
		t.Fatalf("closure without evidence: %d %s, want 400 naming evidence", r.status, r.body)
	}
	// With a file: pending, the resolution still open.
	var c closureOut
	e.ok(e.postClosureFile(first, "reporter", part{"note", "", []byte("ابلاغ شد")}, part{"version", "", []byte(jsonInt(v))},
		part{"file", "ابلاغیه.pdf", []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")}), http.StatusCreated, &c)
	if c.State != "pending" || c.FileID == nil {
		t.Fatalf("closure = %+v, want pending with its file", c)
	}
	if st := e.work(first).Status; st == "done" {
		t.Fatal("the request closed the resolution before the secretariat accepted it")
	}
	if got := tally(); got.Tally.Pending != 1 || got.Tally.Closed != 0 {
		t.Errorf("tally while pending = %+v", got.Tally)
	}
	// The evidence is read by whoever reads the resolution.
	if r := e.do("GET", apiPath("/meeting-files/%d", *c.FileID), "reporter", nil); r.status != http.StatusOK || !strings.HasPrefix(string(r.body), "%PDF") {
		t.Errorf("evidence download: %d", r.status)
	}
	// The owner cannot decide; a rejection needs a reason.
	if r := e.do("POST", apiPath("/closures/%d/accept", c.ID), "reporter", map[string]any{"version": c.Version}); r.status != http.StatusForbidden {
		t.Errorf("the owner accepting its own closure: %d, want 403", r.status)
	}
	if r := e.do("POST", apiPath("/closures/%d/reject", c.ID), "sec", map[string]any{"version": c.Version}); r.status != http.StatusBadRequest {
		t.Errorf("a rejection without a reason: %d, want 400", r.status)
	}

	// Rejected: back to the owner, told why.
	reason := "نامهٔ ابلاغ پیوست نشده است"
	var decided struct {
		Closure  closureOut `json:"closure"`
		WorkItem *struct {
			Status string `json:"status"`
		} `json:"work_item"`
	}
	e.ok(e.do("POST", apiPath("/closures/%d/reject", c.ID), "sec", map[string]any{"version": c.Version, "reason": reason}), http.StatusOK, &decided)
	if decided.Closure.State != "rejected" || decided.Closure.Reason != reason {
		t.Fatalf("rejected closure = %+v", decided.Closure)
	}
	if r := e.do("GET", apiPath("/notifications"), "reporter", nil); r.status != http.StatusOK || !strings.Contains(string(r.body), reason) {
		t.Errorf("the owner's notifications lack the reason: %d %s", r.status, r.body)
	}

	// Asked again with a reference and accepted: done, the rate 50.
	e.ok(e.do("POST", apiPath("/work-items/%d/closures", first), "reporter", map[string]any{"evidence_ref": "نامهٔ ۱۲۳۴/۵",
		"version": e.work(first).Version}), http.StatusCreated, &c)
	e.ok(e.do("POST", apiPath("/closures/%d/accept", c.ID), "sec", map[string]any{"version": c.Version}), http.StatusOK, &decided)
	if decided.Closure.State != "accepted" || decided.WorkItem == nil || decided.WorkItem.Status != "done" {
		t.Fatalf("accepted = %+v %+v", decided.Closure, decided.WorkItem)
	}
	if got := tally(); got.Tally.Closed != 1 || got.Tally.Rate != 50 {
		t.Errorf("tally after one of two closed = %+v, want rate 50", got.Tally)
	}
	var closures struct{ Items []closureOut }
	e.ok(e.do("GET", apiPath("/work-items/%d/closures", first), "reporter", nil), http.StatusOK, &closures)
	if len(closures.Items) != 2 || closures.Items[0].State != "accepted" || closures.Items[1].State != "rejected" {
		t.Errorf("closure history = %+v, want accepted then rejected", closures.Items)
	}

	// The late one on the board, under its meeting; the board is the
	// secretariat's.
	var board struct {
		Items []struct {
			Meeting     struct{ ID int64 }   `json:"meeting"`
			Resolutions []struct{ ID int64 } `json:"resolutions"`
			OldestDays  int                  `json:"oldest_days"`
		}
	}
	e.ok(e.do("GET", apiPath("/followup/meetings"), "sec", nil), http.StatusOK, &board)
	if len(board.Items) != 1 || board.Items[0].Meeting.ID != m.ID || len(board.Items[0].Resolutions) != 1 ||
		board.Items[0].Resolutions[0].ID != late || board.Items[0].OldestDays <= 0 {
		t.Errorf("board by meeting = %+v, want meeting %d with resolution %d late", board.Items, m.ID, late)
	}
	if r := e.do("GET", apiPath("/followup/meetings"), "reporter", nil); r.status != http.StatusForbidden {
		t.Errorf("the board to a reporter: %d, want 403", r.status)
	}
}

func jsonInt(n int) string { b, _ := json.Marshal(n); return string(b) }
