package web

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// unitPickerMin is the size of tree from which a unit field is a search
// box (unit-picker) instead of a select: a select of the national
// organization's 2,016 units is 200 kB on every page and unusable.
const unitPickerMin = 200

// unitSearchMax is how many units a search answers.
const unitSearchMax = 30

// optionLabel is the label of the option whose id is raw, "" when none
// is: the picker's current unit, found in Go rather than by a template
// loop that compared 2,016 options as text on every page with the field.
func optionLabel(options []workOption, raw string) string {
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return ""
	}
	for _, o := range options {
		if o.ID == id {
			return o.Label
		}
	}
	return ""
}

// allOrgUnits is what a store offers that loads the whole tree at once,
// from a copy kept current (store.FindAllOrgUnits).
type allOrgUnits interface {
	FindAllOrgUnits(ctx context.Context) ([]*payesh.OrgUnit, error)
}

// unitIndex is the org tree with what pages derive from it, built once
// per version of the tree, not once per request: by id, in tree order,
// and the keys to sort and search units by.
type unitIndex struct {
	src   []*payesh.OrgUnit // as the store returned them
	byID  map[int64]*payesh.OrgUnit
	tree  []*payesh.OrgUnit // depth first, siblings by sortUnits' order
	depth map[int64]int
	key   map[int64]unitSortKey
	find  map[int64]string // folded name, English name and code
	// labels are the options' labels in tree order, indented by depth,
	// in each language: a page's unit field lists them all.
	labels map[i18n.Lang][]string
}

// unitSortKey orders siblings: by kind, then by Persian name, then by id.
type unitSortKey struct {
	kind int
	name string // persianCollationKey of the Persian name
}

var unitIndexMemo atomic.Pointer[unitIndex]

// unitIndexOf returns the index of the current tree.
func (s *server) unitIndexOf(r *http.Request) (*unitIndex, error) {
	units, err := s.loadAllUnits(r)
	if err != nil {
		return nil, err
	}
	if ix := unitIndexMemo.Load(); ix != nil && sameUnits(ix.src, units) {
		return ix, nil
	}
	ix := newUnitIndex(units)
	unitIndexMemo.Store(ix)
	return ix, nil
}

// sameUnits reports whether two lists are the same slice: the store hands
// out its cached copy until the tree changes.
func sameUnits(a, b []*payesh.OrgUnit) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// loadAllUnits loads every unit: in one query from a store that offers
// it, else page by page.
func (s *server) loadAllUnits(r *http.Request) ([]*payesh.OrgUnit, error) {
	if all, ok := s.Units.(allOrgUnits); ok {
		return all.FindAllOrgUnits(r.Context())
	}
	var all []*payesh.OrgUnit
	f := payesh.OrgUnitFilter{Page: payesh.Page{Limit: payesh.MaxLimit}}
	for ; ; f.Offset += payesh.MaxLimit {
		units, total, err := s.Units.FindOrgUnits(r.Context(), f)
		if err != nil {
			return nil, err
		}
		all = append(all, units...)
		if f.Offset+payesh.MaxLimit >= total {
			return all, nil
		}
	}
}

func newUnitIndex(units []*payesh.OrgUnit) *unitIndex {
	ix := &unitIndex{src: units, byID: make(map[int64]*payesh.OrgUnit, len(units)),
		depth: make(map[int64]int, len(units)), key: make(map[int64]unitSortKey, len(units)),
		find: make(map[int64]string, len(units))}
	for _, u := range units {
		ix.byID[u.ID] = u
		ix.key[u.ID] = unitKeyOf(u)
		ix.find[u.ID] = foldSearch(u.NameFA) + "\x00" + foldSearch(u.NameEN) + "\x00" + foldSearch(u.Code)
	}
	children := map[int64][]*payesh.OrgUnit{}
	var roots []*payesh.OrgUnit
	for _, u := range units {
		if u.ParentID != nil && ix.byID[*u.ParentID] != nil {
			children[*u.ParentID] = append(children[*u.ParentID], u)
		} else {
			roots = append(roots, u)
		}
	}
	ix.tree = make([]*payesh.OrgUnit, 0, len(units))
	var walk func(list []*payesh.OrgUnit, depth int)
	walk = func(list []*payesh.OrgUnit, depth int) {
		sortUnitsBy(list, ix.key)
		for _, u := range list {
			ix.tree = append(ix.tree, u)
			ix.depth[u.ID] = depth
			walk(children[u.ID], depth+1)
		}
	}
	walk(roots, 0)
	ix.labels = map[i18n.Lang][]string{}
	for _, lang := range []i18n.Lang{i18n.FA, i18n.EN} {
		labels := make([]string, len(ix.tree))
		for i, u := range ix.tree {
			labels[i] = strings.Repeat(workIndent, ix.depth[u.ID]) + pick(lang, u.NameFA, u.NameEN)
		}
		ix.labels[lang] = labels
	}
	return ix
}

