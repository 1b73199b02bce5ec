// Package opendata writes approved indicator values in the formats other
// systems read: ADX, the IHE aggregate data exchange that DHIS2 imports,
// and SDMX-CSV, which statistical offices' SDMX tools read. Both name
// units and indicators by their codes and periods by ISO 8601 intervals
// computed from the Jalali calendar (jalali.Period.ISOInterval).
//
// The writers stream: each value is written as it comes and only a
// buffer is held, so a national export of millions of values costs the
// memory of one. Which values leave is the store's business
// (payesh.OpenDataService: approved only, within the reader's scope).
package opendata

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/jalali"
)

// Format is an export format, as the API's ?format= names it.
type Format string

const (
	ADX     Format = "adx"
	SDMXCSV Format = "sdmx-csv"
)

// Valid reports whether f is a known format.
func (f Format) Valid() bool { return f == ADX || f == SDMXCSV }

// ContentType is the media type the format is served as: ADX's own, and
// the one SDMX's REST API negotiates SDMX-CSV 2.0 by.
func (f Format) ContentType() string {
	if f == ADX {
		return "application/adx+xml; charset=utf-8"
	}
	return "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8"
}

// Extension is the file name's ending.
func (f Format) Extension() string {
	if f == ADX {
		return ".adx.xml"
	}
	return ".sdmx.csv"
}

// DefaultDurations is how a format writes periods unless asked
// otherwise: ADX for DHIS2, which accepts only its own durations and
// reads P1M in its calendar (Persian, for Jalali data); SDMX-CSV in exact
// days, which SDMX tools read as ISO 8601 and get right. See
// jalali.DurationStyle.
func (f Format) DefaultDurations() jalali.DurationStyle {
	if f == ADX {
		return jalali.DurationCalendar
	}
	return jalali.DurationDays
}

// Writer writes one document: Write each value in turn, then Close, which
// ends the document and flushes it. Neither closes the underlying writer.
type Writer interface {
	Write(v payesh.OpenValue) error
	Close() error
}

// decimal formats a value as a plain decimal, never with an exponent:
// ADX types it xs:decimal, which has none, and SDMX readers and
// spreadsheets read it alike. The digits are the shortest that read back
// to the same float64, but no more than maxFraction after the point: a
// schema processor need only handle 18 digits of an xs:decimal
// (libxml2 takes 24), and 2.5e-30 written out would be 31. Rounding there
// changes a value by less than 10⁻¹⁸, which no count, rial amount or
// percentage notices. NaN and infinities have no decimal form; the store
// never holds them (Indicator.CheckBounds), so meeting one is an error.
func decimal(v float64) (string, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "", fmt.Errorf("opendata: value %v has no decimal form", v)
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if dot := strings.IndexByte(s, '.'); dot >= 0 && len(s)-dot-1 > maxFraction {
		s = strings.TrimRight(strconv.FormatFloat(v, 'f', maxFraction, 64), "0")
		s = strings.TrimSuffix(s, ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s, nil
}

// maxFraction is the most digits written after the decimal point.
const maxFraction = 18
