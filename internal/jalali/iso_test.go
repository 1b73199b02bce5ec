package jalali

import (
	"fmt"
	"testing"
	"time"
)

// nowruz1400 is 1 Farvardin of 1400–1411 in the Gregorian calendar as the
// Iranian official calendar published it (and, for the years ahead, as
// the astronomical rule gives it): a table typed in, not computed, so the
// interval tests below do not only check the package against itself.
var nowruz1400 = []string{
	"2021-03-21", "2022-03-21", "2023-03-21", "2024-03-20", "2025-03-21", "2026-03-21",
	"2027-03-21", "2028-03-20", "2029-03-20", "2030-03-21", "2031-03-21", "2032-03-20",
}

// TestNowruzTable checks the typed-in table against the defining rule
// (astroNowruz: the equinox against true noon at 52.5°E), so a typo in it
// fails here rather than as a puzzling interval failure.
func TestNowruzTable(t *testing.T) {
	for i, want := range nowruz1400 {
		day, _ := astroNowruz(1400 + i)
		if got := time.Unix(int64(day)*86400, 0).UTC().Format(time.DateOnly); got != want {
			t.Errorf("1 Farvardin %d: astronomy says %s, table says %s", 1400+i, got, want)
		}
	}
}

// TestISOIntervalMonths is the calendar check of every month of 1400–1410,
// in both duration styles: the start is the Gregorian date of the month's
// first day; start plus the exact day count is the next month's start; the
// months of a year run from its Nowruz to the next one with nothing left
// between them; and each interval reads back to its month.
func TestISOIntervalMonths(t *testing.T) {
	for y := 1400; y <= 1410; y++ {
		next, err := time.Parse(time.DateOnly, nowruz1400[y-1400])
		if err != nil {
			t.Fatal(err)
		}
		for m := 1; m <= 12; m++ {
			p := Period{Month, y, m}
			start := next
			if got := p.Start(); !got.Equal(start) {
				t.Fatalf("%s starts %s, want %s (the day after the previous month)", p, got.Format(time.DateOnly), start.Format(time.DateOnly))
			}
			days := 31
			switch {
			case m == 12 && (y == 1403 || y == 1408):
				days = 30 // the leap years of 1400–1410
			case m == 12:
				days = 29
			case m >= 7:
				days = 30
			}
			if p.Days() != days {
				t.Errorf("%s has %d days, want %d", p, p.Days(), days)
			}
			next = start.AddDate(0, 0, days)
			if !p.Next().Start().Equal(next) {
				t.Errorf("%s + P%dD = %s, but %s starts %s", p, days, next.Format(time.DateOnly), p.Next(), p.Next().Start().Format(time.DateOnly))
			}
			s := start.Format(time.DateOnly)
			for style, want := range map[DurationStyle]string{
				DurationDays:     fmt.Sprintf("%s/P%dD", s, days),
				DurationCalendar: s + "/P1M",
			} {
				got := p.ISOInterval(style)
				if got != want {
					t.Errorf("%s in %v = %q, want %q", p, style, got, want)
				}
				back, err := PeriodOfInterval(got)
				if err != nil || back != p {
					t.Errorf("PeriodOfInterval(%q) = %v, %v; want %s", got, back, err, p)
				}
			}
		}
		if want := nowruz1400[y-1400+1]; next.Format(time.DateOnly) != want {
			t.Errorf("the months of %d end before %s, want before %s (next Nowruz)", y, next.Format(time.DateOnly), want)
		}
	}
}

