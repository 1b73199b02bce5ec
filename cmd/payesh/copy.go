package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"payesh/internal/store"
)

// cmdCopy copies every table of one database into another, empty one —
// SQLite to PostgreSQL to grow, or back for a local copy — and checks
// each table's rows on both sides.
func cmdCopy(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("copy")
	from := fs.String("from", "", "the database to copy: a SQLite file or postgres:// URL")
	to := fs.String("to", "", "an empty database to copy into (migrated first): a SQLite file or postgres:// URL")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := required(need("from", from), need("to", to)); err != nil {
		return err
	}
	return copyDatabases(ctx, e, *from, *to)
}

// cmdBackup writes a consistent copy of a running database to a new
// SQLite file: SQLite's own VACUUM INTO for a SQLite database, a copy of
// every table read in one snapshot for PostgreSQL.
func cmdBackup(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("backup")
	dsn := e.dbFlag(fs)
	to := fs.String("to", "", "the backup file to write (a new SQLite file)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := required(need("to", to)); err != nil {
		return err
	}
	if _, err := os.Stat(*to); err == nil {
		return fmt.Errorf("backup: %s exists; choose a new file", *to)
	}
	db, err := openStore(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	got, err := db.Backup(ctx, *to, progressBar(e.stderr))
	if len(got) > 0 {
		printCopy(e.stdout, got)
	}
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if db.Engine() == store.SQLite {
		fmt.Fprintf(e.stdout, "backup of %s written to %s\n", redact(*dsn), *to)
		return nil
	}
	fmt.Fprintf(e.stdout, "copied %s (%s) into %s (%s): every table's rows and checksum agree\n",
		redact(*dsn), db.Engine(), redact(*to), store.SQLite)
	return nil
}

// cmdRestore copies a backup into an empty database.
func cmdRestore(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("restore")
	dsn := e.dbFlag(fs)
	from := fs.String("from", "", "the backup file to restore (a SQLite file)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := required(need("from", from)); err != nil {
		return err
	}
	if _, err := os.Stat(*from); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	return copyDatabases(ctx, e, *from, *dsn)
}

// copyDatabases copies from into to, showing progress on a terminal, and
// prints each table's rows on both sides.
func copyDatabases(ctx context.Context, e *env, from, to string) error {
	src, err := openStore(ctx, from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := openStore(ctx, to)
	if err != nil {
		return err
	}
	defer dst.Close()
	got, err := src.CopyTo(ctx, dst, progressBar(e.stderr))
	if len(got) > 0 {
		printCopy(e.stdout, got)
	}
	if errors.Is(err, store.ErrTargetNotEmpty) {
		return fmt.Errorf("copy: %w; copy into an empty database", err)
	}
	if err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	fmt.Fprintf(e.stdout, "copied %s (%s) into %s (%s): every table's rows and checksum agree\n",
		redact(from), src.Engine(), redact(to), dst.Engine())
	return nil
}

// progressBar draws each table's progress on one line of a terminal, and
// nothing when the output is a file or a pipe.
func progressBar(w io.Writer) store.CopyProgress {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return func(table string, done, total int64) {
		const width = 30
		n := width
		if total > 0 {
			n = int(done * width / total)
		}
		fmt.Fprintf(w, "\r%-28s [%s%s] %d/%d", table, strings.Repeat("#", n), strings.Repeat(" ", width-n), done, total)
		if done >= total {
			fmt.Fprintln(w)
		}
	}
}

func printCopy(w io.Writer, got []store.TableCopy) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "table\tsource rows\ttarget rows\tchecksums\t")
	for _, t := range got {
		same := "agree"
		if !t.Matches() {
			same = "DIFFER"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t\n", t.Table, t.Source, t.Target, same)
	}
	tw.Flush()
}
