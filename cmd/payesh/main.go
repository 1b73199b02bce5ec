// Command payesh is Payesh's one binary: it serves the API, migrates the
// database, loads the demo and manages users and tokens. Each subcommand
// lives in its own file; all configuration comes from flags and PAYESH_*
// environment variables passed in explicitly, never from globals, so run is
// testable end to end.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// The context ends on SIGINT or SIGTERM, which serve takes as the cue
	// for a graceful shutdown.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// commands lists the subcommands in the order help shows them.
func commands() []command {
	return []command{
		{"serve", "serve the API (--demo loads the demo data into an empty database)", cmdServe},
		{"migrate", "create or upgrade the database schema", cmdMigrate},
		{"demo", "load the demo data (does nothing if it is already loaded)", cmdDemo},
		{"copy", "copy every table into an empty database (SQLite ⇄ PostgreSQL) and check them", cmdCopy},
		{"backup", "write a consistent backup of a running database to a new SQLite file", cmdBackup},
		{"restore", "restore a backup file into an empty database", cmdRestore},
		{"user", "manage users: user add, user passwd", cmdUser},
		{"token", "manage API tokens: token create", cmdToken},
		{"bench", "generate a national-scale data set and time the dashboards' questions (--work: the work pages)", cmdBench},
		{"stress", "drive running instances with concurrent API clients and check the numbers stay exact", cmdStress},
		{"version", "print the version", cmdVersion},
		{"help", "print this help", cmdHelp},
	}
}

// run executes the command line args (without the program name).
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	if len(args) == 0 {
		printUsage(stderr)
		return usageErrorf("no command given")
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	return usageErrorf("unknown command %q; run 'payesh help'", args[0])
}

func cmdHelp(_ context.Context, e *env, _ []string) error {
	printUsage(e.stdout)
	return nil
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "Payesh (پایش) follows up the General Social Security Policies.")
	fmt.Fprintln(w, "\nUsage: payesh <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'payesh <command> -h' for the flags of a command.")
	fmt.Fprintln(w, "Every configuration flag can also be set by its PAYESH_* variable, named in -h.")
}
