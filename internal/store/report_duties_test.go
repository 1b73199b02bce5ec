package store_test

import (
	"bytes"
	"context"
	"sync/atomic"
	"testing"
	"time"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// Separation of duties in review (issue 11): whoever sent a report, or
// wrote part of it in this submission, and the reporting unit's own people
// never approve or return it; a secretariat-only chain needs a second
// secretariat user unless the round allows self-review, which never
// covers the province step.

// tickingOpts is a clock that moves a second each time it is read, so
// that "since the report came back" separates one write from the next.
func tickingOpts() store.Options {
	var n atomic.Int64
	return store.Options{Now: func() time.Time { return fixedNow.Add(time.Duration(n.Add(1)) * time.Second) }}
}

// wantDuty fails unless err is a separation-of-duties refusal with key.
func wantDuty(t *testing.T, err error, key string) {
	t.Helper()
	if payesh.ErrorCode(err) != payesh.ESELFREVIEW || payesh.ErrorMessage(err) != key {
		t.Fatalf("error %v, want %s %s", err, payesh.ESELFREVIEW, key)
	}
}

// toReview returns the ids of the reports waiting for ctx's user's review.
func toReview(t *testing.T, db *store.DB, ctx context.Context) []int64 {
	t.Helper()
	list, n, err := db.FindReports(ctx, payesh.ReportFilter{ToReview: true})
	if err != nil || n != len(list) {
		t.Fatalf("to review: %v %d %v", list, n, err)
	}
	ids := []int64{}
	for _, r := range list {
		ids = append(ids, r.ID)
	}
	return ids
}

func wantInbox(t *testing.T, db *store.DB, who string, ctx context.Context, want ...int64) {
	t.Helper()
	got := toReview(t, db, ctx)
	if len(got) != len(want) {
		t.Fatalf("%s's inbox %v, want %v", who, got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%s's inbox %v, want %v", who, got, want)
		}
	}
}

// reportTrail is what the audit trail and comments hold of a report: a
// refused action must leave both as they were.
func reportTrail(t *testing.T, db *store.DB, id int64) (int, int) {
	t.Helper()
	_, total, err := db.FindAuditEvents(sys, payesh.AuditFilter{Page: payesh.Page{Limit: 1}})
	if err != nil {
		t.Fatal(err)
	}
	comments, err := db.FindComments(sys, id)
	if err != nil {
		t.Fatal(err)
	}
	return total, len(comments)
}

// TestDutiesProvinceStep: a province reporter that sends its branch's
// report does not take the province step of it, approving or returning;
// nor does anyone of the branch, whatever their role; another reporter of
// the province does. Refusals write nothing.
func TestDutiesProvinceStep(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newRoundWorld(t, db)
		_, prov2 := mustUser(t, db, w.prov, "prov-rep-2", payesh.RoleReporter)
		_, branchAdmin := mustUser(t, db, w.branch, "branch-admin", payesh.RoleAdmin)
		_, branchSec := mustUser(t, db, w.branch, "branch-sec", payesh.RoleSecretariat)
		r := w.report(t, w.branch)
		r, err := w.act(t, w.provRep, r, payesh.ActSubmit)
		if err != nil {
			t.Fatal(err)
		}

		audits, comments := reportTrail(t, db, r.ID)
		_, err = w.act(t, w.provRep, r, payesh.ActApprove)
		wantDuty(t, err, "err.report.self_review")
		_, err = w.act(t, w.provRep, r, payesh.ActReturn, "|شمارهٔ نامه را بنویسید.")
		wantDuty(t, err, "err.report.self_review")
		_, err = w.act(t, w.provRep, r, payesh.ActReturn) // refused for who it is before what it lacks
		wantDuty(t, err, "err.report.self_review")
		// The branch's own people: an admin there would review anywhere
		// else; its reporter has no step at all.
		_, err = w.act(t, branchAdmin, r, payesh.ActApprove)
		wantDuty(t, err, "err.report.own_unit")
		_, err = w.act(t, branchAdmin, r, payesh.ActReturn, "|x")
		wantDuty(t, err, "err.report.own_unit")
		_, err = w.act(t, w.branchRep, r, payesh.ActApprove)
		wantCode(t, err, payesh.EFORBIDDEN)
		if a, c := reportTrail(t, db, r.ID); a != audits || c != comments {
			t.Fatalf("refusals wrote: audit %d → %d, comments %d → %d", audits, a, comments, c)
		}
		if got, _ := db.FindReport(sys, r.ID); got.Version != r.Version || got.State != payesh.ReportSubmitted {
			t.Fatalf("refusals moved the report: %+v", got)
		}

		// The inboxes agree with the rule.
		wantInbox(t, db, "the submitter", w.provRep)
		wantInbox(t, db, "the branch's admin", branchAdmin)
		wantInbox(t, db, "the province's other reporter", prov2, r.ID)

		if r, err = w.act(t, prov2, r, payesh.ActApprove); err != nil || r.Level != 1 {
			t.Fatalf("the other reporter approves: %+v %v", r, err)
		}
		// The secretariat step: a secretariat user of the branch is still
		// the branch's.
		_, err = w.act(t, branchSec, r, payesh.ActApprove)
		wantDuty(t, err, "err.report.own_unit")
		wantInbox(t, db, "the branch's secretariat user", branchSec)
		wantInbox(t, db, "the secretariat", w.sec, r.ID)
		if r, err = w.act(t, w.sec, r, payesh.ActApprove); err != nil || r.State != payesh.ReportApproved {
			t.Fatalf("the secretariat approves: %+v %v", r, err)
		}
		// The trail is what it always was: submit, approve, approve.
		events, _, err := db.FindAuditEvents(sys, payesh.AuditFilter{Entity: "report", EntityID: r.ID})
		if err != nil || len(events) != 3 || events[0].Action != "approve" || events[2].Action != "submit" {
			t.Fatalf("report trail %v %v", events, err)
		}
		if *events[2].ActorID != userID(t, w.provRep) || *events[1].ActorID != userID(t, prov2) || *events[0].ActorID != userID(t, w.sec) {
			t.Fatalf("trail actors %v %v %v", *events[2].ActorID, *events[1].ActorID, *events[0].ActorID)
		}
	})
}

