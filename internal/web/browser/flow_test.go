package browser_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/store/storetest"
)

// Names the flow types; Persian, as a user of the secretariat would.
const (
	programTitle = "برنامهٔ آزمایشی پایش در مرورگر"
	actionTitle  = "اقدام آزمایشی: گزارش فصلی به دبیرخانه"
	// ownerCode is a directorate with no demo work, so its page lists
	// the new action on the first page whatever the sort.
	ownerCode = "prov-tehran-east"
)

// TestBrowserFlow is the scenario of the web UI's acceptance, all of it in
// a real browser: the secretariat signs in, opens the policy tree, creates
// a program under a clause, adds an action whose due date is typed in
// Persian digits, reports 40% on it through htmx and sees the program's
// rolled-up progress change in place, finds the action on its owner's
// page, switches to English, and signs out. The store is checked too.
func TestBrowserFlow(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := newBrowser(t, s.srv.URL)
	owner, err := s.db.FindOrgUnitByCode(storetest.System(), ownerCode)
	if err != nil {
		t.Fatalf("demo unit %s: %v", ownerCode, err)
	}

	b.signIn("secretariat", demo.Password)

	clauseID := b.openPolicy()
	programID := b.createProgram(clauseID, owner.ID)
	actionID := b.addAction(programID)
	b.postProgress(actionID)

	// The program's own page shows the rolled-up progress: 40 for its one
	// child.
	b.open(fmt.Sprintf("/work/%d", programID))
	if got := b.text("#work-progress .pct"); got != "۴۰٪" {
		t.Errorf("program progress after the update: %q, want ۴۰٪", got)
	}
	if !strings.Contains(b.text("main table"), actionTitle) {
		t.Errorf("program page does not list its action")
	}

	b.openOwner(actionID, owner.ID)
	b.navigate("open the work list", chromedp.Click(chromedp.CSS(`nav.mainnav a[href="/work"]`)))
	if !strings.Contains(b.text("main table"), programTitle) {
		t.Errorf("the work list does not show the new program")
	}
	b.screenshot("work-list")

	b.open(fmt.Sprintf("/work/%d", actionID))
	b.switchLanguage()
	if lang, dir := b.htmlLangDir(); lang != "en" || dir != "ltr" {
		t.Errorf("after switching to English: lang=%q dir=%q, want en ltr", lang, dir)
	}
	if p := b.path(); p != fmt.Sprintf("/work/%d", actionID) {
		t.Errorf("the language switch left the page: at %s", p)
	}
	if got := b.text("#logout"); !strings.Contains(got, "Sign out") {
		t.Errorf("sign-out button in English reads %q", got)
	}
	if got := b.text("#work-progress .pct"); got != "40%" {
		t.Errorf("action progress in English: %q, want 40%%", got)
	}
	b.signOut()

	checkStored(t, s, programID, actionID, owner.ID, clauseID)
	b.checkConsole()
}

// openPolicy opens the policy tree from the navigation, takes its
// screenshot and returns the clause whose "new work" link comes first.
func (b *browser) openPolicy() int64 {
	b.t.Helper()
	b.navigate("open the policy tree", chromedp.Click(chromedp.CSS(`nav.mainnav a[href="/policy"]`)))
	b.do("see the clause tree", chromedp.WaitVisible(chromedp.CSS(`ul.clause-tree`)))
	b.screenshot("policy")
	href := run(b, "read a clause's new-work link", chromedp.AttributeValue(chromedp.CSS(`ul.clause-tree a[href^="/work/new?clause="]`), "href")).Value
	id := idAfter(b.t, href, "clause=")
	b.navigate("follow the clause's new-work link", chromedp.Click(chromedp.CSS(fmt.Sprintf(`a[href="/work/new?clause=%d"]`, id))))
	return id
}

// createProgram fills the new-work form the clause's link opened and
// returns the new program's id.
func (b *browser) createProgram(clauseID, ownerID int64) int64 {
	b.t.Helper()
	if p := b.path(); p != fmt.Sprintf("/work/new?clause=%d", clauseID) {
		b.t.Fatalf("new-work link led to %s", p)
	}
	if !eval[bool](b, fmt.Sprintf(`document.querySelector('input[name=clause_ids][value="%d"]').checked`, clauseID)) {
		b.t.Errorf("the form does not come with the clause %d ticked", clauseID)
	}
	if k := run(b, "read kind", chromedp.Value(chromedp.ID("f-kind"))); k != string(payesh.KindProgram) {
		b.t.Errorf("new work from a clause: kind %q, want program", k)
	}
	b.do("fill the program",
		chromedp.SendKeys(chromedp.ID("f-title"), programTitle),
		chromedp.SetValue(chromedp.ID("f-owner_unit_id"), strconv.FormatInt(ownerID, 10)),
	)
	b.submit("create the program", `form[action="/work"] button[type=submit]`)
	id := b.workPageID()
	if h := b.text("main h1"); h != programTitle {
		b.t.Errorf("new program page heading %q", h)
	}
	if f := b.text("main .flash"); !hasPersian(f) {
		b.t.Errorf("no Persian confirmation after creating: %q", f)
	}
	return id
}

