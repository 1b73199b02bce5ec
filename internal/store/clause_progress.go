package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"payesh"
)

// FindClauseProgress loads every (clause, linked item) pair of a document
// once and aggregates in Go: a clause's items are those linked to it or to
// any clause under it, minus items whose ancestor is also among them.
// The answer is cached while nothing changes (read_cache.go): it is read
// by every home page and dashboard.
func (db *DB) FindClauseProgress(ctx context.Context, documentID int64) (map[int64]*payesh.ClauseProgress, error) {
	clauses, err := db.FindClauses(ctx, documentID)
	if err != nil {
		return nil, err
	}
	v, err := db.cached(ctx, cacheKey{"progress", documentID}, func() (any, error) { return db.loadClauseProgress(ctx, documentID, clauses) })
	if err != nil {
		return nil, err
	}
	shared := v.(map[int64]*payesh.ClauseProgress)
	out := make(map[int64]*payesh.ClauseProgress, len(shared))
	for id, cp := range shared {
		c := *cp
		out[id] = &c
	}
	return out, nil
}

// loadClauseProgress reads the document's links with their items and
// aggregates them per clause.
func (db *DB) loadClauseProgress(ctx context.Context, documentID int64, clauses []*payesh.Clause) (map[int64]*payesh.ClauseProgress, error) {
	rows, err := db.db.QueryContext(ctx, `
		SELECT c.path, w.path, w.weight, w.progress, w.status, w.due_date, w.risk_from
		FROM work_item_clauses l
		JOIN clauses c ON c.id = l.clause_id
		JOIN work_items w ON w.id = l.work_item_id
		WHERE c.document_id = $1`, documentID)
	if err != nil {
		return nil, err
	}
	links, err := scanAll(rows, func(r *sql.Rows) (clauseLink, error) {
		var l clauseLink
		err := r.Scan(&l.clausePath, &l.item.path, &l.item.Weight, &l.item.Progress, &l.item.Status, &l.item.Due, &l.item.RiskFrom)
		return l, err
	})
	if err != nil {
		return nil, err
	}
	return clauseProgress(clauses, links, db.today()), nil
}

// clauseLink is one link of an item to a clause.
type clauseLink struct {
	clausePath string
	item       linkedItem
}

type linkedItem struct {
	payesh.Child
	path string
}

// clauseProgress aggregates links per clause in O(n log n) for n links
// (times the clause tree's depth, a handful):
//
//  1. the links are sorted once by item path, so that an item's
//     descendants follow it, and each link is handed to its clause and
//     every ancestor clause in that order: each clause's list comes out
//     sorted without sorting it again;
//  2. in a sorted list, an item lying under another one of the list sits
//     after it with only that ancestor's descendants between them, so one
//     scan keeping the last top-most path drops every covered item
//     (topMost).
func clauseProgress(clauses []*payesh.Clause, links []clauseLink, today payesh.Date) map[int64]*payesh.ClauseProgress {
	byPath := make(map[string]int64, len(clauses))
	for _, c := range clauses {
		byPath[c.Path] = c.ID
	}
	// covering[p] lists the clauses a link to the clause at p counts for:
	// the clauses whose path is a prefix of p, p's own included.
	covering := map[string][]int64{}
	cover := func(p string) []int64 {
		if ids, ok := covering[p]; ok {
			return ids
		}
		var ids []int64
		for i := 0; i < len(p); i++ {
			if p[i] != '/' || i == 0 {
				continue
			}
			if id, ok := byPath[p[:i+1]]; ok {
				ids = append(ids, id)
			}
		}
		covering[p] = ids
		return ids
	}
	// Sort indices, not the links: moving 100 k structs of a hundred bytes
	// costs more than the comparisons.
	order := make([]int32, len(links))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(links[a].item.path, links[b].item.path) })
	lists := make(map[int64][]int32, len(clauses))
	for _, i := range order {
		for _, id := range cover(links[i].clausePath) {
			list := lists[id]
			if n := len(list); n > 0 && links[list[n-1]].item.path == links[i].item.path {
				continue // linked to two clauses of the same subtree
			}
			lists[id] = append(list, i)
		}
	}
	out := make(map[int64]*payesh.ClauseProgress, len(clauses))
	var top []int32
	var children []payesh.Child
	for _, c := range clauses {
		top = topMost(links, lists[c.ID], top[:0])
		cp := &payesh.ClauseProgress{ClauseID: c.ID, Items: len(top)}
		children = children[:0]
		for _, i := range top {
			it := &links[i].item
			children = append(children, it.Child)
			if it.Status == payesh.StatusDone {
				cp.Done++
			}
			if (&payesh.WorkItem{Status: it.Status, DueDate: it.Due, RiskFrom: it.RiskFrom}).IsOverdue(today) {
				cp.Overdue++
			}
		}
		cp.Progress = payesh.RollUp(children)
		out[c.ID] = cp
	}
	return out
}

// topMost appends to out the indices of the items of a list (indices
// into links, sorted by path, without duplicates) that lie under no
// other item of the list.
func topMost(links []clauseLink, sorted, out []int32) []int32 {
	last := ""
	for _, i := range sorted {
		p := links[i].item.path
		if last != "" && strings.HasPrefix(p, last) {
			continue
		}
		out = append(out, i)
		last = p
	}
	return out
}
