package store

import (
	"payesh"
	"payesh/internal/jalali"
)

// periodKey is how a Jalali period is stored: its granularity and a code
// YYYYNN that sorts (140300 for 1403, 140302 for 1403Q2, 140307 for 1403-07).
type periodKey struct {
	gran int
	code int
}

func keyOf(p jalali.Period) periodKey { return periodKey{int(p.Gran), p.Year*100 + p.N} }

func (k periodKey) period() jalali.Period {
	return jalali.Period{Gran: jalali.Granularity(k.gran), Year: k.code / 100, N: k.code % 100}
}

// parsePeriodField parses a period sent for field, as a field error.
func parsePeriodField(s, field string) (jalali.Period, error) {
	p, err := jalali.ParsePeriod(s)
	if err != nil {
		return p, payesh.Invalid(map[string]string{field: "err.period"})
	}
	return p, nil
}

// spanOf returns the first and last code of base periods of granularity g
// within p: the months of 1403 are 140301..140312.
func spanOf(p jalali.Period, g jalali.Granularity) (first, last int) {
	if p.Gran == g {
		k := keyOf(p).code
		return k, k
	}
	f, l := p.First(), p.Last()
	switch g {
	case jalali.Month:
		return f.Year*100 + f.Month, l.Year*100 + l.Month
	case jalali.Quarter:
		return f.Year*100 + (f.Month-1)/3 + 1, l.Year*100 + (l.Month-1)/3 + 1
	}
	return f.Year * 100, l.Year * 100
}
