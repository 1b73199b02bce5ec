package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"

	"payesh"
)

// FindWorkItems lists work items by filter, ordered by f.Sort then id.
//
// It is built to read indexes, not the table, at any size
// (migrations/008_worklist.sql). It counts first, up to a cap, through the
// filter's index; the count decides how the page is chosen: a few matches
// (at most WorkCountCap) are read through the filter's index and sorted, many
// are found by walking the sort key's index in order and stopping after
// one page, the filters checked on the index entries. Either way the page's
// ids are chosen first and only those rows are read (workPage). Subtrees and
// partners are index ranges of org_units.path. The total is exact up to
// f.CountCap when f.CountLimit is set (f.TotalCapped tells), else exact.
func (db *DB) FindWorkItems(ctx context.Context, f payesh.WorkItemFilter) ([]*payesh.WorkItem, int, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, 0, err
	}
	if !payesh.ValidSort(f.Sort) {
		return nil, 0, payesh.Invalid(map[string]string{"sort": "err.bad_query"})
	}
	f.Page = f.Page.Normalized()
	q, err := db.workQuery(ctx, f)
	if err != nil || q.none {
		return []*payesh.WorkItem{}, 0, err
	}
	total := f.Counted
	if total <= 0 {
		if total, err = db.totalWork(ctx, q, f); err != nil {
			return nil, 0, err
		}
	}
	items := []*payesh.WorkItem{}
	if f.Offset < total {
		if items, err = db.workPage(ctx, q, total > payesh.WorkCountCap); err != nil {
			return nil, 0, err
		}
	}
	return items, total, db.loadRelations(ctx, db.db, items)
}

// totalWork counts f's items: up to its CountCap when it has one, else
// all of them.
func (db *DB) totalWork(ctx context.Context, q *workQuery, f payesh.WorkItemFilter) (int, error) {
	probe := max(f.CountCap(), payesh.WorkCountCap)
	total, err := db.countWork(ctx, q, probe)
	if err != nil {
		return 0, err
	}
	if c := f.CountCap(); c > 0 {
		return min(total, c+1), nil
	} else if total > probe {
		return db.countWork(ctx, q, 0)
	}
	return total, nil
}

// TallyWork counts f's items (its sort, overdue filter and page aside)
// and how many of them are overdue. Without a CountLimit it counts both
// in one pass over the index entries a count reads, which costs what
// their number does. With one, neither count reads more than CountCap+1
// entries: a province's work, thousands of items, costs what a branch's
// does, and the tally says "more than".
func (db *DB) TallyWork(ctx context.Context, f payesh.WorkItemFilter) (payesh.WorkTally, error) {
	var t payesh.WorkTally
	if _, err := requireUser(ctx); err != nil {
		return t, err
	}
	limit := f.CountCap()
	f.Sort, f.Overdue, f.CountLimit = "", nil, 0
	q, err := db.workQuery(ctx, f)
	if err != nil || q.none {
		return t, err
	}
	if limit > 0 {
		n, err := db.countWork(ctx, q, limit)
		if err != nil {
			return t, err
		}
		if n > limit {
			t.All, t.AllMore = limit, true
			late, yes := f, true
			late.Overdue = &yes
			t.Overdue, t.OverdueMore, err = db.CountWorkItems(ctx, late, limit)
			return t, err
		}
		// Few enough to count both in one pass.
	}
	w := &where{conds: q.conds(false), args: q.args}
	late := "$" + strconv.Itoa(len(w.args)+1)
	err = db.db.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN w.late_from < `+late+` THEN 1 ELSE 0 END), 0)
		FROM work_items w`+w.String(), append(w.args, db.today())...).Scan(&t.All, &t.Overdue)
	return t, err
}

// ClauseOwners lists, by id, the units owning work linked to the clause or
// a clause under it: the round summary's axes need who answers for each,
// not every item.
func (db *DB) ClauseOwners(ctx context.Context, clauseID int64) ([]int64, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT DISTINCT w.owner_unit_id FROM work_item_clauses l
		JOIN clauses c ON c.id = l.clause_id JOIN work_items w ON w.id = l.work_item_id
		WHERE c.path LIKE (SELECT path FROM clauses WHERE id = $1) || '%' ORDER BY 1`, clauseID)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (id int64, err error) { return id, r.Scan(&id) })
}

