package jalali

// deltaT returns ΔT = TT − UT in seconds at decimal year y, by the
// polynomial expressions of Espenak & Meeus (Five Millennium Canon of Solar
// Eclipses, NASA/TP-2006-214141). Only the pieces from 1600 on are here,
// because the calendar tests need no earlier year; before 2005 they fit
// observations, after it they are a forecast, which is one reason the
// supported range stops in the 2120s.
func deltaT(y float64) float64 {
	switch {
	case y < 1600:
		panic("deltaT: no expression before 1600 here")
	case y < 1700:
		return poly(y-1600, 120, -0.9808, -0.01532, 1.0/7129)
	case y < 1800:
		return poly(y-1700, 8.83, 0.1603, -0.0059285, 0.00013336, -1.0/1174000)
	case y < 1860:
		return poly(y-1800, 13.72, -0.332447, 0.0068612, 0.0041116, -0.00037436,
			0.0000121272, -0.0000001699, 0.000000000875)
	case y < 1900:
		return poly(y-1860, 7.62, 0.5737, -0.251754, 0.01680668, -0.0004473624, 1.0/233174)
	case y < 1920:
		return poly(y-1900, -2.79, 1.494119, -0.0598939, 0.0061966, -0.000197)
	case y < 1941:
		return poly(y-1920, 21.20, 0.84493, -0.076100, 0.0020936)
	case y < 1961:
		return poly(y-1950, 29.07, 0.407, -1.0/233, 1.0/2547)
	case y < 1986:
		return poly(y-1975, 45.45, 1.067, -1.0/260, -1.0/718)
	case y < 2005:
		return poly(y-2000, 63.86, 0.3345, -0.060374, 0.0017275, 0.000651814, 0.00002373599)
	case y < 2050:
		return poly(y-2000, 62.92, 0.32217, 0.005589)
	case y < 2150:
		u := (y - 1820) / 100
		return -20 + 32*u*u - 0.5628*(2150-y)
	}
	panic("deltaT: no expression after 2150 here")
}
