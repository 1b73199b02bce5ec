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
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/pdf/pdftest"
	"payesh/internal/store/storetest"
)

// What the consultation test asks and answers, Persian as people write it.
const (
	consultTitle        = "نظرخواهی از حوزه‌ها دربارهٔ بندهای ۳ و ۸"
	consultWomenComment = "تحقق این بند به هماهنگی دستگاه‌های حمایتی وابسته است."
	consultWomenProp    = "پوشش بیمه‌ای زنان سرپرست خانوار به‌صراحت در متن بیاید."
	consultProvProp     = "نظام چندسطحی تأمین اجتماعی در استان‌ها آزموده شود."
)

// TestBrowserConsultation is the consultation's acceptance in a real
// browser: five units are asked about clauses 3 and 8 and two have sent
// their answers; the women and family affairs office's reporter saves a
// draft through the answer form (the 1–5 radios, a comment and a proposal
// with ZWNJs), comes back to it and sends it. The secretariat then reads
// three of five answered on the consultation's page, reminds the other
// two, finds the consultation on clause 3's page, and reads the
// consolidated view — 60 %, the agreement counts and the proposals by
// respondent — on screen and in the PDF printed by Chromium, whose text
// (pdftotext) is the Persian shaped right, in Persian digits only.
func TestBrowserConsultation(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := storetest.System()
	unit := func(code string) *payesh.OrgUnit {
		u, err := s.db.FindOrgUnitByCode(ctx, code)
		if err != nil {
			t.Fatalf("unit %s: %v", code, err)
		}
		return u
	}
	women, khorasan, universities := unit("office-women-family"), unit("prov-khorasan-razavi"), unit("partner-universities")
	invited := []int64{women.ID, khorasan.ID, universities.ID, unit("deputy-legal").ID, unit("prov-tehran-east").ID}
	docs, _, err := s.db.FindDocuments(ctx, payesh.DocumentFilter{Q: demo.DocumentCode})
	if err != nil || len(docs) == 0 {
		t.Fatalf("the policy: %v", err)
	}
	clauses, err := s.db.FindClauses(ctx, docs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var c3, c8 *payesh.Clause
	for _, c := range clauses {
		switch {
		case c.Number == "3" && c.ParentID == nil:
			c3 = c
		case c.Number == "8" && c.ParentID == nil:
			c8 = c
		}
	}
	if c3 == nil || c8 == nil {
		t.Fatal("the demo policy has no clauses 3 and 8")
	}
	user := func(name string) context.Context {
		u, err := s.db.FindUserByUsername(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		return payesh.WithUser(context.Background(), u)
	}
	c, err := s.db.CreateConsultation(user("secretariat"), payesh.ConsultationInput{Title: consultTitle,
		Description: "نظر کارشناسی حوزهٔ خود را دربارهٔ هر بند بنویسید.", ClauseIDs: []int64{c3.ID, c8.ID}, UnitIDs: invited,
		Deadline: payesh.NewDate(2024, 8, 10)})
	if err != nil {
		t.Fatal(err)
	}
	for who, answers := range map[string][]payesh.Answer{
		"province":   {{ClauseID: &c3.ID, Agreement: 4, Proposal: consultProvProp}, {ClauseID: &c8.ID, Agreement: 2}},
		"university": {{ClauseID: &c3.ID, Agreement: 2, Comment: "به پژوهش بیشتر نیاز است."}},
	} {
		if _, err := s.db.SaveResponse(user(who), c.ID, payesh.ResponseInput{Answers: answers, Submit: true}); err != nil {
			t.Fatalf("%s answers: %v", who, err)
		}
	}
	page := fmt.Sprintf("/consultations/%d", c.ID)

	// The office's reporter answers: a draft first, then sent.
	b := newBrowser(t, s.srv.URL)
	b.signIn("reporter", demo.Password)
	b.open("/")
	b.navigate("open the consultations", chromedp.Click(chromedp.CSS(`nav.mainnav a[href="/consultations"]`)))
	b.navigate("open the consultation", chromedp.Click(chromedp.CSS(fmt.Sprintf(`main a[href="%s"]`, page))))
	b.navigate("open the answer form", chromedp.Click(chromedp.CSS(`#mine a.button`)))
	if head := b.text("#answer-head"); !strings.Contains(head, women.NameFA) || !strings.Contains(head, "۱۴۰۳/۰۵/۲۰") {
		t.Errorf("the form does not say whom it answers for and by when: %q", head)
	}
	b.do("fill clause 3",
		chromedp.Click(chromedp.CSS(`input[name="a0.agreement"][value="5"]`)),
		chromedp.SetValue(chromedp.ID("f-0-comment"), consultWomenComment),
	)
	if st := b.submit("save a draft", `#save-draft`); st != http.StatusOK || !strings.Contains(b.text("main"), "پیش‌نویس پاسخ ذخیره شد") {
		t.Fatalf("saving the draft: status %d, %q", st, b.text("main"))
	}
	b.navigate("open the answer form again", chromedp.Click(chromedp.CSS(`#mine a.button`)))
	if got := eval[bool](b, `document.querySelector('input[name="a0.agreement"][value="5"]').checked`); !got {
		t.Error("the draft's agreement was not kept")
	}
	if got := eval[string](b, `document.getElementById('f-0-comment').value`); got != consultWomenComment {
		t.Errorf("the draft's comment = %q", got)
	}
	b.do("finish the answers",
		chromedp.SetValue(chromedp.ID("f-0-proposal"), consultWomenProp),
		chromedp.Click(chromedp.CSS(`input[name="a1.agreement"][value="4"]`)),
	)
	b.screenshot("consultation-answer")
	if st := b.submit("send the answers", `#send-answer`); st != http.StatusOK || !strings.Contains(b.text("#mine"), "ارسال‌شده") {
		t.Fatalf("sending: status %d, %q", st, b.text("main"))
	}
	b.checkConsole()

	// The secretariat: three of five, a reminder to the other two.
	sb := newBrowser(t, s.srv.URL)
	sb.signIn("secretariat", demo.Password)
	sb.open(page)
	if got := sb.text("#consult-answered"); !strings.Contains(got, "۳ از ۵") || !strings.Contains(got, "۶۰٪") {
		t.Errorf("answered on the page = %q, want ۳ از ۵ (۶۰٪)", got)
	}
	if n := eval[int](sb, `document.querySelectorAll('#invitees-table tr[data-state="submitted"]').length`); n != 3 {
		t.Errorf("%d invitees shown as answered, want 3", n)
	}
	sb.do("write the reminder", chromedp.SetValue(chromedp.ID("f-remind-note"), "مهلت پاسخ ۲۰ مرداد است."))
	if st := sb.submit("remind", `#remind-form button[type=submit]`); st != http.StatusOK {
		t.Fatalf("reminding: status %d", st)
	}
	after, err := s.db.FindConsultation(user("secretariat"), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, inv := range after.Invitees {
		if want := map[bool]int{true: 0, false: 1}[inv.State == payesh.ResponseSubmitted]; inv.Reminders != want {
			t.Errorf("%s (%s) was reminded %d times, want %d", inv.Name, inv.State, inv.Reminders, want)
		}
	}

	// Clause 3's page lists the open consultation.
	sb.open(fmt.Sprintf("/clauses/%d", c3.ID))
	if got := sb.text("#clause-open-consultations"); !strings.Contains(got, consultTitle) {
		t.Errorf("clause 3's page lacks the consultation: %q", got)
	}

	// The consolidated view.
	sb.open(page)
	sb.navigate("open the consolidated view", chromedp.Click(chromedp.CSS(`#consolidated-link`)))
	if got := sb.text("#consolidated-rate"); !strings.Contains(got, "۶۰٪") || !strings.Contains(got, "۳ از ۵") {
		t.Errorf("the round's response rate = %q", got)
	}
	for score, want := range map[int]string{1: "۰", 2: "۱", 3: "۰", 4: "۱", 5: "۱"} {
		if got := sb.text(fmt.Sprintf(`#dist-0 tr[data-score="%d"] td.num`, score)); got != want {
			t.Errorf("clause 3 scored %d by %q, want %s", score, got, want)
		}
	}
	if got := sb.text("#dist-0 [data-mean]"); !strings.Contains(got, "۳٫۷") {
		t.Errorf("clause 3's mean = %q, want ۳٫۷", got)
	}
	props := sb.text("#proposals-0")
	for _, want := range []string{consultWomenProp, consultProvProp, women.NameFA, khorasan.NameFA} {
		if !strings.Contains(props, want) {
			t.Errorf("clause 3's proposals lack %q: %q", want, props)
		}
	}
	sb.screenshot("consultation-consolidated")
	sb.checkConsole()

	data := sb.downloadPDF(fmt.Sprintf("/consultations/%d/consolidated.pdf", c.ID), "consultation-consolidated.pdf")
	// Lines wrap where the page is narrow: words are compared across them.
	oneLine := func(s string) string { return strings.Join(strings.Fields(pdftest.Plain(s)), " ") }
	text := oneLine(pdftest.Text(t, data))
	// pdftotext reads a lam-alef ligature back as «ال» and moves a
	// tanween or a hamza above, and orders digits and signs as it likes
	// beside Persian: the texts checked in order are free of them, the
	// rate is checked apart.
	order := []string{"جمع‌بندی نظرات", "نظرخواهی از حوزه‌ها درباره بندهای", "نرخ پاسخ", c3.TitleFA, "توزیع میزان موافقت",
		"میانگین", "پیشنهادهای", khorasan.NameFA, consultProvProp, women.NameFA, consultWomenProp, "نظرها", consultWomenComment, c8.TitleFA}
	if !strings.Contains(text, "۶۰٪") && !strings.Contains(text, "٪۶۰") {
		t.Errorf("the consolidated PDF lacks the rate ۶۰٪; its text:\n%s", text)
	}
	at := 0
	for _, want := range order {
		want = oneLine(want)
		i := strings.Index(text[at:], want)
		if i < 0 {
			t.Errorf("the consolidated PDF lacks %q after what came before; its text:\n%s", want, text)
			continue
		}
		at += i
	}
	if latin := regexp.MustCompile(`[0-9]+`).FindAllString(text, -1); len(latin) > 0 {
		t.Errorf("Latin digits in the consolidated PDF: %q", latin)
	}

	cr := newCrawler(t, s.srv.URL)
	cr.signIn("secretariat", demo.Password)
	for _, p := range []string{"/consultations", "/consultations/new", page, page + "/consolidated", fmt.Sprintf("/clauses/%d", c3.ID)} {
		cr.check(p, http.StatusOK)
	}
	rc := newCrawler(t, s.srv.URL)
	rc.signIn("reporter", demo.Password)
	rc.check(page+"/answer", http.StatusOK)
	for _, v := range append(cr.violations, rc.violations...) {
		t.Error(v)
	}
}

// downloadPDF downloads a PDF with the browser's session, keeps it in the
// screenshots' folder as name, and returns it.
func (b *browser) downloadPDF(path, name string) []byte {
	b.t.Helper()
	cookies := run(b, "read the session cookie", chromedp.Action[network.GetCookiesResult](
		func(ctx context.Context, t *chromedp.Target) (network.GetCookiesResult, error) {
			return chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{b.base}})
		}))
	req, _ := http.NewRequest(http.MethodGet, b.base+path, nil)
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
		b.t.Fatalf("%s: status %d, %s: %.200s", path, resp.StatusCode, resp.Header.Get("Content-Type"), data)
	}
	if err := os.WriteFile(filepath.Join(shotDir(b.t), name), data, 0o644); err != nil {
		b.t.Fatal(err)
	}
	return data
}
