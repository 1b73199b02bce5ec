package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"payesh"
	"payesh/internal/store"
)

func cmdUser(ctx context.Context, e *env, args []string) error {
	return runGroup(ctx, e, "user", []command{
		{"add", "create a user in an org unit with a role", cmdUserAdd},
		{"passwd", "set a user's password", cmdUserPasswd},
	}, args)
}

// cmdUserAdd creates a user. The first admin of a new installation is made
// this way; later ones can be made through the API too.
func cmdUserAdd(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("user add")
	dsn := e.dbFlag(fs)
	username := fs.String("username", "", "login name: lowercase Latin letters, digits, . _ -")
	name := fs.String("name", "", "the person's full name")
	email := fs.String("email", "", "e-mail address (optional)")
	unit := fs.String("unit", "", "code of the user's org unit, e.g. sso or prov-khorasan-razavi")
	role := fs.String("role", "", "one of "+roleNames())
	fromStdin := passwordStdinFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := required(need("username", username), need("name", name), need("unit", unit), need("role", role)); err != nil {
		return err
	}
	if !payesh.Role(*role).Valid() {
		return usageErrorf("unknown role %q; want one of %s", *role, roleNames())
	}
	pw, err := readPassword(e, *fromStdin, *username)
	if err != nil {
		return err
	}
	return withStore(ctx, *dsn, func(ctx context.Context, db *store.DB) error {
		u, err := db.FindOrgUnitByCode(ctx, *unit)
		if payesh.ErrorCode(err) == payesh.ENOTFOUND {
			return fmt.Errorf("unknown unit code %q", *unit)
		} else if err != nil {
			return err
		}
		user := &payesh.User{Username: *username, Name: *name, Email: *email, UnitID: u.ID, Role: payesh.Role(*role), Active: true}
		if err := db.CreateUser(ctx, user, pw); err != nil {
			return fmt.Errorf("user add: %w", err)
		}
		fmt.Fprintf(e.stdout, "user %s created (id %d, role %s, unit %s)\n", user.Username, user.ID, user.Role, u.Code)
		return nil
	})
}

// cmdUserPasswd sets a password, e.g. for an admin who forgot theirs.
func cmdUserPasswd(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("user passwd")
	dsn := e.dbFlag(fs)
	username := fs.String("username", "", "login name of the user")
	fromStdin := passwordStdinFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := required(need("username", username)); err != nil {
		return err
	}
	pw, err := readPassword(e, *fromStdin, *username)
	if err != nil {
		return err
	}
	return withStore(ctx, *dsn, func(ctx context.Context, db *store.DB) error {
		u, err := findUser(ctx, db, *username)
		if err != nil {
			return err
		}
		if err := db.SetPassword(ctx, u.ID, pw); err != nil {
			return fmt.Errorf("user passwd: %w", err)
		}
		fmt.Fprintf(e.stdout, "password of %s changed\n", u.Username)
		return nil
	})
}

func passwordStdinFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("password-stdin", false, "read the password from the first line of standard input (else env PAYESH_PASSWORD)")
}

// findUser looks a user up by username, saying plainly when there is none.
func findUser(ctx context.Context, db *store.DB, username string) (*payesh.User, error) {
	u, err := db.FindUserByUsername(ctx, username)
	if payesh.ErrorCode(err) == payesh.ENOTFOUND {
		return nil, fmt.Errorf("unknown user %q", username)
	}
	return u, err
}

// withStore opens the database, runs fn as the system actor and closes it.
func withStore(ctx context.Context, dsn string, fn func(context.Context, *store.DB) error) error {
	db, err := openStore(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(asSystem(ctx), db)
}

func roleNames() string {
	names := make([]string, len(payesh.Roles))
	for i, r := range payesh.Roles {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}
