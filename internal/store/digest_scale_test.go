package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// digestOrg is an organization with a root-level secretariat user and a
// province reporter over n work items: n overdue (a third owned by the
// province's branch), 40 due within the week, 60 done and late, and 30
// due later.
type digestOrg struct {
	org, prov, branch *payesh.OrgUnit
	root, provRep     *payesh.User
}

func newDigestOrg(t *testing.T, db *store.DB, overdue int) *digestOrg {
	t.Helper()
	o := &digestOrg{}
	o.org = mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
	o.prov = mustUnit(t, db, o.org, payesh.UnitProvince, "prov")
	o.branch = mustUnit(t, db, o.prov, payesh.UnitBranch, "branch")
	office := mustUnit(t, db, o.org, payesh.UnitOffice, "office")
	o.root, _ = mustUser(t, db, o.org, "root-sec", payesh.RoleSecretariat)
	o.provRep, _ = mustUser(t, db, o.prov, "prov-rep", payesh.RoleReporter)
	ctx := context.Background()
	insert := func(n int, due string, done bool, owner int64) {
		t.Helper()
		status, late := "in_progress", any(due)
		if done {
			status, late = "done", nil
		}
		_, err := db.SQL().ExecContext(ctx, `WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
			INSERT INTO work_items (kind, title, owner_unit_id, due_date, status, progress, path, depth,
				created_at, updated_at, late_from, original_due_date)
			SELECT 'action', 'کار ' || i, $2, $3, $4, 0, '/x/', 0, $5, $5, $6, $3 FROM n`,
			n, owner, due, status, fixedNow, late)
		if err != nil {
			t.Fatal(err)
		}
	}
	insert(overdue-overdue/3, "2024-07-01", false, office.ID)
	insert(overdue/3, "2024-06-15", false, o.branch.ID)
	insert(40, "2024-08-03", false, office.ID)
	insert(60, "2024-07-01", true, o.branch.ID)
	insert(30, "2024-09-30", false, o.branch.ID)
	// Ten of the office's overdue items are shared with the branch: the
	// province counts them, the root counts them once.
	if _, err := db.SQL().ExecContext(ctx, `INSERT INTO work_item_partners (work_item_id, unit_id)
		SELECT id, $1 FROM work_items WHERE owner_unit_id = $2 AND due_date = '2024-07-01' AND id % 10 = 0 AND id <= (
			SELECT MIN(id) + 99 FROM work_items WHERE owner_unit_id = $2)`, o.branch.ID, office.ID); err != nil {
		t.Fatal(err)
	}
	return o
}

