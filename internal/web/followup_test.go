package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/jalali"
	"payesh/internal/store/storetest"
)

// boardRows are the unit ids of the board's rows, in order.
func boardRows(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<tr id="unit-(\d+)"`).FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestFollowupBoard: the secretariat sees every unit with late work, the
// latest first, with its days late in Persian digits; the board sorts by
// unit on request; others are refused.
func TestFollowupBoard(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	want, err := e.db.Board(storetest.System(), payesh.Today(workNow()))
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 {
		t.Fatal("the demo has nothing late; the board test needs overdue work")
	}
	c := e.as("secretariat")
	r := c.get("/followup")
	r.want(t, http.StatusOK, workFA("ui.followup.title"), `href="/followup" aria-current="page"`)
	got := boardRows(r.body)
	if len(got) != len(want) {
		t.Fatalf("board rows %v, want %d", got, len(want))
	}
	for i, row := range want {
		if got[i] != fmt.Sprint(row.UnitID) {
			t.Errorf("row %d is unit %s, want %d (%s)", i, got[i], row.UnitID, row.UnitCode)
		}
		days := jalali.ToPersianDigits(fmt.Sprintf("%d روز", row.DaysLate()))
		if !strings.Contains(r.body, row.UnitName) || !strings.Contains(r.body, days) {
			t.Errorf("row of %s lacks its name or %q", row.UnitCode, days)
		}
	}
	r.want(t, http.StatusOK, `aria-sort="descending"`)

	// By unit, ascending, then the other way round.
	byUnit := c.get("/followup?sort=unit")
	byUnit.want(t, http.StatusOK, `aria-sort="ascending"`, `href="/followup?sort=-unit"`)
	if len(want) > 1 {
		asc, desc := boardRows(byUnit.body), boardRows(c.get("/followup?sort=-unit").body)
		if asc[0] != desc[len(desc)-1] {
			t.Errorf("by unit %v, reversed %v", asc, desc)
		}
	}
	// A made-up order falls back to the default.
	c.get("/followup?sort=bogus").want(t, http.StatusOK, `aria-sort="descending"`)

	for _, who := range []string{"reporter", "viewer"} {
		u := e.as(who)
		u.get("/followup").want(t, http.StatusForbidden)
		u.get("/").lacks(t, `href="/followup"`)
	}
}

// TestFollowupRemind: one click reminds a unit: its people are notified,
// the reminder is audited on the unit and shows in its history, and the
// board says how many were told. Others cannot; a note too long is kept
// and explained, and nothing is sent.
func TestFollowupRemind(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	unit := e.unit("office-women-family")
	_, repCtx := e.userCtx("reporter")
	audits := func() int {
		t.Helper()
		_, n, err := e.db.FindAuditEvents(storetest.System(), payesh.AuditFilter{Entity: "org_unit", EntityID: unit.ID, Action: payesh.ActionRemind})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	form := url.Values{"unit": {fmt.Sprint(unit.ID)}, "note": {"لطفاً گزارش پیشرفت را به‌روز کنید."}, "sort": {"unit"}}

	for _, who := range []string{"reporter", "viewer"} {
		e.as(who).post("/followup/remind", form, nil).want(t, http.StatusForbidden)
	}
	if audits() != 0 {
		t.Fatal("a refused reminder was recorded")
	}

	c := e.as("secretariat")
	res := c.post("/followup/remind", form, nil)
	loc := res.header.Get("Location")
	if res.status != http.StatusSeeOther || !strings.HasPrefix(loc, "/followup?") {
		t.Fatalf("remind: %d → %q", res.status, loc)
	}
	q, _ := url.ParseQuery(strings.TrimPrefix(loc, "/followup?"))
	if q.Get("unit") != fmt.Sprint(unit.ID) || q.Get("sort") != "unit" || q.Get("sent") == "" || q.Get("sent") == "0" {
		t.Errorf("redirect query %v", q)
	}
	if audits() != 1 {
		t.Errorf("%d reminder audit events, want 1", audits())
	}
	notes, _ := e.notes(repCtx)
	if len(notes) != 1 || notes[0].Kind != payesh.NoteReminder || notes[0].EntityID != unit.ID {
		t.Errorf("the unit's reporter has %v", notes)
	}

	board := c.get(loc)
	sent := jalali.ToPersianDigits(fmt.Sprintf("یادآوری برای %s نفر", q.Get("sent")))
	board.want(t, http.StatusOK, sent, unit.NameFA)

	// The unit's history shows the reminder and its note.
	h := c.get(fmt.Sprintf("/history/org_unit/%d", unit.ID))
	h.want(t, http.StatusOK, workFA("ui.history.action.remind"), "لطفاً گزارش پیشرفت را به‌روز کنید.", "secretariat")

	// A note too long: the board again, the note kept, its error beside
	// it.
	late, err := e.db.Board(storetest.System(), payesh.Today(workNow()))
	if err != nil || len(late) == 0 {
		t.Fatalf("board: %v %v", late, err)
	}
	long := strings.Repeat("ی", payesh.MaxReminderNote+1)
	bad := c.post("/followup/remind", url.Values{"unit": {fmt.Sprint(late[0].UnitID)}, "note": {long}}, nil)
	bad.want(t, http.StatusBadRequest, workFA("ui.followup.not_sent"), workFA("err.too_long"), `>`+long+`</textarea>`,
		`aria-errormessage="e-note"`)
	if _, n, _ := e.db.FindAuditEvents(storetest.System(), payesh.AuditFilter{Action: payesh.ActionRemind}); n != 1 {
		t.Errorf("%d reminders recorded after a refused note, want 1", n)
	}
	// An unknown unit is a missing page.
	c.post("/followup/remind", url.Values{"unit": {"999999"}}, nil).want(t, http.StatusNotFound)
}
