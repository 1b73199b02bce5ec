// Package jalali is Payesh's single entry point for the Iranian (Jalali,
// Solar Hijri) calendar: dates, reporting periods and Persian digits.
//
// Calendar arithmetic is delegated to github.com/jalaali/go-jalaali so the
// leap-year rules live in one well-tested place; this package adds the
// value types, parsing of user input (which may arrive with Persian or
// Arabic-Indic digits) and Persian display formatting.
//
// The fiscal year in the Iranian public sector is the Jalali year, and its
// quarters are the four seasons, so Period models exactly that.
package jalali
