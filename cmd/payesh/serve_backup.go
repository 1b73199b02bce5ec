package main

import (
	"context"
	"flag"
	"log/slog"
	"sync"
	"time"

	"payesh/internal/backup"
	"payesh/internal/metrics"
	"payesh/internal/store"
)

// backupFlags configure serve's scheduled backups: off unless a folder
// is given.
type backupFlags struct {
	dir   *string
	every *time.Duration
	keep  *int
}

// Bounds of the schedule: a backup more often than each minute is a
// mistake in the unit, and ten thousand kept files is one in the count.
const (
	minBackupEvery = time.Minute
	maxBackupKeep  = 10000
)

func (e *env) backupFlags(fs *flag.FlagSet) (*backupFlags, error) {
	f := &backupFlags{
		dir: e.stringFlag(fs, "backup-dir", "PAYESH_BACKUP_DIR", "",
			"folder of scheduled backups (payesh-YYYYMMDDTHHMMSSZ.db, the slot's UTC time); empty makes none"),
	}
	var err error
	if f.every, err = e.durationFlag(fs, "backup-every", "PAYESH_BACKUP_EVERY", 24*time.Hour,
		"how often to back up, at multiples of it in UTC (24h: each day at 00:00 UTC), once whatever the number of instances"); err != nil {
		return nil, err
	}
	if f.keep, err = e.intFlag(fs, "backup-keep", "PAYESH_BACKUP_KEEP", 7,
		"how many of the newest backups to keep in --backup-dir"); err != nil {
		return nil, err
	}
	return f, nil
}

func (f *backupFlags) check() error {
	if *f.dir == "" {
		return nil
	}
	if *f.every < minBackupEvery {
		return usageErrorf("--backup-every %s: want %s or more", *f.every, minBackupEvery)
	}
	if *f.keep < 1 || *f.keep > maxBackupKeep {
		return usageErrorf("--backup-keep %d: want 1 to %d", *f.keep, maxBackupKeep)
	}
	return nil
}

// startBackups runs the scheduled backups in the background and returns
// the function that stops them and waits, so the store is not closed
// under a backup.
func startBackups(ctx context.Context, db *store.DB, f *backupFlags, logger *slog.Logger, m *metrics.Metrics) (stop func()) {
	if *f.dir == "" {
		return func() {}
	}
	m.Watch(metrics.JobBackup)
	r := &backup.Runner{Store: db, Dir: *f.dir, Every: *f.every, Keep: *f.keep, Logger: logger,
		Observe: func(res backup.Result) { m.Backup(res.Skipped, res.Bytes, res.Took, res.Err) }}
	logger.Info("scheduled backups on", "dir", *f.dir, "every", f.every.String(), "keep", *f.keep)
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { r.Loop(ctx) })
	return func() {
		cancel()
		wg.Wait()
	}
}
