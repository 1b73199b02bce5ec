package web

import (
	"net/url"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/jalali"
)

// workFilter reads the list's filters from the query string. People edit
// URLs and follow old links, so a bad value never fails the page: it is
// left out of the filter and named in the returned field errors, which
// the page shows beside the filter it belongs to.
type workFilter struct {
	q      url.Values
	units  map[int64]*payesh.OrgUnit
	errors map[string]string
	f      payesh.WorkItemFilter
}

func parseWorkFilter(q url.Values, units map[int64]*payesh.OrgUnit) (payesh.WorkItemFilter, map[string]string) {
	p := &workFilter{q: q, units: units, errors: map[string]string{}}
	p.f.UnitID = p.unit()
	p.f.IncludePartner = workFlag(p.get("include_partner")) == 1
	p.f.ClauseID = p.id("clause")
	p.f.Kinds = workEnums(p, "kind", "err.work.kind", payesh.WorkKind.Valid)
	p.f.Statuses = workEnums(p, "status", "err.work.status", payesh.Status.Valid)
	p.f.Overdue = p.overdue()
	p.dueRange()
	p.f.Q = payesh.NormalizeText(p.get("q"))
	p.f.Sort = p.sort()
	return p.f, p.errors
}

func (p *workFilter) get(name string) string { return strings.TrimSpace(p.q.Get(name)) }

func (p *workFilter) fail(name, key string) {
	if _, ok := p.errors[name]; !ok {
		p.errors[name] = key
	}
}

// id reads a positive id; anything else is a bad reference.
func (p *workFilter) id(name string) int64 {
	s := jalali.ToLatinDigits(p.get(name))
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		p.fail(name, "err.unknown_ref")
		return 0
	}
	return n
}

// unit is a unit of the tree; an id no unit has would silently match
// nothing, which reads like "this unit has no work".
//
// Where the unit is a picker (a large tree), a browser without
// JavaScript sends what was typed: a code or a name is read as the one
// unit it names.
func (p *workFilter) unit() int64 {
	if s := p.get("unit"); s != "" {
		if _, err := strconv.ParseInt(jalali.ToLatinDigits(s), 10, 64); err != nil {
			id, ok := resolveUnit(p.units, s)
			if !ok {
				p.fail("unit", "err.unknown_ref")
			}
			return id
		}
	}
	id := p.id("unit")
	if _, ok := p.units[id]; id != 0 && !ok {
		p.fail("unit", "err.unknown_ref")
		return 0
	}
	return id
}

// workEnums reads a list given as repeated parameters, a comma list
// ("status=not_started,in_progress", as the home page links) or both.
func workEnums[T ~string](p *workFilter, name, bad string, valid func(T) bool) []T {
	var out []T
	for _, v := range p.q[name] {
		for _, s := range strings.Split(v, ",") {
			s = strings.TrimSpace(s)
			switch {
			case s == "":
			case valid(T(s)):
				out = append(out, T(s))
			default:
				p.fail(name, bad)
			}
		}
	}
	return out
}

// workFlag reads a checkbox-like value: 1 for yes, 0 for no, -1 for
// neither; empty is no.
func workFlag(s string) int {
	switch strings.ToLower(jalali.ToLatinDigits(s)) {
	case "1", "on", "true", "yes":
		return 1
	case "", "0", "off", "false", "no":
		return 0
	}
	return -1
}

func (p *workFilter) overdue() *bool {
	switch workFlag(p.get("overdue")) {
	case 1:
		return ptr(true)
	case -1:
		p.fail("overdue", "err.bad_query")
	}
	return nil
}

// dueRange reads an inclusive Jalali range; the store's bounds are
// strict, so each moves out by a day.
func (p *workFilter) dueRange() {
	from, okFrom := p.date("due_from")
	to, okTo := p.date("due_to")
	if okFrom && okTo && !from.IsZero() && !to.IsZero() && to.Before(from) {
		p.fail("due_to", "err.work.due_range")
		return
	}
	if okFrom && !from.IsZero() {
		p.f.DueAfter = from.AddDays(-1)
	}
	if okTo && !to.IsZero() {
		p.f.DueBefore = to.AddDays(1)
	}
}

func (p *workFilter) date(name string) (payesh.Date, bool) {
	s := p.get(name)
	if s == "" {
		return payesh.Date{}, true
	}
	d, err := jalali.Parse(s)
	if err != nil {
		p.fail(name, "err.bad_jalali_date")
		return payesh.Date{}, false
	}
	return payesh.FromJalali(d), true
}

func (p *workFilter) sort() string {
	s := p.get("sort")
	if !payesh.ValidSort(s) || s == "-" {
		p.fail("sort", "err.bad_query")
		return ""
	}
	return s
}
