package demo_test

import (
	"strings"
	"testing"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestLoadCalls: with calls, the demo holds the one call for papers the
// report names — the research institute's, in 30 axes, untitled (shown
// «محور ۱» … «محور ۳۰»), without a deadline, a planned count or any
// submission, none of which the report gives — feeding the special
// issue's milestone, which it leaves where it was; the description cites
// the report.
func TestLoadCalls(t *testing.T) {
	storetest.Engines(t, store.Options{}, func(t *testing.T, db *store.DB) {
		ctx := storetest.System()
		svc := services(db)
		svc.Calls = db
		if _, err := demo.Load(ctx, svc); err != nil {
			t.Fatal(err)
		}
		calls, total, err := db.FindCalls(ctx, payesh.CallFilter{})
		if err != nil || total != 1 {
			t.Fatalf("calls = %d, %v; want the one the report names", total, err)
		}
		c := calls[0]
		if len(c.Axes) != 30 || c.Axes[29].Number != 30 {
			t.Fatalf("%d axes", len(c.Axes))
		}
		for _, a := range c.Axes {
			if a.Title != "" {
				t.Errorf("axis %d titled %q; the report gives no titles", a.Number, a.Title)
			}
		}
		if !c.Deadline.IsZero() || c.PlannedPapers != 0 || c.Tally.Submissions != 0 || c.Progress() != -1 {
			t.Errorf("deadline %v, planned %d, %d submissions: the report gives none", c.Deadline, c.PlannedPapers, c.Tally.Submissions)
		}
		if !strings.Contains(c.Description, "منبع: ") || !strings.Contains(c.Description, "۳۰ محور") {
			t.Errorf("description does not cite the report: %q", c.Description)
		}
		owner, err := db.FindOrgUnitByID(ctx, c.OwnerUnitID)
		if err != nil || owner.Code != "research-institute" {
			t.Errorf("owner = %v, %v", owner, err)
		}
		if c.MilestoneID == nil {
			t.Fatal("no milestone")
		}
		m, err := db.FindWorkItemByID(ctx, *c.MilestoneID)
		if err != nil || m.Code != "rii-journal-special" || m.Kind != payesh.KindMilestone || m.Progress != 0 {
			t.Errorf("milestone = %+v, %v", m, err)
		}
		updates, err := db.FindProgressUpdates(ctx, m.ID)
		if err != nil || len(updates) != 0 {
			t.Errorf("the call moved the milestone: %d updates, %v", len(updates), err)
		}
	})
}
