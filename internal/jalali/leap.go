package jalali

import "slices"

// breaks are the "break" years of K. M. Borkowski's reconstruction of the
// astronomical calendar ("The Persian calendar for 3000 years", Earth, Moon
// and Planets 74, 1996). Between two consecutive breaks the leap years recur
// in one fixed 33-year pattern, counted from the earlier break; a break is
// where the equinox has drifted far enough against noon that the pattern has
// to restart. Borkowski's full table runs from -61 to 3178; only the entries
// that bound [MinYear, MaxYear] are kept, because only those are verified
// against the astronomical rule (see the tests and MinYear).
var breaks = [...]int{818, 1111, 1181, 1210, 1635}

// arithmeticLeap reports whether year y has 366 days by Borkowski's rule.
// y must satisfy breaks[0] <= y < breaks[len(breaks)-1].
//
// Counting r = years since the last break, modulo 33, the leap years of a
// cycle are r = 0, 4, …, 28, so each cycle has eight, and its one 5-year gap
// runs from r = 28 to the next cycle's r = 0. An interval between breaks is
// rarely a whole number of cycles, so the rule is overridden for the last
// five years before each break: the fifth year before it is leap and the
// four after that are common. (go-jalaali v0.1.0 got exactly this override
// wrong, by a sign, and so moved the leap year one year later before every
// break: e.g. 1206 instead of 1205.)
func arithmeticLeap(y int) bool {
	i, found := slices.BinarySearch(breaks[:], y)
	if !found {
		i-- // breaks[i] is the last break before y
	}
	if toNext := breaks[i+1] - y; toNext <= 5 {
		return toNext == 5
	}
	r := (y - breaks[i]) % 33
	return r%4 == 0 && r != 32
}
