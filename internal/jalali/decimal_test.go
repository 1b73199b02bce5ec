package jalali

import "testing"

func TestParseDecimal(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"42", 42, true}, {"۴۲", 42, true}, {"٤٢", 42, true}, {"۷۳٫۵", 73.5, true}, {"۷۳/۵", 73.5, true}, {"73.5", 73.5, true},
		{"۱٬۲۵۰٬۰۰۰", 1250000, true}, {"1,250,000", 1250000, true}, {" ۱ ۲۵۰ ", 1250, true}, {"\u200f۱۲\u200e", 12, true},
		{"−۵", -5, true}, {"-0.25", -0.25, true}, {".5", 0.5, true},
		{"", 0, false}, {"1e5", 0, false}, {"NaN", 0, false}, {"Inf", 0, false}, {"0x10", 0, false}, {"۱۲ نفر", 0, false},
		{"1.2.3", 0, false}, {"--1", 0, false},
	} {
		got, ok := ParseDecimal(tc.in)
		if ok != tc.ok || got != tc.want {
			t.Errorf("ParseDecimal(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
