package opendata

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"strings"

	"payesh"
	"payesh/internal/jalali"
)

// Dataflow identifies Payesh's indicator values in SDMX terms,
// AGENCY:ID(VERSION). Partners who load the file into an SDMX registry
// define the dataflow under this name.
const Dataflow = "PAYESH:DF_INDICATOR_VALUES(1.0.0)"

// SDMXHeader is the SDMX-CSV 2.0 header row: the structure columns, the
// dimensions, the measure, the attribute, and one custom column (the
// format allows them) with the period as Payesh and its users name it.
//
//	FREQ           M, Q or A (SDMX's frequency codes): month, season, year
//	INDICATOR      the indicator's code
//	REF_AREA       the org unit's code
//	TIME_PERIOD    the ISO 8601 interval, 2024-03-20/P31D
//	OBS_VALUE      the approved value, a plain decimal
//	UNIT_MEASURE   the indicator's unit of measure as written (نفر، درصد…)
//	JALALI_PERIOD  1403-01, 1403Q1 or 1403
var SDMXHeader = []string{"STRUCTURE", "STRUCTURE_ID", "ACTION", "FREQ", "INDICATOR", "REF_AREA",
	"TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE", "JALALI_PERIOD"}

// sdmxWriter writes SDMX-CSV 2.0 (the SDMX Technical Working Group's
// sdmx-csv field guide): RFC 4180 with CRLF line ends, in UTF-8 without a
// byte-order mark — a reader finds the separator as the character after
// STRUCTURE, which a BOM would hide — and action I (information) on every
// row.
type sdmxWriter struct {
	buf   *bufio.Writer
	csv   *csv.Writer
	style jalali.DurationStyle
	row   []string
}

// NewSDMXCSV returns a writer of SDMX-CSV with periods in style; the
// header is written at once, so an export with no values is the header
// alone.
func NewSDMXCSV(w io.Writer, style jalali.DurationStyle) (Writer, error) {
	buf := bufio.NewWriterSize(w, 64<<10)
	c := csv.NewWriter(buf)
	c.UseCRLF = true
	s := &sdmxWriter{buf: buf, csv: c, style: style, row: make([]string, len(SDMXHeader))}
	return s, c.Write(SDMXHeader)
}

func (s *sdmxWriter) Write(v payesh.OpenValue) error {
	value, err := decimal(v.Value)
	if err != nil {
		return err
	}
	period := v.Period.ISOInterval(s.style)
	if period == "" {
		return errors.New("opendata: invalid period " + v.Period.String())
	}
	r := s.row
	r[0], r[1], r[2] = "dataflow", Dataflow, "I"
	r[3] = freq(v.Period.Gran)
	r[4], r[5] = cell(v.IndicatorCode), cell(v.UnitCode)
	r[6], r[7] = period, value // a number stays a number, sign and all
	r[8], r[9] = cell(v.Measure), v.Period.String()
	return s.csv.Write(r)
}

func (s *sdmxWriter) Close() error {
	s.csv.Flush()
	if err := s.csv.Error(); err != nil {
		return err
	}
	return s.buf.Flush()
}

// freq is SDMX's code (CL_FREQ) for a period's length.
func freq(g jalali.Granularity) string {
	switch g {
	case jalali.Month:
		return "M"
	case jalali.Quarter:
		return "Q"
	}
	return "A"
}

// cell neutralizes text a spreadsheet would run as a formula: a cell that
// starts with = + - @, a tab or a carriage return gets an apostrophe in
// front, which spreadsheets show as text. Codes never start so (payesh's
// code pattern); a unit of measure typed by a person might.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