func userID(t *testing.T, ctx context.Context) int64 {
	t.Helper()
	return payesh.UserFrom(ctx).ID
}

// TestDutiesAuthors: who wrote part of a report in this submission — its
// narrative, a file, a value — does not review it either, though someone
// else sent it; once the report has come back and been sent again
// without their hand in it, they may. A value saved while the report
// waits makes its author one too.
func TestDutiesAuthors(t *testing.T) {
	storetest.Engines(t, tickingOpts(), func(t *testing.T, db *store.DB) {
		w := newRoundWorld(t, db)
		_, writer := mustUser(t, db, w.prov, "prov-writer", payesh.RoleReporter)
		_, filer := mustUser(t, db, w.prov, "prov-filer", payesh.RoleReporter)
		_, counter := mustUser(t, db, w.prov, "prov-counter", payesh.RoleReporter)
		_, reviewer := mustUser(t, db, w.prov, "prov-reviewer", payesh.RoleReporter)
		_, late := mustUser(t, db, w.prov, "prov-late", payesh.RoleReporter)
		ind := &payesh.Indicator{Code: "c", NameFA: "شاخص", Direction: payesh.HigherIsBetter, UnitAgg: payesh.AggSum,
			TimeAgg: payesh.AggSum, Frequency: payesh.Monthly, ReportingKinds: []payesh.UnitKind{payesh.UnitBranch}}
		if err := db.CreateIndicator(sys, ind); err != nil {
			t.Fatal(err)
		}
		r := w.report(t, w.branch)
		r, err := db.SaveNarrative(writer, r.ID, payesh.Narrative{Achievements: "۱۲ شعبه راه‌اندازی شد.", Version: r.Version})
		if err != nil {
			t.Fatal(err)
		}
		pdf := []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
		if _, err := db.AddEvidence(filer, r.ID, "پیوست.pdf", bytes.NewReader(pdf)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SaveValues(counter, []payesh.IndicatorValue{{IndicatorID: ind.ID, UnitID: w.branch.ID, Period: "1403-02", Value: 5}}); err != nil {
			t.Fatal(err)
		}
		if r, err = w.act(t, w.branchRep, r, payesh.ActSubmit); err != nil {
			t.Fatal(err)
		}
		for name, ctx := range map[string]context.Context{"writer": writer, "filer": filer, "counter": counter} {
			_, err = w.act(t, ctx, r, payesh.ActApprove)
			wantDuty(t, err, "err.report.self_review_author")
			wantInbox(t, db, name, ctx)
		}
		wantInbox(t, db, "the reviewer", reviewer, r.ID)

		// Returned, fixed by the branch alone, sent again: the earlier
		// hands are not in this submission.
		if r, err = w.act(t, reviewer, r, payesh.ActReturn, "achievements|نام شعبه‌ها را بنویسید."); err != nil {
			t.Fatal(err)
		}
		if r, err = db.SaveNarrative(w.branchRep, r.ID, payesh.Narrative{Achievements: "۱۲ شعبه در مشهد و نیشابور راه‌اندازی شد.", Version: r.Version}); err != nil {
			t.Fatal(err)
		}
		if r, err = w.act(t, w.branchRep, r, payesh.ActSubmit); err != nil {
			t.Fatal(err)
		}
		wantInbox(t, db, "the earlier writer", writer, r.ID)
		// A value saved while the report waits: its author is one of the
		// report's now.
		if _, err := db.SaveValues(late, withVersions(t, db, payesh.IndicatorValue{IndicatorID: ind.ID, UnitID: w.branch.ID, Period: "1403-02", Value: 6})); err != nil {
			t.Fatal(err)
		}
		_, err = w.act(t, late, r, payesh.ActApprove)
		wantDuty(t, err, "err.report.self_review_author")
		if r, err = w.act(t, writer, r, payesh.ActApprove); err != nil || r.Level != 1 {
			t.Fatalf("the earlier writer approves the new submission: %+v %v", r, err)
		}
	})
}

// TestDutiesSecretariatOnly: on a secretariat-only chain the secretariat
// user who sent a report is refused and a second one approves; with
// allow_self_review the same user may — at the secretariat step only.
func TestDutiesSecretariatOnly(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newRoundWorld(t, db)
		_, sec2 := mustUser(t, db, w.org, "sec2", payesh.RoleSecretariat)
		_, prov2 := mustUser(t, db, w.prov, "prov-rep-2", payesh.RoleReporter)
		_, branchSec := mustUser(t, db, w.branch, "branch-sec", payesh.RoleSecretariat)
		open := func(title string, chain []payesh.ReviewLevel, allow bool, units ...*payesh.OrgUnit) *payesh.Round {
			t.Helper()
			rd := &payesh.Round{Title: title, Period: "1403Q2", Deadline: payesh.NewDate(2024, 10, 1), Chain: chain, AllowSelfReview: allow}
			for _, u := range units {
				rd.UnitIDs = append(rd.UnitIDs, u.ID)
			}
			if err := db.CreateRound(w.sec, rd); err != nil {
				t.Fatal(err)
			}
			got, err := db.FindRound(sys, rd.ID)
			if err != nil || got.AllowSelfReview != allow {
				t.Fatalf("round as stored: %+v %v", got, err)
			}
			return rd
		}
		reportIn := func(rd *payesh.Round, unit *payesh.OrgUnit) *payesh.Report {
			t.Helper()
			list, _, err := db.FindReports(sys, payesh.ReportFilter{RoundID: rd.ID, UnitID: unit.ID})
			if err != nil || len(list) != 1 {
				t.Fatalf("report: %v %v", list, err)
			}
			return list[0]
		}
		secOnly := []payesh.ReviewLevel{payesh.LevelSecretariat}

		strict := open("دبیرخانه به‌تنهایی", secOnly, false, w.office)
		r, err := w.act(t, w.sec, reportIn(strict, w.office), payesh.ActSubmit)
		if err != nil {
			t.Fatal(err)
		}
		_, err = w.act(t, w.sec, r, payesh.ActApprove)
		wantDuty(t, err, "err.report.self_review")
		_, err = w.act(t, w.sec, r, payesh.ActReturn, "|x")
		wantDuty(t, err, "err.report.self_review")
		wantInbox(t, db, "the sending secretariat user", w.sec)
		wantInbox(t, db, "the second secretariat user", sec2, r.ID)
		// The daily digest tells the same: the second user, not the sender.
		if _, err := db.RunDigest(sys, payesh.Today(fixedNow)); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			who  context.Context
			want int
		}{{w.sec, 0}, {sec2, 1}} {
			var n int
			err := db.SQL().QueryRow(`SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND kind = $2 AND entity_id = $3`,
				payesh.UserFrom(c.who).ID, payesh.NoteReportToReview, r.ID).Scan(&n)
			if err != nil || n != c.want {
				t.Errorf("%s told to review the report %d times, want %d (%v)", payesh.UserFrom(c.who).Username, n, c.want, err)
			}
		}
		if r, err = w.act(t, sec2, r, payesh.ActApprove); err != nil || r.State != payesh.ReportApproved {
			t.Fatalf("the second secretariat user approves: %+v %v", r, err)
		}

		lenient := open("دبیرخانهٔ یک‌نفره", secOnly, true, w.office)
		r, err = w.act(t, w.sec, reportIn(lenient, w.office), payesh.ActSubmit)
		if err != nil {
			t.Fatal(err)
		}
		wantInbox(t, db, "the sender, allowed", w.sec, r.ID)
		if r, err = w.act(t, w.sec, r, payesh.ActApprove); err != nil || r.State != payesh.ReportApproved {
			t.Fatalf("self-review allowed: %+v %v", r, err)
		}

		// The option never covers the province step; at the secretariat
		// step it lets the branch's own secretariat user in too.
		both := open("استان و دبیرخانه", payesh.DefaultChain, true, w.branch)
		r, err = w.act(t, w.provRep, reportIn(both, w.branch), payesh.ActSubmit)
		if err != nil {
			t.Fatal(err)
		}
		_, err = w.act(t, w.provRep, r, payesh.ActApprove)
		wantDuty(t, err, "err.report.self_review")
		if r, err = w.act(t, prov2, r, payesh.ActApprove); err != nil {
			t.Fatal(err)
		}
		if r, err = w.act(t, branchSec, r, payesh.ActApprove); err != nil || r.State != payesh.ReportApproved {
			t.Fatalf("the branch's secretariat user, allowed: %+v %v", r, err)
		}
	})
}

