package bench

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"payesh"
	"payesh/internal/store"
)

// WorkConfig shapes the work-item bench: the sizes it grows through and
// how hard it times each request.
type WorkConfig struct {
	// Sizes are the numbers of work items timed, ascending: each size adds
	// items to the previous one's, so the growth between them shows.
	Sizes  []int
	Owners int // owner units: the provinces, then counties and branches
	// Runs is how many single-user requests give each p50 and p95, cut
	// short after RunBudget when a request is slow (at least MinRuns).
	Runs, MinRuns int
	RunBudget     time.Duration
	// Connections is how many clients ask at once, for Duration, to
	// measure throughput.
	Connections int
	Duration    time.Duration
	// ActionLinks is the percentage of actions linked to their program's
	// clause; every program is linked to one.
	ActionLinks int
	Seed        uint64
}

// FullWork is the bench: 10 k and 100 k items.
func FullWork(sizes ...int) WorkConfig {
	if len(sizes) == 0 {
		sizes = []int{10_000, 100_000}
	}
	return WorkConfig{Sizes: sizes, Owners: 40, Runs: 40, MinRuns: 5, RunBudget: 15 * time.Second,
		Connections: 8, Duration: 3 * time.Second, ActionLinks: 20, Seed: 1404}
}

// SmallWork is what CI runs: 2,000 items, timed briefly.
func SmallWork(sizes ...int) WorkConfig {
	if len(sizes) == 0 {
		sizes = []int{2_000}
	}
	return WorkConfig{Sizes: sizes, Owners: 40, Runs: 8, MinRuns: 3, RunBudget: 2 * time.Second,
		Connections: 8, Duration: 300 * time.Millisecond, ActionLinks: 20, Seed: 1404}
}

// workShape is what the generator knows of the organization and the
// policy: who owns work, who partners, which clauses it answers.
type workShape struct {
	owners   []int64 // the provinces first, then counties and branches
	province map[int64]int64
	partners []int64 // provinces and counties
	clauses  []int64 // sub-clauses of the nine axes
	today    payesh.Date
	rng      *rand.Rand
	// actionLinks is the percentage of actions linked to a clause.
	actionLinks int
	programs    int // trees made so far, for codes
	generated   int
}

// workWorld is the generated work and what the timed requests need of it.
type workWorld struct {
	shape     *workShape
	Province  int64   // the reporter's province
	Leaf      int64   // a branch, for the values grid
	Items     []int64 // every item made, in order
	Updatable []int64 // open leaves of the reporter's province, one per tree
	Load      []time.Duration
	updater   *updater // keeps their versions across sizes
}

// newWorkWorld picks the owners and adds sub-clauses under each axis.
func newWorkWorld(ctx context.Context, db *store.DB, d *Dataset, wc WorkConfig, today payesh.Date) (*workWorld, error) {
	s := &workShape{province: map[int64]int64{}, today: today, rng: rand.New(rand.NewPCG(wc.Seed, 10)), actionLinks: wc.ActionLinks}
	perProv := len(d.Counties) / max(len(d.Provinces), 1)
	leavesPer := len(d.Leaves) / max(len(d.Counties), 1)
	for i, p := range d.Provinces {
		s.province[p] = p
		for k := range perProv {
			c := d.Counties[i*perProv+k]
			s.province[c] = p
			for b := range leavesPer {
				s.province[d.Leaves[(i*perProv+k)*leavesPer+b]] = p
			}
		}
	}
	s.owners = append(s.owners, d.Provinces[:min(wc.Owners, len(d.Provinces))]...)
	// Then counties and branches, spread over the provinces in turn.
	more := append(roundRobin(d.Counties, len(d.Provinces)), roundRobin(d.Leaves, len(d.Provinces))...)
	for _, u := range more {
		if len(s.owners) >= wc.Owners {
			break
		}
		s.owners = append(s.owners, u)
	}
	s.partners = append(append(s.partners, d.Provinces...), d.Counties...)
	for a, axis := range d.Axes {
		for n := 1; n <= 4; n++ {
			cl := &payesh.Clause{DocumentID: 0, ParentID: &axis, Number: fmt.Sprintf("%d-%d", a+1, n), Ordinal: n,
				TitleFA: fmt.Sprintf("جزء %d محور %d", n, a+1)}
			parent, err := db.FindClauseByID(ctx, axis)
			if err != nil {
				return nil, err
			}
			cl.DocumentID = parent.DocumentID
			if err := db.CreateClause(ctx, cl); err != nil {
				return nil, err
			}
			s.clauses = append(s.clauses, cl.ID)
		}
	}
	return &workWorld{shape: s, Province: d.Provinces[0], Leaf: d.Leaves[len(d.Leaves)/2]}, nil
}

