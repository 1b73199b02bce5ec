package browser_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/store/storetest"
)

const (
	valuesCode = "browser.pensions"
	valuesName = "شاخص آزمایشی پوشش بیمه در مرورگر"
	// valuesProvince reports the values; the target is the organization's.
	valuesProvince = "prov-fars"
)

// TestBrowserValues is the acceptance of indicators in a real browser:
// "enter values in the grid and see the dashboard change". The
// secretariat defines a monthly indicator summed over units and months,
// linked to clause 8, sets the organization's target for 1403 (the test
// clock's year), opens the grid of a province from the navigation, types
// two months in Persian digits — first with a mistake, which keeps what
// was typed and saves nothing — saves, and sees the organization's total
// for the year on the indicator's page stay empty while the values are
// drafts and become their sum once the secretariat approves them.
func TestBrowserValues(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := newBrowser(t, s.srv.URL)
	ctx := storetest.System()
	root, err := s.db.FindOrgUnitByCode(ctx, "sso")
	if err != nil {
		t.Fatal(err)
	}
	prov, err := s.db.FindOrgUnitByCode(ctx, valuesProvince)
	if err != nil {
		t.Fatal(err)
	}
	clause := valuesClause(t, s, "8")

	b.signIn("secretariat", demo.Password)
	id := b.createIndicator(clause)
	b.setTarget(id, root.ID)
	page := fmt.Sprintf("/indicators/%d?unit=%d&period=1403", id, root.ID)
	if before := b.indicatorTotal(page); strings.Contains(before, "۲۰۰٫۵") {
		t.Errorf("the indicator's page shows the total before any value: %q", before)
	}
	b.enterValues(id, prov.ID)
	for _, p := range []string{page, page + "&basis=provisional"} {
		if drafts := b.indicatorTotal(p); strings.Contains(drafts, "۲۰۰٫۵") {
			t.Errorf("%s counts the drafts: %q", p, drafts)
		}
	}
	vals, err := s.db.FindValues(ctx, payesh.ValueFilter{IndicatorID: id, UnitID: prov.ID})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(vals))
	for i, v := range vals {
		ids[i] = v.ID
	}
	if _, err := s.db.ReviewValues(ctx, ids, payesh.ValueApproved); err != nil {
		t.Fatal(err)
	}
	if after := b.indicatorTotal(page); !strings.Contains(after, "۲۰۰٫۵") {
		t.Errorf("the indicator's page shows %q after approval, want the total ۲۰۰٫۵", after)
	}

	checkValuesStored(t, s, id, prov.ID, root.ID, clause)
	checkValuesHTML(t, s, id, prov.ID)
	b.checkConsole()
}

// valuesClause returns the id of the main policy's clause number n.
func valuesClause(t *testing.T, s *site, n string) int64 {
	t.Helper()
	ctx := storetest.System()
	docs, _, err := s.db.FindDocuments(ctx, payesh.DocumentFilter{Kind: payesh.DocPolicy})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		clauses, err := s.db.FindClauses(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range clauses {
			if d.Code == "gssp" && c.Number == n {
				return c.ID
			}
		}
	}
	t.Fatalf("no clause %s in the demo policy", n)
	return 0
}

var valuesEditPath = regexp.MustCompile(`^/indicators/(\d+)/edit\?`)

