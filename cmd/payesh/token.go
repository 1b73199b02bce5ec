package main

import (
	"context"
	"fmt"
	"time"

	"payesh/internal/store"
)

// defaultTokenTTL is thirty days: long enough for a script's month, short
// enough that a forgotten token dies on its own.
const defaultTokenTTL = 720 * time.Hour

func cmdToken(ctx context.Context, e *env, args []string) error {
	return runGroup(ctx, e, "token", []command{
		{"create", "issue an API token for a user and print its secret once", cmdTokenCreate},
	}, args)
}

// cmdTokenCreate prints only the secret on stdout, so that
// TOKEN=$(payesh token create …) works; the rest goes to stderr.
func cmdTokenCreate(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("token create")
	dsn := e.dbFlag(fs)
	username := fs.String("username", "", "login name of the user the token acts as")
	name := fs.String("name", "", "what the token is for, e.g. \"excel import\"")
	ttl, err := e.durationFlag(fs, "ttl", "PAYESH_TOKEN_TTL", defaultTokenTTL, "lifetime; 0 never expires")
	if err != nil {
		return err
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := required(need("username", username), need("name", name)); err != nil {
		return err
	}
	if *ttl < 0 {
		return usageErrorf("--ttl must not be negative")
	}
	return withStore(ctx, *dsn, func(ctx context.Context, db *store.DB) error {
		u, err := findUser(ctx, db, *username)
		if err != nil {
			return err
		}
		secret, t, err := db.CreateToken(ctx, u.ID, *name, *ttl)
		if err != nil {
			return fmt.Errorf("token create: %w", err)
		}
		fmt.Fprintln(e.stdout, secret)
		expires := "never expires"
		if t.ExpiresAt != nil {
			expires = "expires " + t.ExpiresAt.Format(time.RFC3339)
		}
		fmt.Fprintf(e.stderr, "token %d %q for %s, %s; the secret is shown only this once\n", t.ID, t.Name, u.Username, expires)
		return nil
	})
}
