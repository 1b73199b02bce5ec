package store

// The Go step of migrations/008_worklist.sql: on PostgreSQL, org_units.path
// compares in byte order (COLLATE "C"), as SQLite's BINARY does, so that a
// subtree is the index range path >= '/1/10/' AND path < '/1/100' on both
// engines. Under a locale such as en_US the slashes are ignored at the
// first level and '/1/10/5/' would fall outside that range; and an index
// in the database's collation could not serve the range at all. Altering
// the column rebuilds its index (org_units_path) in the new collation.
func init() {
	afterMigration["migrations/008_worklist.sql"] = (*Tx).worklistCollation
}

func (tx *Tx) worklistCollation() error {
	if tx.db.engine != Postgres {
		return nil
	}
	_, err := tx.ExecContext(tx.ctx, `ALTER TABLE org_units ALTER COLUMN path TYPE TEXT COLLATE "C"`)
	return err
}