// roundRobin orders units grouped by province (n groups of equal size)
// so that consecutive ones are in different provinces.
func roundRobin(units []int64, groups int) []int64 {
	per := len(units) / max(groups, 1)
	out := make([]int64, 0, len(units))
	for k := range per {
		for g := range groups {
			out = append(out, units[g*per+k])
		}
	}
	return out
}

// grow adds work items until there are n, loading them in bulk.
func (w *workWorld) grow(ctx context.Context, db *store.DB, n int, log io.Writer) error {
	start := time.Now()
	var items []store.BulkWorkItem
	var updatable []int // indexes in items
	for w.shape.generated+len(items) < n {
		tree, upd := w.shape.tree(n-w.shape.generated-len(items), w.Province)
		for _, u := range upd {
			updatable = append(updatable, len(items)+u)
		}
		for i := range tree {
			if tree[i].Parent >= 0 {
				tree[i].Parent += len(items)
			}
		}
		items = append(items, tree...)
	}
	const batch = 25_000 // whole trees per load
	for from := 0; from < len(items); {
		to := min(from+batch, len(items))
		for to < len(items) && items[to].Parent >= 0 {
			to++
		}
		part := make([]store.BulkWorkItem, to-from)
		copy(part, items[from:to])
		for i := range part {
			if part[i].Parent >= 0 {
				part[i].Parent -= from
			}
		}
		ids, err := db.LoadWorkItems(ctx, part)
		if err != nil {
			return err
		}
		w.Items = append(w.Items, ids...)
		from = to
	}
	for _, u := range updatable {
		w.Updatable = append(w.Updatable, w.Items[len(w.Items)-len(items)+u])
	}
	w.shape.generated += len(items)
	took := time.Since(start)
	w.Load = append(w.Load, took)
	fmt.Fprintf(log, "  %d work items loaded (%d added in %s)\n", len(w.Items), len(items), took.Round(time.Millisecond))
	return nil
}

// tree makes one program with its actions and milestones, at most limit
// items. It returns the items, parents before children (Parent indexes
// within the tree), and which of them the province reporter may update.
func (s *workShape) tree(limit int, reporterProvince int64) ([]store.BulkWorkItem, []int) {
	rng := s.rng
	s.programs++
	owner := s.owners[rng.IntN(len(s.owners))]
	clause := s.clauses[rng.IntN(len(s.clauses))]
	// A sixth of programs are done, every item in them; in open ones a
	// few leaves are done. With the share of leaves that makes a fifth
	// of all items done.
	done := rng.IntN(100) < 15
	var items []store.BulkWorkItem
	add := func(b store.BulkWorkItem) int {
		items = append(items, b)
		return len(items) - 1
	}
	prog := add(s.item(payesh.KindProgram, -1, fmt.Sprintf("P%d", s.programs), owner, done, limit == 1))
	items[prog].ClauseIDs = []int64{clause}
	items[prog].PartnerUnitIDs = s.partnersFor(owner, 2)
	actions := 3 + rng.IntN(10)
	for a := 1; a <= actions && len(items) < limit; a++ {
		actOwner := owner
		if rng.IntN(5) == 0 {
			actOwner = s.owners[rng.IntN(len(s.owners))]
		}
		hasMilestones := rng.IntN(10) < 3 && len(items)+2 <= limit
		act := add(s.item(payesh.KindAction, prog, fmt.Sprintf("P%d-A%d", s.programs, a), actOwner, done, !hasMilestones))
		if rng.IntN(100) < s.actionLinks {
			items[act].ClauseIDs = []int64{clause}
		}
		items[act].PartnerUnitIDs = s.partnersFor(actOwner, rng.IntN(2))
		if hasMilestones {
			for m := 1; m <= 1+rng.IntN(4) && len(items) < limit; m++ {
				add(s.item(payesh.KindMilestone, act, fmt.Sprintf("P%d-A%d-M%d", s.programs, a, m), actOwner, done, true))
			}
		}
	}
	// Leaves with children were drawn as parents; an action whose
	// milestones the limit cut off is a leaf after all.
	kids := make([]int, len(items))
	for _, b := range items {
		if b.Parent >= 0 {
			kids[b.Parent]++
		}
	}
	var updatable []int
	for i := range items {
		b := &items[i]
		if kids[i] == 0 && b.Progress == 0 && b.Status == payesh.StatusInProgress {
			s.leafState(b)
		}
		if kids[i] == 0 && b.Status == payesh.StatusInProgress && s.province[b.OwnerUnitID] == reporterProvince && len(updatable) == 0 {
			updatable = append(updatable, i)
		}
	}
	return items, updatable
}

