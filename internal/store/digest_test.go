package store_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestDigest checks who is told what on day, by the rules: one digest per
// user counting the work in their subtree (owned or shared), their unit's
// reports for those who may act, and the reports at their review step; a
// second run the same day adds nothing; a report returned is news the
// same day, as its own notification.
func TestDigest(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		f := newFollowWorld(t, db)
		_, err := db.RunDigest(f.secCtx, day)
		wantCode(t, err, payesh.EFORBIDDEN) // the job's, not a user's

		res, err := db.RunDigest(sys, day)
		if err != nil {
			t.Fatal(err)
		}
		if res.Users != 5 || res.Created != 6 || res.Existing != 0 || res.ByKind[payesh.NoteDigest] != 5 ||
			res.ByKind[payesh.NoteReportToReview] != 1 {
			t.Fatalf("first run: %+v; want 5 users, 5 digests and the secretariat's report to review", res)
		}
		// Each user's digest, as its counts.
		counts := func(n *payesh.Notification) string {
			var parts []string
			for _, k := range payesh.DigestCounts {
				parts = append(parts, k+"="+n.Args[k])
			}
			return strings.Join(parts, " ")
		}
		for _, tt := range []struct {
			user *payesh.User
			unit *payesh.OrgUnit
			want string
		}{
			// w1 (10 days late), w6 (shared with the branch, a day late), w2
			// (in 3 days); the spring report past its deadline, summer's due.
			{f.branchRep, f.branch, "overdue=2 due_soon=1 reports_overdue=1 reports_due=1 to_review=0"},
			{f.branchViewer, f.branch, "overdue=2 due_soon=1 reports_overdue=0 reports_due=0 to_review=0"}, // reads only
			{f.provRep, f.prov, "overdue=2 due_soon=1 reports_overdue=0 reports_due=0 to_review=0"},        // the office report is the secretariat's
			{f.officeRep, f.office, "overdue=1 due_soon=1 reports_overdue=0 reports_due=0 to_review=0"},    // w6; w3 due today
			{f.sec, f.org, "overdue=2 due_soon=2 reports_overdue=0 reports_due=0 to_review=1"},
		} {
			list, total, err := db.Notifications(as(tt.user), true, payesh.Page{})
			if err != nil {
				t.Fatal(err)
			}
			want := 1
			if tt.user == f.sec {
				want = 2 // and the report waiting for it, once
				if list[0].Kind != payesh.NoteReportToReview || list[0].EntityID != f.springOffice.ID ||
					list[0].Day != payesh.Today(*f.springOffice.SubmittedAt) {
					t.Errorf("secretariat's report to review: %+v", list[0])
				}
			}
			if total != want || len(list) != want {
				t.Fatalf("%s: %d notifications, want %d", tt.user.Username, total, want)
			}
			n := list[len(list)-1]
			if n.Kind != payesh.NoteDigest || n.Entity != payesh.EntityUser || n.EntityID != tt.user.ID || n.Day != day ||
				n.Message != "ui.note.digest" || n.ReadAt != nil {
				t.Errorf("%s: digest %+v", tt.user.Username, n)
			}
			if got := counts(n); got != tt.want {
				t.Errorf("%s: %s\nwant %s", tt.user.Username, got, tt.want)
			}
			if n.Args["unit"] != fmt.Sprint(tt.unit.ID) || n.Args["unit_name"] != tt.unit.NameFA ||
				n.Args["from"] != "2024-07-31" || n.Args["to"] != "2024-08-07" {
				t.Errorf("%s: args %v", tt.user.Username, n.Args)
			}
		}

		// The same day again: nothing new.
		if res, err = db.RunDigest(sys, day); err != nil || res.Created != 0 || res.Existing != 6 {
			t.Fatalf("second run: %+v %v", res, err)
		}
		// A report sent back tells the office's reporter at once, in the
		// return's transaction; the digest of the same day adds nothing.
		if _, err := db.Review(f.secCtx, f.springOffice.ID, payesh.ReviewInput{Action: payesh.ActReturn, Version: f.springOffice.Version,
			Comments: []payesh.ReviewComment{{Text: "پیوست را بفرستید."}}}); err != nil {
			t.Fatal(err)
		}
		if res, err = db.RunDigest(sys, day); err != nil || res.Created != 0 {
			t.Fatalf("after a return: %+v %v", res, err)
		}
		list, _, _ := db.Notifications(as(f.officeRep), true, payesh.Page{})
		if len(list) != 2 || list[0].Kind != payesh.NoteReportReturned || list[0].EntityID != f.springOffice.ID ||
			list[0].Args["round"] != "گزارش بهار" {
			t.Errorf("office reporter after the return: %+v", list)
		}
		// The next day tells everyone again, and the office its returned
		// report: w3 is late now. (A report still waiting would not be
		// told again; its count is in the digest.)
		if res, err = db.RunDigest(sys, day.AddDays(1)); err != nil || res.Created != 6 || res.ByKind[payesh.NoteDigest] != 5 {
			t.Fatalf("next day: %+v %v", res, err)
		}
		list, _, _ = db.Notifications(as(f.officeRep), true, payesh.Page{Limit: 5})
		for _, n := range list {
			if n.Kind == payesh.NoteDigest && n.Day == day.AddDays(1) && (n.Args["overdue"] != "2" || n.Args["due_soon"] != "0") {
				t.Errorf("office digest of the next day: %v", n.Args)
			}
		}
	})
}

