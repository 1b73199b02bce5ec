package web

import (
	"net/http"
	"strings"
	"time"

	"payesh"
)

// summaryData is a round's report for leadership: totals, every unit's
// report with its score, and the reporting units by axis of the main
// policy.
type summaryData struct {
	*roundData
	Policy    *payesh.Document
	Axes      []axisRow
	Late      []lateClosure
	Generated time.Time
}

// lateClosure is a work item of the round's units done after its due
// date within the period, with its owner unit.
type lateClosure struct {
	payesh.LateClosure
	Unit *payesh.OrgUnit
}

// axisRow counts, for one axis (a top clause of the main policy), the
// round's reporting units that have work linked to it — owned by the unit
// or a unit under it — by where their report stands. A unit with work on
// several axes counts on each.
type axisRow struct {
	Clause                                         *payesh.Clause
	Label                                          string // "بند ۸ — title"
	Units, Approved, InReview, Returned, NotSubmit int
}

// roundSummary shows /rounds/{id}/summary, a page made to be printed and
// the page the PDF is printed from.
func (s *server) roundSummary(w http.ResponseWriter, r *http.Request) error {
	d, err := s.loadRound(r)
	if err != nil {
		return err
	}
	sd := &summaryData{roundData: d, Generated: s.Now()}
	if err := s.summaryAxes(r, sd); err != nil {
		return err
	}
	late, err := s.Reports.LateClosures(r.Context(), d.Round.ID)
	if err != nil {
		return err
	}
	for _, c := range late {
		sd.Late = append(sd.Late, lateClosure{LateClosure: c, Unit: d.Units[c.OwnerUnitID]})
	}
	v := s.newView(r, "ui.summary.title", sd)
	v.Title = v.Title + " — " + d.Round.Title
	return s.render(w, r, http.StatusOK, "round_summary", v)
}

// summaryAxes counts the reporting units per axis, from the work linked to
// each axis or its sub-clauses.
func (s *server) summaryAxes(r *http.Request, sd *summaryData) error {
	p, err := s.mainOutline(r)
	if err != nil || p == nil {
		return err
	}
	sd.Policy = p.Doc
	for _, c := range p.Top() {
		ids, err := s.Work.ClauseOwners(r.Context(), c.ID)
		if err != nil {
			return err
		}
		var owners []string
		for _, id := range ids {
			if u := sd.Units[id]; u != nil {
				owners = append(owners, u.Path)
			}
		}
		row := axisRow{Clause: c, Label: workClauseLabel(langOf(r), c)}
		for _, rr := range sd.Rows {
			if rr.Unit == nil || !ownsAny(rr.Unit.Path, owners) {
				continue
			}
			row.Units++
			switch rr.Score.State {
			case payesh.ReportApproved:
				row.Approved++
			case payesh.ReportSubmitted:
				row.InReview++
			case payesh.ReportReturned:
				row.Returned++
			default:
				row.NotSubmit++
			}
		}
		sd.Axes = append(sd.Axes, row)
	}
	return nil
}

// ownsAny reports whether any owner path lies in the subtree at path.
func ownsAny(path string, owners []string) bool {
	for _, o := range owners {
		if strings.HasPrefix(o, path) {
			return true
		}
	}
	return false
}
