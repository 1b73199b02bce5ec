package browser_test

import (
	"slices"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"payesh/internal/demo"
)

// phoneWidth is a common phone's viewport in CSS pixels.
const phoneWidth = 390

// TestNarrowScreen opens one page of every shape the crawl reaches, as an
// admin on a 390 px phone, and fails on any page wider than the screen:
// wide tables must scroll inside their own frame (or become cards), not
// push the page sideways.
func TestNarrowScreen(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	c := newCrawler(t, s.srv.URL)
	c.signIn("admin", demo.Password)
	c.crawl("/", "/work?limit=5")
	pages := map[string]string{} // shape → a page of it
	for p := range c.seen {
		if sh := shapeOf(p); pages[sh] == "" || p < pages[sh] {
			pages[sh] = p
		}
	}
	b := newBrowser(t, s.srv.URL)
	b.signIn("admin", demo.Password)
	b.do("a phone's screen", chromedp.EmulateViewport(phoneWidth, 800, chromedp.EmulateMobile))
	var wide []string
	for _, p := range slices.Sorted(func(yield func(string) bool) {
		for _, p := range pages {
			// A file (a workbook, a PDF, an attachment) is saved, not shown.
			if !c.files[p] && !yield(p) {
				return
			}
		}
	}) {
		b.navigate("open "+p, chromedp.Navigate(b.base+p))
		w := eval[int](b, `Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)`)
		if w > phoneWidth+1 {
			culprit := eval[string](b, `(function () {
				var worst = null;
				document.querySelectorAll("body *").forEach(function (el) {
					var r = el.getBoundingClientRect();
					var out = r.left < -1 || r.right > innerWidth + 1;
					var hidden = el.closest(".skip, .sr-only") || r.width === 0;
					if (out && !hidden && !el.closest(".table-wrap") && (!worst || r.width > worst.getBoundingClientRect().width)) worst = el;
				});
				return worst ? worst.tagName.toLowerCase() + (worst.id ? "#" + worst.id : "") + (worst.className ? "." + String(worst.className).split(" ").join(".") : "") : "?";
			})()`)
			wide = append(wide, p+" is "+strconv.Itoa(w)+" px wide ("+culprit+")")
		}
	}
	t.Logf("opened %d pages at %d px", len(pages), phoneWidth)
	for _, w := range wide {
		t.Error(w)
	}
}
