package store

import (
	"context"
	"database/sql"

	"payesh"
	"payesh/internal/jalali"
)

// LateClosures lists the work owned by the round's units, or units under
// them, that was done within the round's period after its due date, the
// latest closures first: the round summary counts them and says how late
// each was. It lists the work the user may read, as the work list does.
func (db *DB) LateClosures(ctx context.Context, roundID int64) ([]payesh.LateClosure, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	round, err := db.findRound(ctx, db.db, roundID)
	if err != nil {
		return nil, err
	}
	p, err := jalali.ParsePeriod(round.Period)
	if err != nil {
		return nil, err
	}
	// ISO dates compare as text on both engines.
	w := &where{args: []any{payesh.StatusDone, payesh.FromJalali(p.First()), payesh.FromJalali(p.Last()), roundID}}
	w.add(`w.status = $1 AND w.due_date IS NOT NULL AND w.done_date > w.due_date AND w.done_date BETWEEN $2 AND $3
		AND EXISTS (SELECT 1 FROM reports p JOIN org_units ru ON ru.id = p.unit_id
			WHERE p.round_id = $4 AND o.path LIKE ru.path || '%')`)
	s.workWhere(w)
	rows, err := db.db.QueryContext(ctx, `SELECT w.id, w.code, w.title, w.owner_unit_id, w.due_date, w.done_date
		FROM work_items w JOIN org_units o ON o.id = w.owner_unit_id`+w.String()+`
		ORDER BY w.done_date DESC, w.id`, w.args...)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (payesh.LateClosure, error) {
		var c payesh.LateClosure
		err := r.Scan(&c.WorkItemID, &c.Code, &c.Title, &c.OwnerUnitID, &c.DueDate, &c.DoneDate)
		c.DaysLate = payesh.DaysBetween(c.DueDate, c.DoneDate)
		return c, err
	})
}
