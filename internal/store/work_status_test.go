package store_test

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// The store tests' today is 2024-07-31 (fixedNow).
var (
	lastMonth = payesh.NewDate(2024, 7, 1)
	nextMonth = payesh.NewDate(2024, 8, 31)
)

func setStatus(t *testing.T, db *store.DB, id int64, s payesh.Status, done payesh.Date) *payesh.WorkItem {
	t.Helper()
	_, after, err := db.PostProgress(sys, id, payesh.ProgressUpdateInput{Status: s, DoneDate: done, Version: mustFind(t, db, id).Version})
	if err != nil {
		t.Fatalf("status %d → %s: %v", id, s, err)
	}
	return after
}

func wantShown(t *testing.T, db *store.DB, id int64, shown payesh.Status, mismatch bool) {
	t.Helper()
	w := mustFind(t, db, id)
	if w.ShownStatus() != shown || w.StatusMismatch != mismatch {
		t.Fatalf("item %d: shown %s (reported %s, derived %q), mismatch %v; want %s, %v",
			id, w.ShownStatus(), w.Status, w.DerivedStatus, w.StatusMismatch, shown, mismatch)
	}
}

func TestDerivedStatus(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		prog := mustWork(t, db, sys, &payesh.WorkItem{Kind: payesh.KindProgram, Title: "برنامه", OwnerUnitID: org.ID})
		a := mustWork(t, db, sys, &payesh.WorkItem{Title: "الف", OwnerUnitID: org.ID, ParentID: &prog.ID})
		b := mustWork(t, db, sys, &payesh.WorkItem{Title: "ب", OwnerUnitID: org.ID, ParentID: &prog.ID, Status: payesh.StatusNotReported})
		wantShown(t, db, prog.ID, payesh.StatusNotReported, true) // one child never reported on

		// A program at 14 % is in progress, whatever was reported on it,
		// and lists filter by what they show.
		progress(t, db, sys, a.ID, 28)
		wantShown(t, db, prog.ID, payesh.StatusInProgress, true)
		for status, want := range map[payesh.Status]bool{payesh.StatusNotStarted: false, payesh.StatusInProgress: true} {
			list, _, err := db.FindWorkItems(sys, payesh.WorkItemFilter{Statuses: []payesh.Status{status}, ParentID: ptr(int64(0))})
			if err != nil {
				t.Fatal(err)
			}
			if got := len(list) == 1; got != want {
				t.Fatalf("status filter %s found the program: %v", status, got)
			}
		}
		setStatus(t, db, prog.ID, payesh.StatusDelayed, payesh.Date{})
		wantShown(t, db, prog.ID, payesh.StatusDelayed, false) // delayed is a way of being in progress

		// Done when every child that counts is: a cancelled one does not.
		setStatus(t, db, a.ID, payesh.StatusDone, payesh.Date{})
		setStatus(t, db, b.ID, payesh.StatusCancelled, payesh.Date{})
		wantShown(t, db, prog.ID, payesh.StatusDone, true)
		setStatus(t, db, prog.ID, payesh.StatusDone, payesh.Date{})
		wantShown(t, db, prog.ID, payesh.StatusDone, false)

		// Reopening a child flags the closed parent.
		progress(t, db, sys, a.ID, 60)
		wantShown(t, db, prog.ID, payesh.StatusInProgress, true)
	})
}

func TestCloseParentWithOpenChildren(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		prog := mustWork(t, db, sys, &payesh.WorkItem{Kind: payesh.KindProgram, Title: "برنامه", OwnerUnitID: org.ID})
		a := mustWork(t, db, sys, &payesh.WorkItem{Title: "الف", OwnerUnitID: org.ID, ParentID: &prog.ID})
		b := mustWork(t, db, sys, &payesh.WorkItem{Title: "ب", OwnerUnitID: org.ID, ParentID: &prog.ID})
		c := mustWork(t, db, sys, &payesh.WorkItem{Title: "ج", OwnerUnitID: org.ID, ParentID: &prog.ID})
		setStatus(t, db, c.ID, payesh.StatusCancelled, payesh.Date{})

		_, _, err := db.PostProgress(sys, prog.ID, payesh.ProgressUpdateInput{Status: payesh.StatusDone, Version: mustFind(t, db, prog.ID).Version})
		wantCode(t, err, payesh.EINVALID)
		e := err.(*payesh.Error)
		if want := strconv.FormatInt(a.ID, 10) + "," + strconv.FormatInt(b.ID, 10); e.Fields["open_children"] != want || e.Fields["status"] != "err.work.open_children" {
			t.Fatalf("fields = %v, want open_children %s", e.Fields, want)
		}
		if mustFind(t, db, prog.ID).Status == payesh.StatusDone {
			t.Fatal("the refused close was saved")
		}
		setStatus(t, db, a.ID, payesh.StatusDone, payesh.Date{})
		setStatus(t, db, b.ID, payesh.StatusDone, payesh.Date{})
		setStatus(t, db, prog.ID, payesh.StatusDone, payesh.Date{})
	})
}

