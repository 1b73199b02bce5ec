package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestOpenWorkWalk: the home page's lists of open work, and the overdue
// list, walk an index of open or of late work alone
// (migrations/024_open_work.sql), not the due-date index of all work,
// whose oldest entries are mostly done: a province's first ten open items
// passed thousands of them at 100,000 items. Such a walk still passes
// TestWorkListPlans, so this test names the indexes; it fails if a
// query's condition and an index's predicate are ever spelled apart.
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
			overdue := payesh.WorkItemFilter{UnitID: unit.ID, Overdue: ptr(true), Sort: "due_date", Page: payesh.Page{Limit: 50}}
			for _, tt := range []struct {
				name  string
				f     payesh.WorkItemFilter
				index []string // any of them
			}{
				{"open", mine, []string{"work_items_open_due"}},
				{"open and overdue", late, []string{"work_items_open_due", "work_items_late_due"}},
				{"overdue", overdue, []string{"work_items_late_due"}},
			} {
				_, walk, _, args, err := db.WorkListSQL(sys, tt.f)
				if err != nil {
					t.Fatal(err)
				}
				plan := strings.Join(explainPlan(t, conn, db.Engine(), walk, args), "\n")
				if !slices.ContainsFunc(tt.index, func(ix string) bool { return strings.Contains(plan, ix) }) {
					t.Errorf("%s, %s's: the walk reads none of %v:\n%s", tt.name, unit.Code, tt.index, plan)
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
