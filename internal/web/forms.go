package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/jalali"
)

// pathID returns the {id} of the route as a positive integer; anything
// else is a 404, since no such page exists.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, payesh.Errorf(payesh.ENOTFOUND, "err.not_found.page")
	}
	return id, nil
}

// form reads a submitted form field by field, collecting every problem so
// the page can show them all beside their fields at once. Numbers and
// dates may be typed with Persian, Arabic-Indic or Latin digits.
type form struct {
	r      *http.Request
	errors map[string]string
}

func parseForm(r *http.Request) (*form, error) {
	r.Body = http.MaxBytesReader(nil, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		return nil, errBadForm
	}
	return &form{r: r, errors: map[string]string{}}, nil
}

func (f *form) fail(field, key string) {
	if _, ok := f.errors[field]; !ok {
		f.errors[field] = key
	}
}

// String returns a trimmed field.
func (f *form) String(field string) string {
	return strings.TrimSpace(f.r.PostForm.Get(field))
}

// Has reports whether the field was sent (checkbox-like fields).
func (f *form) Has(field string) bool { return f.r.PostForm.Has(field) }

// Int returns an integer field; empty gives 0.
func (f *form) Int(field string) int {
	s := jalali.ToLatinDigits(f.String(field))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		f.fail(field, "err.number")
	}
	return n
}

// ID returns an id field (a select); empty gives 0.
func (f *form) ID(field string) int64 {
	s := jalali.ToLatinDigits(f.String(field))
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		f.fail(field, "err.unknown_ref")
	}
	return n
}

// IDs returns every value of a multi-valued id field.
func (f *form) IDs(field string) []int64 {
	ids := []int64{}
	for _, s := range f.r.PostForm[field] {
		s = jalali.ToLatinDigits(strings.TrimSpace(s))
		if s == "" {
			continue
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			f.fail(field, "err.unknown_ref")
			continue
		}
		ids = append(ids, n)
	}
	return ids
}

// Float returns a decimal field, nil when empty; "۴۲٫۵" reads as 42.5.
func (f *form) Float(field string) *float64 {
	s := jalali.ToLatinDigits(f.String(field))
	s = strings.TrimSuffix(strings.TrimSuffix(s, "%"), "٪")
	if s == "" {
		return nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		f.fail(field, "err.number")
		return nil
	}
	return &v
}

// Date reads a Jalali date typed as 1403/01/15 in any digits (the date
// picker writes the same form); empty gives the zero Date.
func (f *form) Date(field string) payesh.Date {
	s := f.String(field)
	if s == "" {
		return payesh.Date{}
	}
	d, err := jalali.Parse(s)
	if err != nil {
		f.fail(field, "err.bad_jalali_date")
		return payesh.Date{}
	}
	return payesh.FromJalali(d)
}

// Err returns the collected field errors as a domain error, or nil.
func (f *form) Err() error { return payesh.Invalid(f.errors) }

// fieldErrors returns the field errors of err, merged with the form's own,
// when err is a validation error; ok is false for any other error.
func fieldErrors(err error) (map[string]string, bool) {
	var e *payesh.Error
	if !errors.As(err, &e) || e.Code != payesh.EINVALID {
		return nil, false
	}
	if len(e.Fields) == 0 {
		return map[string]string{"form": e.Message}, true
	}
	return e.Fields, true
}
