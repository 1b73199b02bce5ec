package web

import (
	"net/http"
	"net/url"

	"payesh"
)

// workListSize is how many items one page of the list shows.
const workListSize = 50

// workListData is the work list: one page of items with everything the
// filter form and the sortable headers need.
type workListData struct {
	Items []*payesh.WorkItem
	// Total is exact unless Pager.Capped: then there are more than
	// Pager.Cap items, which is all the list counted.
	Total    int
	Units    map[int64]*payesh.OrgUnit
	UnitOpts []workOption
	Clauses  []workOption
	Kinds    []payesh.WorkKind
	Statuses []payesh.Status
	Checked  map[payesh.Status]bool
	Filter   payesh.WorkItemFilter
	Overdue  bool
	Sorts    map[string]workSortHeader
	Pager    pager
	// Filtered is true when any filter is in force, to offer clearing.
	Filtered bool
	// Export links the list, all of it with its filters, as a file.
	Export exportLinks
}

// workList shows the work items, filtered by the query string; with
// ?format=xlsx or csv, all of them as a file (workExport).
func (s *server) workList(w http.ResponseWriter, r *http.Request) error {
	format, err := exportFormat(r)
	if err != nil {
		return err
	}
	d := &workListData{Kinds: payesh.WorkKinds, Statuses: payesh.Statuses}
	if d.UnitOpts, d.Units, err = s.workUnits(r); err != nil {
		return err
	}
	if d.Clauses, err = s.workClauses(r); err != nil {
		return err
	}
	q := r.URL.Query()
	f, bad := parseWorkFilter(q, d.Units)
	if f.ClauseID, err = s.workFilterClause(r, f.ClauseID, &d.Clauses); err != nil {
		if payesh.ErrorCode(err) != payesh.ENOTFOUND {
			return err
		}
		bad["clause"] = "err.unknown_ref"
	}
	if format != "" {
		return s.workExport(w, r, format, f, d.Units)
	}
	f.Page = pageOf(r, workListSize)
	f.CountLimit = payesh.WorkCountCap
	if d.Items, d.Total, err = s.Work.FindWorkItems(r.Context(), f); err != nil {
		return err
	}
	d.Filter, d.Overdue = f, f.Overdue != nil && *f.Overdue
	d.Checked = map[payesh.Status]bool{}
	for _, st := range f.Statuses {
		d.Checked[st] = true
	}
	d.Sorts = workSortHeaders(r, f.Sort)
	d.Pager = newWorkPager(r, d.Total, f)
	d.Filtered = workFiltered(q)
	d.Export = newExportLinks(r.URL.Path, q)
	v := s.newView(r, "ui.work.list.title", d)
	v.Errors = bad
	return s.render(w, r, http.StatusOK, "work_list", v)
}

// workFilterClause checks the clause filter. A clause of another document
// is fine (links from its page use it) and joins the select's options.
func (s *server) workFilterClause(r *http.Request, id int64, opts *[]workOption) (int64, error) {
	if id == 0 || workHasOption(*opts, id) {
		return id, nil
	}
	c, err := s.Documents.FindClauseByID(r.Context(), id)
	if err != nil {
		return 0, err
	}
	*opts = append(*opts, workOption{ID: c.ID, Label: workClauseLabel(langOf(r), c)})
	return id, nil
}

// workFiltered reports whether the query holds any filter.
func workFiltered(q url.Values) bool {
	for _, k := range []string{"unit", "clause", "kind", "status", "overdue", "due_from", "due_to", "q"} {
		if q.Get(k) != "" {
			return true
		}
	}
	return false
}

// workSortHeader is a sortable column's link and its aria-sort.
type workSortHeader struct {
	Href string
	// Aria is "ascending" or "descending" on the column the list is
	// sorted by, empty on the others.
	Aria string
}

// workSortHeaders links each sortable column to the list sorted by it:
// ascending first, and descending when it is already ascending. Sorting
// starts again at the first page.
func workSortHeaders(r *http.Request, current string) map[string]workSortHeader {
	out := map[string]workSortHeader{}
	for _, key := range []string{"title", "due_date", "status", "progress", "updated_at"} {
		h := workSortHeader{}
		next := key
		switch current {
		case key:
			h.Aria, next = "ascending", "-"+key
		case "-" + key:
			h.Aria = "descending"
		}
		q := r.URL.Query()
		q.Del("offset")
		q.Del("flash")
		q.Set("sort", next)
		h.Href = r.URL.Path + "?" + q.Encode()
		out[key] = h
	}
	return out
}