// TestDigestTwoInstances runs the digest from two stores on one database —
// two app instances — at the same time, many times, for two days, and
// checks that every user's digest of a day was made exactly once and that
// the runs' counts of what they inserted add up to the rows there are.
// Then both instances claim the notifications for email at once, and each
// notification goes to exactly one of them.
func TestDigestTwoInstances(t *testing.T) {
	storetest.EngineTwins(t, opts(), func(t *testing.T, a, b *store.DB) {
		f := newFollowWorld(t, a)
		for _, u := range []*payesh.User{f.branchRep, f.branchViewer, f.provRep, f.officeRep, f.sec} {
			email := u.Username + "@example.org"
			if _, err := a.UpdateUser(sys, u.ID, payesh.UserUpdate{Email: &email, Version: u.Version}); err != nil {
				t.Fatal(err)
			}
		}
		const runs = 12
		var mu sync.Mutex
		created := map[payesh.Date]int{}
		var wg sync.WaitGroup
		errs := make(chan error, 2*runs)
		for i := range 2 * runs {
			db, d := a, day
			if i%2 == 1 {
				db = b
			}
			if i%3 == 2 {
				d = day.AddDays(1)
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				res, err := db.RunDigest(sys, d)
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				created[d] += res.Created
				mu.Unlock()
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		// A digest per user and day, and the secretariat's report to
		// review once, by whichever run came first.
		if created[day]+created[day.AddDays(1)] != 11 {
			t.Errorf("inserted per day %v; want 11 in all", created)
		}
		var rows, dups int
		if err := a.SQL().QueryRow(`SELECT COUNT(*) FROM notifications`).Scan(&rows); err != nil {
			t.Fatal(err)
		}
		if err := a.SQL().QueryRow(`SELECT COUNT(*) FROM (SELECT user_id FROM notifications
			GROUP BY user_id, kind, entity, entity_id, day HAVING COUNT(*) > 1) d`).Scan(&dups); err != nil {
			t.Fatal(err)
		}
		if rows != 11 || dups != 0 {
			t.Errorf("%d notifications, %d keys duplicated; want 11 and 0", rows, dups)
		}

		// Both claim for email at once: together they get all 11, once.
		var claimed [2][]payesh.Outbox
		for i, db := range []*store.DB{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var err error
				if claimed[i], err = db.ClaimEmails(sys, fixedNow.AddDate(0, 0, -1)); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		seen := map[int64]int{}
		for _, boxes := range claimed {
			for _, box := range boxes {
				for _, n := range box.Notifications {
					seen[n.ID]++
					if n.UserID != box.UserID || box.Email == "" {
						t.Errorf("notification %d of user %d in the box of %d <%s>", n.ID, n.UserID, box.UserID, box.Email)
					}
				}
			}
		}
		for id, k := range seen {
			if k != 1 {
				t.Errorf("notification %d claimed %d times", id, k)
			}
		}
		if len(seen) != 11 {
			t.Errorf("claimed %d notifications, want 11", len(seen))
		}
	})
}
