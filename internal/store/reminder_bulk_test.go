package store_test

import (
	"fmt"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestRemindUnits: one note to several units from the board is one
// reminder per unit — a row on the board, an audit event on the unit and a
// notification for each of the unit's people who act — written together;
// a list with one unit that does not exist, or past its bound, writes
// nothing at all.
func TestRemindUnits(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		f := newFollowWorld(t, db)
		// A second reporter in the office, and a unit with nobody in it.
		office2, _ := mustUser(t, db, f.office, "office-rep-2", payesh.RoleReporter)
		empty := mustUnit(t, db, f.org, payesh.UnitOffice, "empty")
		units := []*payesh.OrgUnit{f.branch, f.office, empty}
		audits := func() []int {
			out := make([]int, len(units))
			for i, u := range units {
				out[i] = auditCount(t, db, "org_unit", u.ID)
			}
			return out
		}
		unread := func(u *payesh.User) int {
			_, n, err := db.Notifications(as(u), true, payesh.Page{})
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := audits()

		for _, tc := range []struct {
			name string
			ids  []int64
			note string
			want string
		}{
			{"a reporter may not", []int64{f.branch.ID}, "", payesh.EFORBIDDEN},
			{"no unit", nil, "", payesh.EINVALID},
			{"an unknown unit among good ones", []int64{f.branch.ID, 999999, f.office.ID}, "", payesh.EINVALID},
			{"a bad id", []int64{f.branch.ID, 0}, "", payesh.EINVALID},
			{"past the bound", make([]int64, payesh.MaxReminderUnits+1), "", payesh.EINVALID},
			{"a note too long", []int64{f.branch.ID}, string(make([]rune, payesh.MaxReminderNote+1)), payesh.EINVALID},
		} {
			ids := tc.ids
			if tc.name == "past the bound" {
				for i := range ids {
					ids[i] = int64(i + 1)
				}
			}
			ctx := f.secCtx
			if tc.want == payesh.EFORBIDDEN {
				ctx = f.branchCtx
			}
			_, err := db.RemindUnits(ctx, ids, tc.note)
			wantCode(t, err, tc.want)
			if tc.name == "an unknown unit among good ones" {
				if fields := err.(*payesh.Error).Fields; fields["unit_ids.1"] != "err.unknown_ref" {
					t.Errorf("the unknown unit is not named by its place: %v", fields)
				}
			}
		}
		if got := audits(); fmt.Sprint(got) != fmt.Sprint(before) {
			t.Fatalf("a refused list wrote audit events: %v, before %v", got, before)
		}
		for _, u := range []*payesh.User{f.branchRep, f.officeRep, office2} {
			if n := unread(u); n != 0 {
				t.Fatalf("a refused list told %s: %d", u.Username, n)
			}
		}
		if rows, err := db.Board(f.secCtx, day); err != nil || boardReminders(rows) != 0 {
			t.Fatalf("a refused list left reminders on the board: %d %v", boardReminders(rows), err)
		}

		// The three units, the branch twice: three reminders.
		sent, err := db.RemindUnits(f.secCtx, []int64{f.branch.ID, f.office.ID, empty.ID, f.branch.ID}, "  لطفاً گزارش‌ها را تا پایان هفته بفرستید.  ")
		if err != nil {
			t.Fatal(err)
		}
		if len(sent) != 3 {
			t.Fatalf("%d reminders, want one per unit: %+v", len(sent), sent)
		}
		for i, want := range []struct {
			unit     int64
			notified int
		}{{f.branch.ID, 1}, {f.office.ID, 2}, {empty.ID, 0}} {
			r := sent[i]
			if r.ID == 0 || r.UnitID != want.unit || r.Notified != want.notified || r.Note != "لطفاً گزارش‌ها را تا پایان هفته بفرستید." ||
				r.SenderID == nil || *r.SenderID != f.sec.ID || !r.CreatedAt.Equal(fixedNow) {
				t.Errorf("reminder %d: %+v, want unit %d telling %d", i, r, want.unit, want.notified)
			}
		}
		for i, n := range audits() {
			if n != before[i]+1 {
				t.Errorf("unit %s: %d audit events, want one more than %d", units[i].Code, n, before[i])
			}
		}
		for _, c := range []struct {
			u    *payesh.User
			unit int64
			n    int
		}{{f.branchRep, f.branch.ID, 1}, {f.officeRep, f.office.ID, 1}, {office2, f.office.ID, 1}, {f.branchViewer, 0, 0}, {f.provRep, 0, 0}, {f.sec, 0, 0}} {
			list, n, err := db.Notifications(as(c.u), true, payesh.Page{})
			if err != nil || n != c.n {
				t.Errorf("%s has %d notifications, want %d (%v)", c.u.Username, n, c.n, err)
				continue
			}
			if n > 0 && (list[0].Kind != payesh.NoteReminder || list[0].EntityID != c.unit || list[0].Args["note"] != sent[0].Note) {
				t.Errorf("%s was told %+v", c.u.Username, list[0])
			}
		}
		rows, err := db.Board(f.secCtx, day)
		if err != nil {
			t.Fatal(err)
		}
		if got := boardReminders(rows); got != 2 { // the empty office has nothing late: not on the board
			t.Errorf("the board counts %d reminders, want the branch's and the office's", got)
		}
	})
}

func boardReminders(rows []payesh.BoardRow) int {
	n := 0
	for _, r := range rows {
		n += r.Reminders
	}
	return n
}
