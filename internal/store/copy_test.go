package store_test

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// copySource is a SQLite database with something in most kinds of table:
// units, users, a policy clause, a program with an action under it (a
// partner, a clause link), a round with its reports, approved values (so
// roll-ups), an evidence file, the notifications the round's opening
// sent, and the audit trail.
func copySource(t *testing.T) *store.DB {
	t.Helper()
	db := storetest.OpenEngine(t, store.SQLite, opts())
	w := newRoundWorld(t, db)
	doc := mustPolicy(t, db)
	c8 := mustClause(t, db, doc, nil, "8")
	prog := mustWork(t, db, sys, &payesh.WorkItem{Kind: payesh.KindProgram, Title: "برنامه", OwnerUnitID: w.prov.ID, ClauseIDs: []int64{c8.ID}})
	mustWork(t, db, sys, &payesh.WorkItem{Title: "اقدام", OwnerUnitID: w.branch.ID, ParentID: &prog.ID, PartnerUnitIDs: []int64{w.office.ID},
		DueDate: payesh.NewDate(2024, 7, 1)})
	ind := mustIndicator(t, db, "copy.values", payesh.AggSum, payesh.AggSum)
	if _, err := db.SaveValues(w.sec, []payesh.IndicatorValue{{IndicatorID: ind.ID, UnitID: w.branch.ID, Period: "1403-01", Value: 12.5}}); err != nil {
		t.Fatal(err)
	}
	storetest.ApproveAll(t, db, ind.ID)
	if _, err := db.AddEvidence(w.branchRep, w.report(t, w.branch).ID, "سند.pdf", bytes.NewReader(checklistPDF)); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestCopyBetweenEngines copies a database into an empty one of each
// engine and back into SQLite: every table arrives with the same rows
// (counts and checksums agree on both sides, and across the round trip),
// the copy works as a database (new ids follow the copied ones), and a
// target that holds data is refused.
func TestCopyBetweenEngines(t *testing.T) {
	src := copySource(t)
	ctx := context.Background()
	first := map[string]string{}
	for _, engine := range []string{store.SQLite, store.Postgres} {
		t.Run(engine, func(t *testing.T) {
			dst := storetest.OpenEngine(t, engine, opts())
			var batches int
			got, err := src.CopyTo(ctx, dst, func(string, int64, int64) { batches++ })
			if err != nil {
				t.Fatal(err)
			}
			if len(got) < 20 || batches < len(got) {
				t.Fatalf("%d tables copied in %d batches", len(got), batches)
			}
			for _, tc := range got {
				if !tc.Matches() {
					t.Errorf("%s: %d rows %s, copied %d rows %s", tc.Table, tc.Source, tc.SourceSum, tc.Target, tc.TargetSum)
				}
				if sum, ok := first[tc.Table]; ok && sum != tc.SourceSum {
					t.Errorf("%s: the source's checksum changed between copies", tc.Table)
				}
				first[tc.Table] = tc.SourceSum
			}
			for _, want := range []string{"org_units", "work_items", "indicator_values", "evidence", "notifications", "audit_events"} {
				var n int64
				for _, tc := range got {
					if tc.Table == want {
						n = tc.Target
					}
				}
				if n == 0 {
					t.Errorf("no rows of %s were copied", want)
				}
			}
			// New rows get new ids after the copied ones.
			org, err := dst.FindOrgUnitByCode(sys, "branch")
			if err != nil {
				t.Fatal(err)
			}
			w := &payesh.WorkItem{Kind: payesh.KindAction, Title: "پس از رونوشت", OwnerUnitID: org.ID}
			if err := dst.CreateWorkItem(sys, w); err != nil {
				t.Fatalf("a new item in the copy: %v", err)
			}
			// And back into SQLite: the same rows again.
			back := storetest.OpenEngine(t, store.SQLite, opts())
			again, err := dst.CopyTo(ctx, back, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, tc := range again {
				// The new item is in work_items, its audit event and its
				// search entry.
				if !slices.Contains([]string{"work_items", "audit_events", "search_entries"}, tc.Table) && tc.SourceSum != first[tc.Table] {
					t.Errorf("%s differs after the round trip", tc.Table)
				}
			}
			if _, err := src.CopyTo(ctx, dst, nil); !errors.Is(err, store.ErrTargetNotEmpty) {
				t.Errorf("a copy into a database with data: %v", err)
			}
		})
	}
}
