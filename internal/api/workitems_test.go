package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"testing"
	"time"

	"payesh"
)

// workList is the decoded envelope of GET /work-items.
type workList struct {
	Items       []workItemJSON `json:"items"`
	Total       int            `json:"total"`
	TotalCapped bool           `json:"total_capped"`
	Limit       int            `json:"limit"`
	Offset      int            `json:"offset"`
}

// wireItem is a work item as the wire shows it, Jalali fields included.
type wireItem struct {
	payesh.WorkItem
	StartJalali *string `json:"start_date_jalali"`
	DueJalali   *string `json:"due_date_jalali"`
	DoneJalali  *string `json:"done_date_jalali"`
}

func ids(items []workItemJSON) []int64 {
	out := make([]int64, len(items))
	for i, w := range items {
		out[i] = w.ID
	}
	return out
}

func TestWorkItemLifecycle(t *testing.T) {
	e := newEnv(t)
	body := map[string]any{
		"kind": "program", "title": "برنامه ي توسعه", "owner_unit_id": e.unit["prov-a"].ID,
		"partner_unit_ids": []int64{e.unit["prov-b"].ID},
		"start_date":       "2024-03-20", "due_date": "2025-03-20", "weight": 2,
	}
	r := e.do("POST", apiPath("/work-items"), "sec", body)
	var w wireItem
	e.ok(r, http.StatusCreated, &w)
	if loc := r.header.Get("Location"); loc != apiPath("/work-items/%d", w.ID) {
		t.Errorf("Location %q", loc)
	}
	if w.Title != "برنامه ی توسعه" {
		t.Errorf("title not normalized: %q", w.Title)
	}
	if w.StartJalali == nil || *w.StartJalali != "1403/01/01" || w.DueJalali == nil || *w.DueJalali != "1403/12/30" || w.DoneJalali != nil {
		t.Errorf("jalali dates %v %v %v", w.StartJalali, w.DueJalali, w.DoneJalali)
	}
	if w.Status != payesh.StatusNotStarted || w.Version != 1 || w.CreatedBy == nil || *w.CreatedBy != e.user["sec"].ID {
		t.Errorf("created %+v", w.WorkItem)
	}

	var got wireItem
	e.ok(e.do("GET", apiPath("/work-items/%d", w.ID), "viewer", nil), http.StatusOK, &got)
	if got.ID != w.ID || got.DueJalali == nil || *got.DueJalali != "1403/12/30" {
		t.Errorf("get %+v", got)
	}

	e.ok(e.do("PATCH", apiPath("/work-items/%d", w.ID), "sec", map[string]any{"due_date": nil, "title": "برنامه", "version": 1}), http.StatusOK, &got)
	if got.Version != 2 || got.Title != "برنامه" || !got.DueDate.IsZero() || got.DueJalali != nil {
		t.Errorf("patched %+v", got)
	}

	var pr struct {
		Update   payesh.ProgressUpdate `json:"update"`
		WorkItem wireItem              `json:"work_item"`
	}
	e.ok(e.do("POST", apiPath("/work-items/%d/updates", w.ID), "sec", map[string]any{"progress": 100, "note": "پایان", "version": 2}), http.StatusCreated, &pr)
	if pr.WorkItem.Status != payesh.StatusDone || pr.WorkItem.Progress != 100 || pr.WorkItem.DoneJalali == nil || *pr.WorkItem.DoneJalali != "1403/03/12" {
		t.Errorf("after progress %+v", pr.WorkItem)
	}
	if pr.Update.AuthorID == nil || *pr.Update.AuthorID != e.user["sec"].ID || pr.Update.Note != "پایان" {
		t.Errorf("update %+v", pr.Update)
	}
	var history struct{ Items []payesh.ProgressUpdate }
	e.ok(e.do("GET", apiPath("/work-items/%d/updates", w.ID), "viewer", nil), http.StatusOK, &history)
	if len(history.Items) != 1 {
		t.Errorf("history %+v", history.Items)
	}

	r = e.do("DELETE", apiPath("/work-items/%d?version=%d", w.ID, pr.WorkItem.Version), "sec", nil)
	e.ok(r, http.StatusNoContent, nil)
	e.ok(e.do("GET", apiPath("/work-items/%d", w.ID), "sec", nil), http.StatusNotFound, nil)

	// Every write left its audit row, readable through the API.
	var audit struct {
		Items []payesh.AuditEvent
		Total int
	}
	e.ok(e.do("GET", apiPath("/audit?entity=work_item&entity_id=%d", w.ID), "admin", nil), http.StatusOK, &audit)
	var actions []string
	for _, ev := range audit.Items {
		actions = append(actions, ev.Action)
		if ev.ActorID == nil || *ev.ActorID != e.user["sec"].ID {
			t.Errorf("audit %s actor %v", ev.Action, ev.ActorID)
		}
	}
	slices.Sort(actions)
	if want := []string{"create", "delete", "progress", "update"}; !slices.Equal(actions, want) || audit.Total != 4 {
		t.Errorf("audit actions %v (total %d), want %v", actions, audit.Total, want)
	}
	// The audit search's own filters: one action, a day range (the test
	// clock's day, 2024-06-01 in Tehran), text in the row.
	for _, tt := range []struct {
		query string
		want  int
	}{
		{"action=update", 1},
		{"from=2024-06-01&to=2024-06-01", 4},
		{"from=2024-06-02", 0},
		{"q=" + url.QueryEscape("توسعه"), 2}, // the old title, before and after its change
	} {
		e.ok(e.do("GET", apiPath("/audit?entity=work_item&entity_id=%d&%s", w.ID, tt.query), "admin", nil), http.StatusOK, &audit)
		if audit.Total != tt.want {
			t.Errorf("audit ?%s: %d events, want %d", tt.query, audit.Total, tt.want)
		}
	}
	e.ok(e.do("GET", apiPath("/audit?from=2024-13-01"), "admin", nil), http.StatusBadRequest, nil)
	e.ok(e.do("GET", apiPath("/audit?action=Drop%%20table"), "admin", nil), http.StatusBadRequest, nil)
}

