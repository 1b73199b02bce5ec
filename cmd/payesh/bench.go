package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"payesh"
	"payesh/internal/bench"
)

// defaultBenchDB is where bench builds its SQLite data set; it is made
// anew on every run.
const defaultBenchDB = "./tmp/bench/payesh-bench.db"

// cmdBench generates the synthetic national data set into an empty
// database and prints the timing table.
func cmdBench(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("bench")
	dsn := fs.String("db", defaultBenchDB, "an empty SQLite file or PostgreSQL URL; the default file is made anew each run")
	size := fs.String("size", "full", "full (ten times the real organization) or small (what CI runs)")
	runs := fs.Int("runs", 0, "timed repetitions of each question (0: the size's default)")
	if err := parse(fs, args); err != nil {
		return err
	}
	c, err := benchConfig(*size, *runs)
	if err != nil {
		return err
	}
	if *dsn == defaultBenchDB {
		if err := removeSQLite(*dsn); err != nil {
			return err
		}
	}
	db, err := openStore(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, n, err := db.FindOrgUnits(asSystem(ctx), payesh.OrgUnitFilter{Page: payesh.Page{Limit: 1}}); err != nil {
		return err
	} else if n > 0 {
		return fmt.Errorf("bench needs an empty database; %s has data", redact(*dsn))
	}
	fmt.Fprintf(e.stdout, "generating %d units, %d indicators, %d values into %s…\n", c.Units(), c.Indicators, c.Values(), redact(*dsn))
	d, err := bench.Generate(ctx, db, c, e.stdout)
	if err != nil {
		return err
	}
	r, err := bench.Measure(ctx, db, d, c)
	if err != nil {
		return err
	}
	r.Print(e.stdout)
	return nil
}

func benchConfig(size string, runs int) (bench.Config, error) {
	var c bench.Config
	switch size {
	case "full":
		c = bench.Full()
	case "small":
		c = bench.Small()
	default:
		return c, usageErrorf("--size must be full or small, not %q", size)
	}
	if runs < 0 {
		return c, usageErrorf("--runs must not be negative")
	}
	if runs > 0 {
		c.Runs = runs
	}
	return c, nil
}

// removeSQLite deletes the default bench file and its side files, so each
// run starts empty. Any other database must already be empty: bench never
// deletes what it did not make.
func removeSQLite(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return err
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	return nil
}
