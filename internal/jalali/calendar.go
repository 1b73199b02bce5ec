package jalali

// monthNames are the Persian month names, index 0 = Farvardin.
var monthNames = [12]string{
	"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
	"مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
}

// IsLeap reports whether year has 366 days (Esfand has 30 days). Years
// outside the supported range report false rather than an error, since no
// valid Date can live in them anyway.
func IsLeap(year int) bool {
	if year < MinYear || year > MaxYear {
		return false
	}
	return yearDays(year) == 366
}

// MonthDays returns the number of days in the month: 31 for months 1-6,
// 30 for 7-11, and 29 or 30 for Esfand. It returns 0 for an invalid month
// or a year outside the supported range, which makes it safe to use as a
// validity bound.
func MonthDays(year, month int) int {
	if year < MinYear || year > MaxYear || month < 1 || month > 12 {
		return 0
	}
	switch {
	case month <= 6:
		return 31
	case month <= 11:
		return 30
	}
	return yearDays(year) - 336 // Esfand: what the other eleven months leave
}

// MonthName returns the Persian name of month (1 = فروردین), or "" when
// month is out of range.
func MonthName(month int) string {
	if month < 1 || month > 12 {
		return ""
	}
	return monthNames[month-1]
}
