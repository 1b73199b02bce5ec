package api

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/jalali"
)

// query reads a request's query parameters and collects every problem, so
// one response names every bad parameter. Parameters nobody read are
// refused too: a misspelt filter silently ignored returns the wrong rows.
type query struct {
	values url.Values
	read   map[string]bool
	fields map[string]string
}

func newQuery(r *http.Request) *query {
	return &query{values: r.URL.Query(), read: map[string]bool{}, fields: map[string]string{}}
}

func (q *query) bad(name string) { q.fields[name] = "err.bad_query" }

// str returns the single value of name, or "" when absent. A NUL byte or
// invalid UTF-8 is refused here, as in any text: PostgreSQL cannot
// compare with it, and a filter must not answer 500 on one engine only.
func (q *query) str(name string) string {
	q.read[name] = true
	v := q.values[name]
	if len(v) > 1 {
		q.bad(name)
	}
	if len(v) == 0 {
		return ""
	}
	if !payesh.Storable(v[0]) {
		q.fields[name] = payesh.KeyBadText
		return ""
	}
	return strings.TrimSpace(v[0])
}

// basis returns the basis numbers are read on: approved unless the
// request asks for provisional.
func (q *query) basis() payesh.Basis {
	b, err := payesh.ParseBasis(q.str("basis"))
	if err != nil {
		q.fields["basis"] = "err.basis"
	}
	return b
}

// id returns a positive id, or 0 when absent.
func (q *query) id(name string) int64 {
	s := q.str(name)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		q.bad(name)
		return 0
	}
	return n
}

// parent returns nil when absent, a pointer to 0 for "root" (top level) and
// a pointer to the id otherwise.
func (q *query) parent(name string) *int64 {
	s := q.str(name)
	if s == "" {
		return nil
	}
	var id int64
	if s != "root" {
		id = q.id(name)
		if id == 0 {
			return nil
		}
	}
	return &id
}

func (q *query) boolean(name string) *bool {
	s := q.str(name)
	if s == "" {
		return nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		q.bad(name)
		return nil
	}
	return &b
}

func (q *query) date(name string) payesh.Date {
	d, err := payesh.ParseDate(q.str(name))
	if err != nil {
		q.bad(name)
	}
	return d
}

// ids reads a comma-separated list of positive ids (the parameter may
// also repeat), without duplicates and at most payesh.MaxIDs of them: each
// id costs the store a lookup, so a list is bounded like a page. Reading
// stops at the first id past the bound, so a long list costs no more than
// a short one.
func (q *query) ids(name string) []int64 {
	q.read[name] = true
	var out []int64
	seen := map[int64]bool{}
	for _, v := range q.values[name] {
		for s := range strings.SplitSeq(v, ",") {
			if s = strings.TrimSpace(s); s == "" {
				continue
			}
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil || n <= 0 {
				q.bad(name)
				return nil
			}
			if seen[n] {
				continue
			}
			if len(out) == payesh.MaxIDs {
				q.fields[name] = payesh.KeyTooManyIDs
				return nil
			}
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// period returns the canonical form of a Jalali period ("1403-02" for
// "۱۴۰۳-۲"), or "" when absent.
func (q *query) period(name string) string {
	s := q.str(name)
	if s == "" {
		return ""
	}
	p, err := jalali.ParsePeriod(s)
	if err != nil {
		q.fields[name] = "err.period"
		return ""
	}
	return p.String()
}

// require marks name as missing when the value read from it is absent
// (present is false), unless the parameter already has a problem of its own.
func (q *query) require(name string, present bool) {
	if _, bad := q.fields[name]; !bad && !present {
		q.fields[name] = "err.required_param"
	}
}

// page reads limit and offset. Out-of-range values are refused rather than
// clamped, so a script asking for 1000 rows learns it gets at most 500.
func (q *query) page() payesh.Page {
	p := payesh.Page{Limit: payesh.DefaultLimit}
	if s := q.str("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > payesh.MaxLimit {
			q.bad("limit")
		} else {
			p.Limit = n
		}
	}
	if s := q.str("offset"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			q.bad("offset")
		} else {
			p.Offset = n
		}
	}
	return p
}

// enum returns the single value of name if valid says it is one.
func enum[T ~string](q *query, name string, valid func(T) bool) T {
	v := T(q.str(name))
	if v != "" && !valid(v) {
		q.bad(name)
		return ""
	}
	return v
}

// enumList reads a comma-separated list (the parameter may also repeat),
// without duplicates: the valid values are a handful, so however often a
// client repeats them the store's IN list stays as short.
func enumList[T ~string](q *query, name string, valid func(T) bool) []T {
	q.read[name] = true
	var out []T
	for _, v := range q.values[name] {
		for s := range strings.SplitSeq(v, ",") {
			if s = strings.TrimSpace(s); s == "" {
				continue
			}
			if !valid(T(s)) {
				q.bad(name)
				return nil
			}
			if !slices.Contains(out, T(s)) {
				out = append(out, T(s))
			}
		}
	}
	return out
}

// err returns the collected problems, adding every parameter nobody read.
func (q *query) err() error {
	for name := range q.values {
		if !q.read[name] {
			q.fields[name] = "err.unknown_param"
		}
	}
	if len(q.fields) == 0 {
		return nil
	}
	return &payesh.Error{Code: payesh.EINVALID, Message: "err.bad_query", Fields: q.fields}
}

// pathID returns the positive integer path parameter name.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, invalid("err.bad_id", name, "err.bad_id")
	}
	return id, nil
}

// errVersion is returned when a write omits the row version it read;
// without it optimistic concurrency cannot protect the other writer.
var errVersion = invalid("err.invalid", "version", "err.version")

// queryVersion reads ?version=N of a DELETE.
func queryVersion(r *http.Request) (int, error) {
	q := newQuery(r)
	s := q.str("version")
	if err := q.err(); err != nil {
		return 0, err
	}
	v, err := strconv.Atoi(s)
	if err != nil || v <= 0 {
		return 0, errVersion
	}
	return v, nil
}
