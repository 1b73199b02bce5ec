package jalali

import (
	"testing"
	"time"
)

// TestRoundTripEveryDay walks every day of the supported range checking
// that each Jalali date survives a trip through Gregorian and that
// consecutive Jalali days are exactly 24h apart, which catches off-by-one
// month lengths and year boundaries (last day of Esfand -> 1 Farvardin).
// Unlike TestCalendarAgreesWithAstronomyEveryDay it needs no reference: it
// checks that the package is consistent with itself.
func TestRoundTripEveryDay(t *testing.T) {
	var prev time.Time
	count := 0
	for y := MinYear; y <= MaxYear; y++ {
		for m := 1; m <= 12; m++ {
			for d := 1; d <= MonthDays(y, m); d++ {
				checkDay(t, Date{y, m, d}, prev)
				prev = Date{y, m, d}.Time()
				count++
			}
		}
	}
	// Unix seconds, not prev.Sub: a time.Duration only spans 292 years.
	if days := int((prev.Unix()-Date{MinYear, 1, 1}.Time().Unix())/86400) + 1; days != count {
		t.Errorf("walked %d days but Gregorian span is %d", count, days)
	}
}

func checkDay(t *testing.T, j Date, prev time.Time) {
	t.Helper()
	g := j.Time()
	if g.IsZero() {
		t.Fatalf("%v.Time() is zero", j)
	}
	if back := FromTime(g); back != j {
		t.Fatalf("round trip %v -> %v -> %v", j, g, back)
	}
	if !prev.IsZero() && g.Sub(prev) != 24*time.Hour {
		t.Fatalf("%v (%v) is not the day after %v", j, g, prev)
	}
	if j.Day == 1 && !prev.IsZero() {
		if got := j.AddDays(-1); got.Month == j.Month || got.Day != MonthDays(got.Year, got.Month) {
			t.Fatalf("%v.AddDays(-1) = %v, want last day of previous month", j, got)
		}
	}
}

func TestYearBoundaries(t *testing.T) {
	for y := MinYear; y < MaxYear; y++ {
		last := Date{y, 12, MonthDays(y, 12)}
		if got, want := last.AddDays(1), (Date{y + 1, 1, 1}); got != want {
			t.Fatalf("%v + 1 day = %v, want %v", last, got, want)
		}
		if IsLeap(y) != (last.Day == 30) {
			t.Fatalf("IsLeap(%d) disagrees with Esfand length %d", y, last.Day)
		}
	}
}

func TestRangeEdges(t *testing.T) {
	first, last := Date{MinYear, 1, 1}, Date{MaxYear, 12, MonthDays(MaxYear, 12)}
	for _, d := range []Date{first, last} {
		if back := FromTime(d.Time()); back != d {
			t.Errorf("edge %v round trips to %v", d, back)
		}
	}
	if got := last.AddDays(1); !got.IsZero() {
		t.Errorf("AddDays past MaxYear = %v, want zero", got)
	}
	if got := first.AddDays(-1); !got.IsZero() {
		t.Errorf("AddDays before MinYear = %v, want zero", got)
	}
	// The Gregorian days just outside the range convert to nothing, and
	// years outside it have no months.
	if got := FromTime(last.Time().AddDate(0, 0, 1)); !got.IsZero() {
		t.Errorf("FromTime(day after MaxYear) = %v, want zero", got)
	}
	if got := FromTime(first.Time().AddDate(0, 0, -1)); !got.IsZero() {
		t.Errorf("FromTime(day before MinYear) = %v, want zero", got)
	}
	for _, y := range []int{MinYear - 1, MaxYear + 1} {
		if IsLeap(y) || MonthDays(y, 1) != 0 {
			t.Errorf("year %d outside the range: IsLeap %v, MonthDays %d", y, IsLeap(y), MonthDays(y, 1))
		}
	}
}
