package web

import (
	"fmt"
	"net/http"

	"payesh"
	"payesh/internal/i18n"
)

// deskLead is one thing the desk puts before the work: what waits for
// this user to act — a report to review, their unit's report to write,
// the values it owes, late units to follow up. Each is offered only to someone who can act
// on it.
type deskLead struct {
	ID, Href, Text string
	Urgent         bool
}

// deskReportsMax bounds the unit's open reports the desk looks through:
// one per open round, the unit's own first (reports come by round, then
// by unit path).
const deskReportsMax = 50

// deskLeads gathers the leads of the signed-in user's desk.
func (s *server) deskLeads(r *http.Request, units map[int64]*payesh.OrgUnit) ([]deskLead, error) {
	ctx, u, lang := r.Context(), user(r), langOf(r)
	var leads []deskLead
	if _, waiting, err := s.Reports.FindReports(ctx, payesh.ReportFilter{ToReview: true, Page: payesh.Page{Limit: 1}}); err != nil {
		return nil, err
	} else if waiting > 0 {
		leads = append(leads, deskLead{ID: "desk-review", Href: "/inbox#review-h", Urgent: true,
			Text: fmt.Sprintf(i18n.T(lang, "ui.desk.review"), formDigits(lang, fmt.Sprint(waiting)))})
	}
	if u.CanEditWorkOf(u.UnitPath) {
		mine, err := s.deskReports(r, units)
		if err != nil {
			return nil, err
		}
		leads = append(leads, mine...)
		values, err := s.deskValues(r, units[u.UnitID])
		if err != nil {
			return nil, err
		}
		leads = append(leads, values...)
	}
	if u.CanConfigure() && s.FollowUp != nil {
		rows, err := s.FollowUp.Board(ctx, payesh.Today(s.Now()))
		if err != nil {
			return nil, err
		}
		if len(rows) > 0 {
			leads = append(leads, deskLead{ID: "desk-late", Href: "/followup",
				Text: fmt.Sprintf(i18n.T(lang, "ui.desk.late_units"), formDigits(lang, fmt.Sprint(len(rows))))})
		}
	}
	return leads, nil
}

// deskReports are the unit's own reports still to write or correct, in
// rounds still open: state and deadline, late when past it.
func (s *server) deskReports(r *http.Request, units map[int64]*payesh.OrgUnit) ([]deskLead, error) {
	ctx, u, lang := r.Context(), user(r), langOf(r)
	reports, _, err := s.Reports.FindReports(ctx, payesh.ReportFilter{UnitID: u.UnitID,
		States: []payesh.ReportState{payesh.ReportDraft, payesh.ReportReturned}, Page: payesh.Page{Limit: deskReportsMax}})
	if err != nil {
		return nil, err
	}
	rows, err := s.reportRows(r, reports, units)
	if err != nil {
		return nil, err
	}
	var leads []deskLead
	for _, row := range rows {
		if row.Report.UnitID != u.UnitID || !row.Due.Owed {
			continue
		}
		key := "ui.desk.report"
		if row.Report.State == payesh.ReportReturned {
			key = "ui.desk.report_returned"
		}
		if row.Due.Late {
			key += "_late"
		}
		leads = append(leads, deskLead{ID: fmt.Sprintf("desk-report-%d", row.Report.ID), Href: fmt.Sprintf("/reports/%d", row.Report.ID),
			Urgent: row.Due.Late || row.Report.State == payesh.ReportReturned,
			Text: fmt.Sprintf(i18n.T(lang, key), row.Round.Title, formDigits(lang, displayDate(row.Due.Deadline, lang)),
				formDigits(lang, fmt.Sprint(row.Due.Days)))})
	}
	return leads, nil
}
