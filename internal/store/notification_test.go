package store_test

import (
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestNotificationsMarkRead: a user sees and marks only their own
// notifications; no ids marks them all.
func TestNotificationsMarkRead(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		f := newFollowWorld(t, db)
		// Five days of digests: five notifications each.
		for i := range 5 {
			if _, err := db.RunDigest(sys, day.AddDays(i)); err != nil {
				t.Fatal(err)
			}
		}
		me, other := as(f.branchRep), as(f.sec)
		unread := func(u *payesh.User) int {
			t.Helper()
			_, n, err := db.Notifications(as(u), true, payesh.Page{})
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		list, total, err := db.Notifications(me, false, payesh.Page{Limit: 2})
		if err != nil || total != 5 || len(list) != 2 || list[0].ID < list[1].ID {
			t.Fatalf("page of 2: %d of %d, %v", len(list), total, err)
		}
		secList, _, _ := db.Notifications(other, false, payesh.Page{})
		// One of mine and one of someone else's: only mine changes.
		if err := db.MarkRead(me, []int64{list[0].ID, secList[0].ID}); err != nil {
			t.Fatal(err)
		}
		if n := unread(f.branchRep); n != 4 {
			t.Errorf("unread after marking one: %d, want 4", n)
		}
		if n := unread(f.sec); n != 6 { // five digests and a report to review
			t.Errorf("someone else's unread changed: %d, want 6", n)
		}
		got, _, _ := db.Notifications(me, false, payesh.Page{Limit: 1})
		if got[0].ReadAt == nil || !got[0].ReadAt.Equal(fixedNow) {
			t.Errorf("read_at %v, want %v", got[0].ReadAt, fixedNow)
		}
		if err := db.MarkRead(me, nil); err != nil {
			t.Fatal(err)
		}
		if n := unread(f.branchRep); n != 0 {
			t.Errorf("unread after marking all: %d", n)
		}
		_, _, err = db.Notifications(t.Context(), false, payesh.Page{})
		wantCode(t, err, payesh.EUNAUTHORIZED)
	})
}
