package browser_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"payesh/internal/demo"
	"payesh/internal/pdf/pdftest"
	"payesh/internal/store/storetest"
)

// What the meeting test records, Persian as the secretariat writes it.
const (
	meetingBody      = "شورای معاونین سازمان (آزمون مرورگر)"
	meetingTitle     = "نخستین جلسهٔ فوق‌العادهٔ شورای معاونین"
	meetingPlace     = "ساختمان مرکزی سازمان"
	meetingChair     = "مدیرعامل سازمان"
	meetingAttendee  = "معاون فرهنگی و اجتماعی"
	meetingAbsentee  = "معاون فنی و درآمد"
	meetingAgenda    = "عملیاتی‌سازی سیاست‌های کلی تأمین اجتماعی"
	meetingFirstRes  = "دبیرخانه‌ای دائمی برای پیگیری سیاست‌ها تشکیل شود"
	meetingSecondRes = "برنامهٔ عملیاتی پیشنهادی نهایی و به وزارت متبوع ارسال شود"
)

var meetingPagePath = regexp.MustCompile(`^/meetings/(\d+)\?flash=`)

// TestBrowserMeetingMinutes is the minutes' acceptance in a real browser:
// the secretariat defines the council, records its session through the
// form (Persian digits in the time), adds an agenda item and two
// resolutions with owner and deadline, and prints the minutes. The PDF,
// printed by headless Chromium, holds the header, the people, the
// resolutions with their owner and deadline in Persian digits, and the
// signature lines, on one A4 page, the resolutions' table on it.
func TestBrowserMeetingMinutes(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := storetest.System()
	sso, err := s.db.FindOrgUnitByCode(ctx, "sso")
	if err != nil {
		t.Fatal(err)
	}
	women, err := s.db.FindOrgUnitByCode(ctx, "office-women-family")
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, s.srv.URL)
	b.signIn("secretariat", demo.Password)

	// The body, from the meetings page.
	b.open("/")
	b.navigate("open the meetings", chromedp.Click(chromedp.CSS(`nav.mainnav a[href="/meetings"]`)))
	b.navigate("open the bodies", chromedp.Click(chromedp.CSS(`main a[href="/bodies"]`)))
	b.do("fill the body",
		chromedp.SendKeys(chromedp.ID("f-name_fa"), meetingBody),
		chromedp.SendKeys(chromedp.ID("f-code"), "council-browser"),
		chromedp.SetValue(chromedp.ID("f-unit_id"), strconv.FormatInt(sso.ID, 10)),
		chromedp.SendKeys(chromedp.ID("f-members"), meetingChair+" — رئیس شورا"),
	)
	if st := b.submit("define the body", `#body-form button[type=submit]`); st != http.StatusOK || !strings.Contains(b.text("#bodies-table"), meetingBody) {
		t.Fatalf("defining the body: status %d, table %q", st, b.text("main"))
	}
	bodies, err := s.db.FindBodies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var bodyID int64
	for _, b := range bodies {
		if b.Code == "council-browser" {
			bodyID = b.ID
		}
	}
	if bodyID == 0 {
		t.Fatalf("the body was not created: %v", bodies)
	}

	// The meeting.
	b.open("/meetings")
	b.navigate("follow the new-meeting link", chromedp.Click(chromedp.CSS(`main a[href="/meetings/new"]`)))
	// Text with a ZWNJ is set rather than typed: the DevTools protocol's
	// key events cannot type one.
	b.do("fill the meeting",
		chromedp.SetValue(chromedp.ID("f-body_id"), strconv.FormatInt(bodyID, 10)),
		chromedp.SetValue(chromedp.ID("f-title"), meetingTitle),
		chromedp.SendKeys(chromedp.ID("f-number"), "۱"),
		chromedp.SetValue(chromedp.ID("f-kind"), "extraordinary"),
		chromedp.SendKeys(chromedp.ID("f-start_time"), "۱۰:۳۰"),
		chromedp.SendKeys(chromedp.ID("f-place"), meetingPlace),
		chromedp.SendKeys(chromedp.ID("f-chair"), meetingChair+" — رئیس شورا"),
		chromedp.SendKeys(chromedp.ID("f-secretary"), "دبیر شورا"),
		chromedp.SendKeys(chromedp.ID("f-attendees"), meetingAttendee+" — عضو\nمعاون درمان — عضو\nمعاون بیمه‌ای — عضو"),
		chromedp.SendKeys(chromedp.ID("f-absentees"), meetingAbsentee+" — عضو"),
	)
	b.typeDate("f-held_on", "۱۴۰۳/۰۵/۰۱")
	b.submit("record the meeting", `#meeting-form button[type=submit]`)
	m := meetingPagePath.FindStringSubmatch(b.path())
	if m == nil {
		t.Fatalf("after recording the meeting: at %s (%s)", b.path(), b.text("main"))
	}
	meetingID, _ := strconv.ParseInt(m[1], 10, 64)
	page := fmt.Sprintf("/meetings/%d", meetingID)
	if facts := b.text("#meeting-facts-h + dl"); !strings.Contains(facts, "۱۴۰۳/۰۵/۰۱") || !strings.Contains(facts, "۱۰:۳۰") {
		t.Errorf("the meeting's date and time are not shown in Persian: %q", facts)
	}

	// The agenda item and two resolutions under it.
	b.do("fill the agenda item", chromedp.SetValue(chromedp.ID("f-agenda-title"), meetingAgenda))
	b.submit("add the agenda item", `#agenda-form button[type=submit]`)
	agendaID := eval[string](b, `document.querySelector('#f-res-agenda option[value]:not([value=""])').value`)
	for _, res := range []struct{ title, due string }{{meetingFirstRes, "۱۴۰۳/۰۶/۳۱"}, {meetingSecondRes, "۱۴۰۳/۰۹/۳۰"}} {
		b.do("fill the resolution",
			chromedp.SetValue(chromedp.ID("f-res-title"), res.title),
			chromedp.SetValue(chromedp.ID("f-res-owner"), strconv.FormatInt(women.ID, 10)),
			chromedp.SetValue(chromedp.ID("f-res-agenda"), agendaID),
		)
		b.typeDate("f-res-due", res.due)
		if st := b.submit("record the resolution", `#resolution-form button[type=submit]`); st != http.StatusOK {
			t.Fatalf("recording the resolution: status %d (%s)", st, b.text("main"))
		}
	}
	agenda := b.text("#agenda")
	for _, want := range []string{meetingAgenda, meetingFirstRes, meetingSecondRes, women.NameFA, "۱۴۰۳/۰۹/۳۰"} {
		if !strings.Contains(agenda, want) {
			t.Errorf("the agenda lacks %q: %q", want, agenda)
		}
	}
	if style := eval[string](b, `getComputedStyle(document.querySelector('ol.agenda')).listStyleType`); style != "persian" {
		t.Errorf("the agenda is numbered %q, want persian", style)
	}
	if rate := b.text("#closure-rate"); rate != "۰٪" {
		t.Errorf("closure rate %q, want ۰٪", rate)
	}
	b.screenshot("meeting")

	// The printable minutes, then the PDF.
	b.navigate("open the printable minutes", chromedp.Click(chromedp.CSS(fmt.Sprintf(`main a[href="%s/minutes"]`, page))))
	head := b.text("#minutes-head")
	for _, want := range []string{"صورتجلسه", meetingBody, meetingTitle, "۱۴۰۳/۰۵/۰۱", meetingPlace, "فوق‌العاده"} {
		if !strings.Contains(head, want) {
			t.Errorf("the minutes' header lacks %q: %q", want, head)
		}
	}
	b.screenshot("meeting-minutes")
	b.checkConsole()

	pages := b.minutesPDF(meetingID)
	if len(pages) != 1 {
		t.Errorf("the minutes of two resolutions take %d pages, want 1", len(pages))
	}
	first := pages[0]
	order := []string{"صورتجلسه", meetingBody, pdftest.Plain(meetingTitle), meetingPlace, meetingChair, meetingAbsentee,
		meetingAgenda, "مسئول اجرا", "مهلت اجرا", pdftest.Plain(meetingFirstRes), pdftest.Plain(meetingSecondRes), "امضای حاضران"}
	at := 0
	for _, want := range order {
		want = pdftest.Plain(want)
		i := strings.Index(first[at:], want)
		if i < 0 {
			t.Errorf("page 1 of the minutes lacks %q after what came before; its text:\n%s", want, first)
			continue
		}
		at += i
	}
	for _, want := range []string{"۱۴۰۳/۰۶/۳۱", "۱۴۰۳/۰۹/۳۰", women.NameFA, meetingAttendee, "۱۰:۳۰"} {
		if !strings.Contains(first, pdftest.Plain(want)) {
			t.Errorf("page 1 of the minutes lacks %q; its text:\n%s", want, first)
		}
	}
	// Every number in Persian digits, the agenda's numbering too.
	if latin := regexp.MustCompile(`[0-9]+`).FindAllString(first, -1); len(latin) > 0 {
		t.Errorf("Latin digits on the minutes: %q", latin)
	}
	// A signature line for the chair, the secretary and each of the three
	// present; none for the absent.
	if n := strings.Count(first, pdftest.Plain("عضو حاضر")); n != 3 {
		t.Errorf("%d signature lines of members present, want 3", n)
	}

	c := newCrawler(t, s.srv.URL)
	c.signIn("secretariat", demo.Password)
	for _, p := range []string{"/meetings", "/bodies", "/meetings/new", page, page + "/minutes", page + "/edit"} {
		c.check(p, http.StatusOK)
	}
	for _, v := range c.violations {
		t.Error(v)
	}
}

// minutesPDF downloads the minutes' PDF with the browser's session and
// returns the text of each page.
func (b *browser) minutesPDF(meetingID int64) []string {
	b.t.Helper()
	cookies := run(b, "read the session cookie", chromedp.Action[network.GetCookiesResult](
		func(ctx context.Context, t *chromedp.Target) (network.GetCookiesResult, error) {
			return chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{b.base}})
		}))
	req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/meetings/%d/minutes.pdf", b.base, meetingID), nil)
	for _, c := range cookies.Cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(data, []byte("%PDF")) {
		b.t.Fatalf("minutes.pdf: status %d, %s: %.200s", resp.StatusCode, resp.Header.Get("Content-Type"), data)
	}
	if err := os.WriteFile(filepath.Join(shotDir(b.t), "meeting-minutes.pdf"), data, 0o644); err != nil {
		b.t.Fatal(err)
	}
	// pdftotext ends every page with a form feed.
	pages := strings.Split(pdftest.Text(b.t, data), "\f")
	if n := len(pages); n > 1 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages
}
