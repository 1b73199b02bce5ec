package demo_test

import (
	"context"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

func services(db *store.DB) demo.Services {
	return demo.Services{Units: db, Documents: db, Work: db, Users: db, Indicators: db, Meetings: db}
}

// TestLoad loads the demo on each engine and checks what a visitor relies
// on: the document and its nine clauses, the provinces, the work and its
// links, and the logins.
func TestLoad(t *testing.T) {
	storetest.Engines(t, store.Options{}, func(t *testing.T, db *store.DB) {
		t.Logf("store engine: %s", db.Engine())
		ctx := storetest.System()
		sum, err := demo.Load(ctx, services(db))
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		if sum.Skipped || sum.WorkItems == 0 || len(sum.Logins) != len(demo.Logins()) {
			t.Fatalf("first Load summary = %+v", sum)
		}
		again, err := demo.Load(ctx, services(db))
		if err != nil || !again.Skipped || again.DocumentID != sum.DocumentID {
			t.Fatalf("second Load = %+v, %v; want skipped", again, err)
		}
		clause8 := checkClauses(t, ctx, db, sum.DocumentID)
		checkProvinces(t, ctx, db)
		items := workByCode(t, ctx, db, sum.WorkItems)
		checkWork(t, ctx, db, items, clause8)
		checkIndicators(t, ctx, db)
		if c := items["women-c8-courses"]; c.Status != payesh.StatusDone || c.DoneDate.JalaliString() != "1402/01/21" {
			t.Errorf("clause 8 courses: %s, done %s; want done on the report's date", c.Status, c.DoneDate.JalaliString())
		}
		checkLogins(t, ctx, db, sum)
		checkStatusFacts(t, ctx, db, items)
	})
}

// checkStatusFacts: an item keeps a status only where a source states one
// (issue 9, scope 5), a parent shows what its children say, and the facts
// the sources give read as they give them (scope 8).
func checkStatusFacts(t *testing.T, ctx context.Context, db *store.DB, items map[string]*payesh.WorkItem) {
	t.Helper()
	for code, want := range map[string]payesh.Status{
		"sso-op": payesh.StatusNotReported, "sso-op-finalize": payesh.StatusNotReported, "mcls-regulations": payesh.StatusNotReported,
		"khr-imam-reza-hospital": payesh.StatusNotReported, "legal-7th-plan": payesh.StatusNotReported,
		"sso-op-support-docs": payesh.StatusInProgress, "women-c8-content": payesh.StatusDone, "women-c8-sessions": payesh.StatusDone,
	} {
		if got := items[code].Status; got != want {
			t.Errorf("%s: status %s, want %s", code, got, want)
		}
	}
	if p := items["sso-op"]; p.ShownStatus() != payesh.StatusInProgress || p.StatusMismatch {
		t.Errorf("sso-op shows %s (mismatch %v); want in progress from its actions", p.ShownStatus(), p.StatusMismatch)
	}
	res := items["council-res-secretariat"]
	owner, err := db.FindOrgUnitByID(ctx, res.OwnerUnitID)
	if err != nil || owner.NameFA != "شورای معاونین سازمان" || !strings.Contains(res.Description, "شورای معاونین") {
		t.Errorf("founding resolution owned by %+v, %v; want the council of deputies", owner, err)
	}
	for code, want := range map[string]bool{"women-c8-content": true, "women-c8-sessions": false} {
		ups, err := db.FindProgressUpdates(ctx, items[code].ID)
		if err != nil || strings.Contains(ups[0].Note+items[code].Description, "مستمر") != want {
			t.Errorf("%s: «به صورت مستمر» said %v, want %v", code, !want, want)
		}
	}
}

// TestLoadWithoutActor checks that Load acts as the system when the
// context carries no user, as the command line calls it.
func TestLoadWithoutActor(t *testing.T) {
	db := storetest.Open(t, store.Options{})
	if _, err := demo.Load(context.Background(), services(db)); err != nil {
		t.Fatalf("Load without a user: %v", err)
	}
	ok, err := demo.Loaded(context.Background(), db)
	if err != nil || !ok {
		t.Fatalf("Loaded = %v, %v; want true", ok, err)
	}
}

func checkClauses(t *testing.T, ctx context.Context, db *store.DB, docID int64) (clause8 int64) {
	t.Helper()
	doc, err := db.FindDocumentByID(ctx, docID)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Code != demo.DocumentCode || doc.IssuedOn.String() != "2022-04-10" || doc.Kind != payesh.DocPolicy {
		t.Errorf("document = %+v; want gssp, policy, issued 2022-04-10", doc)
	}
	cs, err := db.FindClauses(ctx, docID)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 9 {
		t.Fatalf("%d clauses; want 9", len(cs))
	}
	for i, c := range cs {
		if c.Ordinal != i+1 || c.Number != string(rune('1'+i)) {
			t.Errorf("clause %d = number %q ordinal %d", i+1, c.Number, c.Ordinal)
		}
		if c.Text != "" {
			t.Errorf("clause %s has text; the official text is the secretariat's to load", c.Number)
		}
	}
	if cs[7].TitleFA != "تحکیم خانواده و فرزندآوری" || cs[1].TitleFA != "بند ۲" {
		t.Errorf("clause titles: 8 = %q, 2 = %q", cs[7].TitleFA, cs[1].TitleFA)
	}
	return cs[7].ID
}

func checkProvinces(t *testing.T, ctx context.Context, db *store.DB) {
	t.Helper()
	_, n, err := db.FindOrgUnits(ctx, payesh.OrgUnitFilter{Kind: payesh.UnitProvince})
	if err != nil {
		t.Fatal(err)
	}
	if n < 31 {
		t.Errorf("%d province units; want 31 or more", n)
	}
	for _, code := range []string{"prov-khorasan-razavi", "prov-tehran-east", "prov-tehran-west", "prov-tehran-towns"} {
		if _, err := db.FindOrgUnitByCode(ctx, code); err != nil {
			t.Errorf("unit %s: %v", code, err)
		}
	}
}

func workByCode(t *testing.T, ctx context.Context, db *store.DB, want int) map[string]*payesh.WorkItem {
	t.Helper()
	list, total, err := db.FindWorkItems(ctx, payesh.WorkItemFilter{Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	if total != want || len(list) != want {
		t.Fatalf("found %d (total %d) work items; Load made %d", len(list), total, want)
	}
	m := map[string]*payesh.WorkItem{}
	for _, w := range list {
		m[w.Code] = w
	}
	return m
}

func checkWork(t *testing.T, ctx context.Context, db *store.DB, items map[string]*payesh.WorkItem, clause8 int64) {
	t.Helper()
	if w := items["rii-74-projects"]; w == nil || w.Kind != payesh.KindResearch || !strings.Contains(w.Title, "۷۴") {
		t.Errorf("the 74 research projects item = %+v", w)
	}
	women, err := db.FindOrgUnitByCode(ctx, "office-women-family")
	if err != nil {
		t.Fatal(err)
	}
	for code, w := range items {
		for _, id := range append([]int64{w.OwnerUnitID}, w.PartnerUnitIDs...) {
			if _, err := db.FindOrgUnitByID(ctx, id); err != nil {
				t.Errorf("%s: unit %d: %v", code, id, err)
			}
		}
		linked := len(w.ClauseIDs) == 1 && w.ClauseIDs[0] == clause8
		if (w.OwnerUnitID == women.ID) != linked {
			t.Errorf("%s: clauses %v; only the clause 8 work is linked, to clause 8", code, w.ClauseIDs)
		}
	}
	_, n, err := db.FindWorkItems(ctx, payesh.WorkItemFilter{ClauseID: clause8})
	if err != nil || n != 7 {
		t.Errorf("clause 8 work: %d, %v; want 7", n, err)
	}
	checkReportedCounts(t, ctx, db, items)
}

// checkReportedCounts: the clause 8 outputs are done, with the counts the
// one-year report gives in their update notes.
func checkReportedCounts(t *testing.T, ctx context.Context, db *store.DB, items map[string]*payesh.WorkItem) {
	t.Helper()
	for code, count := range map[string]string{
		"women-c8-content": "۲۵۸", "women-c8-courses": "۸ دوره",
		"women-c8-research-group": "۳۰۰ نفرساعت", "women-c8-infertility": "۵۰ ساعت",
	} {
		w := items[code]
		if w == nil || w.Status != payesh.StatusDone {
			t.Errorf("%s = %+v; want done", code, w)
			continue
		}
		ups, err := db.FindProgressUpdates(ctx, w.ID)
		if err != nil || len(ups) != 1 || !strings.Contains(ups[0].Note, count) || ups[0].Progress != nil {
			t.Errorf("%s updates = %+v, %v; want one note with %q and no percentage", code, ups, err, count)
		}
	}
	ups, err := db.FindProgressUpdates(ctx, items["women-clause8"].ID)
	if err != nil || len(ups) != 1 || !strings.Contains(ups[0].Note, "ردیف تشکیلاتی") {
		t.Errorf("clause 8 program updates = %+v, %v; want the obstacle note", ups, err)
	}
}

func checkLogins(t *testing.T, ctx context.Context, db *store.DB, sum demo.Summary) {
	t.Helper()
	roles := map[payesh.Role]bool{}
	for _, l := range sum.Logins {
		u, err := db.Authenticate(ctx, l.Username, demo.Password)
		if err != nil {
			t.Errorf("log in as %s: %v", l.Username, err)
			continue
		}
		if u.Role != l.Role {
			t.Errorf("%s has role %s; want %s", l.Username, u.Role, l.Role)
		}
		roles[u.Role] = true
	}
	if len(roles) != len(payesh.Roles) {
		t.Errorf("demo roles %v; want one login per role", roles)
	}
	for _, l := range demo.Logins() {
		if err := payesh.ValidatePassword(l.Password, l.Username); err != nil {
			t.Errorf("%s's demo password breaks the password policy: %v", l.Username, err)
		}
	}
}

// checkIndicators: the figures the sources give are in, and only those.
func checkIndicators(t *testing.T, ctx context.Context, db *store.DB) {
	t.Helper()
	inds, n, err := db.FindIndicators(ctx, payesh.IndicatorFilter{})
	if err != nil || n != 13 {
		t.Fatalf("indicators: %d, %v", n, err)
	}
	byCode := map[string]*payesh.Indicator{}
	for _, i := range inds {
		byCode[i.Code] = i
	}
	root, err := db.FindOrgUnitByCode(ctx, "sso")
	if err != nil {
		t.Fatal(err)
	}
	scores, err := db.FindScores(ctx, []int64{byCode["c8-courses"].ID, byCode["coverage-treatment"].ID}, root.ID, "1401", payesh.BasisApproved)
	if err != nil {
		t.Fatal(err)
	}
	if scores[0].Value == nil || *scores[0].Value != 8 || scores[1].Value != nil {
		t.Fatalf("courses %v, treatment coverage %v; want 8 and no data", scores[0].Value, scores[1].Value)
	}
	if scores[0].Status != payesh.NoTarget {
		t.Errorf("with no target the status is no target, got %s", scores[0].Status)
	}
	// The 73 % is the nation's official figure, approved: it stands for
	// the organization beside its provinces' (none yet).
	cov, err := db.FindScores(ctx, []int64{byCode["coverage-insurance"].ID}, root.ID, "1401", payesh.BasisApproved)
	if err != nil || cov[0].Own == nil || *cov[0].Own != 73 || cov[0].Units != nil || !byCode["coverage-insurance"].IsRatio() {
		t.Fatalf("coverage: %+v %v", cov, err)
	}
}
