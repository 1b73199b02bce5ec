package web

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"time"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// auditFormat writes the values of one entity's rows for people, in one
// language; units names the org units that unit-id fields point to.
type auditFormat struct {
	lang   i18n.Lang
	entity string
	units  map[int64]*payesh.OrgUnit
}

// isoDay is how dates are kept in the trail ("2024-07-31").
var isoDay = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// enumPrefixes translate the enumerated fields whose values have labels:
// a work item's status, a user's role, a report's state, and the kind of
// whatever entity has one.
var enumPrefixes = map[string]string{
	"status":         "ui.status.",
	"role":           "ui.admin.role.",
	"state":          "ui.values.state.",
	"work_item.kind": "ui.kind.",
	"org_unit.kind":  "ui.units.kind.",
	"document.kind":  "ui.doc.kind.",
}

// unitFields hold org unit ids, shown by the unit's name.
var unitFields = map[string]bool{
	"owner_unit_id": true, "partner_unit_ids": true, "unit_id": true, "unit_ids": true, "org_unit.parent_id": true,
}

// value writes a decoded JSON value of field: null as a dash, strings as
// typed (dates and times in Jalali, known codes by their labels), numbers
// in the language's digits, unit ids by name, yes or no, lists joined.
func (f auditFormat) value(field string, v any) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case bool:
		if x {
			return i18n.T(f.lang, "ui.admin.yes")
		}
		return i18n.T(f.lang, "ui.admin.no")
	case json.Number:
		if name, ok := f.unitName(field, x); ok {
			return name
		}
		return f.number(x.String())
	case string:
		return f.text(field, x)
	case []any:
		if len(x) == 0 {
			return "—"
		}
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = f.value(field, e)
		}
		return strings.Join(parts, f.sep())
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	return string(b)
}

func (f auditFormat) sep() string {
	if f.lang == i18n.FA {
		return "، "
	}
	return ", "
}

func (f auditFormat) digits(s string) string {
	if f.lang == i18n.FA {
		return jalali.ToPersianDigits(s)
	}
	return s
}

// number writes a number as the interface does: Persian digits and
// decimal separator in Persian.
func (f auditFormat) number(s string) string {
	if f.lang == i18n.FA {
		s = strings.ReplaceAll(s, ".", "٫")
	}
	return f.digits(s)
}

// unitName is the name of the unit a unit-id field points to; a unit
// since deleted keeps its number.
func (f auditFormat) unitName(field string, n json.Number) (string, bool) {
	if !unitFields[field] && !unitFields[f.entity+"."+field] {
		return "", false
	}
	id, err := strconv.ParseInt(n.String(), 10, 64)
	if err != nil {
		return "", false
	}
	u, ok := f.units[id]
	if !ok {
		return "", false
	}
	return pick(f.lang, u.NameFA, u.NameEN), true
}

func (f auditFormat) text(field, s string) string {
	if s == "" {
		return "—"
	}
	if isoDay.MatchString(s) {
		if d, err := payesh.ParseDate(s); err == nil {
			return f.digits(displayDate(d, f.lang))
		}
	}
	if strings.Contains(s, "T") {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return f.digits(displayTime(t, f.lang))
		}
	}
	for _, p := range []string{f.entity + "." + field, field} {
		if prefix, ok := enumPrefixes[p]; ok && i18n.Has(prefix+s) {
			return i18n.T(f.lang, prefix+s)
		}
	}
	return s
}
