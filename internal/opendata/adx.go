package opendata

import (
	"bufio"
	_ "embed"
	"encoding/xml"
	"errors"
	"io"
	"time"

	"payesh"
	"payesh/internal/jalali"
)

// Namespace is ADX's XML namespace (the 2015 profile, which DHIS2 reads).
const Namespace = "urn:ihe:qrph:adx:2015"

// ErrEmpty is Close's answer when nothing was written: an ADX message
// holds at least one group (adx.xsd), so there is no empty one to send.
var ErrEmpty = errors.New("opendata: an ADX message needs at least one value")

// adxWriter writes an ADX data message: one group per unit and period
// — orgUnit is the unit's code, period its ISO interval — holding one
// dataValue per indicator, dataElement being its code. Values arrive
// ordered by unit and period (payesh.OpenDataService), so a group is
// closed when the next value belongs to another; out of order they would
// still be valid ADX, only in more groups. Nothing else is written on a
// group: DHIS2 passes a group's attributes on to each value it imports,
// and one it does not know would refuse the value.
type adxWriter struct {
	w        *bufio.Writer
	exported time.Time
	style    jalali.DurationStyle
	open     bool // a group is open
	unit     string
	period   jalali.Period
	n        int
}

// NewADX returns a writer of an ADX message exported at the given time,
// with periods in style.
func NewADX(w io.Writer, exported time.Time, style jalali.DurationStyle) Writer {
	return &adxWriter{w: bufio.NewWriterSize(w, 64<<10), exported: exported, style: style}
}

func (a *adxWriter) Write(v payesh.OpenValue) error {
	value, err := decimal(v.Value)
	if err != nil {
		return err
	}
	period := v.Period.ISOInterval(a.style)
	if period == "" {
		return errors.New("opendata: invalid period " + v.Period.String())
	}
	if a.n == 0 {
		a.w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<adx xmlns="` + Namespace + `" exported="` +
			a.exported.UTC().Format(time.RFC3339) + `">` + "\n")
	}
	if !a.open || v.UnitCode != a.unit || v.Period != a.period {
		if a.open {
			a.w.WriteString("  </group>\n")
		}
		a.w.WriteString(`  <group orgUnit="`)
		attr(a.w, v.UnitCode)
		a.w.WriteString(`" period="` + period + `">` + "\n")
		a.open, a.unit, a.period = true, v.UnitCode, v.Period
	}
	a.w.WriteString(`    <dataValue dataElement="`)
	attr(a.w, v.IndicatorCode)
	_, err = a.w.WriteString(`" value="` + value + `"/>` + "\n")
	a.n++
	return err
}

func (a *adxWriter) Close() error {
	if a.n == 0 {
		return ErrEmpty
	}
	a.w.WriteString("  </group>\n</adx>\n")
	return a.w.Flush()
}

// attr writes s escaped for a double-quoted attribute. Codes are letters,
// digits and ._- (payesh's code pattern), so this never changes one
// today; it keeps a future code from breaking the document.
func attr(w *bufio.Writer, s string) {
	_ = xml.EscapeText(w, []byte(s)) // a bufio.Writer's error sticks and Flush reports it
}

// Schema is the ADX schema the export is checked against (adx.xsd, whose
// header names its source), for tests here and in the packages that serve
// the export.
//
//go:embed adx.xsd
var Schema []byte
