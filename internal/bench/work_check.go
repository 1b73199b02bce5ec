package bench

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/rand/v2"

	"payesh"
	"payesh/internal/store"
)

// checkWorkRollups compares what the store holds of up to sample parents
// — progress, derived status, risk and lateness — with payesh.Derive (and
// so payesh.RollUp) over their children as stored: the bulk loader must
// leave them as the store's writes would.
func checkWorkRollups(ctx context.Context, db *store.DB, seed uint64, sample int) (int, error) {
	q := db.SQL()
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT parent_id FROM work_items WHERE parent_id IS NOT NULL`)
	if err != nil {
		return 0, err
	}
	var parents []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, err
		}
		parents = append(parents, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	rng := rand.New(rand.NewPCG(seed, 3))
	rng.Shuffle(len(parents), func(i, j int) { parents[i], parents[j] = parents[j], parents[i] })
	parents = parents[:min(sample, len(parents))]
	for _, id := range parents {
		if err := checkWorkParent(ctx, q, id); err != nil {
			return 0, err
		}
	}
	return len(parents), nil
}

func checkWorkParent(ctx context.Context, q *sql.DB, id int64) error {
	rows, err := q.QueryContext(ctx, `SELECT weight, progress, status, due_date, risk_from FROM work_items WHERE parent_id = $1`, id)
	if err != nil {
		return err
	}
	var children []payesh.Child
	for rows.Next() {
		var c payesh.Child
		if err := rows.Scan(&c.Weight, &c.Progress, &c.Status, &c.Due, &c.RiskFrom); err != nil {
			rows.Close()
			return err
		}
		children = append(children, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var w payesh.WorkItem
	var late payesh.Date
	err = q.QueryRowContext(ctx, `SELECT progress, status, derived_status, due_date, risk_from, late_from FROM work_items WHERE id = $1`, id).
		Scan(&w.Progress, &w.Status, &w.DerivedStatus, &w.DueDate, &w.RiskFrom, &late)
	if err != nil {
		return err
	}
	d := payesh.Derive(children)
	want := payesh.RollUp(children)
	switch {
	case math.Abs(w.Progress-want) > 1e-9:
		return fmt.Errorf("work item %d: stored progress %v, payesh.RollUp of its %d children %v", id, w.Progress, len(children), want)
	case w.DerivedStatus != d.Status:
		return fmt.Errorf("work item %d: stored derived status %q, children say %q", id, w.DerivedStatus, d.Status)
	case !w.RiskFrom.Equal(d.RiskFrom):
		return fmt.Errorf("work item %d: stored risk from %s, children say %s", id, w.RiskFrom, d.RiskFrom)
	case !late.Equal(w.LateFrom()):
		return fmt.Errorf("work item %d: stored late from %s, want %s", id, late, w.LateFrom())
	}
	return nil
}

// workCounts returns how many items are overdue on day today and how many
// are done.
func workCounts(ctx context.Context, db *store.DB, today payesh.Date) (overdue, done int, err error) {
	err = db.SQL().QueryRowContext(ctx, `SELECT
		COALESCE(SUM(CASE WHEN late_from < $1 THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END), 0) FROM work_items`, today).Scan(&overdue, &done)
	return overdue, done, err
}
