package payesh

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text arrives from browsers, scripts and pasted documents, and two engines
// store it that disagree on what they accept: PostgreSQL refuses a NUL
// byte and invalid UTF-8, SQLite keeps both. The rules live here, in the
// domain, and every Normalize and Validate applies them, so the API, the
// web UI and the store clean or refuse text one way on either engine:
//
//   - bidi embedding, override and isolate controls (U+202A–U+202E,
//     U+2066–U+2069) are removed from every text, single-line or not;
//   - spaces and invisible characters at either end are trimmed, and a
//     text of nothing else is empty, so "required" sees it as missing;
//   - a NUL byte or invalid UTF-8 anywhere is refused (KeyBadText).
//
// The bidi controls go from multi-line text too, for one rule: an
// unterminated override in a note reorders whatever follows it where
// nothing isolates the note — the rest of an email, a CSV row, an API
// client's screen — and Persian needs none of them. ZWNJ (U+200C) is
// part of Persian spelling, and LRM/RLM (U+200E, U+200F) are how Persian
// writers set a Latin word or a parenthesis right: both are kept.

// KeyBadText is the field error of text that holds a NUL byte or is not
// valid UTF-8.
const KeyBadText = "err.text.bad_char"

// NormalizeText cleans user-typed text before validation and storage: it
// removes bidi controls, trims spaces and invisible characters at the ends
// (not LRM/RLM, which may be what keeps a closing parenthesis right), and
// replaces the Arabic forms of yeh and kaf, which Arabic keyboards and old
// systems produce, with the Persian ones, so that search and uniqueness see
// one spelling. A text with nothing visible becomes "". NUL bytes and
// invalid UTF-8 are left for Validate to refuse, not hidden.
func NormalizeText(s string) string {
	return textNormalizer.Replace(NormalizeRef(s))
}

// NormalizeRef cleans a reference typed as text — a link, a letter
// number — like NormalizeText, but keeps its letters as typed: an Arabic
// yeh in a link is part of its address.
func NormalizeRef(s string) string {
	s = strings.TrimFunc(stripBidi(s), trimmable)
	if blank(s) {
		return ""
	}
	return s
}

var textNormalizer = strings.NewReplacer(
	"\u064a", "\u06cc", // ي → ی
	"\u0649", "\u06cc", // ى → ی
	"\u0643", "\u06a9", // ك → ک
)

// isBidiControl reports the embedding, override and isolate controls.
func isBidiControl(r rune) bool {
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069'
}

// stripBidi removes bidi controls, copying every other byte as it is —
// invalid UTF-8 included, so that Validate still sees it.
func stripBidi(s string) string {
	if strings.IndexFunc(s, isBidiControl) < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isBidiControl(r) {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// invisible reports characters that show nothing: spaces, format
// characters (zero-width space, ZWNJ, ZWJ, word joiner, BOM, LRM, RLM…)
// and the other default-ignorable ones (Hangul fillers, variation
// selectors), but not the Arabic number signs, which are format
// characters that do show.
func invisible(r rune) bool {
	switch {
	case unicode.IsSpace(r), r == '\u2800': // U+2800: the blank braille pattern
		return true
	case unicode.Is(unicode.Prepended_Concatenation_Mark, r):
		return false
	}
	return unicode.In(r, unicode.Cf, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector)
}

// trimmable reports what NormalizeText trims from the ends: the invisible
// characters other than the directional marks.
func trimmable(r rune) bool {
	return invisible(r) && r != '\u200e' && r != '\u200f' && r != '\u061c'
}

// blank reports whether s shows nothing at all.
func blank(s string) bool {
	for _, r := range s {
		if !invisible(r) {
			return false
		}
	}
	return true
}

// Storable reports whether both engines can store s: valid UTF-8 without
// a NUL byte.
func Storable(s string) bool {
	return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0
}

// checkText sets KeyBadText on every field whose text is not storable; it
// wins over any other problem of the field, since no edit of length or
// content fixes a character the user cannot see.
func checkText(f map[string]string, texts map[string]string) {
	for field, s := range texts {
		if !Storable(s) {
			f[field] = KeyBadText
		}
	}
}
