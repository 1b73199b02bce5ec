package store_test

import (
	"context"
	"testing"

	"payesh"
	"payesh/internal/store"
)

// day is the store tests' Tehran date: 1403/05/10, 2024-07-31.
var day = payesh.NewDate(2024, 7, 31)

// followWorld is an organization with a province and its branch, an
// office at headquarters, their people, work due at various distances from
// day, and two rounds:
//
//	w1 branch, due 07-21 (10 days overdue)      w2 branch, due 08-03 (in 3 days)
//	w3 office, due 07-31 (today)                w4 office, due 07-01, done
//	w5 office, due 09-30 (beyond the week)      w6 office with partner branch, due 07-30 (1 day overdue)
//	spring: 1403Q1, deadline 07-01, branch (draft) and office (submitted, at the secretariat)
//	summer: 1403-04, deadline 08-05, branch (draft)
type followWorld struct {
	db                                          *store.DB
	org, prov, branch, office                   *payesh.OrgUnit
	branchRep, branchViewer, provRep, officeRep *payesh.User
	sec                                         *payesh.User
	secCtx, branchCtx, officeCtx                context.Context
	w                                           map[string]*payesh.WorkItem
	spring, summer                              *payesh.Round
	springBranch, springOffice, summerBranch    *payesh.Report
}

func newFollowWorld(t *testing.T, db *store.DB) *followWorld {
	t.Helper()
	f := &followWorld{db: db, w: map[string]*payesh.WorkItem{}}
	f.org = mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
	f.prov = mustUnit(t, db, f.org, payesh.UnitProvince, "prov")
	f.branch = mustUnit(t, db, f.prov, payesh.UnitBranch, "branch")
	f.office = mustUnit(t, db, f.org, payesh.UnitOffice, "office")
	f.branchRep, f.branchCtx = mustUser(t, db, f.branch, "branch-rep", payesh.RoleReporter)
	f.branchViewer, _ = mustUser(t, db, f.branch, "branch-viewer", payesh.RoleViewer)
	f.provRep, _ = mustUser(t, db, f.prov, "prov-rep", payesh.RoleReporter)
	f.officeRep, f.officeCtx = mustUser(t, db, f.office, "office-rep", payesh.RoleReporter)
	f.sec, f.secCtx = mustUser(t, db, f.org, "sec", payesh.RoleSecretariat)

	for _, w := range []struct {
		key   string
		owner *payesh.OrgUnit
		due   payesh.Date
		done  bool
		with  *payesh.OrgUnit
	}{
		{"w1", f.branch, payesh.NewDate(2024, 7, 21), false, nil},
		{"w2", f.branch, payesh.NewDate(2024, 8, 3), false, nil},
		{"w3", f.office, payesh.NewDate(2024, 7, 31), false, nil},
		{"w4", f.office, payesh.NewDate(2024, 7, 1), true, nil},
		{"w5", f.office, payesh.NewDate(2024, 9, 30), false, nil},
		{"w6", f.office, payesh.NewDate(2024, 7, 30), false, f.branch},
	} {
		item := &payesh.WorkItem{Title: "کار " + w.key, Code: w.key, OwnerUnitID: w.owner.ID, DueDate: w.due}
		if w.done {
			item.Status = payesh.StatusDone
		}
		if w.with != nil {
			item.PartnerUnitIDs = []int64{w.with.ID}
		}
		f.w[w.key] = mustWork(t, db, sys, item)
	}

	f.spring = &payesh.Round{Title: "گزارش بهار", Period: "1403Q1", Deadline: payesh.NewDate(2024, 7, 1),
		UnitIDs: []int64{f.branch.ID, f.office.ID}}
	f.summer = &payesh.Round{Title: "گزارش تیر", Period: "1403-04", Deadline: payesh.NewDate(2024, 8, 5),
		UnitIDs: []int64{f.branch.ID}}
	for _, r := range []*payesh.Round{f.spring, f.summer} {
		if err := db.CreateRound(f.secCtx, r); err != nil {
			t.Fatal(err)
		}
	}
	f.springBranch = f.report(t, f.spring, f.branch)
	f.springOffice = f.report(t, f.spring, f.office)
	f.summerBranch = f.report(t, f.summer, f.branch)
	var err error
	f.springOffice, err = db.Review(f.officeCtx, f.springOffice.ID, payesh.ReviewInput{Action: payesh.ActSubmit, Version: f.springOffice.Version, Confirm: true})
	if err != nil {
		t.Fatal(err)
	}
	// Opening the rounds and sending the office's report told people at
	// once (notification_events_test.go tests that); the world starts with
	// no one told anything, so that the follow-up tests count only what
	// the digest and the reminders tell.
	if _, err := db.SQL().Exec(`DELETE FROM notifications`); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *followWorld) report(t *testing.T, round *payesh.Round, unit *payesh.OrgUnit) *payesh.Report {
	t.Helper()
	list, _, err := f.db.FindReports(sys, payesh.ReportFilter{RoundID: round.ID, UnitID: unit.ID})
	if err != nil || len(list) != 1 {
		t.Fatalf("report of %s in %s: %v %v", unit.Code, round.Title, list, err)
	}
	return list[0]
}

// as returns a context acting as u.
func as(u *payesh.User) context.Context { return payesh.WithUser(context.Background(), u) }
