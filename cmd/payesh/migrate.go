package main

import (
	"context"
	"fmt"
)

// cmdMigrate brings the schema up to date. Opening the store already
// migrates; calling Migrate again makes the intent explicit and checks that
// it is idempotent on this very database.
func cmdMigrate(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("migrate")
	dsn := e.dbFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	db, err := openStore(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	fmt.Fprintf(e.stdout, "database %s is up to date (%s)\n", redact(*dsn), db.Engine())
	return nil
}