func unitKeyOf(u *payesh.OrgUnit) unitSortKey {
	k := slices.Index(payesh.UnitKinds, u.Kind)
	if k < 0 {
		k = len(payesh.UnitKinds)
	}
	return unitSortKey{kind: k, name: payesh.CollationKey(u.NameFA)}
}

// sortUnitsBy sorts units by precomputed keys.
func sortUnitsBy(units []*payesh.OrgUnit, keys map[int64]unitSortKey) {
	slices.SortFunc(units, func(a, b *payesh.OrgUnit) int {
		ka, kb := keys[a.ID], keys[b.ID]
		return cmp.Or(cmp.Compare(ka.kind, kb.kind), strings.Compare(ka.name, kb.name), cmp.Compare(a.ID, b.ID))
	})
}

// foldSearch is a text as searched: foldPersian, آ as ا, lower case, and
// without spaces or ZWNJ, so that "اداره‌کل", "اداره کل" and "ادارهکل"
// find each other.
func foldSearch(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == 'آ':
			return 'ا'
		case r == '\u200c' || r == '\u200d' || unicode.IsSpace(r) || r == '-' || r == '_' || r == '.':
			return -1
		}
		return unicode.ToLower(r)
	}, payesh.FoldPersian(s))
}

// searchTerms splits a query at spaces and ZWNJ into folded terms.
func searchTerms(q string) []string {
	var terms []string
	for _, f := range strings.FieldsFunc(q, func(r rune) bool { return r == '\u200c' || unicode.IsSpace(r) }) {
		if t := foldSearch(f); t != "" {
			terms = append(terms, t)
		}
	}
	return terms
}

// search returns the units whose name, English name or code holds every
// term of q, or whose id is q; units whose name starts with the query
// first, then shallower ones, then in tree order. keep, when not nil,
// filters the units.
func (ix *unitIndex) search(q string, keep func(*payesh.OrgUnit) bool, max int) []*payesh.OrgUnit {
	terms := searchTerms(q)
	if len(terms) == 0 {
		return nil
	}
	type hit struct {
		u     *payesh.OrgUnit
		rank  int
		order int
	}
	var hits []hit
	whole := strings.Join(terms, "")
	id, idErr := strconv.ParseInt(jalali.ToLatinDigits(strings.TrimSpace(q)), 10, 64)
	for i, u := range ix.tree {
		if keep != nil && !keep(u) {
			continue
		}
		text := ix.find[u.ID]
		rank := -1
		switch {
		case idErr == nil && u.ID == id:
			rank = 0
		case matchAll(text, terms):
			rank = 2
			if strings.HasPrefix(text, whole) {
				rank = 1
			}
		}
		if rank >= 0 {
			hits = append(hits, hit{u, rank*1000 + min(ix.depth[u.ID], 999), i})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int { return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.order, b.order)) })
	out := make([]*payesh.OrgUnit, 0, min(len(hits), max))
	for _, h := range hits[:min(len(hits), max)] {
		out = append(out, h.u)
	}
	return out
}

func matchAll(text string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(text, t) {
			return false
		}
	}
	return true
}