// TestDutiesSecretariatOwnReport: the secretariat's own unit reporting on
// a secretariat-only chain is reviewed by someone outside it (an admin),
// unless the round allows self-review.
func TestDutiesSecretariatOwnReport(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newRoundWorld(t, db)
		secUnit := mustUnit(t, db, w.org, payesh.UnitOffice, "secretariat")
		_, secA := mustUser(t, db, secUnit, "sec-a", payesh.RoleSecretariat)
		_, secB := mustUser(t, db, secUnit, "sec-b", payesh.RoleSecretariat)
		_, admin := mustUser(t, db, w.org, "admin", payesh.RoleAdmin)
		rd := &payesh.Round{Title: "گزارش دبیرخانه", Period: "1403Q2", Deadline: payesh.NewDate(2024, 10, 1),
			Chain: []payesh.ReviewLevel{payesh.LevelSecretariat}, UnitIDs: []int64{secUnit.ID}}
		if err := db.CreateRound(w.sec, rd); err != nil {
			t.Fatal(err)
		}
		list, _, err := db.FindReports(sys, payesh.ReportFilter{RoundID: rd.ID})
		if err != nil || len(list) != 1 {
			t.Fatal(list, err)
		}
		r, err := w.act(t, secA, list[0], payesh.ActSubmit)
		if err != nil {
			t.Fatal(err)
		}
		_, err = w.act(t, secB, r, payesh.ActApprove)
		wantDuty(t, err, "err.report.own_unit")
		wantInbox(t, db, "the secretariat's second user", secB)
		wantInbox(t, db, "an admin outside it", admin, r.ID)
		if r, err = w.act(t, admin, r, payesh.ActApprove); err != nil || r.State != payesh.ReportApproved {
			t.Fatalf("the admin approves: %+v %v", r, err)
		}
	})
}

// TestDutiesMigrationKeepsSubmitter: reports waiting for review when
// migration 013 runs keep their submitter, taken from the audit trail, so
// the rule holds for them from the first moment.
func TestDutiesMigrationKeepsSubmitter(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newRoundWorld(t, db)
		r, err := w.act(t, w.provRep, w.report(t, w.branch), payesh.ActSubmit)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		for _, stmt := range []string{
			`DROP TABLE report_authors`,
			`ALTER TABLE rounds DROP COLUMN allow_self_review`,
			`DELETE FROM schema_migrations WHERE name = 'migrations/013_round_duties.sql'`,
		} {
			if _, err := db.SQL().ExecContext(ctx, stmt); err != nil {
				t.Fatalf("%s: %v", stmt, err)
			}
		}
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		_, err = w.act(t, w.provRep, r, payesh.ActApprove)
		wantDuty(t, err, "err.report.self_review")
		wantInbox(t, db, "the submitter", w.provRep)
	})
}
