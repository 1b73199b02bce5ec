package web

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// funcs returns the template functions for lang. Numbers and dates come
// out in Persian digits in the Persian interface and Latin in the English.
func funcs(lang i18n.Lang, version string) template.FuncMap {
	digits := func(s string) string {
		if lang == i18n.FA {
			return jalali.ToPersianDigits(s)
		}
		return s
	}
	return template.FuncMap{
		"t":    func(key string) string { return i18n.T(lang, key) },
		"tf":   func(key string, args ...any) string { return digits(fmt.Sprintf(i18n.T(lang, key), args...)) },
		"lang": func() string { return string(lang) },
		"dir": func() string {
			if lang == i18n.FA {
				return "rtl"
			}
			return "ltr"
		},
		"num":         func(v any) string { return digits(groupThousands(v, lang)) },
		"pct":         func(v float64) string { return digits(formatPercent(v, lang)) },
		"digits":      digits,
		"jdate":       func(d payesh.Date) string { return digits(displayDate(d, lang)) },
		"jtime":       func(t time.Time) string { return digits(displayTime(t, lang)) },
		"jdateIn":     func(d payesh.Date) string { return digits(d.JalaliString()) },
		"asset":       func(p string) string { return "/static/" + p + "?v=" + version },
		"icon":        icon,
		"pctWidth":    func(v float64) string { return strconv.FormatFloat(clamp(v, 0, 100), 'f', 1, 64) + "%" },
		"add":         func(a, b int) int { return a + b },
		"dict":        dict,
		"slots":       slots,
		"has":         func(list []int64, id int64) bool { return containsID(list, id) },
		"optionLabel": optionLabel,
		"selected":    func(a, b any) template.HTMLAttr { return attrIf(fmt.Sprint(a) == fmt.Sprint(b), "selected") },
		"checked":     func(ok bool) template.HTMLAttr { return attrIf(ok, "checked") },
		"join":        strings.Join,
		"sep": func() string { // a list separator that reads right beside Persian digits
			if lang == i18n.FA {
				return "، "
			}
			return ", "
		},
		"uname":     func(u *payesh.OrgUnit) string { return pick(lang, u.NameFA, u.NameEN) },
		"ushort":    func(u *payesh.OrgUnit) string { return unitShortName(lang, u) },
		"ctitle":    func(c *payesh.Clause) string { return pick(lang, c.TitleFA, c.TitleEN) },
		"dtitle":    func(d *payesh.Document) string { return pick(lang, d.TitleFA, d.TitleEN) },
		"hasPrefix": strings.HasPrefix,
		"signed":    func(v float64) string { return digits(signedNumber(v, lang)) },
	}
}

// signedNumber writes a difference with its sign, "+۳" or "−۷", held left
// to right (U+2066…U+2069) so that the sign stays before the number in a
// right-to-left line; zero has no sign.
func signedNumber(v float64, lang i18n.Lang) string {
	s := groupThousands(math.Abs(v), lang)
	switch {
	case math.Round(v*10) > 0:
		s = "+" + s
	case math.Round(v*10) < 0:
		s = "−" + s
	default:
		return s
	}
	return "\u2066" + s + "\u2069"
}

// displayDate is how a date reads: Jalali in Persian, ISO in English;
// a missing date is a dash.
func displayDate(d payesh.Date, lang i18n.Lang) string {
	switch {
	case d.IsZero():
		return "—"
	case lang == i18n.FA:
		return d.JalaliString()
	default:
		return d.JalaliString() + " (" + d.String() + ")"
	}
}

// displayTime shows an instant in Tehran time with its Jalali date.
func displayTime(t time.Time, lang i18n.Lang) string {
	if t.IsZero() {
		return "—"
	}
	local := t.In(payesh.Tehran)
	return payesh.DateOf(local).JalaliString() + " " + local.Format("15:04")
}

// groupThousands formats an integer or float with thousands separators:
// "٬" in Persian, "," in English; floats keep at most one decimal.
func groupThousands(v any, lang i18n.Lang) string {
	var s string
	switch n := v.(type) {
	case int:
		s = strconv.Itoa(n)
	case int64:
		s = strconv.FormatInt(n, 10)
	case float64:
		s = strconv.FormatFloat(math.Round(n*10)/10, 'f', -1, 64)
	default:
		return fmt.Sprint(v)
	}
	sep, dec := ",", "."
	if lang == i18n.FA {
		sep, dec = "٬", "٫"
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	out := b.String()
	if hasFrac {
		out += dec + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// formatPercent rounds to a whole percent, or one decimal below 10.
func formatPercent(v float64, lang i18n.Lang) string {
	r := math.Round(v)
	if v < 10 && v != r {
		r = math.Round(v*10) / 10
	}
	s := groupThousands(r, lang)
	if lang == i18n.FA {
		return s + "٪"
	}
	return s + "%"
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// slots numbers n blank fields of a form, from 1: {{range slots 3}}.
func slots(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i + 1
	}
	return out
}

// dict builds a map for passing several values to a partial template.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

func containsID(list []int64, id int64) bool {
	for _, x := range list {
		if x == id {
			return true
		}
	}
	return false
}

func attrIf(ok bool, attr string) template.HTMLAttr {
	if ok {
		return template.HTMLAttr(attr)
	}
	return ""
}

// pick returns the English text in the English interface when there is
// one; Persian is always there.
func pick(lang i18n.Lang, fa, en string) string {
	if lang == i18n.EN && en != "" {
		return en
	}
	return fa
}
