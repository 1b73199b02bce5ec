package api

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"payesh"
)

// notificationOut is a notification as the API answers it.
type notificationOut struct {
	payesh.Notification
	Text  string `json:"text"`
	Links []struct {
		Key   string `json:"key"`
		Count int    `json:"count"`
		Text  string `json:"text"`
		Href  string `json:"href"`
	} `json:"links"`
}

type notificationList struct {
	Items  []notificationOut `json:"items"`
	Total  int               `json:"total"`
	Limit  int               `json:"limit"`
	Offset int               `json:"offset"`
}

func (e *env) notifications(who, query string, hdr ...string) notificationList {
	e.t.Helper()
	var list notificationList
	e.ok(e.do("GET", apiPath("/notifications%s", query), who, nil, hdr...), http.StatusOK, &list)
	if list.Items == nil {
		e.t.Fatalf("notifications%s as %s: items is null", query, who)
	}
	return list
}

// countKind counts who's notifications of one kind.
func (e *env) countKind(who string, kind payesh.NotificationKind) int {
	e.t.Helper()
	n := 0
	for _, it := range e.notifications(who, "").Items {
		if it.Kind == kind {
			n++
		}
	}
	return n
}

func TestNotifications(t *testing.T) {
	e := newReportEnv(t)
	e.addRound("گزارش بهار", "2024-06-05", "branch-a1")
	// The day's digest tells the branch a report is due soon.
	if _, err := e.db.RunDigest(sysCtx, payesh.Today(testNow)); err != nil {
		t.Fatal(err)
	}
	var rem payesh.Reminder
	e.ok(e.do("POST", apiPath("/followup/reminders"), "sec", map[string]any{"unit_id": e.unit["branch-a1"].ID, "note": "لطفاً گزارش را بفرستید."}),
		http.StatusCreated, &rem)
	if rem.Notified != 1 {
		t.Errorf("reminder %+v", rem)
	}

	// Newest first: the reminder, the digest, and the round's opening,
	// told when the secretariat opened it.
	list := e.notifications("branch", "", "Accept-Language", "en")
	if list.Total != 3 || len(list.Items) != 3 || list.Limit != payesh.DefaultLimit {
		t.Fatalf("notifications %+v", list)
	}
	reminder, due, opened := list.Items[0], list.Items[1], list.Items[2]
	if opened.Kind != payesh.NoteRoundOpened || opened.Entity != payesh.EntityReport ||
		opened.Text != "The reporting round “گزارش بهار” is open; your unit's report is due by 1403/03/16." {
		t.Errorf("round opened %+v", opened)
	}
	if reminder.Kind != payesh.NoteReminder || reminder.Entity != payesh.EntityOrgUnit || reminder.EntityID != e.unit["branch-a1"].ID ||
		reminder.ReadAt != nil || reminder.Text != "A reminder from the secretariat to واحد branch-a1 (کاربر sec): لطفاً گزارش را بفرستید." {
		t.Errorf("reminder %+v", reminder)
	}
	if due.Kind != payesh.NoteDigest || due.Entity != payesh.EntityUser || due.Message != "ui.note.digest" ||
		due.Args["reports_due"] != "1" || due.Text != "Today's summary for واحد branch-a1: reports due soon: 1." ||
		len(due.Links) != 1 || due.Links[0].Key != "reports_due" || due.Links[0].Count != 1 || due.Links[0].Href != "/inbox" {
		t.Errorf("digest %+v", due)
	}
	if reminder.Links != nil {
		t.Errorf("a reminder has links: %+v", reminder.Links)
	}
	// Persian by default, with Persian digits.
	if fa := e.notifications("branch", "?limit=1&offset=1"); fa.Total != 3 || len(fa.Items) != 1 ||
		fa.Items[0].Text != "خلاصهٔ امروز واحد branch-a1: ۱ گزارش با مهلت نزدیک." ||
		len(fa.Items[0].Links) != 1 || fa.Items[0].Links[0].Text != "۱ گزارش با مهلت نزدیک" {
		t.Errorf("Persian page %+v", fa)
	}
	if other := e.notifications("rep-b", ""); other.Total != 0 {
		t.Errorf("another province's reporter is told %+v", other)
	}

	// Marking read: one, then someone else's (ignored), then all.
	e.clock.Add(time.Hour)
	e.ok(e.do("POST", apiPath("/notifications/read"), "branch", map[string]any{"ids": []int64{due.ID}}), http.StatusNoContent, nil)
	unread := e.notifications("branch", "?unread=true")
	if unread.Total != 2 || unread.Items[0].ID != reminder.ID || unread.Items[1].ID != opened.ID {
		t.Errorf("unread after marking one %+v", unread)
	}
	if all := e.notifications("branch", "?unread=false"); all.Total != 3 || all.Items[1].ReadAt == nil || !all.Items[1].ReadAt.Equal(testNow.Add(time.Hour)) {
		t.Errorf("read_at %+v", all.Items[1])
	}
	e.ok(e.do("POST", apiPath("/notifications/read"), "sec", map[string]any{"ids": []int64{reminder.ID}}), http.StatusNoContent, nil)
	if unread := e.notifications("branch", "?unread=true"); unread.Total != 2 {
		t.Errorf("someone else marked the branch's notification read: %+v", unread)
	}
	e.ok(e.do("POST", apiPath("/notifications/read"), "branch", map[string]any{"ids": []int64{}}), http.StatusNoContent, nil)
	if unread := e.notifications("branch", "?unread=true"); unread.Total != 0 {
		t.Errorf("unread after marking all %+v", unread)
	}

	// Bad requests.
	e.refusedReport("POST", apiPath("/notifications/read"), "branch", map[string]any{"ids": []int64{0}}, http.StatusBadRequest, "ids")
	e.refusedReport("POST", apiPath("/notifications/read"), "branch", map[string]any{"ids": "all"}, http.StatusBadRequest, "ids")
	e.refusedReport("POST", apiPath("/notifications/read"), "branch", map[string]any{"id": 1}, http.StatusBadRequest, "id")
	e.refusedReport("POST", apiPath("/notifications/read"), "branch", "", http.StatusBadRequest, "")
	many := make([]int64, payesh.MaxLimit+1)
	for i := range many {
		many[i] = int64(i + 1)
	}
	e.refusedReport("POST", apiPath("/notifications/read"), "branch", map[string]any{"ids": many}, http.StatusBadRequest, "ids")
	e.refusedReport("POST", apiPath("/notifications/read"), "", map[string]any{}, http.StatusUnauthorized, "")
	e.refusedReport("GET", apiPath("/notifications?unread=maybe"), "branch", nil, http.StatusBadRequest, "unread")
	e.refusedReport("GET", apiPath("/notifications?kind=reminder"), "branch", nil, http.StatusBadRequest, "kind")
	e.refusedReport("GET", apiPath("/notifications?limit=501"), "branch", nil, http.StatusBadRequest, "limit")
	e.refusedReport("GET", apiPath("/notifications"), "", nil, http.StatusUnauthorized, "")
}

