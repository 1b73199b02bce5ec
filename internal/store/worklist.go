package store

import (
	"context"
	"database/sql"
	"strings"

	"payesh"
)

// FindWorkItems lists work items by filter, ordered by f.Sort then id.
func (db *DB) FindWorkItems(ctx context.Context, f payesh.WorkItemFilter) ([]*payesh.WorkItem, int, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, 0, err
	}
	if !payesh.ValidSort(f.Sort) {
		return nil, 0, payesh.Invalid(map[string]string{"sort": "err.bad_query"})
	}
	w := db.workWhere(f)
	total, err := db.count(ctx, "work_items w", w)
	if err != nil {
		return nil, 0, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+workColumns+` FROM work_items w`+w.String()+
		workOrder(f.Sort)+pageSQL(f.Page), w.args...)
	if err != nil {
		return nil, 0, err
	}
	items, err := scanAll(rows, func(r *sql.Rows) (*payesh.WorkItem, error) { return scanWorkItem(r) })
	if err != nil {
		return nil, 0, err
	}
	return items, total, db.loadRelations(ctx, db.db, items)
}

const closedStatuses = `('done', 'cancelled')`

// shownStatus is payesh.WorkItem.ShownStatus in SQL, so that a list
// filtered or sorted by status agrees with the badges it shows: a program
// at 14 % is found as in progress, whatever was reported on it.
const shownStatus = `(CASE WHEN w.derived_status = '' OR w.derived_status = w.status OR w.status = 'cancelled'
	OR (w.status = 'delayed' AND w.derived_status = 'in_progress') THEN w.status ELSE w.derived_status END)`

func (db *DB) workWhere(f payesh.WorkItemFilter) *where {
	w := &where{}
	if f.UnitID != 0 {
		owned := `w.owner_unit_id IN (SELECT id FROM org_units WHERE path LIKE (SELECT path FROM org_units WHERE id = ?) || '%')`
		if f.IncludePartner {
			w.add(`(`+owned+` OR w.id IN (SELECT p.work_item_id FROM work_item_partners p JOIN org_units pu ON pu.id = p.unit_id
				WHERE pu.path LIKE (SELECT path FROM org_units WHERE id = ?) || '%'))`, f.UnitID, f.UnitID)
		} else {
			w.add(owned, f.UnitID)
		}
	}
	if f.ClauseID != 0 {
		w.add(`w.id IN (SELECT l.work_item_id FROM work_item_clauses l JOIN clauses c ON c.id = l.clause_id
			WHERE c.path LIKE (SELECT path FROM clauses WHERE id = ?) || '%')`, f.ClauseID)
	}
	if f.ParentID != nil {
		if *f.ParentID == 0 {
			w.add("w.parent_id IS NULL")
		} else {
			w.add("w.parent_id = ?", *f.ParentID)
		}
	}
	if len(f.Kinds) > 0 {
		w.add("w.kind IN "+inList(len(f.Kinds)), anySlice(f.Kinds)...)
	}
	if len(f.Statuses) > 0 {
		w.add(shownStatus+" IN "+inList(len(f.Statuses)), anySlice(f.Statuses)...)
	}
	// late_from is NULL on closed work and, without a due date, holds the
	// earliest due date of open work under the item (payesh.WorkItem).
	if f.Overdue != nil {
		today := db.today()
		if *f.Overdue {
			w.add("w.late_from < ?", today)
		} else {
			w.add("(w.late_from IS NULL OR w.late_from >= ?)", today)
		}
	}
	if !f.DueBefore.IsZero() {
		w.add("w.due_date < ?", f.DueBefore)
	}
	if !f.DueAfter.IsZero() {
		w.add("w.due_date > ?", f.DueAfter)
	}
	if f.Q != "" {
		q := like(f.Q)
		w.add(`(lower(w.title) LIKE ? ESCAPE '\' OR lower(w.code) LIKE ? ESCAPE '\' OR lower(w.description) LIKE ? ESCAPE '\')`, q, q, q)
	}
	return w
}

// workOrder returns ORDER BY for a sort key; rows without a value sort
// last in both directions and in both engines, and id breaks ties.
func workOrder(sort string) string {
	dir := " ASC"
	if strings.HasPrefix(sort, "-") {
		sort, dir = sort[1:], " DESC"
	}
	col := map[string]string{
		"": "w.id", "id": "w.id", "due_date": "w.due_date", "title": "w.title",
		"progress": "w.progress", "status": shownStatus, "updated_at": "w.updated_at",
	}[sort]
	if col == "w.id" {
		return " ORDER BY w.id" + dir
	}
	return " ORDER BY (" + col + " IS NULL), " + col + dir + ", w.id" + dir
}

func anySlice[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}
