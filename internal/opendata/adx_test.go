package opendata_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"payesh"
	"payesh/internal/jalali"
	"payesh/internal/opendata"
	"payesh/internal/opendata/adxtest"
)

var exported = time.Date(2024, 6, 1, 9, 0, 0, 0, payesh.Tehran)

// calendarValues is every month of 1400–1410 for two units and two
// indicators, then every season and year for one: the periods the done
// criterion of issue 13 names, in the order the store delivers them (unit,
// then period, then indicator).
func calendarValues() []payesh.OpenValue {
	var out []payesh.OpenValue
	n := 0.0
	for _, unit := range []string{"prov-a", "prov-b"} {
		for y := 1400; y <= 1410; y++ {
			for m := 1; m <= 12; m++ {
				for _, ind := range []string{"covered", "pensioners"} {
					n++
					out = append(out, payesh.OpenValue{IndicatorCode: ind, Measure: "نفر", UnitCode: unit,
						Period: jalali.Period{Gran: jalali.Month, Year: y, N: m}, Value: n * 1.5})
				}
			}
		}
	}
	for y := 1400; y <= 1410; y++ {
		out = append(out, payesh.OpenValue{IndicatorCode: "debt", Measure: "ریال", UnitCode: "org",
			Period: jalali.Period{Gran: jalali.Year, Year: y}, Value: -12345678901234})
		for q := 1; q <= 4; q++ {
			out = append(out, payesh.OpenValue{IndicatorCode: "satisfaction", Measure: "درصد", UnitCode: "org",
				Period: jalali.Period{Gran: jalali.Quarter, Year: y, N: q}, Value: 0.125})
		}
	}
	return out
}

