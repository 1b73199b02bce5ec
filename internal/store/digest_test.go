package store_test

import (
	"fmt"
	"sync"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestDigest checks who is told what on day, by the rules: work in the
// user's subtree (owned or shared), the unit's own reports for those who
// may act, reports at the user's review step; and that a second run the
// same day adds nothing.
func TestDigest(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		f := newFollowWorld(t, db)
		_, err := db.RunDigest(f.secCtx, day)
		wantCode(t, err, payesh.EFORBIDDEN) // the job's, not a user's

		res, err := db.RunDigest(sys, day)
		if err != nil {
			t.Fatal(err)
		}
		if res.Users != 5 || res.Created != 18 || res.Existing != 0 {
			t.Fatalf("first run: %+v; want 5 users, 18 created", res)
		}
		wantKinds := map[payesh.NotificationKind]int{
			payesh.NoteWorkDueSoon: 6, payesh.NoteWorkOverdue: 9,
			payesh.NoteReportDue: 1, payesh.NoteReportOverdue: 1, payesh.NoteReportToReview: 1,
		}
		if fmt.Sprint(res.ByKind) != fmt.Sprint(wantKinds) {
			t.Errorf("by kind %v, want %v", res.ByKind, wantKinds)
		}

		// Each user's list, as "kind entity-key args".
		key := func(n *payesh.Notification) string {
			name := fmt.Sprint(n.EntityID)
			for k, w := range f.w {
				if n.Entity == payesh.EntityWorkItem && w.ID == n.EntityID {
					name = k
				}
			}
			switch n.EntityID {
			case f.springBranch.ID, f.springOffice.ID, f.summerBranch.ID:
				if n.Entity == payesh.EntityReport {
					name = map[int64]string{f.springBranch.ID: "spring-branch", f.springOffice.ID: "spring-office",
						f.summerBranch.ID: "summer-branch"}[n.EntityID]
				}
			}
			return fmt.Sprintf("%s %s %s days=%s", n.Kind, name, n.Message, n.Args["days"])
		}
		for _, tt := range []struct {
			user *payesh.User
			want []string
		}{
			{f.branchRep, []string{
				"report_due summer-branch ui.note.report_due days=5",
				"report_overdue spring-branch ui.note.report_overdue days=30",
				"work_due_soon w2 ui.note.work_due_soon days=3",
				"work_overdue w1 ui.note.work_overdue days=10",
				"work_overdue w6 ui.note.work_overdue days=1",
			}},
			{f.branchViewer, []string{ // reads only: no report to write
				"work_due_soon w2 ui.note.work_due_soon days=3",
				"work_overdue w1 ui.note.work_overdue days=10",
				"work_overdue w6 ui.note.work_overdue days=1",
			}},
			{f.provRep, []string{ // its subtree's work; the office report is the secretariat's to review
				"work_due_soon w2 ui.note.work_due_soon days=3",
				"work_overdue w1 ui.note.work_overdue days=10",
				"work_overdue w6 ui.note.work_overdue days=1",
			}},
			{f.officeRep, []string{
				"work_due_soon w3 ui.note.work_due_today days=",
				"work_overdue w6 ui.note.work_overdue days=1",
			}},
			{f.sec, []string{
				"report_to_review spring-office ui.note.report_to_review days=",
				"work_due_soon w2 ui.note.work_due_soon days=3",
				"work_due_soon w3 ui.note.work_due_today days=",
				"work_overdue w1 ui.note.work_overdue days=10",
				"work_overdue w6 ui.note.work_overdue days=1",
			}},
		} {
			list, total, err := db.Notifications(as(tt.user), true, payesh.Page{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for i := len(list) - 1; i >= 0; i-- { // oldest first: the insertion order
				got = append(got, key(list[i]))
			}
			if total != len(tt.want) || fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("%s: %d\n%q\nwant\n%q", tt.user.Username, total, got, tt.want)
			}
		}
		list, _, _ := db.Notifications(as(f.branchRep), false, payesh.Page{})
		for _, n := range list {
			if n.Kind == payesh.NoteWorkOverdue && n.EntityID == f.w["w1"].ID {
				if n.Args["title"] != "کار w1" || n.Args["due"] != "2024-07-21" || n.Day != day || n.ReadAt != nil {
					t.Errorf("w1 notification %+v", n)
				}
			}
		}

		// The same day again: nothing new.
		if res, err = db.RunDigest(sys, day); err != nil || res.Created != 0 || res.Existing != 18 {
			t.Fatalf("second run: %+v %v", res, err)
		}
		// A report sent back is news the same day: only that is added.
		if _, err := db.Review(f.secCtx, f.springOffice.ID, payesh.ReviewInput{Action: payesh.ActReturn, Version: f.springOffice.Version,
			Comments: []payesh.ReviewComment{{Text: "پیوست را بفرستید."}}}); err != nil {
			t.Fatal(err)
		}
		if res, err = db.RunDigest(sys, day); err != nil || res.Created != 1 || res.ByKind[payesh.NoteReportReturned] != 1 {
			t.Fatalf("after a return: %+v %v", res, err)
		}
		// The next day tells everyone again, with the days moved on.
		if res, err = db.RunDigest(sys, day.AddDays(1)); err != nil || res.Created != 18 {
			t.Fatalf("next day: %+v %v", res, err)
		}
	})
}

// TestDigestTwoInstances runs the digest from two stores on one database —
// two app instances — at the same time, many times, for two days, and
// checks that every (user, kind, item, day) was made exactly once and that
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
		if created[day] != 18 || created[day.AddDays(1)] != 18 {
			t.Errorf("inserted per day %v; want 18 each", created)
		}
		var rows, dups int
		if err := a.SQL().QueryRow(`SELECT COUNT(*) FROM notifications`).Scan(&rows); err != nil {
			t.Fatal(err)
		}
		if err := a.SQL().QueryRow(`SELECT COUNT(*) FROM (SELECT user_id FROM notifications
			GROUP BY user_id, kind, entity, entity_id, day HAVING COUNT(*) > 1) d`).Scan(&dups); err != nil {
			t.Fatal(err)
		}
		if rows != 36 || dups != 0 {
			t.Errorf("%d notifications, %d keys duplicated; want 36 and 0", rows, dups)
		}

		// Both claim for email at once: together they get all 36, once.
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
		if len(seen) != 36 {
			t.Errorf("claimed %d notifications, want 36", len(seen))
		}
	})
}
