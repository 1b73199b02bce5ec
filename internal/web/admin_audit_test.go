package web_test

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/jalali"
	"payesh/internal/store/storetest"
	"payesh/internal/web"
)

// auditEventIDs are the event ids of the log's table, in order.
func auditEventIDs(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<td class="num"><span dir="ltr">([۰-۹]+)</span></td>`).FindAllStringSubmatch(body, -1) {
		out = append(out, jalali.ToLatinDigits(m[1]))
	}
	return out
}

// auditWant lists the ids of the events filter f finds in the store.
func (e *workEnv) auditWant(f payesh.AuditFilter) []string {
	e.t.Helper()
	f.Limit = payesh.MaxLimit
	events, _, err := e.db.FindAuditEvents(storetest.System(), f)
	if err != nil {
		e.t.Fatal(err)
	}
	out := []string{}
	for _, ev := range events {
		out = append(out, fmt.Sprint(ev.ID))
	}
	return out
}

// auditFixture has the reporter report progress on a demo item, so the log
// has a person's events besides the demo's.
func auditFixture(t *testing.T, e *workEnv) (*payesh.User, *payesh.WorkItem) {
	t.Helper()
	rep, repCtx := e.userCtx("reporter")
	item := e.item("women-c8-hq")
	p := 55.0
	if _, _, err := e.db.PostProgress(repCtx, item.ID, payesh.ProgressUpdateInput{Progress: &p, Note: "پیشرفت فصل", Version: item.Version}); err != nil {
		t.Fatal(err)
	}
	return rep, item
}

// TestAuditSearch: the admin searches the log by actor, action, object and
// Jalali dates typed in Persian digits; each row links to its object's
// history; bad values are named and left out.
func TestAuditSearch(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	rep, item := auditFixture(t, e)
	c := e.as("admin")
	today := payesh.Today(workNow())
	todayFA := jalali.ToPersianDigits(today.JalaliString())
	yesterdayFA := jalali.ToPersianDigits(today.AddDays(-1).JalaliString())

	cases := []struct {
		name  string
		query url.Values
		f     payesh.AuditFilter
	}{
		{"actor", url.Values{"actor": {fmt.Sprint(rep.ID)}}, payesh.AuditFilter{ActorID: rep.ID}},
		{"action", url.Values{"action": {"progress"}}, payesh.AuditFilter{Action: payesh.ActionProgress}},
		{"object", url.Values{"entity": {"work_item"}, "entity_id": {jalali.ToPersianDigits(fmt.Sprint(item.ID))}},
			payesh.AuditFilter{Entity: "work_item", EntityID: item.ID}},
		{"today", url.Values{"from": {todayFA}, "to": {todayFA}, "action": {"progress"}},
			payesh.AuditFilter{From: today, To: today, Action: payesh.ActionProgress}},
		{"before today", url.Values{"to": {yesterdayFA}}, payesh.AuditFilter{To: today.AddDays(-1)}},
		{"text", url.Values{"q": {"پیشرفت فصل"}}, payesh.AuditFilter{Q: "پیشرفت فصل"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			want := e.auditWant(tc.f)
			r := c.get("/admin/audit?limit=500&" + tc.query.Encode())
			r.want(t, http.StatusOK)
			if got := auditEventIDs(r.body); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("events %v, want %v", got, want)
			}
		})
	}
	// The reporter's progress is one event, today, linked to the item's
	// history.
	if got := e.auditWant(payesh.AuditFilter{ActorID: rep.ID, Action: payesh.ActionProgress, From: today, To: today}); len(got) != 1 {
		t.Fatalf("reporter's progress today: %v", got)
	}
	if got := e.auditWant(payesh.AuditFilter{To: today.AddDays(-1)}); len(got) != 0 {
		t.Errorf("events before today: %v", got)
	}
	r := c.get(fmt.Sprintf("/admin/audit?actor=%d", rep.ID))
	r.want(t, http.StatusOK, fmt.Sprintf(`href="/history/work_item/%d"`, item.ID), workFA("ui.history.action.progress"),
		fmt.Sprintf(`href="/admin/audit.csv?actor=%d"`, rep.ID))

	// Bad values: named beside their fields, left out of the search.
	bad := c.get("/admin/audit?entity_id=abc&from=" + url.QueryEscape("۱۴۰۳/۱۳/۰۱") + "&action=steal&to=" + url.QueryEscape(yesterdayFA))
	bad.want(t, http.StatusOK, `aria-errormessage="e-entity_id"`, `aria-errormessage="e-from"`, `aria-errormessage="e-action"`,
		workFA("ui.audit.ignored"), `value="abc"`)
}

// TestAuditCSV: the export has the BOM Excel needs, a header row and the
// rows of the same filter, as an attachment.
func TestAuditCSV(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	rep, item := auditFixture(t, e)
	c := e.as("admin")
	r := c.get(fmt.Sprintf("/admin/audit.csv?actor=%d", rep.ID))
	r.want(t, http.StatusOK)
	if ct := r.header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := r.header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="payesh-audit-`) {
		t.Errorf("Content-Disposition %q", cd)
	}
	if !strings.HasPrefix(r.body, "\uFEFF") {
		t.Fatal("no byte order mark")
	}
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := []string{"شناسه", "زمان (ISO)", "زمان (شمسی)", "کاربر", "نوع مورد", "شناسهٔ مورد", "عمل", "پیش از تغییر", "پس از تغییر"}
	if fmt.Sprint(records[0]) != fmt.Sprint(header) {
		t.Errorf("header %q", records[0])
	}
	want := e.auditWant(payesh.AuditFilter{ActorID: rep.ID})
	if len(records)-1 != len(want) {
		t.Fatalf("%d rows, want %d", len(records)-1, len(want))
	}
	for i, rec := range records[1:] {
		if rec[0] != want[i] || rec[3] != "reporter" {
			t.Errorf("row %d: %q, want event %s by reporter", i, rec, want[i])
		}
	}
	progress := records[1]
	jday := payesh.Today(workNow()).JalaliString()
	if progress[4] != "work_item" || progress[5] != fmt.Sprint(item.ID) || progress[6] != "progress" ||
		!strings.HasPrefix(progress[2], jday) || !strings.Contains(progress[1], "+03:30") ||
		!strings.Contains(progress[8], `"progress":55`) {
		t.Errorf("progress row %q", progress)
	}
}

// TestAuditCSVPaged: the export reads the log a page at a time and writes
// every event once, newest first, however the pages fall. Not parallel:
// it shrinks the export's page.
func TestAuditCSVPaged(t *testing.T) {
	e := newWorkEnv(t)
	auditFixture(t, e)
	defer web.SetAuditCSVPage(7)()
	want := e.auditWant(payesh.AuditFilter{})
	r := e.as("admin").get("/admin/audit.csv")
	r.want(t, http.StatusOK)
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, row := range rows[1:] {
		got = append(got, row[0])
	}
	if len(want) < 15 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("export of %d events has %d rows:\n%v\nwant\n%v", len(want), len(got), got, want)
	}
}

// TestAuditForbidden: only admins open the log and its export.
func TestAuditForbidden(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	for _, who := range []string{"secretariat", "reporter", "viewer"} {
		c := e.as(who)
		c.get("/admin/audit").want(t, http.StatusForbidden)
		r := c.get("/admin/audit.csv")
		r.want(t, http.StatusForbidden)
		r.lacks(t, "\uFEFF")
	}
}
