package payesh

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"

	"payesh/internal/jalali"
)

// Date is a calendar date without time of day: due dates, issue dates. The
// zero Date means "no date" and is null in JSON and in the database. The API
// speaks ISO 8601 ("2022-06-10"); Jalali returns the form people read.
type Date struct{ t time.Time }

const isoDate = "2006-01-02"

// NewDate returns the Gregorian date y-m-d.
func NewDate(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	return NewDate(t.Year(), t.Month(), t.Day())
}

// FromJalali converts a Jalali date.
func FromJalali(j jalali.Date) Date {
	return DateOf(j.Time())
}

// ParseDate parses an ISO 8601 date; "" gives the zero Date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse(isoDate, s)
	if err != nil {
		return Date{}, fmt.Errorf("payesh: date %q is not YYYY-MM-DD", s)
	}
	return Date{t}, nil
}

func (d Date) IsZero() bool                 { return d.t.IsZero() }
func (d Date) Time() time.Time              { return d.t }
func (d Date) Before(o Date) bool           { return d.t.Before(o.t) }
func (d Date) After(o Date) bool            { return d.t.After(o.t) }
func (d Date) Equal(o Date) bool            { return d.t.Equal(o.t) }
func (d Date) AddDays(n int) Date           { return Date{d.t.AddDate(0, 0, n)} }
func (d Date) Jalali() jalali.Date          { return jalali.FromTime(d.t) }
func (d Date) Compare(o Date) int           { return d.t.Compare(o.t) }
func (d Date) GoString() string             { return "payesh.Date(" + d.String() + ")" }
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// String returns the ISO form, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(isoDate)
}

// JalaliString returns "1401/03/20" (Latin digits), or "" for the zero Date.
func (d Date) JalaliString() string {
	if d.IsZero() {
		return ""
	}
	return d.Jalali().String()
}

func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("payesh: a date must be a string YYYY-MM-DD")
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Value stores a Date as ISO text, which sorts and compares correctly in both
// SQLite and PostgreSQL.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
	case string:
		return d.scanString(v)
	case []byte:
		return d.scanString(string(v))
	case time.Time:
		*d = DateOf(v)
	default:
		return fmt.Errorf("payesh: cannot scan %T into Date", src)
	}
	return nil
}

func (d *Date) scanString(s string) error {
	if len(s) > len(isoDate) {
		s = s[:len(isoDate)]
	}
	v, err := ParseDate(s)
	*d = v
	return err
}
