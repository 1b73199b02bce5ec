package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestBackupUnderWriteLoad: a backup taken while four writers add work
// holds every item acknowledged before it began, on both engines, and
// restores into an empty database of each engine with every table's
// rows and checksum agreeing (CopyTo refuses otherwise).
func TestBackupUnderWriteLoad(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		load, stop := context.WithCancel(context.Background())
		defer stop()
		var mu sync.Mutex
		var acked []int64
		ackedSoFar := func() []int64 {
			mu.Lock()
			defer mu.Unlock()
			return slices.Clone(acked)
		}
		var wg sync.WaitGroup
		for i := range 4 {
			wg.Go(func() {
				for n := 0; load.Err() == nil; n++ {
					w := &payesh.WorkItem{Kind: payesh.KindAction, Title: fmt.Sprintf("کار %d-%d", i, n), OwnerUnitID: org.ID}
					if err := db.CreateWorkItem(sys, w); err != nil {
						t.Errorf("writer %d: %v", i, err)
						return
					}
					mu.Lock()
					acked = append(acked, w.ID)
					mu.Unlock()
				}
			})
		}
		for deadline := time.Now().Add(10 * time.Second); len(ackedSoFar()) < 40 && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
		before := ackedSoFar()
		path := filepath.Join(t.TempDir(), "backup.db")
		_, err := db.Backup(context.Background(), path, nil)
		during := len(ackedSoFar()) - len(before)
		stop()
		wg.Wait()
		if err != nil {
			t.Fatalf("backup under load: %v", err)
		}
		if len(before) < 40 {
			t.Fatalf("only %d writes acknowledged before the backup", len(before))
		}
		t.Logf("%d writes acknowledged before the backup began, %d while it ran", len(before), during)

		backup, err := store.Open(context.Background(), path, opts())
		if err != nil {
			t.Fatal(err)
		}
		defer backup.Close()
		for _, engine := range []string{store.SQLite, store.Postgres} {
			t.Run("restored into "+engine, func(t *testing.T) {
				dst := storetest.OpenEngine(t, engine, opts())
				if _, err := backup.CopyTo(context.Background(), dst, nil); err != nil {
					t.Fatalf("restore: %v", err)
				}
				var missing []int64
				for _, id := range before {
					if _, err := dst.FindWorkItemByID(sys, id); err != nil {
						missing = append(missing, id)
					}
				}
				if len(missing) > 0 {
					t.Errorf("%d of %d acknowledged writes missing from the restored backup: %v", len(missing), len(before), missing[:min(len(missing), 10)])
				}
			})
		}
	})
}
