package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/store/storetest"
	"payesh/internal/web"
)

// getHX requests a page as htmx does.
func (u *paUser) getHX(path, target string) paPage {
	u.t.Helper()
	req, err := http.NewRequest("GET", u.base+path, nil)
	if err != nil {
		u.t.Fatal(err)
	}
	req.Header.Set("HX-Request", "true")
	req.Header.Set("HX-Target", target)
	resp, err := u.client.Do(req)
	if err != nil {
		u.t.Fatal(err)
	}
	return readPAPage(u.t, resp)
}

// TestUnitSearch: the picker's search finds units whatever the spelling
// of ی, ک and the half-space, answers htmx with a datalist and a browser
// without script with a page of ids.
func TestUnitSearch(t *testing.T) {
	s := newPASite(t)
	u := s.as("viewer", demo.Password)
	razavi, fars := s.unitByCode("prov-khorasan-razavi"), s.unitByCode("prov-fars")
	for _, q := range []string{"خراسان رضوی", "خراسان رضوي", "خراسان‌رضوی", "prov-khorasan"} {
		frag := u.getHX("/units/search?field=unit&unit="+urlQ(q)+"&list=f-unit-list", "f-unit-list").must(t, q, http.StatusOK)
		if !strings.HasPrefix(strings.TrimSpace(frag.body), `<datalist id="f-unit-list">`) {
			t.Errorf("%s: not a datalist:\n%s", q, paExcerpt(frag.body))
		}
		frag.has(t, q, `<option value="`+paID(razavi.ID)+`">`)
		frag.lacks(t, q, `<option value="`+paID(fars.ID)+`">`, "<html")
	}
	// The list id is echoed only when it is an id.
	bad := u.getHX(`/units/search?q=فارس&list="><script>`, "x").must(t, "bad list", http.StatusOK)
	bad.has(t, "bad list", `<datalist id="unit-search-list">`)

	page := u.get("/units/search?q="+urlQ("فارس")).must(t, "search page", http.StatusOK)
	page.has(t, "search page", `id="unit-search-results"`, `href="/units/`+paID(fars.ID)+`"`, "<html")
	none := u.get("/units/search?q="+urlQ("ناموجود")).must(t, "no match", http.StatusOK)
	none.has(t, "no match", "واحدی با این نام یافت نشد.")
}

func urlQ(s string) string { return strings.NewReplacer(" ", "+", "\u200c", "%E2%80%8C").Replace(s) }

// TestUnitPickerLargeTree: past 200 units the unit selects become the
// picker, and the work filter reads a unit typed by code or name.
func TestUnitPickerLargeTree(t *testing.T) {
	s := newPASite(t)
	u := s.as("admin", demo.Password)
	small := u.get("/work").must(t, "/work (demo)", http.StatusOK)
	small.has(t, "/work (demo)", `<select id="f-unit" name="unit"`)

	sys := storetest.System()
	prov := s.unitByCode("prov-fars")
	for i := range 200 {
		b := &payesh.OrgUnit{ParentID: &prov.ID, Kind: payesh.UnitBranch, Code: fmt.Sprintf("branch-fars-%d", i), NameFA: fmt.Sprintf("شعبهٔ %d شیراز", i)}
		if err := s.db.CreateOrgUnit(sys, b); err != nil {
			t.Fatal(err)
		}
	}
	page := u.get("/work").must(t, "/work (large)", http.StatusOK)
	page.has(t, "/work (large)", `<input id="f-unit" name="unit" type="text" value="" list="f-unit-list"`, `hx-get="/units/search?field=unit&amp;list=f-unit-list"`,
		`<label for="f-unit">`, `aria-describedby="f-unit-hint"`)
	page.lacks(t, "/work (large)", `<select id="f-unit"`, "شعبهٔ ۱۹۹ شیراز", "شعبهٔ 199 شیراز")

	// Without script, the field is text: a code, a name or an id.
	for _, v := range []string{"prov-fars", "فارس", paID(prov.ID)} {
		p := u.get("/work?unit="+urlQ(v)).must(t, "/work?unit="+v, http.StatusOK)
		p.has(t, "/work?unit="+v, `value="`+paID(prov.ID)+`" list="f-unit-list"`, "واحد برگزیده")
		p.lacks(t, "/work?unit="+v, `id="e-unit"`)
	}
	amb := u.get("/work?unit="+urlQ("شعبه")).must(t, "ambiguous", http.StatusOK)
	amb.has(t, "ambiguous", `id="e-unit"`)

	form := u.get("/work/new").must(t, "/work/new", http.StatusOK)
	form.has(t, "/work/new", `<input id="f-owner_unit_id" name="owner_unit_id"`, "editable=1")
	form.lacks(t, "/work/new", `<select id="f-owner_unit_id"`)
	// Partners: the chosen ones are checkboxes, and search fields add more.
	form.has(t, "/work/new", `<input id="f-partner-add-1" name="partner_unit_ids" type="text"`, `<label for="f-partner-add-3">`)
	form.lacks(t, "/work/new", `<select id="f-partner_unit_ids"`)
	tehran := s.unitByCode("prov-tehran-east")
	created := u.post("/work", url.Values{"kind": {"action"}, "title": {"کار با همکاران بسیار"},
		"owner_unit_id": {paID(prov.ID)}, "partner_unit_ids": {"", paID(tehran.ID), ""}})
	if created.status != http.StatusSeeOther {
		t.Fatalf("create with a partner from a search field: %d %s", created.status, created.body)
	}
	items, _, err := s.db.FindWorkItems(sys, payesh.WorkItemFilter{Q: "کار با همکاران بسیار"})
	if err != nil || len(items) != 1 || !slices.Equal(items[0].PartnerUnitIDs, []int64{tehran.ID}) {
		t.Fatalf("created %+v, %v", items, err)
	}
	edit := u.get(fmt.Sprintf("/work/%d/edit", items[0].ID)).must(t, "edit", http.StatusOK)
	edit.has(t, "edit", `name="partner_unit_ids" value="`+paID(tehran.ID)+`" checked`)

	// So are the target rows' units.
	ind := &payesh.Indicator{Code: "picker.targets", NameFA: "شاخص هدف‌ها", Direction: payesh.HigherIsBetter,
		UnitAgg: payesh.AggSum, TimeAgg: payesh.AggSum, Frequency: payesh.Monthly, ReportingKinds: []payesh.UnitKind{payesh.UnitBranch}}
	if err := s.db.CreateIndicator(sys, ind); err != nil {
		t.Fatal(err)
	}
	targets := u.get(fmt.Sprintf("/indicators/%d/edit", ind.ID)).must(t, "targets", http.StatusOK)
	targets.has(t, "targets", `list="t-0-unit-list"`, `<label for="t-0-unit">`)
	targets.lacks(t, "targets", `<select id="t-0-unit"`)

	// A search restricted to editable units still finds them.
	frag := u.getHX("/units/search?field=owner_unit_id&owner_unit_id="+urlQ("شعبه ۱۹۹")+"&list=f-owner_unit_id-list&editable=1", "f-owner_unit_id-list")
	frag.must(t, "editable search", http.StatusOK).has(t, "editable search", "شعبهٔ 199 شیراز")
}

