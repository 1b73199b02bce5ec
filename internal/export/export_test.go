package export_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"payesh/internal/export"
)

func TestNeutralize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"},
		{"+1+1", "'+1+1"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"", ""},
		{"برنامهٔ عملیاتی", "برنامهٔ عملیاتی"},
		{"a=b", "a=b"},
		{" =1", " =1"}, // a leading space is text to both spreadsheets
		{"'quoted", "'quoted"},
	} {
		if got := export.Neutralize(c.in); got != c.want {
			t.Errorf("Neutralize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]struct {
		f  export.Format
		ok bool
	}{"": {"", true}, "xlsx": {export.XLSX, true}, "csv": {export.CSV, true}, "XLSX": {"", false}, "pdf": {"", false}} {
		if f, ok := export.ParseFormat(in); f != want.f || ok != want.ok {
			t.Errorf("ParseFormat(%q) = %q %v, want %q %v", in, f, ok, want.f, want.ok)
		}
	}
}

// testTable has a column of each kind.
func testTable() export.Table {
	return export.Table{
		Sheet: "کارها", Title: "فهرست کارها", Notes: []string{"مبنا: تأییدشده"}, CutNote: "فقط ۲ ردیف نخست",
		Columns: []export.Column{
			{Header: "عنوان", Kind: export.Text},
			{Header: "تعداد", Kind: export.Number},
			{Header: "پیشرفت (٪)", Kind: export.Percent},
			{Header: "سررسید", Kind: export.Date, DateHeader: "سررسید (میلادی)"},
		},
		RTL: true, PersianDigits: true,
	}
}

var due = time.Date(2024, 10, 6, 0, 0, 0, 0, time.UTC) // 1403/07/15

// date is a payesh.Date-like value: anything with a Time method is a date.
type date struct{ t time.Time }

func (d date) Time() time.Time { return d.t }

func writeAll(t *testing.T, f export.Format, tb export.Table, rows ...[]any) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := export.New(f, &buf, tb)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Write(r...); err != nil && !errors.Is(err, export.ErrFull) {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var testRows = [][]any{
	{"=cmd|' /C calc'!A0", -5, 42.5, due},
	{"برنامهٔ عملیاتی", 1234.25, nil, date{}},
	{"@x", nil, 100, date{due.AddDate(0, 0, 1)}},
}

func TestCSV(t *testing.T) {
	tb := testTable()
	b := writeAll(t, export.CSV, tb, testRows...)
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("no UTF-8 BOM: % x", b[:min(len(b), 8)])
	}
	body := string(b[3:])
	if strings.Count(body, "\r\n") != 4 || strings.Count(body, "\n") != 4 {
		t.Errorf("want 4 CRLF lines:\n%q", body)
	}
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"عنوان", "تعداد", "پیشرفت (٪)", "سررسید", "سررسید (میلادی)"},
		{"'=cmd|' /C calc'!A0", "-5", "42.5", "۱۴۰۳/۰۷/۱۵", "2024-10-06"},
		{"برنامهٔ عملیاتی", "1234.25", "", "", ""},
		{"'@x", "", "100", "۱۴۰۳/۰۷/۱۶", "2024-10-07"},
	}
	if len(recs) != len(want) {
		t.Fatalf("%d records, want %d: %q", len(recs), len(want), recs)
	}
	for i := range want {
		if strings.Join(recs[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("record %d = %q, want %q", i, recs[i], want[i])
		}
	}
	// Latin digits when asked; the title and notes are a workbook's only.
	tb.PersianDigits = false
	body = string(writeAll(t, export.CSV, tb, testRows[0]))
	if !strings.Contains(body, ",1403/07/15,2024-10-06") || strings.Contains(body, "فهرست کارها") {
		t.Errorf("Latin-digit CSV:\n%s", body)
	}
}

