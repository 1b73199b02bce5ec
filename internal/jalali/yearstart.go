package jalali

import (
	"slices"
	"time"
)

// A day number counts days since 1970-01-01 (the Unix epoch), so it maps to
// and from time.Time at midnight UTC with plain multiplication.
const secondsPerDay = 24 * 60 * 60

// nowruz1403 anchors the year table: 1 Farvardin 1403 was 20 March 2024.
// Every other year start follows from it by adding year lengths, so the
// anchor and arithmeticLeap are all the calendar rests on. (The anchor must
// lie in [MinYear, MaxYear]; buildYearStarts indexes the table with it.)
var nowruz1403 = dayNumberOf(time.Date(2024, time.March, 20, 0, 0, 0, 0, time.UTC))

// yearStarts[y-MinYear] is the day number of 1 Farvardin of year y, for
// MinYear…MaxYear+1; the last entry closes MaxYear. Built once: about
// 400 ints, and it makes every conversion a table look-up.
var yearStarts = buildYearStarts()

func buildYearStarts() []int {
	starts := make([]int, MaxYear-MinYear+2)
	starts[1403-MinYear] = nowruz1403
	for y := 1403; y <= MaxYear; y++ {
		starts[y+1-MinYear] = starts[y-MinYear] + arithmeticYearDays(y)
	}
	for y := 1402; y >= MinYear; y-- {
		starts[y-MinYear] = starts[y+1-MinYear] - arithmeticYearDays(y)
	}
	return starts
}

func arithmeticYearDays(y int) int {
	if arithmeticLeap(y) {
		return 366
	}
	return 365
}

// yearDays returns the length of a supported year from the table, which is
// the one place leap years are read from once it is built.
func yearDays(y int) int {
	i := y - MinYear
	return yearStarts[i+1] - yearStarts[i]
}

// daysBeforeMonth is the day of the year, counted from 0, of the first day
// of month m: six 31-day months, then 30-day ones.
func daysBeforeMonth(m int) int {
	if m <= 7 {
		return (m - 1) * 31
	}
	return 6*31 + (m-7)*30
}

// dayNumber returns the day number of a valid date.
func dayNumber(d Date) int {
	return yearStarts[d.Year-MinYear] + daysBeforeMonth(d.Month) + d.Day - 1
}

// dateOfDayNumber is the inverse of dayNumber; day numbers outside the
// supported range yield the zero Date.
func dateOfDayNumber(n int) Date {
	if n < yearStarts[0] || n >= yearStarts[len(yearStarts)-1] {
		return Date{}
	}
	i, found := slices.BinarySearch(yearStarts, n)
	if !found {
		i-- // yearStarts[i] is the start of the year containing n
	}
	doy := n - yearStarts[i]
	if doy < 6*31 {
		return Date{MinYear + i, doy/31 + 1, doy%31 + 1}
	}
	doy -= 6 * 31
	return Date{MinYear + i, doy/30 + 7, doy%30 + 1}
}

// dayNumberOf returns the day number of t's calendar date in t's location.
func dayNumberOf(t time.Time) int {
	y, m, d := t.Date()
	// Midnight UTC is a whole number of days from the epoch, so the
	// division is exact on both sides of 1970.
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / secondsPerDay)
}

// timeOfDayNumber returns the midnight UTC that starts day number n.
func timeOfDayNumber(n int) time.Time {
	return time.Unix(int64(n)*secondsPerDay, 0).UTC()
}
