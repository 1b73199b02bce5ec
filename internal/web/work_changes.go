package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"payesh"
)

// workChangesSize is how many requests one page of the queue shows.
const workChangesSize = 50

// workChangesData is the secretariat's queue of re-planning requests.
type workChangesData struct {
	Changes []*payesh.WorkChange
	Total   int
	Units   map[int64]*payesh.OrgUnit
	Pager   pager
}

// workChanges shows the pending requests to the secretariat and admins.
func (s *server) workChanges(w http.ResponseWriter, r *http.Request) error {
	if !user(r).CanConfigure() {
		return payesh.ErrForbidden
	}
	d := &workChangesData{}
	f := payesh.WorkChangeFilter{State: payesh.ChangePending, Page: pageOf(r, workChangesSize)}
	var err error
	if d.Changes, d.Total, err = s.Work.FindWorkChanges(r.Context(), f); err != nil {
		return err
	}
	if d.Units, err = s.unitMap(r); err != nil {
		return err
	}
	d.Pager = newPager(r, d.Total, f.Page)
	return s.render(w, r, http.StatusOK, "work_changes", s.newView(r, "ui.work.changes.title", d))
}

// workChangeDecide approves or rejects a request from the queue or from
// the item's page, and goes back there with the outcome. A refusal the
// decider can fix (no reason, a stale request) comes back as a flash
// naming it: the forms are one line each, so no page is redrawn for them.
func (s *server) workChangeDecide(approve bool) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		f, err := parseForm(r)
		if err != nil {
			return err
		}
		d := payesh.WorkChangeDecision{Reason: f.String("reason"), Version: f.Int("version")}
		flash := "ui.work.changes.flash.rejected"
		if approve {
			flash = "ui.work.changes.flash.approved"
			_, _, err = s.Work.ApproveWorkChange(r.Context(), id, d)
		} else {
			_, err = s.Work.RejectWorkChange(r.Context(), id, d)
		}
		if flash, err = decisionFlash(flash, err); err != nil {
			return err
		}
		return redirect(w, r, changeBack(f.String("back"))+"flash="+flash)
	}
}

// decisionFlash turns what a decision's refusal means to the decider
// into the flash that says it; other errors stay errors.
func decisionFlash(ok string, err error) (string, error) {
	var e *payesh.Error
	switch {
	case err == nil:
		return ok, nil
	case !errors.As(err, &e):
		return "", err
	case e.Code == payesh.ECONFLICT:
		return "ui.work.changes.flash.stale", nil
	case e.Fields["reason"] != "":
		return "ui.work.changes.flash.need_reason", nil
	case e.Code == payesh.EINVALID:
		return "ui.work.changes.flash.invalid", nil
	}
	return "", err
}

// changeBack is where a decision returns: the item's page it came from,
// or the queue. Only those two, so the form cannot send anyone elsewhere.
func changeBack(back string) string {
	var id int64
	if _, err := fmt.Sscanf(back, "/work/%d", &id); err == nil && id > 0 && back == fmt.Sprintf("/work/%d", id) {
		return back + "?"
	}
	return "/work/changes?"
}

// workRequestFlash is the flash after an edit: a reporter whose due date
// or weight went to the secretariat is told so.
func workRequestFlash(before, after *payesh.WorkItem) string {
	c := after.PendingChange
	if c != nil && (before.PendingChange == nil || before.PendingChange.ID != c.ID) {
		return "ui.work.flash.change_requested"
	}
	return "ui.work.flash.updated"
}

// openChildrenText names the open children a refused close lists, for
// the Persian message beside the status.
func openChildrenText(children []*payesh.WorkItem, ids string) string {
	open := map[string]bool{}
	for _, id := range strings.Split(ids, ",") {
		open[id] = true
	}
	var titles []string
	for _, c := range children {
		if open[fmt.Sprint(c.ID)] {
			titles = append(titles, "«"+c.Title+"»")
		}
	}
	return strings.Join(titles, "، ")
}
