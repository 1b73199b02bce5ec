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
		{"list", "list a user's API tokens (never their secrets)", cmdTokenList},
		{"revoke", "revoke an API token by its id", cmdTokenRevoke},
	}, args)
}

// cmdTokenCreate prints only the secret on stdout, so that
// TOKEN=$(payesh token create …) works; the rest goes to stderr. The
// command line is the only place a token that never expires (--ttl 0), or
// one longer than the server's --token-max-ttl, can be made: whoever runs
// it holds the database already.
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

// cmdTokenList prints a user's tokens, one a line: id, created, expires,
// last used, name.
func cmdTokenList(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("token list")
	dsn := e.dbFlag(fs)
	username := fs.String("username", "", "login name of the user")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := required(need("username", username)); err != nil {
		return err
	}
	return withStore(ctx, *dsn, func(ctx context.Context, db *store.DB) error {
		u, err := findUser(ctx, db, *username)
		if err != nil {
			return err
		}
		list, err := db.FindTokens(ctx, u.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%-6s  %-20s  %-20s  %-20s  %s\n", "ID", "CREATED", "EXPIRES", "LAST USED", "NAME")
		for _, t := range list {
			fmt.Fprintf(e.stdout, "%-6d  %-20s  %-20s  %-20s  %s\n", t.ID, t.CreatedAt.UTC().Format(time.RFC3339),
				timeOr(t.ExpiresAt, "never"), timeOr(t.LastUsedAt, "-"), t.Name)
		}
		return nil
	})
}

func timeOr(t *time.Time, none string) string {
	if t == nil {
		return none
	}
	return t.UTC().Format(time.RFC3339)
}

// cmdTokenRevoke revokes a token; it stops working at once.
func cmdTokenRevoke(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("token revoke")
	dsn := e.dbFlag(fs)
	id := fs.Int64("id", 0, "id of the token, as 'payesh token list' shows it")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *id <= 0 {
		return usageErrorf("--id is required: the token's id, as 'payesh token list' shows it")
	}
	return withStore(ctx, *dsn, func(ctx context.Context, db *store.DB) error {
		if err := db.RevokeToken(ctx, *id); err != nil {
			return fmt.Errorf("token revoke: %w", err)
		}
		fmt.Fprintf(e.stdout, "token %d revoked\n", *id)
		return nil
	})
}
