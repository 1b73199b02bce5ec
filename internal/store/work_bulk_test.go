package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// bulkWorkCase is one item of the trees TestLoadWorkItemsMatchesWrites
// builds twice: through the store's writes and with LoadWorkItems.
type bulkWorkCase struct {
	parent   int // index, -1 top level
	kind     payesh.WorkKind
	status   payesh.Status // what is reported, by a progress update
	progress float64       // a leaf's reported progress
	due      string
	done     string
	weight   float64
	partner  bool
}

var bulkWorkCases = []bulkWorkCase{
	{parent: -1, kind: payesh.KindProgram, status: payesh.StatusInProgress, due: "2024-12-20", weight: 1, partner: true}, // 0
	{parent: 0, kind: payesh.KindAction, progress: 40, due: "2024-06-01", weight: 2},                                     // 1: overdue
	{parent: 0, kind: payesh.KindAction, status: payesh.StatusDone, due: "2024-05-01", done: "2024-05-20", weight: 1},    // 2: done late
	{parent: 0, kind: payesh.KindAction, status: payesh.StatusDelayed, weight: 3},                                        // 3: no due date, parent
	{parent: 3, kind: payesh.KindMilestone, status: payesh.StatusNotStarted, due: "2024-03-10", weight: 1},               // 4: overdue, deep
	{parent: 3, kind: payesh.KindMilestone, status: payesh.StatusCancelled, due: "2024-01-10", weight: 5},                // 5
	{parent: 3, kind: payesh.KindMilestone, progress: 70, due: "2025-01-10", weight: 1, partner: true},                   // 6
	{parent: 0, kind: payesh.KindAction, status: payesh.StatusNotReported, weight: 1},                                    // 7: no due date
	{parent: -1, kind: payesh.KindProgram, status: payesh.StatusDone, due: "2024-06-30", done: "2024-06-15", weight: 1},  // 8: done tree
	{parent: 8, kind: payesh.KindAction, status: payesh.StatusDone, due: "2024-06-10", done: "2024-06-12", weight: 1},    // 9
	{parent: 8, kind: payesh.KindAction, status: payesh.StatusDone, due: "2024-06-20", done: "2024-06-01", weight: 4},    // 10
	{parent: -1, kind: payesh.KindResolution, progress: 10, due: "2024-09-01", weight: 1},                                // 11: lone leaf
	{parent: -1, kind: payesh.KindProgram, status: payesh.StatusNotStarted, due: "2025-03-01", weight: 1},                // 12
	{parent: 12, kind: payesh.KindAction, status: payesh.StatusNotStarted, due: "2024-08-01", weight: 1},                 // 13: open, future
}

// TestLoadWorkItemsMatchesWrites builds the same work trees through
// CreateWorkItem and PostProgress in one database and with LoadWorkItems
// in another, and compares every stored column (but the version, which
// each write bumps) and the history: a column the store derives that the
// loader forgets shows here.
func TestLoadWorkItemsMatchesWrites(t *testing.T) {
	for _, engine := range []string{store.SQLite, store.Postgres} {
		t.Run(engine, func(t *testing.T) {
			written := storetest.OpenEngine(t, engine, opts())
			loaded := storetest.OpenEngine(t, engine, opts())
			unitsW, clauseW := bulkWorkWorld(t, written)
			unitsL, clauseL := bulkWorkWorld(t, loaded)
			writeWorkCases(t, written, unitsW, clauseW)
			ids, err := loaded.LoadWorkItems(sys, bulkWorkItems(unitsL, clauseL))
			if err != nil {
				t.Fatal(err)
			}
			if len(ids) != len(bulkWorkCases) {
				t.Fatalf("%d ids for %d items", len(ids), len(bulkWorkCases))
			}
			for _, q := range []string{
				`SELECT * FROM work_items ORDER BY id`,
				`SELECT * FROM work_item_partners ORDER BY work_item_id, unit_id`,
				`SELECT * FROM work_item_clauses ORDER BY work_item_id, clause_id`,
				`SELECT work_item_id, author_id, author_name, created_at, progress, status, note FROM progress_updates ORDER BY work_item_id, id`,
			} {
				want, got := dumpRows(t, written.SQL(), q), dumpRows(t, loaded.SQL(), q)
				if want != got {
					t.Errorf("%s\nwritten:\n%s\nloaded:\n%s", q, want, got)
				}
			}
			// A load adds beside what is there, and a write after it
			// takes the next id.
			more, err := loaded.LoadWorkItems(sys, bulkWorkItems(unitsL, clauseL)[:2])
			if err != nil {
				t.Fatal(err)
			}
			if more[0] != ids[len(ids)-1]+1 {
				t.Errorf("second load starts at id %d, want %d", more[0], ids[len(ids)-1]+1)
			}
			w := &payesh.WorkItem{Kind: payesh.KindAction, Title: "بعدی", OwnerUnitID: unitsL[0]}
			if err := loaded.CreateWorkItem(sys, w); err != nil {
				t.Fatal(err)
			}
			if w.ID != more[1]+1 {
				t.Errorf("created id %d after loaded %d", w.ID, more[1])
			}
			got, err := loaded.FindWorkItemByID(sys, ids[0])
			if err != nil || got.ChildCount != 4 || got.Overdue || !got.AtRisk {
				t.Errorf("program as found: %+v, %v", got, err)
			}
		})
	}
}

