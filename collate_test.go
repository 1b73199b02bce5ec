package payesh

import (
	"slices"
	"strings"
	"testing"
)

func TestPersianCollation(t *testing.T) {
	// Dictionary order, which code points break at پ, چ, ژ, ک, گ, ی.
	want := []string{"آذربایجان شرقی", "اردبیل", "البرز", "بوشهر", "پایتخت", "تهران", "چهارمحال", "خراسان", "زنجان", "ژیان",
		"سمنان", "کرمان", "کرمانشاه", "گیلان", "لرستان", "مازندران", "یزد"}
	got := slices.Clone(want)
	slices.Reverse(got)
	slices.SortFunc(got, func(a, b string) int { return strings.Compare(CollationKey(a), CollationKey(b)) })
	if !slices.Equal(got, want) {
		t.Errorf("order:\n got %v\nwant %v", got, want)
	}
	// Arabic forms and vowel marks sort as the Persian letters.
	if CollationKey("كرمان") != CollationKey("کرمان") || CollationKey("يزد") != CollationKey("یزد") ||
		CollationKey("مُدیریت") != CollationKey("مدیریت") {
		t.Error("Arabic kaf/yeh or a vowel mark changes the key")
	}
}
