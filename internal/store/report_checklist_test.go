package store_test

import (
	"bytes"
	"fmt"
	"slices"
	"testing"
	"time"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// checklistWorld is roundWorld with three monthly indicators: one the
// branches report, one offices report, and one with no reporting kinds —
// the organization's own figure, owed by no unit of the round.
type checklistWorld struct {
	*roundWorld
	branchInd, officeInd, orgInd *payesh.Indicator
}

func newChecklistWorld(t *testing.T, db *store.DB) *checklistWorld {
	w := &checklistWorld{roundWorld: newRoundWorld(t, db)}
	mk := func(code string, kinds ...payesh.UnitKind) *payesh.Indicator {
		i := &payesh.Indicator{Code: code, NameFA: "شاخص " + code, Direction: payesh.HigherIsBetter,
			UnitAgg: payesh.AggSum, TimeAgg: payesh.AggSum, Frequency: payesh.Monthly, ReportingKinds: kinds}
		if err := db.CreateIndicator(sys, i); err != nil {
			t.Fatal(err)
		}
		return i
	}
	w.branchInd, w.officeInd, w.orgInd = mk("branch-ind", payesh.UnitBranch), mk("office-ind", payesh.UnitOffice), mk("org-ind")
	return w
}

func (w *checklistWorld) submit(r *payesh.Report, confirm bool) (*payesh.Report, error) {
	return w.db.Review(w.branchRep, r.ID, payesh.ReviewInput{Action: payesh.ActSubmit, Version: r.Version, Confirm: confirm})
}

var checklistPDF = []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")

func TestChecklistAsksForConfirmation(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newChecklistWorld(t, db)
		r := w.report(t, w.branch)
		if _, err := db.SaveValues(w.branchRep, []payesh.IndicatorValue{
			{IndicatorID: w.branchInd.ID, UnitID: w.branch.ID, Period: "1403-02", Value: 5}}); err != nil {
			t.Fatal(err)
		}
		if r, err := db.SaveNarrative(w.branchRep, r.ID, payesh.Narrative{Achievements: "پوشش ۸۰ درصد", Version: r.Version}); err != nil {
			t.Fatal(err)
		} else if c, err := db.Checklist(w.branchRep, r.ID); err != nil {
			t.Fatal(err)
		} else {
			// Only the branches' indicator is owed, for the two months
			// without a value; the organization's is not the branch's.
			want := []payesh.MissingValue{{IndicatorID: w.branchInd.ID, Period: "1403-01"}, {IndicatorID: w.branchInd.ID, Period: "1403-03"}}
			if !slices.Equal(c.EmptyNarrative, []string{"obstacles", "requests"}) || c.Evidence != 0 ||
				c.ValuesExpected != 3 || !slices.Equal(c.MissingValues, want) || c.Complete() {
				t.Fatalf("checklist %+v", c)
			}
		}
		r = w.report(t, w.branch)
		_, err := w.submit(r, false)
		wantCode(t, err, payesh.EINCOMPLETE)
		fields := err.(*payesh.Error).Fields
		for _, f := range []string{"obstacles", "requests", "evidence", fmt.Sprintf("value:%d:1403-01", w.branchInd.ID)} {
			if fields[f] == "" {
				t.Errorf("field %s not named: %v", f, fields)
			}
		}
		if fields["achievements"] != "" || len(fields) != 5 {
			t.Errorf("fields %v", fields)
		}
		if w.report(t, w.branch).State != payesh.ReportDraft {
			t.Fatal("a refused submission left the draft")
		}
		if r, err = w.submit(r, true); err != nil || r.State != payesh.ReportSubmitted {
			t.Fatalf("confirmed: %+v %v", r, err)
		}
	})
}