func writeADX(t *testing.T, vals []payesh.OpenValue, style jalali.DurationStyle) []byte {
	t.Helper()
	var b bytes.Buffer
	w := opendata.NewADX(&b, exported, style)
	for _, v := range vals {
		if err := w.Write(v); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// adxDoc is an ADX message read back with encoding/xml, as a consumer
// would read it.
type adxDoc struct {
	XMLName  xml.Name `xml:"urn:ihe:qrph:adx:2015 adx"`
	Exported string   `xml:"exported,attr"`
	Groups   []struct {
		OrgUnit string `xml:"orgUnit,attr"`
		Period  string `xml:"period,attr"`
		Values  []struct {
			DataElement string `xml:"dataElement,attr"`
			Value       string `xml:"value,attr"`
		} `xml:"dataValue"`
	} `xml:"group"`
}

// readADX parses doc and returns its values, each period read back to the
// Jalali period through the calendar (jalali.PeriodOfInterval), and the
// number of groups.
func readADX(t *testing.T, doc []byte) ([]payesh.OpenValue, int) {
	t.Helper()
	var d adxDoc
	if err := xml.Unmarshal(doc, &d); err != nil {
		t.Fatalf("the ADX document does not parse: %v", err)
	}
	if d.Exported != "2024-06-01T05:30:00Z" {
		t.Errorf("exported = %q, want the export time in UTC", d.Exported)
	}
	var out []payesh.OpenValue
	for _, g := range d.Groups {
		p, err := jalali.PeriodOfInterval(g.Period)
		if err != nil {
			t.Errorf("group %s: %v", g.OrgUnit, err)
		}
		for _, v := range g.Values {
			f, err := strconv.ParseFloat(v.Value, 64)
			if err != nil {
				t.Errorf("value %q: %v", v.Value, err)
			}
			out = append(out, payesh.OpenValue{IndicatorCode: v.DataElement, UnitCode: g.OrgUnit, Period: p, Value: f})
		}
	}
	return out, len(d.Groups)
}

// TestADXCalendar writes every month of 1400–1410 (and the seasons and
// years) in both duration styles, validates the message against adx.xsd
// with xmllint, and reads it back: every value is there, once, with its
// unit, indicator and number, in one group per unit and period, and every
// period read back through the calendar is the value's own.
func TestADXCalendar(t *testing.T) {
	vals := calendarValues()
	groups := 2*11*12 + 11*5
	for _, style := range []jalali.DurationStyle{jalali.DurationDays, jalali.DurationCalendar} {
		t.Run(style.String(), func(t *testing.T) {
			doc := writeADX(t, vals, style)
			adxtest.Validate(t, doc)
			got, n := readADX(t, doc)
			if n != groups {
				t.Errorf("%d groups, want %d (one per unit and period)", n, groups)
			}
			if len(got) != len(vals) {
				t.Fatalf("%d values read back, want %d", len(got), len(vals))
			}
			for i, want := range vals {
				want.Measure = "" // ADX carries no unit of measure
				if got[i] != want {
					t.Errorf("value %d = %+v, want %+v", i, got[i], want)
				}
			}
			// The issue's own example, in the document as written.
			want := `period="2024-03-20/P31D"`
			if style == jalali.DurationCalendar {
				want = `period="2024-03-20/P1M"`
			}
			if !bytes.Contains(doc, []byte(`<group orgUnit="prov-a" `+want+`>`)) {
				t.Errorf("no group for Farvardin 1403 with %s", want)
			}
		})
	}
}

// TestADXSchemaRefuses checks the check: documents that break the schema
// in the ways a writer could are refused by xmllint with adx.xsd, so a
// passing TestADXCalendar means something.
func TestADXSchemaRefuses(t *testing.T) {
	good := string(writeADX(t, calendarValues()[:3], jalali.DurationDays))
	if err := adxtest.Check(t, []byte(good)); err != nil {
		t.Fatalf("the good document fails: %v", err)
	}
	for name, bad := range map[string]string{
		"jalali period":     strings.Replace(good, "2021-03-21/P31D", "1400-01", 1),
		"empty duration":    strings.Replace(good, "2021-03-21/P31D", "2021-03-21/P", 1),
		"exponent":          strings.Replace(good, `value="1.5"`, `value="1.5e3"`, 1),
		"no exported":       strings.Replace(good, ` exported="2024-06-01T05:30:00Z"`, "", 1),
		"other namespace":   strings.Replace(good, opendata.Namespace, "urn:ihe:qrph:adx:2014", 1),
		"no orgUnit":        strings.Replace(good, `orgUnit="prov-a" `, "", 1),
		"empty message":     `<adx xmlns="urn:ihe:qrph:adx:2015" exported="2024-06-01T05:30:00Z"/>`,
		"group of nothing":  `<adx xmlns="urn:ihe:qrph:adx:2015" exported="2024-06-01T05:30:00Z"><group orgUnit="a" period="2024-03-20/P1M"/></adx>`,
		"month 13":          strings.Replace(good, "2021-03-21/P31D", "2021-13-21/P31D", 1),
		"value not numeric": strings.Replace(good, `value="1.5"`, `value="۱٫۵"`, 1),
	} {
		if bad == good {
			t.Fatalf("%s: the replacement did not apply", name)
		}
		if adxtest.Check(t, []byte(bad)) == nil {
			t.Errorf("%s: the schema accepts\n%s", name, bad)
		}
	}
}

func TestADXEmptyAndBadValues(t *testing.T) {
	var b bytes.Buffer
	if err := opendata.NewADX(&b, exported, jalali.DurationDays).Close(); !errors.Is(err, opendata.ErrEmpty) {
		t.Errorf("closing an empty message: %v, want ErrEmpty", err)
	}
	for _, v := range []payesh.OpenValue{
		{IndicatorCode: "x", UnitCode: "u", Period: jalali.Period{Gran: jalali.Month, Year: 1403, N: 1}, Value: math.NaN()},
		{IndicatorCode: "x", UnitCode: "u", Period: jalali.Period{Gran: jalali.Month, Year: 1403, N: 1}, Value: math.Inf(1)},
		{IndicatorCode: "x", UnitCode: "u", Period: jalali.Period{Gran: jalali.Month, Year: 1403, N: 13}, Value: 1},
	} {
		if err := opendata.NewADX(&b, exported, jalali.DurationDays).Write(v); err == nil {
			t.Errorf("Write(%+v) succeeded", v)
		}
	}
}

// TestADXDecimals: numbers are written as plain decimals (xs:decimal has
// no exponent) that read back to the same float64, except a fraction past
// the 18th decimal place, which is rounded there.
func TestADXDecimals(t *testing.T) {
	p := jalali.Period{Gran: jalali.Month, Year: 1403, N: 7}
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{math.Copysign(0, -1), "0"},
		{-0.5, "-0.5"},
		{1e21, "1000000000000000000000"},
		{123456789012345678, "123456789012345680"},
		{1e-7, "0.0000001"},
		{1.0 / 3, "0.3333333333333333"},
		{2.5e-30, "0"},
		{-1.23456789e-10, "-0.000000000123456789"},
		{1.5e-17, "0.000000000000000015"},
	}
	var vals []payesh.OpenValue
	for i, tt := range tests {
		vals = append(vals, payesh.OpenValue{IndicatorCode: fmt.Sprintf("i%d", i), UnitCode: "u", Period: p, Value: tt.in})
	}
	doc := writeADX(t, vals, jalali.DurationDays)
	adxtest.Validate(t, doc)
	var d adxDoc
	if err := xml.Unmarshal(doc, &d); err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		if got := d.Groups[0].Values[i].Value; got != tt.want {
			t.Errorf("%v written as %q, want %q", tt.in, got, tt.want)
		}
	}
}