// TestLimit: past the limit a row is refused, and the file ends with the
// note that says it was cut, in both formats.
func TestLimit(t *testing.T) {
	tb := testTable()
	tb.Limit = 2
	for _, f := range []export.Format{export.CSV, export.XLSX} {
		var buf bytes.Buffer
		w, err := export.New(f, &buf, tb)
		if err != nil {
			t.Fatal(err)
		}
		var errs []error
		for _, r := range testRows {
			errs = append(errs, w.Write(r...))
		}
		if errs[0] != nil || errs[1] != nil || !errors.Is(errs[2], export.ErrFull) {
			t.Errorf("%s: writes returned %v", f, errs)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		var last []string
		if f == export.CSV {
			recs, err := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != 4 {
				t.Errorf("csv: %d records, want header, 2 rows and the note", len(recs))
			}
			last = recs[len(recs)-1]
		} else {
			rows := readXLSX(t, buf.Bytes())
			last = rows[len(rows)-1]
			if len(rows) != 3+2+2 { // title, note, header; 2 rows; a blank row, the note
				t.Errorf("xlsx: %d rows: %q", len(rows), rows)
			}
		}
		if len(last) == 0 || last[0] != tb.CutNote {
			t.Errorf("%s: last row %q, want the cut note", f, last)
		}
	}
	// A table cannot ask for more than MaxRows.
	tb.Limit = export.MaxRows + 1
	w, _ := export.New(export.CSV, &bytes.Buffer{}, tb)
	if err := w.Write("x"); err == nil || errors.Is(err, export.ErrFull) {
		t.Errorf("a short row: %v, want a programming error", err)
	}
}

func readXLSX(t *testing.T, b []byte) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestXLSX(t *testing.T) {
	b := writeAll(t, export.XLSX, testTable(), testRows...)
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := f.GetSheetName(0)
	if s != "کارها" {
		t.Errorf("sheet %q", s)
	}
	view, err := f.GetSheetView(s, 0)
	if err != nil || view.RightToLeft == nil || !*view.RightToLeft {
		t.Errorf("sheet not right to left: %+v %v", view, err)
	}
	panes, err := f.GetPanes(s)
	if err != nil || !panes.Freeze || panes.YSplit != 3 {
		t.Errorf("panes %+v %v, want the three rows down to the header frozen", panes, err)
	}
	cell := func(ref string) string {
		v, err := f.GetCellValue(s, ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for ref, want := range map[string]string{
		"A1": "فهرست کارها", "A2": "مبنا: تأییدشده", "A3": "عنوان", "D3": "سررسید", "E3": "سررسید (میلادی)",
		"A4": "'=cmd|' /C calc'!A0", "B4": "-5", "C4": "0.425", "D4": "۱۴۰۳/۰۷/۱۵",
		"A5": "برنامهٔ عملیاتی", "B5": "1234.25", "C5": "", "D5": "", "E5": "",
		"A6": "'@x", "C6": "1",
	} {
		if got := cell(ref); got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	// The Gregorian date is a real date: a day number formatted as one.
	if got := cell("E4"); got != "45571" {
		t.Errorf("E4 raw = %q, want Excel's day 45571 (2024-10-06)", got)
	}
	if v, _ := f.GetCellValue(s, "E4"); v != "2024-10-06" {
		t.Errorf("E4 shown as %q", v)
	}
	if v, _ := f.GetCellValue(s, "C4"); v != "42.5%" {
		t.Errorf("C4 shown as %q", v)
	}
	// A number cell has no type attribute (OOXML's default, a number);
	// text is an inline string.
	for ref, want := range map[string]excelize.CellType{"B4": excelize.CellTypeUnset, "C4": excelize.CellTypeUnset,
		"E4": excelize.CellTypeUnset, "A4": excelize.CellTypeInlineString, "D4": excelize.CellTypeInlineString} {
		if got, err := f.GetCellType(s, ref); err != nil || got != want {
			t.Errorf("%s type %v %v, want %v", ref, got, err, want)
		}
	}
	id, _ := f.GetCellStyle(s, "A3")
	st, err := f.GetStyle(id)
	if err != nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("the header is not bold: %+v %v", st, err)
	}
	names := f.GetDefinedName()
	if len(names) != 1 || names[0].Name != "_xlnm._FilterDatabase" || !strings.HasSuffix(names[0].RefersTo, "!$A$3:$E$6") {
		t.Errorf("filter %+v, want the header and rows A3:E6", names)
	}
}

// TestSend: the download's headers, and an error before the file began
// leaves the response to the caller, one after it comes back as ErrCut.
func TestSend(t *testing.T) {
	tb := testTable()
	rec := httptest.NewRecorder()
	err := export.Send(rec, export.CSV, "payesh-work", tb, func(w export.Writer) error { return w.Write(testRows[0]...) })
	if err != nil {
		t.Fatal(err)
	}
	h := rec.Header()
	if h.Get("Content-Type") != "text/csv; charset=utf-8" || h.Get("Content-Disposition") != `attachment; filename="payesh-work.csv"` {
		t.Errorf("headers %v", h)
	}
	boom := errors.New("boom")
	for _, f := range []export.Format{export.CSV, export.XLSX} {
		rec = httptest.NewRecorder()
		err = export.Send(rec, f, "x", tb, func(w export.Writer) error { w.Write(testRows[0]...); return boom })
		if !errors.Is(err, boom) || errors.Is(err, export.ErrCut) || rec.Header().Get("Content-Disposition") != "" || rec.Body.Len() != 0 {
			t.Errorf("%s: early failure: %v, headers %v, %d bytes", f, err, rec.Header(), rec.Body.Len())
		}
	}
	rec = httptest.NewRecorder()
	err = export.Send(rec, export.CSV, "x", tb, func(w export.Writer) error {
		for range 2000 {
			if err := w.Write(testRows[1]...); err != nil {
				return err
			}
		}
		return boom
	})
	if !errors.Is(err, export.ErrCut) || !errors.Is(err, boom) || rec.Code != http.StatusOK {
		t.Errorf("late failure: %v (status %d)", err, rec.Code)
	}
}
