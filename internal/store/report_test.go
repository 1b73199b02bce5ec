package store_test

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// roundWorld is an organization with a province, its branch, an office at
// headquarters, their people and a round for the branch and the office.
type roundWorld struct {
	db                                  *store.DB
	org, prov, branch, office           *payesh.OrgUnit
	branchRep, provRep, provViewer, sec context.Context
	round                               *payesh.Round
}

func newRoundWorld(t *testing.T, db *store.DB) *roundWorld {
	w := &roundWorld{db: db}
	w.org = mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
	w.prov = mustUnit(t, db, w.org, payesh.UnitProvince, "prov")
	w.branch = mustUnit(t, db, w.prov, payesh.UnitBranch, "branch")
	w.office = mustUnit(t, db, w.org, payesh.UnitOffice, "office")
	_, w.branchRep = mustUser(t, db, w.branch, "branch-rep", payesh.RoleReporter)
	_, w.provRep = mustUser(t, db, w.prov, "prov-rep", payesh.RoleReporter)
	_, w.provViewer = mustUser(t, db, w.prov, "prov-viewer", payesh.RoleViewer)
	_, w.sec = mustUser(t, db, w.org, "sec", payesh.RoleSecretariat)
	w.round = &payesh.Round{Title: "گزارش بهار ۱۴۰۳", Period: "۱۴۰۳Q1", Deadline: payesh.NewDate(2024, 7, 1),
		UnitIDs: []int64{w.branch.ID, w.office.ID}}
	if err := db.CreateRound(w.sec, w.round); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *roundWorld) report(t *testing.T, unit *payesh.OrgUnit) *payesh.Report {
	t.Helper()
	list, _, err := w.db.FindReports(sys, payesh.ReportFilter{RoundID: w.round.ID, UnitID: unit.ID})
	if err != nil || len(list) != 1 {
		t.Fatalf("report of %s: %v %v", unit.Code, list, err)
	}
	return list[0]
}

func (w *roundWorld) act(t *testing.T, ctx context.Context, r *payesh.Report, a payesh.ReviewAction, comments ...string) (*payesh.Report, error) {
	t.Helper()
	in := payesh.ReviewInput{Action: a, Version: r.Version, Confirm: true} // what is missing is tested apart
	for _, c := range comments {
		item, text, _ := strings.Cut(c, "|")
		in.Comments = append(in.Comments, payesh.ReviewComment{Item: item, Text: text})
	}
	return w.db.Review(ctx, r.ID, in)
}

