package web_test

import (
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/jalali"
	"payesh/internal/store/storetest"
)

// historyEventOf returns the HTML of the first (newest) event of action
// on a history page.
func historyEventOf(t *testing.T, body, action string) string {
	t.Helper()
	i := strings.Index(body, `<h2 style="font-size:1rem; margin:0">`+action+`</h2>`)
	if i < 0 {
		t.Fatalf("no %q event on the page:\n%s", action, workExcerpt(body))
	}
	rest := body[i:]
	if j := strings.Index(rest, "</li>"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// changeRow matches one row of the changes table: label, before, after.
func changeRow(label string) *regexp.Regexp {
	return regexp.MustCompile(`<th scope="row"[^>]*>` + regexp.QuoteMeta(label) +
		`</th>\s*<td[^>]*><del[^>]*><bdi>([^<]*)</bdi></del></td><td[^>]*><ins[^>]*><bdi>([^<]*)</bdi></ins></td>`)
}

// TestHistoryWorkItemEdit: after the secretariat edits a work item's title
// and due date (a reporter could only ask for the date), its history shows
// who did it, when, and just the fields that changed, before → after,
// dates in Jalali with Persian digits; the creation lists the whole row.
func TestHistoryWorkItemEdit(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	_, repCtx := e.userCtx("reporter")
	item := &payesh.WorkItem{Kind: payesh.KindAction, Title: "تهیهٔ گزارش وضعیت زنان سرپرست خانوار",
		OwnerUnitID: e.unit("office-women-family").ID, DueDate: payesh.NewDate(2025, 3, 20)}
	if err := e.db.CreateWorkItem(repCtx, item); err != nil {
		t.Fatal(err)
	}
	title, due := "تهیهٔ گزارش وضعیت زنان سرپرست خانوار در استان‌ها", payesh.NewDate(2025, 6, 21)
	_, secCtx := e.userCtx("secretariat")
	if _, err := e.db.UpdateWorkItem(secCtx, item.ID, payesh.WorkItemUpdate{Title: &title, DueDate: &due, Version: item.Version}); err != nil {
		t.Fatal(err)
	}

	r := e.as("viewer").get(fmt.Sprintf("/history/work_item/%d", item.ID))
	r.want(t, http.StatusOK, workFA("ui.history.title"), fmt.Sprintf(`href="/work/%d"`, item.ID), html.EscapeString(title))
	edit := historyEventOf(t, r.body, workFA("ui.history.action.update"))
	if !strings.Contains(edit, "secretariat") {
		t.Error("the edit does not say who made it")
	}
	if today := jalali.ToPersianDigits(payesh.Today(workNow()).JalaliString()); !strings.Contains(edit, today) {
		t.Errorf("the edit does not say when (%s)", today)
	}
	m := changeRow(workFA("ui.history.field.title")).FindStringSubmatch(edit)
	if m == nil || html.UnescapeString(m[1]) != item.Title || html.UnescapeString(m[2]) != title {
		t.Errorf("title change %q, want %q → %q\n%s", m, item.Title, title, edit)
	}
	m = changeRow(workFA("ui.history.field.due_date")).FindStringSubmatch(edit)
	if m == nil || m[1] != "۱۴۰۳/۱۲/۳۰" || m[2] != "۱۴۰۴/۰۳/۳۱" {
		t.Errorf("due date change %q, want ۱۴۰۳/۱۲/۳۰ → ۱۴۰۴/۰۳/۳۱", m)
	}
	// Only what changed: not the owner, nor the bookkeeping.
	for _, f := range []string{"ui.history.field.owner_unit_id", "ui.history.field.status"} {
		if strings.Contains(edit, ">"+workFA(f)+"<") {
			t.Errorf("unchanged %s listed in the edit", f)
		}
	}
	if strings.Contains(edit, ">version<") || strings.Contains(edit, ">updated_at<") {
		t.Error("bookkeeping fields listed in the edit")
	}
	// The creation lists the row: the owner by name, the status by label.
	created := historyEventOf(t, r.body, workFA("ui.history.action.create"))
	for _, s := range []string{e.unit("office-women-family").NameFA, workFA("ui.status.not_started"), workFA("ui.history.caption.created")} {
		if !strings.Contains(created, s) {
			t.Errorf("the creation lacks %q", s)
		}
	}
	// The item's page links its history.
	e.as("viewer").get(fmt.Sprintf("/work/%d", item.ID)).want(t, http.StatusOK, fmt.Sprintf(`href="/history/work_item/%d"`, item.ID))
}

// TestHistoryAccess: a history is shown to whoever may read its object,
// and refused (403) to whoever may not; an unknown entity or object is a
// missing page; a deleted item's trail stays with the secretariat.
func TestHistoryAccess(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	reporter, _ := e.userCtx("reporter")
	admin, _ := e.userCtx("admin")
	sso := e.unit("sso")
	round := &payesh.Round{Title: "گزارش فصل بهار ۱۴۰۳", Period: "1403Q1", Deadline: payesh.NewDate(2024, 7, 1), UnitIDs: []int64{sso.ID}}
	if err := e.db.CreateRound(storetest.System(), round); err != nil {
		t.Fatal(err)
	}
	reports, _, err := e.db.FindReports(storetest.System(), payesh.ReportFilter{RoundID: round.ID})
	if err != nil || len(reports) != 1 {
		t.Fatalf("reports: %v %v", reports, err)
	}
	report := reports[0]

	rep, adm, sec := e.as("reporter"), e.as("admin"), e.as("secretariat")
	cases := []struct {
		c      *workClient
		who    string
		path   string
		status int
	}{
		{rep, "reporter", fmt.Sprintf("/history/user/%d", admin.ID), http.StatusForbidden},
		{rep, "reporter", fmt.Sprintf("/history/user/%d", reporter.ID), http.StatusOK},
		{adm, "admin", fmt.Sprintf("/history/user/%d", reporter.ID), http.StatusOK},
		{rep, "reporter", fmt.Sprintf("/history/report/%d", report.ID), http.StatusNotFound}, // another unit's report
		{sec, "secretariat", fmt.Sprintf("/history/report/%d", report.ID), http.StatusOK},
		{rep, "reporter", fmt.Sprintf("/history/round/%d", round.ID), http.StatusOK},
		{rep, "reporter", fmt.Sprintf("/history/org_unit/%d", sso.ID), http.StatusOK},
		{rep, "reporter", "/history/work-item/1", http.StatusNotFound},
		{rep, "reporter", "/history/evidence/1", http.StatusNotFound},
		{rep, "reporter", "/history/work_item/999999", http.StatusNotFound},
		{adm, "admin", "/history/work_item/999999", http.StatusNotFound},
		{rep, "reporter", "/history/work_item/abc", http.StatusNotFound},
	}
	for _, tc := range cases {
		r := tc.c.get(tc.path)
		if r.status != tc.status {
			t.Errorf("%s GET %s: %d, want %d", tc.who, tc.path, r.status, tc.status)
		}
	}

	// Deleted, an item's history is the secretariat's, with the deletion.
	item := e.item("women-c8-hq")
	if err := e.db.DeleteWorkItem(storetest.System(), item.ID, item.Version); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/history/work_item/%d", item.ID)
	rep.get(path).want(t, http.StatusNotFound)
	r := sec.get(path)
	r.want(t, http.StatusOK, jalali.ToPersianDigits(fmt.Sprintf("شمارهٔ %d (حذف‌شده)", item.ID)), workFA("ui.history.caption.deleted"))
	historyEventOf(t, r.body, workFA("ui.history.action.delete"))
}
