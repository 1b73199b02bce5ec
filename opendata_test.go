package payesh

import (
	"testing"

	"payesh/internal/jalali"
)

func mustPeriod(t *testing.T, s string) jalali.Period {
	t.Helper()
	p, err := jalali.ParsePeriod(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestOpenDataFilterValidate(t *testing.T) {
	for _, tt := range []struct {
		from, to string
		field    string // "" when valid
		key      string
	}{
		{"1403-01", "1403-12", "", ""},
		{"1403", "1403", "", ""},
		{"1403Q2", "1403-04", "", ""},  // a range within one season
		{"1400-01", "1404-12", "", ""}, // five years touched
		{"1400-01", "1405-01", "to", "err.opendata.span"},
		{"1403-02", "1403-01", "to", "err.opendata.order"},
		{"1403", "1402Q4", "to", "err.opendata.order"},
		{"", "1403-12", "from", "err.required_param"},
		{"1403-01", "", "to", "err.required_param"},
	} {
		var f OpenDataFilter
		if tt.from != "" {
			f.From = mustPeriod(t, tt.from)
		}
		if tt.to != "" {
			f.To = mustPeriod(t, tt.to)
		}
		err := f.Validate()
		if tt.field == "" {
			if err != nil {
				t.Errorf("%s..%s: %v", tt.from, tt.to, err)
			}
			continue
		}
		e, ok := err.(*Error)
		if !ok || e.Fields[tt.field] != tt.key {
			t.Errorf("%s..%s: %v, want %s on %s", tt.from, tt.to, err, tt.key, tt.field)
		}
	}
}

// TestOpenDataFilterRange: a granularity's range is the periods wholly
// inside the filter's days, so a season is in a range of its months and a
// year only in a range of the whole year.
func TestOpenDataFilterRange(t *testing.T) {
	for _, tt := range []struct {
		from, to             string
		year, quarter, month string // "lo..hi", or "" for none
	}{
		{"1403-01", "1403-12", "1403..1403", "1403Q1..1403Q4", "1403-01..1403-12"},
		{"1403-02", "1403-12", "", "1403Q2..1403Q4", "1403-02..1403-12"},
		{"1403-01", "1403-05", "", "1403Q1..1403Q1", "1403-01..1403-05"},
		{"1403-02", "1403-05", "", "", "1403-02..1403-05"},
		{"1402Q4", "1404", "1403..1404", "1402Q4..1404Q4", "1402-10..1404-12"},
		{"1403", "1403", "1403..1403", "1403Q1..1403Q4", "1403-01..1403-12"},
	} {
		f := OpenDataFilter{From: mustPeriod(t, tt.from), To: mustPeriod(t, tt.to)}
		for g, want := range map[jalali.Granularity]string{jalali.Year: tt.year, jalali.Quarter: tt.quarter, jalali.Month: tt.month} {
			lo, hi, ok := f.Range(g)
			got := ""
			if ok {
				got = lo.String() + ".." + hi.String()
			}
			if got != want {
				t.Errorf("%s..%s by %v: %q, want %q", tt.from, tt.to, g, got, want)
			}
		}
	}
}
