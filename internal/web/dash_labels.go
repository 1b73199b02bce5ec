package web

import (
	"fmt"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// dashSeasonsEN and dashMonthsEN name Jalali periods in the English
// interface; jalali.Period.Label speaks Persian only.
var (
	dashSeasonsEN = [4]string{"Spring", "Summer", "Autumn", "Winter"}
	dashMonthsEN  = [12]string{"Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
		"Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand"}
)

// dashPeriodLabel is how a period reads: "بهار ۱۴۰۳", or "Spring 1403".
func dashPeriodLabel(lang i18n.Lang, p jalali.Period) string {
	if lang == i18n.FA {
		return p.Label()
	}
	if !p.IsValid() {
		return ""
	}
	year := strconv.Itoa(p.Year)
	switch p.Gran {
	case jalali.Quarter:
		return dashSeasonsEN[p.N-1] + " " + year
	case jalali.Month:
		return dashMonthsEN[p.N-1] + " " + year
	}
	return year
}

// dashPeriodText labels a period given as text ("1403Q1"); text that is not a
// period is shown as it is.
func dashPeriodText(lang i18n.Lang, s string) string {
	p, err := jalali.ParsePeriod(s)
	if err != nil {
		return s
	}
	return dashPeriodLabel(lang, p)
}

// dashGranNames are the message keys of a base period's name, singular and
// plural ("ماه", "ماه‌ها"), by the indicator's frequency.
var dashGranNames = map[payesh.Frequency][2]string{
	payesh.Monthly:   {"ui.dash.gran.month", "ui.dash.gran.months"},
	payesh.Quarterly: {"ui.dash.gran.quarter", "ui.dash.gran.quarters"},
	payesh.Yearly:    {"ui.dash.gran.year", "ui.dash.gran.years"},
}

var (
	dashUnitRules = map[payesh.Aggregation]string{
		payesh.AggSum: "ui.dash.rule.unit.sum",
		payesh.AggAvg: "ui.dash.rule.unit.avg",
	}
	dashTimeRules = map[payesh.Aggregation]string{
		payesh.AggSum:  "ui.dash.rule.time.sum",
		payesh.AggAvg:  "ui.dash.rule.time.avg",
		payesh.AggLast: "ui.dash.rule.time.last",
	}
)

// dashRuleText says an indicator's roll-up rule in words: "مجموع مقادیر
// واحدها در هر ماه، سپس آخرین ماه دارای داده". Over its own base period
// only the rule over units applies, and the sentence stops there.
func dashRuleText(lang i18n.Lang, ind *payesh.Indicator, p *jalali.Period) string {
	names := dashGranNames[ind.Frequency]
	one, many := i18n.T(lang, names[0]), i18n.T(lang, names[1])
	// The sentence stands alone: an English one starts with a capital.
	s := fmt.Sprintf(i18n.T(lang, dashUnitRules[ind.UnitAgg]), one)
	if lang == i18n.EN {
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	base, _ := ind.Frequency.Granularity()
	if p != nil && p.Gran >= base {
		return s
	}
	noun := many
	if ind.TimeAgg == payesh.AggLast {
		noun = one
	}
	return s + i18n.T(lang, "ui.dash.rule.then") + fmt.Sprintf(i18n.T(lang, dashTimeRules[ind.TimeAgg]), noun)
}

// dashIndicatorName is the indicator's name in the interface's language.
func dashIndicatorName(lang i18n.Lang, ind *payesh.Indicator) string {
	return pick(lang, ind.NameFA, ind.NameEN)
}

// dashTf is the tf template function for Go code: a translated format
// with its arguments, in Persian digits in the Persian interface.
func dashTf(v *view, key string, args ...any) string {
	s := fmt.Sprintf(i18n.T(v.Lang, key), args...)
	if v.Lang == i18n.FA {
		s = jalali.ToPersianDigits(s)
	}
	return s
}
