package jalali

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// A Jalali period leaves Payesh as an ISO 8601 time interval, start date
// and duration: "2024-03-20/P31D" is Farvardin 1403. The start is the
// Gregorian date of the period's first day, from the calendar; the length
// can be written two ways, and which one is right depends on who reads it.
//
// ISO 8601 counts a duration in months or years on the Gregorian calendar,
// and a Jalali month is not a Gregorian one: 2024-04-20/P1M would end on
// 2024-05-20, a day before Ordibehesht 1403 does. Read that way, only a
// count of days is exact — P31D, P30D, P29D or P30D for Esfand, P93D to
// P89D for a season, P365D or P366D for a year — and that is what SDMX
// consumers, which read TIME_PERIOD as ISO 8601, are given (DurationDays).
//
// DHIS2, the main consumer of ADX, accepts only the durations of its own
// period types (P1D, P7D, P14D, P1M, P2M, P3M, P6M, P1Y) and reads P1M as
// "the monthly period of the server's calendar that contains the start
// date". A DHIS2 whose calendar is Persian therefore reads
// 2024-03-20/P1M as Farvardin 1403, exactly, and writes its own Jalali
// months that way; it refuses P31D. DurationCalendar writes that form:
// the duration counts months of the Jalali calendar, which is exact for a
// reader that knows the calendar is Jalali and only for such a reader.
type DurationStyle int

const (
	// DurationDays writes the exact number of days (P31D), true under any
	// reading of ISO 8601.
	DurationDays DurationStyle = iota
	// DurationCalendar writes Jalali months (P1M, P3M, P1Y), as DHIS2 with
	// the Persian calendar reads and writes them.
	DurationCalendar
)

// ParseDurationStyle reads "days" or "calendar"; "" is days.
func ParseDurationStyle(s string) (DurationStyle, error) {
	switch s {
	case "", "days":
		return DurationDays, nil
	case "calendar":
		return DurationCalendar, nil
	}
	return 0, fmt.Errorf("%w: duration style %q", ErrInvalid, s)
}

// String returns "days" or "calendar", as ParseDurationStyle reads them.
func (s DurationStyle) String() string {
	if s == DurationCalendar {
		return "calendar"
	}
	return "days"
}

// Days returns the number of days p covers (0 for an invalid period).
func (p Period) Days() int {
	if !p.IsValid() {
		return 0
	}
	return dayNumber(p.Last()) - dayNumber(p.First()) + 1
}

// Start returns the Gregorian date of p's first day at 00:00 UTC, or the
// zero time for an invalid period.
func (p Period) Start() time.Time { return p.First().Time() }

// ISODuration returns p's length as an ISO 8601 duration in style s:
// "P31D" or "P1M" for a month, "P93D" or "P3M" for a season, "P366D" or
// "P1Y" for a year; "" for an invalid period.
func (p Period) ISODuration(s DurationStyle) string {
	if !p.IsValid() {
		return ""
	}
	if s == DurationCalendar {
		switch p.Gran {
		case Month:
			return "P1M"
		case Quarter:
			return "P3M"
		}
		return "P1Y"
	}
	return "P" + strconv.Itoa(p.Days()) + "D"
}

// ISOInterval returns p as an ISO 8601 interval "start/duration", e.g.
// "2024-03-20/P31D" for 1403-01 in DurationDays; "" for an invalid period.
func (p Period) ISOInterval(s DurationStyle) string {
	if !p.IsValid() {
		return ""
	}
	return p.Start().Format(time.DateOnly) + "/" + p.ISODuration(s)
}

// PeriodOfInterval reads an interval that ISOInterval writes, in either
// style, back to its Jalali period: the start must be the first day of a
// month, season or year and the duration must cover exactly that period.
// It is how a consumer's reading is checked, so it accepts nothing else.
func PeriodOfInterval(s string) (Period, error) {
	bad := fmt.Errorf("%w: not a Jalali period interval: %q", ErrInvalid, s)
	startText, dur, ok := strings.Cut(s, "/")
	if !ok {
		return Period{}, bad
	}
	start, err := time.Parse(time.DateOnly, startText)
	if err != nil {
		return Period{}, bad
	}
	first := FromTime(start)
	if !first.IsValid() || first.Day != 1 {
		return Period{}, bad
	}
	candidates := []Period{PeriodOf(first, Month), PeriodOf(first, Quarter), PeriodOf(first, Year)}
	for _, p := range candidates {
		if p.First() != first {
			continue
		}
		if dur == p.ISODuration(DurationDays) || dur == p.ISODuration(DurationCalendar) {
			return p, nil
		}
	}
	return Period{}, bad
}