func TestClauseLinks(t *testing.T) {
	e := newEnv(t)
	f := newFixture(e)
	url := apiPath("/work-items/%d/clauses/%d", f.sub.ID, f.clause.ID)
	var w wireItem
	e.ok(e.do("PUT", url, "reporter", nil), http.StatusOK, &w)
	if !slices.Contains(w.ClauseIDs, f.clause.ID) || w.Version != f.sub.Version+1 {
		t.Errorf("linked %+v", w.WorkItem)
	}
	e.ok(e.do("PUT", url, "reporter", nil), http.StatusOK, &w) // idempotent
	var list workList
	e.ok(e.do("GET", apiPath("/work-items?clause=%d", f.clause.ID), "viewer", nil), http.StatusOK, &list)
	if !slices.Equal(ids(list.Items), []int64{f.sub.ID}) {
		t.Errorf("by clause %v", ids(list.Items))
	}
	var c payesh.Clause
	e.ok(e.do("GET", apiPath("/clauses/%d", f.clause.ID), "viewer", nil), http.StatusOK, &c)
	if c.WorkCount != 1 {
		t.Errorf("work_count %d", c.WorkCount)
	}
	e.ok(e.do("DELETE", url, "reporter", nil), http.StatusOK, &w)
	if len(w.ClauseIDs) != 0 {
		t.Errorf("unlinked %+v", w.ClauseIDs)
	}
	if n := e.auditCount("work_item", f.sub.ID, payesh.ActionLink) + e.auditCount("work_item", f.sub.ID, payesh.ActionUnlink); n != 2 {
		t.Errorf("%d link audit rows, want 2", n)
	}
}