// TestISOIntervalQuartersAndYears checks seasons and years the same way:
// each starts where the previous ended and reads back to itself.
func TestISOIntervalQuartersAndYears(t *testing.T) {
	for y := 1400; y <= 1410; y++ {
		year := Period{Year, y, 0}
		nowruz, _ := time.Parse(time.DateOnly, nowruz1400[y-1400])
		nextNowruz, _ := time.Parse(time.DateOnly, nowruz1400[y-1400+1])
		if want := nowruz.Format(time.DateOnly) + fmt.Sprintf("/P%dD", int(nextNowruz.Sub(nowruz).Hours()/24)); year.ISOInterval(DurationDays) != want {
			t.Errorf("%s = %q, want %q", year, year.ISOInterval(DurationDays), want)
		}
		if want := nowruz.Format(time.DateOnly) + "/P1Y"; year.ISOInterval(DurationCalendar) != want {
			t.Errorf("%s = %q, want %q", year, year.ISOInterval(DurationCalendar), want)
		}
		end := nowruz
		for q := 1; q <= 4; q++ {
			p := Period{Quarter, y, q}
			if !p.Start().Equal(end) {
				t.Errorf("%s starts %s, want %s", p, p.Start().Format(time.DateOnly), end.Format(time.DateOnly))
			}
			sum := 0
			for _, m := range p.Months() {
				sum += m.Days()
			}
			if p.Days() != sum {
				t.Errorf("%s has %d days, its months %d", p, p.Days(), sum)
			}
			end = end.AddDate(0, 0, p.Days())
			if got, want := p.ISOInterval(DurationCalendar), p.Start().Format(time.DateOnly)+"/P3M"; got != want {
				t.Errorf("%s = %q, want %q", p, got, want)
			}
			for _, style := range []DurationStyle{DurationDays, DurationCalendar} {
				if back, err := PeriodOfInterval(p.ISOInterval(style)); err != nil || back != p {
					t.Errorf("PeriodOfInterval(%q) = %v, %v", p.ISOInterval(style), back, err)
				}
			}
		}
		if !end.Equal(nextNowruz) {
			t.Errorf("the seasons of %d end before %s, want %s", y, end.Format(time.DateOnly), nextNowruz.Format(time.DateOnly))
		}
		for _, style := range []DurationStyle{DurationDays, DurationCalendar} {
			if back, err := PeriodOfInterval(year.ISOInterval(style)); err != nil || back != year {
				t.Errorf("PeriodOfInterval(%q) = %v, %v", year.ISOInterval(style), back, err)
			}
		}
	}
}

// TestISOIntervalIssueExample pins the example of issue 13, and shows why
// DurationDays exists: read as Gregorian months, P1M from the start of
// Ordibehesht 1403 stops a day short.
func TestISOIntervalIssueExample(t *testing.T) {
	p := Period{Month, 1403, 1}
	if got := p.ISOInterval(DurationCalendar); got != "2024-03-20/P1M" {
		t.Errorf("1403-01 = %q, want 2024-03-20/P1M", got)
	}
	if got := p.ISOInterval(DurationDays); got != "2024-03-20/P31D" {
		t.Errorf("1403-01 = %q, want 2024-03-20/P31D", got)
	}
	ord := Period{Month, 1403, 2}
	if gregorian := ord.Start().AddDate(0, 1, 0); gregorian.Equal(ord.Next().Start()) {
		t.Errorf("a Gregorian P1M from %s reaches Khordad's start; the comment on DurationStyle is wrong", ord.Start().Format(time.DateOnly))
	}
}

func TestPeriodOfIntervalRejects(t *testing.T) {
	for _, s := range []string{
		"",
		"2024-03-20",           // no duration
		"2024-03-21/P31D",      // not a first day (2 Farvardin)
		"2024-03-20/P30D",      // Farvardin has 31 days
		"2024-03-20/P2M",       // no such Jalali period
		"2024-04-20/P3M",       // Ordibehesht does not start a season
		"2024-06-21/P1Y",       // Tir does not start a year
		"2024-03-20T00:00/P1M", // a time of day is not written
		"1403-01-01/P1M",       // a Jalali date is not ISO 8601
		"2024-03-20/p1m",
	} {
		if p, err := PeriodOfInterval(s); err == nil {
			t.Errorf("PeriodOfInterval(%q) = %v, want an error", s, p)
		}
	}
}

func TestParseDurationStyle(t *testing.T) {
	for in, want := range map[string]DurationStyle{"": DurationDays, "days": DurationDays, "calendar": DurationCalendar} {
		if got, err := ParseDurationStyle(in); err != nil || got != want {
			t.Errorf("ParseDurationStyle(%q) = %v, %v", in, got, err)
		}
		if in != "" && want.String() != in {
			t.Errorf("%v.String() = %q", want, want.String())
		}
	}
	if _, err := ParseDurationStyle("P1M"); err == nil {
		t.Error("ParseDurationStyle(P1M) succeeded")
	}
}
