package store_test

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// baseline is a program of the secretariat with a province's action under
// it, and the users who plan and report on it.
type baseline struct {
	prog, action, sibling *payesh.WorkItem
	reporter, secretariat context.Context
	reporterID            int64
}

func newBaseline(t *testing.T, db *store.DB) *baseline {
	t.Helper()
	org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
	prov := mustUnit(t, db, org, payesh.UnitProvince, "prov")
	rep, reporter := mustUser(t, db, prov, "reporter", payesh.RoleReporter)
	_, secretariat := mustUser(t, db, org, "secretariat", payesh.RoleSecretariat)
	b := &baseline{reporter: reporter, secretariat: secretariat, reporterID: rep.ID}
	b.prog = mustWork(t, db, secretariat, &payesh.WorkItem{Kind: payesh.KindProgram, Title: "برنامه", OwnerUnitID: org.ID})
	b.action = mustWork(t, db, secretariat, &payesh.WorkItem{Title: "اقدام استان", OwnerUnitID: prov.ID,
		ParentID: &b.prog.ID, DueDate: lastMonth, Weight: 1})
	b.sibling = mustWork(t, db, secretariat, &payesh.WorkItem{Title: "اقدام دیگر", OwnerUnitID: org.ID,
		ParentID: &b.prog.ID, Weight: 1})
	progress(t, db, sys, b.sibling.ID, 100)
	return b
}

// ask makes the reporter's edit of due date and weight, with a title.
func (b *baseline) ask(t *testing.T, db *store.DB, due payesh.Date, weight float64, reason string) (*payesh.WorkItem, error) {
	t.Helper()
	return db.UpdateWorkItem(b.reporter, b.action.ID, payesh.WorkItemUpdate{Title: ptr("اقدام استان (بازنگری)"),
		DueDate: &due, Weight: &weight, ChangeReason: reason, Version: mustFind(t, db, b.action.ID).Version})
}

// history returns how often each action is in item id's audit trail.
func history(t *testing.T, db *store.DB, id int64) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, a := range auditActions(t, db, payesh.AuditFilter{Entity: "work_item", EntityID: id}) {
		out[strings.TrimPrefix(a, "work_item:")]++
	}
	return out
}

func TestReporterAsksForNewDueDate(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		b := newBaseline(t, db)
		newDue := payesh.NewDate(2030, 3, 20)

		// Without a reason nothing is saved, not even the title.
		_, err := b.ask(t, db, newDue, 1, " ")
		wantCode(t, err, payesh.EINVALID)
		if err.(*payesh.Error).Fields["change_reason"] == "" || mustFind(t, db, b.action.ID).Title != "اقدام استان" {
			t.Fatalf("err = %v", err)
		}

		after, err := b.ask(t, db, newDue, 1, "تأخیر در تأمین اعتبار")
		if err != nil {
			t.Fatal(err)
		}
		c := after.PendingChange
		if !after.DueDate.Equal(lastMonth) || after.Title != "اقدام استان (بازنگری)" || c == nil ||
			!c.ChangeDue || !c.DueDate.Equal(newDue) || !c.OldDueDate.Equal(lastMonth) || c.Weight != nil {
			t.Fatalf("after the request: due %s, title %q, change %+v", after.DueDate, after.Title, c)
		}
		if !after.Overdue {
			t.Fatal("a pending request must not stop the item being overdue")
		}
		list, n, err := db.FindWorkChanges(b.secretariat, payesh.WorkChangeFilter{State: payesh.ChangePending})
		if err != nil || n != 1 || list[0].ID != c.ID || list[0].WorkTitle != after.Title {
			t.Fatalf("pending list = %v (%d), %v", list, n, err)
		}
		_, _, err = db.FindWorkChanges(b.reporter, payesh.WorkChangeFilter{})
		wantCode(t, err, payesh.EFORBIDDEN)
		_, _, err = db.ApproveWorkChange(b.reporter, c.ID, payesh.WorkChangeDecision{Version: c.Version})
		wantCode(t, err, payesh.EFORBIDDEN)

		approved, item, err := db.ApproveWorkChange(b.secretariat, c.ID, payesh.WorkChangeDecision{Version: c.Version})
		if err != nil {
			t.Fatal(err)
		}
		if approved.State != payesh.ChangeApproved || approved.DecidedAt == nil || !item.DueDate.Equal(newDue) ||
			!item.OriginalDueDate.Equal(lastMonth) || item.Replans != 1 || item.Overdue || item.PendingChange != nil {
			t.Fatalf("approved %+v, item due %s original %s replans %d", approved, item.DueDate, item.OriginalDueDate, item.Replans)
		}
		_, _, err = db.ApproveWorkChange(b.secretariat, c.ID, payesh.WorkChangeDecision{Version: approved.Version})
		wantCode(t, err, payesh.ECONFLICT) // decided once
		if got := history(t, db, b.action.ID); got[payesh.ActionRequestChange] != 1 || got[payesh.ActionApproveChange] != 1 {
			t.Fatalf("history = %v", got)
		}
	})
}