// addAction adds a child action to the program through its "add" link:
// first with mistakes, to see the messages beside the fields, then with
// the due date typed in Persian digits into the Jalali date input.
func (b *browser) addAction(programID int64) int64 {
	b.t.Helper()
	b.navigate("follow the add-action link", chromedp.Click(chromedp.CSS(fmt.Sprintf(`a[href="/work/new?parent=%d"]`, programID))))
	if k := run(b, "read kind", chromedp.Value(chromedp.ID("f-kind"))); k != string(payesh.KindAction) {
		b.t.Errorf("child form: kind %q, want action", k)
	}
	if p := run(b, "read parent", chromedp.Value(chromedp.ID("f-parent_id"))); p != strconv.FormatInt(programID, 10) {
		b.t.Errorf("child form: parent %q, want %d", p, programID)
	}

	// A date that does not exist and a weight that is not a number.
	b.do("type the title", chromedp.SendKeys(chromedp.ID("f-title"), actionTitle))
	b.typeDate("f-due_date", "۱۴۰۳/۱۳/۴۰")
	b.do("type a wrong weight", clear("f-weight"), chromedp.SendKeys(chromedp.ID("f-weight"), "یک"))
	if st := b.submit("submit the action with mistakes", `form[action="/work"] button[type=submit]`); st != http.StatusBadRequest {
		b.t.Errorf("action with mistakes: status %d, want 400", st)
	}
	for _, id := range []string{"e-due_date", "e-weight"} {
		if msg := b.text("#" + id); !hasPersian(msg) {
			b.t.Errorf("no Persian message beside the field (#%s): %q", id, msg)
		}
	}
	if v := run(b, "read title", chromedp.Value(chromedp.ID("f-title"))); v != actionTitle {
		b.t.Errorf("the title typed was not kept: %q", v)
	}
	b.screenshot("form-error")

	// Now right: ۱۴۰۳/۰۶/۱۵ typed, as a Persian keyboard types digits.
	b.do("correct the weight", clear("f-weight"), chromedp.SendKeys(chromedp.ID("f-weight"), "۱"))
	b.typeDate("f-due_date", "۱۴۰۳/۰۶/۱۵")
	if v := run(b, "read due date", chromedp.Value(chromedp.ID("f-due_date"))); v != "۱۴۰۳/۰۶/۱۵" {
		b.t.Errorf("the date input holds %q after typing ۱۴۰۳/۰۶/۱۵", v)
	}
	b.submit("create the action", `form[action="/work"] button[type=submit]`)
	id := b.workPageID()
	if h := b.text("main h1"); h != actionTitle {
		b.t.Errorf("new action page heading %q", h)
	}
	return id
}

// typeDate types text into a Jalali date input as a user does: click it
// (the picker opens), type, and press Escape, and checks the picker is
// closed so it cannot cover the next field. The picker ignores keys and
// clicks during its 300 ms opening animation, which a person never
// notices but a test typing at machine speed does: hence the pause.
func (b *browser) typeDate(id, text string) {
	b.t.Helper()
	b.do("open the date picker of #"+id, clear(id), chromedp.Click(chromedp.ID(id)))
	if !b.pickerOpen() {
		b.t.Errorf("clicking #%s did not open the Jalali date picker", id)
	}
	b.do("type the date into #"+id,
		chromedp.SendKeys(chromedp.ID(id), text),
		chromedp.Sleep(400*time.Millisecond),
		chromedp.KeyEvent(kb.Escape),
	)
	if b.pickerOpen() {
		b.t.Errorf("the date picker of #%s is still open after Escape", id)
	}
}

// pickerOpen reports whether the Jalali date picker shows.
func (b *browser) pickerOpen() bool {
	b.t.Helper()
	return eval[bool](b, `(() => { const p = document.querySelector('jdp-container'); return !!p && p.getClientRects().length > 0 && getComputedStyle(p).visibility !== 'hidden' })()`)
}

