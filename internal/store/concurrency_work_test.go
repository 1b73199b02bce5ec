package store_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestConcurrentProgressOnSiblings posts progress on the leaves of one
// program — direct actions and actions nested one level deeper — from
// eight writers on two instances at once. Every parent must end equal to
// the weighted mean of its children, as payesh.RollUp makes it.
func TestConcurrentProgressOnSiblings(t *testing.T) {
	storetest.EngineTwins(t, opts(), func(t *testing.T, a, b *store.DB) {
		org := mustUnit(t, a, nil, payesh.UnitOrganization, "sso")
		program := mustWork(t, a, sys, &payesh.WorkItem{Kind: payesh.KindProgram, Title: "برنامه", OwnerUnitID: org.ID})
		var leaves []*payesh.WorkItem
		for i := 0; i < writers; i++ {
			w := mustWork(t, a, sys, &payesh.WorkItem{Title: fmt.Sprint("اقدام ", i), OwnerUnitID: org.ID,
				ParentID: &program.ID, Weight: float64(1 + i%3)})
			if i%4 == 3 { // every fourth action has steps of its own
				for j := 0; j < 2; j++ {
					leaves = append(leaves, mustWork(t, a, sys, &payesh.WorkItem{Title: "گام", OwnerUnitID: org.ID,
						ParentID: &w.ID, Weight: float64(1 + j)}))
				}
				continue
			}
			leaves = append(leaves, w)
		}
		for round := 0; round < rounds; round++ {
			hammer(t, [2]*store.DB{a, b}, func(db *store.DB, worker int) error {
				// Each writer owns its leaves, so a conflict here would be a
				// version bumped by someone else's roll-up: a bug too.
				for i := worker; i < len(leaves); i += writers {
					if err := postFresh(db, leaves[i].ID, float64(5*(round+worker+i)%101)); err != nil {
						return err
					}
				}
				return nil
			})
			checkTree(t, a)
		}
	})
}

// TestConcurrentMovesDeletesAndProgress races a re-parent, a create and a
// delete against progress updates in the same trees: every parent ends
// equal to its children's weighted mean, every path matches its parent,
// and nothing but a version conflict reaches a writer.
func TestConcurrentMovesDeletesAndProgress(t *testing.T) {
	storetest.EngineTwins(t, opts(), func(t *testing.T, a, b *store.DB) {
		org := mustUnit(t, a, nil, payesh.UnitOrganization, "sso")
		mk := func(parent *payesh.WorkItem, title string) *payesh.WorkItem {
			w := &payesh.WorkItem{Title: title, OwnerUnitID: org.ID}
			if parent != nil {
				w.ParentID = &parent.ID
			}
			return mustWork(t, a, sys, w)
		}
		progA, progB := mk(nil, "برنامه الف"), mk(nil, "برنامه ب")
		mover := mk(progA, "اقدام جابه‌جاشونده")
		steps := []*payesh.WorkItem{mk(mover, "گام ۱"), mk(mover, "گام ۲")}
		stayA, stayB := mk(progA, "اقدام الف"), mk(progB, "اقدام ب")
		for round := 0; round < rounds; round++ {
			seeds := writerSeeds(round, 8)
			hammer(t, [2]*store.DB{a, b}, func(db *store.DB, worker int) error {
				r := rand.New(rand.NewPCG(seeds[worker], 1))
				switch worker % 4 {
				case 0: // move the action to the other program
					w, err := db.FindWorkItemByID(sys, mover.ID)
					if err != nil {
						return err
					}
					to := progA.ID
					if *w.ParentID == progA.ID {
						to = progB.ID
					}
					_, err = db.UpdateWorkItem(sys, w.ID, payesh.WorkItemUpdate{ParentID: &to, Version: w.Version})
					return err
				case 1: // progress on the moving action's steps
					return postFresh(db, steps[r.IntN(2)].ID, float64(r.IntN(101)))
				case 2: // progress on the actions that stay
					return postFresh(db, []int64{stayA.ID, stayB.ID}[r.IntN(2)], float64(r.IntN(101)))
				default: // a step that is added under the mover, reported and deleted
					return addReportDelete(db, org.ID, mover.ID, float64(r.IntN(101)))
				}
			})
			checkTree(t, a)
			checkPaths(t, a)
		}
	})
}

// postFresh reads an item and posts progress against the version read.
func postFresh(db *store.DB, id int64, p float64) error {
	w, err := db.FindWorkItemByID(sys, id)
	if err != nil {
		return err
	}
	_, _, err = db.PostProgress(sys, id, payesh.ProgressUpdateInput{Progress: &p, Version: w.Version})
	return err
}

func addReportDelete(db *store.DB, unit, parent int64, p float64) error {
	w := &payesh.WorkItem{Kind: payesh.KindAction, Title: "گام موقت", OwnerUnitID: unit, ParentID: &parent}
	if err := db.CreateWorkItem(sys, w); err != nil {
		return err
	}
	for {
		err := postFresh(db, w.ID, p)
		if err == nil {
			break
		} else if payesh.ErrorCode(err) != payesh.ECONFLICT {
			return err
		}
	}
	for {
		cur, err := db.FindWorkItemByID(sys, w.ID)
		if err != nil {
			return err
		}
		if err = db.DeleteWorkItem(sys, w.ID, cur.Version); payesh.ErrorCode(err) != payesh.ECONFLICT {
			return err
		}
	}
}

// checkPaths checks that every item's materialized path is its parent's
// path and its own id.
func checkPaths(t *testing.T, db *store.DB) {
	t.Helper()
	all, _, err := db.FindWorkItems(sys, payesh.WorkItemFilter{Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]*payesh.WorkItem{}
	for _, w := range all {
		byID[w.ID] = w
	}
	for _, w := range all {
		want := fmt.Sprintf("/%d/", w.ID)
		if w.ParentID != nil {
			want = fmt.Sprintf("%s%d/", byID[*w.ParentID].Path, w.ID)
		}
		if w.Path != want {
			t.Fatalf("item %d: path %q, want %q", w.ID, w.Path, want)
		}
	}
}