// workPage reads the page's rows in two statements: the ids, chosen from
// index entries, then those rows by primary key. Two, not one with the ids
// as a subquery, so that no planner may answer "id IN (…)" by reading the
// whole table into a hash (PostgreSQL does on a small one).
func (db *DB) workPage(ctx context.Context, q *workQuery, walk bool) ([]*payesh.WorkItem, error) {
	rows, err := db.db.QueryContext(ctx, q.idsSQL(walk), q.args...)
	if err != nil {
		return nil, err
	}
	ids, err := scanAll(rows, func(r *sql.Rows) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	})
	if err != nil || len(ids) == 0 {
		return []*payesh.WorkItem{}, err
	}
	w := &where{}
	w.add("w.id IN "+inList(len(ids)), anySlice(ids)...)
	rows, err = db.db.QueryContext(ctx, `SELECT `+workColumns+` FROM work_items w`+w.String(), w.args...)
	if err != nil {
		return nil, err
	}
	got, err := scanAll(rows, func(r *sql.Rows) (*payesh.WorkItem, error) { return scanWorkItem(r) })
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*payesh.WorkItem, len(got))
	for _, it := range got {
		byID[it.ID] = it
	}
	items := make([]*payesh.WorkItem, 0, len(ids))
	for _, id := range ids {
		if it := byID[id]; it != nil { // deleted in between: left out
			items = append(items, it)
		}
	}
	return items, nil
}

// CountWorkItems counts the items f selects (its page and sort aside), up
// to limit+1 when limit is positive: capped reports that there are more
// than limit. It reads indexes only for the unit, partner, overdue and
// due-date filters, so "my overdue items" costs what its cap does.
func (db *DB) CountWorkItems(ctx context.Context, f payesh.WorkItemFilter, limit int) (n int, capped bool, err error) {
	if _, err := requireUser(ctx); err != nil {
		return 0, false, err
	}
	f.Sort = ""
	q, err := db.workQuery(ctx, f)
	if err != nil || q.none {
		return 0, false, err
	}
	n, err = db.countWork(ctx, q, limit)
	if limit > 0 && n > limit {
		return limit, true, err
	}
	return n, false, err
}

