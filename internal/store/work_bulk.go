package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"payesh"
)

// BulkWorkItem is one generated work item for LoadWorkItems. Parent is the
// index in the same slice of the item's parent, which must come earlier;
// -1 makes a top-level item. A parent's progress, derived status and risk
// are rolled up from its children, as the store's writes would; a leaf's
// progress is as given (100 when done).
type BulkWorkItem struct {
	Kind           payesh.WorkKind
	Parent         int
	Code, Title    string
	OwnerUnitID    int64
	PartnerUnitIDs []int64
	ClauseIDs      []int64
	StartDate      payesh.Date
	DueDate        payesh.Date
	DoneDate       payesh.Date // a done item's; today when zero
	Status         payesh.Status
	Weight         float64 // 1 when zero
	Progress       float64
	// History is the item's progress updates, oldest first.
	History []BulkProgress
}

// BulkProgress is one entry of a generated item's history.
type BulkProgress struct {
	At       time.Time
	Progress *float64
	Status   payesh.Status
	Note     string
}

// LoadWorkItems writes generated work trees — items, partners, clause
// links and history — with multi-row INSERTs in one transaction, keeping
// every column the store derives (path, depth, progress roll-ups,
// derived_status, risk_from, late_from, original_due_date) as
// CreateWorkItem and PostProgress would have left it. It is the
// benchmark's loader: references are trusted (no per-item check that the
// owner or a clause exists beyond the foreign keys), one audit event
// records the load, and the items are added beside any already there. It
// returns the new items' ids, in the order given.
func (db *DB) LoadWorkItems(ctx context.Context, items []BulkWorkItem) ([]int64, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, nil
	}
	for i := range items {
		if err := checkBulkWork(items, i); err != nil {
			return nil, err
		}
	}
	var ids []int64
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.lockOrg(true); err != nil {
			return err
		}
		var err error
		if ids, err = tx.reserveWorkIDs(len(items)); err != nil {
			return err
		}
		rows := deriveBulkWork(items, ids, db.today())
		if err := tx.insertBulkWork(items, ids, rows); err != nil {
			return err
		}
		return tx.audit("work_item", ids[0], "bulk_load", nil, map[string]int{"items": len(items)})
	})
	return ids, err
}

// checkBulkWork validates item i as CreateWorkItem would, and its parent
// index.
func checkBulkWork(items []BulkWorkItem, i int) error {
	b := items[i]
	if b.Parent < -1 || b.Parent >= i {
		return payesh.Invalid(map[string]string{"parent_id": "err.unknown_ref"})
	}
	w := payesh.WorkItem{Kind: b.Kind, Title: b.Title, Code: b.Code, OwnerUnitID: b.OwnerUnitID,
		PartnerUnitIDs: b.PartnerUnitIDs, ClauseIDs: b.ClauseIDs, StartDate: b.StartDate, DueDate: b.DueDate,
		Status: b.Status, Weight: b.Weight, Progress: b.Progress}
	if w.Weight == 0 {
		w.Weight = 1
	}
	if err := w.Validate(); err != nil {
		return fmt.Errorf("work item %d (%s): %w", i, b.Code, err)
	}
	return nil
}

// reserveWorkIDs returns n fresh ids for work_items: from the identity
// sequence on PostgreSQL; on SQLite, whose writer holds the database, past
// the largest id AUTOINCREMENT has handed out (an explicit id moves it on).
func (tx *Tx) reserveWorkIDs(n int) ([]int64, error) {
	ids := make([]int64, 0, n)
	if tx.db.engine == Postgres {
		rows, err := tx.QueryContext(tx.ctx, `SELECT nextval(pg_get_serial_sequence('work_items', 'id'))
			FROM generate_series(1, $1)`, n)
		if err != nil {
			return nil, err
		}
		got, err := scanAll(rows, func(r *sql.Rows) (int64, error) {
			var id int64
			return id, r.Scan(&id)
		})
		if err != nil {
			return nil, err
		}
		return append(ids, got...), nil
	}
	var last int64
	err := tx.QueryRowContext(tx.ctx, `SELECT MAX(n) FROM (
		SELECT COALESCE(MAX(id), 0) AS n FROM work_items
		UNION ALL SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = 'work_items') AS t`).Scan(&last)
	if err != nil {
		return nil, err
	}
	for i := range n {
		ids = append(ids, last+1+int64(i))
	}
	return ids, nil
}

// bulkWorkRow is what the store derives of one item.
type bulkWorkRow struct {
	path          string
	progress      float64
	weight        float64
	status        payesh.Status
	doneDate      payesh.Date
	derivedStatus payesh.Status
	riskFrom      payesh.Date
	lateFrom      payesh.Date
}

