package web_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"payesh"
)

// TestWorkDerivedStatusShown: the demo's operational program, whose own
// status no source gives, shows what its actions say; closing it while
// actions are open is refused with a message naming them.
func TestWorkDerivedStatusShown(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	prog := e.item("sso-op")
	if prog.Status != payesh.StatusNotReported || prog.ShownStatus() != payesh.StatusInProgress {
		t.Fatalf("program: reported %s, shown %s", prog.Status, prog.ShownStatus())
	}
	c := e.as("secretariat")
	c.get(fmt.Sprintf("/work/%d", prog.ID)).want(t, http.StatusOK, `status-in_progress`)
	c.get("/work?status=not_started").lacks(t, fmt.Sprintf(`href="/work/%d"`, prog.ID))

	r := c.post(fmt.Sprintf("/work/%d/progress", prog.ID), url.Values{"status": {"done"}, "version": {fmt.Sprint(prog.Version)}}, nil)
	open := e.item("sso-op-finalize")
	r.want(t, http.StatusBadRequest, `id="open-children"`, html.EscapeString(open.Title))
	if strings.Contains(r.body, fmt.Sprintf("%d,", open.ID)) {
		t.Error("the refusal shows raw ids")
	}
}

// TestWorkChangesQueue: the secretariat's queue lists a reporter's pending
// request, reachable from the follow-up board, and a rejection without a
// reason is refused while one with a reason tells the requester.
func TestWorkChangesQueue(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	w := e.item("women-c8-sessions")
	_, rep := e.userCtx("reporter")
	weight := 4.0
	after, err := e.db.UpdateWorkItem(rep, w.ID, payesh.WorkItemUpdate{Weight: &weight, ChangeReason: "نشست‌ها بیشترین کار سال بود", Version: w.Version})
	if err != nil {
		t.Fatal(err)
	}
	id := after.PendingChange.ID
	sec := e.as("secretariat")
	sec.get("/followup").want(t, http.StatusOK, `href="/work/changes"`)
	sec.get("/work/changes").want(t, http.StatusOK, fmt.Sprintf(`id="change-%d"`, id), "نشست‌ها بیشترین کار سال بود")
	e.as("reporter").get("/work/changes").want(t, http.StatusForbidden)

	r := sec.post(fmt.Sprintf("/work/changes/%d/reject", id), url.Values{"version": {"1"}, "back": {"https://evil.example"}}, nil)
	r.want(t, http.StatusSeeOther)
	if loc := r.header.Get("Location"); loc != "/work/changes?flash=ui.work.changes.flash.need_reason" {
		t.Errorf("redirect to %q", loc)
	}
	r = sec.post(fmt.Sprintf("/work/changes/%d/reject", id), url.Values{"version": {"1"}, "reason": {"وزن‌ها در شورا مصوب شده است"}}, nil)
	r.want(t, http.StatusSeeOther)
	notes, _, err := e.db.Notifications(rep, true, payesh.Page{Limit: 10})
	if err != nil || len(notes) == 0 || notes[0].Kind != payesh.NoteChangeRejected {
		t.Fatalf("the reporter was not told: %v, %v", notes, err)
	}
	if got := e.reload(w.ID).Weight; got != w.Weight {
		t.Errorf("weight %v after rejection", got)
	}
}
