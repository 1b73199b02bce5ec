package store

import (
	"context"
	"slices"
	"sort"

	"payesh"
)

// Board returns the secretariat's follow-up board on day today: for every
// unit with something late or waiting, its overdue work (owned, since the
// owner answers for it) and how late the oldest is, its reports of open
// rounds still in draft past the deadline and how late, its returned
// reports, and its reminders so far. The latest unit comes first. A
// closed round's reports are left out: nobody can submit them any more.
func (db *DB) Board(ctx context.Context, today payesh.Date) ([]payesh.BoardRow, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	if today.IsZero() {
		return nil, payesh.Invalid(map[string]string{"today": "err.required"})
	}
	// Kept while nothing changes (read_cache.go): the overdue counts read
	// every overdue item's index entry, a third of all work.
	v, err := db.cached(ctx, cacheKey{"board:" + today.String(), 0}, func() (any, error) { return db.board(ctx, today) })
	if err != nil {
		return nil, err
	}
	return slices.Clone(v.([]payesh.BoardRow)), nil
}

func (db *DB) board(ctx context.Context, today payesh.Date) ([]payesh.BoardRow, error) {
	rows := map[int64]*payesh.BoardRow{}
	row := func(unit int64) *payesh.BoardRow {
		if rows[unit] == nil {
			rows[unit] = &payesh.BoardRow{UnitID: unit}
		}
		return rows[unit]
	}
	// Overdue work: count and oldest lateness per owner unit; late_from
	// makes a parent without a due date late with its children.
	err := db.eachRow(ctx, `SELECT owner_unit_id, COUNT(*), MIN(late_from) FROM work_items
		WHERE late_from < $1 GROUP BY owner_unit_id`,
		[]any{today}, func(scan func(...any) error) error {
			var unit int64
			var n int
			var oldest payesh.Date
			if err := scan(&unit, &n, &oldest); err != nil {
				return err
			}
			r := row(unit)
			r.OverdueWork, r.OldestOverdueDays = n, payesh.DaysBetween(oldest, today)
			return nil
		})
	if err != nil {
		return nil, err
	}
	// Reports of open rounds: drafts past the deadline, and returned ones.
	err = db.eachRow(ctx, `SELECT p.unit_id, p.state, r.deadline FROM reports p JOIN rounds r ON r.id = p.round_id
		WHERE r.closed = 0 AND (p.state = $1 OR (p.state = $2 AND r.deadline < $3))`,
		[]any{payesh.ReportReturned, payesh.ReportDraft, today}, func(scan func(...any) error) error {
			var unit int64
			var state payesh.ReportState
			var deadline payesh.Date
			if err := scan(&unit, &state, &deadline); err != nil {
				return err
			}
			r := row(unit)
			if state == payesh.ReportReturned {
				r.ReturnedReports++
				return nil
			}
			r.LateReports++
			r.ReportDaysLate = max(r.ReportDaysLate, payesh.DaysBetween(deadline, today))
			return nil
		})
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return []payesh.BoardRow{}, nil
	}
	reminders, err := db.lastReminders(ctx)
	if err != nil {
		return nil, err
	}
	// One pass over the org tree names the units: cheaper than a lookup
	// per row, and the tree is a few thousand rows at most.
	err = db.eachRow(ctx, `SELECT id, code, name_fa, kind, path FROM org_units`, nil, func(scan func(...any) error) error {
		var id int64
		var u payesh.OrgUnit
		if err := scan(&id, &u.Code, &u.NameFA, &u.Kind, &u.Path); err != nil {
			return err
		}
		if r := rows[id]; r != nil {
			r.UnitCode, r.UnitName, r.UnitKind, r.UnitPath = u.Code, u.NameFA, u.Kind, u.Path
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Who could act on it: a unit with no active user hears nothing.
	err = db.eachRow(ctx, `SELECT unit_id, COUNT(*) FROM users WHERE active = 1 AND role <> $1 GROUP BY unit_id`,
		[]any{payesh.RoleViewer}, func(scan func(...any) error) error {
			var id int64
			var n int
			if err := scan(&id, &n); err != nil {
				return err
			}
			if r := rows[id]; r != nil {
				r.ActiveUsers = n
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	out := make([]payesh.BoardRow, 0, len(rows))
	for id, r := range rows {
		if s, ok := reminders[id]; ok {
			last := s.last
			r.Reminders, r.LastReminderAt = s.count, &last
		}
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		if a, b := out[i].DaysLate(), out[j].DaysLate(); a != b {
			return a > b
		}
		return out[i].UnitPath < out[j].UnitPath
	})
	return out, nil
}

// eachRow runs query and calls fn with each row's Scan.
func (db *DB) eachRow(ctx context.Context, query string, args []any, fn func(scan func(...any) error) error) error {
	rows, err := db.db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}