// postProgress reports 40% on the action through the htmx form and checks
// the page changed in place: the action's progress, its parent's
// rolled-up progress and the history, with no page load.
func (b *browser) postProgress(actionID int64) {
	b.t.Helper()
	if got := b.text("#work-parent .pct"); got != "۰٪" {
		b.t.Errorf("parent progress before the update: %q, want ۰٪", got)
	}
	// A full page load would drop this.
	b.do("mark the page", chromedp.Evaluate[chromedp.Void](`window.__noReload = true`))
	b.do("report 40%",
		chromedp.SendKeys(chromedp.ID("f-progress"), "۴۰"),
		chromedp.SendKeys(chromedp.ID("f-note"), "گزارش نخست از مرورگر"),
		chromedp.Click(chromedp.CSS(`form[hx-post$="/progress"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#work-main .flash`)),
	)
	if !eval[bool](b, `window.__noReload === true`) {
		b.t.Errorf("posting progress reloaded the page; htmx should have swapped the detail in place")
	}
	if p, _, _ := strings.Cut(b.path(), "?"); p != fmt.Sprintf("/work/%d", actionID) {
		b.t.Errorf("after posting progress: at %s", p)
	}
	if got := b.text("#work-progress .pct"); got != "۴۰٪" {
		b.t.Errorf("action progress after the update: %q, want ۴۰٪", got)
	}
	if got := b.text("#work-parent .pct"); got != "۴۰٪" {
		b.t.Errorf("parent progress shown after the update: %q, want ۴۰٪ (rolled up in place)", got)
	}
	if got := b.text(".timeline li"); !strings.Contains(got, "گزارش نخست از مرورگر") {
		b.t.Errorf("history does not show the update: %q", got)
	}
	b.screenshot("work-detail")
}

// openOwner follows the owner link on the action's page and looks for
// the action in the unit's work.
func (b *browser) openOwner(actionID, ownerID int64) {
	b.t.Helper()
	b.open(fmt.Sprintf("/work/%d", actionID))
	b.navigate("follow the owner link", chromedp.Click(chromedp.CSS(fmt.Sprintf(`dl.facts a[href="/units/%d"]`, ownerID))))
	if p := b.path(); p != fmt.Sprintf("/units/%d", ownerID) {
		b.t.Fatalf("owner link led to %s", p)
	}
	if !strings.Contains(b.text("main .table-wrap table"), actionTitle) {
		b.t.Errorf("the owner's page does not list the action")
	}
}

// clear empties a text input, as selecting its text and deleting it does.
// (chromedp.SetValue cannot set "".)
func clear(id string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.getElementById(%q).value = ""`, id))
}

// submit clicks a form's submit button and returns the final status.
func (b *browser) submit(what, button string) int {
	b.t.Helper()
	return b.navigate(what, chromedp.Click(chromedp.CSS(button)))
}

var workPath = regexp.MustCompile(`^/work/(\d+)(\?|$)`)

// workPageID is the id of the work item whose page the tab shows.
func (b *browser) workPageID() int64 {
	b.t.Helper()
	p := b.path()
	m := workPath.FindStringSubmatch(p)
	if m == nil {
		b.t.Fatalf("expected a work item's page, at %s (%s)", p, b.text("main"))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// idAfter parses the number after key in s.
func idAfter(t *testing.T, s, key string) int64 {
	t.Helper()
	_, v, _ := strings.Cut(s, key)
	v, _, _ = strings.Cut(v, "&")
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		t.Fatalf("no id after %q in %q", key, s)
	}
	return id
}

// checkStored reads back through the store what the browser did.
func checkStored(t *testing.T, s *site, programID, actionID, ownerID, clauseID int64) {
	t.Helper()
	ctx := storetest.System()
	program, err := s.db.FindWorkItemByID(ctx, programID)
	if err != nil {
		t.Fatal(err)
	}
	action, err := s.db.FindWorkItemByID(ctx, actionID)
	if err != nil {
		t.Fatal(err)
	}
	if program.Kind != payesh.KindProgram || program.Title != programTitle || program.OwnerUnitID != ownerID {
		t.Errorf("stored program: kind %s, title %q, owner %d", program.Kind, program.Title, program.OwnerUnitID)
	}
	if len(program.ClauseIDs) != 1 || program.ClauseIDs[0] != clauseID {
		t.Errorf("stored program answers clauses %v, want [%d]", program.ClauseIDs, clauseID)
	}
	if program.Progress != 40 {
		t.Errorf("stored program progress %v, want 40", program.Progress)
	}
	if action.Kind != payesh.KindAction || action.ParentID == nil || *action.ParentID != programID {
		t.Errorf("stored action: kind %s, parent %v", action.Kind, action.ParentID)
	}
	if got := action.DueDate.String(); got != "2024-09-05" {
		t.Errorf("stored action due date %s, want 2024-09-05 (۱۴۰۳/۰۶/۱۵)", got)
	}
	if action.Progress != 40 || action.Weight != 1 {
		t.Errorf("stored action progress %v weight %v, want 40 and 1", action.Progress, action.Weight)
	}
	history, err := s.db.FindProgressUpdates(ctx, actionID)
	if err != nil {
		t.Fatal(err)
	}
	if len(history) != 1 || history[0].Note != "گزارش نخست از مرورگر" {
		t.Errorf("stored history: %d updates", len(history))
	}
}
