package store_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestScores scores a spring round (1403Q1, deadline 1403/04/11 =
// 2024-07-01) of five units against five indicators:
//
//	monthly, branches and offices  3 values owed by each of them
//	quarterly, branches only       1 more owed by the branches
//	yearly                         none: a year is not inside a quarter
//	monthly, hospitals only        none: no hospital reports in this round
//	monthly, no reporting kinds    the organization's own: 3 owed by it alone
//
// The office submits on 06-25, is returned and resubmits on 07-20: on time,
// by its first submission; it fills 3 of 3, attaches nothing: 40+40+0 = 80.
// The branch submits on 07-11, 10 days late: 40×(1−10/30) = 26.67; fills
// 3 of 4 (a value of the hospitals' indicator does not count): 30; attaches
// a file: 20; 76.67 → 77. The second branch never submits: 30 days late by
// 07-31, 0 of 4, nothing: 0. Neither does the organization (0 of 3, its own
// indicator only) nor a partner that owes no value: it still scores 0, not
// the 40 of full completeness — it has sent nothing.
func TestScores(t *testing.T) {
	var now time.Time
	at := func(y int, m time.Month, d int) { now = time.Date(y, m, d, 8, 30, 0, 0, time.UTC) }
	opt := store.Options{Now: func() time.Time { return now }}
	storetest.Engines(t, opt, func(t *testing.T, db *store.DB) {
		at(2024, 6, 1)
		org := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		prov := mustUnit(t, db, org, payesh.UnitProvince, "prov")
		branch := mustUnit(t, db, prov, payesh.UnitBranch, "branch")
		branch2 := mustUnit(t, db, prov, payesh.UnitBranch, "branch2")
		office := mustUnit(t, db, org, payesh.UnitOffice, "office")
		partner := mustUnit(t, db, org, payesh.UnitPartner, "partner")
		_, branchCtx := mustUser(t, db, branch, "branch-rep", payesh.RoleReporter)
		_, officeCtx := mustUser(t, db, office, "office-rep", payesh.RoleReporter)
		_, provCtx := mustUser(t, db, prov, "prov-rep", payesh.RoleReporter)
		_, secCtx := mustUser(t, db, org, "sec", payesh.RoleSecretariat)

		ind := map[string]*payesh.Indicator{}
		for _, d := range []struct {
			code  string
			freq  payesh.Frequency
			kinds []payesh.UnitKind
		}{
			{"monthly", payesh.Monthly, []payesh.UnitKind{payesh.UnitBranch, payesh.UnitOffice}},
			{"quarterly", payesh.Quarterly, []payesh.UnitKind{payesh.UnitBranch}},
			{"yearly", payesh.Yearly, nil},
			{"hospital", payesh.Monthly, []payesh.UnitKind{payesh.UnitHospital}},
			{"national", payesh.Monthly, nil},
		} {
			i := &payesh.Indicator{Code: d.code, NameFA: "شاخص " + d.code, Direction: payesh.HigherIsBetter,
				UnitAgg: payesh.AggSum, TimeAgg: payesh.AggSum, Frequency: d.freq, ReportingKinds: d.kinds}
			if err := db.CreateIndicator(sys, i); err != nil {
				t.Fatal(err)
			}
			ind[d.code] = i
		}
		round := &payesh.Round{Title: "بهار ۱۴۰۳", Period: "1403Q1", Deadline: payesh.NewDate(2024, 7, 1),
			UnitIDs: []int64{org.ID, branch.ID, branch2.ID, office.ID, partner.ID}}
		if err := db.CreateRound(secCtx, round); err != nil {
			t.Fatal(err)
		}
		reportOf := func(u *payesh.OrgUnit) *payesh.Report {
			t.Helper()
			list, _, err := db.FindReports(sys, payesh.ReportFilter{RoundID: round.ID, UnitID: u.ID})
			if err != nil || len(list) != 1 {
				t.Fatalf("report of %s: %v", u.Code, err)
			}
			return list[0]
		}
		values := func(ctx context.Context, vs ...payesh.IndicatorValue) {
			t.Helper()
			if _, err := db.SaveValues(ctx, vs); err != nil {
				t.Fatal(err)
			}
		}
		review := func(ctx context.Context, u *payesh.OrgUnit, a payesh.ReviewAction, comments ...payesh.ReviewComment) {
			t.Helper()
			r := reportOf(u)
			in := payesh.ReviewInput{Action: a, Version: r.Version, Comments: comments, Confirm: true}
			if _, err := db.Review(ctx, r.ID, in); err != nil {
				t.Fatalf("%s %s: %v", a, u.Code, err)
			}
		}
		fix := []payesh.ReviewComment{{Text: "ارقام خرداد را کامل کنید."}}

		// The office: all three months, on time, returned, resubmitted late.
		values(officeCtx,
			payesh.IndicatorValue{IndicatorID: ind["monthly"].ID, UnitID: office.ID, Period: "1403-01", Value: 1},
			payesh.IndicatorValue{IndicatorID: ind["monthly"].ID, UnitID: office.ID, Period: "1403-02", Value: 2},
			payesh.IndicatorValue{IndicatorID: ind["monthly"].ID, UnitID: office.ID, Period: "1403-03", Value: 3})
		at(2024, 6, 25)
		review(officeCtx, office, payesh.ActSubmit)
		at(2024, 7, 5)
		review(secCtx, office, payesh.ActReturn, fix...)
		at(2024, 7, 20)
		review(officeCtx, office, payesh.ActSubmit)

		// The branch: two months, the quarter, a file; 10 days late.
		values(branchCtx,
			payesh.IndicatorValue{IndicatorID: ind["monthly"].ID, UnitID: branch.ID, Period: "1403-01", Value: 1},
			payesh.IndicatorValue{IndicatorID: ind["monthly"].ID, UnitID: branch.ID, Period: "1403-03", Value: 3},
			payesh.IndicatorValue{IndicatorID: ind["quarterly"].ID, UnitID: branch.ID, Period: "1403Q1", Value: 9},
			payesh.IndicatorValue{IndicatorID: ind["monthly"].ID, UnitID: branch.ID, Period: "1403-04", Value: 4}) // summer: not this round
		pdf := []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
		if _, err := db.AddEvidence(branchCtx, reportOf(branch).ID, "پیوست.pdf", bytes.NewReader(pdf)); err != nil {
			t.Fatal(err)
		}
		at(2024, 7, 11)
		review(branchCtx, branch, payesh.ActSubmit)

		at(2024, 7, 31)
		scores, err := db.Scores(secCtx, round.ID)
		if err != nil {
			t.Fatal(err)
		}
		line := func(s payesh.UnitScore) string {
			return fmt.Sprintf("unit=%d on_time=%v late=%d values=%d/%d evidence=%d score=%d",
				s.UnitID, s.OnTime, s.DaysLate, s.ValuesFilled, s.ValuesExpected, s.Evidence, s.Score)
		}
		var got []string
		for _, s := range scores {
			got = append(got, line(s))
		}
		want := []string{ // in org-tree order: the organization, the province's branches, the office, the partner
			fmt.Sprintf("unit=%d on_time=false late=30 values=0/3 evidence=0 score=0", org.ID),
			fmt.Sprintf("unit=%d on_time=false late=10 values=3/4 evidence=1 score=77", branch.ID),
			fmt.Sprintf("unit=%d on_time=false late=30 values=0/4 evidence=0 score=0", branch2.ID),
			fmt.Sprintf("unit=%d on_time=true late=0 values=3/3 evidence=0 score=80", office.ID),
			fmt.Sprintf("unit=%d on_time=false late=30 values=0/0 evidence=0 score=0", partner.ID),
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("scores:\n%q\nwant\n%q", got, want)
		}
		for _, s := range scores {
			switch s.UnitID {
			case office.ID:
				if s.SubmittedAt == nil || !s.SubmittedAt.Equal(time.Date(2024, 6, 25, 8, 30, 0, 0, time.UTC)) {
					t.Errorf("office first submission %v", s.SubmittedAt)
				}
			case branch2.ID:
				if s.SubmittedAt != nil || s.State != payesh.ReportDraft {
					t.Errorf("branch2 %+v", s)
				}
			}
		}

		// A province reads its own subtree's scores only.
		scores, err = db.Scores(provCtx, round.ID)
		if err != nil || len(scores) != 2 {
			t.Errorf("the province's scores: %d %v", len(scores), err)
		}
		_, err = db.Scores(secCtx, 999999)
		wantCode(t, err, payesh.ENOTFOUND)
	})
}
