package store_test

import (
	"context"
	"slices"
	"testing"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// The read-scope tests run over the demo (payesh.ReadScope): the
// organization with its provinces, the ministry, the universities and the
// seminary as partners, the work the reports describe and the indicators,
// read as the demo's province reporter (Khorasan Razavi) and the
// universities' reporter.

// scopeWorld is the demo loaded, with its readers.
type scopeWorld struct {
	db                   *store.DB
	province, university context.Context
	items                map[string]*payesh.WorkItem
	units                map[string]*payesh.OrgUnit
	indicators           map[string]*payesh.Indicator
}

func newScopeWorld(t *testing.T, db *store.DB) *scopeWorld {
	t.Helper()
	if _, err := demo.Load(sys, demo.Services{Units: db, Documents: db, Work: db, Users: db, Indicators: db}); err != nil {
		t.Fatal(err)
	}
	w := &scopeWorld{db: db, items: map[string]*payesh.WorkItem{}, units: map[string]*payesh.OrgUnit{}, indicators: map[string]*payesh.Indicator{}}
	items, _, err := db.FindWorkItems(sys, payesh.WorkItemFilter{Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		w.items[it.Code] = it
	}
	units, err := db.FindAllOrgUnits(sys)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		w.units[u.Code] = u
	}
	inds, _, err := db.FindIndicators(sys, payesh.IndicatorFilter{Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range inds {
		w.indicators[i.Code] = i
	}
	w.province, w.university = w.as(t, "province"), w.as(t, "university")
	return w
}

// as is a context signed in as a demo user.
func (w *scopeWorld) as(t *testing.T, username string) context.Context {
	t.Helper()
	u, err := w.db.FindUserByUsername(sys, username)
	if err != nil {
		t.Fatal(err)
	}
	return payesh.WithUser(context.Background(), u)
}

// codes lists the codes of the items ctx's user finds with f, sorted.
func (w *scopeWorld) codes(t *testing.T, ctx context.Context, f payesh.WorkItemFilter) []string {
	t.Helper()
	f.Page = payesh.Page{Limit: payesh.MaxLimit}
	items, total, err := w.db.FindWorkItems(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if total != len(items) {
		t.Errorf("total %d for %d items", total, len(items))
	}
	var out []string
	for _, it := range items {
		out = append(out, it.Code)
	}
	slices.Sort(out)
	return out
}

// TestReadScopeWork: a partner reads the work it shares and nothing
// else, and reports progress on it; a province reads its own and national
// work, not another province's; out of scope is not found, for reads and
// writes alike.
func TestReadScopeWork(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newScopeWorld(t, db)
		hospital, research := w.items["khr-imam-reza-hospital"], w.items["rii-74-projects"]
		fars := &payesh.WorkItem{Kind: payesh.KindAction, Title: "اقدام استان فارس", OwnerUnitID: w.units["prov-fars"].ID}
		if err := db.CreateWorkItem(sys, fars); err != nil {
			t.Fatal(err)
		}

		// The university: the one project it partners in.
		_, err := db.FindWorkItemByID(w.university, hospital.ID)
		wantCode(t, err, payesh.ENOTFOUND)
		_, err = db.FindWorkItemByID(w.university, w.items["rii-research"].ID) // the project's parent
		wantCode(t, err, payesh.ENOTFOUND)
		if _, err := db.FindWorkItemByID(w.university, research.ID); err != nil {
			t.Fatalf("the university reads its project: %v", err)
		}
		if got := w.codes(t, w.university, payesh.WorkItemFilter{}); !slices.Equal(got, []string{"rii-74-projects"}) {
			t.Errorf("the university lists %v", got)
		}
		if got := w.codes(t, w.university, payesh.WorkItemFilter{UnitID: w.units["sso"].ID, IncludePartner: true, Sort: "due_date"}); !slices.Equal(got, []string{"rii-74-projects"}) {
			t.Errorf("the university lists the organization's work as %v", got)
		}
		if n, _, err := db.CountWorkItems(w.university, payesh.WorkItemFilter{UnitID: w.units["prov-khorasan-razavi"].ID}, 100); err != nil || n != 0 {
			t.Errorf("the university counts %d of Khorasan's items (%v)", n, err)
		}
		_, err = db.FindProgressUpdates(w.university, hospital.ID)
		wantCode(t, err, payesh.ENOTFOUND)
		_, _, err = db.FindAuditTrail(w.university, "work_item", hospital.ID, payesh.Page{})
		wantCode(t, err, payesh.ENOTFOUND)
		_, _, err = db.PostProgress(w.university, hospital.ID, payesh.ProgressUpdateInput{Note: "x", Version: hospital.Version})
		wantCode(t, err, payesh.ENOTFOUND)

		// It reports progress on the project, as itself, but does not
		// re-plan it.
		up, after, err := db.PostProgress(w.university, research.ID, payesh.ProgressUpdateInput{Note: "گزارش پیشرفت طرح‌ها", Version: research.Version})
		if err != nil {
			t.Fatalf("the university reports on its project: %v", err)
		}
		uni := w.units["partner-universities"].ID
		if up.AuthorUnitID == nil || *up.AuthorUnitID != uni || after.Version != research.Version+1 {
			t.Errorf("update %+v", up)
		}
		history, err := db.FindProgressUpdates(w.university, research.ID)
		if err != nil || history[0].AuthorUnitID == nil || *history[0].AuthorUnitID != uni {
			t.Fatalf("history %+v %v", history, err)
		}
		_, err = db.UpdateWorkItem(w.university, research.ID, payesh.WorkItemUpdate{Title: ptr("عنوان دیگر"), Version: after.Version})
		wantCode(t, err, payesh.EFORBIDDEN)
		viewer := &payesh.User{Username: "uni-viewer", Name: "بیننده", UnitID: uni, Role: payesh.RoleViewer}
		if err := db.CreateUser(sys, viewer, "a-long-password"); err != nil {
			t.Fatal(err)
		}
		_, _, err = db.PostProgress(payesh.WithUser(context.Background(), viewer), research.ID, payesh.ProgressUpdateInput{Note: "x", Version: after.Version})
		wantCode(t, err, payesh.EFORBIDDEN)

		// The province: its hospital and national work, not Fars's nor
		// the ministry's.
		for _, it := range []*payesh.WorkItem{hospital, w.items["sso-op"], w.items["women-c8-courses"], w.items["rii-74-projects"]} {
			if _, err := db.FindWorkItemByID(w.province, it.ID); err != nil {
				t.Errorf("the province reads %s: %v", it.Code, err)
			}
		}
		for _, it := range []*payesh.WorkItem{fars, w.items["mcls-comprehensive"]} {
			_, err := db.FindWorkItemByID(w.province, it.ID)
			wantCode(t, err, payesh.ENOTFOUND)
		}
		all := w.codes(t, w.province, payesh.WorkItemFilter{})
		if !slices.Contains(all, "khr-imam-reza-hospital") || !slices.Contains(all, "sso-op") || slices.Contains(all, "mcls-comprehensive") ||
			slices.Contains(all, "") || len(all) != len(w.items)-3 {
			t.Errorf("the province lists %d: %v", len(all), all)
		}
		if got := w.codes(t, w.province, payesh.WorkItemFilter{UnitID: w.units["prov-fars"].ID, IncludePartner: true}); len(got) != 0 {
			t.Errorf("the province lists Fars's work: %v", got)
		}
		tally, err := db.TallyWork(w.province, payesh.WorkItemFilter{UnitID: w.units["prov-fars"].ID})
		if err != nil || tally.All != 0 {
			t.Errorf("the province tallies Fars's work: %+v %v", tally, err)
		}
		_, _, err = db.PostProgress(w.province, fars.ID, payesh.ProgressUpdateInput{Note: "x", Version: fars.Version})
		wantCode(t, err, payesh.ENOTFOUND)
		_, err = db.UpdateWorkItem(w.province, fars.ID, payesh.WorkItemUpdate{Title: ptr("x"), Version: fars.Version})
		wantCode(t, err, payesh.ENOTFOUND)
		wantCode(t, db.DeleteWorkItem(w.province, fars.ID, fars.Version), payesh.ENOTFOUND)
		_, _, err = db.FindWorkChanges(w.province, payesh.WorkChangeFilter{WorkItemID: fars.ID})
		wantCode(t, err, payesh.ENOTFOUND)
		// A child hung under another province's item is refused as an
		// unknown parent, not a forbidden one.
		err = db.CreateWorkItem(w.province, &payesh.WorkItem{Kind: payesh.KindAction, Title: "x", OwnerUnitID: hospital.OwnerUnitID, ParentID: &fars.ID})
		wantCode(t, err, payesh.EINVALID)
	})
}

// TestReadScopeIndicators: a partner reads only the indicators linked to
// work it reads; a value not yet approved is read only up its unit's
// chain, and the provisional basis only where the reader may have it —
// elsewhere the approved numbers are answered, saying so.
func TestReadScopeIndicators(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newScopeWorld(t, db)
		debt := w.indicators["government-debt"]
		_, err := db.FindIndicatorByID(w.university, debt.ID)
		wantCode(t, err, payesh.ENOTFOUND)
		if _, err := db.FindIndicatorByID(w.province, debt.ID); err != nil {
			t.Fatalf("the province reads the indicator: %v", err)
		}
		if _, n, err := db.FindIndicators(w.university, payesh.IndicatorFilter{}); err != nil || n != 0 {
			t.Errorf("the university lists %d indicators (%v)", n, err)
		}
		_, err = db.FindTargets(w.university, debt.ID)
		wantCode(t, err, payesh.ENOTFOUND)
		_, err = db.FindRollupSeries(w.university, debt.ID, []int64{w.units["sso"].ID}, "1401", "1401", payesh.BasisApproved)
		wantCode(t, err, payesh.ENOTFOUND)
		_, err = db.Explain(w.university, debt.ID, w.units["sso"].ID, "1401", payesh.BasisApproved)
		wantCode(t, err, payesh.ENOTFOUND)
		_, err = db.FindScores(w.university, []int64{debt.ID}, w.units["sso"].ID, "1401", payesh.BasisApproved)
		wantCode(t, err, payesh.ENOTFOUND)
		if vals, err := db.FindValues(w.university, payesh.ValueFilter{IndicatorID: debt.ID}); err != nil || len(vals) != 0 {
			t.Errorf("the university reads %d values of the debt (%v)", len(vals), err)
		}

		// Linked to its project, an indicator is the university's to read,
		// with its approved values only.
		linked := &payesh.Indicator{Code: "research-done", NameFA: "طرح‌های پژوهشی انجام‌شده", Measure: "طرح", Direction: payesh.HigherIsBetter,
			UnitAgg: payesh.AggSum, TimeAgg: payesh.AggSum, Frequency: payesh.Yearly, WorkItemIDs: []int64{w.items["rii-74-projects"].ID}}
		if err := db.CreateIndicator(sys, linked); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindIndicatorByID(w.university, linked.ID); err != nil {
			t.Fatalf("the university reads the linked indicator: %v", err)
		}
		if inds, n, err := db.FindIndicators(w.university, payesh.IndicatorFilter{}); err != nil || n != 1 || inds[0].ID != linked.ID {
			t.Errorf("the university lists %d indicators (%v)", n, err)
		}
		if inds, n, err := db.FindIndicators(w.university, payesh.IndicatorFilter{Q: "طرح"}); err != nil || n != 1 || inds[0].ID != linked.ID {
			t.Errorf("the university finds %d indicators (%v)", n, err)
		}
		card, err := db.FindScorecard(w.university, 0, w.units["sso"].ID, "1401", payesh.BasisApproved)
		if err != nil || len(card) != 1 || card[0].Indicator.ID != linked.ID {
			t.Errorf("the university's scorecard: %d rows, %v", len(card), err)
		}

		// A draft of Fars is Fars's (and the organization's, and the
		// secretariat's) to read; Khorasan sees only approved values,
		// and the approved numbers are the same for everyone.
		sat := w.indicators["audience-satisfaction"]
		fars, khorasan, root := w.units["prov-fars"], w.units["prov-khorasan-razavi"], w.units["sso"]
		saved, err := db.SaveValues(sys, []payesh.IndicatorValue{
			{IndicatorID: sat.ID, UnitID: fars.ID, Period: "1403", Value: 61, Note: "پیش‌نویس فارس"},
			{IndicatorID: sat.ID, UnitID: khorasan.ID, Period: "1403", Value: 70, Note: "رقم خراسان"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ReviewValues(sys, []int64{saved[1].ID}, payesh.ValueApproved); err != nil {
			t.Fatal(err)
		}
		_, farsCtx := mustUser(t, db, fars, "fars-viewer", payesh.RoleViewer)
		for _, tc := range []struct {
			who  string
			ctx  context.Context
			want int
		}{{"Khorasan", w.province, 1}, {"Fars", farsCtx, 2}, {"the system", sys, 2}, {"the university", w.university, 0}} {
			vals, err := db.FindValues(tc.ctx, payesh.ValueFilter{IndicatorID: sat.ID})
			if err != nil || len(vals) != tc.want {
				t.Errorf("%s reads %d values, want %d (%v)", tc.who, len(vals), tc.want, err)
			}
			for _, v := range vals {
				if tc.want == 1 && v.UnitID == fars.ID {
					t.Errorf("%s reads Fars's draft", tc.who)
				}
			}
		}
		ex, err := db.Explain(w.province, sat.ID, root.ID, "1403", payesh.BasisApproved)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range ex.Excluded {
			if v.UnitID == fars.ID {
				t.Errorf("the province's explanation shows Fars's draft: %+v", v)
			}
		}
		if all, err := db.Explain(sys, sat.ID, root.ID, "1403", payesh.BasisApproved); err != nil || len(all.Excluded) != 1 ||
			ex.Computed == nil || all.Computed == nil || *ex.Computed != *all.Computed || *ex.Computed != 70 {
			t.Errorf("explanations: the system's %+v (%v), the province's %+v", all, err, ex)
		}
		mine, err := db.FindRollupSeries(w.province, sat.ID, []int64{root.ID}, "1403", "1403", payesh.BasisApproved)
		theirs, err2 := db.FindRollupSeries(sys, sat.ID, []int64{root.ID}, "1403", "1403", payesh.BasisApproved)
		if err != nil || err2 != nil || len(mine) != 1 || len(theirs) != 1 || mine[0] != theirs[0] || mine[0].Value != 70 {
			t.Errorf("approved roll-ups: the province's %+v, the system's %+v (%v %v)", mine, theirs, err, err2)
		}

		// The provisional basis: the province's own, not the nation's.
		for _, tc := range []struct {
			who  string
			ctx  context.Context
			unit *payesh.OrgUnit
			want payesh.Basis
		}{
			{"the province, nationally", w.province, root, payesh.BasisApproved},
			{"the province, another province", w.province, fars, payesh.BasisApproved},
			{"the province, itself", w.province, khorasan, payesh.BasisProvisional},
			{"the university", w.university, root, payesh.BasisApproved},
			{"the system", sys, root, payesh.BasisProvisional},
		} {
			ind := sat
			if tc.ctx == w.university {
				ind = linked
			}
			scores, err := db.FindScores(tc.ctx, []int64{ind.ID}, tc.unit.ID, "1403", payesh.BasisProvisional)
			if err != nil || len(scores) != 1 || scores[0].Basis != tc.want {
				t.Errorf("%s: scores %+v (%v), want basis %s", tc.who, scores, err, tc.want)
			}
			ex, err := db.Explain(tc.ctx, ind.ID, tc.unit.ID, "1403", payesh.BasisProvisional)
			if err != nil || ex.Basis != tc.want {
				t.Errorf("%s: explanation on %s (%v), want %s", tc.who, ex.Basis, err, tc.want)
			}
		}
		rollups, err := db.FindRollupSeries(w.province, sat.ID, []int64{khorasan.ID, root.ID}, "1403", "1403", payesh.BasisProvisional)
		if err != nil || len(rollups) == 0 {
			t.Fatalf("rollups %+v %v", rollups, err)
		}
		for _, r := range rollups {
			if r.Basis != payesh.BasisApproved {
				t.Errorf("a roll-up asked with the nation on the provisional basis: %+v", r)
			}
		}
	})
}

// TestReadScopeReports: a unit's report is its chain's and the
// secretariat's; for another province it does not exist.
func TestReadScopeReports(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newScopeWorld(t, db)
		round := &payesh.Round{Title: "گزارش بهار", Period: "1403Q1", Deadline: payesh.NewDate(2024, 7, 1),
			UnitIDs: []int64{w.units["prov-fars"].ID, w.units["prov-khorasan-razavi"].ID}}
		if err := db.CreateRound(sys, round); err != nil {
			t.Fatal(err)
		}
		reports, _, err := db.FindReports(sys, payesh.ReportFilter{RoundID: round.ID})
		if err != nil || len(reports) != 2 {
			t.Fatalf("reports %v %v", reports, err)
		}
		for _, r := range reports {
			_, err := db.FindReport(w.province, r.ID)
			if r.UnitID == w.units["prov-khorasan-razavi"].ID {
				wantCode(t, err, "")
			} else {
				wantCode(t, err, payesh.ENOTFOUND)
			}
			_, err = db.FindReport(w.university, r.ID)
			wantCode(t, err, payesh.ENOTFOUND)
		}
		if mine, n, err := db.FindReports(w.province, payesh.ReportFilter{}); err != nil || n != 1 || mine[0].UnitID != w.units["prov-khorasan-razavi"].ID {
			t.Errorf("the province lists %v (%v)", mine, err)
		}
	})
}
