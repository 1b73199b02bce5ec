package jalali

import (
	"fmt"
	"strings"
	"time"
)

// Parse reads a Jalali date typed by a user or sent by a form. Accepted
// shapes, with '/' or '-' as the (single, consistent) separator:
//
//	YYYY/M/D   e.g. "1403/01/15", "1403-1-5"
//	D/M/YYYY   e.g. "15/1/1403" (recognised by its 4-digit last part)
//
// Digits may be Latin, Persian or Arabic-Indic, even mixed; surrounding
// whitespace and direction marks are ignored. The year must have exactly
// four digits and month/day one or two, which keeps the two orders
// unambiguous. Everything else, and dates that do not exist, yields an
// error wrapping ErrInvalid.
func Parse(s string) (Date, error) {
	parts, ok := splitDate(normalizeDigits(trimInput(s)))
	if !ok {
		return Date{}, parseError(s)
	}
	if len(parts[0]) != 4 && len(parts[2]) == 4 {
		parts[0], parts[2] = parts[2], parts[0] // D/M/YYYY -> YYYY/M/D
	}
	y, okY := number(parts[0], 4, 4)
	m, okM := number(parts[1], 1, 2)
	d, okD := number(parts[2], 1, 2)
	if !okY || !okM || !okD {
		return Date{}, parseError(s)
	}
	date, err := New(y, m, d)
	if err != nil {
		return Date{}, parseError(s)
	}
	return date, nil
}

// splitDate splits s into exactly three parts on one separator kind;
// mixing "/" and "-" is rejected as more likely a typo than intent.
func splitDate(s string) ([]string, bool) {
	hasSlash, hasDash := strings.Contains(s, "/"), strings.Contains(s, "-")
	if hasSlash == hasDash {
		return nil, false
	}
	sep := "/"
	if hasDash {
		sep = "-"
	}
	parts := strings.Split(s, sep)
	return parts, len(parts) == 3
}

func parseError(s string) error {
	return fmt.Errorf("%w: cannot parse %q", ErrInvalid, s)
}

// ParseGregorian parses an ISO "2024-04-03" date (any digit script) to
// midnight UTC, for inputs such as HTML <input type=date> values.
func ParseGregorian(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, normalizeDigits(trimInput(s)))
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: cannot parse Gregorian %q", ErrInvalid, s)
	}
	return t, nil
}
