package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestWorkListPlans keeps the work lists on their indexes: the EXPLAIN of
// each list and count FindWorkItems runs — sorted, overdue, a subtree, a
// subtree with its partnerships, and the home page's "my open work" — must
// not read work_items, work_item_partners or org_units from end to end.
// So must the same lists as a province's reporter and a partner's read
// them, each with its read scope (payesh.ReadScope) as one more condition:
// the province's subtree, a range of org_units.path, or national work, a
// list of headquarters owners; the partner's own and partnered work
// through work_item_partners_unit.
//
// SQLite: a plan line "SCAN w" without "USING … INDEX" is a full table
// scan; "SCAN w USING INDEX work_items_due_asc" is the ordered walk of a
// sort key's index that a LIMIT stops after one page, and passes. The
// plans are checked twice: as the planner sees a fresh database (no
// statistics), and with statistics (PRAGMA optimize may run in
// production) — ANALYZE's, scaled to 100,000 items and 2,016 units:
// statistics of the test's few thousand rows would rightly tell the
// planner to scan a 300-row table, which says nothing of the real one.
//
// PostgreSQL: on a few thousand rows a sequential scan is honestly the
// cheapest plan, so whether the planner picks one says nothing about
// 100,000 rows. The session sets enable_seqscan = off, which makes a
// sequential scan cost more than any index path: a "Seq Scan on
// work_items" left in the plan then means that no index can serve the
// query at all — exactly the regression this test is for.
func TestWorkListPlans(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org, provs := planTree(t, db)
		prov := provs[1] // "/1/3/": its successor range must not reach "/1/30/"
		loadWork(t, db, 3000)
		checkPlans(t, db, 49, []planCase{
			{"list by id", payesh.WorkItemFilter{}, sys},
			{"list by due date", payesh.WorkItemFilter{Sort: "due_date"}, sys},
			{"list by due date desc", payesh.WorkItemFilter{Sort: "-due_date"}, sys},
			{"list by title", payesh.WorkItemFilter{Sort: "title"}, sys},
			{"list by progress desc", payesh.WorkItemFilter{Sort: "-progress"}, sys},
			{"list by updated", payesh.WorkItemFilter{Sort: "-updated_at"}, sys},
			{"list by status", payesh.WorkItemFilter{Sort: "status"}, sys},
			{"list by status desc", payesh.WorkItemFilter{Sort: "-status"}, sys},
			{"list page 3", payesh.WorkItemFilter{Sort: "due_date", Page: payesh.Page{Offset: 100}}, sys},
			{"overdue", payesh.WorkItemFilter{Overdue: ptr(true)}, sys},
			{"overdue by due date", payesh.WorkItemFilter{Overdue: ptr(true), Sort: "due_date"}, sys},
			{"subtree", payesh.WorkItemFilter{UnitID: prov.ID}, sys},
			{"subtree by due date", payesh.WorkItemFilter{UnitID: prov.ID, Sort: "due_date"}, sys},
			{"subtree overdue", payesh.WorkItemFilter{UnitID: prov.ID, Overdue: ptr(true)}, sys},
			{"partner", payesh.WorkItemFilter{UnitID: prov.ID, IncludePartner: true}, sys},
			{"partner by due date", payesh.WorkItemFilter{UnitID: prov.ID, IncludePartner: true, Sort: "due_date"}, sys},
			{"home: my open work", payesh.WorkItemFilter{UnitID: org.ID, IncludePartner: true,
				Statuses: payesh.OpenStatuses, Sort: "due_date", Page: payesh.Page{Limit: 10}}, sys},
			{"home: my overdue work", payesh.WorkItemFilter{UnitID: org.ID, IncludePartner: true,
				Statuses: payesh.OpenStatuses, Overdue: ptr(true), Sort: "due_date", Page: payesh.Page{Limit: 10}}, sys},
			{"home: due this month", payesh.WorkItemFilter{UnitID: org.ID, IncludePartner: true, Statuses: payesh.OpenStatuses,
				DueAfter: payesh.NewDate(2024, 7, 20), DueBefore: payesh.NewDate(2024, 8, 22), Sort: "due_date", Page: payesh.Page{Limit: 10}}, sys},
		})

		// The same lists as a province's reporter and a partner's read
		// them, each with its read scope as one more condition (the
		// province's subtree or national work; the partner's own and
		// partnered work), and the capped count of each. They get a
		// database of their own with an office, whose work is national,
		// and a partner: a tree that differs from the one above tips
		// PostgreSQL's estimates of those lists on a few thousand rows.
		t.Run("read scopes", func(t *testing.T) {
			db := storetest.OpenEngine(t, db.Engine(), opts())
			org, provs := planTree(t, db)
			office := mustUnit(t, db, org, payesh.UnitOffice, "office")
			partner := mustUnit(t, db, nil, payesh.UnitPartner, "university")
			_, provRep := mustUser(t, db, provs[1], "prov-reporter", payesh.RoleReporter)
			branch := mustUnit(t, db, provs[1], payesh.UnitBranch, "p1-b9")
			_, branchRep := mustUser(t, db, branch, "branch-reporter", payesh.RoleReporter)
			_, partnerRep := mustUser(t, db, partner, "partner-reporter", payesh.RoleReporter)
			loadWork(t, db, 3000)
			shareWork(t, db, office, partner)
			var cases []planCase
			for _, who := range []struct {
				name string
				ctx  context.Context
			}{{"province", provRep}, {"branch", branchRep}, {"partner", partnerRep}} {
				for _, tt := range []planCase{
					{"list by id", payesh.WorkItemFilter{}, nil},
					{"list by due date", payesh.WorkItemFilter{Sort: "due_date"}, nil},
					{"list by due date desc", payesh.WorkItemFilter{Sort: "-due_date"}, nil},
					{"list by title", payesh.WorkItemFilter{Sort: "title"}, nil},
					{"list by status", payesh.WorkItemFilter{Sort: "status"}, nil},
					{"list page 3", payesh.WorkItemFilter{Sort: "due_date", Page: payesh.Page{Offset: 100}}, nil},
					{"overdue", payesh.WorkItemFilter{Overdue: ptr(true)}, nil},
					{"overdue by due date", payesh.WorkItemFilter{Overdue: ptr(true), Sort: "due_date"}, nil},
					{"another province", payesh.WorkItemFilter{UnitID: provs[5].ID, IncludePartner: true, Sort: "due_date"}, nil},
					{"the organization", payesh.WorkItemFilter{UnitID: org.ID, Sort: "due_date"}, nil},
					{"home: my open work", payesh.WorkItemFilter{UnitID: payesh.UserFrom(who.ctx).UnitID, IncludePartner: true,
						Statuses: payesh.OpenStatuses, Sort: "due_date", Page: payesh.Page{Limit: 10}}, nil},
				} {
					tt.name, tt.who = who.name+": "+tt.name, who.ctx
					cases = append(cases, tt)
				}
			}
			checkPlans(t, db, 52, cases)
		})
	})
}

