package store

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"payesh"
)

// naiveClauseProgress is the former quadratic aggregation, kept as the
// reference the one-pass version must agree with.
func naiveClauseProgress(clauses []*payesh.Clause, links []clauseLink, today payesh.Date) map[int64]*payesh.ClauseProgress {
	out := map[int64]*payesh.ClauseProgress{}
	for _, c := range clauses {
		items := map[string]linkedItem{}
		for _, l := range links {
			if strings.HasPrefix(l.clausePath, c.Path) {
				items[l.item.path] = l.item
			}
		}
		var top []linkedItem
		for p, it := range items {
			covered := false
			for q := range items {
				if q != p && strings.HasPrefix(p, q) {
					covered = true
					break
				}
			}
			if !covered {
				top = append(top, it)
			}
		}
		cp := &payesh.ClauseProgress{ClauseID: c.ID, Items: len(top)}
		children := make([]payesh.Child, len(top))
		for i, it := range top {
			children[i] = it.Child
			w := payesh.WorkItem{Status: it.Status, DueDate: it.Due, RiskFrom: it.RiskFrom}
			if it.Status == payesh.StatusDone {
				cp.Done++
			}
			if w.IsOverdue(today) {
				cp.Overdue++
			}
		}
		cp.Progress = payesh.RollUp(children)
		out[c.ID] = cp
	}
	return out
}

// clauseWorld builds a clause tree of 9 axes × subs × parts and nItems
// work items in trees of programs → actions → sub-actions, linked at
// random (an item to one to three clauses, a third of them unlinked).
func clauseWorld(r *rand.Rand, nItems int) ([]*payesh.Clause, []clauseLink) {
	var clauses []*payesh.Clause
	id := int64(0)
	add := func(parent *payesh.Clause) *payesh.Clause {
		id++
		c := &payesh.Clause{ID: id, Path: fmt.Sprintf("/%d/", id)}
		if parent != nil {
			c.ParentID, c.Path = &parent.ID, fmt.Sprintf("%s%d/", parent.Path, id)
		}
		clauses = append(clauses, c)
		return c
	}
	for range 9 {
		a := add(nil)
		for range 4 {
			s := add(a)
			for range 3 {
				add(s)
			}
		}
	}
	statuses := []payesh.Status{payesh.StatusNotStarted, payesh.StatusInProgress, payesh.StatusDone, payesh.StatusCancelled}
	var paths []string
	var links []clauseLink
	for i := 1; i <= nItems; i++ {
		p := fmt.Sprintf("/%d/", i)
		if len(paths) > 0 && r.IntN(4) != 0 {
			p = fmt.Sprintf("%s%d/", paths[r.IntN(len(paths))], i)
		}
		paths = append(paths, p)
		it := linkedItem{path: p, Child: payesh.Child{Weight: float64(1 + r.IntN(3)), Progress: float64(r.IntN(101)),
			Status: statuses[r.IntN(len(statuses))]}}
		if r.IntN(3) == 0 {
			it.Due = payesh.NewDate(2024, 1, 1+r.IntN(28))
		}
		if r.IntN(3) == 0 {
			continue
		}
		for range 1 + r.IntN(3) {
			links = append(links, clauseLink{clausePath: clauses[r.IntN(len(clauses))].Path, item: it})
		}
	}
	return clauses, links
}

func TestClauseProgressMatchesNaive(t *testing.T) {
	today := payesh.NewDate(2024, 1, 15)
	for seed := range uint64(20) {
		r := rand.New(rand.NewPCG(seed, 7))
		clauses, links := clauseWorld(r, 50+r.IntN(400))
		want := naiveClauseProgress(clauses, links, today)
		got := clauseProgress(clauses, links, today)
		if len(got) != len(want) {
			t.Fatalf("seed %d: %d clauses, want %d", seed, len(got), len(want))
		}
		for id, w := range want {
			g := got[id]
			if g == nil || g.Items != w.Items || g.Done != w.Done || g.Overdue != w.Overdue || math.Abs(g.Progress-w.Progress) > 1e-9 {
				t.Fatalf("seed %d clause %d: %+v, want %+v", seed, id, g, w)
			}
		}
	}
}

func TestTopMost(t *testing.T) {
	var links []clauseLink
	var idx []int32
	for i, p := range []string{"/1/", "/1/2/", "/1/2/5/", "/10/", "/10/3/", "/11/", "/3/4/"} {
		links, idx = append(links, clauseLink{item: linkedItem{path: p}}), append(idx, int32(i))
	}
	var got []string
	for _, i := range topMost(links, idx, nil) {
		got = append(got, links[i].item.path)
	}
	if strings.Join(got, " ") != "/1/ /10/ /11/ /3/4/" {
		t.Errorf("topMost = %v", got)
	}
}

// BenchmarkClauseProgress aggregates 100 k links (every item linked, as
// the bench links every action of a program to its clause). The naive
// variant is the former quadratic one, at 10 k links: at 100 k it takes
// seconds per run.
func BenchmarkClauseProgress(b *testing.B) {
	today := payesh.NewDate(2024, 1, 15)
	world := func(n int) ([]*payesh.Clause, []clauseLink) {
		r := rand.New(rand.NewPCG(1, 2))
		clauses, _ := clauseWorld(r, 0)
		links := make([]clauseLink, n)
		for i := range links {
			// 1,000 programs of 100 actions, each linked to a clause of
			// its program's axis.
			prog := i / 100
			p := fmt.Sprintf("/%d/%d/", prog+1, 100000+i)
			c := clauses[(prog%9)*17+1+r.IntN(16)]
			links[i] = clauseLink{clausePath: c.Path, item: linkedItem{path: p, Child: payesh.Child{Weight: 1, Progress: float64(i % 100)}}}
		}
		return clauses, links
	}
	for _, n := range []int{10_000, 100_000} {
		clauses, links := world(n)
		b.Run(fmt.Sprintf("onepass/%d", n), func(b *testing.B) {
			for b.Loop() {
				clauseProgress(clauses, links, today)
			}
		})
	}
	for _, n := range []int{10_000, 100_000} {
		clauses, links := world(n)
		b.Run(fmt.Sprintf("naive/%d", n), func(b *testing.B) {
			for b.Loop() {
				naiveClauseProgress(clauses, links, today)
			}
		})
	}
}
