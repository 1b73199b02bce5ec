package jalali

import "fmt"

// Granularity is the length of a reporting Period.
type Granularity int

// Granularities, coarsest first. Zero is deliberately unused so the zero
// Period is recognisably invalid.
const (
	Year Granularity = iota + 1
	Quarter
	Month
)

// String returns "year", "quarter" or "month" (for logs and debugging).
func (g Granularity) String() string {
	switch g {
	case Year:
		return "year"
	case Quarter:
		return "quarter"
	case Month:
		return "month"
	}
	return fmt.Sprintf("Granularity(%d)", int(g))
}

// seasonNames label quarters: the fiscal quarters are the seasons.
var seasonNames = [4]string{"بهار", "تابستان", "پاییز", "زمستان"}

// Period is a fiscal year, quarter or month. N is the quarter (1-4) or
// month (1-12) within Year, and 0 for a whole year. Period is a comparable
// value, so it can be used as a map key for per-period aggregates.
type Period struct {
	Gran Granularity
	Year int
	N    int
}

// NewPeriod returns a validated Period; the error wraps ErrInvalid.
func NewPeriod(g Granularity, year, n int) (Period, error) {
	p := Period{g, year, n}
	if !p.IsValid() {
		return Period{}, fmt.Errorf("%w: period %v %d/%d", ErrInvalid, g, year, n)
	}
	return p, nil
}

// IsValid reports whether p names a real period in the supported years.
func (p Period) IsValid() bool {
	if p.Year < MinYear || p.Year > MaxYear {
		return false
	}
	switch p.Gran {
	case Year:
		return p.N == 0
	case Quarter:
		return p.N >= 1 && p.N <= 4
	case Month:
		return p.N >= 1 && p.N <= 12
	}
	return false
}

// ParsePeriod reads "1403" (year), "1403Q1"/"1403q1" (quarter) or
// "1403-01"/"1403-1" (month). Persian and Arabic-Indic digits are accepted
// and surrounding whitespace is ignored. Anything else, e.g. "14031" or
// "1403Q5", yields an error wrapping ErrInvalid.
func ParsePeriod(s string) (Period, error) {
	t := normalizeDigits(trimInput(s))
	g, yearPart, nPart := splitPeriod(t)
	year, okY := number(yearPart, 4, 4)
	n, okN := periodN(g, nPart)
	if !okY || !okN {
		return Period{}, fmt.Errorf("%w: cannot parse period %q", ErrInvalid, s)
	}
	p, err := NewPeriod(g, year, n)
	if err != nil {
		return Period{}, fmt.Errorf("%w: cannot parse period %q", ErrInvalid, s)
	}
	return p, nil
}

// splitPeriod decides the granularity from the character after the
// four-digit year and returns the year and sub-period text.
func splitPeriod(s string) (Granularity, string, string) {
	if len(s) <= 4 {
		return Year, s, ""
	}
	switch s[4] {
	case 'Q', 'q':
		return Quarter, s[:4], s[5:]
	case '-':
		return Month, s[:4], s[5:]
	}
	return 0, s, "" // fails the 4-digit year check
}

// periodN parses the quarter (one digit) or month (one or two digits).
func periodN(g Granularity, s string) (int, bool) {
	switch g {
	case Year:
		return 0, s == ""
	case Quarter:
		return number(s, 1, 1)
	case Month:
		return number(s, 1, 2)
	}
	return 0, false
}

// String returns the canonical form "1403", "1403Q1" or "1403-01", which
// ParsePeriod accepts back; use it in URLs and query parameters.
func (p Period) String() string {
	switch p.Gran {
	case Year:
		return fmt.Sprintf("%04d", p.Year)
	case Quarter:
		return fmt.Sprintf("%04dQ%d", p.Year, p.N)
	case Month:
		return fmt.Sprintf("%04d-%02d", p.Year, p.N)
	}
	return fmt.Sprintf("Period(%d,%d,%d)", int(p.Gran), p.Year, p.N)
}

// Label returns the Persian display text: "۱۴۰۳", "بهار ۱۴۰۳" or
// "فروردین ۱۴۰۳". Invalid periods give "".
func (p Period) Label() string {
	if !p.IsValid() {
		return ""
	}
	year := ToPersianDigits(fmt.Sprint(p.Year))
	switch p.Gran {
	case Quarter:
		return seasonNames[p.N-1] + " " + year
	case Month:
		return MonthName(p.N) + " " + year
	}
	return year
}
