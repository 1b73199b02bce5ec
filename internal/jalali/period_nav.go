package jalali

// Next returns the period of the same granularity that follows p, rolling
// over year boundaries (1403-12 -> 1404-01, 1403Q4 -> 1404Q1).
func (p Period) Next() Period { return p.shift(1) }

// Prev returns the period of the same granularity that precedes p.
func (p Period) Prev() Period { return p.shift(-1) }

// shift moves p by k steps. Periods are converted to a linear index
// (year*perYear + N-1) so carrying across years is plain division.
// Invalid periods are returned unchanged.
func (p Period) shift(k int) Period {
	if !p.IsValid() {
		return p
	}
	per := p.perYear()
	if per == 1 {
		return Period{Year, p.Year + k, 0}
	}
	i := p.Year*per + p.N - 1 + k
	return Period{p.Gran, floorDiv(i, per), floorMod(i, per) + 1}
}

// perYear is how many periods of p's granularity make up a year.
func (p Period) perYear() int {
	switch p.Gran {
	case Quarter:
		return 4
	case Month:
		return 12
	}
	return 1
}

func floorDiv(a, b int) int { return (a - floorMod(a, b)) / b }

func floorMod(a, b int) int { return ((a % b) + b) % b }

// Parent returns the enclosing period one level up: month -> quarter,
// quarter -> year. Years (and invalid periods) have no parent.
func (p Period) Parent() (Period, bool) {
	if !p.IsValid() {
		return Period{}, false
	}
	switch p.Gran {
	case Quarter:
		return Period{Year, p.Year, 0}, true
	case Month:
		return Period{Quarter, p.Year, quarterOf(p.N)}, true
	}
	return Period{}, false
}

// Children returns the periods one level down, in order: a year's four
// quarters or a quarter's three months. Months have no children (nil).
func (p Period) Children() []Period {
	if !p.IsValid() {
		return nil
	}
	switch p.Gran {
	case Year:
		return p.span(Quarter, 1, 4)
	case Quarter:
		return p.Months()
	}
	return nil
}

// Months returns every month p covers, in order; a month returns itself.
// Invalid periods return nil.
func (p Period) Months() []Period {
	if !p.IsValid() {
		return nil
	}
	first, last := p.monthSpan()
	return p.span(Month, first, last)
}

// span builds the periods of granularity g numbered from..to in p's year.
func (p Period) span(g Granularity, from, to int) []Period {
	out := make([]Period, 0, to-from+1)
	for n := from; n <= to; n++ {
		out = append(out, Period{g, p.Year, n})
	}
	return out
}