func TestReportStateMachine(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newRoundWorld(t, db)
		if w.round.Period != "1403Q1" || len(w.round.Chain) != 2 {
			t.Fatalf("round %+v", w.round)
		}
		r := w.report(t, w.branch)
		chain, err := db.ReviewChain(w.branchRep, r.ID)
		if err != nil || len(chain) != 2 || chain[0].UnitID != w.prov.ID {
			t.Fatalf("branch chain %+v %v", chain, err)
		}
		if c, _ := db.ReviewChain(sys, w.report(t, w.office).ID); len(c) != 1 {
			t.Fatalf("an office has no province above it: chain %+v", c)
		}
		// A value of the period, to be locked with the report.
		ind := &payesh.Indicator{Code: "c", NameFA: "شاخص", Direction: payesh.HigherIsBetter, UnitAgg: payesh.AggSum, TimeAgg: payesh.AggSum, Frequency: payesh.Monthly,
			ReportingKinds: []payesh.UnitKind{payesh.UnitBranch}}
		if err := db.CreateIndicator(sys, ind); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SaveValues(w.branchRep, []payesh.IndicatorValue{{IndicatorID: ind.ID, UnitID: w.branch.ID, Period: "1403-02", Value: 5}}); err != nil {
			t.Fatal(err)
		}

		// Forbidden before anything: approving a draft, others submitting.
		_, err = w.act(t, w.sec, r, payesh.ActApprove)
		wantCode(t, err, payesh.EFORBIDDEN)
		_, err = w.act(t, w.provViewer, r, payesh.ActSubmit)
		wantCode(t, err, payesh.EFORBIDDEN)

		if r, err = db.SaveNarrative(w.branchRep, r.ID, payesh.Narrative{Obstacles: "ردیف بودجهٔ مصوب نداریم.", Version: r.Version}); err != nil {
			t.Fatal(err)
		}
		if r, err = w.act(t, w.branchRep, r, payesh.ActSubmit); err != nil || r.State != payesh.ReportSubmitted || r.Level != 0 || r.SubmittedAt == nil {
			t.Fatalf("submit: %+v %v", r, err)
		}
		_, err = db.SaveNarrative(w.branchRep, r.ID, payesh.Narrative{Obstacles: "x", Version: r.Version})
		wantCode(t, err, payesh.ECONFLICT) // a submitted report is the reviewers'

		// Level 0 is the province: the secretariat, the branch and the
		// province's viewer may not act; a reporter may not approve its own.
		for _, ctx := range []context.Context{w.sec, w.branchRep, w.provViewer} {
			_, err = w.act(t, ctx, r, payesh.ActApprove)
			wantCode(t, err, payesh.EFORBIDDEN)
		}
		_, err = w.act(t, w.provRep, r, payesh.ActReturn)
		wantCode(t, err, payesh.EINVALID) // a return says why
		if r, err = w.act(t, w.provRep, r, payesh.ActReturn, "obstacles|شمارهٔ نامهٔ درخواست بودجه را بنویسید.", "|پیوست گزارش فصلی را هم بفرستید."); err != nil || r.State != payesh.ReportReturned {
			t.Fatalf("return: %+v %v", r, err)
		}
		if v := valueState(t, db, ind.ID, w.branch.ID); v != payesh.ValueReturned {
			t.Fatalf("value state after return: %s", v)
		}
		// Fixed and sent again; the comments stay.
		if r, err = db.SaveNarrative(w.branchRep, r.ID, payesh.Narrative{Obstacles: "ردیف بودجه نداریم؛ نامهٔ ۱۲۳۴.", Version: r.Version}); err != nil {
			t.Fatal(err)
		}
		if r, err = w.act(t, w.branchRep, r, payesh.ActSubmit); err != nil {
			t.Fatal(err)
		}
		if r, err = w.act(t, w.provRep, r, payesh.ActApprove); err != nil || r.State != payesh.ReportSubmitted || r.Level != 1 {
			t.Fatalf("province approval: %+v %v", r, err)
		}
		_, err = w.act(t, w.provRep, r, payesh.ActApprove) // the province has had its turn
		wantCode(t, err, payesh.EFORBIDDEN)
		if r, err = w.act(t, w.sec, r, payesh.ActApprove); err != nil || r.State != payesh.ReportApproved || r.ApprovedAt == nil {
			t.Fatalf("secretariat approval: %+v %v", r, err)
		}

		// Approved: locked, values too.
		_, err = db.SaveNarrative(w.branchRep, r.ID, payesh.Narrative{Version: r.Version})
		wantCode(t, err, payesh.ECONFLICT)
		_, err = db.SaveValues(w.branchRep, withVersions(t, db, payesh.IndicatorValue{IndicatorID: ind.ID, UnitID: w.branch.ID, Period: "1403-02", Value: 6}))
		if payesh.ErrorMessage(err) != "err.indicator.value_locked" {
			t.Fatalf("saving over an approved value: %v", err)
		}
		_, err = w.act(t, w.branchRep, r, payesh.ActSubmit)
		wantCode(t, err, payesh.ECONFLICT)
		_, err = w.act(t, w.branchRep, r, payesh.ActReopen, "|x")
		wantCode(t, err, payesh.EFORBIDDEN)

		// Only the secretariat reopens, and says why; the values unlock.
		if r, err = w.act(t, w.sec, r, payesh.ActReopen, "|رقم اسفند اصلاح شود."); err != nil || r.State != payesh.ReportReturned {
			t.Fatalf("reopen: %+v %v", r, err)
		}
		if _, err = db.SaveValues(w.branchRep, withVersions(t, db, payesh.IndicatorValue{IndicatorID: ind.ID, UnitID: w.branch.ID, Period: "1403-02", Value: 6})); err != nil {
			t.Fatalf("value after reopen: %v", err)
		}
		comments, err := db.FindComments(w.branchRep, r.ID)
		if err != nil || len(comments) != 3 || comments[0].Item != "obstacles" || comments[2].Action != payesh.ActReopen {
			t.Fatalf("comments %+v %v", comments, err)
		}
		events, _, _ := db.FindAuditEvents(sys, payesh.AuditFilter{Entity: "report", EntityID: r.ID})
		if len(events) != 8 { // narrative ×2, submit ×2, return, approve ×2, reopen
			t.Fatalf("report audit events = %d", len(events))
		}
		// The office's report goes straight to the secretariat.
		o := w.report(t, w.office)
		_, oCtx := mustUser(t, db, w.office, "office-rep", payesh.RoleReporter)
		if o, err = w.act(t, oCtx, o, payesh.ActSubmit); err != nil {
			t.Fatal(err)
		}
		if o, err = w.act(t, w.sec, o, payesh.ActApprove); err != nil || o.State != payesh.ReportApproved {
			t.Fatalf("office approval: %+v %v", o, err)
		}
	})
}

func valueState(t *testing.T, db *store.DB, ind, unit int64) payesh.ValueState {
	t.Helper()
	vals, err := db.FindValues(sys, payesh.ValueFilter{IndicatorID: ind, UnitID: unit})
	if err != nil || len(vals) != 1 {
		t.Fatalf("values: %v %v", vals, err)
	}
	return vals[0].State
}