// digestsOf returns the user's digests of day.
func digestsOf(t *testing.T, db *store.DB, u *payesh.User, d payesh.Date) []*payesh.Notification {
	t.Helper()
	list, _, err := db.Notifications(as(u), false, payesh.Page{Limit: payesh.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	var out []*payesh.Notification
	for _, n := range list {
		if n.Day == d {
			out = append(out, n)
		}
	}
	return out
}

// TestDigestRootThousandOverdue: a root-level user with 1,000 overdue
// items in their subtree gets exactly one notification for the day, which
// counts them; running the digest again, or on two instances at once,
// still leaves one.
func TestDigestRootThousandOverdue(t *testing.T) {
	storetest.EngineTwins(t, opts(), func(t *testing.T, a, b *store.DB) {
		o := newDigestOrg(t, a, 1000)
		res, err := a.RunDigest(sys, day)
		if err != nil {
			t.Fatal(err)
		}
		if res.Created != 2 || res.ByKind[payesh.NoteDigest] != 2 {
			t.Fatalf("first run %+v; want one digest for each of the 2 users", res)
		}
		notes := digestsOf(t, a, o.root, day)
		if len(notes) != 1 {
			t.Fatalf("root has %d notifications for the day, want 1", len(notes))
		}
		if n := notes[0]; n.Kind != payesh.NoteDigest || n.Args["overdue"] != "1000" || n.Args["due_soon"] != "40" ||
			n.Args["unit"] != fmt.Sprint(o.org.ID) {
			t.Errorf("root digest %+v", n)
		}
		// The province: its branch's third (333) and the ten the office
		// shares with the branch.
		if p := digestsOf(t, a, o.provRep, day); len(p) != 1 || p[0].Args["overdue"] != "343" || p[0].Args["due_soon"] != "0" {
			t.Errorf("province digest %+v", p)
		}

		// Again, on both instances at once, for this day and the next.
		var wg sync.WaitGroup
		for i := range 8 {
			db, d := a, day
			if i%2 == 1 {
				db = b
			}
			if i >= 4 {
				d = day.AddDays(1)
			}
			wg.Go(func() {
				if _, err := db.RunDigest(sys, d); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		for _, d := range []payesh.Date{day, day.AddDays(1)} {
			if n := len(digestsOf(t, a, o.root, d)); n != 1 {
				t.Errorf("root has %d notifications for %s, want 1", n, d)
			}
		}
		var rows int
		if err := a.SQL().QueryRow(`SELECT COUNT(*) FROM notifications`).Scan(&rows); err != nil || rows != 4 {
			t.Errorf("%d notifications in all, want 4 (2 users × 2 days): %v", rows, err)
		}
	})
}

// TestUnreadCountHistory: the unread count is served by the partial index
// of unread rows — EXPLAIN shows it, on both engines — and stays right
// (and capped where asked) beside a long history of read notifications.
func TestUnreadCountHistory(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		u, uctx := mustUser(t, db, org, "admin", payesh.RoleAdmin)
		other, _ := mustUser(t, db, org, "other", payesh.RoleReporter)
		// 3,000 read notifications of a past year, 200 unread of someone
		// else's, and 7 unread of the user's.
		seed := func(user int64, n int, read bool, from int) {
			t.Helper()
			var readAt any
			if read {
				readAt = fixedNow.Add(-24 * time.Hour)
			}
			_, err := db.SQL().ExecContext(ctx, `WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
				INSERT INTO notifications (user_id, kind, entity, entity_id, day, message, args, created_at, read_at)
				SELECT $2, 'work_overdue', 'work_item', $3 + i, '2023-08-01', 'ui.note.work_overdue', '{}', $4, $5 FROM n`,
				n, user, from, fixedNow.AddDate(-1, 0, 0), readAt)
			if err != nil {
				t.Fatal(err)
			}
		}
		seed(u.ID, 3000, true, 0)
		seed(other.ID, 200, false, 0)
		seed(u.ID, 7, false, 10000)

		for _, tt := range []struct{ upTo, want int }{{0, 7}, {100, 7}, {5, 5}} {
			if n, err := db.UnreadCount(uctx, tt.upTo); err != nil || n != tt.want {
				t.Errorf("UnreadCount(%d) = %d, %v; want %d", tt.upTo, n, err, tt.want)
			}
		}
		if _, n, err := db.Notifications(uctx, true, payesh.Page{Limit: 1}); err != nil || n != 7 {
			t.Errorf("unread list total %d, %v; want 7", n, err)
		}
		_, err := db.UnreadCount(ctx, 1)
		wantCode(t, err, payesh.EUNAUTHORIZED)

		// The plan: the unread index, never the table or the user's whole
		// history.
		conn, err := db.SQL().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if db.Engine() == store.Postgres {
			for _, s := range []string{"ANALYZE notifications", "SET enable_seqscan = off"} {
				if _, err := conn.ExecContext(ctx, s); err != nil {
					t.Fatal(err)
				}
			}
		} else if _, err := conn.ExecContext(ctx, "ANALYZE"); err != nil {
			t.Fatal(err)
		}
		for _, upTo := range []int{0, payesh.MaxUnreadBadge + 1} {
			q, args := store.UnreadCountSQL(u.ID, upTo)
			plan := explainPlan(t, conn, db.Engine(), q, args)
			joined := strings.Join(plan, "\n")
			if !strings.Contains(joined, "notifications_unread") {
				t.Errorf("unread count (up to %d) does not use notifications_unread:\n%s", upTo, joined)
			}
			for _, line := range plan {
				if strings.Contains(line, "Seq Scan on notifications") ||
					strings.HasPrefix(strings.TrimSpace(line), "SCAN notifications") && !strings.Contains(line, "INDEX") {
					t.Errorf("unread count scans the table: %s", line)
				}
			}
		}
	})
}

// explainPlan returns the plan of query as lines: SQLite's EXPLAIN QUERY
// PLAN details, PostgreSQL's EXPLAIN.
func explainPlan(t *testing.T, conn *sql.Conn, engine, query string, args []any) []string {
	t.Helper()
	prefix := "EXPLAIN QUERY PLAN "
	if engine == store.Postgres {
		prefix = "EXPLAIN "
	}
	rows, err := conn.QueryContext(context.Background(), prefix+query, args...)
	if err != nil {
		t.Fatalf("%v\n%s", err, query)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var plan []string
	for rows.Next() {
		dest := make([]any, len(cols))
		for i := range dest {
			dest[i] = new(sql.NullString)
		}
		if err := rows.Scan(dest...); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, dest[len(dest)-1].(*sql.NullString).String)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan
}

// TestDigestCountPlan: the digest's count of a subtree's late and
// due-soon work reads index ranges, not work_items, work_item_partners or
// org_units whole.
func TestDigestCountPlan(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newDigestOrg(t, db, 300)
		// Forty more branches, each a partner of a share of the work, so
		// that statistics see a partner table worth an index.
		var lo, hi int64
		for i := range 40 {
			b := mustUnit(t, db, o.prov, payesh.UnitBranch, fmt.Sprintf("b%d", i))
			if i == 0 {
				lo = b.ID
			}
			hi = b.ID
		}
		if _, err := db.SQL().ExecContext(ctx, `INSERT INTO work_item_partners (work_item_id, unit_id)
			SELECT id, $1 + id % $2 FROM work_items WHERE id % 10 <> 0`, lo, hi-lo+1); err != nil {
			t.Fatal(err)
		}
		conn, err := db.SQL().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if db.Engine() == store.Postgres {
			storetest.Analyze(t, conn, db.Engine())
			if _, err := conn.ExecContext(ctx, "SET enable_seqscan = off"); err != nil {
				t.Fatal(err)
			}
		}
		check := func(t *testing.T) {
			for _, unit := range []*payesh.OrgUnit{o.org, o.prov, o.branch} {
				var path string
				if err := conn.QueryRowContext(ctx, `SELECT path FROM org_units WHERE id = $1`, unit.ID).Scan(&path); err != nil {
					t.Fatal(err)
				}
				hi := strings.TrimSuffix(path, "/") + "0"
				plan := explainPlan(t, conn, db.Engine(), store.DigestWorkCount, []any{day, day.AddDays(7), path, hi})
				for _, line := range plan {
					l := strings.TrimSpace(line)
					if strings.Contains(l, "Seq Scan on work_items") || strings.Contains(l, "Seq Scan on work_item_partners") ||
						strings.Contains(l, "Seq Scan on org_units") ||
						(strings.HasPrefix(l, "SCAN ") && !strings.Contains(l, "INDEX") && !strings.HasPrefix(l, "SCAN x") &&
							!strings.Contains(l, "CONSTANT ROW")) {
						t.Errorf("digest count for %s scans: %s\n%s", unit.Code, l, strings.Join(plan, "\n"))
					}
				}
				if testing.Verbose() {
					t.Logf("%s:\n%s", unit.Code, strings.Join(plan, "\n"))
				}
			}
		}
		if db.Engine() == store.Postgres {
			check(t)
			return
		}
		// SQLite as a fresh database plans it (no statistics), and after
		// ANALYZE (PRAGMA optimize may run in production).
		t.Run("no statistics", check)
		if _, err := conn.ExecContext(ctx, "ANALYZE"); err != nil {
			t.Fatal(err)
		}
		t.Run("analyzed", check)
	})
}

// TestPruneNotifications: pruning deletes read notifications created
// before the cut, in batches, and keeps the unread ones however old and
// the read ones that are recent; only the job prunes.
func TestPruneNotifications(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		u, uctx := mustUser(t, db, org, "rep", payesh.RoleReporter)
		old, recent := fixedNow.AddDate(0, 0, -120), fixedNow.AddDate(0, 0, -10)
		add := func(n int, created time.Time, read bool, from int) {
			t.Helper()
			var readAt any
			if read {
				readAt = created.Add(time.Hour)
			}
			_, err := db.SQL().ExecContext(ctx, `WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
				INSERT INTO notifications (user_id, kind, entity, entity_id, day, message, args, created_at, read_at)
				SELECT $2, 'work_overdue', 'work_item', $3 + i, '2024-01-01', 'ui.note.work_overdue', '{}', $4, $5 FROM n`,
				n, u.ID, from, created, readAt)
			if err != nil {
				t.Fatal(err)
			}
		}
		add(25, old, true, 0)      // pruned
		add(4, old, false, 100)    // unread: kept
		add(6, recent, true, 200)  // recent: kept
		add(3, recent, false, 300) // kept
		_, err := db.PruneNotifications(uctx, fixedNow, 10)
		wantCode(t, err, payesh.EFORBIDDEN)

		n, err := db.PruneNotifications(sys, fixedNow.AddDate(0, 0, -90), 10)
		if err != nil || n != 25 {
			t.Fatalf("pruned %d, %v; want 25", n, err)
		}
		var read, unread, oldRead int
		if err := db.SQL().QueryRow(`SELECT
			COALESCE(SUM(CASE WHEN read_at IS NOT NULL THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN read_at IS NULL THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN read_at IS NOT NULL AND created_at < $1 THEN 1 ELSE 0 END), 0)
			FROM notifications`, fixedNow.AddDate(0, 0, -90)).Scan(&read, &unread, &oldRead); err != nil {
			t.Fatal(err)
		}
		if read != 6 || unread != 7 || oldRead != 0 {
			t.Errorf("left %d read (%d old) and %d unread; want 6 (0) and 7", read, oldRead, unread)
		}
		if n, err := db.PruneNotifications(sys, fixedNow.AddDate(0, 0, -90), 0); err != nil || n != 0 {
			t.Errorf("second pruning: %d, %v", n, err)
		}
	})
}

// withoutDigests leaves out the digests of a list of notifications, for
// tests about the notifications of one report.
func withoutDigests(list []*payesh.Notification) []*payesh.Notification {
	var out []*payesh.Notification
	for _, n := range list {
		if n.Kind != payesh.NoteDigest {
			out = append(out, n)
		}
	}
	return out
}
