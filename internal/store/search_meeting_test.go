package store_test

import (
	"context"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestSearchMeetings: a meeting is found by its title and by its body's
// name, typed on an Arabic keyboard, by exactly the readers FindMeeting
// lets read it (the owner of one of its resolutions, not a partner with
// none); the entry follows an edit of the meeting.
func TestSearchMeetings(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newMeetingWorld(t, db)
		want := "meeting:" + w.meeting.Title
		for _, c := range []struct {
			name string
			ctx  context.Context
		}{{"secretariat", w.secretariat}, {"owner", w.owner}, {"outsider", w.outsider}} {
			_, err := db.FindMeeting(c.ctx, w.meeting.ID)
			reads := err == nil
			for _, q := range []string{arabic("نخستین جلسه"), arabic("شورای معاونین")} {
				got := hits(t, db, c.ctx, q, payesh.SearchMeeting)
				if found := got == want; found != reads {
					t.Errorf("%s, %q: found %q; FindMeeting reads it: %v", c.name, q, got, reads)
				}
			}
		}
		if _, err := db.FindMeeting(w.outsider, w.meeting.ID); err == nil {
			t.Fatal("the test needs a reader who does not read the meeting")
		}

		m, err := db.FindMeeting(w.secretariat, w.meeting.ID)
		if err != nil {
			t.Fatal(err)
		}
		m.Minutes = "تصمیم دربارهٔ سامانهٔ پایش"
		if _, err := db.UpdateMeeting(w.secretariat, m.ID, m); err != nil {
			t.Fatal(err)
		}
		if got := hits(t, db, w.secretariat, "سامانه پایش"); got != want {
			t.Errorf("after the minutes were written: %q", got)
		}
	})
}