func TestReportsToReviewAndReading(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newRoundWorld(t, db)
		r := w.report(t, w.branch)
		if _, err := w.act(t, w.branchRep, r, payesh.ActSubmit); err != nil {
			t.Fatal(err)
		}
		mine, n, err := db.FindReports(w.provRep, payesh.ReportFilter{ToReview: true})
		if err != nil || n != 1 || mine[0].ID != r.ID {
			t.Fatalf("province inbox: %v %d %v", mine, n, err)
		}
		if _, n, _ := db.FindReports(w.sec, payesh.ReportFilter{ToReview: true}); n != 0 {
			t.Fatalf("the secretariat's turn has not come; inbox %d", n)
		}
		// Another province's people cannot read the report: for them it
		// does not exist (payesh.ReadScope).
		other := mustUnit(t, db, w.org, payesh.UnitProvince, "other")
		_, otherCtx := mustUser(t, db, other, "other-rep", payesh.RoleReporter)
		_, err = db.FindReport(otherCtx, r.ID)
		wantCode(t, err, payesh.ENOTFOUND)
		if _, n, _ := db.FindReports(otherCtx, payesh.ReportFilter{}); n != 0 {
			t.Fatalf("another province lists %d reports", n)
		}
	})
}

// TestConcurrentReviewOneWinner: two reviewers approve the same version at
// once; one wins, the other meets a conflict.
func TestConcurrentReviewOneWinner(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newRoundWorld(t, db)
		r := w.report(t, w.office)
		_, oCtx := mustUser(t, db, w.office, "office-rep", payesh.RoleReporter)
		r, err := w.act(t, oCtx, r, payesh.ActSubmit)
		if err != nil {
			t.Fatal(err)
		}
		_, sec2 := mustUser(t, db, w.org, "sec2", payesh.RoleSecretariat)
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, ctx := range []context.Context{w.sec, sec2} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = db.Review(ctx, r.ID, payesh.ReviewInput{Action: payesh.ActApprove, Version: r.Version})
			}()
		}
		wg.Wait()
		codes := payesh.ErrorCode(errs[0]) + "|" + payesh.ErrorCode(errs[1])
		if codes != "|conflict" && codes != "conflict|" {
			t.Fatalf("concurrent approvals: %v", errs)
		}
	})
}

func TestEvidence(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newRoundWorld(t, db)
		r := w.report(t, w.branch)
		pdf := []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
		e, err := db.AddEvidence(w.branchRep, r.ID, "گزارش فصلی.pdf", bytes.NewReader(pdf))
		if err != nil || e.ContentType != "application/pdf" || e.Size != int64(len(pdf)) {
			t.Fatalf("add: %+v %v", e, err)
		}
		tests := []struct {
			name, file string
			data       []byte
			key        string
		}{
			{"path trick", "../../etc/passwd.pdf", pdf, "err.evidence.name"},
			{"absolute path", "/tmp/x.pdf", pdf, "err.evidence.name"},
			{"windows path", `C:\x.pdf`, pdf, "err.evidence.name"},
			{"hidden control char", "a\x07.pdf", pdf, "err.evidence.name"},
			{"nul byte", "a\x00.pdf", pdf, payesh.KeyBadText},
			{"wrong extension", "script.exe", pdf, "err.evidence.type"},
			{"html called pdf", "x.pdf", []byte("<html><script>alert(1)</script></html>"), "err.evidence.mismatch"},
			{"empty", "x.pdf", nil, "err.evidence.empty"},
			{"oversized", "x.pdf", append([]byte("%PDF-"), make([]byte, payesh.MaxEvidenceSize)...), "err.evidence.too_large"},
		}
		for _, tt := range tests {
			_, err := db.AddEvidence(w.branchRep, r.ID, tt.file, bytes.NewReader(tt.data))
			e, ok := err.(*payesh.Error)
			if !ok || e.Fields["file"] != tt.key {
				t.Errorf("%s: %v, want field error %s", tt.name, err, tt.key)
			}
		}
		if list, _ := db.FindEvidence(w.branchRep, r.ID); len(list) != 1 {
			t.Fatalf("refused files were stored: %d", len(list))
		}
		got, data, err := db.OpenEvidence(w.provRep, e.ID)
		if err != nil || got.Name != "گزارش فصلی.pdf" || !bytes.Equal(data, pdf) {
			t.Fatalf("open as the province: %v %v", got, err)
		}
		other := mustUnit(t, db, w.org, payesh.UnitProvince, "other")
		_, otherCtx := mustUser(t, db, other, "other-rep", payesh.RoleReporter)
		_, _, err = db.OpenEvidence(otherCtx, e.ID)
		wantCode(t, err, payesh.ENOTFOUND)
		_, err = db.AddEvidence(otherCtx, r.ID, "y.pdf", bytes.NewReader(pdf))
		wantCode(t, err, payesh.ENOTFOUND)
	})
}
