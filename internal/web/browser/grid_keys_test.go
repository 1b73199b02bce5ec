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

// TestBrowserGridLikeASheet: a 3 × 12 block copied from a spreadsheet —
// Persian and Latin digits, a thousands separator — pasted into the
// grid's first cell spreads over three indicators' twelve months and is
// saved as it would be typed; the arrows and Enter move between cells,
// and each cell is one Tab stop.
func TestBrowserGridLikeASheet(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := storetest.System()
	prov, err := s.db.FindOrgUnitByCode(ctx, valuesProvince)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, code := range []string{"grid.a", "grid.b", "grid.c"} {
		ind := &payesh.Indicator{Code: code, NameFA: "شاخص جدول " + code, Direction: payesh.HigherIsBetter, UnitAgg: payesh.AggSum,
			TimeAgg: payesh.AggSum, Frequency: payesh.Monthly, ReportingKinds: []payesh.UnitKind{payesh.UnitProvince}}
		if err := s.db.CreateIndicator(ctx, ind); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, ind.ID)
	}
	cell := func(row, month int) string { return fmt.Sprintf("v-%d-1402-%02d", ids[row], month) }

	b := newBrowser(t, s.srv.URL)
	b.signIn("secretariat", demo.Password)
	b.open(fmt.Sprintf("/values?unit=%d&period=1402", prov.ID))

	// The block: row r, month m holds (r+1)*100+m, written three ways.
	var lines []string
	want := map[string]float64{}
	for r := range 3 {
		var fields []string
		for m := 1; m <= 12; m++ {
			v := (r+1)*100 + m
			want[cell(r, m)] = float64(v)
			switch m % 3 {
			case 0:
				fields = append(fields, strconv.Itoa(v))
			case 1:
				fields = append(fields, toPersian(strconv.Itoa(v)))
			default:
				fields = append(fields, "0,"+strconv.Itoa(v)) // "0,101": a separator
			}
		}
		lines = append(lines, strings.Join(fields, "\t"))
	}
	tsv := strings.Join(lines, "\r\n") + "\r\n"
	// The save bar floats over the grid only once a cell has changed: from
	// the start it hid half of the bottom row's link (Lighthouse).
	savePosition := func(when string) string {
		return run(b, "read the save bar's position "+when, chromedp.Evaluate[string](
			`getComputedStyle(document.querySelector("#values-grid .vg-save")).position`))
	}
	if pos := savePosition("before the paste"); pos != "static" {
		t.Errorf("before any change the save bar is %q, want static (at the foot of the form)", pos)
	}
	b.do("paste the block into the first cell", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(function () {
		var el = document.getElementById(%q); el.focus();
		var dt = new DataTransfer(); dt.setData("text/plain", %q);
		el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true}));
	})()`, cell(0, 1), tsv)))
	for r := range 3 {
		for _, m := range []int{1, 2, 12} {
			if v := run(b, "read "+cell(r, m), chromedp.Value(chromedp.ID(cell(r, m)))); v == "" {
				t.Errorf("%s is empty after the paste", cell(r, m))
			}
		}
	}
	if pos := savePosition("after the paste"); pos != "sticky" {
		t.Errorf("after the paste the save bar is %q, want sticky (at the bottom of the screen)", pos)
	}
	if st := b.submit("save the pasted block", `#values-grid button[type=submit]`); st != http.StatusOK {
		t.Fatalf("saving the pasted block: status %d", st)
	}
	got := map[string]float64{}
	for _, id := range ids {
		vals, err := s.db.FindValues(ctx, payesh.ValueFilter{IndicatorID: id, UnitID: prov.ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			got[fmt.Sprintf("v-%d-%s", v.IndicatorID, v.Period)] = v.Value
		}
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s saved %v, want %v", k, got[k], w)
		}
	}

	// Moving about: down, Enter (down), up, then left — the next month
	// on a right-to-left page — and right, back.
	active := func() string { return eval[string](b, `document.activeElement ? document.activeElement.id : "(none)"`) }
	b.do("focus the first cell", chromedp.Focus(chromedp.ID(cell(0, 1))))
	for _, step := range []struct {
		key, want string
	}{
		{kb.ArrowDown, cell(1, 1)}, {kb.Enter, cell(2, 1)}, {kb.ArrowUp, cell(1, 1)},
		{kb.ArrowLeft, cell(1, 2)}, {kb.ArrowRight, cell(1, 1)}, {kb.Tab, cell(1, 2)},
	} {
		b.do("press "+fmt.Sprintf("%q", step.key), chromedp.KeyEvent(step.key))
		if got := active(); got != step.want {
			t.Fatalf("after %q the focus is on %q, want %q", step.key, got, step.want)
		}
	}
	if p := b.path(); !strings.Contains(p, "period=1402") {
		t.Errorf("Enter in a cell left the grid: %s", p)
	}
}

// toPersian writes Latin digits as Persian ones.
func toPersian(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '۰' + (r - '0')
		}
		return r
	}, s)
}
