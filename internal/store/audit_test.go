package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// auditClock is a clock the audit tests move between writes, so events
// fall on different Tehran days.
type auditClock struct{ now time.Time }

func (c *auditClock) Now() time.Time { return c.now }

// auditActions lists the events found, oldest first, as "entity:action".
func auditActions(t *testing.T, db *store.DB, f payesh.AuditFilter) []string {
	t.Helper()
	f.Limit = payesh.MaxLimit
	events, total, err := db.FindAuditEvents(sys, f)
	if err != nil {
		t.Fatal(err)
	}
	if total != len(events) {
		t.Errorf("total %d, listed %d", total, len(events))
	}
	out := []string{}
	for _, e := range slices.Backward(events) {
		out = append(out, e.Entity+":"+e.Action)
	}
	return out
}

// TestAuditFilters: the trail is searched by action, actor, Tehran days
// (both ends included, a day starting at Tehran's midnight, not UTC's),
// text in the actor's name or in the rows, and an id ceiling.
func TestAuditFilters(t *testing.T) {
	clock := &auditClock{}
	opt := store.Options{Now: clock.Now}
	storetest.Engines(t, opt, func(t *testing.T, db *store.DB) {
		// 07-29 12:00 Tehran: the unit and the reporter.
		clock.now = time.Date(2024, 7, 29, 8, 30, 0, 0, time.UTC)
		unit := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		rep, repCtx := mustUser(t, db, unit, "reporter-a", payesh.RoleReporter)
		// 07-30 23:50 Tehran (20:20 UTC): still the 30th in Tehran.
		clock.now = time.Date(2024, 7, 30, 20, 20, 0, 0, time.UTC)
		w := mustWork(t, db, repCtx, &payesh.WorkItem{Title: "تدوین آیین‌نامهٔ بیمهٔ روستاییان", OwnerUnitID: unit.ID})
		// 07-31 00:10 Tehran (07-30 20:40 UTC): the 31st in Tehran, the
		// 30th in UTC.
		clock.now = time.Date(2024, 7, 30, 20, 40, 0, 0, time.UTC)
		progress(t, db, repCtx, w.ID, 30)
		// 08-02 in Tehran: the system edits the title.
		clock.now = time.Date(2024, 8, 2, 6, 0, 0, 0, time.UTC)
		title := "تدوین آیین‌نامهٔ بیمهٔ عشایر"
		cur, _ := db.FindWorkItemByID(sys, w.ID)
		if _, err := db.UpdateWorkItem(sys, w.ID, payesh.WorkItemUpdate{Title: &title, Version: cur.Version}); err != nil {
			t.Fatal(err)
		}

		cases := []struct {
			name string
			f    payesh.AuditFilter
			want []string
		}{
			{"all", payesh.AuditFilter{}, []string{"org_unit:create", "user:create", "work_item:create", "work_item:progress", "work_item:update"}},
			{"action", payesh.AuditFilter{Action: payesh.ActionProgress}, []string{"work_item:progress"}},
			{"actor", payesh.AuditFilter{ActorID: rep.ID}, []string{"work_item:create", "work_item:progress"}},
			{"entity and id", payesh.AuditFilter{Entity: "work_item", EntityID: w.ID}, []string{"work_item:create", "work_item:progress", "work_item:update"}},
			{"one Tehran day", payesh.AuditFilter{From: payesh.NewDate(2024, 7, 30), To: payesh.NewDate(2024, 7, 30)}, []string{"work_item:create"}},
			{"from a day on", payesh.AuditFilter{From: payesh.NewDate(2024, 7, 31)}, []string{"work_item:progress", "work_item:update"}},
			{"up to a day", payesh.AuditFilter{To: payesh.NewDate(2024, 7, 31)}, []string{"org_unit:create", "user:create", "work_item:create", "work_item:progress"}},
			{"empty range", payesh.AuditFilter{From: payesh.NewDate(2024, 8, 3)}, []string{}},
			// The user row names the user too.
			{"text in actor or row", payesh.AuditFilter{Q: "REPORTER-a"}, []string{"user:create", "work_item:create", "work_item:progress"}},
			{"text in entity", payesh.AuditFilter{Q: "org_unit"}, []string{"org_unit:create"}},
			{"text in the rows", payesh.AuditFilter{Q: "عشایر"}, []string{"work_item:update"}},
			{"text is not a pattern", payesh.AuditFilter{Q: "%"}, []string{}},
			{"combined", payesh.AuditFilter{ActorID: rep.ID, From: payesh.NewDate(2024, 7, 31), Action: payesh.ActionProgress}, []string{"work_item:progress"}},
		}
		for _, tc := range cases {
			if got := auditActions(t, db, tc.f); fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
			}
		}

		// The id ceiling leaves out what came after it, paging included.
		all, _, err := db.FindAuditEvents(sys, payesh.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		ceiling := all[2].ID // the third newest: work_item:create
		page, total, err := db.FindAuditEvents(sys, payesh.AuditFilter{UpToID: ceiling, Page: payesh.Page{Limit: 2, Offset: 1}})
		if err != nil {
			t.Fatal(err)
		}
		if total != 3 || len(page) != 2 || page[0].Entity != "user" || page[1].Entity != "org_unit" {
			t.Errorf("up to id %d, second page: total %d, %v", ceiling, total, page)
		}

		_, _, err = db.FindAuditEvents(repCtx, payesh.AuditFilter{})
		wantCode(t, err, payesh.EFORBIDDEN)
	})
}

