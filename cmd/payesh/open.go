package main

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/store"
)

// openStore opens the database at dsn and applies pending migrations.
func openStore(ctx context.Context, dsn string) (*store.DB, error) {
	db, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", redact(dsn), err)
	}
	return db, nil
}

// redact hides the password of a PostgreSQL URL, which must never reach a
// log or a terminal recording.
func redact(dsn string) string {
	if !strings.Contains(dsn, "://") {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unparsable database URL)"
	}
	return u.Redacted()
}

// asSystem is the actor of the command line: whoever can run the binary
// against the database already holds every key to it.
func asSystem(ctx context.Context) context.Context {
	return payesh.WithUser(ctx, payesh.System)
}

func demoServices(db *store.DB) demo.Services {
	return demo.Services{Units: db, Documents: db, Work: db, Users: db, Indicators: db, Reports: db, Meetings: db, Calls: db}
}
