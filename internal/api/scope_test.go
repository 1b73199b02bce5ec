package api

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// The read-scope tests run the API over the demo (payesh.ReadScope), as
// its province reporter (Khorasan Razavi) and its universities' reporter,
// a partner.

// scopeEnv is the API over the demo, with tokens for demo users and the
// demo's work, units and indicators by code.
type scopeEnv struct {
	*env
	items      map[string]*payesh.WorkItem
	units      map[string]*payesh.OrgUnit
	indicators map[string]*payesh.Indicator
}

func newScopeEnv(t *testing.T) *scopeEnv {
	t.Helper()
	c := &clock{t: testNow}
	db := storetest.Open(t, store.Options{Now: c.Now, PasswordParams: storetest.Fast})
	e := &env{t: t, db: db, clock: c, unit: map[string]*payesh.OrgUnit{},
		user: map[string]*payesh.User{}, token: map[string]string{}}
	e.srv = httptest.NewServer(New(Services{
		Services: db.Services(), Ping: db.Ping, Now: c.Now, Logger: slog.New(slog.NewTextHandler(testWriter{t}, nil)),
	}))
	t.Cleanup(e.srv.Close)
	if _, err := demo.Load(sysCtx, demo.Services{Units: db, Documents: db, Work: db, Users: db, Indicators: db}); err != nil {
		t.Fatal(err)
	}
	s := &scopeEnv{env: e, items: map[string]*payesh.WorkItem{}, units: map[string]*payesh.OrgUnit{}, indicators: map[string]*payesh.Indicator{}}
	for _, name := range []string{"province", "university", "secretariat"} {
		u, err := db.FindUserByUsername(sysCtx, name)
		if err != nil {
			t.Fatal(err)
		}
		secret, _, err := db.CreateToken(sysCtx, u.ID, "test", 0)
		if err != nil {
			t.Fatal(err)
		}
		e.user[name], e.token[name] = u, secret
	}
	all := payesh.Page{Limit: payesh.MaxLimit}
	items, _, err := db.FindWorkItems(sysCtx, payesh.WorkItemFilter{Page: all})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		s.items[it.Code] = it
	}
	units, _, err := db.FindOrgUnits(sysCtx, payesh.OrgUnitFilter{Page: all})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		s.units[u.Code] = u
	}
	inds, _, err := db.FindIndicators(sysCtx, payesh.IndicatorFilter{Page: all})
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range inds {
		s.indicators[i.Code] = i
	}
	return s
}

// TestScopePartner: the universities read the research project they
// partner in, report progress on it (recorded as theirs), and find
// nothing else — not the indicator of the government's debt, not
// Khorasan's hospital — while the plan stays the owner's.
func TestScopePartner(t *testing.T) {
	e := newScopeEnv(t)
	hospital, research := e.items["khr-imam-reza-hospital"], e.items["rii-74-projects"]
	debt := e.indicators["government-debt"]
	for _, path := range []string{
		apiPath("/indicators/%d", debt.ID),
		apiPath("/indicators/%d/targets", debt.ID),
		apiPath("/indicators/%d/rollups?units=%d&from=1401&to=1401", debt.ID, e.units["sso"].ID),
		apiPath("/indicators/%d/explain?unit=%d&period=1401", debt.ID, e.units["sso"].ID),
		apiPath("/scores?indicators=%d&unit=%d&period=1401", debt.ID, e.units["sso"].ID),
		apiPath("/work-items/%d", hospital.ID),
		apiPath("/work-items/%d/updates", hospital.ID),
		apiPath("/work-items/%d/changes", hospital.ID),
	} {
		r := e.do("GET", path, "university", nil)
		if r.status != http.StatusNotFound || r.apiError().Error.Code != payesh.ENOTFOUND {
			t.Errorf("GET %s as the university: %d %s, want 404", path, r.status, r.body)
		}
	}
	var inds listJSON
	e.ok(e.do("GET", apiPath("/indicators"), "university", nil), http.StatusOK, &inds)
	if inds.Total != 0 {
		t.Errorf("the university lists %d indicators", inds.Total)
	}
	var vals struct{ Items []payesh.IndicatorValue }
	e.ok(e.do("GET", apiPath("/indicators/values?indicator=%d", debt.ID), "university", nil), http.StatusOK, &vals)
	if len(vals.Items) != 0 {
		t.Errorf("the university reads the debt's values: %+v", vals.Items)
	}
	var list struct {
		Items []workItemJSON `json:"items"`
		Total int            `json:"total"`
	}
	e.ok(e.do("GET", apiPath("/work-items?sort=due_date"), "university", nil), http.StatusOK, &list)
	if list.Total != 1 || list.Items[0].ID != research.ID {
		t.Errorf("the university lists %+v", list)
	}

	// Progress on the shared project: 201, as the university's.
	before := e.fingerprint()
	var got progressJSON
	e.ok(e.do("POST", apiPath("/work-items/%d/updates", research.ID), "university",
		map[string]any{"note": "۱۲ طرح از ۷۴ طرح به پایان رسید.", "version": research.Version}), http.StatusCreated, &got)
	uni := e.units["partner-universities"].ID
	if got.Update.AuthorUnitID == nil || *got.Update.AuthorUnitID != uni || got.Update.AuthorID == nil || *got.Update.AuthorID != e.user["university"].ID {
		t.Errorf("update %+v", got.Update)
	}
	var history struct{ Items []payesh.ProgressUpdate }
	e.ok(e.do("GET", apiPath("/work-items/%d/updates", research.ID), "secretariat", nil), http.StatusOK, &history)
	if len(history.Items) == 0 || history.Items[0].AuthorUnitID == nil || *history.Items[0].AuthorUnitID != uni {
		t.Errorf("history %+v", history.Items)
	}
	if e.fingerprint() == before {
		t.Error("the update changed nothing")
	}
	// The plan is not the partner's to change.
	r := e.do("PATCH", apiPath("/work-items/%d", research.ID), "university", map[string]any{"title": "عنوان دیگر", "version": got.WorkItem.Version})
	if r.status != http.StatusForbidden {
		t.Errorf("PATCH as the university: %d %s, want 403", r.status, r.body)
	}
	// Another's item is not found, for a write too.
	r = e.do("POST", apiPath("/work-items/%d/updates", hospital.ID), "university", map[string]any{"note": "x", "version": hospital.Version})
	if r.status != http.StatusNotFound {
		t.Errorf("POST progress on the hospital as the university: %d %s, want 404", r.status, r.body)
	}
}

