package browser_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/store/storetest"
)

// TestBrowserTargetsGridPaste: a 3 × 4 block of targets copied from a
// spreadsheet — Persian and Latin digits, a thousands separator — pasted
// into the targets grid's first cell spreads over three units' four
// years and is saved as typed; the arrows and Enter move between the
// cells as in the values grid. The targets page and the provinces ×
// months matrix then pass the checks every crawled page gets.
func TestBrowserTargetsGridPaste(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := storetest.System()
	ind := &payesh.Indicator{Code: "targets.paste", NameFA: "شاخص هدف‌گذاری", Measure: "نفر", Direction: payesh.HigherIsBetter,
		UnitAgg: payesh.AggSum, TimeAgg: payesh.AggSum, Frequency: payesh.Monthly, ReportingKinds: []payesh.UnitKind{payesh.UnitProvince}}
	if err := s.db.CreateIndicator(ctx, ind); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, s.srv.URL)
	b.signIn("secretariat", demo.Password)
	edit := fmt.Sprintf("/indicators/%d/edit", ind.ID)
	b.open(edit)

	// The grid's rows in order: the id of each row's 1403 cell.
	ids := eval[[]string](b, `Array.from(document.querySelectorAll("#targets-grid tbody tr")).map(function (tr) {
		var c = tr.querySelector('input[name$=".1403"]'); return c ? c.id : ""; })`)
	if len(ids) < 4 {
		t.Fatalf("the targets grid has %d rows: %v", len(ids), ids)
	}
	// The block: row r, year 1403+k holds (r+1)*1000+k, written three ways.
	var lines []string
	want := map[string]float64{}
	for r := range 3 {
		var fields []string
		for k := range 4 {
			v := (r+1)*1000 + k
			unit := strings.Split(ids[r], "-")[1]
			want[fmt.Sprintf("%s.%d", unit, 1403+k)] = float64(v)
			switch k % 3 {
			case 0:
				fields = append(fields, toPersian(strconv.Itoa(v)))
			case 1:
				fields = append(fields, strconv.Itoa(v/1000)+","+fmt.Sprintf("%03d", v%1000)) // "1,001"
			default:
				fields = append(fields, strconv.Itoa(v))
			}
		}
		lines = append(lines, strings.Join(fields, "\t"))
	}
	tsv := strings.Join(lines, "\r\n") + "\r\n"
	b.do("paste the block into the first cell", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(function () {
		var el = document.getElementById(%q); el.focus();
		var dt = new DataTransfer(); dt.setData("text/plain", %q);
		el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true}));
	})()`, ids[0], tsv)))
	for r := range 3 {
		if v := run(b, "read "+ids[r], chromedp.Value(chromedp.ID(ids[r]))); v == "" {
			t.Errorf("%s is empty after the paste", ids[r])
		}
	}
	if v := run(b, "read the row below the block", chromedp.Value(chromedp.ID(ids[3]))); v != "" {
		t.Errorf("the paste spilled into the fourth row: %q", v)
	}

	// Moving about: down, Enter (down), up, then left — the next year on
	// a right-to-left page — and right, back.
	next := strings.Replace(ids[1], "-1403", "-1404", 1)
	active := func() string { return eval[string](b, `document.activeElement ? document.activeElement.id : "(none)"`) }
	b.do("focus the first cell", chromedp.Focus(chromedp.ID(ids[0])))
	for _, step := range []struct{ key, want string }{
		{kb.ArrowDown, ids[1]}, {kb.Enter, ids[2]}, {kb.ArrowUp, ids[1]}, {kb.ArrowLeft, next}, {kb.ArrowRight, ids[1]},
	} {
		b.do(fmt.Sprintf("press %q", step.key), chromedp.KeyEvent(step.key))
		if got := active(); got != step.want {
			t.Fatalf("after %q the focus is on %q, want %q", step.key, got, step.want)
		}
	}
	if p := b.path(); p != edit {
		t.Errorf("Enter in a cell left the page: %s", p)
	}

	if st := b.submit("save the pasted block", `#targets-form button[type=submit]`); st != http.StatusOK {
		t.Fatalf("saving the pasted block: status %d", st)
	}
	if p := b.path(); !strings.Contains(p, "flash=ui.indicator_form.flash.targets") {
		t.Errorf("after saving: at %s", p)
	}
	targets, err := s.db.FindTargets(ctx, ind.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, tg := range targets {
		got[fmt.Sprintf("%d.%s", tg.UnitID, tg.Period)] = tg.Value
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("stored targets %v\nwant %v", got, want)
	}
	b.screenshot("targets-grid")

	// The pages this piece adds, checked as the crawl checks every page.
	c := newCrawler(t, s.srv.URL)
	c.signIn("admin", demo.Password)
	c.check(edit, http.StatusOK)
	c.check(fmt.Sprintf("/values/matrix?indicator=%d&period=1403", ind.ID), http.StatusOK)
	for _, v := range c.violations {
		t.Error(v)
	}
}
