package jalali

import (
	"math"
	"strconv"
)

// FormatInt formats n with Persian digits and '٬' thousands separators,
// e.g. 1234567 -> "۱٬۲۳۴٬۵۶۷". Negative numbers get a leading ASCII '-';
// browsers render it correctly inside RTL text.
func FormatInt(n int64) string {
	if n < 0 {
		// Negate as uint64 so math.MinInt64 does not overflow.
		return "-" + groupDigits(-uint64(n))
	}
	return groupDigits(uint64(n))
}

// groupDigits writes u in Persian digits with a separator every three.
func groupDigits(u uint64) string {
	s := strconv.FormatUint(u, 10)
	out := make([]rune, 0, len(s)+len(s)/3)
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, thousandsSep)
		}
		out = append(out, '۰'+(c-'0'))
	}
	return string(out)
}

// FormatPercent formats p (already a percentage: 42 means 42%) rounded to
// one decimal, dropping the decimal when it is zero: 42 -> "۴۲٪",
// 42.46 -> "۴۲٫۵٪". NaN and infinities, which arise from 0/0 ratios in
// empty reports, render as "—" rather than a misleading number.
func FormatPercent(p float64) string {
	if math.IsNaN(p) || math.IsInf(p, 0) {
		return "—"
	}
	tenths := math.Round(math.Abs(p) * 10)
	if tenths > math.MaxInt64/2 {
		// Too large for integer tenths; absurd for a percentage anyway.
		return ToPersianDigits(strconv.FormatFloat(p, 'f', 0, 64)) + string(percentSign)
	}
	s := tenthsString(uint64(tenths))
	if p < 0 && tenths != 0 { // no "-۰٪" for tiny negatives
		s = "-" + s
	}
	return s + string(percentSign)
}

// tenthsString formats a count of tenths as "۴۲" or "۴۲٫۵".
func tenthsString(t uint64) string {
	s := groupDigits(t / 10)
	if frac := t % 10; frac != 0 {
		s += string([]rune{decimalSep, '۰' + rune(frac)})
	}
	return s
}
