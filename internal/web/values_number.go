package web

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// valuesDecimal is a plain decimal once digits and separators are Latin:
// no exponents, hex, "NaN" or "Inf", which strconv.ParseFloat would take
// but no one means when filling in a report.
var valuesDecimal = regexp.MustCompile(`^-?(\d+(\.\d*)?|\.\d+)$`)

// valuesParse reads a number as people type it in Iran: Persian, Arabic-
// Indic or Latin digits, the Persian decimal separator "٫" or a point
// (and "/", which many write for it: "۷۳/۵"), thousands separators "٬" or
// ",", and spaces anywhere.
func valuesParse(s string) (float64, bool) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ',', ' ', '\u00a0', '\u200c', '\u200e', '\u200f', '\u061c':
			return -1
		case '/':
			return '.'
		case '−', '–':
			return '-'
		}
		return r
	}, jalali.ToLatinDigits(strings.TrimSpace(s)))
	if !valuesDecimal.MatchString(s) {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// valuesFloat reads an optional decimal field: nil when empty, and an
// err.number beside the field when it does not read as a number.
func valuesFloat(f *form, field string) *float64 {
	s := f.String(field)
	if s == "" {
		return nil
	}
	v, ok := valuesParse(s)
	if !ok {
		f.fail(field, "err.number")
		return nil
	}
	return &v
}

// valuesNumber writes a stored number for an input as the interface
// writes numbers: every digit it has (a report's 0.125 stays 0.125),
// thousands grouped, and in Persian with Persian digits and "٫", which
// valuesParse reads back to the same float.
func valuesNumber(lang i18n.Lang, v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	neg := strings.HasPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	sep, dec := ",", "."
	if lang == i18n.FA {
		sep, dec = "٬", "٫"
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteString(dec + frac)
	}
	return formDigits(lang, b.String())
}
