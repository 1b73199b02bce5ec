package web_test

import (
	"net/http"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/store/storetest"
)

// unitByCode returns a demo unit.
func (s *paSite) unitByCode(code string) *payesh.OrgUnit {
	s.t.Helper()
	u, err := s.db.FindOrgUnitByCode(storetest.System(), code)
	if err != nil {
		s.t.Fatalf("unit %s: %v", code, err)
	}
	return u
}

func TestUnitsTree(t *testing.T) {
	s := newPASite(t)
	page := s.as("viewer", demo.Password).get("/units").must(t, "/units", http.StatusOK)
	sso, fars, ministry := s.unitByCode("sso"), s.unitByCode("prov-fars"), s.unitByCode("partner-mcls")
	page.has(t, "/units", `href="/units/`+paID(sso.ID)+`"`, `href="/units/`+paID(fars.ID)+`"`,
		`href="/units/`+paID(ministry.ID)+`"`, "(ادارهٔ کل استان)", "(شریک بیرونی)", "(معاونت)")

	// The organization contains its deputies, offices and provinces, in
	// that order; the partners come after it, in a list of their own.
	at := func(s string) int { return strings.Index(page.body, s) }
	org, partners := at(`id="org-h"`), at(`id="partners-h"`)
	legal, fars2, mcls := at(`/units/`+paID(s.unitByCode("deputy-legal").ID)+`"`), at(`/units/`+paID(fars.ID)+`"`), at(`/units/`+paID(ministry.ID)+`"`)
	if !(org < legal && legal < fars2 && fars2 < partners && partners < mcls) {
		t.Errorf("order: org %d, deputy %d, province %d, partners %d, ministry %d", org, legal, fars2, partners, mcls)
	}
	// Provinces nest under the organization's list item.
	ssoItem := page.body[at(`/units/`+paID(sso.ID)+`"`):partners]
	if !strings.Contains(ssoItem, "<ul>") || !strings.Contains(ssoItem, paID(fars.ID)) {
		t.Error("provinces are not nested under the organization")
	}
}

// TestUnitPageOverdue: a province's page shows its place, its children
// and the work its subtree owns or partners in, the overdue count first.
func TestUnitPageOverdue(t *testing.T) {
	s := newPASite(t)
	sys := storetest.System()
	prov := s.unitByCode("prov-khorasan-razavi")
	branch := &payesh.OrgUnit{ParentID: &prov.ID, Kind: payesh.UnitBranch, Code: "branch-mashhad-1", NameFA: "شعبهٔ یک مشهد"}
	if err := s.db.CreateOrgUnit(sys, branch); err != nil {
		t.Fatal(err)
	}
	late := payesh.NewDate(2024, 6, 1) // 1403/03/12, before the test day
	owned := &payesh.WorkItem{Kind: payesh.KindAction, Title: "کار معوق شعبه", OwnerUnitID: branch.ID, DueDate: late}
	partnered := &payesh.WorkItem{Kind: payesh.KindAction, Title: "کار معوق با همکاری استان", OwnerUnitID: s.unitByCode("secretariat").ID,
		PartnerUnitIDs: []int64{prov.ID}, DueDate: late}
	elsewhere := &payesh.WorkItem{Kind: payesh.KindAction, Title: "کار معوق استانی دیگر", OwnerUnitID: s.unitByCode("prov-fars").ID, DueDate: late}
	for _, w := range []*payesh.WorkItem{owned, partnered, elsewhere} {
		if err := s.db.CreateWorkItem(sys, w); err != nil {
			t.Fatal(err)
		}
	}

	u := s.as("viewer", demo.Password)
	page := u.get("/units/"+paID(prov.ID)).must(t, "province page", http.StatusOK)
	page.has(t, "province page", "ادارهٔ کل تأمین اجتماعی استان خراسان رضوی", "prov-khorasan-razavi",
		`href="/units/`+paID(s.unitByCode("sso").ID)+`"`,     // breadcrumb
		`href="/units/`+paID(branch.ID)+`"`, "شعبهٔ یک مشهد", // child
		"کار معوق شعبه", "کار معوق با همکاری استان", "تکمیل و راه‌اندازی بیمارستان امام رضا")
	page.lacks(t, "province page", "کار معوق استانی دیگر")
	card := page.body[strings.Index(page.body, `id="overdue-count"`):]
	card = card[:strings.Index(card, "</a>")]
	if !strings.Contains(card, "۲") || !strings.Contains(card, "کار معوق در این واحد") {
		t.Errorf("overdue card does not say 2:\n%s", card)
	}

	only := u.get("/units/"+paID(prov.ID)+"?overdue=1").must(t, "overdue only", http.StatusOK)
	only.has(t, "overdue only", "کار معوق شعبه", "کار معوق با همکاری استان", "کارهای معوق واحد")
	only.lacks(t, "overdue only", "تکمیل و راه‌اندازی بیمارستان امام رضا")

	// The branch's own page: its parent chain runs up to the organization.
	bp := u.get("/units/"+paID(branch.ID)).must(t, "branch page", http.StatusOK)
	bp.has(t, "branch page", `href="/units/`+paID(prov.ID)+`"`, `href="/units/`+paID(s.unitByCode("sso").ID)+`"`, "شعبه")
}
