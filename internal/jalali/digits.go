package jalali

import (
	"strings"
	"unicode"
)

// Persian-script punctuation used in numbers.
const (
	decimalSep   = '٫' // U+066B ARABIC DECIMAL SEPARATOR
	thousandsSep = '٬' // U+066C ARABIC THOUSANDS SEPARATOR
	percentSign  = '٪' // U+066A ARABIC PERCENT SIGN
)

// digitValue returns the value of a Latin, Persian (U+06F0–06F9) or
// Arabic-Indic (U+0660–0669) digit. Users type all three, often mixed,
// depending on keyboard layout, so every input path accepts them equally.
func digitValue(r rune) (int, bool) {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0'), true
	case r >= '۰' && r <= '۹':
		return int(r - '۰'), true
	case r >= '٠' && r <= '٩':
		return int(r - '٠'), true
	}
	return 0, false
}

// ToPersianDigits replaces Latin digits 0-9 with Persian digits ۰-۹ and
// leaves every other rune alone.
func ToPersianDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '۰' + (r - '0')
		}
		return r
	}, s)
}

// ToLatinDigits turns Persian and Arabic-Indic digits into 0-9, maps the
// Persian decimal separator '٫' to '.', and drops the thousands separator
// '٬', so the result can be fed to strconv.
func ToLatinDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if v, ok := digitValue(r); ok {
			return '0' + rune(v)
		}
		switch r {
		case decimalSep:
			return '.'
		case thousandsSep:
			return -1
		}
		return r
	}, s)
}

// normalizeDigits maps only digits to Latin. Parsers use it instead of
// ToLatinDigits so that stray separators are rejected, not silently eaten.
func normalizeDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if v, ok := digitValue(r); ok {
			return '0' + rune(v)
		}
		return r
	}, s)
}

// trimInput strips whitespace and the invisible direction marks that
// browsers insert when text is copied out of right-to-left pages.
func trimInput(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		switch r {
		case '\u200e', '\u200f', '\u061c', '\ufeff':
			return true
		}
		return unicode.IsSpace(r)
	})
}

// number parses an all-ASCII-digit string of minLen..maxLen bytes. It is
// stricter than strconv.Atoi, which would also accept signs like "+1".
func number(s string, minLen, maxLen int) (int, bool) {
	if len(s) < minLen || len(s) > maxLen {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
