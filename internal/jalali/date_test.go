package jalali

import (
	"errors"
	"testing"
	"time"
)

func gdate(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func TestConversionKnownPairs(t *testing.T) {
	tests := []struct {
		j Date
		g time.Time
	}{
		{Date{1401, 1, 21}, gdate(2022, 4, 10)},
		{Date{1403, 1, 1}, gdate(2024, 3, 20)},
		{Date{1399, 12, 30}, gdate(2021, 3, 20)},
		{Date{1403, 12, 30}, gdate(2025, 3, 20)},
		{Date{1402, 12, 29}, gdate(2024, 3, 19)},
		{Date{1404, 1, 1}, gdate(2025, 3, 21)},
		// go-jalaali v0.1.0 said 1205/10/10 and had no 1205/12/30.
		{Date{1205, 10, 11}, gdate(1827, 1, 1)},
		{Date{1205, 12, 30}, gdate(1827, 3, 21)},
		{Date{1206, 1, 1}, gdate(1827, 3, 22)},
		{Date{MinYear, 1, 1}, gdate(1700, 3, 21)},
		{Date{MaxYear, 12, 29}, gdate(2123, 3, 20)},
	}
	for _, tt := range tests {
		if got := tt.j.Time(); !got.Equal(tt.g) || got.Location() != time.UTC {
			t.Errorf("%v.Time() = %v, want %v", tt.j, got, tt.g)
		}
		if got := FromTime(tt.g); got != tt.j {
			t.Errorf("FromTime(%v) = %v, want %v", tt.g, got, tt.j)
		}
	}
}

func TestFromTimeUsesCalendarDateAsIs(t *testing.T) {
	// 23:30 in Tehran on 2024-03-19 is already 2024-03-19 20:00 UTC; the
	// caller's location must win, with no conversion to UTC.
	teh := time.FixedZone("IRST", 3*3600+1800)
	tm := time.Date(2024, 3, 19, 23, 30, 0, 0, teh)
	if got, want := FromTime(tm), (Date{1402, 12, 29}); got != want {
		t.Errorf("FromTime = %v, want %v", got, want)
	}
	if got := FromTime(time.Time{}); !got.IsZero() {
		t.Errorf("FromTime(zero) = %v, want zero Date", got)
	}
}

func TestNewValidation(t *testing.T) {
	tests := []struct {
		y, m, d int
		ok      bool
	}{
		{1402, 12, 30, false},
		{1403, 12, 30, true},
		{1399, 12, 30, true},
		{1400, 12, 30, false},
		{1403, 13, 1, false},
		{1403, 0, 1, false},
		{1403, 1, 0, false},
		{1403, 7, 31, false},
		{1403, 6, 31, true},
		{1403, 11, 30, true},
		{0, 1, 1, false},
		{MinYear - 1, 12, 29, false},
		{1206, 12, 30, false},
		{1205, 12, 30, true},
		{MaxYear + 1, 1, 1, false},
		{MaxYear, 12, MonthDays(MaxYear, 12), true},
		{MinYear, 1, 1, true},
	}
	for _, tt := range tests {
		d, err := New(tt.y, tt.m, tt.d)
		if (err == nil) != tt.ok {
			t.Errorf("New(%d,%d,%d) err = %v, want ok=%v", tt.y, tt.m, tt.d, err, tt.ok)
			continue
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("New(%d,%d,%d) err %v does not wrap ErrInvalid", tt.y, tt.m, tt.d, err)
		}
		if err == nil && d != (Date{tt.y, tt.m, tt.d}) {
			t.Errorf("New(%d,%d,%d) = %v", tt.y, tt.m, tt.d, d)
		}
	}
}

func TestCalendarHelpers(t *testing.T) {
	leaps := map[int]bool{1399: true, 1400: false, 1402: false, 1403: true, 1404: false, 1408: true}
	for y, want := range leaps {
		if IsLeap(y) != want {
			t.Errorf("IsLeap(%d) = %v, want %v", y, !want, want)
		}
	}
	days := []struct{ y, m, want int }{
		{1403, 1, 31}, {1403, 6, 31}, {1403, 7, 30}, {1403, 11, 30},
		{1403, 12, 30}, {1402, 12, 29}, {1403, 13, 0}, {1403, 0, 0},
	}
	for _, tt := range days {
		if got := MonthDays(tt.y, tt.m); got != tt.want {
			t.Errorf("MonthDays(%d,%d) = %d, want %d", tt.y, tt.m, got, tt.want)
		}
	}
	names := map[int]string{1: "فروردین", 2: "اردیبهشت", 7: "مهر", 12: "اسفند", 0: "", 13: ""}
	for m, want := range names {
		if got := MonthName(m); got != want {
			t.Errorf("MonthName(%d) = %q, want %q", m, got, want)
		}
	}
}

func TestDateFormatting(t *testing.T) {
	d := Date{1403, 1, 15}
	if got := d.String(); got != "1403/01/15" {
		t.Errorf("String = %q", got)
	}
	if got := d.Persian(); got != "۱۴۰۳/۰۱/۱۵" {
		t.Errorf("Persian = %q", got)
	}
}

func TestDateCompare(t *testing.T) {
	tests := []struct {
		a, b Date
		want int
	}{
		{Date{1403, 1, 1}, Date{1403, 1, 1}, 0},
		{Date{1402, 12, 29}, Date{1403, 1, 1}, -1},
		{Date{1403, 2, 1}, Date{1403, 1, 31}, 1},
		{Date{1403, 1, 2}, Date{1403, 1, 10}, -1},
	}
	for _, tt := range tests {
		if got := tt.a.Compare(tt.b); got != tt.want {
			t.Errorf("%v.Compare(%v) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if tt.a.Before(tt.b) != (tt.want < 0) || tt.a.After(tt.b) != (tt.want > 0) {
			t.Errorf("Before/After inconsistent for %v, %v", tt.a, tt.b)
		}
	}
}

func TestAddDaysAndZero(t *testing.T) {
	tests := []struct {
		d    Date
		n    int
		want Date
	}{
		{Date{1402, 12, 29}, 1, Date{1403, 1, 1}},
		{Date{1403, 12, 29}, 1, Date{1403, 12, 30}},
		{Date{1403, 12, 30}, 1, Date{1404, 1, 1}},
		{Date{1403, 1, 1}, -1, Date{1402, 12, 29}},
		{Date{1403, 6, 31}, 1, Date{1403, 7, 1}},
		{Date{1403, 1, 1}, 366, Date{1404, 1, 1}},
		{Date{1403, 1, 1}, 0, Date{1403, 1, 1}},
		{Date{}, 1, Date{}},
	}
	for _, tt := range tests {
		if got := tt.d.AddDays(tt.n); got != tt.want {
			t.Errorf("%v.AddDays(%d) = %v, want %v", tt.d, tt.n, got, tt.want)
		}
	}
	if !(Date{}).IsZero() || (Date{1403, 1, 1}).IsZero() {
		t.Error("IsZero wrong")
	}
	if !(Date{}).Time().IsZero() || !(Date{1402, 12, 30}).Time().IsZero() {
		t.Error("Time() of invalid date should be zero time")
	}
}
