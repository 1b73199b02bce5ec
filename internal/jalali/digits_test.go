package jalali

import (
	"math"
	"testing"
)

func TestToPersianDigits(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0123456789", "۰۱۲۳۴۵۶۷۸۹"},
		{"1403/01/15", "۱۴۰۳/۰۱/۱۵"},
		{"abc ۵ ٥", "abc ۵ ٥"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := ToPersianDigits(tt.in); got != tt.want {
			t.Errorf("ToPersianDigits(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestToLatinDigits(t *testing.T) {
	tests := []struct{ in, want string }{
		{"۰۱۲۳۴۵۶۷۸۹", "0123456789"},
		{"٠١٢٣٤٥٦٧٨٩", "0123456789"},
		{"۱۲٬۳۴۵٫۶۷", "12345.67"},
		{"١٢٬٣٤٥٫٦٧", "12345.67"},
		{"a۱b2c٣", "a1b2c3"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := ToLatinDigits(tt.in); got != tt.want {
			t.Errorf("ToLatinDigits(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatInt(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{0, "۰"},
		{7, "۷"},
		{999, "۹۹۹"},
		{1000, "۱٬۰۰۰"},
		{1234567, "۱٬۲۳۴٬۵۶۷"},
		{-42, "-۴۲"},
		{-1234, "-۱٬۲۳۴"},
		{math.MinInt64, "-۹٬۲۲۳٬۳۷۲٬۰۳۶٬۸۵۴٬۷۷۵٬۸۰۸"},
	}
	for _, tt := range tests {
		if got := FormatInt(tt.in); got != tt.want {
			t.Errorf("FormatInt(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatPercent(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{42, "۴۲٪"},
		{42.5, "۴۲٫۵٪"},
		{42.46, "۴۲٫۵٪"},
		{42.04, "۴۲٪"},
		{0, "۰٪"},
		{0.3, "۰٫۳٪"},
		{100, "۱۰۰٪"},
		{-12.5, "-۱۲٫۵٪"},
		{-0.01, "۰٪"},
		{1234.5, "۱٬۲۳۴٫۵٪"},
		{math.NaN(), "—"},
		{math.Inf(1), "—"},
	}
	for _, tt := range tests {
		if got := FormatPercent(tt.in); got != tt.want {
			t.Errorf("FormatPercent(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