func TestVersionConflict(t *testing.T) {
	e := newEnv(t)
	f := newFixture(e)
	url := apiPath("/work-items/%d", f.other.ID)
	e.ok(e.do("PATCH", url, "sec", map[string]any{"title": "اول", "version": f.other.Version}), http.StatusOK, nil)
	before := e.fingerprint()
	r := e.do("PATCH", url, "admin", map[string]any{"title": "دوم", "version": f.other.Version}, "Accept-Language", "en")
	if r.status != http.StatusConflict {
		t.Fatalf("second patch: %d %s", r.status, r.body)
	}
	ae := r.apiError()
	var current wireItem
	if err := json.Unmarshal(ae.Error.Current, &current); err != nil {
		t.Fatalf("current: %v in %s", err, r.body)
	}
	if ae.Error.Code != "conflict" || current.Title != "اول" || current.Version != f.other.Version+1 || current.DueJalali == nil {
		t.Errorf("conflict body %s", r.body)
	}
	if e.fingerprint() != before {
		t.Error("the refused patch changed the database")
	}
	// The same holds for org units, documents and users.
	unit := e.unit["prov-b"]
	e.ok(e.do("PATCH", apiPath("/org-units/%d", unit.ID), "sec", map[string]any{"name_en": "B", "version": unit.Version}), http.StatusOK, nil)
	r = e.do("PATCH", apiPath("/org-units/%d", unit.ID), "sec", map[string]any{"name_en": "C", "version": unit.Version})
	if r.status != http.StatusConflict || r.apiError().Error.Current == nil {
		t.Errorf("unit conflict: %d %s", r.status, r.body)
	}
}

func TestOverdueFilter(t *testing.T) {
	e := newEnv(t)
	today := payesh.Today(testNow) // 2024-06-01
	late := e.addWork("دیرکرد", "prov-a", nil, today.AddDays(-1), 1)
	dueToday := e.addWork("سررسید امروز", "prov-a", nil, today, 1)
	later := e.addWork("آینده", "prov-b", nil, today.AddDays(30), 1)
	lateDone := e.addWork("دیر ولی انجام‌شده", "prov-b", nil, today.AddDays(-10), 1)
	noDue := e.addWork("بی‌سررسید", "prov-b", nil, payesh.Date{}, 1)
	e.ok(e.do("POST", apiPath("/work-items/%d/updates", lateDone.ID), "admin", map[string]any{"status": "done", "version": lateDone.Version}), http.StatusCreated, nil)

	check := func(query string, want ...*payesh.WorkItem) {
		t.Helper()
		var list workList
		e.ok(e.do("GET", apiPath("/work-items?sort=id&%s", query), "viewer", nil), http.StatusOK, &list)
		var wantIDs []int64
		for _, w := range want {
			wantIDs = append(wantIDs, w.ID)
		}
		if got := ids(list.Items); !slices.Equal(got, wantIDs) || list.Total != len(want) {
			t.Errorf("%s: got %v (total %d), want %v", query, got, list.Total, wantIDs)
		}
	}
	check("overdue=true", late)
	check("overdue=false", dueToday, later, lateDone, noDue)
	check("due_before=2024-06-01", late, lateDone)
	check("due_after=2024-06-01", later)
	check("status=done", lateDone)
	check("status=not_started,done&due_before=2024-06-02", late, dueToday, lateDone)
	check("unit="+strconv.FormatInt(e.unit["prov-a"].ID, 10), late, dueToday)

	var w wireItem
	e.ok(e.do("GET", apiPath("/work-items/%d", late.ID), "viewer", nil), http.StatusOK, &w)
	if !w.Overdue {
		t.Error("late item not marked overdue")
	}
	// The clock moves on and "due today" becomes overdue.
	e.clock.Add(24 * time.Hour)
	check("overdue=true", late, dueToday)
}

