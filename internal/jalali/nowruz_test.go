package jalali

import "math"

// Constants of the defining rule and of the time scales it is read in.
const (
	irstHours  = 3.5       // Iran Standard Time is UTC+3:30, the 52.5°E meridian
	unixEpochJ = 2440587.5 // Julian Date of 1970-01-01 00:00 UT
	j2000      = 2451545.0 // Julian Date of 2000-01-01 12:00 TT
)

// equationOfTimeAtEquinox returns apparent minus mean solar time, in
// minutes, at the instant jde (TT) of a March equinox, by Meeus (28.3):
// E = L0 − 0.0057183° − α + Δψ·cos ε. At the equinox the Sun's apparent
// longitude is 0, so its right ascension α is 0 too (to well under a
// second of time). E drifts about 18 s a day, so its value at the equinox
// stands for its value at the nearest noon to within a few seconds — and
// to much less in the close cases, where equinox and noon nearly coincide.
func equationOfTimeAtEquinox(jde float64) float64 {
	tau := (jde - j2000) / 365250 // Julian millennia
	l0 := poly(tau, 280.4664567, 360007.6982779, 0.03032028, 1.0/49931, -1.0/15300, -1.0/2000000)
	// Nutation in longitude, Meeus ch. 22 to 0.5″; ε to 0.01° is plenty
	// for a term of at most 17″.
	t := tau * 10
	om := radians(125.04452 - 1934.136261*t)
	sun := radians(280.4665 + 36000.7698*t)
	moon := radians(218.3165 + 481267.8813*t)
	dpsi := (-17.20*math.Sin(om) - 1.32*math.Sin(2*sun) - 0.23*math.Sin(2*moon) + 0.21*math.Sin(2*om)) / 3600
	e := math.Remainder(l0-0.0057183+dpsi*math.Cos(radians(23.44)), 360)
	return e * 4 // 1° of hour angle is 4 minutes
}

// astroNowruz returns the day number (days since 1970-01-01) of 1 Farvardin
// of Jalali year jy by the defining rule: the day, in Iran Standard Time,
// of the March equinox if it comes before true (apparent) noon at 52.5°E,
// else the next day. margin is how many minutes after that noon the
// equinox fell (negative: before it); small margins are the years where
// arithmetic and astronomy can part.
func astroNowruz(jy int) (day int, margin float64) {
	gy := jy + 621
	jde := marchEquinoxJDE(gy)
	ut := jde - deltaT(float64(gy)+2.5/12)/86400 // ΔT at mid-March
	local := (ut-unixEpochJ)*1440 + irstHours*60 // minutes since 1970-01-01 00:00 IRST
	day = int(math.Floor(local / 1440))
	// Mean noon at 52.5°E is 12:00 IRST; true noon comes E minutes earlier.
	trueNoon := 720 - equationOfTimeAtEquinox(jde)
	margin = local - float64(day)*1440 - trueNoon
	if margin >= 0 {
		day++
	}
	return day, margin
}
