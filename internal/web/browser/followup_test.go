package browser_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/store/storetest"
)

// TestBrowserBulkReminder: on the follow-up board the secretariat ticks
// «all late units» — the script ticks every late row — writes one note and
// sends it with one click: one reminder per late unit. On a phone the
// board is a stack of cards, no wider than the screen.
func TestBrowserBulkReminder(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	// Overdue work for a few more units, so the board has several late.
	for _, code := range []string{"office-women-family", "prov-khorasan-razavi", "partner-universities"} {
		u, err := s.db.FindOrgUnitByCode(storetest.System(), code)
		if err != nil {
			t.Fatal(err)
		}
		w := &payesh.WorkItem{Kind: payesh.KindAction, Title: "کار عقب‌افتاده", OwnerUnitID: u.ID, DueDate: payesh.DateOf(clock()).AddDays(-20)}
		if err := s.db.CreateWorkItem(storetest.System(), w); err != nil {
			t.Fatal(err)
		}
	}
	b := newBrowser(t, s.srv.URL)
	b.signIn("secretariat", demo.Password)
	b.open("/followup")
	late := eval[int](b, `document.querySelectorAll("#board input[name=unit_ids][data-late]").length`)
	if late < 3 {
		t.Fatalf("the board shows %d late units, want at least 3", late)
	}
	b.do("tick «all late units»", chromedp.Click(chromedp.ID("remind-all")))
	if n := eval[int](b, `document.querySelectorAll("#board input[name=unit_ids][data-late]:checked").length`); n != late {
		t.Errorf("«all late units» ticked %d of %d late rows", n, late)
	}
	// Unticking a row unticks «all»: what is sent is what shows.
	b.do("untick the first late row", chromedp.Click(chromedp.CSS(`#board input[name=unit_ids][data-late]`)))
	if eval[bool](b, `document.getElementById("remind-all").checked`) {
		t.Error("«all late units» stays ticked with a late row unticked")
	}
	b.do("tick «all late units» again", chromedp.Click(chromedp.ID("remind-all")))
	b.do("write the note", chromedp.SendKeys(chromedp.ID("remind-note"), "لطفاً کارهای معوق را تا پایان هفته به روز کنید."))
	if st := b.submit("send to the units chosen", "#remind-selected"); st != http.StatusOK {
		t.Fatalf("sending: status %d", st)
	}
	if msg := b.text("#remind-sent"); !strings.Contains(msg, "واحد فرستاده شد") {
		t.Errorf("the board does not say the reminders went: %q", msg)
	}
	events, n, err := s.db.FindAuditEvents(storetest.System(), payesh.AuditFilter{Action: payesh.ActionRemind, Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	units := map[int64]bool{}
	for _, e := range events {
		units[e.EntityID] = true
	}
	if n != late || len(units) != late {
		t.Errorf("%d reminders to %d units, want one to each of the %d late units", n, len(units), late)
	}
	b.checkConsole()
	b.screenshot("followup")

	// A phone: cards, nothing wider than the screen.
	b.do("emulate a phone", chromedp.EmulateViewport(phoneWidth, 844, chromedp.EmulateMobile), chromedp.Reload())
	if w := eval[int](b, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); w > 0 {
		t.Errorf("the board is %d px wider than a phone", w)
	}
	if d := eval[string](b, `getComputedStyle(document.querySelector("#board tbody tr")).display`); d != "grid" {
		t.Errorf("a board row on a phone is display %q, want a card (grid)", d)
	}
	b.screenshot("followup-phone")
}
