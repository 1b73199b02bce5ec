package main

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"payesh/internal/demo"
)

func TestVersion(t *testing.T) {
	out := newCLI(t).ok("", "version")
	if !strings.Contains(out, "payesh dev") || !strings.Contains(out, runtime.Version()) {
		t.Errorf("version printed %q; want the version and %s", out, runtime.Version())
	}
}

// TestCommandLineErrors: a wrong command line exits 2 with a message that
// says what is wrong, before any database is touched.
func TestCommandLineErrors(t *testing.T) {
	c := newCLI(t)
	c.env["PAYESH_PASSWORD"] = "long enough password"
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no command", nil, "no command"},
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"unknown flag", []string{"migrate", "--nope"}, "flag provided but not defined"},
		{"stray argument", []string{"migrate", "extra"}, `unexpected argument "extra"`},
		{"user without subcommand", []string{"user"}, "needs a subcommand"},
		{"unknown user subcommand", []string{"user", "delete"}, `unknown subcommand "delete"`},
		{"unknown role", []string{"user", "add", "--username", "u1", "--name", "U", "--unit", "sso", "--role", "boss"}, `unknown role "boss"`},
		{"missing flag", []string{"user", "add", "--username", "u1", "--unit", "sso", "--role", "viewer"}, "--name is required"},
		{"bad ttl", []string{"token", "create", "--username", "u", "--name", "n", "--ttl", "soon"}, "invalid value"},
		{"negative ttl", []string{"token", "create", "--username", "u", "--name", "n", "--ttl", "-1h"}, "must not be negative"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, err := c.run("", tc.args...)
			if code := exitCode(err, io.Discard); code != exitUsage {
				t.Fatalf("exit code %d (err %v); want %d", code, err, exitUsage)
			}
			if !strings.Contains(err.Error()+errOut, tc.want) {
				t.Errorf("error %q, stderr %q; want %q", err, errOut, tc.want)
			}
		})
	}
	if _, err := os.Stat(c.db); !os.IsNotExist(err) {
		t.Errorf("a rejected command line created the database (stat: %v)", err)
	}
}

func TestMigrateAndDemo(t *testing.T) {
	c := newCLI(t)
	for range 2 {
		if out := c.ok("", "migrate"); !strings.Contains(out, "up to date (sqlite)") {
			t.Errorf("migrate printed %q", out)
		}
	}
	out := c.ok("", "demo")
	if !strings.Contains(out, "demo data loaded") || !strings.Contains(out, demo.Password) {
		t.Errorf("demo printed %q; want the summary and the logins", out)
	}
	if out := c.ok("", "demo"); !strings.Contains(out, "already loaded") {
		t.Errorf("second demo printed %q; want it to do nothing", out)
	}
	if _, err := c.store().Authenticate(system(), "reporter", demo.Password); err != nil {
		t.Errorf("demo login: %v", err)
	}
}

// TestDBFlagBeatsEnv: an explicit --db wins over PAYESH_DB.
func TestDBFlagBeatsEnv(t *testing.T) {
	c := newCLI(t)
	other := filepath.Join(t.TempDir(), "other.db")
	c.ok("", "migrate", "--db", other)
	if _, err := os.Stat(other); err != nil {
		t.Errorf("--db %s: %v", other, err)
	}
	if _, err := os.Stat(c.db); !os.IsNotExist(err) {
		t.Errorf("PAYESH_DB was used although --db was given")
	}
}

func TestUserAdd(t *testing.T) {
	c := newCLI(t)
	c.ok("", "demo")
	add := []string{"user", "add", "--username", "maryam", "--name", "مریم", "--unit", "prov-khorasan-razavi", "--role", "reporter"}

	if out := c.ok("a long password\n", append(add, "--password-stdin")...); !strings.Contains(out, "user maryam created") {
		t.Errorf("user add printed %q", out)
	}
	u, err := c.store().Authenticate(system(), "maryam", "a long password")
	if err != nil || u.Role != "reporter" {
		t.Fatalf("new user log in: %+v, %v", u, err)
	}

	c.env["PAYESH_PASSWORD"] = "another long one"
	add[3] = "ali"
	c.ok("", add...)
	if _, err := c.store().Authenticate(system(), "ali", "another long one"); err != nil {
		t.Errorf("user with PAYESH_PASSWORD: %v", err)
	}

	for name, tc := range map[string]struct {
		stdin string
		args  []string
		want  string
	}{
		"unknown unit":   {"", []string{"user", "add", "--username", "x1", "--name", "X", "--unit", "prov-atlantis", "--role", "viewer"}, `unknown unit code "prov-atlantis"`},
		"short password": {"short\n", append(add, "--password-stdin"), "at least 10 characters"},
		"empty stdin":    {"", append(add, "--password-stdin"), "no password on standard input"},
		"taken username": {"", add, "already"},
	} {
		_, _, err := c.run(tc.stdin, tc.args...)
		if err == nil || exitCode(err, io.Discard) == exitOK || !strings.Contains(describe(err), tc.want) {
			t.Errorf("%s: error %v; want one saying %q", name, err, tc.want)
		}
	}
}

func TestUserAddWithoutPassword(t *testing.T) {
	c := newCLI(t)
	_, _, err := c.run("", "user", "add", "--username", "x1", "--name", "X", "--unit", "sso", "--role", "viewer")
	if exitCode(err, io.Discard) != exitUsage || !strings.Contains(err.Error(), "PAYESH_PASSWORD") {
		t.Errorf("error %v; want a usage error naming PAYESH_PASSWORD", err)
	}
}

func TestUserPasswd(t *testing.T) {
	c := newCLI(t)
	c.ok("", "demo")
	if out := c.ok("a brand new password\n", "user", "passwd", "--username", "admin", "--password-stdin"); !strings.Contains(out, "password of admin changed") {
		t.Errorf("user passwd printed %q", out)
	}
	db := c.store()
	if _, err := db.Authenticate(system(), "admin", "a brand new password"); err != nil {
		t.Errorf("log in with the new password: %v", err)
	}
	if _, err := db.Authenticate(system(), "admin", demo.Password); err == nil {
		t.Errorf("the old password still works")
	}
	_, _, err := c.run("a brand new password\n", "user", "passwd", "--username", "nobody", "--password-stdin")
	if err == nil || !strings.Contains(err.Error(), `unknown user "nobody"`) {
		t.Errorf("passwd of an unknown user: %v", err)
	}
}

func TestTokenCreate(t *testing.T) {
	c := newCLI(t)
	c.ok("", "demo")
	out, errOut, err := c.run("", "token", "create", "--username", "viewer", "--name", "excel import", "--ttl", "1h")
	if err != nil {
		t.Fatalf("token create: %v (%s)", err, errOut)
	}
	secret := strings.TrimSpace(out)
	if strings.Count(out, "\n") != 1 || len(secret) < 20 {
		t.Fatalf("stdout %q; want the secret alone on one line", out)
	}
	if !strings.Contains(errOut, "shown only this once") || !strings.Contains(errOut, "expires") {
		t.Errorf("stderr %q; want the once-only warning and the expiry", errOut)
	}
	u, err := c.store().UserByToken(system(), secret)
	if err != nil || u.Username != "viewer" {
		t.Errorf("the printed secret authenticates %+v, %v; want viewer", u, err)
	}
	if _, _, err := c.run("", "token", "create", "--username", "ghost", "--name", "x"); err == nil || !strings.Contains(err.Error(), "unknown user") {
		t.Errorf("token for an unknown user: %v", err)
	}
}
