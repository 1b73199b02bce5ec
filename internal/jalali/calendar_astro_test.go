package jalali

import (
	"math"
	"testing"
	"time"
)

// astroYearStarts returns, for MinYear…MaxYear+1, the day number of
// 1 Farvardin by the astronomical reference, computed once per year so the
// day-by-day walk below is plain counting.
func astroYearStarts(t *testing.T) []int {
	t.Helper()
	starts := make([]int, 0, MaxYear-MinYear+2)
	for y := MinYear; y <= MaxYear+1; y++ {
		day, _ := astroNowruz(y)
		starts = append(starts, day)
	}
	return starts
}

// TestCalendarAgreesWithAstronomyEveryDay walks every day of the supported
// range with dates and Gregorian days taken from the astronomical
// reference alone, and requires the package to agree both ways on each.
func TestCalendarAgreesWithAstronomyEveryDay(t *testing.T) {
	starts := astroYearStarts(t)
	var prev time.Time
	walked := 0
	for y := MinYear; y <= MaxYear; y++ {
		start, next := starts[y-MinYear], starts[y+1-MinYear]
		length := next - start
		if length != 365 && length != 366 {
			t.Fatalf("reference year %d has %d days", y, length)
		}
		if IsLeap(y) != (length == 366) || MonthDays(y, 12) != length-336 {
			t.Errorf("year %d: IsLeap %v, Esfand %d days; reference year has %d days",
				y, IsLeap(y), MonthDays(y, 12), length)
		}
		day := start
		for m := 1; m <= 12; m++ {
			for d := 1; d <= refMonthDays(m, length); d++ {
				checkAgainstReference(t, Date{y, m, d}, day, prev)
				prev = timeOfUnixDay(day)
				day++
				walked++
			}
		}
		if day != next {
			t.Fatalf("year %d: months add up to day %d, reference next year starts at %d", y, day, next)
		}
	}
	if span := starts[len(starts)-1] - starts[0]; walked != span {
		t.Errorf("walked %d days, reference range has %d", walked, span)
	}
}

// refMonthDays is the month length fixed by law (six months of 31 days,
// five of 30), with Esfand taking whatever the reference year leaves.
func refMonthDays(m, yearLength int) int {
	switch {
	case m <= 6:
		return 31
	case m <= 11:
		return 30
	}
	return yearLength - 336
}

func timeOfUnixDay(day int) time.Time {
	return time.Date(1970, 1, 1+day, 0, 0, 0, 0, time.UTC)
}

// checkAgainstReference fails unless j and the reference's Gregorian day
// convert into each other, j is a valid date, and j's day follows prev's.
// It stops at the first failure: one wrong year start would otherwise
// report every later day.
func checkAgainstReference(t *testing.T, j Date, day int, prev time.Time) {
	t.Helper()
	want := timeOfUnixDay(day)
	if !j.IsValid() {
		t.Fatalf("%v is not valid, reference has it on %v", j, want.Format(time.DateOnly))
	}
	got := j.Time()
	if !got.Equal(want) {
		t.Fatalf("%v.Time() = %v, reference says %v", j, got.Format(time.DateOnly), want.Format(time.DateOnly))
	}
	if back := FromTime(want); back != j {
		t.Fatalf("FromTime(%v) = %v, reference says %v", want.Format(time.DateOnly), back, j)
	}
	if !prev.IsZero() && got.Sub(prev) != 24*time.Hour {
		t.Fatalf("%v (%v) is not the day after %v", j, got, prev)
	}
}

// TestRangeEndsWhereAgreementStops pins why the range is not wider: just
// past each end, the reference and the arithmetic part, or the equinox is
// too close to noon for either to be trusted.
func TestRangeEndsWhereAgreementStops(t *testing.T) {
	// Below: the year before MinYear started with the equinox within a
	// minute of true noon, closer than ephemerides and ΔT agree.
	if _, margin := astroNowruz(MinYear - 1); math.Abs(margin) > 1 {
		t.Errorf("year %d: equinox %.2f min from true noon; the range could start earlier", MinYear-1, margin)
	}
	// Above: by arithmetic MaxYear+1 is leap; the reference starts the year
	// after it a day earlier, because that equinox falls minutes before noon.
	arith := yearStarts[len(yearStarts)-1] + arithmeticYearDays(MaxYear+1)
	ref, margin := astroNowruz(MaxYear + 2)
	if ref != arith-1 || margin >= 0 {
		t.Errorf("year %d: reference day %d (equinox %.2f min from noon), arithmetic day %d; want the reference a day earlier",
			MaxYear+2, ref, margin, arith)
	}
}
