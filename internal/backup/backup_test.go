package backup_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"payesh"
	"payesh/internal/backup"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// seed gives the database something to back up.
func seed(t *testing.T, db *store.DB) {
	t.Helper()
	org := &payesh.OrgUnit{Kind: payesh.UnitOrganization, Code: "org", NameFA: "سازمان", NameEN: "Organization"}
	if err := db.CreateOrgUnit(storetest.System(), org); err != nil {
		t.Fatal(err)
	}
}

// backups lists the folder: the backups, and anything else left there.
func backups(t *testing.T, dir string) (names, other []string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "payesh-") && strings.HasSuffix(e.Name(), ".db") {
			names = append(names, e.Name())
		} else {
			other = append(other, e.Name())
		}
	}
	return names, other
}

// restorable opens a backup as a database and checks that it holds the
// seeded unit.
func restorable(t *testing.T, path string) {
	t.Helper()
	db, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatalf("open backup %s: %v", path, err)
	}
	defer db.Close()
	if _, err := db.FindOrgUnitByCode(storetest.System(), "org"); err != nil {
		t.Errorf("backup %s lacks the unit: %v", path, err)
	}
}

// TestRunSlot: of two instances over one database, the first to claim a
// slot backs it up under the slot's UTC time and the other skips it; the
// newest Keep backups stay; each slot's row says who ran it and how it
// ended; a backup that cannot be written fails, is recorded as failed,
// and leaves no partial file.
func TestRunSlot(t *testing.T) {
	storetest.EngineTwins(t, store.Options{}, func(t *testing.T, a, b *store.DB) {
		ctx := context.Background()
		seed(t, a)
		dir := filepath.Join(t.TempDir(), "backups")
		ra := &backup.Runner{Store: a, Dir: dir, Every: time.Hour, Keep: 3, Instance: "a"}
		rb := &backup.Runner{Store: b, Dir: dir, Every: time.Hour, Keep: 3, Instance: "b"}
		slot0 := time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)

		res := ra.RunSlot(ctx, slot0)
		if res.Err != nil || res.Skipped || res.Bytes == 0 || filepath.Base(res.Path) != "payesh-20250320T000000Z.db" {
			t.Fatalf("first instance: %+v", res)
		}
		if res := rb.RunSlot(ctx, slot0); !res.Skipped || res.Err != nil || res.Path != "" {
			t.Errorf("second instance on the same slot: %+v", res)
		}
		restorable(t, res.Path)

		for i := 1; i <= 4; i++ {
			r := ra
			if i%2 == 0 {
				r = rb
			}
			if res := r.RunSlot(ctx, slot0.Add(time.Duration(i)*time.Hour)); res.Err != nil || res.Skipped {
				t.Fatalf("slot %d: %+v", i, res)
			}
		}
		names, other := backups(t, dir)
		want := []string{"payesh-20250320T020000Z.db", "payesh-20250320T030000Z.db", "payesh-20250320T040000Z.db"}
		if !slices.Equal(names, want) || len(other) > 0 {
			t.Errorf("kept %v (and %v); want the newest three, %v", names, other, want)
		}

		// A folder that is a file: the backup fails, and says so.
		bad := filepath.Join(t.TempDir(), "not-a-folder")
		if err := os.WriteFile(bad, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		rbad := &backup.Runner{Store: a, Dir: bad, Every: time.Hour, Keep: 3, Instance: "a"}
		if res := rbad.RunSlot(ctx, slot0.Add(5*time.Hour)); res.Err == nil {
			t.Errorf("backup into a file: %+v", res)
		}

		runs, err := a.SlotRuns(ctx, backup.Job, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(runs) != 6 {
			t.Fatalf("slot rows %+v; want 6", runs)
		}
		for i, r := range runs[:5] {
			wantBy := "a"
			if i == 2 || i == 4 {
				wantBy = "b"
			}
			if !r.Finished || !r.OK || r.Instance != wantBy || !strings.HasSuffix(r.Detail, ".db") {
				t.Errorf("slot %d: %+v; want finished, ok, by %s", i, r, wantBy)
			}
		}
		if last := runs[5]; !last.Finished || last.OK || last.Detail == "" {
			t.Errorf("the failed slot: %+v", last)
		}
	})
}

// TestLoopTwoInstances: two instances running the schedule at once every
// second back up each slot once between them — one writes, the other
// skips — keep the newest two, and leave no partial file.
func TestLoopTwoInstances(t *testing.T) {
	storetest.EngineTwins(t, store.Options{}, func(t *testing.T, a, b *store.DB) {
		seed(t, a)
		dir := filepath.Join(t.TempDir(), "backups")
		var mu sync.Mutex
		results := map[time.Time][]backup.Result{}
		observe := func(r backup.Result) {
			mu.Lock()
			defer mu.Unlock()
			results[r.Slot] = append(results[r.Slot], r)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3200*time.Millisecond)
		defer cancel()
		var wg sync.WaitGroup
		for i, db := range []*store.DB{a, b} {
			r := &backup.Runner{Store: db, Dir: dir, Every: time.Second, Keep: 2, Instance: string(rune('a' + i)), Observe: observe}
			wg.Go(func() { r.Loop(ctx) })
		}
		wg.Wait()

		mu.Lock()
		defer mu.Unlock()
		written := 0
		var last time.Time
		for slot := range results {
			if slot.After(last) {
				last = slot
			}
		}
		for slot, rs := range results {
			var wrote, skipped, cut int
			for _, r := range rs {
				switch {
				case r.Err != nil && slot.Equal(last) && ctx.Err() != nil:
					cut++ // the last slot's backup, stopped by the end of the run
				case r.Err != nil:
					t.Errorf("slot %s: %v", slot, r.Err)
				case r.Skipped:
					skipped++
				default:
					wrote++
				}
			}
			// Once written, or, for the last slot only, cut short (by
			// either instance: the claim itself may be what is stopped).
			if wrote > 1 || wrote+cut == 0 || wrote+skipped+cut != len(rs) {
				t.Errorf("slot %s: written %d times, cut short %d, skipped %d times", slot.Format(time.RFC3339), wrote, cut, skipped)
			}
			written += wrote
		}
		// Three or four slots start in 3.2 s; a slow machine may take more
		// than a second over one, and run the next one late.
		if written < 2 {
			t.Errorf("%d slots backed up in 3.2 s at one a second", written)
		}
		names, other := backups(t, dir)
		if len(names) != 2 || len(other) > 0 {
			t.Errorf("folder holds %v and %v; want the newest 2 backups only", names, other)
		}
		for _, n := range names {
			restorable(t, filepath.Join(dir, n))
		}
	})
}
