package jalali

import (
	"cmp"
	"errors"
	"fmt"
	"time"
)

// ErrInvalid is wrapped by every error this package returns, so callers can
// test with errors.Is without depending on message text.
var ErrInvalid = errors.New("jalali: invalid date")

// Supported year range: 1079 (1700 CE) to 1501 (2123 CE). Conversion is
// arithmetic (Borkowski's rule, leap.go), and the range is exactly where that
// arithmetic has been checked, day by day, against the defining astronomical
// rule — the year starts on the day (Iran Standard Time) whose true noon at
// the 52.5°E meridian follows the March equinox (calendar_astro_test.go).
// Inside it the closest call is 1177: the equinox of 1798 came 1–1.5
// minutes after true noon, and every ephemeris tried agrees on that side.
// The ends are where the check stops being decidable or fails:
//
//   - Below 1079: the equinox of 1699 (year 1078) came within a minute of
//     true noon, and ephemerides and ΔT models disagree on which side of it
//     (Meeus +0.5 min, PyEphem +0.8, Astronomy Engine −0.0). Further back the
//     uncertainty grows to minutes, and the arithmetic already parts from
//     some or all of them in 785 and 752.
//   - Above 1501: the equinox of 2124 falls 2½–3 minutes before true noon,
//     so astronomy starts 1503 on 20 March 2124 while the arithmetic makes
//     1502 a leap year and starts 1503 a day later, which already changes
//     the last day of 1502. ΔT for 2124 is a forecast, so which side the
//     official calendar will take cannot be known today.
//
// Reading "noon" as mean noon (12:00 IRST) instead would change nothing
// from 1145 to 1501; it parts from the arithmetic in 1111 and 1144 only.
//
// The zero Date (year 0) lies outside the range, so it is never valid.
const (
	MinYear = 1079
	MaxYear = 1501
)

// Date is a Jalali calendar date (no time of day). The zero value is not a
// valid date; IsZero reports it.
type Date struct{ Year, Month, Day int }

// New returns the date y/m/d, or an error wrapping ErrInvalid when it does
// not exist (e.g. 1402/12/30, since 1402 is not a leap year).
func New(y, m, d int) (Date, error) {
	if !valid(y, m, d) {
		return Date{}, fmt.Errorf("%w: %d/%d/%d", ErrInvalid, y, m, d)
	}
	return Date{y, m, d}, nil
}

func valid(y, m, d int) bool {
	return y >= MinYear && y <= MaxYear && d >= 1 && d <= MonthDays(y, m)
}

// FromTime returns the Jalali date of t's calendar date, read in t's own
// location. It deliberately does no timezone conversion: callers decide the
// zone (usually Asia/Tehran) before calling. Times outside the supported
// range yield the zero Date.
func FromTime(t time.Time) Date {
	return dateOfDayNumber(dayNumberOf(t))
}

// Time returns the Gregorian date at 00:00 UTC. UTC is used so that day
// arithmetic never meets a DST transition. Invalid dates (including the
// zero Date) yield the zero time.Time.
func (d Date) Time() time.Time {
	if !valid(d.Year, d.Month, d.Day) {
		return time.Time{}
	}
	return timeOfDayNumber(dayNumber(d))
}

// IsValid reports whether d is a real date in the supported range.
func (d Date) IsValid() bool { return valid(d.Year, d.Month, d.Day) }

// IsZero reports whether d is the zero Date (the "no date" value).
func (d Date) IsZero() bool { return d == Date{} }

// AddDays returns d shifted by n days (n may be negative). Day numbers
// count straight through month and year ends, so this is one addition.
// Results outside the supported range, or an invalid d, yield the zero Date.
func (d Date) AddDays(n int) Date {
	if !d.IsValid() {
		return Date{}
	}
	return dateOfDayNumber(dayNumber(d) + n)
}

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
// Field-wise comparison is enough because Jalali dates sort like tuples.
func (d Date) Compare(o Date) int {
	if c := cmp.Compare(d.Year, o.Year); c != 0 {
		return c
	}
	if c := cmp.Compare(d.Month, o.Month); c != 0 {
		return c
	}
	return cmp.Compare(d.Day, o.Day)
}

// Before reports whether d is strictly before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is strictly after o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// String formats d as "1403/01/15" with Latin digits, the form used in
// URLs, logs and machine-readable output; Parse accepts it back.
func (d Date) String() string {
	return fmt.Sprintf("%04d/%02d/%02d", d.Year, d.Month, d.Day)
}

// Persian formats d as "۱۴۰۳/۰۱/۱۵" for display to users.
func (d Date) Persian() string { return ToPersianDigits(d.String()) }
