package web

import (
	"net/http"
	"net/url"
	"strconv"

	"payesh"
	"payesh/internal/jalali"
	"payesh/internal/valuebook"
)

// reportData is one unit's progress report with everything the page shows
// beside it: the round, where the report is in its review, the period's
// work and values of the unit, the evidence, and the reviewers' comments,
// each placed by the item it is about.
type reportData struct {
	Report   *payesh.Report
	Round    *payesh.Round
	Unit     *payesh.OrgUnit
	Period   string
	Year     int // the period's year, for the value grid's link
	Due      reportDue
	Chain    []chainStep
	Work     []reportWork
	MoreWork int // work of the period left out of the table
	Values   []reportValue
	Evidence []evidenceRow
	comments map[string][]*payesh.ReviewComment
	// What the user may do; the store decides, these only keep controls
	// the user could not use off the page.
	CanEdit, CanSubmit, CanReview, CanReopen, CanWithdraw bool
	// Duty is why the user, who takes the report's current step by role,
	// must leave it to someone else (a message key: they sent or wrote
	// the report, or it is their unit's); shown in place of the review
	// form.
	Duty string
	// DutyRefused: the user has just tried, and the store refused.
	DutyRefused bool
	// Check is the checklist step shown when a submission lacks
	// something: what is missing, and whether it may be sent anyway.
	Check *checklistView
	// names are the indicators' names in the user's language, by id.
	names map[int64]string
	// Conflict is the message key shown when someone acted first; the
	// page then shows the report as it is now.
	Conflict string
	// ShowSaved shows the narrative as saved now beside the form that
	// keeps what the user typed over someone else's save.
	ShowSaved bool
	// Typed is the narrative the user sent when it could not be saved
	// because the report had left their hands meanwhile.
	Typed *payesh.Narrative
}

// reportWork is a work item of the unit in the period, with its last
// progress update made within the period.
type reportWork struct {
	Item *payesh.WorkItem
	Last *payesh.ProgressUpdate
}

// evidenceRow is an attached file with its size in kilobytes.
type evidenceRow struct {
	*payesh.Evidence
	KB float64
}

// reportValue is a value the unit reported for the period.
type reportValue struct {
	Value  *payesh.IndicatorValue
	Name   string
	Period string
}

// Comments returns the comments on item ("" is the report as a whole).
func (d *reportData) Comments(item string) []*payesh.ReviewComment { return d.comments[item] }

// Narrative lists the three parts a unit writes, in order.
func (d *reportData) Narrative() []reportField {
	r := d.Report
	return []reportField{
		{"achievements", "ui.report.achievements", "ui.report.achievements_hint", r.Achievements},
		{"obstacles", "ui.report.obstacles", "ui.report.obstacles_hint", r.Obstacles},
		{"requests", "ui.report.requests", "ui.report.requests_hint", r.Requests},
	}
}

// reportField is a part of the narrative: its form name (which is also
// its comments' item), label and hint keys, and the saved text.
type reportField struct{ Name, Label, Hint, Text string }

// reportWorkLimit bounds the work table: a unit high in the tree owns
// hundreds of items, which belong on the work list, not in one report.
const reportWorkLimit = 100

// report shows /reports/{id}.
func (s *server) report(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	d, err := s.loadReport(r, id)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "report", s.reportView(r, d, nil))
}

// reportView makes the page's view: the forms hold the saved narrative,
// overlaid with what the user sent (posted) when an action failed.
func (s *server) reportView(r *http.Request, d *reportData, posted url.Values) *view {
	v := s.newView(r, "ui.report.title", d)
	v.Title = v.Title + " — " + pick(v.Lang, d.Unit.NameFA, d.Unit.NameEN)
	rep := d.Report
	v.Form = url.Values{"achievements": {rep.Achievements}, "obstacles": {rep.Obstacles}, "requests": {rep.Requests},
		"version": {strconv.Itoa(rep.Version)}}
	for k, vs := range posted {
		v.Form[k] = vs
	}
	return v
}

