package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// fixedNow is the clock of the store tests: 1403/05/10 (2024-07-31) noon in
// Tehran.
var fixedNow = time.Date(2024, 7, 31, 8, 30, 0, 0, time.UTC)

func opts() store.Options { return store.Options{Now: func() time.Time { return fixedNow }} }

var sys = storetest.System()

func mustUnit(t *testing.T, db *store.DB, parent *payesh.OrgUnit, kind payesh.UnitKind, code string) *payesh.OrgUnit {
	t.Helper()
	u := &payesh.OrgUnit{Kind: kind, Code: code, NameFA: "واحد " + code}
	if parent != nil {
		u.ParentID = &parent.ID
	}
	if err := db.CreateOrgUnit(sys, u); err != nil {
		t.Fatalf("create unit %s: %v", code, err)
	}
	return u
}

func mustWork(t *testing.T, db *store.DB, ctx context.Context, w *payesh.WorkItem) *payesh.WorkItem {
	t.Helper()
	if w.Kind == "" {
		w.Kind = payesh.KindAction
	}
	if err := db.CreateWorkItem(ctx, w); err != nil {
		t.Fatalf("create work %q: %v", w.Title, err)
	}
	return w
}

func mustUser(t *testing.T, db *store.DB, unit *payesh.OrgUnit, name string, role payesh.Role) (*payesh.User, context.Context) {
	t.Helper()
	u := &payesh.User{Username: name, Name: "کاربر " + name, UnitID: unit.ID, Role: role}
	if err := db.CreateUser(sys, u, "a-long-password"); err != nil {
		t.Fatalf("create user %s: %v", name, err)
	}
	return u, payesh.WithUser(context.Background(), u)
}

func progress(t *testing.T, db *store.DB, ctx context.Context, id int64, p float64) *payesh.WorkItem {
	t.Helper()
	w, err := db.FindWorkItemByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	_, after, err := db.PostProgress(ctx, id, payesh.ProgressUpdateInput{Progress: &p, Version: w.Version})
	if err != nil {
		t.Fatalf("progress %d → %v: %v", id, p, err)
	}
	return after
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := payesh.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

func auditCount(t *testing.T, db *store.DB, entity string, id int64) int {
	t.Helper()
	_, n, err := db.FindAuditEvents(sys, payesh.AuditFilter{Entity: entity, EntityID: id})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func ptr[T any](v T) *T { return &v }

// mustPolicy creates the policy document "gssp".
func mustPolicy(t *testing.T, db *store.DB) *payesh.Document {
	t.Helper()
	doc := &payesh.Document{Code: "gssp", Kind: payesh.DocPolicy, TitleFA: "سیاست‌ها"}
	if err := db.CreateDocument(sys, doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// mustClause creates clause n of doc under parent (nil: an axis).
func mustClause(t *testing.T, db *store.DB, doc *payesh.Document, parent *payesh.Clause, n string) *payesh.Clause {
	t.Helper()
	cl := &payesh.Clause{DocumentID: doc.ID, Number: n, TitleFA: "بند " + n}
	if parent != nil {
		cl.ParentID = &parent.ID
	}
	if err := db.CreateClause(sys, cl); err != nil {
		t.Fatal(err)
	}
	return cl
}

// mustMonthly creates n monthly indicators, m0 … m(n-1), summed over
// units and months, that units of kinds report.
func mustMonthly(t *testing.T, db *store.DB, n int, kinds ...payesh.UnitKind) []*payesh.Indicator {
	t.Helper()
	var inds []*payesh.Indicator
	for i := range n {
		ind := &payesh.Indicator{Code: fmt.Sprintf("m%d", i), NameFA: "شاخص", Direction: payesh.HigherIsBetter, UnitAgg: payesh.AggSum,
			TimeAgg: payesh.AggSum, Frequency: payesh.Monthly, ReportingKinds: kinds}
		if err := db.CreateIndicator(sys, ind); err != nil {
			t.Fatal(err)
		}
		inds = append(inds, ind)
	}
	return inds
}
