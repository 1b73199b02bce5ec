package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// arabic writes s as an Arabic keyboard would: ي and ك for ی and ک.
func arabic(s string) string { return strings.NewReplacer("ی", "ي", "ک", "ك").Replace(s) }

// hits lists what a search found as "kind:title", in order of title.
func hits(t *testing.T, db *store.DB, ctx context.Context, q string, kinds ...string) string {
	t.Helper()
	found, err := db.Search(ctx, payesh.SearchQuery{Q: q, Kinds: kinds})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	var out []string
	for _, h := range found {
		out = append(out, h.Kind+":"+h.Title)
	}
	slices.Sort(out)
	return strings.Join(out, " | ")
}

func TestSearchPersianSpellings(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		root := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		mine := mustUnit(t, db, root, payesh.UnitPartner, "partner-a")
		other := mustUnit(t, db, root, payesh.UnitPartner, "partner-b")
		_, partner := mustUser(t, db, mine, "partner", payesh.RoleReporter)
		_, viewer := mustUser(t, db, root, "viewer", payesh.RoleViewer)

		// Written properly: Persian ی and ک, a ZWNJ in «مصوبه‌های».
		mustWork(t, db, sys, &payesh.WorkItem{Title: "پیگیری مصوبه‌های کمیتهٔ تخصصی", OwnerUnitID: mine.ID})
		// Written on an Arabic keyboard, «مصوبه ها» with a space.
		mustWork(t, db, sys, &payesh.WorkItem{Title: "گزارش", Description: arabic("بررسی مصوبه ها در کمیته"), OwnerUnitID: other.ID})
		// Written without ZWNJ or space: «مصوبههای».
		doc := &payesh.Document{Code: "minutes", Kind: payesh.DocReport, TitleFA: "فهرست مصوبههای کمیته", State: payesh.DocDraft}
		if err := db.CreateDocument(sys, doc); err != nil {
			t.Fatal(err)
		}
		policy := mustPolicy(t, db)
		cl := mustClause(t, db, policy, nil, "3")
		if _, err := db.UpdateClause(sys, cl.ID, payesh.ClauseUpdate{Text: ptr("اجرای مصوبه‌ها با ۱۴۰۱"), Version: cl.Version}); err != nil {
			t.Fatal(err)
		}

		all := "clause:بند 3 | document:فهرست مصوبههای کمیته | work:پیگیری مصوبه‌های کمیتهٔ تخصصی | work:گزارش"
		cases := []struct {
			name string
			ctx  context.Context
			q    string
			want string
		}{
			{"plain", sys, "مصوبه", all},
			{"Arabic yeh and kaf, no ZWNJ", sys, arabic("مصوبههای کمیته"), "document:فهرست مصوبههای کمیته | work:پیگیری مصوبه‌های کمیتهٔ تخصصی"},
			{"with a space", sys, arabic("مصوبه های کمیته"), "work:پیگیری مصوبه‌های کمیتهٔ تخصصی"},
			{"with a ZWNJ", sys, "مصوبه‌های کمیته", "document:فهرست مصوبههای کمیته | work:پیگیری مصوبه‌های کمیتهٔ تخصصی"},
			{"Persian digits find Latin", sys, "1401 مصوبه", "clause:بند 3"},
			{"prefix", sys, "تخصص", "work:پیگیری مصوبه‌های کمیتهٔ تخصصی"},
			{"nothing", sys, "بودجه", ""},
			// A partner reads its own work; a viewer reads no draft.
			{"partner's scope", partner, "مصوبه", "clause:بند 3 | work:پیگیری مصوبه‌های کمیتهٔ تخصصی"},
			{"viewer's scope", viewer, "مصوبه", "clause:بند 3 | work:پیگیری مصوبه‌های کمیتهٔ تخصصی | work:گزارش"},
		}
		for _, c := range cases {
			if got := hits(t, db, c.ctx, c.q); got != c.want {
				t.Errorf("%s: %q found\n  %s\nwant\n  %s", c.name, c.q, got, c.want)
			}
		}
		if got := hits(t, db, sys, "مصوبه", payesh.SearchDocument); got != "document:فهرست مصوبههای کمیته" {
			t.Errorf("documents only: %s", got)
		}
		_, err := db.Search(sys, payesh.SearchQuery{Q: "م"})
		wantCode(t, err, payesh.EINVALID)

		// The index follows every write, in its transaction.
		items, _, err := db.FindWorkItems(sys, payesh.WorkItemFilter{Q: "گزارش"})
		if err != nil || len(items) != 1 {
			t.Fatalf("find the report item: %v", err)
		}
		renamed := "گزارش بودجه"
		if _, err := db.UpdateWorkItem(sys, items[0].ID, payesh.WorkItemUpdate{Title: &renamed, Version: items[0].Version}); err != nil {
			t.Fatal(err)
		}
		if got := hits(t, db, sys, "بودجه"); got != "work:گزارش بودجه" {
			t.Errorf("after the rename: %q", got)
		}
		after, _ := db.FindWorkItemByID(sys, items[0].ID)
		if err := db.DeleteWorkItem(sys, after.ID, after.Version); err != nil {
			t.Fatal(err)
		}
		if got := hits(t, db, sys, "بودجه"); got != "" {
			t.Errorf("after the delete: %q", got)
		}
	})
}

// TestSearchIndexSurvivesCopy copies a SQLite database into PostgreSQL
// and back: the index is rebuilt from search_entries on either side.
func TestSearchIndexSurvivesCopy(t *testing.T) {
	src := storetest.OpenEngine(t, store.SQLite, opts())
	root := mustUnit(t, src, nil, payesh.UnitOrganization, "sso")
	mustWork(t, src, sys, &payesh.WorkItem{Title: "مصوبه‌های شورا", OwnerUnitID: root.ID})
	for _, engine := range []string{store.SQLite, store.Postgres} {
		t.Run(engine, func(t *testing.T) {
			dst := storetest.OpenEngine(t, engine, opts())
			if _, err := src.CopyTo(context.Background(), dst, nil); err != nil {
				t.Fatal(err)
			}
			if got := hits(t, dst, sys, arabic("مصوبههای شورا")); got != "work:مصوبه‌های شورا" {
				t.Errorf("in the copy: %q", got)
			}
		})
	}
}

// TestSearchBulkLoad: work loaded in bulk is found too.
func TestSearchBulkLoad(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		root := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		var items []store.BulkWorkItem
		for i := range 3 {
			items = append(items, store.BulkWorkItem{Kind: payesh.KindAction, Title: fmt.Sprintf("اقدام شمارهٔ %d", i+1), OwnerUnitID: root.ID, Parent: -1, Status: payesh.StatusNotStarted})
		}
		if _, err := db.LoadWorkItems(sys, items); err != nil {
			t.Fatal(err)
		}
		if got := hits(t, db, sys, "اقدام ۲"); got != "work:اقدام شمارهٔ 2" {
			t.Errorf("bulk item: %q", got)
		}
	})
}
