// Package backup runs serve's scheduled backups: every interval, the same
// consistent backup `payesh backup` makes (store.DB.Backup), into a
// folder, named by the slot's UTC time, keeping the newest few.
//
// Several instances over one database schedule the same slots — the
// interval's multiples of UTC time, so each day's 00:00 for 24h — and run
// each once: the instance that records the slot in the database
// (store.DB.ClaimSlot) backs up, the others skip it. An instance that
// starts in the middle of a slot nobody has run runs it at once.
package backup

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"time"

	"payesh/internal/store"
)

// Job is the backups' name in the job_slots table and the metrics.
const Job = "backup"

// Store is what the runner needs of the store.
type Store interface {
	Backup(ctx context.Context, path string, progress store.CopyProgress) ([]store.TableCopy, error)
	ClaimSlot(ctx context.Context, job string, slot time.Time, instance string) (bool, error)
	FinishSlot(ctx context.Context, job string, slot time.Time, ok bool, detail string) error
}

// Runner is the scheduled backup. Dir, Every (a second or more) and Keep
// (one or more) are required; Instance names this instance in the slot's
// row (host and process id when empty); Now is time.Now when nil; the nil
// Logger discards; Observe, when set, is told of each slot's result.
type Runner struct {
	Store    Store
	Dir      string
	Every    time.Duration
	Keep     int
	Instance string
	Now      func() time.Time
	Logger   *slog.Logger
	Observe  func(Result)
}

// Result is what became of one slot.
type Result struct {
	Slot    time.Time
	Skipped bool   // another instance has the slot
	Path    string // the backup written
	Bytes   int64
	Took    time.Duration
	Removed []string // older backups deleted to keep Keep
	Err     error
}

// File names: payesh-20250320T000000Z.db, the slot's start in UTC, so
// that names sort as times do; a backup is written under a hidden
// partial name and renamed when whole, so a half-written file is never
// taken for a backup, nor counted among those kept.
const timeLayout = "20060102T150405Z"

var backupName = regexp.MustCompile(`^payesh-\d{8}T\d{6}Z\.db$`)

// Name is the file name of slot's backup.
func Name(slot time.Time) string { return "payesh-" + slot.UTC().Format(timeLayout) + ".db" }

// Slot is the slot now falls in: now rounded down to a multiple of every
// since the zero time, the same on every instance.
func Slot(now time.Time, every time.Duration) time.Time { return now.UTC().Truncate(every) }

// RunSlot backs up slot, unless another instance has claimed it.
func (r *Runner) RunSlot(ctx context.Context, slot time.Time) Result {
	res := Result{Slot: slot}
	won, err := r.Store.ClaimSlot(ctx, Job, slot, r.instance())
	if err != nil {
		res.Err = err
		return res
	}
	if !won {
		res.Skipped = true
		return res
	}
	start := time.Now()
	res.Path, res.Bytes, res.Err = r.write(ctx, slot)
	res.Took = time.Since(start)
	if res.Err == nil {
		res.Removed, res.Err = r.prune()
	}
	detail := res.Path
	if res.Err != nil {
		detail = res.Err.Error()
	}
	// Recorded on a fresh context: a run cut short by shutdown still says so.
	if err := r.Store.FinishSlot(context.WithoutCancel(ctx), Job, slot, res.Err == nil, detail); err != nil && res.Err == nil {
		res.Err = err
	}
	return res
}

// write makes slot's backup under its partial name and renames it.
func (r *Runner) write(ctx context.Context, slot time.Time) (string, int64, error) {
	if err := os.MkdirAll(r.Dir, 0o750); err != nil {
		return "", 0, err
	}
	final := filepath.Join(r.Dir, Name(slot))
	if _, err := os.Stat(final); err == nil {
		return "", 0, fmt.Errorf("backup: %s exists", final)
	}
	partial := filepath.Join(r.Dir, "."+Name(slot)+".partial")
	if _, err := r.Store.Backup(ctx, partial, nil); err != nil {
		os.Remove(partial) // a backup cut short leaves nothing behind
		return "", 0, err
	}
	st, err := os.Stat(partial)
	if err == nil {
		err = os.Rename(partial, final)
	}
	if err != nil {
		os.Remove(partial)
		return "", 0, err
	}
	return final, st.Size(), nil
}

// prune deletes all but the newest Keep backups in Dir; files of any
// other name are not its business.
func (r *Runner) prune() ([]string, error) {
	entries, err := os.ReadDir(r.Dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && backupName.MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	var removed []string
	var errs []error
	for len(names) > r.Keep {
		p := filepath.Join(r.Dir, names[0])
		if err := os.Remove(p); err != nil {
			errs = append(errs, err)
		} else {
			removed = append(removed, p)
		}
		names = names[1:]
	}
	return removed, errors.Join(errs...)
}

// Loop runs the current slot now, then each next one at its start, until
// ctx ends, logging and observing each result.
func (r *Runner) Loop(ctx context.Context) {
	for {
		slot := Slot(r.now(), r.Every)
		// A run cut short by shutdown is reported too: whoever reads the
		// log (or observes) must learn that the slot's backup is missing.
		r.report(r.RunSlot(ctx, slot))
		if ctx.Err() != nil {
			return
		}
		wait := slot.Add(r.Every).Sub(r.now())
		if wait < 0 {
			wait = 0
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

func (r *Runner) report(res Result) {
	log := r.logger()
	slot := res.Slot.UTC().Format(time.RFC3339)
	switch {
	case res.Err != nil:
		log.Error("backup failed", "slot", slot, "err", res.Err)
	case res.Skipped:
		log.Info("backup slot run by another instance", "slot", slot)
	default:
		log.Info("backup written", "slot", slot, "path", res.Path, "bytes", res.Bytes,
			"took", res.Took.Round(time.Millisecond).String(), "removed", len(res.Removed))
	}
	if r.Observe != nil {
		r.Observe(res)
	}
}

func (r *Runner) instance() string {
	if r.Instance != "" {
		return r.Instance
	}
	host, _ := os.Hostname()
	return fmt.Sprintf("%s:%d", host, os.Getpid())
}

func (r *Runner) now() time.Time {
	if r.Now == nil {
		return time.Now()
	}
	return r.Now()
}

func (r *Runner) logger() *slog.Logger {
	if r.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return r.Logger
}
