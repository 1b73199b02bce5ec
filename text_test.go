package payesh

import (
	"strings"
	"testing"
)

func TestNormalizeTextCleans(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"arabic yeh and kaf", "  كميته ي رفاه ", "کمیته ی رفاه"},
		{"override in a file name", "invoice\u202Eexe.pdf", "invoiceexe.pdf"},
		{"every embedding, override and isolate", "a\u202Ab\u202Bc\u202Cd\u202De\u202Ef\u2066g\u2067h\u2068i\u2069j", "abcdefghij"},
		{"zwnj inside a word stays", "می\u200cخواهیم", "می\u200cخواهیم"},
		{"zero-width at the ends goes", "\u200b\ufeff عنوان \u200c\u2060", "عنوان"},
		{"rlm at the end stays", "گزارش (PDF)\u200f", "گزارش (PDF)\u200f"},
		{"only spaces and zero-width is empty", " \u200c\u200b\u200d\u00a0\ufeff\u2060 ", ""},
		{"only marks and fillers is empty", "\u200f\u200e\u061c\u3164\u2800", ""},
		{"only bidi controls is empty", "\u202e\u2066", ""},
		{"an arabic number sign shows", "\u0600", "\u0600"},
		{"nul is left for validate", "a\x00b", "a\x00b"},
		{"invalid utf-8 is left for validate", "a\xffb\u202e", "a\xffb"},
	}
	for _, tt := range tests {
		if got := NormalizeText(tt.in); got != tt.want {
			t.Errorf("%s: NormalizeText(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
	if got := NormalizeRef(" https://fa.example/ي\u202e "); got != "https://fa.example/ي" {
		t.Errorf("NormalizeRef kept or changed too much: %q", got)
	}
}

func TestStorable(t *testing.T) {
	for s, want := range map[string]bool{"": true, "عنوان\u200c": true, "a\x00": false, "\xff": false, "\x00": false} {
		if got := Storable(s); got != want {
			t.Errorf("Storable(%q) = %v", s, got)
		}
	}
}

// validator is a domain value as a transport hands it to the store.
type validator interface {
	Normalize()
	Validate() error
}

// fieldOf normalizes and validates v and returns the error key of field.
func fieldOf(t *testing.T, v validator, field string) string {
	t.Helper()
	v.Normalize()
	e, _ := v.Validate().(*Error)
	if e == nil {
		return ""
	}
	return e.Fields[field]
}

// TestTextRules: a NUL byte in any text is refused, in single-line names
// and in multi-line notes alike, and a title that shows nothing is
// missing.
func TestTextRules(t *testing.T) {
	const nul, invisible = "a\x00b", " \u200c\u200b\ufeff "
	unit := func(name string) *OrgUnit { return &OrgUnit{Kind: UnitOffice, Code: "x", NameFA: name} }
	work := func(title, desc string) *WorkItem {
		return &WorkItem{Kind: KindAction, Title: title, Description: desc, OwnerUnitID: 1}
	}
	tests := []struct {
		name  string
		v     validator
		field string
		want  string
	}{
		{"work title nul", work(nul, ""), "title", KeyBadText},
		{"work description nul", work("t", "line 1\nline\x002"), "description", KeyBadText},
		{"work title invisible", work(invisible, ""), "title", "err.required"},
		{"work title clean", work("عنوان\u202e", ""), "title", ""},
		{"unit name nul", unit(nul), "name_fa", KeyBadText},
		{"unit name invisible", unit(invisible), "name_fa", "err.required"},
		{"unit english name invalid utf-8", &OrgUnit{Kind: UnitOffice, Code: "x", NameFA: "و", NameEN: "\xff"}, "name_en", KeyBadText},
		{"document title invisible", &Document{Code: "d", Kind: DocLaw, TitleFA: invisible}, "title_fa", "err.required"},
		{"document note nul", &Document{Code: "d", Kind: DocLaw, TitleFA: "t", Note: nul}, "note", KeyBadText},
		{"clause text nul", &Clause{DocumentID: 1, Number: "1", TitleFA: "t", Text: nul}, "text", KeyBadText},
		{"clause title invisible", &Clause{DocumentID: 1, Number: "1", TitleFA: invisible}, "title_fa", "err.required"},
		{"indicator name nul", &Indicator{Code: "i", NameFA: nul}, "name_fa", KeyBadText},
		{"indicator name invisible", &Indicator{Code: "i", NameFA: invisible}, "name_fa", "err.required"},
		{"round title nul", &Round{Title: nul}, "title", KeyBadText},
		{"round title invisible", &Round{Title: invisible}, "title", "err.required"},
		{"user name nul", &User{Username: "ab", Name: nul}, "name", KeyBadText},
		{"narrative nul", &Narrative{Obstacles: nul}, "obstacles", KeyBadText},
	}
	for _, tt := range tests {
		if got := fieldOf(t, tt.v, tt.field); got != tt.want {
			t.Errorf("%s: %s = %q, want %q", tt.name, tt.field, got, tt.want)
		}
	}
}

func TestTextRulesOfInputs(t *testing.T) {
	in := ProgressUpdateInput{Note: "گزارش\x00"}
	if e, _ := in.Apply(&WorkItem{}, NewDate(2024, 7, 31)).(*Error); e == nil || e.Fields["note"] != KeyBadText {
		t.Errorf("progress note with NUL: %v", e)
	}
	in = ProgressUpdateInput{Note: "\u200b\u200c"}
	if e, _ := in.Apply(&WorkItem{}, NewDate(2024, 7, 31)).(*Error); e == nil || e.Fields["note"] != "err.work.empty_update" {
		t.Errorf("an invisible note is no update: %v", e)
	}
	if e, _ := ValidateReminderNote("x\x00").(*Error); e == nil || e.Fields["note"] != KeyBadText {
		t.Errorf("reminder note with NUL: %v", e)
	}
	for name, want := range map[string]string{"": "err.required", "a\x00": KeyBadText, strings.Repeat("ن", 101): "err.too_long", "اسکریپت": ""} {
		e, _ := ValidateTokenName(NormalizeText(name)).(*Error)
		if got := fieldKey(e, "name"); got != want {
			t.Errorf("token name %.10q: %q, want %q", name, got, want)
		}
	}
	rv := ReviewInput{Comments: []ReviewComment{{Text: "\u200c \u200b"}}}
	rv.Normalize()
	if got := fieldKey(asError(rv.Validate()), "comments"); got != "err.report.comment_text" {
		t.Errorf("an invisible comment: %q", got)
	}
	rv = ReviewInput{Comments: []ReviewComment{{Item: "work:1", Text: "بند\x00"}}}
	if got := fieldKey(asError(rv.Validate()), "comments"); got != KeyBadText {
		t.Errorf("a comment with NUL: %q", got)
	}
}

func TestEvidenceNameLosesBidi(t *testing.T) {
	names := []struct{ in, want, key string }{
		{"invoice\u202Eexe.pdf", "invoiceexe.pdf", ""},
		{"گزارش\u2067 نهایی\u2069.docx", "گزارش نهایی.docx", ""},
		{"photo\u202Egnp.exe", "", "err.evidence.type"}, // shows as photoexe.png
		{"\u202E.pdf", "", "err.evidence.name"},         // a hidden file once cleaned
		{"a\x00.pdf", "", KeyBadText},
		{"a\xff.pdf", "", KeyBadText},
	}
	for _, n := range names {
		got, err := CheckEvidenceName(n.in)
		if key := fieldKey(asError(err), "file"); got != n.want || key != n.key {
			t.Errorf("CheckEvidenceName(%q) = %q, %q; want %q, %q", n.in, got, key, n.want, n.key)
		}
	}
}

func asError(err error) *Error {
	e, _ := err.(*Error)
	return e
}

func fieldKey(e *Error, field string) string {
	if e == nil {
		return ""
	}
	return e.Fields[field]
}