func TestRoundRequirementsRefuse(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newChecklistWorld(t, db)
		round := &payesh.Round{Title: "تابستان", Period: "1403Q2", Deadline: payesh.NewDate(2024, 10, 1),
			UnitIDs: []int64{w.branch.ID}, RequireEvidence: true, RequireValues: true}
		if err := db.CreateRound(w.sec, round); err != nil {
			t.Fatal(err)
		}
		if got, err := db.FindRound(sys, round.ID); err != nil || !got.RequireEvidence || !got.RequireValues || got.RequireNarrative {
			t.Fatalf("round as read: %+v %v", got, err)
		}
		list, _, err := db.FindReports(sys, payesh.ReportFilter{RoundID: round.ID})
		if err != nil || len(list) != 1 {
			t.Fatal(list, err)
		}
		r := list[0]
		// 1403Q2 on 1403/05/10: Tir and Mordad have begun, Shahrivar has
		// not, so two values are owed.
		_, err = w.submit(r, true)
		wantCode(t, err, payesh.EREQUIRED)
		f := err.(*payesh.Error).Fields
		if f["evidence"] != "err.report.required.evidence" || f[fmt.Sprintf("value:%d:1403-05", w.branchInd.ID)] != "err.report.required.value" ||
			f["achievements"] != "err.report.missing.narrative" || f[fmt.Sprintf("value:%d:1403-06", w.branchInd.ID)] != "" {
			t.Fatalf("fields %v", f)
		}
		if _, err := db.AddEvidence(w.branchRep, r.ID, "پیوست.pdf", bytes.NewReader(checklistPDF)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SaveValues(w.branchRep, []payesh.IndicatorValue{
			{IndicatorID: w.branchInd.ID, UnitID: w.branch.ID, Period: "1403-04", Value: 1},
			{IndicatorID: w.branchInd.ID, UnitID: w.branch.ID, Period: "1403-05", Value: 2}}); err != nil {
			t.Fatal(err)
		}
		// What is required is there; the empty narrative still needs the
		// unit's word.
		_, err = w.submit(r, false)
		wantCode(t, err, payesh.EINCOMPLETE)
		if r, err = w.submit(r, true); err != nil || r.State != payesh.ReportSubmitted {
			t.Fatalf("submit: %+v %v", r, err)
		}
	})
}

func TestWithdraw(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newChecklistWorld(t, db)
		if _, err := db.SaveValues(w.branchRep, []payesh.IndicatorValue{
			{IndicatorID: w.branchInd.ID, UnitID: w.branch.ID, Period: "1403-02", Value: 5}}); err != nil {
			t.Fatal(err)
		}
		r := w.report(t, w.branch)
		_, err := w.act(t, w.branchRep, r, payesh.ActWithdraw)
		wantCode(t, err, payesh.ECONFLICT) // a draft has nothing to withdraw
		r, err = w.submit(r, true)
		if err != nil {
			t.Fatal(err)
		}
		// The province's reviewer is told the report waits for them.
		if _, err := db.RunDigest(sys, payesh.Today(fixedNow)); err != nil {
			t.Fatal(err)
		}
		for _, ctx := range []struct {
			name string
			err  error
		}{{"viewer", err1(w.act(t, w.provViewer, r, payesh.ActWithdraw))}, {"reviewer", err1(w.act(t, w.provRep, r, payesh.ActWithdraw))}} {
			if payesh.ErrorCode(ctx.err) != payesh.EFORBIDDEN {
				t.Errorf("%s withdrew: %v", ctx.name, ctx.err)
			}
		}
		if r, err = w.act(t, w.branchRep, r, payesh.ActWithdraw); err != nil || r.State != payesh.ReportDraft || r.SubmittedAt != nil {
			t.Fatalf("withdraw: %+v %v", r, err)
		}
		if v := valueState(t, db, w.branchInd.ID, w.branch.ID); v != payesh.ValueDraft {
			t.Errorf("value after withdrawal: %s", v)
		}
		events, _, err := db.FindAuditEvents(sys, payesh.AuditFilter{Entity: "report", EntityID: r.ID})
		if err != nil || events[0].Action != string(payesh.ActWithdraw) {
			t.Errorf("history: %+v %v", events, err)
		}
		notes, _, err := db.Notifications(w.provRep, false, payesh.Page{})
		notes = withoutDigests(notes) // the day's digest counts the report too
		if err != nil || len(notes) != 2 || notes[0].Kind != payesh.NoteReportWithdrawn || notes[1].ReadAt == nil {
			t.Fatalf("the reviewer's notifications: %+v %v", notes, err)
		}
		// Withdrawn, the unit has sent nothing.
		if s := scoreOf(t, db, w, w.branch); s.SubmittedAt != nil || s.Score != 0 {
			t.Errorf("score after withdrawal: %+v", s)
		}

		// A file attached, sent again; once the province acts it is too
		// late.
		if _, err := db.AddEvidence(w.branchRep, r.ID, "جامانده.pdf", bytes.NewReader(checklistPDF)); err != nil {
			t.Fatal(err)
		}
		if r, err = w.submit(r, true); err != nil {
			t.Fatal(err)
		}
		if r, err = w.act(t, w.provRep, r, payesh.ActApprove); err != nil || r.Level != 1 {
			t.Fatalf("province: %+v %v", r, err)
		}
		_, err = w.act(t, w.branchRep, r, payesh.ActWithdraw)
		wantCode(t, err, payesh.EREVIEWED)
		if s := scoreOf(t, db, w, w.branch); s.SubmittedAt == nil || !s.SubmittedAt.Equal(*r.SubmittedAt) {
			t.Errorf("timeliness is judged by the submission after the withdrawal: %+v, report %v", s, r.SubmittedAt)
		}
	})
}

