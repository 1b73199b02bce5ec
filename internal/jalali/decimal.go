package jalali

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// plainDecimal is a decimal once digits and separators are Latin: no
// exponents, hex, "NaN" or "Inf", which strconv.ParseFloat would take but
// no one means when filling in a report.
var plainDecimal = regexp.MustCompile(`^-?(\d+(\.\d*)?|\.\d+)$`)

// ParseDecimal reads a number as people type it in Iran, in a form or a
// spreadsheet: Persian, Arabic-Indic or Latin digits, the Persian decimal
// separator "٫" or a point (and "/", which many write for it: "۷۳/۵"),
// thousands separators "٬" or ",", spaces and direction marks anywhere,
// and a typographic minus.
func ParseDecimal(s string) (float64, bool) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ',', ' ', '\u00a0', '\u200c', '\u200e', '\u200f', '\u061c', '\u202a', '\u202b', '\u202c':
			return -1
		case '/':
			return '.'
		case '−', '–':
			return '-'
		}
		return r
	}, ToLatinDigits(strings.TrimSpace(s)))
	if !plainDecimal.MatchString(s) {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}