// createIndicator fills the new-indicator form and returns the id of the
// indicator it made; the form leads to the indicator's targets.
func (b *browser) createIndicator(clause int64) int64 {
	b.t.Helper()
	b.open("/indicators/new")
	// No rule over units is chosen for the secretariat: a percentage must
	// not slip into an average.
	for id, want := range map[string]string{"f-frequency": "monthly", "f-unit_agg": "", "f-time_agg": "sum", "f-direction": "higher"} {
		if got := run(b, "read "+id, chromedp.Value(chromedp.ID(id))); got != want {
			b.t.Errorf("new indicator form: %s is %q, want %q", id, got, want)
		}
	}
	b.do("fill the indicator",
		chromedp.SendKeys(chromedp.ID("f-code"), valuesCode),
		chromedp.SendKeys(chromedp.ID("f-name_fa"), valuesName),
		chromedp.SendKeys(chromedp.ID("f-measure"), "نفر"),
		chromedp.SetValue(chromedp.ID("f-unit_agg"), "sum"),
		chromedp.Click(chromedp.CSS(`input[name=reporting_kinds][value="province"]`)),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name=clause_ids][value="%d"]`, clause))),
	)
	b.submit("create the indicator", `#indicator-form button[type=submit]`)
	m := valuesEditPath.FindStringSubmatch(b.path())
	if m == nil {
		b.t.Fatalf("after creating the indicator: at %s (%s)", b.path(), b.text("main"))
	}
	if f := b.text("main .flash"); !hasPersian(f) {
		b.t.Errorf("no Persian confirmation after creating the indicator: %q", f)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// setTarget sets the organization's target for 1403 in its cell of the
// targets grid, typed in Persian digits.
func (b *browser) setTarget(id, rootID int64) {
	b.t.Helper()
	cell := fmt.Sprintf("tgc-%d-1403", rootID)
	b.do("fill the organization's 1403 cell", chromedp.SendKeys(chromedp.ID(cell), "۵۰۰"))
	b.submit("save the target", `#targets-form button[type=submit]`)
	if p := b.path(); !strings.HasPrefix(p, fmt.Sprintf("/indicators/%d/edit?flash=", id)) {
		b.t.Fatalf("after saving the target: at %s", p)
	}
	if v := run(b, "read the saved target", chromedp.Value(chromedp.ID(cell))); v != "۵۰۰" {
		b.t.Errorf("the saved target reads %q, want ۵۰۰", v)
	}
}

// indicatorTotal opens the indicator's page and returns its value for
// the page's unit and period, as the first card shows it.
func (b *browser) indicatorTotal(page string) string {
	b.t.Helper()
	b.open(page)
	return b.text("#indicator-now .stat")
}

// enterValues opens the grid from the navigation, picks the province,
// types Farvardin and Ordibehesht — Ordibehesht first in words, which is
// refused with everything kept — and saves.
func (b *browser) enterValues(id, provID int64) {
	b.t.Helper()
	b.open("/")
	b.navigate("open the grid", chromedp.Click(chromedp.CSS(`nav.mainnav a[href="/values"]`)))
	b.do("choose the province", chromedp.SetValue(chromedp.ID("f-unit"), strconv.FormatInt(provID, 10)))
	b.submit("show the province's grid", `form[role=search] button[type=submit]`)
	if p := b.path(); !strings.Contains(p, fmt.Sprintf("unit=%d", provID)) || !strings.Contains(p, "period=1403") {
		b.t.Fatalf("the grid shown is %s", p)
	}
	far, ord := fmt.Sprintf("v-%d-1403-01", id), fmt.Sprintf("v-%d-1403-02", id)
	if label := run(b, "read the cell's label", chromedp.AttributeValue(chromedp.ID(far), "aria-label")); label.Value != "شاخص "+valuesName+"، فروردین ۱۴۰۳" {
		b.t.Errorf("Farvardin's cell is labelled %q", label.Value)
	}

	b.do("type the values, one wrong",
		chromedp.SendKeys(chromedp.ID(far), "۱۲۰"),
		chromedp.SendKeys(chromedp.ID(ord), "هشتاد"),
	)
	if st := b.submit("save with a mistake", `#values-grid button[type=submit]`); st != http.StatusBadRequest {
		b.t.Errorf("saving a word as a number: status %d, want 400", st)
	}
	if msg := b.text("#e-" + strings.TrimPrefix(ord, "v-")); !hasPersian(msg) {
		b.t.Errorf("no Persian message beside Ordibehesht: %q", msg)
	}
	for cell, want := range map[string]string{far: "۱۲۰", ord: "هشتاد"} {
		if v := run(b, "read "+cell, chromedp.Value(chromedp.ID(cell))); v != want {
			b.t.Errorf("after the refused save %s holds %q, want %q as typed", cell, v, want)
		}
	}

	b.do("correct Ordibehesht", clear(ord), chromedp.SendKeys(chromedp.ID(ord), "۸۰٫۵"))
	if st := b.submit("save the values", `#values-grid button[type=submit]`); st != http.StatusOK {
		b.t.Fatalf("saving the values: status %d", st)
	}
	if f := b.text("main .flash"); !hasPersian(f) {
		b.t.Errorf("no Persian confirmation after saving: %q", f)
	}
	for cell, want := range map[string]string{far: "۱۲۰", ord: "۸۰٫۵"} {
		if v := run(b, "read "+cell, chromedp.Value(chromedp.ID(cell))); v != want {
			b.t.Errorf("after saving %s shows %q, want %q", cell, v, want)
		}
	}
	if state := b.text(fmt.Sprintf("#st-%d-1403-02", id)); state != "پیش‌نویس" {
		b.t.Errorf("Ordibehesht's state reads %q, want پیش‌نویس", state)
	}
	// The grid scrolls inside its frame; the page itself does not.
	if wide := eval[bool](b, `document.documentElement.scrollWidth > window.innerWidth`); wide {
		b.t.Errorf("the grid widens the page beyond the window")
	}
	b.screenshot("values-grid")
}

// checkValuesStored reads back through the store what the browser did.
func checkValuesStored(t *testing.T, s *site, id, provID, rootID, clause int64) {
	t.Helper()
	ctx := storetest.System()
	ind, err := s.db.FindIndicatorByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if ind.Code != valuesCode || ind.NameFA != valuesName || ind.Frequency != payesh.Monthly ||
		ind.UnitAgg != payesh.AggSum || ind.TimeAgg != payesh.AggSum || fmt.Sprint(ind.ClauseIDs) != fmt.Sprint([]int64{clause}) {
		t.Errorf("stored indicator %+v", ind)
	}
	targets, err := s.db.FindTargets(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(targets) != 1 || targets[0] != (payesh.Target{IndicatorID: id, UnitID: rootID, Period: "1403", Value: 500}) {
		t.Errorf("stored targets %v", targets)
	}
	vals, err := s.db.FindValues(ctx, payesh.ValueFilter{IndicatorID: id, UnitID: provID})
	if err != nil {
		t.Fatal(err)
	}
	if len(vals) != 2 || vals[0].Period != "1403-01" || vals[0].Value != 120 || vals[1].Period != "1403-02" || vals[1].Value != 80.5 {
		t.Errorf("stored values %v", vals)
	}
	scores, err := s.db.FindScores(ctx, []int64{id}, rootID, "1403", payesh.BasisApproved)
	if err != nil {
		t.Fatal(err)
	}
	if len(scores) != 1 || scores[0].Value == nil || *scores[0].Value != 200.5 || scores[0].Target == nil || *scores[0].Target != 500 {
		t.Errorf("the organization's 1403 score: %+v", scores)
	}
}

// checkValuesHTML runs the page checks of TestHTML on the pages its
// crawl cannot fill: the grid with an indicator in it (saved, and with
// a mistake) and the edit page with targets.
func checkValuesHTML(t *testing.T, s *site, id, provID int64) {
	t.Helper()
	c := newCrawler(t, s.srv.URL)
	c.signIn("secretariat", demo.Password)
	grid := fmt.Sprintf("/values?unit=%d&period=1403", provID)
	c.check(grid, http.StatusOK)
	c.check(fmt.Sprintf("/indicators/%d/edit", id), http.StatusOK)
	c.check(fmt.Sprintf("/values?unit=%d&period=1403&indicator=%d", provID, id), http.StatusOK)
	form := url.Values{"unit": {strconv.FormatInt(provID, 10)}, "period": {"1403"},
		fmt.Sprintf("v.%d.1403-03", id): {"سی"}}
	resp, err := c.client.PostForm(s.srv.URL+"/values", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("POST /values with a word: status %d, want 400", resp.StatusCode)
	}
	doc, err := html.Parse(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	c.checkDoc("POST /values (with errors)", doc)
	for _, v := range c.violations {
		t.Error(v)
	}
}
