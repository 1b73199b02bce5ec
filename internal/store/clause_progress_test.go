package store_test

import (
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

func TestClauseProgress(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		doc := mustPolicy(t, db)
		c := func(parent *payesh.Clause, n string) *payesh.Clause { return mustClause(t, db, doc, parent, n) }
		c1, c2 := c(nil, "1"), c(nil, "2")
		c11 := c(c1, "1-1")
		// A program linked to clause 1 whose action is linked to 1-1: the
		// action counts for 1-1, and for 1 only through its program.
		prog := mustWork(t, db, sys, &payesh.WorkItem{Kind: payesh.KindProgram, Title: "برنامه", OwnerUnitID: org.ID, ClauseIDs: []int64{c1.ID}})
		act := mustWork(t, db, sys, &payesh.WorkItem{Title: "اقدام", OwnerUnitID: org.ID, ParentID: &prog.ID, ClauseIDs: []int64{c11.ID}})
		mustWork(t, db, sys, &payesh.WorkItem{Title: "دیگر", OwnerUnitID: org.ID, ParentID: &prog.ID})
		late := mustWork(t, db, sys, &payesh.WorkItem{Title: "دیرکرد", OwnerUnitID: org.ID, Weight: 3, ClauseIDs: []int64{c11.ID},
			DueDate: payesh.NewDate(2024, 1, 1)})
		progress(t, db, sys, act.ID, 100) // program now 50
		progress(t, db, sys, late.ID, 20)

		got, err := db.FindClauseProgress(sys, doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		check := func(cl *payesh.Clause, items, done, overdue int, pct float64) {
			t.Helper()
			g := got[cl.ID]
			if g.Items != items || g.Done != done || g.Overdue != overdue || g.Progress < pct-1e-9 || g.Progress > pct+1e-9 {
				t.Errorf("clause %s: %+v; want items %d done %d overdue %d progress %v", cl.Number, g, items, done, overdue, pct)
			}
		}
		check(c1, 2, 0, 1, (50*1+20*3)/4.0) // program (50) and the late item (20, weight 3)
		check(c11, 2, 1, 1, (100*1+20*3)/4.0)
		check(c2, 0, 0, 0, 0)

		// Answers are cached while nothing changes; a write shows at once.
		progress(t, db, sys, late.ID, 60)
		if got, err = db.FindClauseProgress(sys, doc.ID); err != nil {
			t.Fatal(err)
		}
		check(c11, 2, 1, 1, (100*1+60*3)/4.0)

		// The tree's counts of linked work, made from one read of the
		// links, agree with one clause's own count: 1 reaches the program,
		// the action and the late item; 1-1 the action and the late item.
		tree, err := db.FindClauses(sys, doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := map[int64]int{c1.ID: 3, c11.ID: 2, c2.ID: 0}
		for _, cl := range tree {
			one, err := db.FindClauseByID(sys, cl.ID)
			if err != nil {
				t.Fatal(err)
			}
			if cl.WorkCount != want[cl.ID] || one.WorkCount != cl.WorkCount {
				t.Errorf("clause %s: tree count %d, own count %d, want %d", cl.Number, cl.WorkCount, one.WorkCount, want[cl.ID])
			}
		}
	})
}
