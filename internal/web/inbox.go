package web

import (
	"net/http"

	"payesh"
)

// inboxData is a user's reporting desk: the reports their unit (and the
// units under it) must write, and the reports waiting for their review.
type inboxData struct {
	Unit     *payesh.OrgUnit
	Mine     []reportRow
	Pager    pager
	Review   []reportRow
	CanRound bool // may open rounds
}

// inbox shows /inbox.
func (s *server) inbox(w http.ResponseWriter, r *http.Request) error {
	ctx, u := r.Context(), user(r)
	units, err := s.unitMap(r)
	if err != nil {
		return err
	}
	d := &inboxData{Unit: units[u.UnitID], CanRound: u.CanConfigure()}
	page := pageOf(r, 20)
	mine, total, err := s.Reports.FindReports(ctx, payesh.ReportFilter{UnitID: u.UnitID, Page: page})
	if err != nil {
		return err
	}
	d.Pager = newPager(r, total, page)
	if d.Mine, err = s.reportRows(r, mine, units); err != nil {
		return err
	}
	review, _, err := s.Reports.FindReports(ctx, payesh.ReportFilter{ToReview: true, Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil {
		return err
	}
	if d.Review, err = s.reportRows(r, review, units); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "inbox", s.newView(r, "ui.inbox.title", d))
}