func bulkWorkWorld(t *testing.T, db *store.DB) ([]int64, int64) {
	t.Helper()
	root := mustUnit(t, db, nil, payesh.UnitOrganization, "org")
	prov := mustUnit(t, db, root, payesh.UnitProvince, "p1")
	other := mustUnit(t, db, root, payesh.UnitProvince, "p2")
	doc := &payesh.Document{Code: "d", Kind: payesh.DocPolicy, TitleFA: "سند"}
	if err := db.CreateDocument(sys, doc); err != nil {
		t.Fatal(err)
	}
	cl := &payesh.Clause{DocumentID: doc.ID, Number: "1", Ordinal: 1, TitleFA: "بند"}
	if err := db.CreateClause(sys, cl); err != nil {
		t.Fatal(err)
	}
	return []int64{prov.ID, other.ID}, cl.ID
}

func bulkDate(s string) payesh.Date {
	d, err := payesh.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func bulkWorkItems(units []int64, clause int64) []store.BulkWorkItem {
	out := make([]store.BulkWorkItem, len(bulkWorkCases))
	for i, c := range bulkWorkCases {
		b := store.BulkWorkItem{Kind: c.kind, Parent: c.parent, Code: fmt.Sprint("w", i), Title: fmt.Sprint("کار ", i),
			OwnerUnitID: units[0], ClauseIDs: []int64{clause}, DueDate: bulkDate(c.due), DoneDate: bulkDate(c.done),
			Status: payesh.StatusNotStarted, Weight: c.weight, Progress: c.progress}
		if c.partner {
			b.PartnerUnitIDs = []int64{units[1]}
		}
		if c.status != "" {
			b.Status = c.status
		}
		if c.progress > 0 {
			p := c.progress
			b.History = append(b.History, store.BulkProgress{At: fixedNow, Progress: &p, Note: "پیشرفت"})
			if c.status == "" {
				b.Status = payesh.StatusInProgress
			}
		}
		if c.status != "" && c.status != payesh.StatusNotStarted {
			b.History = append(b.History, store.BulkProgress{At: fixedNow, Status: c.status, Note: "وضعیت"})
		}
		out[i] = b
	}
	return out
}

// writeWorkCases makes the cases through the store's own writes: every
// item created not started, then leaves' progress, then statuses from
// the deepest item up, as people would report them.
func writeWorkCases(t *testing.T, db *store.DB, units []int64, clause int64) {
	t.Helper()
	ids := make([]int64, len(bulkWorkCases))
	for i, c := range bulkWorkCases {
		w := &payesh.WorkItem{Kind: c.kind, Code: fmt.Sprint("w", i), Title: fmt.Sprint("کار ", i), OwnerUnitID: units[0],
			ClauseIDs: []int64{clause}, DueDate: bulkDate(c.due), Weight: c.weight}
		if c.partner {
			w.PartnerUnitIDs = []int64{units[1]}
		}
		if c.parent >= 0 {
			w.ParentID = &ids[c.parent]
		}
		if err := db.CreateWorkItem(sys, w); err != nil {
			t.Fatalf("create %d: %v", i, err)
		}
		ids[i] = w.ID
	}
	post := func(i int, in payesh.ProgressUpdateInput) {
		t.Helper()
		w, err := db.FindWorkItemByID(sys, ids[i])
		if err != nil {
			t.Fatal(err)
		}
		in.Version = w.Version
		if _, _, err := db.PostProgress(sys, ids[i], in); err != nil {
			t.Fatalf("progress of %d: %v", i, err)
		}
	}
	for i, c := range bulkWorkCases {
		if c.progress > 0 {
			p := c.progress
			post(i, payesh.ProgressUpdateInput{Progress: &p, Note: "پیشرفت"})
		}
	}
	for i := len(bulkWorkCases) - 1; i >= 0; i-- {
		c := bulkWorkCases[i]
		if c.status != "" && c.status != payesh.StatusNotStarted {
			post(i, payesh.ProgressUpdateInput{Status: c.status, DoneDate: bulkDate(c.done), Note: "وضعیت"})
		}
	}
}

// dumpRows renders a query's rows as text, leaving out the version column.
func dumpRows(t *testing.T, db *sql.DB, query string) string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, c := range cols {
			if c == "version" {
				continue
			}
			v := vals[i]
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			fmt.Fprintf(&sb, "%s=%v ", c, v)
		}
		sb.WriteString("\n")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return sb.String()
}