func TestRollUpThroughAPI(t *testing.T) {
	e := newEnv(t)
	var parent, light, heavy wireItem
	e.ok(e.do("POST", apiPath("/work-items"), "sec", map[string]any{"kind": "program", "title": "والد", "owner_unit_id": e.unit["org"].ID}), http.StatusCreated, &parent)
	for _, c := range []struct {
		w      *wireItem
		weight float64
	}{{&light, 1}, {&heavy, 3}} {
		e.ok(e.do("POST", apiPath("/work-items"), "sec", map[string]any{
			"kind": "action", "title": fmt.Sprintf("وزن %v", c.weight), "owner_unit_id": e.unit["prov-a"].ID,
			"parent_id": parent.ID, "weight": c.weight,
		}), http.StatusCreated, c.w)
	}
	e.ok(e.do("POST", apiPath("/work-items/%d/updates", light.ID), "reporter", map[string]any{"progress": 100, "version": light.Version}), http.StatusCreated, nil)
	e.ok(e.do("GET", apiPath("/work-items/%d", parent.ID), "viewer", nil), http.StatusOK, &parent)
	if parent.Progress != 25 || parent.ChildCount != 2 {
		t.Errorf("parent progress %v with %d children, want 25 with 2", parent.Progress, parent.ChildCount)
	}
	var list workList
	e.ok(e.do("GET", apiPath("/work-items?parent=%d&sort=-progress", parent.ID), "viewer", nil), http.StatusOK, &list)
	if !slices.Equal(ids(list.Items), []int64{light.ID, heavy.ID}) {
		t.Errorf("children by progress: %v", ids(list.Items))
	}
	e.ok(e.do("GET", apiPath("/work-items?parent=root"), "viewer", nil), http.StatusOK, &list)
	if !slices.Equal(ids(list.Items), []int64{parent.ID}) {
		t.Errorf("roots: %v", ids(list.Items))
	}
	// Detaching the unfinished child (null clears parent_id) leaves the
	// parent at its finished child's 100.
	e.ok(e.do("GET", apiPath("/work-items/%d", heavy.ID), "sec", nil), http.StatusOK, &heavy)
	e.ok(e.do("PATCH", apiPath("/work-items/%d", heavy.ID), "sec", map[string]any{"parent_id": nil, "version": heavy.Version}), http.StatusOK, &heavy)
	e.ok(e.do("GET", apiPath("/work-items/%d", parent.ID), "viewer", nil), http.StatusOK, &parent)
	if heavy.ParentID != nil || parent.Progress != 100 || parent.ChildCount != 1 {
		t.Errorf("after detach: child parent %v, parent progress %v with %d children", heavy.ParentID, parent.Progress, parent.ChildCount)
	}
}

func TestPagination(t *testing.T) {
	e := newEnv(t)
	due := payesh.NewDate(2024, 7, 1)
	var all []int64
	for i := range 7 {
		// Equal due dates, so the order must come from the id tiebreak.
		all = append(all, e.addWork(fmt.Sprintf("کار %d", i), "prov-a", nil, due, 1).ID)
	}
	for _, sort := range []string{"id", "due_date", "-due_date", "title"} {
		var seen []int64
		for offset := 0; offset < 9; offset += 3 {
			var page workList
			e.ok(e.do("GET", apiPath("/work-items?limit=3&offset=%d&sort=%s", offset, sort), "viewer", nil), http.StatusOK, &page)
			if page.Total != 7 || page.Limit != 3 || page.Offset != offset {
				t.Errorf("sort %s offset %d: total %d limit %d offset %d", sort, offset, page.Total, page.Limit, page.Offset)
			}
			if want := min(3, 7-offset); len(page.Items) != want {
				t.Errorf("sort %s offset %d: %d items, want %d", sort, offset, len(page.Items), want)
			}
			seen = append(seen, ids(page.Items)...)
		}
		sorted := slices.Sorted(slices.Values(seen))
		if !slices.Equal(sorted, all) {
			t.Errorf("sort %s: pages gave %v, want each of %v once", sort, seen, all)
		}
	}
	var page workList
	e.ok(e.do("GET", apiPath("/work-items?offset=100"), "viewer", nil), http.StatusOK, &page)
	if page.Items == nil || len(page.Items) != 0 || page.Total != 7 || page.Limit != payesh.DefaultLimit {
		t.Errorf("past the end: %+v", page)
	}
	r := e.do("GET", apiPath("/work-items?offset=100"), "viewer", nil)
	if !json.Valid(r.body) || !containsAll(string(r.body), `"items":[]`) {
		t.Errorf("empty page must be []: %s", r.body)
	}
	// Org units page the same way.
	var units listJSON
	e.ok(e.do("GET", apiPath("/org-units?limit=2&offset=2"), "viewer", nil), http.StatusOK, &units)
	if units.Total != 4 || len(units.Items.([]any)) != 2 {
		t.Errorf("units page: %+v", units)
	}
}

// changeResult is the answer of an approval or rejection.
type changeResult struct {
	Change   payesh.WorkChange `json:"change"`
	WorkItem *wireItem         `json:"work_item"`
}

