package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/jalali"
	"payesh/internal/store/storetest"
)

// TestFollowupRemindMany: one note, one post, one reminder per unit
// chosen on the board — rows ticked, or «all late units» without any
// script — each audited on its unit and told to its people; a post that
// chooses nothing, or a unit that does not exist, sends nothing and shows
// the board again as it was.
func TestFollowupRemindMany(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	// Overdue work for the units of three demo users and a province
	// without any, so that the board has late units with people to tell.
	for _, code := range []string{"office-women-family", "prov-khorasan-razavi", "partner-universities", "prov-tehran-east"} {
		w := &payesh.WorkItem{Kind: payesh.KindAction, Title: "کار عقب‌افتاده", OwnerUnitID: e.unit(code).ID,
			DueDate: payesh.Today(workNow()).AddDays(-30)}
		if err := e.db.CreateWorkItem(storetest.System(), w); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := e.db.Board(storetest.System(), payesh.Today(workNow()))
	if err != nil {
		t.Fatal(err)
	}
	var late []payesh.BoardRow
	for _, row := range rows {
		if row.DaysLate() > 0 {
			late = append(late, row)
		}
	}
	if len(late) < 4 {
		t.Fatalf("the demo has %d late units; the test needs four", len(late))
	}
	reminded := func() map[int64]int {
		t.Helper()
		events, _, err := e.db.FindAuditEvents(storetest.System(), payesh.AuditFilter{Entity: "org_unit", Action: payesh.ActionRemind,
			Page: payesh.Page{Limit: payesh.MaxLimit}})
		if err != nil {
			t.Fatal(err)
		}
		out := map[int64]int{}
		for _, ev := range events {
			out[ev.EntityID]++
		}
		return out
	}
	c := e.as("secretariat")
	board := c.get("/followup")
	board.want(t, http.StatusOK, `id="remind-all"`, jalali.ToPersianDigits(fmt.Sprintf("(%d واحد)", len(late))))
	for _, row := range late[:2] {
		if !strings.Contains(board.body, fmt.Sprintf(`id="pick-%d" data-late`, row.UnitID)) {
			t.Errorf("the row of %s has no tick marked late", row.UnitCode)
		}
	}

	// Refusals write nothing.
	for _, tc := range []struct {
		name   string
		who    string
		form   url.Values
		status int
		says   string
	}{
		{"a reporter", "reporter", url.Values{"unit_ids": {fmt.Sprint(late[0].UnitID)}}, http.StatusForbidden, ""},
		{"nothing chosen", "secretariat", url.Values{"note": {"یادداشت"}}, http.StatusBadRequest, workFA("ui.followup.none_chosen")},
		{"a unit gone", "secretariat", url.Values{"unit_ids": {fmt.Sprint(late[0].UnitID), "999999"}}, http.StatusBadRequest, workFA("ui.followup.unit_gone")},
		{"a bad id", "secretariat", url.Values{"unit_ids": {"x"}}, http.StatusBadRequest, workFA("err.unknown_ref")},
		{"a note too long", "secretariat", url.Values{"unit_ids": {fmt.Sprint(late[0].UnitID)}, "note": {strings.Repeat("ی", payesh.MaxReminderNote+1)}},
			http.StatusBadRequest, workFA("err.too_long")},
	} {
		r := e.as(tc.who).post("/followup/remind", tc.form, nil)
		r.want(t, tc.status, tc.says)
		if tc.status == http.StatusBadRequest && tc.form.Has("unit_ids") && tc.name != "a bad id" &&
			!strings.Contains(r.body, fmt.Sprintf(`id="pick-%d" data-late checked`, late[0].UnitID)) {
			t.Errorf("%s: the board came back without the row ticked", tc.name)
		}
		if n := len(reminded()); n != 0 {
			t.Fatalf("%s: %d units reminded", tc.name, n)
		}
	}

	// Three rows ticked, one of them twice: three reminders.
	note := "لطفاً گزارش‌ها و کارهای معوق را تا پایان هفته به‌روز کنید."
	chosen := late[:3]
	form := url.Values{"note": {note}, "sort": {"unit"}}
	people := 0
	for _, row := range chosen {
		form.Add("unit_ids", fmt.Sprint(row.UnitID))
		people += row.ActiveUsers
	}
	if people == 0 {
		t.Fatal("none of the units chosen has anyone to tell; the test would prove nothing of the notifications")
	}
	form.Add("unit_ids", fmt.Sprint(chosen[0].UnitID))
	r := c.post("/followup/remind", form, nil)
	loc := r.header.Get("Location")
	if r.status != http.StatusSeeOther || !strings.HasPrefix(loc, "/followup?") {
		t.Fatalf("remind three: %d → %q", r.status, loc)
	}
	q, _ := url.ParseQuery(strings.TrimPrefix(loc, "/followup?"))
	if q.Get("units") != "3" || q.Get("sent") != fmt.Sprint(people) || q.Get("sort") != "unit" {
		t.Errorf("redirect query %v, want 3 units and %d people", q, people)
	}
	got := reminded()
	for _, row := range chosen {
		if got[row.UnitID] != 1 {
			t.Errorf("%s reminded %d times, want once", row.UnitCode, got[row.UnitID])
		}
	}
	if len(got) != 3 {
		t.Errorf("%d units reminded, want 3", len(got))
	}
	c.get(loc).want(t, http.StatusOK, jalali.ToPersianDigits(fmt.Sprintf("یادآوری به %d واحد فرستاده شد و %d نفر", 3, people)))

	// The unit's people hear the note.
	for _, name := range []string{"reporter", "province", "university"} {
		u, ctx := e.userCtx(name)
		notes, _ := e.notes(ctx)
		wasChosen := false
		for _, row := range chosen {
			wasChosen = wasChosen || row.UnitID == u.UnitID
		}
		n := 0
		for _, x := range notes {
			if x.Kind == payesh.NoteReminder {
				n++
				if x.EntityID != u.UnitID || x.Args["note"] != note {
					t.Errorf("%s was told %+v", name, x)
				}
			}
		}
		if (n == 1) != wasChosen || n > 1 {
			t.Errorf("%s has %d reminders; its unit chosen: %v", name, n, wasChosen)
		}
	}

	// «All late units» without a script: every late unit once more.
	r = c.post("/followup/remind", url.Values{"all_late": {"1"}, "unit_ids": {fmt.Sprint(late[0].UnitID)}}, nil)
	loc = r.header.Get("Location")
	q, _ = url.ParseQuery(strings.TrimPrefix(loc, "/followup?"))
	if r.status != http.StatusSeeOther || q.Get("units") != fmt.Sprint(len(late)) {
		t.Fatalf("all late: %d → %q, want %d units", r.status, loc, len(late))
	}
	got = reminded()
	for _, row := range late {
		want := 1
		if row.UnitID == chosen[0].UnitID || row.UnitID == chosen[1].UnitID || row.UnitID == chosen[2].UnitID {
			want = 2
		}
		if got[row.UnitID] != want {
			t.Errorf("%s reminded %d times, want %d", row.UnitCode, got[row.UnitID], want)
		}
	}
}