// TestUnitsPersianOrder: siblings of one kind are listed in Persian
// alphabetical order, not by code point (ک before گ before ل) nor by when
// they were created, on the org tree and in unit selects.
func TestUnitsPersianOrder(t *testing.T) {
	s := newPASite(t)
	sys := storetest.System()
	parent := &payesh.OrgUnit{ParentID: &s.unitByCode("sso").ID, Kind: payesh.UnitOffice, Code: "zz-parent", NameFA: "دفتر آزمون"}
	if err := s.db.CreateOrgUnit(sys, parent); err != nil {
		t.Fatal(err)
	}
	names := []string{"یزد آزمون", "لرستان آزمون", "گیلان آزمون", "کرمان آزمون", "آذربایجان آزمون"} // created backwards
	for i, n := range names {
		c := &payesh.OrgUnit{ParentID: &parent.ID, Kind: payesh.UnitProvince, Code: fmt.Sprintf("zz-%d", i), NameFA: n}
		if err := s.db.CreateOrgUnit(sys, c); err != nil {
			t.Fatal(err)
		}
	}
	u := s.as("admin", demo.Password)
	for _, path := range []string{"/units", "/work"} {
		body := u.get(path).must(t, path, http.StatusOK).body
		last := -1
		for i := len(names) - 1; i >= 0; i-- {
			at := strings.Index(body, names[i])
			if at < 0 || at < last {
				t.Errorf("%s: %q at %d, after the previous at %d", path, names[i], at, last)
			}
			last = at
		}
	}
}

// countingDocs counts FindClauseProgress calls.
type countingDocs struct {
	payesh.DocumentService
	n *atomic.Int64
}

func (c countingDocs) FindClauseProgress(ctx context.Context, id int64) (map[int64]*payesh.ClauseProgress, error) {
	c.n.Add(1)
	return c.DocumentService.FindClauseProgress(ctx, id)
}

// TestClauseProgressOnlyWhereShown: the work list and form name clauses
// but show no progress, so they do not read it; the home page, the
// dashboard and the policy page read it once.
func TestClauseProgressOnlyWhereShown(t *testing.T) {
	base := newPASite(t)
	var n atomic.Int64
	svc := base.db.Services()
	svc.Documents = countingDocs{DocumentService: base.db, n: &n}
	h, err := web.New(web.Services{Services: svc, Now: paClock})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	s := &paSite{t: t, db: base.db, srv: srv, doc: base.doc}
	u := s.as("admin", demo.Password)
	for path, want := range map[string]int64{"/work": 0, "/work/new": 0, "/work?clause=" + paID(base.doc.ID): 0, "/": 1, "/dashboard": 1, "/policy": 1} {
		before := n.Load()
		u.get(path).must(t, path, http.StatusOK)
		if got := n.Load() - before; got != want {
			t.Errorf("%s: %d clause progress reads, want %d", path, got, want)
		}
	}
}