// countWork counts q's rows through the filters' indexes, all of them
// without a limit, else up to limit+1 so that the count reads at most
// that many index entries.
func (db *DB) countWork(ctx context.Context, q *workQuery, limit int) (int, error) {
	w := &where{conds: q.conds(false), args: q.args}
	if limit <= 0 {
		return db.count(ctx, "work_items w", w)
	}
	var n int
	err := db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM work_items w`+w.String()+
		` LIMIT `+strconv.Itoa(limit+1)+`) c`, w.args...).Scan(&n)
	return n, err
}

// workQuery is a work list's SQL before its page. Each condition comes in
// two spellings with the same meaning and arguments: as the filter's
// index reads it, and with that index turned off (w.owner_unit_id + 0,
// w.late_from || ”) so that the planner walks the sort key's index
// instead and checks the condition on its entries.
type workQuery struct {
	filter, walk []string
	args         []any
	order        string // " ORDER BY …", the sort key's index order
	page         payesh.Page
	// none is true when no item can match (an unknown unit).
	none bool
}

func (q *workQuery) add(filter, walk string, args ...any) {
	w := &where{args: q.args}
	w.add(filter, args...)
	n := len(q.args)
	q.filter = append(q.filter, w.conds[0])
	if walk == "" {
		q.walk = append(q.walk, w.conds[0])
	} else {
		w.args = w.args[:n]
		w.add(walk, args...)
		q.walk = append(q.walk, w.conds[1])
	}
	q.args = w.args
}

func (q *workQuery) conds(walk bool) []string {
	if walk {
		return q.walk
	}
	return q.filter
}

// idsSQL selects the page's ids, from index entries alone for the common
// filters and sorts.
func (q *workQuery) idsSQL(walk bool) string {
	w := (&where{conds: q.conds(walk)}).String()
	return `SELECT w.id FROM work_items w` + w + q.order + pageSQL(q.page)
}

const closedStatuses = `('done', 'cancelled')`

// shownStatus is payesh.WorkItem.ShownStatus in SQL, so that a list
// filtered or sorted by status agrees with the badges it shows: a program
// at 14 % is found as in progress, whatever was reported on it. Spelled
// as the index work_items_status_sort is (migrations/014_status_sort.sql).
const shownStatus = `(CASE WHEN w.derived_status = '' OR w.derived_status = w.status OR w.status = 'cancelled'
	OR (w.status = 'delayed' AND w.derived_status = 'in_progress') THEN w.status ELSE w.derived_status END)`

// openWork keeps the open work, spelled as the predicate of the partial
// indexes that hold it alone (migrations/024_open_work.sql), with the
// statuses as constants: a planner uses a partial index only for a
// condition it can see is the index's own.
const openWork = `(CASE WHEN w.derived_status = '' OR w.derived_status = w.status OR w.status = 'cancelled'
	OR (w.status = 'delayed' AND w.derived_status = 'in_progress') THEN w.status ELSE w.derived_status END) NOT IN ` + closedStatuses

// sameStatuses reports whether a and b hold the same statuses.
func sameStatuses(a, b []payesh.Status) bool {
	for _, s := range a {
		if !slices.Contains(b, s) {
			return false
		}
	}
	for _, s := range b {
		if !slices.Contains(a, s) {
			return false
		}
	}
	return len(a) > 0
}

// Due-date sort keys, spelled exactly as their indexes in
// migrations/008_worklist.sql: without a date an item sorts after every
// date ascending, and before every date descending so that a backward
// walk of the index gives it last.
const (
	dueAscKey  = `COALESCE(w.due_date, '9999-99-99')`
	dueDescKey = `COALESCE(w.due_date, '')`
)

// subtreeRange returns the bounds of the paths under path, itself
// included: path <= p < path's successor, where the successor is path
// with its last '/' raised to '0', the next byte. Paths compare in byte
// order on both engines (worklist_migrate.go).
func subtreeRange(path string) (lo, hi string) {
	return path, strings.TrimSuffix(path, "/") + "0"
}

// subtreeUnits selects the ids of the units in a subtree by a range of
// org_units_path.
const subtreeUnits = `SELECT u.id FROM org_units u WHERE u.path >= ? AND u.path < ?`

// workQuery builds f's list as the user in ctx may read it: the reader's
// scope is one more condition (scope.workCondition), left off where the
// unit filter already keeps the list inside the reader's own subtree.
func (db *DB) workQuery(ctx context.Context, f payesh.WorkItemFilter) (*workQuery, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	q := &workQuery{page: f.Page.Normalized()}
	within := ""
	if f.UnitID != 0 {
		if within, err = db.addUnitCondition(ctx, q, f.UnitID, f.IncludePartner); err != nil || q.none {
			return q, err
		}
	}
	if s.workCondition(q, within); q.none {
		return q, nil
	}
	if f.ClauseID != 0 {
		q.add(`w.id IN (SELECT l.work_item_id FROM work_item_clauses l JOIN clauses c ON c.id = l.clause_id
			WHERE c.path LIKE (SELECT path FROM clauses WHERE id = ?) || '%')`, "", f.ClauseID)
	}
	if f.ParentID != nil {
		if *f.ParentID == 0 {
			q.add("w.parent_id IS NULL", "")
		} else {
			q.add("w.parent_id = ?", "", *f.ParentID)
		}
	}
	if len(f.Kinds) > 0 {
		q.add("w.kind IN "+inList(len(f.Kinds)), "", anySlice(f.Kinds)...)
	}
	if sameStatuses(f.Statuses, payesh.OpenStatuses) {
		q.add(openWork, "")
	} else if len(f.Statuses) > 0 {
		// Spelled so that no plan filters through work_items_status_sort:
		// most work is open, so that index narrows nothing, and a count
		// walking it for a province's few items read thousands of entries
		// (its home page's counts took 27 ms). The index is for sorting.
		q.add("("+shownStatus+" || '') IN "+inList(len(f.Statuses)), "", anySlice(f.Statuses)...)
	}
	// late_from is NULL on closed work and, without a due date, holds the
	// earliest due date of open work under the item (payesh.WorkItem).
	if f.Overdue != nil {
		today := db.today()
		if *f.Overdue {
			// Walked, it reads the index of late work alone
			// (migrations/024_open_work.sql).
			q.add("w.late_from < ?", "w.late_from || '' < ?", today)
		} else {
			q.add("(w.late_from IS NULL OR w.late_from >= ?)", "", today)
		}
	}
	key, dir := workSortKey(f.Sort)
	// A due-date range is also stated on the sort key, the same rows, so
	// that a list sorted by due date walks only that range of its index.
	if !f.DueBefore.IsZero() {
		q.add("w.due_date < ?", "", f.DueBefore)
		if key == dueAscKey || key == dueDescKey {
			q.add(key+" < ?", "", f.DueBefore)
		}
	}
	if !f.DueAfter.IsZero() {
		q.add("w.due_date > ?", "", f.DueAfter)
		if key == dueAscKey || key == dueDescKey {
			q.add(key+" > ?", "", f.DueAfter)
		}
	}
	if f.Q != "" {
		pat := like(f.Q)
		q.add(`(lower(w.title) LIKE ? ESCAPE '\' OR lower(w.code) LIKE ? ESCAPE '\' OR lower(w.description) LIKE ? ESCAPE '\')`, "", pat, pat, pat)
	}
	q.order = workOrder(key, dir)
	return q, nil
}

