package web

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"payesh"
	"payesh/internal/i18n"
)

// summaryData is a round's report for leadership: totals, every unit's
// report with its score, and the reporting units by axis of the main
// policy.
type summaryData struct {
	*roundData
	Organization *payesh.OrgUnit // the letterhead's
	Policy       *payesh.Document
	Axes         []axisRow
	Late         []lateClosure
	// Voices are the sent reports' obstacles and requests by axis: what a
	// leader reads first.
	Voices    []axisVoices
	Generated time.Time
	// Export links the table by unit as a file.
	Export exportLinks
	owners map[int64][]string // axis → paths of the units owning its work
}

// axisVoices are the obstacles and requests of the units with work on one
// axis (Label), or of the units with work on none ("").
type axisVoices struct {
	Label string
	Units []unitVoice
}

// unitVoice is what one unit's report says is in its way and what it asks.
type unitVoice struct {
	Unit                *payesh.OrgUnit
	State               payesh.ReportState
	Obstacles, Requests string
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
// the page the PDF is printed from; with ?format=xlsx or csv, its table
// by unit as a file (roundSummaryExport).
func (s *server) roundSummary(w http.ResponseWriter, r *http.Request) error {
	format, err := exportFormat(r)
	if err != nil {
		return err
	}
	d, err := s.loadRound(r)
	if err != nil {
		return err
	}
	if format != "" {
		return s.roundSummaryExport(w, r, format, d)
	}
	sd := &summaryData{roundData: d, Generated: s.Now(), owners: map[int64][]string{},
		Export: newExportLinks(r.URL.Path, nil)}
	for _, u := range d.Units {
		if u.ParentID == nil && headsLetterhead(u, sd.Organization) {
			sd.Organization = u
		}
	}
	if err := s.summaryAxes(r, sd); err != nil {
		return err
	}
	if err := s.summaryVoices(r, sd); err != nil {
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

// headsLetterhead reports whether the root u, rather than the one found so
// far, names the organization on the letterhead: the organization before
// the partner bodies, which are roots too, then the older unit — not
// whichever root the map of units yields last.
func headsLetterhead(u, found *payesh.OrgUnit) bool {
	if found == nil {
		return true
	}
	if org := u.Kind == payesh.UnitOrganization; org != (found.Kind == payesh.UnitOrganization) {
		return org
	}
	return u.ID < found.ID
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
		sd.owners[c.ID] = owners
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

// summaryVoices gathers the obstacles and requests of the round's reports
// that were sent (in review or approved: a draft states nothing yet, a
// returned one is being rewritten), under each axis the unit has work on,
// and the rest last. Only the reports the user may read are read.
func (s *server) summaryVoices(r *http.Request, sd *summaryData) error {
	f := payesh.ReportFilter{RoundID: sd.Round.ID, States: []payesh.ReportState{payesh.ReportSubmitted, payesh.ReportApproved},
		Page: payesh.Page{Limit: payesh.MaxLimit}}
	var reports []*payesh.Report
	for {
		page, total, err := s.Reports.FindReports(r.Context(), f)
		if err != nil {
			return err
		}
		reports = append(reports, page...)
		if f.Offset += len(page); len(page) == 0 || f.Offset >= total {
			break
		}
	}
	lang := langOf(r)
	var other []unitVoice
	byAxis := map[int64][]unitVoice{}
	for _, rep := range reports {
		u := sd.Units[rep.UnitID]
		if u == nil || rep.Obstacles == "" && rep.Requests == "" {
			continue
		}
		v := unitVoice{Unit: u, State: rep.State, Obstacles: rep.Obstacles, Requests: rep.Requests}
		placed := false
		for _, a := range sd.Axes {
			if ownsAny(u.Path, sd.owners[a.Clause.ID]) {
				byAxis[a.Clause.ID] = append(byAxis[a.Clause.ID], v)
				placed = true
			}
		}
		if !placed {
			other = append(other, v)
		}
	}
	for _, a := range sd.Axes {
		if vs := byAxis[a.Clause.ID]; len(vs) > 0 {
			sd.Voices = append(sd.Voices, axisVoices{Label: a.Label, Units: sortVoices(vs)})
		}
	}
	if len(other) > 0 {
		sd.Voices = append(sd.Voices, axisVoices{Label: i18n.T(lang, "ui.summary.voices_other"), Units: sortVoices(other)})
	}
	return nil
}

// sortVoices orders a group's units as the tree does.
func sortVoices(vs []unitVoice) []unitVoice {
	slices.SortFunc(vs, func(a, b unitVoice) int { return strings.Compare(treeKey(a.Unit.Path), treeKey(b.Unit.Path)) })
	return vs
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