func TestSecretariatRejectsChange(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		b := newBaseline(t, db)
		after, err := b.ask(t, db, payesh.NewDate(2030, 3, 20), 1, "کمبود نیرو")
		if err != nil {
			t.Fatal(err)
		}
		c := after.PendingChange
		_, err = db.RejectWorkChange(b.secretariat, c.ID, payesh.WorkChangeDecision{Version: c.Version})
		wantCode(t, err, payesh.EINVALID) // a rejection says why
		_, err = db.RejectWorkChange(b.secretariat, c.ID, payesh.WorkChangeDecision{Version: c.Version + 1, Reason: "x"})
		wantCode(t, err, payesh.ECONFLICT)

		rejected, err := db.RejectWorkChange(b.secretariat, c.ID, payesh.WorkChangeDecision{Version: c.Version, Reason: "سررسید مصوب شورا است"})
		if err != nil {
			t.Fatal(err)
		}
		item := mustFind(t, db, b.action.ID)
		if rejected.State != payesh.ChangeRejected || rejected.DecisionNote != "سررسید مصوب شورا است" ||
			!item.DueDate.Equal(lastMonth) || item.Replans != 0 || item.PendingChange != nil {
			t.Fatalf("rejected %+v; item due %s replans %d", rejected, item.DueDate, item.Replans)
		}
		// The reporter's unit was told when the action was given to it;
		// now of the refusal.
		all, _, err := db.Notifications(b.reporter, true, payesh.Page{Limit: 10})
		var notes []*payesh.Notification
		for _, n := range all {
			if n.Kind == payesh.NoteChangeRejected {
				notes = append(notes, n)
			}
		}
		if err != nil || len(all) != 2 || all[1].Kind != payesh.NoteWorkAssigned || len(notes) != 1 ||
			notes[0].EntityID != b.action.ID || notes[0].Args["reason"] != rejected.DecisionNote {
			t.Fatalf("requester's notifications = %v, %v", all, err)
		}
		if got := history(t, db, b.action.ID); got[payesh.ActionRequestChange] != 1 || got[payesh.ActionRejectChange] != 1 {
			t.Fatalf("history = %v", got)
		}
	})
}

func TestReporterCannotReweight(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		b := newBaseline(t, db)
		assertProgress(t, db, b.prog.ID, 50)
		after, err := b.ask(t, db, lastMonth, 99, "این اقدام مهم‌تر است")
		if err != nil {
			t.Fatal(err)
		}
		if after.Weight != 1 || after.PendingChange == nil || after.PendingChange.ChangeDue || *after.PendingChange.Weight != 99 {
			t.Fatalf("weight %v, change %+v", after.Weight, after.PendingChange)
		}
		assertProgress(t, db, b.prog.ID, 50)

		// A newer request supersedes the pending one.
		first := after.PendingChange
		if after, err = b.ask(t, db, lastMonth, 3, "سه برابر کافی است"); err != nil {
			t.Fatal(err)
		}
		old, _, _ := db.FindWorkChanges(sys, payesh.WorkChangeFilter{WorkItemID: b.action.ID, State: payesh.ChangeSuperseded})
		if len(old) != 1 || old[0].ID != first.ID {
			t.Fatalf("superseded = %v", old)
		}

		// Approval re-weights and rolls the parent up: (0·3 + 100·1) / 4.
		c := after.PendingChange
		if _, _, err := db.ApproveWorkChange(b.secretariat, c.ID, payesh.WorkChangeDecision{Version: c.Version}); err != nil {
			t.Fatal(err)
		}
		assertProgress(t, db, b.prog.ID, 25)

		// The secretariat sets weights and dates itself, without a request.
		direct, err := db.UpdateWorkItem(b.secretariat, b.action.ID, payesh.WorkItemUpdate{Weight: ptr(1.0),
			DueDate: ptr(nextMonth), Version: mustFind(t, db, b.action.ID).Version})
		if err != nil || direct.Weight != 1 || direct.PendingChange != nil || direct.Replans != 1 || !direct.DueDate.Equal(nextMonth) {
			t.Fatalf("secretariat's edit: %+v, %v", direct, err)
		}
	})
}

