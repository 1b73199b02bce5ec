package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"time"
)

// env is everything a command may read or write besides its flags: the
// standard streams and the environment, passed in so tests can fake them.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// Defaults of the shared configuration flags.
const (
	defaultAddr = "127.0.0.1:8080"
	defaultDB   = "./data/payesh.db"
)

// flagSet returns a flag set that reports errors instead of exiting, so
// run returns them like any other error.
func (e *env) flagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("payesh "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

// envDefault returns the variable key if set, else def: a flag's default
// comes from the environment and an explicit flag beats both.
func (e *env) envDefault(key, def string) string {
	if v := e.getenv(key); v != "" {
		return v
	}
	return def
}

func (e *env) stringFlag(fs *flag.FlagSet, name, key, def, usage string) *string {
	return fs.String(name, e.envDefault(key, def), usage+" (env "+key+")")
}

// dbFlag is the --db flag every command that opens the database has.
func (e *env) dbFlag(fs *flag.FlagSet) *string {
	return e.stringFlag(fs, "db", "PAYESH_DB", defaultDB, "SQLite file path, or postgres:// URL")
}

// boolFlag and durationFlag parse their environment default eagerly, so a
// malformed variable is reported rather than silently ignored.
func (e *env) boolFlag(fs *flag.FlagSet, name, key string, def bool, usage string) (*bool, error) {
	v, err := strconv.ParseBool(e.envDefault(key, strconv.FormatBool(def)))
	if err != nil {
		return nil, usageErrorf("%s=%q is not true or false", key, e.getenv(key))
	}
	return fs.Bool(name, v, usage+" (env "+key+")"), nil
}

func (e *env) durationFlag(fs *flag.FlagSet, name, key string, def time.Duration, usage string) (*time.Duration, error) {
	v, err := time.ParseDuration(e.envDefault(key, def.String()))
	if err != nil {
		return nil, usageErrorf("%s=%q is not a duration like 720h", key, e.getenv(key))
	}
	return fs.Duration(name, v, usage+" (env "+key+")"), nil
}

// intFlag is an integer flag whose environment default is parsed eagerly,
// as boolFlag's is.
func (e *env) intFlag(fs *flag.FlagSet, name, key string, def int, usage string) (*int, error) {
	v, err := strconv.Atoi(e.envDefault(key, strconv.Itoa(def)))
	if err != nil {
		return nil, usageErrorf("%s=%q is not a number", key, e.getenv(key))
	}
	return fs.Int(name, v, usage+" (env "+key+")"), nil
}

// parse parses args and rejects positional arguments, which no command
// takes: a stray word is more likely a typo than an intent.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		return err
	} else if err != nil {
		return usageError{err.Error(), true}
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected argument %q", fs.Arg(0))
	}
	return nil
}

// required returns a usage error naming the first empty required flag.
func required(flags ...*requiredFlag) error {
	for _, f := range flags {
		if *f.value == "" {
			return usageErrorf("--%s is required", f.name)
		}
	}
	return nil
}

type requiredFlag struct {
	name  string
	value *string
}

func need(name string, value *string) *requiredFlag { return &requiredFlag{name, value} }

// usageError is a mistake in the command line; main exits 2 for it.
type usageError struct {
	msg string
	// reported is true when the flag package has already printed it.
	reported bool
}

func (u usageError) Error() string { return u.msg }

func usageErrorf(format string, args ...any) error {
	return usageError{msg: fmt.Sprintf(format, args...)}
}
