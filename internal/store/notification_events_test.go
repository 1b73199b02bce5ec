package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestToldAtOnce follows a branch's report through its round and checks
// who is told of each step, in the step's own transaction: the round's
// units when it opens (their reporters, not viewers, each about its own
// report), the province when the branch sends, the secretariat when the
// province approves, the branch when its report comes back, passes and
// is opened again — never the person who acted, and nobody when an action
// is refused.
func TestToldAtOnce(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newRoundWorld(t, db)
		_, sec2 := mustUser(t, db, w.org, "sec2", payesh.RoleSecretariat)
		_, branchViewer := mustUser(t, db, w.branch, "branch-viewer", payesh.RoleViewer)
		r := w.report(t, w.branch)

		// told lists, as "kind:entity", what each user has been told.
		told := func() map[string][]string {
			t.Helper()
			rows, err := db.SQL().Query(`SELECT u.username, n.kind, n.entity_id FROM notifications n JOIN users u ON u.id = n.user_id
				ORDER BY n.id`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			out := map[string][]string{}
			for rows.Next() {
				var user, kind string
				var id int64
				if err := rows.Scan(&user, &kind, &id); err != nil {
					t.Fatal(err)
				}
				out[user] = append(out[user], fmt.Sprintf("%s:%d", kind, id))
			}
			return out
		}
		want := map[string][]string{}
		tell := func(user string, kind payesh.NotificationKind, id int64) {
			want[user] = append(want[user], fmt.Sprintf("%s:%d", kind, id))
		}
		check := func(when string) {
			t.Helper()
			got := told()
			for user := range got {
				if _, ok := want[user]; !ok {
					want[user] = nil
				}
			}
			for user, w := range want {
				if !slices.Equal(got[user], w) {
					t.Errorf("%s: %s told %v, want %v", when, user, got[user], w)
				}
			}
		}
		// The round opened (newRoundWorld): the branch's reporter, about
		// the branch's report; the office has no user.
		tell("branch-rep", payesh.NoteRoundOpened, r.ID)
		check("the round opened")

		var err error
		if r, err = w.act(t, w.branchRep, r, payesh.ActSubmit); err != nil {
			t.Fatal(err)
		}
		tell("prov-rep", payesh.NoteReportToReview, r.ID) // not the province's viewer, not the secretariat yet
		check("the branch sent")

		// A refused step tells nobody.
		if _, err := w.act(t, w.branchRep, r, payesh.ActApprove); err == nil {
			t.Fatal("the branch approved its own report")
		}
		check("a refused approval")

		if r, err = w.act(t, w.provRep, r, payesh.ActApprove); err != nil {
			t.Fatal(err)
		}
		tell("sec", payesh.NoteReportToReview, r.ID)
		tell("sec2", payesh.NoteReportToReview, r.ID)
		check("the province approved")

		if r, err = w.act(t, sec2, r, payesh.ActReturn, "|ارقام تیر را کامل کنید."); err != nil {
			t.Fatal(err)
		}
		tell("branch-rep", payesh.NoteReportReturned, r.ID)
		check("the secretariat returned it")

		// Sent again, approved at both steps, then reopened.
		for _, step := range []struct {
			who    context.Context
			action payesh.ReviewAction
		}{{w.branchRep, payesh.ActSubmit}, {w.provRep, payesh.ActApprove}, {w.sec, payesh.ActApprove}} {
			if r, err = w.act(t, step.who, r, step.action); err != nil {
				t.Fatalf("%s: %v", step.action, err)
			}
		}
		// Told once a day of the same report: the province and sec2 knew
		// already today; the approval is news to the branch.
		tell("branch-rep", payesh.NoteReportApproved, r.ID)
		check("approved")
		if r, err = w.act(t, sec2, r, payesh.ActReopen, "|یک پیوست جا مانده است."); err != nil {
			t.Fatal(err)
		}
		tell("branch-rep", payesh.NoteReportReopened, r.ID)
		check("reopened")
		if _, n, _ := db.Notifications(branchViewer, false, payesh.Page{}); n != 0 {
			t.Errorf("the branch's viewer was told %d things", n)
		}
	})
}

// TestToldOfWorkAssigned: work given to a unit by someone of another unit
// tells that unit's reporters (not its viewers), when created or when its
// owner changes; work a unit makes for itself, and the system's, tells no
// one.
func TestToldOfWorkAssigned(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newRoundWorld(t, db)
		db.SQL().Exec(`DELETE FROM notifications`)
		assigned := func(who context.Context) int {
			t.Helper()
			list, _, err := db.Notifications(who, false, payesh.Page{})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, x := range list {
				if x.Kind == payesh.NoteWorkAssigned {
					n++
				}
			}
			return n
		}
		item := mustWork(t, db, w.sec, &payesh.WorkItem{Title: "کار استان", OwnerUnitID: w.prov.ID})
		mustWork(t, db, w.provRep, &payesh.WorkItem{Title: "کار خود استان", OwnerUnitID: w.prov.ID})
		mustWork(t, db, sys, &payesh.WorkItem{Title: "کار بارگذاری‌شده", OwnerUnitID: w.prov.ID})
		if n := assigned(w.provRep); n != 1 {
			t.Errorf("the province's reporter was told %d times, want once", n)
		}
		if n := assigned(w.provViewer); n != 0 {
			t.Errorf("the province's viewer was told %d times", n)
		}
		// Given on to the branch.
		cur := mustFind(t, db, item.ID)
		if _, err := db.UpdateWorkItem(w.sec, item.ID, payesh.WorkItemUpdate{OwnerUnitID: &w.branch.ID, Version: cur.Version}); err != nil {
			t.Fatal(err)
		}
		if n := assigned(w.branchRep); n != 1 {
			t.Errorf("the branch's reporter was told %d times of the work moved to it", n)
		}
	})
}
