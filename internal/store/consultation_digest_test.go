package store_test

import (
	"slices"
	"sync"
	"testing"
	"time"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestConsultationDueDigest: in the last three days before the deadline
// the daily digest reminds the invitees who have not submitted — a draft
// is not an answer — and not those who have; once a day however often it
// runs; not before those days, nor after the consultation closes.
func TestConsultationDueDigest(t *testing.T) {
	var now time.Time
	storetest.Engines(t, store.Options{Now: func() time.Time { return now }}, func(t *testing.T, db *store.DB) {
		now = fixedNow
		w := newConsultWorld(t, db, &now)
		today := payesh.Today(now)
		c, err := db.CreateConsultation(w.secretariat, payesh.ConsultationInput{Title: "نظرخواهی دربارهٔ بند ۳",
			ClauseIDs: []int64{w.clause3.ID}, UnitIDs: w.unitIDs()[:3], Deadline: today.AddDays(5)})
		if err != nil {
			t.Fatal(err)
		}
		w.c = c
		w.save(t, 0, true, 0, w.on(w.clause3, 4, "موافق", ""))
		w.save(t, 1, false, 0, w.on(w.clause3, 2, "پیش‌نویس", ""))
		reminded := func() []bool {
			var out []bool
			for _, ctx := range w.ctxs[:3] {
				out = append(out, slices.Contains(notes(t, db, ctx), payesh.NoteConsultationReminder))
			}
			return out
		}
		run := func(day payesh.Date) payesh.DigestResult {
			t.Helper()
			res, err := db.RunDigest(sys, day)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}

		if run(today); slices.Contains(reminded(), true) {
			t.Errorf("five days before the deadline someone was reminded: %v", reminded())
		}
		due := today.AddDays(2) // three days before
		if res := run(due); res.ByKind[payesh.NoteConsultationReminder] != 2 {
			t.Errorf("the digest made %d reminders, want 2: %+v", res.ByKind[payesh.NoteConsultationReminder], res)
		}
		if got := reminded(); !slices.Equal(got, []bool{false, true, true}) {
			t.Errorf("reminded %v; want the draft's unit and the silent one, not the one that submitted", got)
		}
		if res := run(due); res.ByKind[payesh.NoteConsultationReminder] != 0 {
			t.Errorf("a second run the same day made %d reminders", res.ByKind[payesh.NoteConsultationReminder])
		}

		cur, err := db.FindConsultation(w.secretariat, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CloseConsultation(w.secretariat, c.ID, cur.Version); err != nil {
			t.Fatal(err)
		}
		if res := run(due.AddDays(1)); res.ByKind[payesh.NoteConsultationReminder] != 0 {
			t.Errorf("a closed consultation was reminded: %+v", res)
		}
	})
}

// TestConsultationDueDigestTwoInstances: two instances running the digest
// at once remind each pending invitee's users once, and count each
// reminder once between them.
func TestConsultationDueDigestTwoInstances(t *testing.T) {
	var now time.Time
	storetest.EngineTwins(t, store.Options{Now: func() time.Time { return now }}, func(t *testing.T, a, b *store.DB) {
		now = fixedNow
		w := newConsultWorld(t, a, &now)
		today := payesh.Today(now)
		if _, err := a.CreateConsultation(w.secretariat, payesh.ConsultationInput{Title: "نظرخواهی دربارهٔ بند ۸",
			ClauseIDs: []int64{w.clause8.ID}, UnitIDs: w.unitIDs(), Deadline: today.AddDays(2)}); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		made := make([]int, 4)
		for i := range made {
			db := []*store.DB{a, b}[i%2]
			wg.Go(func() {
				res, err := db.RunDigest(sys, today)
				if err != nil {
					t.Error(err)
				}
				made[i] = res.ByKind[payesh.NoteConsultationReminder]
			})
		}
		wg.Wait()
		if total := made[0] + made[1] + made[2] + made[3]; total != len(w.ctxs) {
			t.Errorf("the runs made %v reminders, %d in all; want %d, one per invited unit's reporter", made, total, len(w.ctxs))
		}
		for i, ctx := range w.ctxs {
			n := 0
			for _, k := range notes(t, a, ctx) {
				if k == payesh.NoteConsultationReminder {
					n++
				}
			}
			if n != 1 {
				t.Errorf("unit %d's reporter has %d reminders, want 1", i, n)
			}
		}
	})
}
