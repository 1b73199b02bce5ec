package web

import (
	"strconv"
	"strings"

	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// valuesParse reads a number as people type it in Iran (jalali.ParseDecimal:
// Persian, Arabic-Indic or Latin digits, "٫", "." or "/" for the decimal
// point, separators and spaces anywhere) — the same rule as a workbook's
// cells.
func valuesParse(s string) (float64, bool) { return jalali.ParseDecimal(s) }

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
