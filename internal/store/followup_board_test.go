package store_test

import (
	"fmt"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// boardLine is a board row without its names, for comparison.
func boardLine(r payesh.BoardRow) string {
	return fmt.Sprintf("%s work=%d/%dd reports=%d/%dd returned=%d reminders=%d",
		r.UnitCode, r.OverdueWork, r.OldestOverdueDays, r.LateReports, r.ReportDaysLate, r.ReturnedReports, r.Reminders)
}

// TestBoard: per unit, what is late and for how long, counted from the day
// asked about, the latest unit first; done work and submitted reports are
// not late.
func TestBoard(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		f := newFollowWorld(t, db)
		_, err := db.Board(f.branchCtx, day)
		wantCode(t, err, payesh.EFORBIDDEN)

		board := func(d payesh.Date) []string {
			t.Helper()
			rows, err := db.Board(f.secCtx, d)
			if err != nil {
				t.Fatal(err)
			}
			out := []string{}
			for _, r := range rows {
				out = append(out, boardLine(r))
			}
			return out
		}
		check := func(d payesh.Date, want ...string) {
			t.Helper()
			if got := board(d); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("board on %s:\n%q\nwant\n%q", d, got, want)
			}
		}
		// On 07-31: w1 is 10 days late, the spring report 30; w6 1 day.
		check(day,
			"branch work=1/10d reports=1/30d returned=0 reminders=0",
			"office work=1/1d reports=0/0d returned=0 reminders=0")
		// Ten days on, w2 and the summer report are late too, and w3.
		check(day.AddDays(10),
			"branch work=2/20d reports=2/40d returned=0 reminders=0",
			"office work=2/11d reports=0/0d returned=0 reminders=0")
		// Nothing was late a month before.
		check(payesh.NewDate(2024, 6, 1))

		// The office report sent back waits with the office.
		if _, err := db.Review(f.secCtx, f.springOffice.ID, payesh.ReviewInput{Action: payesh.ActReturn,
			Version: f.springOffice.Version, Comments: []payesh.ReviewComment{{Text: "ارقام خرداد را کامل کنید."}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Remind(f.secCtx, f.branch.ID, ""); err != nil {
			t.Fatal(err)
		}
		check(day,
			"branch work=1/10d reports=1/30d returned=0 reminders=1",
			"office work=1/1d reports=0/0d returned=1 reminders=0")
		rows, _ := db.Board(f.secCtx, day)
		// Who could act: the branch's reporter (its viewer does not count).
		if rows[0].ActiveUsers != 1 {
			t.Errorf("the branch's active users: %d, want 1", rows[0].ActiveUsers)
		}
		if r := rows[0]; r.LastReminderAt == nil || !r.LastReminderAt.Equal(fixedNow) || r.UnitName != "واحد branch" ||
			r.UnitKind != payesh.UnitBranch || r.UnitID != f.branch.ID {
			t.Errorf("branch row %+v", r)
		}

		// A closed round's late reports are no longer chased.
		if _, err := db.CloseRound(f.secCtx, f.spring.ID, f.spring.Version); err != nil {
			t.Fatal(err)
		}
		check(day,
			"branch work=1/10d reports=0/0d returned=0 reminders=1",
			"office work=1/1d reports=0/0d returned=0 reminders=0")
	})
}

// TestRemind: a reminder reaches the unit's people who act (not its
// viewers, not other units), is kept for the board, and is in the unit's
// audit trail; each reminder is news, even twice a day.
func TestRemind(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		f := newFollowWorld(t, db)
		_, err := db.Remind(f.branchCtx, f.branch.ID, "x")
		wantCode(t, err, payesh.EFORBIDDEN)
		_, err = db.Remind(f.secCtx, 999999, "x")
		wantCode(t, err, payesh.ENOTFOUND)
		_, err = db.Remind(f.secCtx, f.branch.ID, string(make([]rune, payesh.MaxReminderNote+1)))
		wantCode(t, err, payesh.EINVALID)
		if n := auditCount(t, db, "org_unit", f.branch.ID); n != 1 { // its creation
			t.Fatalf("audit before: %d", n)
		}

		r, err := db.Remind(f.secCtx, f.branch.ID, "  گزارش بهار را تا پایان هفته بفرستید.  ")
		if err != nil {
			t.Fatal(err)
		}
		if r.ID == 0 || r.Notified != 1 || r.Note != "گزارش بهار را تا پایان هفته بفرستید." || r.SenderName != f.sec.Name ||
			r.SenderID == nil || *r.SenderID != f.sec.ID || !r.CreatedAt.Equal(fixedNow) {
			t.Errorf("reminder %+v", r)
		}
		events, n, err := db.FindAuditEvents(sys, payesh.AuditFilter{Entity: "org_unit", EntityID: f.branch.ID})
		if err != nil || n != 2 || events[0].Action != payesh.ActionRemind || events[0].ActorName != "sec" {
			t.Fatalf("audit after: %d %+v %v", n, events, err)
		}

		list, _, err := db.Notifications(f.branchCtx, true, payesh.Page{})
		if err != nil || len(list) != 1 {
			t.Fatalf("branch reporter's notifications: %+v %v", list, err)
		}
		got := list[0]
		if got.Kind != payesh.NoteReminder || got.Entity != payesh.EntityOrgUnit || got.EntityID != f.branch.ID ||
			got.Message != "ui.note.reminder" || got.Args["note"] != r.Note || got.Args["unit"] != "واحد branch" || got.Day != day {
			t.Errorf("reminder notification %+v", got)
		}
		for _, u := range []*payesh.User{f.branchViewer, f.provRep, f.officeRep, f.sec} {
			if _, n, _ := db.Notifications(as(u), false, payesh.Page{}); n != 0 {
				t.Errorf("%s was told of the branch's reminder", u.Username)
			}
		}

		// A second reminder the same day is a second notification.
		if _, err := db.Remind(f.secCtx, f.branch.ID, ""); err != nil {
			t.Fatal(err)
		}
		list, _, _ = db.Notifications(f.branchCtx, true, payesh.Page{})
		if len(list) != 2 || list[0].Message != "ui.note.reminder_plain" {
			t.Errorf("after a second reminder: %+v", list)
		}
	})
}