// deriveBulkWork computes each item's path and, children before parents,
// what rollUp would store: progress, derived status, risk and lateness.
func deriveBulkWork(items []BulkWorkItem, ids []int64, today payesh.Date) []bulkWorkRow {
	rows := make([]bulkWorkRow, len(items))
	children := make([][]int, len(items))
	for i, b := range items {
		r := &rows[i]
		parentPath := ""
		if b.Parent >= 0 {
			parentPath = rows[b.Parent].path
			children[b.Parent] = append(children[b.Parent], i)
		}
		r.path, r.status, r.progress, r.weight = childPath(parentPath, ids[i]), b.Status, b.Progress, b.Weight
		if r.weight == 0 {
			r.weight = 1
		}
		if r.status == payesh.StatusDone {
			r.doneDate = b.DoneDate
			if r.doneDate.IsZero() {
				r.doneDate = today
			}
		}
	}
	for i := len(items) - 1; i >= 0; i-- {
		r := &rows[i]
		if len(children[i]) == 0 {
			if r.status == payesh.StatusDone {
				r.progress = 100
			}
		} else {
			cs := make([]payesh.Child, len(children[i]))
			for k, c := range children[i] {
				cr := rows[c]
				cs[k] = payesh.Child{Weight: cr.weight, Progress: cr.progress, Status: cr.status,
					Due: items[c].DueDate, RiskFrom: cr.riskFrom}
			}
			d := payesh.Derive(cs)
			r.progress, r.derivedStatus, r.riskFrom = d.Progress, d.Status, d.RiskFrom
		}
		w := payesh.WorkItem{Status: r.status, DueDate: items[i].DueDate, RiskFrom: r.riskFrom}
		r.lateFrom = w.LateFrom()
	}
	return rows
}

// nullDate is a zero Date as NULL; payesh.Date's driver value already is,
// this keeps the intent visible at the call site.
func nullDate(d payesh.Date) any {
	if d.IsZero() {
		return nil
	}
	return d
}

func (tx *Tx) insertBulkWork(items []BulkWorkItem, ids []int64, rows []bulkWorkRow) error {
	var author *int64
	if tx.actor.ID != 0 {
		author = &tx.actor.ID
	}
	err := tx.insertMany(`INSERT INTO work_items (id, kind, parent_id, code, title, description, owner_unit_id,
		start_date, due_date, done_date, status, weight, progress, path, depth, created_by, version,
		created_at, updated_at, derived_status, risk_from, late_from, original_due_date, replans) VALUES `, "",
		24, len(items), func(i int) []any {
			b, r := items[i], rows[i]
			var parent *int64
			if b.Parent >= 0 {
				parent = &ids[b.Parent]
			}
			return []any{ids[i], b.Kind, parent, b.Code, b.Title, "", b.OwnerUnitID,
				nullDate(b.StartDate), nullDate(b.DueDate), nullDate(r.doneDate), r.status, r.weight, r.progress,
				r.path, depthOf(r.path), author, 1, tx.now, tx.now, r.derivedStatus, nullDate(r.riskFrom),
				nullDate(r.lateFrom), nullDate(b.DueDate), 0}
		})
	if err != nil {
		return fmt.Errorf("work_items: %w", err)
	}
	entries := make([]searchRow, len(items))
	for i, b := range items {
		entries[i] = newSearchRow(ids[i], b.Title, "", b.Code)
	}
	if err := tx.indexMany(payesh.SearchWork, entries); err != nil {
		return fmt.Errorf("search_entries: %w", err)
	}
	type pair struct{ item, ref int64 }
	var partners, clauses []pair
	type update struct {
		item int64
		BulkProgress
	}
	var history []update
	for i, b := range items {
		for _, p := range uniqueInt64s(b.PartnerUnitIDs) {
			partners = append(partners, pair{ids[i], p})
		}
		for _, c := range uniqueInt64s(b.ClauseIDs) {
			clauses = append(clauses, pair{ids[i], c})
		}
		for _, h := range b.History {
			history = append(history, update{ids[i], h})
		}
	}
	if err := tx.insertMany(`INSERT INTO work_item_partners (work_item_id, unit_id) VALUES `, "", 2, len(partners),
		func(i int) []any { return []any{partners[i].item, partners[i].ref} }); err != nil {
		return fmt.Errorf("work_item_partners: %w", err)
	}
	if err := tx.insertMany(`INSERT INTO work_item_clauses (work_item_id, clause_id) VALUES `, "", 2, len(clauses),
		func(i int) []any { return []any{clauses[i].item, clauses[i].ref} }); err != nil {
		return fmt.Errorf("work_item_clauses: %w", err)
	}
	name := tx.actor.Name
	var authorUnit *int64
	if author != nil {
		authorUnit = &tx.actor.UnitID
	}
	if err := tx.insertMany(`INSERT INTO progress_updates (work_item_id, author_id, author_name, created_at, progress, status, note, author_unit_id) VALUES `, "",
		8, len(history), func(i int) []any {
			h := history[i]
			at := h.At
			if at.IsZero() {
				at = tx.now
			}
			return []any{h.item, author, name, at, h.Progress, h.Status, h.Note, authorUnit}
		}); err != nil {
		return fmt.Errorf("progress_updates: %w", err)
	}
	return nil
}

// uniqueInt64s drops repeats, keeping the first of each.
func uniqueInt64s(xs []int64) []int64 {
	seen := make(map[int64]bool, len(xs))
	out := xs[:0:0]
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
