package store

import (
	"context"
	"fmt"
	"os"
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

// Backup writes a consistent copy of the running database to path, a new
// SQLite file, which `payesh restore` (or copy) puts back into an empty
// database of either engine: SQLite's own VACUUM INTO for a SQLite
// database; for PostgreSQL, every table read in one snapshot into a new,
// migrated SQLite file, counted and checksummed on both sides (CopyTo),
// whose tables it returns. It is what `payesh backup` and serve's
// scheduled backups run. A path that exists is refused, and a failed
// backup leaves no file behind.
func (db *DB) Backup(ctx context.Context, path string, progress CopyProgress) ([]TableCopy, error) {
	if _, err := os.Stat(path); err == nil {
		return nil, fmt.Errorf("store: backup: %s exists; choose a new file", path)
	}
	var (
		tables []TableCopy
		err    error
	)
	if db.engine == SQLite {
		err = db.BackupTo(ctx, path)
	} else {
		tables, err = db.backupByCopy(ctx, path, progress)
	}
	if err != nil {
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			os.Remove(p)
		}
		return tables, fmt.Errorf("store: backup: %w", err)
	}
	return tables, nil
}

func (db *DB) backupByCopy(ctx context.Context, path string, progress CopyProgress) ([]TableCopy, error) {
	dst, err := Open(ctx, path, Options{})
	if err != nil {
		return nil, err
	}
	tables, err := db.CopyTo(ctx, dst, progress)
	// Closing checkpoints the WAL into the file: the backup is one file.
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	return tables, err
}