// TestConcurrentDecisionsAndProgress races approvals of re-weighting
// requests against progress on their siblings, and two deciders on the
// same request: every parent ends equal to its children's weighted mean
// and each request is decided exactly once.
func TestConcurrentDecisionsAndProgress(t *testing.T) {
	storetest.EngineTwins(t, opts(), func(t *testing.T, a, b *store.DB) {
		org := mustUnit(t, a, nil, payesh.UnitOrganization, "sso")
		_, reporter := mustUser(t, a, org, "reporter", payesh.RoleReporter)
		prog := mustWork(t, a, sys, &payesh.WorkItem{Kind: payesh.KindProgram, Title: "برنامه", OwnerUnitID: org.ID})
		var items []*payesh.WorkItem
		var changes []*payesh.WorkChange
		for i := 0; i < writers; i++ {
			w := mustWork(t, a, sys, &payesh.WorkItem{Title: fmt.Sprint("اقدام ", i), OwnerUnitID: org.ID, ParentID: &prog.ID})
			items = append(items, w)
			if i%2 == 0 {
				after, err := a.UpdateWorkItem(reporter, w.ID, payesh.WorkItemUpdate{Weight: ptr(float64(2 + i)),
					ChangeReason: "وزن", Version: w.Version})
				if err != nil {
					t.Fatal(err)
				}
				changes = append(changes, after.PendingChange)
			}
		}
		// Workers 0 and 2 decide the first request, 4 and 6 the second:
		// one approves, the other rejects.
		decided := make([]atomic.Int32, 2)
		hammer(t, [2]*store.DB{a, b}, func(db *store.DB, worker int) error {
			if worker%2 == 1 {
				return postFresh(db, items[worker].ID, float64(10*worker))
			}
			c := changes[worker/4]
			var err error
			if worker%4 == 0 {
				_, _, err = db.ApproveWorkChange(sys, c.ID, payesh.WorkChangeDecision{Version: c.Version})
			} else {
				_, err = db.RejectWorkChange(sys, c.ID, payesh.WorkChangeDecision{Version: c.Version, Reason: "نه"})
			}
			if payesh.ErrorCode(err) == payesh.ECONFLICT {
				return nil // the other decider won
			}
			if err == nil {
				decided[worker/4].Add(1)
			}
			return err
		})
		checkTree(t, a)
		for i := range decided {
			if n := decided[i].Load(); n != 1 {
				t.Fatalf("request %d decided %d times", changes[i].ID, n)
			}
		}
	})
}

// TestStaleReporterFormIsAConflict: the secretariat moves the due date
// while a reporter edits the title on the version before. The reporter's
// form still holds the old due date; judged against the item as it is
// now, that would read as a re-planning without a reason (400). It is a
// version conflict (409) with the item as saved, so the form can show it.
func TestStaleReporterFormIsAConflict(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		b := newBaseline(t, db)
		seen := mustFind(t, db, b.action.ID)
		moved := payesh.NewDate(2030, 3, 20)
		if _, err := db.UpdateWorkItem(b.secretariat, seen.ID, payesh.WorkItemUpdate{DueDate: &moved, Version: seen.Version}); err != nil {
			t.Fatal(err)
		}
		_, err := db.UpdateWorkItem(b.reporter, seen.ID, payesh.WorkItemUpdate{Title: ptr("عنوان تازه"), DueDate: &seen.DueDate,
			Weight: &seen.Weight, Version: seen.Version})
		wantCode(t, err, payesh.ECONFLICT)
		cur, _ := err.(*payesh.Error).Current.(*payesh.WorkItem)
		if cur == nil || !cur.DueDate.Equal(moved) {
			t.Fatalf("the conflict carries %+v, want the item with the moved due date", cur)
		}
		if now := mustFind(t, db, seen.ID); now.Title != seen.Title || now.PendingChange != nil {
			t.Errorf("the stale form wrote: title %q, pending %v", now.Title, now.PendingChange)
		}
	})
}
