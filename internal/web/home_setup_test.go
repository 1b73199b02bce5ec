package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"payesh"
	"payesh/internal/app"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// setupSteps are the ids of the checklist's items, in their order.
var setupSteps = []string{"setup-document", "setup-clauses", "setup-indicators", "setup-targets", "setup-users", "setup-round"}

// setupShows checks which items the desk of p shows, and that the
// checklist is there only when some are.
func setupShows(t *testing.T, what string, p paPage, want ...string) {
	t.Helper()
	shown := map[string]bool{}
	for _, id := range want {
		shown[id] = true
	}
	for _, id := range setupSteps {
		if shown[id] {
			p.has(t, what, `id="`+id+`"`)
		} else {
			p.lacks(t, what, `id="`+id+`"`)
		}
	}
	if len(want) == 0 {
		p.lacks(t, what, `id="setup-h"`)
	} else {
		p.has(t, what, `id="setup-h"`, "راه‌اندازی: آنچه هنوز مانده است")
	}
}

// TestDeskSetupEmpty: on a fresh database with one administrator, the
// desk lists everything to set up, each item linked to where it is done,
// and each leaves once done — down to no checklist at all. The
// secretariat sees only what it can do; a reporter sees no checklist.
func TestDeskSetupEmpty(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t, store.Options{Now: paClock})
	sys := storetest.System()
	org := &payesh.OrgUnit{Kind: payesh.UnitOrganization, Code: "org", NameFA: "سازمان آزمایشی"}
	if err := db.CreateOrgUnit(sys, org); err != nil {
		t.Fatal(err)
	}
	const pw = "setup-checklist-pw-1403"
	admin := &payesh.User{Username: "admin", Name: "مدیر", UnitID: org.ID, Role: payesh.RoleAdmin, Active: true}
	if err := db.CreateUser(sys, admin, pw); err != nil {
		t.Fatal(err)
	}
	h, err := app.Handler(db, app.Options{Now: paClock})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	s := &paSite{t: t, db: db, srv: srv}
	a := s.as("admin", pw)
	home := func() paPage { return a.get("/").must(t, "home", http.StatusOK) }

	p := home()
	// The organization has its administrator: no unit lacks a user yet.
	setupShows(t, "empty", p, "setup-document", "setup-indicators", "setup-round")
	p.has(t, "empty", `href="/admin/documents/new"`, `href="/indicators/new"`, `href="/rounds/new"`)

	// A policy whose clause has no text.
	doc := &payesh.Document{Code: "gssp", TitleFA: "سیاست‌های کلی تأمین اجتماعی", Kind: "policy"}
	if err := db.CreateDocument(sys, doc); err != nil {
		t.Fatal(err)
	}
	clause := &payesh.Clause{DocumentID: doc.ID, Number: "1", TitleFA: "بند نخست"}
	if err := db.CreateClause(sys, clause); err != nil {
		t.Fatal(err)
	}
	p = home()
	setupShows(t, "no text", p, "setup-clauses", "setup-indicators", "setup-round")
	p.has(t, "no text", fmt.Sprintf(`href="/admin/clauses/%d"`, clause.ID), "متن رسمی بندها را وارد کنید: ۱ بند هنوز متن ندارد")
	text := "متن رسمی بند نخست."
	if _, err := db.UpdateClause(sys, clause.ID, payesh.ClauseUpdate{Text: &text, Version: clause.Version}); err != nil {
		t.Fatal(err)
	}

	// A province with no one to report for it.
	prov := &payesh.OrgUnit{Kind: payesh.UnitProvince, Code: "prov-fars", ParentID: &org.ID, NameFA: "اداره کل تأمین اجتماعی استان فارس"}
	if err := db.CreateOrgUnit(sys, prov); err != nil {
		t.Fatal(err)
	}
	ind := &payesh.Indicator{Code: "cov", NameFA: "پوشش", Measure: "درصد", Direction: payesh.HigherIsBetter, UnitAgg: payesh.AggAvg,
		TimeAgg: payesh.AggLast, Frequency: payesh.Yearly, ReportingKinds: []payesh.UnitKind{payesh.UnitProvince}}
	if err := db.CreateIndicator(sys, ind); err != nil {
		t.Fatal(err)
	}
	p = home()
	setupShows(t, "no targets", p, "setup-targets", "setup-users", "setup-round")
	p.has(t, "no targets", fmt.Sprintf(`href="/admin/users/new?unit=%d"`, prov.ID), "۱ واحد هنوز کاربر فعالی برای گزارش ندارند، از جمله «فارس»")
	// The link opens the new-user form on that unit, as a reporter.
	a.get(fmt.Sprintf("/admin/users/new?unit=%d", prov.ID)).must(t, "new user", http.StatusOK).has(t, "new user",
		fmt.Sprintf(`<option value="%d" selected>`, prov.ID), `<option value="reporter" selected>`)

	// The secretariat sees what it can do; users and texts are an admin's.
	sec := &payesh.User{Username: "secretariat", Name: "دبیرخانه", UnitID: org.ID, Role: payesh.RoleSecretariat, Active: true}
	if err := db.CreateUser(sys, sec, pw); err != nil {
		t.Fatal(err)
	}
	setupShows(t, "secretariat", s.as("secretariat", pw).get("/").must(t, "secretariat", http.StatusOK), "setup-targets", "setup-round")

	if err := db.SetTargets(sys, ind.ID, []payesh.Target{{UnitID: org.ID, Period: "1403", Value: 80}}); err != nil {
		t.Fatal(err)
	}
	viewer := &payesh.User{Username: "fars-viewer", Name: "ناظر فارس", UnitID: prov.ID, Role: payesh.RoleViewer, Active: true}
	if err := db.CreateUser(sys, viewer, pw); err != nil {
		t.Fatal(err)
	}
	// A viewer cannot report: the province still lacks a user.
	setupShows(t, "viewer only", home(), "setup-users", "setup-round")
	reporter := &payesh.User{Username: "fars", Name: "گزارشگر فارس", UnitID: prov.ID, Role: payesh.RoleReporter, Active: true}
	if err := db.CreateUser(sys, reporter, pw); err != nil {
		t.Fatal(err)
	}
	setupShows(t, "users", home(), "setup-round")
	setupShows(t, "reporter", s.as("fars", pw).get("/").must(t, "reporter", http.StatusOK))

	round := &payesh.Round{Title: "گزارش سال ۱۴۰۳", Period: "1403", Deadline: payesh.NewDate(2025, 3, 1), UnitIDs: []int64{prov.ID}}
	if err := db.CreateRound(sys, round); err != nil {
		t.Fatal(err)
	}
	setupShows(t, "done", home())
}

// TestDeskSetupDemo: the demo has its indicators but no clause texts (the
// secretariat loads the official text), no targets (the sources give
// none), units without users and no open round: the admin's desk says so.
func TestDeskSetupDemo(t *testing.T) {
	t.Parallel()
	s, _ := dashDemoSite(t, false)
	p := s.as("admin", "payesh-demo-1401").get("/").must(t, "demo", http.StatusOK)
	setupShows(t, "demo", p, "setup-clauses", "setup-targets", "setup-users", "setup-round")
	p.has(t, "demo", "۹ بند هنوز متن ندارد")
}
