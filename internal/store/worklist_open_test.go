package store_test

import (
	"context"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestOpenWorkWalk: the home page's lists of open work walk the index of
// open work alone (migrations/024_open_work.sql), not the due-date index
// of all work, whose oldest entries are mostly done: a province's first
// ten open items passed thousands of them at 100,000 items. Such a walk
// still passes TestWorkListPlans, so this test names the index; it fails
// if openWork and the index's predicate are ever spelled apart.
func TestOpenWorkWalk(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org, provs := planTree(t, db)
		loadWork(t, db, 3000)
		ctx := context.Background()
		conn, err := db.SQL().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		storetest.Analyze(t, conn, db.Engine())
		if db.Engine() == store.Postgres {
			if _, err := conn.ExecContext(ctx, "SET enable_seqscan = off"); err != nil {
				t.Fatal(err)
			}
		}
		open := payesh.WorkItemFilter{IncludePartner: true, Statuses: []payesh.Status{payesh.StatusDelayed,
			payesh.StatusInProgress, payesh.StatusNotStarted, payesh.StatusNotReported}, Sort: "due_date", Page: payesh.Page{Limit: 10}}
		for _, unit := range []*payesh.OrgUnit{org, provs[2]} {
			mine := open
			mine.UnitID = unit.ID
			late := mine
			late.Overdue = ptr(true)
			for name, f := range map[string]payesh.WorkItemFilter{"open": mine, "overdue": late} {
				_, walk, _, args, err := db.WorkListSQL(sys, f)
				if err != nil {
					t.Fatal(err)
				}
				if plan := strings.Join(explainPlan(t, conn, db.Engine(), walk, args), "\n"); !strings.Contains(plan, "work_items_open_due") {
					t.Errorf("%s, %s's: the walk does not read work_items_open_due:\n%s", name, unit.Code, plan)
				}
			}
		}
		// Any other set of statuses keeps its own spelling.
		some := open
		some.Statuses = []payesh.Status{payesh.StatusDelayed}
		_, walk, _, _, err := db.WorkListSQL(sys, some)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(walk, "NOT IN ('done', 'cancelled')") {
			t.Errorf("delayed work alone is read as all open work:\n%s", walk)
		}
	})
}