// item draws one item: its dates, and its status and progress as a leaf
// (leaf) or as a parent, whose progress the store rolls up.
func (s *workShape) item(kind payesh.WorkKind, parent int, code string, owner int64, done, leaf bool) store.BulkWorkItem {
	rng := s.rng
	title := map[payesh.WorkKind]string{payesh.KindProgram: "برنامه", payesh.KindAction: "اقدام", payesh.KindMilestone: "نقطه عطف"}[kind]
	b := store.BulkWorkItem{Kind: kind, Parent: parent, Code: code, Title: title + " " + code, OwnerUnitID: owner,
		Weight: float64(1 + rng.IntN(5))}
	switch {
	case done:
		b.DueDate = s.today.AddDays(-1 - rng.IntN(700))
		b.DoneDate = b.DueDate.AddDays(rng.IntN(90) - 60)
		if b.DoneDate.After(s.today) {
			b.DoneDate = s.today
		}
		b.Status = payesh.StatusDone
	case rng.IntN(1000) < 440: // open and overdue: a third of all items
		b.DueDate = s.today.AddDays(-1 - rng.IntN(400))
	case leaf && rng.IntN(100) < 3: // no due date yet
	default:
		b.DueDate = s.today.AddDays(1 + rng.IntN(500))
	}
	if !b.DueDate.IsZero() {
		b.StartDate = b.DueDate.AddDays(-60 - rng.IntN(340))
	}
	at := s.today.AddDays(-rng.IntN(60)).Time().Add(9 * time.Hour)
	switch {
	case done:
		b.History = []store.BulkProgress{{At: at, Status: payesh.StatusDone, Note: "انجام شد"}}
	case !leaf:
		// A parent's reported status: mostly in progress.
		b.Status = []payesh.Status{payesh.StatusInProgress, payesh.StatusInProgress, payesh.StatusInProgress,
			payesh.StatusInProgress, payesh.StatusInProgress, payesh.StatusInProgress, payesh.StatusInProgress,
			payesh.StatusNotReported, payesh.StatusDelayed, payesh.StatusNotStarted}[rng.IntN(10)]
		if b.Status != payesh.StatusNotStarted {
			b.History = []store.BulkProgress{{At: at, Status: b.Status, Note: "گزارش وضعیت"}}
		}
	default:
		b.Status = payesh.StatusInProgress // leafState draws it
	}
	return b
}

// leafState draws an open tree's leaf: its status, progress and history.
func (s *workShape) leafState(b *store.BulkWorkItem) {
	rng := s.rng
	at := s.today.AddDays(-rng.IntN(90)).Time().Add(10 * time.Hour)
	switch r := rng.IntN(100); {
	case r < 47:
		b.Status, b.Progress = payesh.StatusInProgress, float64(5+rng.IntN(91))
	case r < 62:
		b.Status = payesh.StatusNotStarted
	case r < 77:
		b.Status = payesh.StatusNotReported
	case r < 89:
		b.Status, b.Progress = payesh.StatusDelayed, float64(5+rng.IntN(76))
	case r < 92:
		b.Status = payesh.StatusCancelled
	default:
		b.Status, b.Progress = payesh.StatusDone, 100
		b.DoneDate = s.today.AddDays(-rng.IntN(200))
		if !b.DueDate.IsZero() && b.DueDate.Before(b.DoneDate) && rng.IntN(2) == 0 {
			b.DoneDate = b.DueDate
		}
	}
	if b.Progress > 0 && b.Status != payesh.StatusDone {
		// One to three reports climbing to today's progress.
		n := 1 + rng.IntN(3)
		for k := 1; k <= n; k++ {
			p := b.Progress * float64(k) / float64(n)
			b.History = append(b.History, store.BulkProgress{At: at.Add(time.Duration(k-n) * 240 * time.Hour), Progress: &p, Note: "پیشرفت کار"})
		}
	}
	if b.Status != payesh.StatusInProgress && b.Status != payesh.StatusNotStarted {
		b.History = append(b.History, store.BulkProgress{At: at, Status: b.Status, Note: "گزارش وضعیت"})
	}
}

// partnersFor draws n partner units other than the owner.
func (s *workShape) partnersFor(owner int64, n int) []int64 {
	var out []int64
	for len(out) < n {
		p := s.partners[s.rng.IntN(len(s.partners))]
		if p != owner && !containsID(out, p) {
			out = append(out, p)
		}
	}
	return out
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