// TestReplanningThroughAPI: a reporter's due-date and weight change is a
// pending request, the secretariat approves one and rejects another, and
// both steps are in the item's history.
func TestReplanningThroughAPI(t *testing.T) {
	e := newEnv(t)
	today := payesh.Today(testNow)
	prog := e.addWork("برنامه", "org", nil, payesh.Date{}, 1)
	action := e.addWork("اقدام استان", "prov-a", prog, today.AddDays(10), 1)

	patch := map[string]any{"due_date": "2030-03-20", "weight": 50, "title": "اقدام استان (بازنگری)", "version": action.Version}
	r := e.do("PATCH", apiPath("/work-items/%d", action.ID), "reporter", patch)
	if r.status != http.StatusBadRequest || r.apiError().Error.Fields["change_reason"] == "" {
		t.Fatalf("no reason: %d %s", r.status, r.body)
	}
	patch["change_reason"] = "تأخیر در تأمین اعتبار"
	var w wireItem
	e.ok(e.do("PATCH", apiPath("/work-items/%d", action.ID), "reporter", patch), http.StatusOK, &w)
	c := w.PendingChange
	if w.DueDate.String() != today.AddDays(10).String() || w.Weight != 1 || w.Title != "اقدام استان (بازنگری)" ||
		c == nil || c.DueDate.String() != "2030-03-20" || c.Weight == nil || *c.Weight != 50 {
		t.Fatalf("after the reporter's edit: due %s weight %v title %q change %+v", w.DueDate, w.Weight, w.Title, c)
	}

	var queue struct {
		Items []payesh.WorkChange `json:"items"`
		Total int                 `json:"total"`
	}
	e.ok(e.do("GET", apiPath("/work-changes"), "sec", nil), http.StatusOK, &queue)
	if queue.Total != 1 || queue.Items[0].ID != c.ID || queue.Items[0].Reason != "تأخیر در تأمین اعتبار" {
		t.Fatalf("queue = %+v", queue)
	}
	e.ok(e.do("GET", apiPath("/work-changes"), "reporter", nil), http.StatusForbidden, nil)
	e.ok(e.do("POST", apiPath("/work-changes/%d/approve", c.ID), "reporter", map[string]any{"version": c.Version}), http.StatusForbidden, nil)
	e.ok(e.do("POST", apiPath("/work-changes/%d/approve", c.ID), "sec", map[string]any{}), http.StatusBadRequest, nil)

	var res changeResult
	e.ok(e.do("POST", apiPath("/work-changes/%d/approve", c.ID), "sec", map[string]any{"version": c.Version}), http.StatusOK, &res)
	if res.Change.State != payesh.ChangeApproved || res.WorkItem.DueDate.String() != "2030-03-20" || res.WorkItem.Weight != 50 ||
		res.WorkItem.OriginalDueDate.String() != today.AddDays(10).String() || res.WorkItem.Replans != 1 {
		t.Fatalf("approved: %+v, item %+v", res.Change, res.WorkItem.WorkItem)
	}
	e.ok(e.do("POST", apiPath("/work-changes/%d/approve", c.ID), "sec", map[string]any{"version": res.Change.Version}), http.StatusConflict, nil)

	// A second request is rejected: the item keeps its date.
	patch = map[string]any{"due_date": "2031-01-01", "change_reason": "باز هم", "version": res.WorkItem.Version}
	e.ok(e.do("PATCH", apiPath("/work-items/%d", action.ID), "reporter", patch), http.StatusOK, &w)
	e.ok(e.do("POST", apiPath("/work-changes/%d/reject", w.PendingChange.ID), "sec", map[string]any{"version": 1}), http.StatusBadRequest, nil)
	e.ok(e.do("POST", apiPath("/work-changes/%d/reject", w.PendingChange.ID), "sec",
		map[string]any{"version": 1, "reason": "سررسید مصوب است"}), http.StatusOK, &res)
	if res.Change.State != payesh.ChangeRejected || e.work(action.ID).DueDate.String() != "2030-03-20" {
		t.Fatalf("rejected: %+v, due %s", res.Change, e.work(action.ID).DueDate)
	}

	var mine struct {
		Items []payesh.WorkChange `json:"items"`
	}
	e.ok(e.do("GET", apiPath("/work-items/%d/changes", action.ID), "viewer", nil), http.StatusOK, &mine)
	if len(mine.Items) != 2 || mine.Items[0].State != payesh.ChangeRejected || mine.Items[1].State != payesh.ChangeApproved {
		t.Fatalf("item's requests = %+v", mine.Items)
	}
	for _, a := range []string{payesh.ActionRequestChange, payesh.ActionApproveChange, payesh.ActionRejectChange} {
		if e.auditCount("work_item", action.ID, a) == 0 {
			t.Errorf("no %s in the item's history", a)
		}
	}
}

