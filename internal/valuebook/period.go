package valuebook

import (
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// monthsEN and seasonsEN name Jalali periods in the English interface,
// transliterated as Iranian documents in English write them; the Persian
// names come from the jalali package.
var (
	monthsEN  = [12]string{"Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar", "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand"}
	seasonsEN = [4]string{"Spring", "Summer", "Autumn", "Winter"}
)

// PeriodName is a period's name without its year — "فروردین", "بهار" —
// for a column whose year the table already says; a year is its own
// number.
func PeriodName(lang i18n.Lang, p jalali.Period) string {
	switch {
	case p.Gran == jalali.Month && lang == i18n.EN:
		return monthsEN[p.N-1]
	case p.Gran == jalali.Month:
		return jalali.MonthName(p.N)
	case p.Gran == jalali.Quarter && lang == i18n.EN:
		return seasonsEN[p.N-1]
	case p.Gran == jalali.Quarter:
		// Label is "بهار ۱۴۰۳": the season is its first word.
		return strings.Fields(p.Label())[0]
	}
	return digits(lang, strconv.Itoa(p.Year))
}

// PeriodLabel is a period's full name: "فروردین ۱۴۰۳", "Spring 1403".
func PeriodLabel(lang i18n.Lang, p jalali.Period) string {
	if p.Gran == jalali.Year {
		return PeriodName(lang, p)
	}
	return PeriodName(lang, p) + " " + digits(lang, strconv.Itoa(p.Year))
}

// BasePeriods returns the periods of year an indicator of frequency f
// reports: its twelve months, four seasons or the year.
func BasePeriods(f payesh.Frequency, year int) []jalali.Period {
	y := jalali.Period{Gran: jalali.Year, Year: year}
	switch f {
	case payesh.Monthly:
		return y.Months()
	case payesh.Quarterly:
		return y.Children()
	}
	return []jalali.Period{y}
}

// Frequencies is the order of a grid's tables: the busiest first.
var Frequencies = []payesh.Frequency{payesh.Monthly, payesh.Quarterly, payesh.Yearly}

// digits writes s's digits as the interface's language does.
func digits(lang i18n.Lang, s string) string {
	if lang == i18n.FA {
		return jalali.ToPersianDigits(s)
	}
	return s
}