func err1[T any](_ T, err error) error { return err }

func scoreOf(t *testing.T, db *store.DB, w *checklistWorld, u *payesh.OrgUnit) payesh.UnitScore {
	t.Helper()
	scores, err := db.Scores(sys, w.round.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range scores {
		if s.UnitID == u.ID {
			return s
		}
	}
	t.Fatalf("no score for %s", u.Code)
	return payesh.UnitScore{}
}

// TestLateClosures: of the work closed within spring 1403 (2024-03-20 to
// 2024-06-20), only what the round's units own and closed after its due
// date counts, with its days late.
func TestLateClosures(t *testing.T) {
	now := fixedNow
	opt := store.Options{Now: func() time.Time { return now }}
	storetest.Engines(t, opt, func(t *testing.T, db *store.DB) {
		now = fixedNow
		w := newChecklistWorld(t, db)
		other := mustUnit(t, db, w.org, payesh.UnitDeputy, "deputy")
		day := func(m time.Month, d int) payesh.Date { return payesh.NewDate(2024, m, d) }
		items := []struct {
			title     string
			unit      *payesh.OrgUnit
			due, done payesh.Date
		}{
			{"late", w.branch, day(4, 1), day(4, 11)},
			{"on time", w.branch, day(4, 1), day(3, 30)},
			{"late after spring", w.office, day(6, 1), day(7, 1)},
			{"late elsewhere", other, day(4, 1), day(5, 1)},
			{"late by a day", w.office, day(5, 1), day(5, 2)},
		}
		ids := map[string]int64{}
		for _, it := range items {
			now = it.done.Time().Add(8 * time.Hour) // closed on its done date, in Tehran
			wi := mustWork(t, db, sys, &payesh.WorkItem{Title: it.title, OwnerUnitID: it.unit.ID,
				StartDate: day(3, 1), DueDate: it.due, Status: payesh.StatusDone})
			ids[it.title] = wi.ID
		}
		got, err := db.LateClosures(w.branchRep, w.round.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []payesh.LateClosure{ // latest closure first
			{WorkItemID: ids["late by a day"], Title: "late by a day", OwnerUnitID: w.office.ID, DueDate: day(5, 1), DoneDate: day(5, 2), DaysLate: 1},
			{WorkItemID: ids["late"], Title: "late", OwnerUnitID: w.branch.ID, DueDate: day(4, 1), DoneDate: day(4, 11), DaysLate: 10},
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("late closures\n%+v\nwant\n%+v", got, want)
		}
	})
}