// TestAuditTrailAccess: an object's trail is read by whoever may read the
// object — a work item by anyone, a report by its unit's ancestors and the
// secretariat, a user by that user and the admins — and a deleted object's
// trail by the secretariat only.
func TestAuditTrailAccess(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		f := newFollowWorld(t, db)
		viewer, prov, office := as(f.branchViewer), as(f.provRep), as(f.officeRep)
		w1 := f.w["w1"]
		cases := []struct {
			name    string
			ctx     context.Context
			entity  string
			id      int64
			code    string
			atLeast int
		}{
			{"work by a viewer", viewer, "work_item", w1.ID, "", 1},
			{"unit by a viewer", viewer, "org_unit", f.office.ID, "", 1},
			{"round by a viewer", viewer, "round", f.spring.ID, "", 1},
			{"own unit's report", office, "report", f.springOffice.ID, "", 1},
			{"report by the secretariat", f.secCtx, "report", f.springOffice.ID, "", 1},
			{"another unit's report", f.branchCtx, "report", f.springOffice.ID, payesh.ENOTFOUND, 0},
			{"a branch's report by its province", prov, "report", f.springBranch.ID, "", 0},
			{"oneself", f.branchCtx, "user", f.branchRep.ID, "", 1},
			{"another user", f.branchCtx, "user", f.officeRep.ID, payesh.EFORBIDDEN, 0},
			{"a user by the secretariat", f.secCtx, "user", f.officeRep.ID, payesh.EFORBIDDEN, 0},
			{"a user by the system", sys, "user", f.officeRep.ID, "", 1},
			{"missing work", viewer, "work_item", 999999, payesh.ENOTFOUND, 0},
			{"an entity with no page", viewer, "evidence", 1, payesh.EFORBIDDEN, 0},
			{"an entity with no page, by the secretariat", f.secCtx, "evidence", 1, "", 0},
		}
		for _, tc := range cases {
			events, total, err := db.FindAuditTrail(tc.ctx, tc.entity, tc.id, payesh.Page{})
			if got := payesh.ErrorCode(err); got != tc.code {
				t.Errorf("%s: error %q (%v), want %q", tc.name, got, err, tc.code)
				continue
			}
			if total < tc.atLeast || len(events) != total {
				t.Errorf("%s: %d events of %d, want at least %d", tc.name, len(events), total, tc.atLeast)
			}
			for _, e := range events {
				if e.Entity != tc.entity || e.EntityID != tc.id {
					t.Errorf("%s: event of %s %d", tc.name, e.Entity, e.EntityID)
				}
			}
		}

		// Deleted, the item's trail stays with the secretariat alone.
		cur, _ := db.FindWorkItemByID(sys, w1.ID)
		if err := db.DeleteWorkItem(sys, w1.ID, cur.Version); err != nil {
			t.Fatal(err)
		}
		_, _, err := db.FindAuditTrail(viewer, "work_item", w1.ID, payesh.Page{})
		wantCode(t, err, payesh.ENOTFOUND)
		events, _, err := db.FindAuditTrail(f.secCtx, "work_item", w1.ID, payesh.Page{})
		if err != nil || len(events) == 0 || events[0].Action != payesh.ActionDelete {
			t.Errorf("deleted item's trail for the secretariat: %v %v", events, err)
		}
	})
}
