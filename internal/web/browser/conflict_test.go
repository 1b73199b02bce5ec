package browser_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/jalali"
	"payesh/internal/store/storetest"
)

// TestBrowserConflictKeepsTheirDueDate: a conflict between two sessions
// keeps the other person's due date. The reporter opens an action's edit
// form; the secretariat, in another browser, moves its due date and
// saves; the reporter then renames the action and saves the form they
// opened before. The page answers that the secretariat changed the item,
// when, with the due date field marked and holding the secretariat's
// date, and the title the reporter's; saving again stores both.
func TestBrowserConflictKeepsTheirDueDate(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	item := siteItem(t, s, "women-c8-sessions")
	edit := fmt.Sprintf("/work/%d/edit", item.ID)
	save := fmt.Sprintf(`form[action="/work/%d"] button[type=submit]`, item.ID)
	const (
		theirDue = "۱۴۰۳/۰۸/۳۰"
		myTitle  = "نشست با زنان شاغل (بازنگری)" // no ZWNJ: a key press cannot type one
	)

	a := newBrowser(t, s.srv.URL)
	a.signIn("reporter", demo.Password)
	a.open(edit)

	b := newBrowser(t, s.srv.URL)
	b.signIn("secretariat", demo.Password)
	b.open(edit)
	b.typeDate("f-due_date", theirDue)
	if st := b.submit("the secretariat saves the new due date", save); st != http.StatusOK || b.workPageID() != item.ID {
		t.Fatalf("the secretariat's save: status %d at %s", st, b.path())
	}
	b.checkConsole()

	a.do("the reporter renames the action", clear("f-title"), chromedp.SendKeys(chromedp.ID("f-title"), myTitle))
	if st := a.submit("the reporter saves the form opened before", save); st != http.StatusConflict {
		t.Fatalf("the stale save: status %d, want 409 (%s)", st, a.text("main"))
	}
	at := clock().In(payesh.Tehran)
	stamp := jalali.ToPersianDigits(payesh.DateOf(at).JalaliString() + " " + at.Format("15:04"))
	if by := a.text("#conflict-by"); !strings.Contains(by, "secretariat") || !strings.Contains(by, stamp) {
		t.Errorf("the conflict does not name the secretariat and %s: %q", stamp, by)
	}
	if due := run(a, "read the due date", chromedp.Value(chromedp.ID("f-due_date"))); due != theirDue {
		t.Errorf("the due date field holds %q, want the secretariat's %s", due, theirDue)
	}
	if title := run(a, "read the title", chromedp.Value(chromedp.ID("f-title"))); title != myTitle {
		t.Errorf("the title field holds %q, want what the reporter typed", title)
	}
	if !eval[bool](a, `document.getElementById("f-due_date").closest(".field").classList.contains("changed")`) {
		t.Error("the due date field is not marked as changed by someone else")
	}
	if eval[bool](a, `document.getElementById("f-title").closest(".field").classList.contains("changed")`) {
		t.Error("the title, which only the reporter changed, is marked as someone else's change")
	}
	was := "—" // the demo action had no due date
	if !item.DueDate.IsZero() {
		was = jalali.ToPersianDigits(item.DueDate.JalaliString())
	}
	if note := a.text("#c-due_date"); !strings.Contains(note, "secretariat") || !strings.Contains(note, was) {
		t.Errorf("the note beside the due date does not say who changed it from what: %q", note)
	}
	a.screenshot("work-conflict")

	if st := a.submit("the reporter saves again, knowingly", save); st != http.StatusOK || a.workPageID() != item.ID {
		t.Fatalf("saving again: status %d at %s", st, a.path())
	}
	a.checkConsole()
	now, err := s.db.FindWorkItemByID(storetest.System(), item.ID)
	if err != nil {
		t.Fatal(err)
	}
	if now.DueDate.JalaliString() != "1403/08/30" || now.Title != myTitle {
		t.Errorf("stored: due %s, title %q; want the secretariat's date and the reporter's title", now.DueDate.JalaliString(), now.Title)
	}
}

// siteItem returns the demo work item with code.
func siteItem(t *testing.T, s *site, code string) *payesh.WorkItem {
	t.Helper()
	items, _, err := s.db.FindWorkItems(storetest.System(), payesh.WorkItemFilter{Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range items {
		if w.Code == code {
			return w
		}
	}
	t.Fatalf("no work item %q", code)
	return nil
}
