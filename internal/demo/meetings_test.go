package demo_test

import (
	"strings"
	"testing"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestLoadMeetings: with meetings, the demo holds the two meetings the
// reports describe, undated and without place or number since the
// reports give none: the council's extraordinary first session of 1401
// with its founding resolution — made by the meeting, closed by an
// accepted closure whose evidence is the report of the secretariat at
// work — and the CEO's meeting with the secretariat, which made no
// recorded resolution. Each cites its report.
func TestLoadMeetings(t *testing.T) {
	storetest.Engines(t, store.Options{}, func(t *testing.T, db *store.DB) {
		ctx := storetest.System()
		if _, err := demo.Load(ctx, services(db)); err != nil {
			t.Fatal(err)
		}
		bodies, err := db.FindBodies(ctx)
		if err != nil || len(bodies) != 2 {
			t.Fatalf("bodies = %d, %v; want the council and the secretariat", len(bodies), err)
		}
		meetings, _, err := db.FindMeetings(ctx, payesh.MeetingFilter{})
		if err != nil || len(meetings) != 2 {
			t.Fatalf("meetings = %d, %v; want 2", len(meetings), err)
		}
		byBody := map[string]*payesh.Meeting{}
		for _, listed := range meetings {
			m, err := db.FindMeeting(ctx, listed.ID) // with its people and agenda
			if err != nil {
				t.Fatal(err)
			}
			byBody[m.BodyName] = m
			if !m.HeldOn.IsZero() || m.Place != "" || m.Number != "" || m.StartTime != "" {
				t.Errorf("%s: date %v, place %q, number %q, time %q; the reports give none", m.Title, m.HeldOn, m.Place, m.Number, m.StartTime)
			}
			if len(m.Agenda) != 1 || !strings.Contains(m.Minutes, "منبع: ") {
				t.Errorf("%s: %d agenda items, minutes without their source", m.Title, len(m.Agenda))
			}
		}
		council, withCEO := byBody["شورای معاونین سازمان"], byBody["دبیرخانه دائمی پیگیری سیاست‌های کلی تأمین اجتماعی"]
		if council == nil || withCEO == nil {
			t.Fatalf("meetings by body: %v", byBody)
		}
		if council.Kind != payesh.MeetingExtraordinary || !strings.Contains(council.Minutes, "مقرر شد دبیرخانه‌ای دائمی") {
			t.Errorf("council meeting = %s, minutes %q", council.Kind, council.Minutes)
		}
		if council.Tally.Total != 1 || council.Tally.Closed != 1 || council.Tally.Rate != 100 {
			t.Errorf("council tally = %+v; want its one resolution closed", council.Tally)
		}
		if withCEO.Tally.Total != 0 || len(withCEO.People) != 4 || !strings.Contains(withCEO.Minutes, "اسناد پشتیبان") {
			t.Errorf("secretariat meeting: tally %+v, %d people", withCEO.Tally, len(withCEO.People))
		}
		res, err := db.FindResolutions(ctx, council.ID)
		if err != nil || len(res) != 1 {
			t.Fatalf("council resolutions = %v, %v", res, err)
		}
		r := res[0]
		if r.Code != "council-res-secretariat" || r.Status != payesh.StatusDone || r.AgendaItemID == nil || *r.AgendaItemID != council.Agenda[0].ID {
			t.Errorf("founding resolution = %s %s agenda %v", r.Code, r.Status, r.AgendaItemID)
		}
		if r.Closure == nil || r.Closure.State != payesh.ClosureAccepted || !strings.Contains(r.Closure.EvidenceRef, "دبیرخانهٔ دائمی") {
			t.Errorf("founding resolution's closure = %+v; want accepted on the report of the secretariat at work", r.Closure)
		}
		// Made once: by the meeting, not also as a plain work item.
		items, _, err := db.FindWorkItems(ctx, payesh.WorkItemFilter{Q: "council-res-secretariat"})
		if err != nil || len(items) != 1 {
			t.Errorf("work items coded council-res-secretariat: %d, %v", len(items), err)
		}
	})
}
