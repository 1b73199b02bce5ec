package jalali

// PeriodOf returns the period of granularity g that contains d. It returns
// the zero Period when d is invalid or g unknown.
func PeriodOf(d Date, g Granularity) Period {
	if !d.IsValid() {
		return Period{}
	}
	switch g {
	case Year:
		return Period{Year, d.Year, 0}
	case Quarter:
		return Period{Quarter, d.Year, quarterOf(d.Month)}
	case Month:
		return Period{Month, d.Year, d.Month}
	}
	return Period{}
}

// quarterOf maps a month to its season: months 1-3 are Q1 (spring), etc.
func quarterOf(month int) int { return (month-1)/3 + 1 }

// monthSpan returns the first and last month covered by a valid p.
func (p Period) monthSpan() (first, last int) {
	switch p.Gran {
	case Quarter:
		return 3*p.N - 2, 3 * p.N
	case Month:
		return p.N, p.N
	}
	return 1, 12
}

// First returns the first day of p, or the zero Date if p is invalid.
func (p Period) First() Date {
	if !p.IsValid() {
		return Date{}
	}
	m, _ := p.monthSpan()
	return Date{p.Year, m, 1}
}

// Last returns the last day of p (so Esfand's 29/30 is handled), or the
// zero Date if p is invalid. Ranges are inclusive: First() <= d <= Last().
func (p Period) Last() Date {
	if !p.IsValid() {
		return Date{}
	}
	_, m := p.monthSpan()
	return Date{p.Year, m, MonthDays(p.Year, m)}
}

// Contains reports whether d falls inside p (inclusive on both ends).
func (p Period) Contains(d Date) bool {
	return p.IsValid() && d.IsValid() && PeriodOf(d, p.Gran) == p
}
