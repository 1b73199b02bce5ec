package web

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"payesh"
)

// boardData is the secretariat's follow-up board: per unit, what is late
// and for how long, each row with its reminder form.
type boardData struct {
	Rows  []payesh.BoardRow
	Today payesh.Date
	Sort  string
	Sorts map[string]workSortHeader
	// Sent says, after a reminder, to whom it went and how many were told.
	Sent *boardSent
	// Picked are the rows ticked when a reminder was refused, and AllLate
	// whether «all late units» was, so the board comes back as it was.
	Picked  map[int64]bool
	AllLate bool
	// ByMeeting is the late resolutions under the meeting that made them
	// (followup_meetings.go), with their owners in MeetingUnits.
	ByMeeting    []payesh.LateMeeting
	MeetingUnits map[int64]*payesh.OrgUnit
	// LateResearch is the research projects past their contract's end
	// (followup_research.go).
	LateResearch []*payesh.ResearchProject
}

// Late counts the rows late today: those «all late units» reminds.
func (d *boardData) Late() int {
	n := 0
	for _, row := range d.Rows {
		if row.DaysLate() > 0 {
			n++
		}
	}
	return n
}

// boardSent is what a reminder did: to one unit (Unit), or to Units units
// of which Alone have no one to tell; Count people were told.
type boardSent struct {
	Unit  string
	Units int
	Alone int
	Count int
}

// boardSorts are the board's orders: by how late (the worst of work and
// reports), by how much overdue work, by late reports, or by unit.
var boardSorts = map[string]func(a, b payesh.BoardRow) int{
	"days": func(a, b payesh.BoardRow) int { return a.DaysLate() - b.DaysLate() },
	"work": func(a, b payesh.BoardRow) int { return a.OverdueWork - b.OverdueWork },
	"reports": func(a, b payesh.BoardRow) int {
		return a.LateReports + a.ReturnedReports - b.LateReports - b.ReturnedReports
	},
	"unit": func(a, b payesh.BoardRow) int { return strings.Compare(a.UnitPath, b.UnitPath) },
}

// boardDefaultSort puts the latest unit first, as the secretariat chases
// the worst first.
const boardDefaultSort = "-days"

// followupBoard shows the board to the secretariat and admins.
func (s *server) followupBoard(w http.ResponseWriter, r *http.Request) error {
	d, err := s.loadBoard(r)
	if err != nil {
		return err
	}
	d.Sent = s.boardSent(r, d)
	return s.render(w, r, http.StatusOK, "followup", s.newView(r, "ui.followup.title", d))
}

// loadBoard reads the board on today's Tehran date, ordered as asked.
func (s *server) loadBoard(r *http.Request) (*boardData, error) {
	if s.FollowUp == nil {
		return nil, payesh.Errorf(payesh.ENOTFOUND, "err.not_found.page")
	}
	if !user(r).CanConfigure() {
		return nil, payesh.ErrForbidden
	}
	d := &boardData{Today: payesh.Today(s.Now()), Sort: boardSortOf(r.URL.Query().Get("sort"))}
	var err error
	if d.Rows, err = s.FollowUp.Board(r.Context(), d.Today); err != nil {
		return nil, err
	}
	sortBoard(d.Rows, d.Sort)
	d.Sorts = boardSortHeaders(r, d.Sort)
	if err := s.loadLateByMeeting(r, d); err != nil {
		return nil, err
	}
	return d, s.loadLateResearch(r, d)
}

// boardSortOf accepts a known order, ascending or with "-" descending;
// anything else is the default, since a person may edit the URL.
func boardSortOf(s string) string {
	if _, ok := boardSorts[strings.TrimPrefix(s, "-")]; ok {
		return s
	}
	return boardDefaultSort
}

// sortBoard orders rows by key; ties keep the store's order (latest
// first, then by unit), so the board reads the same on every load.
func sortBoard(rows []payesh.BoardRow, key string) {
	cmp := boardSorts[strings.TrimPrefix(key, "-")]
	desc := strings.HasPrefix(key, "-")
	sort.SliceStable(rows, func(i, j int) bool {
		if desc {
			return cmp(rows[j], rows[i]) < 0
		}
		return cmp(rows[i], rows[j]) < 0
	})
}

// boardSortHeaders links each sortable column: a click on the column the
// board is sorted by turns the order round; numbers start descending.
func boardSortHeaders(r *http.Request, current string) map[string]workSortHeader {
	out := map[string]workSortHeader{}
	for key := range boardSorts {
		h := workSortHeader{}
		next := "-" + key
		if key == "unit" {
			next = key
		}
		switch current {
		case key:
			h.Aria, next = "ascending", "-"+key
		case "-" + key:
			h.Aria, next = "descending", key
		}
		q := url.Values{"sort": {next}}
		h.Href = r.URL.Path + "?" + q.Encode()
		out[key] = h
	}
	return out
}

// boardSent reads the outcome of a reminder from the address it
// redirected to (?unit=&sent=, or ?units=&alone=&sent= for several); the unit's name comes from the board, or
// from the unit itself when nothing of it is late any more.
func (s *server) boardSent(r *http.Request, d *boardData) *boardSent {
	q := r.URL.Query()
	if units, err := strconv.Atoi(q.Get("units")); err == nil && units > 0 {
		count, err1 := strconv.Atoi(q.Get("sent"))
		alone, err2 := strconv.Atoi(q.Get("alone"))
		if err1 != nil || err2 != nil || count < 0 || alone < 0 || alone > units {
			return nil
		}
		return &boardSent{Units: units, Alone: alone, Count: count}
	}
	unit, err1 := strconv.ParseInt(q.Get("unit"), 10, 64)
	count, err2 := strconv.Atoi(q.Get("sent"))
	if err1 != nil || err2 != nil || unit <= 0 || count < 0 {
		return nil
	}
	for _, row := range d.Rows {
		if row.UnitID == unit {
			return &boardSent{Unit: row.UnitName, Count: count}
		}
	}
	u, err := s.Units.FindOrgUnitByID(r.Context(), unit)
	if err != nil {
		return nil
	}
	return &boardSent{Unit: pick(langOf(r), u.NameFA, u.NameEN), Count: count}
}

// NoteMax bounds the note's field as the store does.
func (d *boardData) NoteMax() int { return payesh.MaxReminderNote }
