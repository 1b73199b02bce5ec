package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/jalali"
)

// workPickerMin is how many work items a select may list before an item
// field (a parent, an indicator's programs) becomes a search field, as
// unit fields do past unitPickerMin: at national size a parent select
// was every one of 100,000 items, read and rendered for each form.
const workPickerMin = 200

// workPickMax is how many items a search suggests.
const workPickMax = 30

// workPickerNeeded reports whether the items f selects are too many for
// a select, counting no further than workPickerMin.
func (s *server) workPickerNeeded(r *http.Request, f payesh.WorkItemFilter) (bool, error) {
	f.Page, f.CountLimit = payesh.Page{Limit: 1}, workPickerMin
	_, total, err := s.Work.FindWorkItems(r.Context(), f)
	return total > workPickerMin, err
}

// workPickData is what GET /work/pick answers: the suggestions for a
// work-picker's <datalist>.
type workPickData struct {
	List    string
	Options []workOption
}

// workPick suggests items for a work-picker as the user types:
// ?field=NAME&NAME=typed text (a title, a code or an id), list=the
// datalist's id; kind=program keeps programs, editable=1 the items whose
// owner the user may change, not=ID leaves out that item and everything
// under it (an item cannot move under itself). htmx swaps the answer in
// place of the datalist; without htmx the search is the work list's.
func (s *server) workPick(w http.ResponseWriter, r *http.Request) error {
	qs := r.URL.Query()
	typed := strings.TrimSpace(qs.Get(qs.Get("field")))
	if r.Header.Get("HX-Request") != "true" {
		return redirect(w, r, "/work?"+url.Values{"q": {typed}}.Encode())
	}
	d := &workPickData{List: qs.Get("list")}
	if !listIDPattern.MatchString(d.List) {
		return payesh.Invalid(map[string]string{"list": "err.bad_query"})
	}
	hits, err := s.workPickHits(r, typed, qs)
	if err != nil {
		return err
	}
	for _, it := range hits {
		d.Options = append(d.Options, workOption{ID: it.ID, Label: workOptionTitle(it)})
	}
	t, ok := s.pages.byLang[langOf(r)]["work_form"]
	if !ok {
		return errNoUnitSearch
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "work-pick-options", d); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, err = buf.WriteTo(w)
	return err
}

// workPickHits finds the items typed names, by id or by title and code,
// keeping those the query's conditions allow.
func (s *server) workPickHits(r *http.Request, typed string, qs url.Values) ([]*payesh.WorkItem, error) {
	ctx := r.Context()
	f := payesh.WorkItemFilter{Sort: "title", Page: payesh.Page{Limit: 3 * workPickMax}, CountLimit: 1}
	if qs.Get("kind") == string(payesh.KindProgram) {
		f.Kinds = []payesh.WorkKind{payesh.KindProgram}
	}
	var hits []*payesh.WorkItem
	if id, err := strconv.ParseInt(jalali.ToLatinDigits(typed), 10, 64); err == nil && id > 0 {
		it, err := s.Work.FindWorkItemByID(ctx, id)
		if err == nil && (len(f.Kinds) == 0 || it.Kind == f.Kinds[0]) {
			hits = append(hits, it)
		} else if err != nil && payesh.ErrorCode(err) != payesh.ENOTFOUND {
			return nil, err
		}
	} else if typed != "" {
		f.Q = typed
		var err error
		if hits, _, err = s.Work.FindWorkItems(ctx, f); err != nil {
			return nil, err
		}
	}
	keep, err := s.workPickKeep(r, qs)
	if err != nil {
		return nil, err
	}
	out := hits[:0]
	for _, it := range hits {
		if keep(it) && len(out) < workPickMax {
			out = append(out, it)
		}
	}
	return out, nil
}

// workPickKeep is the test of the query's editable and not conditions.
func (s *server) workPickKeep(r *http.Request, qs url.Values) (func(*payesh.WorkItem) bool, error) {
	var notPath string
	if id, err := strconv.ParseInt(qs.Get("not"), 10, 64); err == nil && id > 0 {
		self, err := s.Work.FindWorkItemByID(r.Context(), id)
		if err != nil {
			return nil, err
		}
		notPath = self.Path
	}
	var units map[int64]*payesh.OrgUnit
	if qs.Get("editable") == "1" {
		ix, err := s.unitIndexOf(r)
		if err != nil {
			return nil, err
		}
		units = ix.byID
	}
	me := user(r)
	return func(it *payesh.WorkItem) bool {
		if notPath != "" && strings.HasPrefix(it.Path, notPath) {
			return false
		}
		if units != nil {
			owner, ok := units[it.OwnerUnitID]
			return ok && me.CanEditWorkOf(owner.Path)
		}
		return true
	}, nil
}
