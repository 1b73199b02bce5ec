package web_test

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/app"
	"payesh/internal/demo"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// The read-scope pages (payesh.ReadScope) run over the demo with its
// indicators, as its province reporter (Khorasan Razavi) and its
// universities' reporter, a partner. Helpers carry a "scope" prefix.

// newScopeSite is newPASite with the demo's indicators loaded too.
func newScopeSite(t *testing.T) *paSite {
	t.Helper()
	db := storetest.Open(t, store.Options{Now: paClock})
	sum, err := demo.Load(storetest.System(), demo.Services{Units: db, Documents: db, Work: db, Users: db, Indicators: db})
	if err != nil {
		t.Fatalf("load demo: %v", err)
	}
	h, err := app.Handler(db, app.Options{Now: paClock})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	doc, err := db.FindDocumentByID(storetest.System(), sum.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	return &paSite{t: t, db: db, srv: srv, doc: doc}
}

// scopeItem is the demo item with code.
func scopeItem(s *paSite, code string) *payesh.WorkItem {
	s.t.Helper()
	items, _, err := s.db.FindWorkItems(storetest.System(), payesh.WorkItemFilter{Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil {
		s.t.Fatal(err)
	}
	for _, w := range items {
		if w.Code == code {
			return w
		}
	}
	s.t.Fatalf("no work item %q", code)
	return nil
}

// scopeIndicator is the demo indicator with code.
func scopeIndicator(s *paSite, code string) *payesh.Indicator {
	s.t.Helper()
	inds, _, err := s.db.FindIndicators(storetest.System(), payesh.IndicatorFilter{Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil {
		s.t.Fatal(err)
	}
	for _, i := range inds {
		if i.Code == code {
			return i
		}
	}
	s.t.Fatalf("no indicator %q", code)
	return nil
}

func scopeGet(t *testing.T, u *paUser, path string) paPage {
	t.Helper()
	p := u.get(path)
	p.body = html.UnescapeString(p.body)
	return p
}

// TestScopePartnerPages: the universities' pages hold the research project
// they share and nothing else; they report progress on it, which its
// history shows as theirs, and never edit it.
func TestScopePartnerPages(t *testing.T) {
	s := newScopeSite(t)
	uni := s.as("university", demo.Password)
	hospital, research, parent := scopeItem(s, "khr-imam-reza-hospital"), scopeItem(s, "rii-74-projects"), scopeItem(s, "rii-research")
	debt := scopeIndicator(s, "government-debt")
	for _, path := range []string{
		fmt.Sprintf("/indicators/%d", debt.ID),
		fmt.Sprintf("/indicators/%d/explain?period=1401", debt.ID),
		fmt.Sprintf("/dashboard/provinces?indicator=%d", debt.ID),
		fmt.Sprintf("/work/%d", hospital.ID),
		fmt.Sprintf("/work/%d/explain", hospital.ID),
		fmt.Sprintf("/history/work_item/%d", hospital.ID),
		fmt.Sprintf("/history/indicator/%d", debt.ID),
	} {
		p := scopeGet(t, uni, path).must(t, path, http.StatusNotFound)
		p.lacks(t, path, hospital.Title, debt.NameFA)
	}
	for _, path := range []string{"/", "/work", "/indicators", "/dashboard", "/dashboard/provinces", "/values", "/policy", "/inbox",
		fmt.Sprintf("/units/%d", s.unitByCode("prov-khorasan-razavi").ID), fmt.Sprintf("/units/%d/dashboard", s.unitByCode("sso").ID)} {
		p := scopeGet(t, uni, path).must(t, path, http.StatusOK)
		p.lacks(t, path, hospital.Title, debt.NameFA, `id="f-basis"`)
	}
	scopeGet(t, uni, "/work").has(t, "/work", research.Title)

	detail := fmt.Sprintf("/work/%d", research.ID)
	p := scopeGet(t, uni, detail).must(t, detail, http.StatusOK)
	p.has(t, detail, research.Title, fmt.Sprintf(`action="/work/%d/progress"`, research.ID))
	p.lacks(t, detail, fmt.Sprintf(`href="/work/%d/edit"`, research.ID), parent.Title)
	uni.get(detail+"/edit").must(t, "edit", http.StatusForbidden)

	res := uni.post(detail+"/progress", url.Values{"version": {p.version(t)}, "note": {"۱۲ طرح از ۷۴ طرح به پایان رسید."}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("progress as the university: %d\n%s", res.status, paExcerpt(res.body))
	}
	from := "به‌روزرسانی از سوی دانشگاه‌های سراسر کشور"
	sec := s.as("secretariat", demo.Password)
	p = scopeGet(t, sec, detail).must(t, "as the secretariat", http.StatusOK)
	p.has(t, detail, "۱۲ طرح از ۷۴ طرح به پایان رسید.", from)
	// An update by the owner's own people names no unit.
	if n := strings.Count(p.body, "به‌روزرسانی از سوی"); n != 1 {
		t.Errorf("%d updates name their unit, want the university's alone", n)
	}
	// As the secretariat, the parent is on the page.
	p.has(t, detail, parent.Title)
}

// TestScopeProvincePages: Khorasan's pages hold its work and national
// work, not Fars's; Fars's draft is in no page of Khorasan's, and the
// nation's provisional numbers are shown on the approved basis, saying so.
func TestScopeProvincePages(t *testing.T) {
	s := newScopeSite(t)
	sys := storetest.System()
	fars, khorasan, root := s.unitByCode("prov-fars"), s.unitByCode("prov-khorasan-razavi"), s.unitByCode("sso")
	farsItem := &payesh.WorkItem{Kind: payesh.KindAction, Title: "اقدام ویژهٔ استان فارس", OwnerUnitID: fars.ID}
	if err := s.db.CreateWorkItem(sys, farsItem); err != nil {
		t.Fatal(err)
	}
	prov := s.as("province", demo.Password)
	scopeGet(t, prov, fmt.Sprintf("/work/%d", farsItem.ID)).must(t, "Fars's item", http.StatusNotFound)
	scopeGet(t, prov, fmt.Sprintf("/history/work_item/%d", farsItem.ID)).must(t, "Fars's item's history", http.StatusNotFound)
	scopeGet(t, prov, fmt.Sprintf("/work/%d", scopeItem(s, "sso-op").ID)).must(t, "a national item", http.StatusOK)
	hospital := scopeItem(s, "khr-imam-reza-hospital")
	scopeGet(t, prov, fmt.Sprintf("/work/%d", hospital.ID)).must(t, "its hospital", http.StatusOK).
		has(t, "its hospital", `action="/work/`+paID(hospital.ID)+`/progress"`)
	for _, path := range []string{"/work", "/work?q=" + url.QueryEscape("فارس"), fmt.Sprintf("/units/%d", fars.ID), fmt.Sprintf("/units/%d/dashboard?period=1403", fars.ID)} {
		scopeGet(t, prov, path).must(t, path, http.StatusOK).lacks(t, path, farsItem.Title)
	}
	scopeGet(t, s.as("secretariat", demo.Password), fmt.Sprintf("/units/%d", fars.ID)).has(t, "Fars as the secretariat", farsItem.Title)

	// A national program with an action of each province: Khorasan reads
	// the program and its own action; Fars's counts in the progress, unnamed.
	prog := &payesh.WorkItem{Kind: payesh.KindProgram, Title: "برنامهٔ ملی استان‌ها", OwnerUnitID: root.ID}
	if err := s.db.CreateWorkItem(sys, prog); err != nil {
		t.Fatal(err)
	}
	for _, a := range []*payesh.WorkItem{
		{Kind: payesh.KindAction, Title: "سهم استان خراسان رضوی", OwnerUnitID: khorasan.ID, ParentID: &prog.ID},
		{Kind: payesh.KindAction, Title: "سهم استان فارس", OwnerUnitID: fars.ID, ParentID: &prog.ID},
	} {
		if err := s.db.CreateWorkItem(sys, a); err != nil {
			t.Fatal(err)
		}
	}
	hidden := fmt.Sprintf(fa("ui.scope.children_hidden"), 1)
	hidden = strings.ReplaceAll(hidden, "1", "۱")
	for _, path := range []string{fmt.Sprintf("/work/%d", prog.ID), fmt.Sprintf("/work/%d/explain", prog.ID)} {
		p := scopeGet(t, prov, path).must(t, path, http.StatusOK)
		p.has(t, path, "سهم استان خراسان رضوی", hidden)
		p.lacks(t, path, "سهم استان فارس")
		scopeGet(t, s.as("secretariat", demo.Password), path).must(t, path, http.StatusOK).lacks(t, path+" as the secretariat", hidden)
	}

	// Fars's draft.
	sat := scopeIndicator(s, "audience-satisfaction")
	const draft = "پیش‌نویس ادارهٔ کل فارس"
	saved, err := s.db.SaveValues(sys, []payesh.IndicatorValue{
		{IndicatorID: sat.ID, UnitID: fars.ID, Period: "1403", Value: 61, Note: draft},
		{IndicatorID: sat.ID, UnitID: khorasan.ID, Period: "1403", Value: 70}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ReviewValues(sys, []int64{saved[1].ID}, payesh.ValueApproved); err != nil {
		t.Fatal(err)
	}
	explain := fmt.Sprintf("/indicators/%d/explain?unit=%d&period=1403", sat.ID, root.ID)
	scopeGet(t, s.as("secretariat", demo.Password), explain).must(t, "explain as the secretariat", http.StatusOK).has(t, explain, draft)
	for _, path := range []string{
		explain,
		fmt.Sprintf("/indicators/%d?period=1403", sat.ID),
		fmt.Sprintf("/dashboard/provinces?indicator=%d&period=1403", sat.ID),
		fmt.Sprintf("/values?unit=%d&period=1403", fars.ID),
		fmt.Sprintf("/values?period=1403&indicator=%d", sat.ID),
	} {
		scopeGet(t, prov, path).must(t, path, http.StatusOK).lacks(t, path, draft, "۶۱")
	}

	// The provisional basis: the province's own, not the nation's.
	refused := fa("ui.scope.provisional_refused")
	p := scopeGet(t, prov, fmt.Sprintf("/dashboard?unit=%d&period=1403&basis=provisional", root.ID)).must(t, "national, provisional", http.StatusOK)
	p.has(t, "national, provisional", refused)
	p.lacks(t, "national, provisional", `id="f-basis"`, fa("ui.trust.provisional_notice"))
	p = scopeGet(t, prov, fmt.Sprintf("/dashboard/provinces?indicator=%d&period=1403&basis=provisional", sat.ID)).must(t, "ranking", http.StatusOK)
	p.has(t, "ranking, provisional", refused)
	for _, path := range []string{"/dashboard?period=1403&basis=provisional", // its dashboard opens on its province
		fmt.Sprintf("/units/%d/dashboard?period=1403&basis=provisional", khorasan.ID)} {
		p = scopeGet(t, prov, path).must(t, path, http.StatusOK)
		p.has(t, path, `id="f-basis"`, fa("ui.trust.provisional_notice"))
		p.lacks(t, path, refused)
	}
	p = scopeGet(t, s.as("viewer", demo.Password), "/dashboard?period=1403&basis=provisional").must(t, "the organization, provisional", http.StatusOK)
	p.has(t, "the organization, provisional", fa("ui.trust.provisional_notice"))
}
