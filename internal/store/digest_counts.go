package store

import (
	"context"
	"database/sql"
	"errors"

	"payesh"
)

// digestScope is what a digest counts for every user of one unit: the
// open work owned by or shared with the unit's subtree that is overdue, or
// due within payesh.DueSoonDays.
type digestScope struct {
	unitID   int64
	unitName string
	overdue  int
	dueSoon  int
}

// digestWorkCount counts a subtree's late and due-soon work in one
// statement, with the work list's own filters so that each count is what
// its link shows: overdue is late_from < day (/work?overdue=1, where a
// parent without a due date is late with its children), due soon is an
// open item's due date from day to the horizon (late_from is the due date
// of open work that has one, NULL once closed). The subtree is the work
// list's range of org_units.path (subtreeRange, worklist.go). Both halves
// of the UNION are index ranges — (owner_unit_id, late_from) per unit of
// the subtree (migrations/009_digest.sql), and the partners' unit index
// then the primary key — and the UNION counts an item shared within the
// subtree once, as the list's include_partner=1 does. CROSS JOIN keeps
// SQLite's join order, units first, whatever its statistics say (on
// PostgreSQL it is an inner join, planned by cost). Nothing is read per
// item in Go.
const digestWorkCount = `SELECT
	COALESCE(SUM(CASE WHEN x.late_from < $1 THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN x.late_from >= $1 AND x.due_date IS NOT NULL THEN 1 ELSE 0 END), 0)
FROM (
	SELECT w.id, w.late_from, w.due_date FROM org_units u CROSS JOIN work_items w
	WHERE u.path >= $3 AND u.path < $4 AND w.owner_unit_id = u.id AND w.late_from <= $2
	UNION
	SELECT w.id, w.late_from, w.due_date FROM org_units pu CROSS JOIN work_item_partners p CROSS JOIN work_items w
	WHERE pu.path >= $3 AND pu.path < $4 AND p.unit_id = pu.id AND w.id = p.work_item_id AND w.late_from <= $2
) x`

// scopeCounts counts the work of unit's subtree for day's digest.
func (db *DB) scopeCounts(ctx context.Context, unit int64, day payesh.Date) (*digestScope, error) {
	sc := &digestScope{unitID: unit}
	var path string
	err := db.db.QueryRowContext(ctx, `SELECT name_fa, path FROM org_units WHERE id = $1`, unit).Scan(&sc.unitName, &path)
	if errors.Is(err, sql.ErrNoRows) || path == "" {
		return sc, nil
	}
	if err != nil {
		return nil, err
	}
	var overdue, soon int64
	lo, hi := subtreeRange(path)
	if err := db.db.QueryRowContext(ctx, digestWorkCount, day, day.AddDays(payesh.DueSoonDays), lo, hi).
		Scan(&overdue, &soon); err != nil {
		return nil, err
	}
	sc.overdue, sc.dueSoon = int(overdue), int(soon)
	return sc, nil
}
