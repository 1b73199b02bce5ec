package payesh

import (
	"strings"
	"unicode"

	"payesh/internal/jalali"
)

// Persian collation. Neither engine sorts Persian as a dictionary does
// (code point order puts ک after ل and پ after ی, and an Arabic ي apart
// from ی), so a list people read in order is sorted by CollationKey: in
// Go for what is already in memory (the unit tree), and in SQL by a
// sort-key column written with the row (users.sort_key).

// persianOrder is the Persian alphabet in dictionary order; آ sorts just
// before ا.
const persianOrder = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"

var persianRank = func() map[rune]int {
	m := map[rune]int{}
	for i, r := range []rune(persianOrder) {
		m[r] = i
	}
	return m
}()

// CollationKey returns a string whose byte order is the Persian
// alphabetical order of s: letters by their place in the alphabet, Arabic
// forms as the Persian ones, vowel marks and tatweel ignored, ZWNJ as a
// space, digits of any script as digits, before letters; other text after
// Persian. Byte order is SQLite's BINARY and PostgreSQL's COLLATE "C".
func CollationKey(s string) string {
	var b strings.Builder
	for _, r := range FoldPersian(s) {
		switch {
		case r == '\u200c' || unicode.IsSpace(r):
			b.WriteRune(' ')
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			if i, ok := persianRank[r]; ok {
				b.WriteRune(rune(0x1000 + i))
			} else {
				b.WriteRune(0x2000 + unicode.ToLower(r))
			}
		}
	}
	return b.String()
}

// FoldPersian maps the spellings of one Persian text to one: Arabic yeh,
// kaf and teh marbuta as Persian ی, ک, ه; vowel marks, the hamza above
// and tatweel dropped; digits of any script as Latin digits.
func FoldPersian(s string) string {
	s = jalali.ToLatinDigits(s)
	return strings.Map(func(r rune) rune {
		switch r {
		case 'ي', 'ى', 'ئ':
			return 'ی'
		case 'ك':
			return 'ک'
		case 'ة', 'ۀ':
			return 'ه'
		case 'أ', 'إ', 'ٱ':
			return 'ا'
		case 'ؤ':
			return 'و'
		case 'ـ', '\u0670':
			return -1
		}
		if r >= '\u064b' && r <= '\u065f' {
			return -1
		}
		return r
	}, s)
}