func TestLatenessReachesParents(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		prov := mustUnit(t, db, org, payesh.UnitProvince, "prov")
		prog := mustWork(t, db, sys, &payesh.WorkItem{Kind: payesh.KindProgram, Title: "برنامه بی‌سررسید", OwnerUnitID: org.ID})
		mid := mustWork(t, db, sys, &payesh.WorkItem{Title: "میانی", OwnerUnitID: org.ID, ParentID: &prog.ID, DueDate: nextMonth})
		leaf := mustWork(t, db, sys, &payesh.WorkItem{Title: "گام", OwnerUnitID: prov.ID, ParentID: &mid.ID, DueDate: lastMonth})

		flags := func(id int64, overdue, atRisk bool) {
			t.Helper()
			w := mustFind(t, db, id)
			if w.Overdue != overdue || w.AtRisk != atRisk {
				t.Fatalf("item %d: overdue %v, at risk %v; want %v, %v", id, w.Overdue, w.AtRisk, overdue, atRisk)
			}
		}
		overdueIDs := func() []int64 {
			list, _, err := db.FindWorkItems(sys, payesh.WorkItemFilter{Overdue: ptr(true), Sort: "id"})
			if err != nil {
				t.Fatal(err)
			}
			return ids(list...)
		}
		flags(leaf.ID, true, false)
		flags(mid.ID, false, true) // due next month, but its step is late
		flags(prog.ID, true, true) // no due date: late with what is under it
		if got := overdueIDs(); !equal(got, []int64{prog.ID, leaf.ID}) {
			t.Fatalf("overdue filter = %v", got)
		}
		board, err := db.Board(sys, payesh.Today(fixedNow))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range board {
			if r.UnitID == org.ID && (r.OverdueWork != 1 || r.OldestOverdueDays != 30) {
				t.Fatalf("board row of the organization = %+v", r)
			}
		}

		// Done ten days late: no longer overdue, but the lateness is kept.
		done := setStatus(t, db, leaf.ID, payesh.StatusDone, lastMonth.AddDays(10))
		if done.DaysLate != 10 || done.Overdue {
			t.Fatalf("done late: days_late %d, overdue %v", done.DaysLate, done.Overdue)
		}
		flags(prog.ID, false, false)
		if got := overdueIDs(); len(got) != 0 {
			t.Fatalf("overdue filter after closing = %v", got)
		}
	})
}

// TestMigrationBackfillsDerived: 006_work.sql computes, for trees made
// before it, the same derived status, risk and lateness the store keeps
// on every write (payesh.Derive), on both engines.
func TestMigrationBackfillsDerived(t *testing.T) {
	src, err := os.ReadFile("migrations/006_work.sql")
	if err != nil {
		t.Fatal(err)
	}
	var backfill []string
	for _, stmt := range strings.Split(string(src), ";\n") {
		stmt = strings.TrimSpace(stmt)
		if i := strings.Index(stmt, "\nWITH"); i >= 0 { // drop leading comments
			stmt = stmt[i+1:]
		}
		if strings.HasPrefix(stmt, "WITH") || strings.Contains(stmt, "SET late_from") || strings.Contains(stmt, "SET derived_status") {
			backfill = append(backfill, stmt)
		}
	}
	if len(backfill) != 3 {
		t.Fatalf("found %d backfill statements, want 3", len(backfill))
	}
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		prog := mustWork(t, db, sys, &payesh.WorkItem{Kind: payesh.KindProgram, Title: "برنامه", OwnerUnitID: org.ID})
		mid := mustWork(t, db, sys, &payesh.WorkItem{Title: "میانی", OwnerUnitID: org.ID, ParentID: &prog.ID, DueDate: nextMonth})
		mustWork(t, db, sys, &payesh.WorkItem{Title: "گام دیر", OwnerUnitID: org.ID, ParentID: &mid.ID, DueDate: lastMonth})
		done := mustWork(t, db, sys, &payesh.WorkItem{Title: "انجام‌شده", OwnerUnitID: org.ID, ParentID: &mid.ID, DueDate: lastMonth.AddDays(-9)})
		setStatus(t, db, done.ID, payesh.StatusDone, payesh.Date{})
		other := mustWork(t, db, sys, &payesh.WorkItem{Kind: payesh.KindProgram, Title: "دیگر", OwnerUnitID: org.ID})
		mustWork(t, db, sys, &payesh.WorkItem{Title: "گزارش‌نشده", OwnerUnitID: org.ID, ParentID: &other.ID, Status: payesh.StatusNotReported})

		snapshot := func() string {
			rows, err := db.SQL().Query(`SELECT id, derived_status, COALESCE(risk_from, ''), COALESCE(late_from, '') FROM work_items ORDER BY id`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var b strings.Builder
			for rows.Next() {
				var id int64
				var derived, risk, late string
				if err := rows.Scan(&id, &derived, &risk, &late); err != nil {
					t.Fatal(err)
				}
				fmt.Fprintf(&b, "%d %s %.10s %.10s\n", id, derived, risk, late)
			}
			return b.String()
		}
		want := snapshot()
		if _, err := db.SQL().Exec(`UPDATE work_items SET derived_status = '', risk_from = NULL, late_from = NULL`); err != nil {
			t.Fatal(err)
		}
		for _, stmt := range backfill {
			if _, err := db.SQL().Exec(stmt); err != nil {
				t.Fatalf("%v\n%s", err, stmt)
			}
		}
		if got := snapshot(); got != want {
			t.Fatalf("backfilled:\n%s\nkept by the store:\n%s", got, want)
		}
	})
}
