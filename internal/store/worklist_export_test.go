package store

import (
	"context"

	"payesh"
)

// WorkListSQL returns the statements FindWorkItems may run for f — the
// page's ids as chosen through the filters' indexes, or by walking the
// sort key's index, and the capped count — with their arguments, for the
// plan tests. (The rows are then read by primary key, workPage.)
func (db *DB) WorkListSQL(ctx context.Context, f payesh.WorkItemFilter) (filter, walk, count string, args []any, err error) {
	q, err := db.workQuery(ctx, f)
	if err != nil {
		return "", "", "", nil, err
	}
	w := &where{conds: q.conds(false)}
	return q.idsSQL(false), q.idsSQL(true),
		`SELECT COUNT(*) FROM (SELECT 1 FROM work_items w` + w.String() + ` LIMIT 1001) c`, q.args, nil
}
