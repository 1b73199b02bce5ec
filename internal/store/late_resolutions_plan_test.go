package store_test

import (
	"context"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestLateResolutionsPlan: the board's late resolutions are read through
// the partial index of resolutions, not by walking the overdue work (a
// third of 100,000 items at national size), on both engines; on SQLite
// before and after statistics.
func TestLateResolutionsPlan(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		newDigestOrg(t, db, 3000)
		conn, err := db.SQL().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		check := func(when string) {
			plan := strings.Join(explainPlan(t, conn, db.Engine(), store.LateResolutions, []any{payesh.Today(fixedNow)}), "\n")
			if !strings.Contains(plan, "work_items_meeting") {
				t.Errorf("%s: the late resolutions are not read through their index:\n%s", when, plan)
			}
		}
		if db.Engine() == store.Postgres {
			// A few thousand rows are one page to PostgreSQL, which scans
			// them whatever the indexes; without the scan, which index.
			storetest.Analyze(t, conn, db.Engine())
			if _, err := conn.ExecContext(ctx, "SET enable_seqscan = off"); err != nil {
				t.Fatal(err)
			}
			check("analyzed")
			return
		}
		check("no statistics")
		storetest.Analyze(t, conn, db.Engine())
		check("analyzed")
	})
}
