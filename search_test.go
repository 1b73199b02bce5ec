package payesh

import (
	"reflect"
	"strings"
	"testing"
)

func TestFoldSearch(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"مصوبه", "مصوبه"},
		{"مصوبه‌ها", "مصوبه ها مصوبهها"},
		{"مصوبه ها", "مصوبه ها"},
		{"مصوبة", "مصوبه"},                                          // teh marbuta
		{"\u0645\u0635\u0648\u0628\u0647 \u0643\u064a", "مصوبه کی"}, // Arabic kaf and yeh
		{"برنامهٔ هفتم", "برنامه هفتم"},                             // hamza above is a diacritic
		{"ماده ۳ (بند ۸-۱)", "ماده 3 بند 8 1"},
		{"Budget LAW, 1401", "budget law 1401"},
		{"مــصوبه", "مصوبه"}, // tatweel
		{"  \u202e ", ""},
	} {
		if got := FoldSearch(c.in); got != c.want {
			t.Errorf("FoldSearch(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParseSearch(t *testing.T) {
	terms, err := ParseSearch("\u0645\u0635\u0648\u0628\u0647\u200c\u0647\u0627 ۱۴۰۱")
	if err != nil {
		t.Fatal(err)
	}
	want := []SearchTerm{{Parts: []string{"مصوبه", "ها"}, Joined: "مصوبهها"}, {Parts: []string{"1401"}}}
	if !reflect.DeepEqual(terms, want) {
		t.Errorf("terms = %#v, want %#v", terms, want)
	}
	for _, q := range []string{"", "ب", " ؟! ", strings.Repeat("الف ", 60)} {
		if _, err := ParseSearch(q); err == nil {
			t.Errorf("ParseSearch(%q) accepted", q)
		}
	}
	many, err := ParseSearch(strings.Repeat("کلمه ", 20))
	if err != nil || len(many) != MaxSearchTerms {
		t.Errorf("20 words gave %d terms (%v), want %d", len(many), err, MaxSearchTerms)
	}
}
