package web

import (
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// valuesMonthsEN and valuesSeasonsEN name Jalali periods in the English
// interface, transliterated as Iranian documents in English write them;
// the Persian names come from the jalali package.
var (
	valuesMonthsEN  = [12]string{"Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar", "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand"}
	valuesSeasonsEN = [4]string{"Spring", "Summer", "Autumn", "Winter"}
)

// valuesPeriodName is a period's name without its year — "فروردین",
// "بهار" — for a column whose year the table already says; a year is its
// own number.
func valuesPeriodName(lang i18n.Lang, p jalali.Period) string {
	switch {
	case p.Gran == jalali.Month && lang == i18n.EN:
		return valuesMonthsEN[p.N-1]
	case p.Gran == jalali.Month:
		return jalali.MonthName(p.N)
	case p.Gran == jalali.Quarter && lang == i18n.EN:
		return valuesSeasonsEN[p.N-1]
	case p.Gran == jalali.Quarter:
		// Label is "بهار ۱۴۰۳": the season is its first word.
		return strings.Fields(p.Label())[0]
	}
	return formDigits(lang, strconv.Itoa(p.Year))
}

// valuesPeriodLabel is a period's full name: "فروردین ۱۴۰۳", "Spring 1403".
func valuesPeriodLabel(lang i18n.Lang, p jalali.Period) string {
	if p.Gran == jalali.Year {
		return valuesPeriodName(lang, p)
	}
	return valuesPeriodName(lang, p) + " " + formDigits(lang, strconv.Itoa(p.Year))
}

// valuesBasePeriods returns the periods of year an indicator of
// frequency f reports: its twelve months, four seasons or the year.
func valuesBasePeriods(f payesh.Frequency, year int) []jalali.Period {
	y := jalali.Period{Gran: jalali.Year, Year: year}
	switch f {
	case payesh.Monthly:
		return y.Months()
	case payesh.Quarterly:
		return y.Children()
	}
	return []jalali.Period{y}
}