// TestDerivedStatusThroughAPI: a parent shows what its children say, and
// cannot be closed while one is open.
func TestDerivedStatusThroughAPI(t *testing.T) {
	e := newEnv(t)
	today := payesh.Today(testNow)
	prog := e.addWork("برنامه", "org", nil, payesh.Date{}, 1)
	a := e.addWork("الف", "prov-a", prog, today.AddDays(-3), 1)
	b := e.addWork("ب", "prov-a", prog, payesh.Date{}, 1)
	e.ok(e.do("POST", apiPath("/work-items/%d/updates", a.ID), "reporter", map[string]any{"progress": 28, "version": a.Version}), http.StatusCreated, nil)

	var p wireItem
	e.ok(e.do("GET", apiPath("/work-items/%d", prog.ID), "viewer", nil), http.StatusOK, &p)
	if p.Status != payesh.StatusNotStarted || p.DerivedStatus != payesh.StatusInProgress || !p.StatusMismatch || !p.Overdue || !p.AtRisk {
		t.Fatalf("parent: %+v", p.WorkItem)
	}
	r := e.do("POST", apiPath("/work-items/%d/updates", prog.ID), "sec", map[string]any{"status": "done", "version": p.Version})
	fields := r.apiError().Error.Fields
	if r.status != http.StatusBadRequest || fields["open_children"] != fmt.Sprintf("%d,%d", a.ID, b.ID) || fields["status"] == "" {
		t.Fatalf("closing with open children: %d %s", r.status, r.body)
	}

	// Done three days late: the lateness stays on the item.
	var res struct {
		WorkItem wireItem `json:"work_item"`
	}
	cur := e.work(a.ID)
	e.ok(e.do("POST", apiPath("/work-items/%d/updates", a.ID), "reporter", map[string]any{"status": "done", "version": cur.Version}), http.StatusCreated, &res)
	if res.WorkItem.DaysLate != 3 || res.WorkItem.Overdue {
		t.Fatalf("done late: %+v", res.WorkItem)
	}
}

// TestListCountIsCapped: past 1,000 matches the list stops counting and
// says so; total then still shows whether a next page exists.
func TestListCountIsCapped(t *testing.T) {
	e := newEnv(t)
	_, err := e.db.SQL().Exec(`WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1050)
		INSERT INTO work_items (kind, title, owner_unit_id, status, path, depth, created_at, updated_at)
		SELECT 'action', 'کار ' || i, $1, 'not_started', '/0/', 0, $2, $2 FROM n`, e.unit["prov-a"].ID, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		query  string
		total  int
		capped bool
		items  int
	}{
		{"sort=due_date", 1001, true, 50},
		{"offset=1000&limit=10", 1011, true, 10},   // counted past the page
		{"offset=1000&limit=100", 1050, false, 50}, // and so to the end
		{"offset=1040&limit=10", 1050, false, 10},
		{fmt.Sprintf("unit=%d", e.unit["prov-b"].ID), 0, false, 0},
	} {
		var page workList
		e.ok(e.do("GET", apiPath("/work-items?%s", tt.query), "viewer", nil), http.StatusOK, &page)
		if page.Total != tt.total || page.TotalCapped != tt.capped || len(page.Items) != tt.items {
			t.Errorf("%s: total %d capped %v items %d, want %d %v %d", tt.query, page.Total, page.TotalCapped, len(page.Items), tt.total, tt.capped, tt.items)
		}
	}
}
