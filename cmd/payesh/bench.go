package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/bench"
)

// defaultBenchDB is where bench builds its SQLite data set; it is made
// anew on every run.
const defaultBenchDB = "./tmp/bench/payesh-bench.db"

// cmdBench generates the synthetic national data set into an empty
// database and prints the timing table. With --work it builds the work
// items instead of the full values and times the work lists and pages
// through the HTTP handler; --size small runs both, small.
func cmdBench(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("bench")
	dsn := fs.String("db", defaultBenchDB, "an empty SQLite file or PostgreSQL URL; the default file is made anew each run")
	size := fs.String("size", "full", "full (ten times the real organization) or small (what CI runs)")
	runs := fs.Int("runs", 0, "timed repetitions of each question (0: the size's default)")
	work := fs.String("work", "", "work items to time the work pages with, e.g. 100000 or 10000,100000 to show growth; "+
		"it runs the work bench only (0: none; default: none at full size, 2000 after the small bench)")
	valueYears := fs.Int("value-years", 1, "with --work: years of monthly values to load for /dashboard and /values (0: none; the indicator bench loads 10)")
	if err := parse(fs, args); err != nil {
		return err
	}
	c, err := benchConfig(*size, *runs)
	if err != nil {
		return err
	}
	sizes, err := workSizes(*work)
	if err != nil {
		return err
	}
	workOnly := *work != "" && len(sizes) > 0
	if workOnly {
		if *valueYears < 0 || *valueYears > c.Years {
			return usageErrorf("--value-years must be between 0 and %d", c.Years)
		}
		c.Years = *valueYears
	}
	if *work == "" && *size == "small" {
		sizes = bench.SmallWork().Sizes
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
	if !workOnly {
		r, err := bench.Measure(ctx, db, d, c)
		if err != nil {
			return err
		}
		r.Print(e.stdout)
	}
	if len(sizes) == 0 {
		return nil
	}
	wc := bench.FullWork(sizes...)
	if *size == "small" {
		wc = bench.SmallWork(sizes...)
	}
	if *runs > 0 {
		wc.Runs, wc.MinRuns = *runs, min(wc.MinRuns, *runs)
	}
	fmt.Fprintf(e.stdout, "generating work items: %s…\n", strings.Trim(fmt.Sprint(sizes), "[]"))
	wr, err := bench.MeasureWork(ctx, db, d, c, wc, e.stdout)
	if err != nil {
		return err
	}
	wr.Print(e.stdout)
	return nil
}

// workSizes reads --work: item counts, ascending; "0" or "" is none.
func workSizes(s string) ([]int, error) {
	if s == "" || s == "0" {
		return nil, nil
	}
	var sizes []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(f), "_", ""))
		if err != nil || n <= 0 || n > 10_000_000 {
			return nil, usageErrorf("--work takes item counts such as 10000,100000, not %q", s)
		}
		sizes = append(sizes, n)
	}
	if !slices.IsSorted(sizes) || len(slices.Compact(slices.Clone(sizes))) != len(sizes) {
		return nil, usageErrorf("--work sizes must grow: %q", s)
	}
	return sizes, nil
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