// loadReport reads a report and everything its page shows.
func (s *server) loadReport(r *http.Request, id int64) (*reportData, error) {
	ctx := r.Context()
	rep, err := s.Reports.FindReport(ctx, id)
	if err != nil {
		return nil, err
	}
	d := &reportData{Report: rep, comments: map[string][]*payesh.ReviewComment{}}
	if d.Round, err = s.Reports.FindRound(ctx, rep.RoundID); err != nil {
		return nil, err
	}
	units, err := s.unitMap(r)
	if err != nil {
		return nil, err
	}
	if d.Unit = units[rep.UnitID]; d.Unit == nil {
		return nil, payesh.NotFound("org_unit")
	}
	steps, err := s.Reports.ReviewChain(ctx, id)
	if err != nil {
		return nil, err
	}
	d.Chain = chainSteps(rep, steps, units)
	comments, err := s.Reports.FindComments(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, c := range comments {
		d.comments[c.Item] = append(d.comments[c.Item], c)
	}
	files, err := s.Reports.FindEvidence(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, e := range files {
		d.Evidence = append(d.Evidence, evidenceRow{Evidence: e, KB: float64(e.Size) / 1024})
	}
	d.Due = dueOf(rep, d.Round, payesh.Today(s.Now()))
	d.Period = periodLabel(langOf(r), d.Round.Period)
	u := user(r)
	d.CanEdit = rep.Editable() && u.CanEditWorkOf(d.Unit.Path)
	d.CanSubmit = d.CanEdit && !d.Round.Closed
	if d.CanReview = mayReviewNow(u, rep, steps); d.CanReview {
		if d.Duty, err = s.reviewDuty(r, rep); err != nil {
			return nil, err
		}
		d.CanReview = d.Duty == ""
	}
	d.CanReopen = rep.State == payesh.ReportApproved && u.CanConfigure()
	// Level 0 of a submitted report: no reviewer has acted on this
	// submission yet.
	d.CanWithdraw = rep.State == payesh.ReportSubmitted && rep.Level == 0 && !d.Round.Closed &&
		(u.CanAdminister() || (u.UnitID == rep.UnitID && u.Role == payesh.RoleReporter && u.CanEditWorkOf(d.Unit.Path)))
	p, err := jalali.ParsePeriod(d.Round.Period)
	if err != nil {
		return nil, err
	}
	d.Year = p.Year
	if err := s.reportWork(r, d, p); err != nil {
		return nil, err
	}
	return d, s.reportValues(r, d, p)
}

// reviewDuty returns why the user, who takes the report's current step by
// role, may still not approve or return it — a message key — or "" when
// they may. The store decides, by separation of duties: its list of the
// reports waiting for the user's review holds the report or not. Which
// rule bars the user is told as the store tells it, in its order: the
// report's trail names the latest submission's sender; then the user's
// unit; else the user wrote part of the report.
func (s *server) reviewDuty(r *http.Request, rep *payesh.Report) (string, error) {
	ctx, u := r.Context(), user(r)
	waiting, _, err := s.Reports.FindReports(ctx, payesh.ReportFilter{ToReview: true, RoundID: rep.RoundID, UnitID: rep.UnitID,
		Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil {
		return "", err
	}
	for _, w := range waiting {
		if w.ID == rep.ID {
			return "", nil
		}
	}
	trail, _, err := s.Audit.FindAuditTrail(ctx, "report", rep.ID, payesh.Page{Limit: 20})
	if err != nil {
		return "", err
	}
	for _, e := range trail {
		if e.Action == string(payesh.ActSubmit) {
			if e.ActorID != nil && *e.ActorID == u.ID {
				return "err.report.self_review", nil
			}
			break
		}
	}
	if u.UnitID == rep.UnitID {
		return "err.report.own_unit", nil
	}
	return "err.report.self_review_author", nil
}

// reportWork lists the unit's work (its own and its subtree's) that was
// open during the period — started by its end, not closed before its
// start — each with the last update made within the period.
func (s *server) reportWork(r *http.Request, d *reportData, p jalali.Period) error {
	first, last := payesh.FromJalali(p.First()), payesh.FromJalali(p.Last())
	items, err := s.workFindAll(r, payesh.WorkItemFilter{UnitID: d.Unit.ID, Sort: "id"})
	if err != nil {
		return err
	}
	for _, it := range items {
		startedLater := !it.StartDate.IsZero() && it.StartDate.After(last)
		closedBefore := it.Status.Closed() && !it.DoneDate.IsZero() && it.DoneDate.Before(first)
		if startedLater || closedBefore {
			continue
		}
		if len(d.Work) == reportWorkLimit {
			d.MoreWork++
			continue
		}
		row := reportWork{Item: it}
		// An item untouched since before the period has no update in it.
		if !payesh.Today(it.UpdatedAt).Before(first) {
			ups, err := s.Work.FindProgressUpdates(r.Context(), it.ID)
			if err != nil {
				return err
			}
			for _, up := range ups {
				if day := payesh.Today(up.CreatedAt); !day.Before(first) && !day.After(last) &&
					(row.Last == nil || up.CreatedAt.After(row.Last.CreatedAt)) {
					row.Last = up
				}
			}
		}
		d.Work = append(d.Work, row)
	}
	return nil
}

// reportValues lists what the unit reported for the period: the period
// itself and every shorter period inside it, as review moves them all.
func (s *server) reportValues(r *http.Request, d *reportData, p jalali.Period) error {
	inds, err := valuebook.AllIndicators(r.Context(), s.Indicators)
	if err != nil {
		return err
	}
	d.names = map[int64]string{}
	lang := langOf(r)
	for _, i := range inds {
		d.names[i.ID] = pick(lang, i.NameFA, i.NameEN)
	}
	for _, span := range periodSpans(p) {
		vals, err := s.Indicators.FindValues(r.Context(), payesh.ValueFilter{UnitID: d.Unit.ID,
			From: span[0].String(), To: span[len(span)-1].String()})
		if err != nil {
			return err
		}
		for _, v := range vals {
			d.Values = append(d.Values, reportValue{Value: v, Name: d.names[v.IndicatorID], Period: periodLabel(lang, v.Period)})
		}
	}
	return nil
}

// periodSpans returns p and the periods inside it, one list per
// granularity: a quarter and its three months; a year, its seasons and
// its months.
func periodSpans(p jalali.Period) [][]jalali.Period {
	spans := [][]jalali.Period{{p}}
	if p.Gran == jalali.Year {
		spans = append(spans, p.Children())
	}
	if p.Gran != jalali.Month {
		spans = append(spans, p.Months())
	}
	return spans
}
