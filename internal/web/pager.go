package web

import (
	"net/http"
	"net/url"
	"strconv"

	"payesh"
	"payesh/internal/jalali"
)

// pager links the pages of a list, keeping every other query parameter.
type pager struct {
	Total, Limit, Offset int
	// Capped is true when the list stopped counting: there are more than
	// Cap items, and Total (Cap+1) only says that a next page exists.
	Capped bool
	Cap    int
	path   string
	query  url.Values
}

func newPager(r *http.Request, total int, p payesh.Page) pager {
	p = p.Normalized()
	return pager{Total: total, Limit: p.Limit, Offset: p.Offset, path: r.URL.Path, query: r.URL.Query()}
}

// newWorkPager is the pager of a work list counted up to f.CountCap
// (payesh.WorkItemFilter.TotalCapped).
func newWorkPager(r *http.Request, total int, f payesh.WorkItemFilter) pager {
	p := newPager(r, total, f.Page)
	if f.TotalCapped(total) {
		p.Capped, p.Cap = true, f.CountCap()
	}
	return p
}

// End is the 1-based index of the last row shown.
func (p pager) End() int { return min(p.Offset+p.Limit, p.Total) }

func (p pager) Prev() string { return p.at(max(p.Offset-p.Limit, 0)) }

// Next is the next page's URL, or "" on the last page.
func (p pager) Next() string {
	if p.Offset+p.Limit >= p.Total {
		return ""
	}
	return p.at(p.Offset + p.Limit)
}

func (p pager) at(offset int) string {
	q := url.Values{}
	for k, v := range p.query {
		q[k] = v
	}
	q.Set("offset", strconv.Itoa(offset))
	return p.path + "?" + q.Encode()
}

// pageOf reads ?offset= and ?limit= leniently: a bad value falls back to
// the default rather than an error page, as a person may edit the URL.
func pageOf(r *http.Request, limit int) payesh.Page {
	atoi := func(k string) int {
		n, _ := strconv.Atoi(jalali.ToLatinDigits(r.URL.Query().Get(k)))
		return n
	}
	p := payesh.Page{Limit: atoi("limit"), Offset: atoi("offset")}
	if p.Limit == 0 {
		p.Limit = limit
	}
	return p.Normalized()
}
