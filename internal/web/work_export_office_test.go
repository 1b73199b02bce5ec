package web_test

import (
	"testing"
	"unicode"

	"payesh/internal/officetest"
)

// TestWorkExportInLibreOffice: the work list's CSV, opened in LibreOffice
// Calc as an office opens it and converted back to text, has every row
// and every Persian cell — titles, units, statuses, Jalali dates — as
// Payesh wrote it: the BOM and UTF-8 carry the Persian through a real
// client, not only through our own reader.
func TestWorkExportInLibreOffice(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	c := e.as("secretariat")
	r := c.get("/work?format=csv")
	want := exportCSV(t, r, "work")
	got := officetest.ReadCSV(t, []byte(r.body))
	if len(got) != len(want) {
		t.Fatalf("LibreOffice read %d rows, Payesh wrote %d", len(got), len(want))
	}
	persian := 0
	for n, row := range want {
		for m, cell := range row {
			if !hasPersian(cell) {
				continue
			}
			persian++
			if m >= len(got[n]) || got[n][m] != cell {
				t.Errorf("row %d, column %d: LibreOffice shows %q, Payesh wrote %q", n+1, m+1, at(got[n], m), cell)
			}
		}
	}
	if persian < len(want) {
		t.Errorf("only %d Persian cells in %d rows: the export is not the demo's", persian, len(want))
	}
}

func hasPersian(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) {
			return true
		}
	}
	return false
}

func at(row []string, n int) string {
	if n < len(row) {
		return row[n]
	}
	return ""
}