// resolveUnit reads a unit typed into a picker without JavaScript: an id
// in any digits, a code, or a name (Persian-aware, see foldSearch) that
// exactly one unit has or, failing that, contains. ok is false for text
// that names no unit or several.
func resolveUnit(units map[int64]*payesh.OrgUnit, s string) (id int64, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(jalali.ToLatinDigits(s), 10, 64); err == nil {
		_, ok := units[n]
		return n, ok
	}
	for _, u := range units {
		if strings.EqualFold(u.Code, s) {
			return u.ID, true
		}
	}
	name, terms := foldSearch(s), searchTerms(s)
	exact, exacts, partial, partials := int64(0), 0, int64(0), 0
	for _, u := range units {
		fa, en := foldSearch(u.NameFA), foldSearch(u.NameEN)
		switch {
		case fa == name || (en != "" && en == name):
			exact, exacts = u.ID, exacts+1
		case matchAll(fa+"\x00"+en, terms):
			partial, partials = u.ID, partials+1
		}
	}
	switch {
	case exacts == 1:
		return exact, true
	case exacts == 0 && partials == 1:
		return partial, true
	}
	return 0, false
}

// unitSearchOption is one answer of the search: the unit and where it
// sits, so that two "شعبهٔ ۱" are told apart.
type unitSearchOption struct {
	ID    int64
	Label string
	Place string
}

// unitSearchData is the search's page or fragment.
type unitSearchData struct {
	Q       string
	List    string // id of the datalist a fragment replaces
	Options []unitSearchOption
	Many    bool // more than unitSearchMax matched
}

var listIDPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,63}$`)

// unitSearch answers GET /units/search?q= with the matching units: for
// htmx, the <datalist> a picker shows as suggestions (list names it,
// field names the parameter holding the text when q is absent, editable=1
// keeps the units the user may give work to); without JavaScript, a page
// listing them with their ids.
func (s *server) unitSearch(w http.ResponseWriter, r *http.Request) error {
	ix, err := s.unitIndexOf(r)
	if err != nil {
		return err
	}
	qs := r.URL.Query()
	d := &unitSearchData{Q: strings.TrimSpace(qs.Get("q")), List: qs.Get("list")}
	if field := qs.Get("field"); d.Q == "" && field != "" {
		d.Q = strings.TrimSpace(qs.Get(field))
	}
	if !listIDPattern.MatchString(d.List) {
		d.List = "unit-search-list"
	}
	var keep func(*payesh.OrgUnit) bool
	if qs.Get("editable") == "1" {
		me := user(r)
		keep = func(u *payesh.OrgUnit) bool { return me.CanEditWorkOf(u.Path) }
	}
	lang := langOf(r)
	hits := ix.search(d.Q, keep, unitSearchMax+1)
	if d.Many = len(hits) > unitSearchMax; d.Many {
		hits = hits[:unitSearchMax]
	}
	for _, u := range hits {
		o := unitSearchOption{ID: u.ID, Label: pick(lang, u.NameFA, u.NameEN)}
		if u.ParentID != nil {
			if p := ix.byID[*u.ParentID]; p != nil {
				o.Place = pick(lang, p.NameFA, p.NameEN)
			}
		}
		d.Options = append(d.Options, o)
	}
	v := s.newView(r, "ui.picker.search_title", d)
	if r.Header.Get("HX-Request") == "true" {
		t, ok := s.pages.byLang[v.Lang]["unit_search"]
		if !ok {
			return errNoUnitSearch
		}
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, "unit-search-options", v); err != nil {
			return err
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Vary", "HX-Request")
		_, err := buf.WriteTo(w)
		return err
	}
	return s.render(w, r, http.StatusOK, "unit_search", v)
}

var errNoUnitSearch = payesh.Errorf(payesh.EINTERNAL, "err.internal")

// treeKey encodes a materialized path so that byte order is tree order
// with siblings by id: each id as 8 big-endian bytes, a parent's key a
// prefix of its children's.
func treeKey(path string) string {
	var b []byte
	for part := range strings.SplitSeq(strings.Trim(path, "/"), "/") {
		n, _ := strconv.ParseUint(part, 10, 64)
		b = binary.BigEndian.AppendUint64(b, n)
	}
	return string(b)
}
