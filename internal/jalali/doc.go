// Package jalali is Payesh's single entry point for the Iranian (Jalali,
// Solar Hijri) calendar: dates, reporting periods and Persian digits.
//
// The official calendar is astronomical: a year starts on the day, in Iran
// Standard Time, whose true noon at the 52.5°E meridian follows the March
// equinox. This package converts with K. M. Borkowski's arithmetic
// reconstruction of that rule (leap.go, yearstart.go): a year table built
// once from an anchor date and the leap rule, so conversions are look-ups.
// The arithmetic is trusted only where it has been checked: the tests walk
// every day of [MinYear, MaxYear] (1079–1501, i.e. 1700–2123 CE) against an
// independent computation of the equinox and of true noon, and the range
// ends where that check stops being decidable or fails (see MinYear).
//
// On top of the conversion the package adds the value types, parsing of
// user input (which may arrive with Persian or Arabic-Indic digits) and
// Persian display formatting.
//
// The fiscal year in the Iranian public sector is the Jalali year, and its
// quarters are the four seasons, so Period models exactly that.
package jalali
