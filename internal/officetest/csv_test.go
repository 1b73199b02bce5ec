package officetest

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"
)

// writeCSV writes rows as the exports do: UTF-8 with a byte-order mark,
// so that Excel shows Persian, and CRLF line ends.
func writeCSV(t *testing.T, rows [][]string) []byte {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestReadCSVPersian: a UTF-8 CSV with a byte-order mark opens in
// LibreOffice with its Persian intact — the mark not in the first cell,
// the letters, ZWNJ and hamza as written, Persian digits and Jalali dates
// left as text, a comma inside a cell kept — and a cell that starts with
// = is evaluated, which is why the exports neutralize such cells.
func TestReadCSVPersian(t *testing.T) {
	t.Parallel()
	in := [][]string{
		{"واحد", "تاریخ", "شاخص", "مقدار"},
		{"ادارهٔ کل تأمین اجتماعی استان آذربایجان شرقی", "۱۴۰۳/۰۷/۱۵", "بیمه‌شدگان اصلی، تبعی", "۱٬۲۵۰"},
		{"شعبهٔ ۲ تبریز", "1403/07/15", "نسبت «پوشش»", "1250"},
		{"=1+1", "'=1+1", "", "-5"},
	}
	got := ReadCSV(t, writeCSV(t, in))
	want := slices.Clone(in)
	want[3] = []string{"2", "'=1+1", "", "-5"} // LibreOffice evaluates the formula
	if len(got) != len(want) {
		t.Fatalf("LibreOffice read %d rows, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("row %d: LibreOffice read %q, want %q", i+1, got[i], want[i])
		}
	}
}
