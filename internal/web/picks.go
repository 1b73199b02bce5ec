package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"payesh/internal/jalali"
)

// picks holds the chosen values of a form's multi-valued fields as sets.
// A page asks, for each of its options (every unit, every clause), whether
// it was chosen, and a posted list may be long — a refused form carries
// back whatever was sent — so each field is read once, not once per option.
type picks struct {
	sets map[string]map[string]bool
}

// has reports whether v is among the values of field in form; values
// compare as typed in any digits, ids by number ("۰۷" is 7).
func (p *picks) has(form url.Values, field string, v any) bool {
	if p.sets == nil {
		p.sets = map[string]map[string]bool{}
	}
	set, ok := p.sets[field]
	if !ok {
		set = make(map[string]bool, len(form[field]))
		for _, s := range form[field] {
			set[pickKey(s)] = true
		}
		p.sets[field] = set
	}
	return set[pickKey(fmt.Sprint(v))]
}

func pickKey(s string) string {
	s = jalali.ToLatinDigits(strings.TrimSpace(s))
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return strconv.FormatInt(n, 10)
	}
	return s
}