// addUnitCondition keeps the items owned in unit's subtree (or, with
// partners, shared with a unit there), and returns the unit's path. The
// sole root's subtree holds every unit, so every item is owned there: it
// adds no condition, rather than a list of all the units and every
// partnership built for each request.
func (db *DB) addUnitCondition(ctx context.Context, q *workQuery, unit int64, partners bool) (string, error) {
	var path string
	var everything bool
	err := db.db.QueryRowContext(ctx, `SELECT path, parent_id IS NULL AND NOT EXISTS
		(SELECT 1 FROM org_units o WHERE o.parent_id IS NULL AND o.id <> $1) FROM org_units WHERE id = $1`, unit).Scan(&path, &everything)
	if errors.Is(err, sql.ErrNoRows) {
		q.none = true
		return "", nil
	}
	if err != nil || everything {
		return path, err
	}
	lo, hi := subtreeRange(path)
	owned := `w.owner_unit_id IN (` + subtreeUnits + `)`
	walkOwned := `w.owner_unit_id + 0 IN (` + subtreeUnits + `)`
	if !partners {
		q.add(owned, walkOwned, lo, hi)
		return path, nil
	}
	// Walking, an entry not owned in the subtree probes its own
	// partnerships (work_item_partners' key) instead of listing every
	// partnership of the subtree.
	q.add(`(`+owned+` OR w.id IN (SELECT p.work_item_id FROM work_item_partners p
		WHERE p.unit_id IN (`+subtreeUnits+`)))`,
		`(`+walkOwned+` OR EXISTS (SELECT 1 FROM work_item_partners p JOIN org_units u ON u.id = p.unit_id
		WHERE p.work_item_id = w.id AND u.path >= ? AND u.path < ?))`, lo, hi, lo, hi)
	return path, nil
}

// workSortKey returns the SQL a sort key orders by and its direction.
func workSortKey(sort string) (key, dir string) {
	dir = " ASC"
	if strings.HasPrefix(sort, "-") {
		sort, dir = sort[1:], " DESC"
	}
	switch sort {
	case "due_date":
		if dir == " DESC" {
			return dueDescKey, dir
		}
		return dueAscKey, dir
	case "status":
		return shownStatus, dir
	case "title", "progress", "updated_at":
		return "w." + sort, dir
	}
	return "w.id", dir
}

// workOrder returns ORDER BY for a sort key: every key is NOT NULL (a
// missing due date has its sentinel), and id breaks ties in the same
// direction, so each order is one index walked one way.
func workOrder(key, dir string) string {
	if key == "w.id" {
		return " ORDER BY w.id" + dir
	}
	return " ORDER BY " + key + dir + ", w.id" + dir
}

func anySlice[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}
