package jalali

import (
	"cmp"
	"errors"
	"fmt"
	"time"

	jalaali "github.com/jalaali/go-jalaali"
)

// ErrInvalid is wrapped by every error this package returns, so callers can
// test with errors.Is without depending on message text.
var ErrInvalid = errors.New("jalali: invalid date")

// Supported year range. go-jalaali's tables cover -61..3177, but converting
// a Gregorian date in the last Jalali months of a year asks go-jalaali about
// the following year, so 3177 cannot round-trip. Capping at 3176 keeps every
// valid Date convertible in both directions. Year 0 and below are excluded
// so the zero Date is never valid.
const (
	MinYear = 1
	MaxYear = 3176
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
	jy, jm, jd, err := jalaali.ToJalaali(t.Year(), t.Month(), t.Day())
	if err != nil || !valid(jy, int(jm), jd) {
		return Date{}
	}
	return Date{jy, int(jm), jd}
}

// Time returns the Gregorian date at 00:00 UTC. UTC is used so that day
// arithmetic never meets a DST transition. Invalid dates (including the
// zero Date) yield the zero time.Time.
func (d Date) Time() time.Time {
	if !valid(d.Year, d.Month, d.Day) {
		return time.Time{}
	}
	gy, gm, gd, err := jalaali.ToGregorian(d.Year, jalaali.Month(d.Month), d.Day)
	if err != nil {
		return time.Time{}
	}
	return time.Date(gy, gm, gd, 0, 0, 0, 0, time.UTC)
}

// IsValid reports whether d is a real date in the supported range.
func (d Date) IsValid() bool { return valid(d.Year, d.Month, d.Day) }

// IsZero reports whether d is the zero Date (the "no date" value).
func (d Date) IsZero() bool { return d == Date{} }

// AddDays returns d shifted by n days (n may be negative). It goes through
// Gregorian time because month lengths and leap years are then handled by
// the conversion library rather than re-implemented here. Results outside
// the supported range, or an invalid d, yield the zero Date.
func (d Date) AddDays(n int) Date {
	t := d.Time()
	if t.IsZero() {
		return Date{}
	}
	return FromTime(t.AddDate(0, 0, n))
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