// TestScopeProvince: Khorasan reads its hospital and national work, not
// another province's; another province's draft is not in its values,
// the approved numbers are everyone's, and the nation's provisional
// numbers are answered on the approved basis.
func TestScopeProvince(t *testing.T) {
	e := newScopeEnv(t)
	fars := &payesh.WorkItem{Kind: payesh.KindAction, Title: "اقدام استان فارس", OwnerUnitID: e.units["prov-fars"].ID}
	if err := e.db.CreateWorkItem(sysCtx, fars); err != nil {
		t.Fatal(err)
	}
	r := e.do("GET", apiPath("/work-items/%d", fars.ID), "province", nil)
	if r.status != http.StatusNotFound || r.apiError().Error.Message != "کار موردنظر یافت نشد." {
		t.Errorf("another province's item: %d %s, want 404", r.status, r.body)
	}
	for _, code := range []string{"sso-op", "khr-imam-reza-hospital", "women-c8-courses"} {
		e.ok(e.do("GET", apiPath("/work-items/%d", e.items[code].ID), "province", nil), http.StatusOK, nil)
	}
	var list struct {
		Items []workItemJSON `json:"items"`
		Total int            `json:"total"`
	}
	e.ok(e.do("GET", apiPath("/work-items?unit=%d&include_partner=true", e.units["prov-fars"].ID), "province", nil), http.StatusOK, &list)
	if list.Total != 0 {
		t.Errorf("the province lists Fars's work: %+v", list)
	}
	e.ok(e.do("GET", apiPath("/work-items?limit=200"), "province", nil), http.StatusOK, &list)
	var codes []string
	for _, it := range list.Items {
		codes = append(codes, it.Code)
	}
	if !slices.Contains(codes, "khr-imam-reza-hospital") || !slices.Contains(codes, "sso-op") || slices.Contains(codes, "mcls-comprehensive") || slices.Contains(codes, "") {
		t.Errorf("the province lists %v", codes)
	}

	// Fars's draft: Fars's and the secretariat's, not Khorasan's.
	sat := e.indicators["audience-satisfaction"]
	root, farsUnit, khorasan := e.units["sso"], e.units["prov-fars"], e.units["prov-khorasan-razavi"]
	saved, err := e.db.SaveValues(sysCtx, []payesh.IndicatorValue{
		{IndicatorID: sat.ID, UnitID: farsUnit.ID, Period: "1403", Value: 61, Note: "پیش‌نویس فارس"},
		{IndicatorID: sat.ID, UnitID: khorasan.ID, Period: "1403", Value: 70}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.ReviewValues(sysCtx, []int64{saved[1].ID}, payesh.ValueApproved); err != nil {
		t.Fatal(err)
	}
	for who, want := range map[string]int{"province": 1, "secretariat": 2} {
		var vals struct{ Items []payesh.IndicatorValue }
		e.ok(e.do("GET", apiPath("/indicators/values?indicator=%d", sat.ID), who, nil), http.StatusOK, &vals)
		if len(vals.Items) != want {
			t.Errorf("%s reads %d values, want %d: %+v", who, len(vals.Items), want, vals.Items)
		}
	}
	var rollups struct{ Items []payesh.Rollup }
	rollupsOf := func(who string, unit *payesh.OrgUnit, basis string) []payesh.Rollup {
		t.Helper()
		e.ok(e.do("GET", apiPath("/indicators/%d/rollups?units=%d&from=1403&to=1403&basis=%s", sat.ID, unit.ID, basis), who, nil), http.StatusOK, &rollups)
		return rollups.Items
	}
	mine, theirs := rollupsOf("province", root, "approved"), rollupsOf("secretariat", root, "approved")
	if len(mine) != 1 || len(theirs) != 1 || mine[0] != theirs[0] || mine[0].Value != 70 {
		t.Errorf("approved roll-ups differ: %+v, %+v", mine, theirs)
	}
	if got := rollupsOf("province", root, "provisional"); len(got) != 1 || got[0].Basis != payesh.BasisApproved {
		t.Errorf("the nation on the provisional basis, as the province: %+v", got)
	}
	if got := rollupsOf("province", khorasan, "provisional"); len(got) != 1 || got[0].Basis != payesh.BasisProvisional {
		t.Errorf("itself on the provisional basis, as the province: %+v", got)
	}
	var ex payesh.Explanation
	e.ok(e.do("GET", apiPath("/indicators/%d/explain?unit=%d&period=1403", sat.ID, root.ID), "province", nil), http.StatusOK, &ex)
	for _, v := range ex.Excluded {
		if v.UnitID == farsUnit.ID {
			t.Errorf("the province's explanation shows Fars's draft")
		}
	}
}
