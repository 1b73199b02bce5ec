package web_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/store/storetest"
)

// postMultipart sends a form with a file as a browser does.
func (c *workClient) postMultipart(path string, fields map[string]string, fileName string, content []byte) workResult {
	c.e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if fileName != "" {
		fw, err := mw.CreateFormFile("file", fileName)
		if err != nil {
			c.e.t.Fatal(err)
		}
		fw.Write(content)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.e.srv.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", c.e.srv.URL)
	return c.do(req, nil)
}

// createdID is the id in a redirect to /prefix/{id}.
func createdID(t *testing.T, r workResult, prefix string) int64 {
	t.Helper()
	if r.status != http.StatusSeeOther {
		t.Fatalf("status %d, want 303; body:\n%s", r.status, workExcerpt(r.body))
	}
	m := regexp.MustCompile(`^` + prefix + `(\d+)`).FindStringSubmatch(r.header.Get("Location"))
	if m == nil {
		t.Fatalf("redirected to %q, want %s{id}", r.header.Get("Location"), prefix)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// meetingRate is the closure rate the meeting page shows, as data-rate.
func meetingRate(t *testing.T, body string) string {
	t.Helper()
	m := regexp.MustCompile(`id="closure-rate"><span data-rate="([0-9.]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no closure rate on the meeting page:\n%s", workExcerpt(body))
	}
	return m[1]
}

// TestMeetingResolutionsWeb is issue 14's acceptance through the pages,
// on the engine the tests run on: the secretariat records a body, a
// meeting and two resolutions of its agenda item; the owner's request to
// close one without evidence is refused; with evidence it waits for the
// secretariat, who rejects it with a reason the owner is told, then
// accepts a second request; the closure rate follows; the other,
// overdue, shows on the follow-up board under its meeting.
func TestMeetingResolutionsWeb(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	sec, owner := e.as("secretariat"), e.as("reporter")
	women := e.unit("office-women-family")
	today := payesh.Today(workNow())

	bodyID := e.createBody(sec)
	meetingID := createdID(t, sec.post("/meetings", url.Values{
		"body_id": {fmt.Sprint(bodyID)}, "title": {"نخستین جلسهٔ فوق‌العادهٔ شورای معاونین"}, "number": {"۱"},
		"kind": {"extraordinary"}, "place": {"ساختمان مرکزی سازمان"}, "chair": {"مدیرعامل سازمان — رئیس شورا"},
		"attendees": {"معاون فرهنگی و اجتماعی — عضو\nمعاون درمان — عضو"}, "absentees": {"معاون فنی — عضو"},
	}, nil), "/meetings/")
	// The agenda item and the resolutions answer a clause picked on the page.
	picks := regexp.MustCompile(`name="clause_ids" value="(\d+)"`).FindStringSubmatch(sec.get(fmt.Sprintf("/meetings/%d", meetingID)).body)
	if picks == nil {
		t.Fatal("the meeting's forms offer no clause")
	}
	clause := picks[1]
	sec.post(fmt.Sprintf("/meetings/%d/agenda", meetingID), url.Values{"title": {"عملیاتی‌سازی سیاست‌های کلی تأمین اجتماعی"},
		"clause_ids": {clause}}, nil).want(t, http.StatusSeeOther)
	m, err := e.db.FindMeeting(storetest.System(), meetingID)
	if err != nil || len(m.Agenda) != 1 || !m.HeldOn.IsZero() || len(m.PeopleIn(payesh.RoleAttendee)) != 2 {
		t.Fatalf("meeting as recorded = %+v, %v; want undated, one agenda item, two attendees", m, err)
	}
	if got := fmt.Sprint(m.Agenda[0].ClauseIDs); got != "["+clause+"]" {
		t.Errorf("the agenda item answers clauses %s, want [%s]", got, clause)
	}
	addResolution := func(title string, due payesh.Date) int64 {
		r := sec.post(fmt.Sprintf("/meetings/%d/resolutions", meetingID), url.Values{"title": {title},
			"owner_unit_id": {fmt.Sprint(women.ID)}, "due_date": {due.JalaliString()}, "agenda_item_id": {fmt.Sprint(m.Agenda[0].ID)},
			"clause_ids": {clause}}, nil)
		r.want(t, http.StatusSeeOther)
		list, err := e.db.FindResolutions(storetest.System(), meetingID)
		if err != nil || len(list) == 0 {
			t.Fatalf("resolutions: %v", err)
		}
		if got := fmt.Sprint(list[len(list)-1].WorkItem.ClauseIDs); got != "["+clause+"]" {
			t.Errorf("resolution %q answers clauses %s, want [%s]", title, got, clause)
		}
		return list[len(list)-1].ID
	}
	first := addResolution("دبیرخانه‌ای دائمی برای پیگیری سیاست‌ها تشکیل شود", today.AddDays(60))
	late := addResolution("برنامهٔ عملیاتی پیشنهادی نهایی شود", today.AddDays(-20))

	page := fmt.Sprintf("/meetings/%d", meetingID)
	r := sec.get(page)
	r.want(t, http.StatusOK, "دبیرخانه‌ای دائمی", "برنامهٔ عملیاتی پیشنهادی", workFA("ui.meeting.undated"), workFA("ui.meeting.kind.extraordinary"))
	if got := meetingRate(t, r.body); got != "0" {
		t.Errorf("closure rate at the start = %s, want 0", got)
	}

	// The owner asks without evidence: refused, beside its form.
	closure := fmt.Sprintf("/work/%d/closure", first)
	version := fmt.Sprint(e.reload(first).Version)
	r = owner.post(closure, url.Values{"version": {version}, "note": {"انجام شد"}, "form": {fmt.Sprintf("closure-%d", first)}}, nil)
	r.want(t, http.StatusBadRequest, workFA("err.resolution.evidence"))
	// Marking it done by a plain update is refused too.
	owner.post(fmt.Sprintf("/work/%d/progress", first), url.Values{"status": {"done"}, "version": {version}}, nil).
		want(t, http.StatusBadRequest, workFA("err.resolution.close_by_request"))

	// With a file as evidence: it waits for the secretariat.
	owner.postMultipart(closure, map[string]string{"version": version, "note": "ابلاغ شد"}, "ابلاغیه.pdf",
		[]byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")).want(t, http.StatusSeeOther)
	if st := e.reload(first).Status; st == payesh.StatusDone {
		t.Fatal("the request closed the resolution before the secretariat accepted it")
	}
	r = sec.get(page)
	r.want(t, http.StatusOK, workFA("ui.closure.state.pending"), workFA("ui.closure.accept"))
	c := pendingClosure(t, e, first)
	if c.FileID == nil {
		t.Fatal("the evidence file was not kept with the request")
	}
	// The owner cannot decide its own request.
	owner.post(fmt.Sprintf("/closures/%d/accept", c.ID), url.Values{"version": {fmt.Sprint(c.Version)}, "meeting": {fmt.Sprint(meetingID)}}, nil).
		want(t, http.StatusForbidden)

	// Rejected: it goes back to the owner with the reason.
	reason := "نامهٔ ابلاغ به واحدها پیوست نشده است"
	sec.post(fmt.Sprintf("/closures/%d/reject", c.ID), url.Values{"version": {fmt.Sprint(c.Version)}, "meeting": {fmt.Sprint(meetingID)},
		"reason": {reason}}, nil).want(t, http.StatusSeeOther)
	owner.get("/notifications").want(t, http.StatusOK, reason)
	r = owner.get(page)
	r.want(t, http.StatusOK, workFA("ui.closure.state.rejected"), reason, fmt.Sprintf(`action="/work/%d/closure"`, first))
	if got := meetingRate(t, r.body); got != "0" {
		t.Errorf("closure rate after the rejection = %s, want 0", got)
	}

	// Asked again with a reference, accepted: closed, and the rate is 50 %.
	owner.post(closure, url.Values{"version": {fmt.Sprint(e.reload(first).Version)}, "evidence_ref": {"نامهٔ شمارهٔ ۱۲۳۴/۵ مورخ ۱۴۰۱/۰۳/۲۰"}}, nil).
		want(t, http.StatusSeeOther)
	c = pendingClosure(t, e, first)
	sec.post(fmt.Sprintf("/closures/%d/accept", c.ID), url.Values{"version": {fmt.Sprint(c.Version)}, "meeting": {fmt.Sprint(meetingID)}}, nil).
		want(t, http.StatusSeeOther)
	if st := e.reload(first).Status; st != payesh.StatusDone {
		t.Fatalf("accepted resolution is %s, want done", st)
	}
	if got := meetingRate(t, sec.get(page).body); got != "50" {
		t.Errorf("closure rate after one of two closed = %s, want 50", got)
	}
	r = sec.get("/meetings")
	r.want(t, http.StatusOK, `<span data-rate="50">۵۰٪</span>`)

	// The late one is on the follow-up board under its meeting; the
	// closed one is not.
	r = sec.get("/followup")
	r.want(t, http.StatusOK, workFA("ui.followup.by_meeting"))
	section := lateMeetingSection(t, r.body, meetingID)
	if !strings.Contains(section, fmt.Sprintf(`data-work="%d"`, late)) || strings.Contains(section, fmt.Sprintf(`data-work="%d"`, first)) {
		t.Errorf("the meeting's section on the board lists the wrong resolutions:\n%s", section)
	}
}

// createBody adds the council as the secretariat does, and returns it.
func (e *workEnv) createBody(sec *workClient) int64 {
	e.t.Helper()
	sec.post("/bodies", url.Values{"code": {"council-deputies"}, "name_fa": {"شورای معاونین سازمان"},
		"unit_id": {fmt.Sprint(e.unit("sso").ID)}, "members": {"مدیرعامل سازمان — رئیس شورا"}}, nil).want(e.t, http.StatusSeeOther)
	bodies, err := e.db.FindBodies(storetest.System())
	if err != nil || len(bodies) == 0 {
		e.t.Fatalf("bodies: %v", err)
	}
	for _, b := range bodies {
		if b.Code == "council-deputies" {
			return b.ID
		}
	}
	e.t.Fatal("the body was not created")
	return 0
}

// pendingClosure is the resolution's pending closure request.
func pendingClosure(t *testing.T, e *workEnv, item int64) *payesh.Closure {
	t.Helper()
	list, err := e.db.FindClosures(storetest.System(), item)
	if err != nil || len(list) == 0 || list[0].State != payesh.ClosurePending {
		t.Fatalf("closures of %d = %v, %v; want a pending one first", item, list, err)
	}
	return list[0]
}

// lateMeetingSection is the board's card of one meeting.
func lateMeetingSection(t *testing.T, body string, meeting int64) string {
	t.Helper()
	start := strings.Index(body, fmt.Sprintf(`data-late-meeting="%d"`, meeting))
	if start < 0 {
		t.Fatalf("the board has no section for meeting %d", meeting)
	}
	rest := body[start:]
	if end := strings.Index(rest, "</div>"); end >= 0 {
		rest = rest[:end]
	}
	return rest
}

// TestMeetingPagesRefuse: what only the secretariat may do is refused to
// others, and a partner that reads neither the council's work nor its
// resolutions does not see the meeting.
func TestMeetingPagesRefuse(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	sec := e.as("secretariat")
	bodyID := e.createBody(sec)
	meetingID := createdID(t, sec.post("/meetings", url.Values{"body_id": {fmt.Sprint(bodyID)}, "title": {"جلسهٔ دبیرخانه با مدیرعامل"}}, nil), "/meetings/")
	page := fmt.Sprintf("/meetings/%d", meetingID)
	for _, who := range []string{"reporter", "viewer"} {
		c := e.as(who)
		c.get(page).want(t, http.StatusOK)
		c.get(page).lacks(t, `id="resolution-form"`, `id="agenda-form"`)
		c.post(page+"/agenda", url.Values{"title": {"بند"}}, nil).want(t, http.StatusForbidden)
		c.post(page+"/resolutions", url.Values{"title": {"مصوبه"}}, nil).want(t, http.StatusForbidden)
		c.post("/meetings", url.Values{"body_id": {fmt.Sprint(bodyID)}, "title": {"جلسه"}, "held_on": {"bad"}}, nil).want(t, http.StatusForbidden)
	}
	e.as("university").get(page).want(t, http.StatusNotFound)
	// A malformed date is explained beside its field, the form kept.
	r := sec.post("/meetings", url.Values{"body_id": {fmt.Sprint(bodyID)}, "title": {"جلسهٔ بعد"}, "held_on": {"۱۴۰۱/۱۳/۴۰"}}, nil)
	r.want(t, http.StatusBadRequest, "جلسهٔ بعد")
	if workErrorBeside(r.body, "held_on") == "" {
		t.Error("no error beside the date")
	}
}
