package store

import (
	"context"
	"database/sql"
	"strings"

	"payesh"
)

// FindClauseProgress loads every (clause, linked item) pair of a document
// once and aggregates in Go: a clause's items are those linked to it or to
// any clause under it, minus items whose ancestor is also among them.
func (db *DB) FindClauseProgress(ctx context.Context, documentID int64) (map[int64]*payesh.ClauseProgress, error) {
	clauses, err := db.FindClauses(ctx, documentID)
	if err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `
		SELECT c.path, w.path, w.weight, w.progress, w.status, w.due_date, w.risk_from
		FROM work_item_clauses l
		JOIN clauses c ON c.id = l.clause_id
		JOIN work_items w ON w.id = l.work_item_id
		WHERE c.document_id = $1`, documentID)
	if err != nil {
		return nil, err
	}
	type link struct {
		clausePath string
		item       linkedItem
	}
	links, err := scanAll(rows, func(r *sql.Rows) (link, error) {
		var l link
		err := r.Scan(&l.clausePath, &l.item.path, &l.item.Weight, &l.item.Progress, &l.item.Status, &l.item.Due, &l.item.RiskFrom)
		return l, err
	})
	if err != nil {
		return nil, err
	}
	out := map[int64]*payesh.ClauseProgress{}
	today := db.today()
	for _, c := range clauses {
		items := map[string]linkedItem{}
		for _, l := range links {
			if strings.HasPrefix(l.clausePath, c.Path) {
				items[l.item.path] = l.item
			}
		}
		out[c.ID] = summarize(c.ID, topMost(items), today)
	}
	return out, nil
}

type linkedItem struct {
	payesh.Child
	path string
}

// topMost drops items that lie under another item of the set.
func topMost(items map[string]linkedItem) []linkedItem {
	var out []linkedItem
	for p, it := range items {
		covered := false
		for q := range items {
			if q != p && strings.HasPrefix(p, q) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, it)
		}
	}
	return out
}

func summarize(clauseID int64, items []linkedItem, today payesh.Date) *payesh.ClauseProgress {
	cp := &payesh.ClauseProgress{ClauseID: clauseID, Items: len(items)}
	children := make([]payesh.Child, len(items))
	for i, it := range items {
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
	return cp
}
