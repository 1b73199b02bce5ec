package store

import (
	"context"
	"fmt"
)

// BackupTo writes a consistent copy of a SQLite database to a new file
// while the server goes on: VACUUM INTO reads one snapshot and writes a
// compact file, without stopping writers for longer than its reads.
func (db *DB) BackupTo(ctx context.Context, path string) error {
	if db.engine != SQLite {
		return fmt.Errorf("store: BackupTo is SQLite's; copy a PostgreSQL database with CopyTo")
	}
	_, err := db.db.ExecContext(ctx, `VACUUM INTO $1`, path)
	return err
}