// boardOut is the answer of GET /followup/board.
type boardOut struct {
	Items []payesh.BoardRow `json:"items"`
	Day   payesh.Date       `json:"day"`
}

func TestBoardAndReminders(t *testing.T) {
	e := newReportEnv(t)
	e.addRound("گزارش بهار", "2024-05-20", "branch-a1", "prov-b")
	e.addWork("برنامه ب", "prov-b", nil, payesh.NewDate(2024, 5, 1), 1)
	branch, provB := e.unit["branch-a1"].ID, e.unit["prov-b"].ID

	var board boardOut
	e.ok(e.do("GET", apiPath("/followup/board"), "sec", nil), http.StatusOK, &board)
	if board.Day != payesh.NewDate(2024, 6, 1) || len(board.Items) != 2 {
		t.Fatalf("board %+v", board)
	}
	// The latest unit first: prov-b's work is 31 days overdue.
	b, a := board.Items[0], board.Items[1]
	if b.UnitID != provB || b.UnitCode != "prov-b" || b.UnitName != "واحد prov-b" || b.UnitKind != payesh.UnitProvince ||
		b.OverdueWork != 1 || b.OldestOverdueDays != 31 || b.LateReports != 1 || b.ReportDaysLate != 12 || b.Reminders != 0 || b.LastReminderAt != nil {
		t.Errorf("prov-b row %+v", b)
	}
	if a.UnitID != branch || a.OverdueWork != 0 || a.LateReports != 1 || a.ReportDaysLate != 12 {
		t.Errorf("branch row %+v", a)
	}
	e.ok(e.do("GET", apiPath("/followup/board"), "admin", nil), http.StatusOK, &board)
	e.refusedReport("GET", apiPath("/followup/board"), "reporter", nil, http.StatusForbidden, "")
	e.refusedReport("GET", apiPath("/followup/board"), "viewer", nil, http.StatusForbidden, "")
	e.refusedReport("GET", apiPath("/followup/board?day=2024-07-01"), "sec", nil, http.StatusBadRequest, "day")
	e.refusedReport("GET", apiPath("/followup/board"), "", nil, http.StatusUnauthorized, "")

	// A reminder reaches the unit's own people and shows on the board.
	e.clock.Add(2 * time.Hour)
	var rem payesh.Reminder
	e.ok(e.do("POST", apiPath("/followup/reminders"), "sec", map[string]any{"unit_id": provB, "note": " برنامهٔ ب عقب است. "}), http.StatusCreated, &rem)
	if rem.ID == 0 || rem.UnitID != provB || rem.Note != "برنامهٔ ب عقب است." || rem.Notified != 1 ||
		rem.SenderID == nil || *rem.SenderID != e.user["sec"].ID || rem.SenderName != "کاربر sec" {
		t.Errorf("reminder %+v", rem)
	}
	e.ok(e.do("GET", apiPath("/followup/board"), "sec", nil), http.StatusOK, &board)
	if r := board.Items[0]; r.UnitID != provB || r.Reminders != 1 || r.LastReminderAt == nil || !r.LastReminderAt.Equal(testNow.Add(2*time.Hour)) {
		t.Errorf("prov-b row after the reminder %+v", r)
	}
	if n := e.countKind("rep-b", payesh.NoteReminder); n != 1 {
		t.Errorf("rep-b has %d reminders, want 1", n)
	}
	if n := len(e.notifications("reporter", "").Items); n != 0 {
		t.Errorf("prov-a's reporter has %d notifications, want 0", n)
	}
	events := e.auditTrail("org_unit", provB)
	if len(events) == 0 || events[0].Action != payesh.ActionRemind {
		t.Errorf("audit trail of prov-b %+v", events)
	}
	// A note is optional.
	e.ok(e.do("POST", apiPath("/followup/reminders"), "admin", map[string]any{"unit_id": branch}), http.StatusCreated, &rem)
	if list := e.notifications("branch", "", "Accept-Language", "en"); e.countKind("branch", payesh.NoteReminder) != 1 ||
		!strings.HasPrefix(list.Items[0].Text, "The secretariat reminded واحد branch-a1") {
		t.Errorf("plain reminder %+v", list)
	}

	e.refusedReport("POST", apiPath("/followup/reminders"), "reporter", map[string]any{"unit_id": branch}, http.StatusForbidden, "")
	e.refusedReport("POST", apiPath("/followup/reminders"), "viewer", map[string]any{"unit_id": branch}, http.StatusForbidden, "")
	e.refusedReport("POST", apiPath("/followup/reminders"), "sec", map[string]any{"note": "x"}, http.StatusBadRequest, "unit_id")
	e.refusedReport("POST", apiPath("/followup/reminders"), "sec", map[string]any{"unit_id": provB + 1000}, http.StatusNotFound, "")
	e.refusedReport("POST", apiPath("/followup/reminders"), "sec", map[string]any{"unit_id": provB, "note": strings.Repeat("ی", payesh.MaxReminderNote+1)}, http.StatusBadRequest, "note")
	e.refusedReport("POST", apiPath("/followup/reminders"), "sec", map[string]any{"unit_id": provB, "notify": "all"}, http.StatusBadRequest, "notify")
	e.refusedReport("POST", apiPath("/followup/reminders"), "", map[string]any{"unit_id": provB}, http.StatusUnauthorized, "")
	e.refusedReport("GET", apiPath("/followup/reminders"), "sec", nil, http.StatusMethodNotAllowed, "")
}
