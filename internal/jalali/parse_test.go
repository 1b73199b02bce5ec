package jalali

import (
	"errors"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	want := Date{1403, 1, 15}
	tests := []struct {
		in   string
		want Date
	}{
		{"1403/01/15", want},
		{"1403-01-15", want},
		{"1403/1/15", want},
		{"1403/1/5", Date{1403, 1, 5}},
		{"۱۴۰۳/۰۱/۱۵", want},
		{"١٤٠٣/٠١/١٥", want},
		{"۱۴03/٠1/۱5", want},
		{"۱۴۰۳-۰۱-۱۵", want},
		{"15/1/1403", want},
		{"15-01-1403", want},
		{"۱۵/۱/۱۴۰۳", want},
		{"  1403/01/15\t", want},
		{"\u200f1403/01/15\u200e", want},
		{"1403/12/30", Date{1403, 12, 30}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseRejects(t *testing.T) {
	bad := []string{
		"", "   ", "1403/13/01", "abc", "1403/01", "1403/01/15/1",
		"۱۴۰۲/۱۲/۳۰", "1403/01-15", "1403//15", "1403/001/15",
		"403/01/15", "14030/01/15", "15/01/403", "1403/+1/15",
		"1403/01/15x", "1403 01 15", "01/15/01", "1403٬01٬15",
		"1403/07/31", "0000/01/01",
	}
	for _, in := range bad {
		d, err := Parse(in)
		if err == nil {
			t.Errorf("Parse(%q) = %v, want error", in, d)
			continue
		}
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("Parse(%q) error %v does not wrap ErrInvalid", in, err)
		}
	}
}

func TestParseStringRoundTrip(t *testing.T) {
	for _, d := range []Date{{1403, 1, 15}, {1399, 12, 30}, {MinYear, 1, 1}, {MaxYear, 1, 1}} {
		for _, s := range []string{d.String(), d.Persian()} {
			if got, err := Parse(s); err != nil || got != d {
				t.Errorf("Parse(%q) = %v, %v; want %v", s, got, err, d)
			}
		}
	}
}

func TestParseGregorian(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2024-04-03", gdate(2024, 4, 3), true},
		{" ۲۰۲۴-۰۴-۰۳ ", gdate(2024, 4, 3), true},
		{"2024-02-30", time.Time{}, false},
		{"2024/04/03", time.Time{}, false},
		{"", time.Time{}, false},
	}
	for _, tt := range tests {
		got, err := ParseGregorian(tt.in)
		if (err == nil) != tt.ok || !got.Equal(tt.want) {
			t.Errorf("ParseGregorian(%q) = %v, %v", tt.in, got, err)
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseGregorian(%q) error does not wrap ErrInvalid", tt.in)
		}
		if err == nil && got.Location() != time.UTC {
			t.Errorf("ParseGregorian(%q) location = %v", tt.in, got.Location())
		}
	}
}
