package web

import (
	"net/http"

	"payesh"
)

// homeData is the home page: the signed-in user's unit at a glance and the
// policy's axes.
type homeData struct {
	Unit      *payesh.OrgUnit
	Open      []*payesh.WorkItem
	OpenTotal int
	// OpenMore says OpenTotal is where the count stopped: "more than".
	OpenMore bool
	Overdue  []*payesh.WorkItem
	DueMonth []*payesh.WorkItem
	Units    map[int64]*payesh.OrgUnit
	Policy   *policyView
	// Leads are what waits for the user to act, before the work.
	Leads []deskLead
	// Setup is what an empty installation still lacks, above the leads.
	Setup []setupItem
}

// home shows my unit's open work, what is overdue, what falls due this
// Jalali month, and the nine axes with their progress.
func (s *server) home(w http.ResponseWriter, r *http.Request) error {
	ctx, u := r.Context(), user(r)
	d := homeData{}
	var err error
	if d.Unit, err = s.Units.FindOrgUnitByID(ctx, u.UnitID); err != nil {
		return err
	}
	if d.Units, err = s.unitMap(r); err != nil {
		return err
	}
	// Counts stop at the cap: a root user's open work is tens of
	// thousands of items, and the card says "more than" rather than
	// counting them on every visit.
	mine := payesh.WorkItemFilter{UnitID: u.UnitID, IncludePartner: true, Statuses: payesh.OpenStatuses, Sort: "due_date",
		Page: payesh.Page{Limit: 10}, CountLimit: payesh.WorkCountCap}
	if d.Open, d.OpenTotal, err = s.Work.FindWorkItems(ctx, mine); err != nil {
		return err
	}
	if d.OpenMore = mine.TotalCapped(d.OpenTotal); d.OpenMore {
		d.OpenTotal = mine.CountCap()
	}
	// The overdue and this month's lists show no count: the open count
	// bounds theirs, which is all the store needs to choose how to read
	// their first page (Counted), so they are not counted again.
	late := mine
	late.Overdue, late.Counted = ptr(true), d.OpenTotal+1
	if d.Overdue, _, err = s.Work.FindWorkItems(ctx, late); err != nil {
		return err
	}
	first, last := monthBounds(payesh.Today(s.Now()))
	month := late
	month.Overdue = nil
	month.DueAfter, month.DueBefore = first.AddDays(-1), last.AddDays(1)
	if d.DueMonth, _, err = s.Work.FindWorkItems(ctx, month); err != nil {
		return err
	}
	if d.Policy, err = s.mainPolicy(r); err != nil {
		return err
	}
	if d.Setup, err = s.deskSetup(r, d.Units); err != nil {
		return err
	}
	if d.Leads, err = s.deskLeads(r, d.Units); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "home", s.newView(r, "ui.home.title", d))
}

func ptr[T any](v T) *T { return &v }
