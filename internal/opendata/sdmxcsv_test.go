package opendata_test

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"testing"

	"payesh"
	"payesh/internal/jalali"
	"payesh/internal/opendata"
)

func writeSDMX(t *testing.T, vals []payesh.OpenValue, style jalali.DurationStyle) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := opendata.NewSDMXCSV(&b, style)
	if err != nil {
		t.Fatal(err)
	}
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

// readSDMX parses an SDMX-CSV file with encoding/csv, checks its header,
// structure columns and line ends, and returns its rows by column name.
func readSDMX(t *testing.T, data []byte) []map[string]string {
	t.Helper()
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		t.Error("the file starts with a byte-order mark; SDMX readers look for STRUCTURE there")
	}
	if n, crlf := bytes.Count(data, []byte("\n")), bytes.Count(data, []byte("\r\n")); n != crlf {
		t.Errorf("%d of %d line ends are CRLF (RFC 4180)", crlf, n)
	}
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("the file does not parse as CSV: %v", err)
	}
	want := []string{"STRUCTURE", "STRUCTURE_ID", "ACTION", "FREQ", "INDICATOR", "REF_AREA",
		"TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE", "JALALI_PERIOD"}
	if !slices.Equal(records[0], want) {
		t.Fatalf("header %q, want %q", records[0], want)
	}
	var rows []map[string]string
	for _, r := range records[1:] {
		row := map[string]string{}
		for i, name := range want {
			row[name] = r[i]
		}
		if row["STRUCTURE"] != "dataflow" || row["STRUCTURE_ID"] != "PAYESH:DF_INDICATOR_VALUES(1.0.0)" || row["ACTION"] != "I" {
			t.Errorf("structure columns %q", r[:3])
		}
		rows = append(rows, row)
	}
	return rows
}

// TestSDMXCSVCalendar writes the months of 1400–1410 and the seasons and
// years, reads the file back with encoding/csv, and checks every row: its
// codes, its number, its frequency, and its TIME_PERIOD read back through
// the calendar to the Jalali period the custom column names.
func TestSDMXCSVCalendar(t *testing.T) {
	vals := calendarValues()
	for _, style := range []jalali.DurationStyle{jalali.DurationDays, jalali.DurationCalendar} {
		t.Run(style.String(), func(t *testing.T) {
			rows := readSDMX(t, writeSDMX(t, vals, style))
			if len(rows) != len(vals) {
				t.Fatalf("%d rows, want %d", len(rows), len(vals))
			}
			for i, v := range vals {
				r := rows[i]
				p, err := jalali.PeriodOfInterval(r["TIME_PERIOD"])
				if err != nil || p != v.Period || r["JALALI_PERIOD"] != v.Period.String() {
					t.Errorf("row %d: TIME_PERIOD %q (%v, %v), JALALI_PERIOD %q; want %s", i, r["TIME_PERIOD"], p, err, r["JALALI_PERIOD"], v.Period)
				}
				if r["TIME_PERIOD"] != v.Period.ISOInterval(style) {
					t.Errorf("row %d: TIME_PERIOD %q in %v", i, r["TIME_PERIOD"], style)
				}
				f, err := strconv.ParseFloat(r["OBS_VALUE"], 64)
				if err != nil || f != v.Value {
					t.Errorf("row %d: OBS_VALUE %q, want %v", i, r["OBS_VALUE"], v.Value)
				}
				want := map[jalali.Granularity]string{jalali.Month: "M", jalali.Quarter: "Q", jalali.Year: "A"}[v.Period.Gran]
				if r["FREQ"] != want || r["INDICATOR"] != v.IndicatorCode || r["REF_AREA"] != v.UnitCode || r["UNIT_MEASURE"] != v.Measure {
					t.Errorf("row %d = %v, want %+v", i, r, v)
				}
			}
		})
	}
}

// TestSDMXCSVCells: a unit of measure a spreadsheet would run as a formula
// is neutralized; Persian text, commas and quotes survive the round trip;
// a negative number stays a number.
func TestSDMXCSVCells(t *testing.T) {
	p := jalali.Period{Gran: jalali.Month, Year: 1403, N: 1}
	tests := []struct{ measure, want string }{
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+98", "'+98"},
		{"-1", "'-1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tتب", "'\tتب"},
		{"هزار میلیارد ریال، به قیمت ثابت", "هزار میلیارد ریال، به قیمت ثابت"},
		{"درصد \"پوشش\"", "درصد \"پوشش\""},
		{"", ""},
	}
	var vals []payesh.OpenValue
	for _, tt := range tests {
		vals = append(vals, payesh.OpenValue{IndicatorCode: "i", UnitCode: "u", Period: p, Value: -3.5, Measure: tt.measure})
	}
	rows := readSDMX(t, writeSDMX(t, vals, jalali.DurationDays))
	for i, tt := range tests {
		if got := rows[i]["UNIT_MEASURE"]; got != tt.want {
			t.Errorf("measure %q written as %q, want %q", tt.measure, got, tt.want)
		}
		if rows[i]["OBS_VALUE"] != "-3.5" {
			t.Errorf("value written as %q, want -3.5", rows[i]["OBS_VALUE"])
		}
	}
}

// TestSDMXCSVEmpty: no values is the header alone, a valid empty dataset.
func TestSDMXCSVEmpty(t *testing.T) {
	data := writeSDMX(t, nil, jalali.DurationDays)
	if rows := readSDMX(t, data); len(rows) != 0 {
		t.Errorf("%d rows", len(rows))
	}
}

func TestFormat(t *testing.T) {
	for _, tt := range []struct {
		f           opendata.Format
		valid       bool
		contentType string
		durations   jalali.DurationStyle
	}{
		{opendata.ADX, true, "application/adx+xml; charset=utf-8", jalali.DurationCalendar},
		{opendata.SDMXCSV, true, "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8", jalali.DurationDays},
		{"xlsx", false, "", 0},
		{"", false, "", 0},
	} {
		if tt.f.Valid() != tt.valid {
			t.Errorf("%q.Valid() = %v", tt.f, !tt.valid)
		}
		if tt.valid && (tt.f.ContentType() != tt.contentType || tt.f.DefaultDurations() != tt.durations) {
			t.Errorf("%q: %q, %v", tt.f, tt.f.ContentType(), tt.f.DefaultDurations())
		}
	}
}
