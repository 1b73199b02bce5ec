package store

import (
	"context"

	"payesh"
)

// Setup reads what is left to set up (payesh.Setup) in one statement of
// EXISTS and LIMIT subqueries: the desk of an admin or the secretariat
// asks on every visit. A training set's indicators, targets and round
// (payesh.TrainingPrefix) are practice, not setup: they count for none. The units without a user are looked for among the
// roots and their children only (by the parent index), not the thousands
// of branches below them.
func (db *DB) Setup(ctx context.Context) (payesh.Setup, error) {
	var s payesh.Setup
	if err := requireConfigure(ctx); err != nil {
		return s, err
	}
	var indicators, targets, open int
	err := db.db.QueryRowContext(ctx, `SELECT
		COALESCE((SELECT id FROM documents ORDER BY id LIMIT 1), 0),
		COALESCE((SELECT id FROM clauses WHERE text = '' ORDER BY document_id, path LIMIT 1), 0),
		(SELECT COUNT(*) FROM (SELECT 1 FROM clauses WHERE text = '' LIMIT $1) c),
		CASE WHEN EXISTS (SELECT 1 FROM indicators WHERE code NOT LIKE $2) THEN 1 ELSE 0 END,
		CASE WHEN EXISTS (SELECT 1 FROM indicator_targets t JOIN indicators i ON i.id = t.indicator_id WHERE i.code NOT LIKE $2) THEN 1 ELSE 0 END,
		CASE WHEN EXISTS (SELECT 1 FROM rounds WHERE closed = 0 AND title NOT LIKE $3) THEN 1 ELSE 0 END`,
		payesh.SetupUnitsCap, payesh.TrainingPrefix+"%", payesh.TrainingMark+"%").Scan(&s.DocumentID, &s.ClauseWithoutText, &s.ClausesWithoutText, &indicators, &targets, &open)
	if err != nil {
		return s, err
	}
	s.Indicators, s.Targets, s.OpenRound = indicators == 1, targets == 1, open == 1
	err = db.eachRow(ctx, `SELECT o.id FROM org_units o
		WHERE (o.parent_id IS NULL OR o.parent_id IN (SELECT r.id FROM org_units r WHERE r.parent_id IS NULL))
		AND NOT EXISTS (SELECT 1 FROM users u WHERE u.unit_id = o.id AND u.active = 1 AND u.role <> $1)
		ORDER BY o.path LIMIT $2`,
		[]any{payesh.RoleViewer, payesh.SetupUnitsCap}, func(scan func(...any) error) error {
			var id int64
			if err := scan(&id); err != nil {
				return err
			}
			if s.UnitsWithoutUser == 0 {
				s.FirstUnitWithoutUser = id
			}
			s.UnitsWithoutUser++
			return nil
		})
	return s, err
}
