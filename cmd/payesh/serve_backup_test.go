package main

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestServeBackups: serve --backup-dir backs up at start (the current
// slot is nobody's yet), names the file by the slot's UTC time, logs it,
// shows it in /metrics, and the file restores into an empty database.
func TestServeBackups(t *testing.T) {
	for _, engine := range []string{store.SQLite, store.Postgres} {
		t.Run(engine, func(t *testing.T) {
			dsn := storetest.DSN(t, engine)
			c := &cli{t: t, db: dsn, env: map[string]string{"PAYESH_DB": dsn}}
			c.ok("", "demo")
			dir := filepath.Join(t.TempDir(), "backups")
			base, log := serveWith(t, c, "--backup-dir", dir, "--backup-every", "24h", "--backup-keep", "3")
			deadline := time.Now().Add(30 * time.Second)
			var body string
			for {
				var code int
				code, body = get(t, base+"/metrics", "")
				if code == 200 && strings.Contains(body, `payesh_job_runs_total{job="backup",result="success"} 1`) {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("no backup in /metrics:\n%s\nlog:\n%s", body, log.String())
				}
				time.Sleep(100 * time.Millisecond)
			}
			if !regexp.MustCompile(`payesh_backup_last_size_bytes [1-9]`).MatchString(body) {
				t.Errorf("/metrics lacks the backup's size")
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			want := "payesh-" + time.Now().UTC().Format("20060102") + "T000000Z.db"
			if len(entries) != 1 || entries[0].Name() != want {
				t.Fatalf("backup folder holds %v; want %s", entries, want)
			}
			if !strings.Contains(log.String(), "backup written") {
				t.Errorf("log lacks the backup:\n%s", log.String())
			}
			target := storetest.DSN(t, store.SQLite)
			out := c.ok("", "restore", "--from", filepath.Join(dir, want), "--db", target)
			if !strings.Contains(out, "agree") {
				t.Errorf("restore of the scheduled backup: %s", out)
			}
		})
	}
}

// TestServeBackupFlagsChecked: a schedule of seconds and a count of none
// are mistakes, found before anything starts; without --backup-dir the
// other two are not looked at.
func TestServeBackupFlagsChecked(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"every second", []string{"--backup-dir", "b", "--backup-every", "1s"}, nil, "--backup-every"},
		{"keep none", []string{"--backup-dir", "b", "--backup-keep", "0"}, nil, "--backup-keep"},
		{"keep garbage in the environment", nil, map[string]string{"PAYESH_BACKUP_KEEP": "all"}, "PAYESH_BACKUP_KEEP"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newCLI(t)
			for k, v := range tc.env {
				c.env[k] = v
			}
			_, _, err := c.run("", append([]string{"serve", "--addr", "127.0.0.1:0"}, tc.args...)...)
			if code := exitCode(err, io.Discard); code != exitUsage || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("serve %v: %v (exit %d); want a usage error naming %s", tc.args, err, code, tc.want)
			}
		})
	}
}
