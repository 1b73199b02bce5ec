package jalali

import "math"

// This file and its neighbours deltat_test.go and nowruz_test.go are an
// independent reference for the calendar tests: they compute the start of
// each year from the defining astronomical rule, sharing nothing with the
// arithmetic in leap.go and yearstart.go.

// equinoxTerms are the 24 periodic terms (A, B, C) of Meeus, Astronomical
// Algorithms (2nd ed.), table 27.C: S = Σ A·cos(B + C·T), B and C in degrees.
var equinoxTerms = [24][3]float64{
	{485, 324.96, 1934.136}, {203, 337.23, 32964.467}, {199, 342.08, 20.186},
	{182, 27.85, 445267.112}, {156, 73.14, 45036.886}, {136, 171.52, 22518.443},
	{77, 222.54, 65928.934}, {74, 296.72, 3034.906}, {70, 243.58, 9037.513},
	{58, 119.81, 33718.147}, {52, 297.17, 150.678}, {50, 21.02, 2281.226},
	{45, 247.54, 29929.562}, {44, 325.15, 31555.956}, {29, 60.93, 4443.417},
	{18, 155.12, 67555.328}, {17, 288.79, 4562.452}, {16, 198.04, 62894.029},
	{14, 199.76, 31436.921}, {12, 95.39, 14577.848}, {12, 287.11, 31931.756},
	{12, 320.81, 34777.259}, {9, 227.73, 1222.114}, {8, 15.45, 16859.074},
}

// marchEquinoxJDE returns the instant of the March equinox of Gregorian
// year gy as a Julian Ephemeris Day (Terrestrial Time), by Meeus ch. 27:
// the mean equinox of table 27.B (valid for 1000–3000) corrected by the
// periodic terms. Against a full VSOP87 solution it is within about a
// minute for the years the calendar tests use (1700–2124).
func marchEquinoxJDE(gy int) float64 {
	y := float64(gy-2000) / 1000
	jde0 := poly(y, 2451623.80984, 365242.37404, 0.05169, -0.00411, -0.00057)
	t := (jde0 - 2451545) / 36525
	w := radians(35999.373*t - 2.47)
	dl := 1 + 0.0334*math.Cos(w) + 0.0007*math.Cos(2*w)
	s := 0.0
	for _, p := range equinoxTerms {
		s += p[0] * math.Cos(radians(p[1]+p[2]*t))
	}
	return jde0 + 0.00001*s/dl
}

// poly evaluates c[0] + c[1]·x + c[2]·x² + … by Horner's rule.
func poly(x float64, c ...float64) float64 {
	r := 0.0
	for i := len(c) - 1; i >= 0; i-- {
		r = r*x + c[i]
	}
	return r
}

func radians(deg float64) float64 { return deg * math.Pi / 180 }
