package store

import (
	"context"
	"database/sql"
	"errors"

	"payesh"
)

// TrainingLoaded reports whether a training set is in the database: an
// indicator whose code carries payesh.TrainingPrefix. Pages that show
// indicators ask on every view; the indicators are hundreds at most.
func (db *DB) TrainingLoaded(ctx context.Context) (bool, error) {
	if _, err := requireUser(ctx); err != nil {
		return false, err
	}
	var one int
	err := db.db.QueryRowContext(ctx, `SELECT 1 FROM indicators WHERE code LIKE $1 LIMIT 1`, payesh.TrainingPrefix+"%").Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