// planTree is the organization of the plan tests: 12 provinces of 3
// branches each.
func planTree(t *testing.T, db *store.DB) (org *payesh.OrgUnit, provs []*payesh.OrgUnit) {
	t.Helper()
	org = mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
	for i := range 12 {
		p := mustUnit(t, db, org, payesh.UnitProvince, fmt.Sprintf("p%d", i))
		provs = append(provs, p)
		for j := range 3 {
			mustUnit(t, db, p, payesh.UnitBranch, fmt.Sprintf("p%d-b%d", i, j))
		}
	}
	return org, provs
}

// planCase is one list FindWorkItems may run, as the user in who reads it.
type planCase struct {
	name string
	f    payesh.WorkItemFilter
	who  context.Context
}

// checkPlans explains each case's statements — the page's ids through
// the filters' indexes (few), by walking the sort key's index (many), and
// the capped count — and fails on a full scan, or on a sort where the walk
// must stop after one page. units is the size of the tree, whose
// statistics SQLite's second pass scales to the national 2,016.
func checkPlans(t *testing.T, db *store.DB, units int, cases []planCase) {
	t.Helper()
	ctx := context.Background()
	check := func(t *testing.T, explain func(query string, args []any) []string) {
		for _, tt := range cases {
			filter, walk, count, args, err := db.WorkListSQL(tt.who, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range []struct{ what, sql string }{{"few", filter}, {"many", walk}, {"count", count}} {
				plan := explain(q.sql, args)
				bad := fullScans(db.Engine(), plan)
				if q.what == "many" && tt.f.Sort != "" && tt.f.DueAfter.IsZero() {
					// Walking the sort key's index is what stops
					// after one page; a sort reads every match first
					// (a range of due dates may be sorted: it is one
					// range of the index either way).
					bad = append(bad, sorts(db.Engine(), plan)...)
				}
				if len(bad) > 0 {
					t.Errorf("%s (%s) scans %v:\n%s", tt.name, q.what, bad, strings.Join(plan, "\n"))
				} else if testing.Verbose() {
					t.Logf("%s (%s):\n%s", tt.name, q.what, strings.Join(plan, "\n"))
				}
			}
		}
	}
	conn, err := db.SQL().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	explain := func(query string, args []any) []string {
		t.Helper()
		return explainPlan(t, conn, db.Engine(), query, args)
	}
	if db.Engine() == store.Postgres {
		// The lists' tables only: a bare ANALYZE also reads the schemas
		// of tests running beside this one, which may be dropped under it.
		for _, s := range []string{"ANALYZE work_items, work_item_partners, org_units", "SET enable_seqscan = off"} {
			if _, err := conn.ExecContext(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		check(t, explain)
		return
	}
	t.Run("no statistics", func(t *testing.T) { check(t, explain) })
	scaleStats(t, conn, map[string]int{"work_items": 100000 / 3000, "work_item_partners": 100000 / 3000, "org_units": 2016 / units})
	t.Run("analyzed at national scale", func(t *testing.T) { check(t, explain) })
}

// scanned names the tables a plan must not read whole, by their aliases
// in the list's SQL.
var (
	sqliteScan = regexp.MustCompile(`^SCAN (w|p|u|work_items|work_item_partners|org_units)\b(.*)$`)
	pgScan     = regexp.MustCompile(`Seq Scan on (work_items|work_item_partners|org_units)\b`)
)

// fullScans returns the plan lines that read one of those tables whole.
func fullScans(engine string, plan []string) []string {
	var bad []string
	for _, line := range plan {
		line = strings.TrimSpace(line)
		if engine == store.Postgres {
			if pgScan.MatchString(line) {
				bad = append(bad, line)
			}
			continue
		}
		if m := sqliteScan.FindStringSubmatch(line); m != nil && !strings.Contains(m[2], "INDEX") {
			bad = append(bad, line)
		}
	}
	return bad
}

// sorts returns the plan lines that sort rows rather than walk an index
// in order.
func sorts(engine string, plan []string) []string {
	var bad []string
	for _, line := range plan {
		line = strings.TrimSpace(line)
		if engine == store.Postgres && strings.HasPrefix(line, "Sort Key:") ||
			engine != store.Postgres && strings.Contains(line, "TEMP B-TREE FOR ORDER BY") {
			bad = append(bad, line)
		}
	}
	return bad
}

// loadWork inserts n work items in one statement, spread over the units
// with a seventh undated, a fifth done, the open ones due before
// 2024-07-31 overdue, and every tenth with a partner.
func loadWork(t *testing.T, db *store.DB, n int) {
	t.Helper()
	ctx := context.Background()
	var lo, hi int64
	if err := db.SQL().QueryRowContext(ctx, `SELECT MIN(id), MAX(id) FROM org_units`).Scan(&lo, &hi); err != nil {
		t.Fatal(err)
	}
	units := hi - lo + 1
	_, err := db.SQL().ExecContext(ctx, `WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1),
		d (i, due, status) AS (SELECT i,
			CASE WHEN i % 7 = 0 THEN NULL ELSE '2024-0' || (1 + i % 9) || '-1' || (i % 10) END,
			CASE WHEN i % 5 = 0 THEN 'done' ELSE 'in_progress' END FROM n)
		INSERT INTO work_items (kind, title, owner_unit_id, due_date, status, progress, path, depth,
			created_at, updated_at, late_from, original_due_date)
		SELECT 'action', 'کار ' || i, $2 + i % $3, due, status, i % 100, '/' || i || '/', 0, $4, $4,
			CASE WHEN status = 'done' THEN NULL ELSE due END, due FROM d`, n, lo, units, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.SQL().ExecContext(ctx, `INSERT INTO work_item_partners (work_item_id, unit_id)
		SELECT id, $1 + (id * 7) % $2 FROM work_items WHERE id % 10 = 0`, lo, units)
	if err != nil {
		t.Fatal(err)
	}
}

// shareWork gives each of units every 50th item as its owner and every
// 30th as a partner, as the bench spreads work over its owners.
func shareWork(t *testing.T, db *store.DB, units ...*payesh.OrgUnit) {
	t.Helper()
	ctx := context.Background()
	for i, u := range units {
		if _, err := db.SQL().ExecContext(ctx, `UPDATE work_items SET owner_unit_id = $1 WHERE id % 50 = $2`, u.ID, i); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SQL().ExecContext(ctx, `INSERT INTO work_item_partners (work_item_id, unit_id)
			SELECT id, $1 FROM work_items WHERE id % 30 = $2 AND owner_unit_id <> $1`, u.ID, i+7); err != nil {
			t.Fatal(err)
		}
	}
}

// scaleStats runs ANALYZE and multiplies the row counts it found for each
// table by its factor, as though the tables were that much larger with the
// same spread, then has SQLite reload them.
func scaleStats(t *testing.T, conn *sql.Conn, factor map[string]int) {
	t.Helper()
	ctx := context.Background()
	if _, err := conn.ExecContext(ctx, "ANALYZE"); err != nil {
		t.Fatal(err)
	}
	rows, err := conn.QueryContext(ctx, `SELECT tbl, COALESCE(idx, ''), stat FROM sqlite_stat1`)
	if err != nil {
		t.Fatal(err)
	}
	type stat struct{ tbl, idx, stat string }
	var stats []stat
	for rows.Next() {
		var s stat
		if err := rows.Scan(&s.tbl, &s.idx, &s.stat); err != nil {
			t.Fatal(err)
		}
		stats = append(stats, s)
	}
	rows.Close()
	for _, s := range stats {
		k := factor[s.tbl]
		if k == 0 {
			continue
		}
		// The row count grows; rows per key stay: more units, each with
		// as many items and partnerships as here (50 and 10 in the bench).
		fields := strings.Fields(s.stat)
		if n, err := strconv.Atoi(fields[0]); err == nil {
			fields[0] = strconv.Itoa(n * k)
		}
		if _, err := conn.ExecContext(ctx, `UPDATE sqlite_stat1 SET stat = $1 WHERE tbl = $2 AND COALESCE(idx, '') = $3`,
			strings.Join(fields, " "), s.tbl, s.idx); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := conn.ExecContext(ctx, "ANALYZE sqlite_schema"); err != nil {
		t.Fatal(err)
	}
}
