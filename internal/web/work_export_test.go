package web_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"payesh"
	"payesh/internal/store/storetest"
	"payesh/internal/web"
)

// exportCSV checks a CSV download's headers and returns its records, the
// BOM stripped.
func exportCSV(t *testing.T, r workResult, name string) [][]string {
	t.Helper()
	r.want(t, http.StatusOK)
	if ct := r.header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := r.header.Get("Content-Disposition"); !regexp.MustCompile(`^attachment; filename="payesh-` + name + `-\d{4}-\d\d-\d\d\.csv"$`).MatchString(cd) {
		t.Errorf("Content-Disposition %q", cd)
	}
	body, ok := strings.CutPrefix(r.body, "\uFEFF")
	if !ok {
		t.Fatal("the CSV does not start with a BOM")
	}
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not read back: %v", err)
	}
	return recs
}

// exportXLSX checks a workbook download's headers and returns its rows.
func exportXLSX(t *testing.T, r workResult, name string) [][]string {
	t.Helper()
	r.want(t, http.StatusOK)
	if ct := r.header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := r.header.Get("Content-Disposition"); !regexp.MustCompile(`^attachment; filename="payesh-` + name + `-\d{4}-\d\d-\d\d\.xlsx"$`).MatchString(cd) {
		t.Errorf("Content-Disposition %q", cd)
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(r.body)))
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// column is the index of the header named h.
func column(t *testing.T, header []string, h string) int {
	t.Helper()
	for i, x := range header {
		if x == h {
			return i
		}
	}
	t.Fatalf("no column %q in %q", h, header)
	return -1
}

// pageTitles are the titles of the work items a page's table lists, in
// order.
func pageTitles(e *workEnv, body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<td><a href="/work/(\d+)" dir="auto">([^<]*)</a>`).FindAllStringSubmatch(body, -1) {
		out = append(out, html.UnescapeString(m[2]))
	}
	return out
}

// exportLink is the page's download link of a format, unescaped.
func exportLink(t *testing.T, body, format string) string {
	t.Helper()
	m := regexp.MustCompile(`href="([^"]*format=` + format + `[^"]*)" download`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no %s download link on the page", format)
	}
	return html.UnescapeString(m[1])
}

// TestWorkExport: the list's downloads carry its filters and hold the
// rows the list shows, in its order — all of them, not one page — in
// both formats; a title that would be a formula comes out as text.
func TestWorkExport(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	evil := &payesh.WorkItem{Kind: payesh.KindProgram, Title: "=cmd|' /C calc'!A0", OwnerUnitID: e.unit("secretariat").ID,
		DueDate: payesh.NewDate(2024, 10, 6)}
	if err := e.db.CreateWorkItem(storetest.System(), evil); err != nil {
		t.Fatal(err)
	}
	// More items than a page of the list holds.
	for i := range 40 {
		w := &payesh.WorkItem{Kind: payesh.KindAction, Title: fmt.Sprintf("کار آزمایشی %d", i), OwnerUnitID: e.unit("secretariat").ID}
		if err := e.db.CreateWorkItem(storetest.System(), w); err != nil {
			t.Fatal(err)
		}
	}
	c := e.as("secretariat")
	page := c.get("/work?kind=program&sort=title")
	page.want(t, http.StatusOK, workFA("ui.export.xlsx"), workFA("ui.export.csv"), `aria-label="`+workFA("ui.export.xlsx_aria")+`"`)
	want := pageTitles(e, page.body)
	if len(want) < 3 {
		t.Fatalf("the page lists %d programs", len(want))
	}
	link := exportLink(t, page.body, "csv")
	if !strings.HasPrefix(link, "/work?") || !strings.Contains(link, "kind=program") || !strings.Contains(link, "sort=title") {
		t.Errorf("the CSV link %q lacks the page's filters", link)
	}

	recs := exportCSV(t, c.get(link), "work")
	title := column(t, recs[0], workFA("ui.work.title"))
	column(t, recs[0], workFA("ui.work.code")) // the secretariat configures
	due := column(t, recs[0], workFA("ui.work.due"))
	var got []string
	for _, r := range recs[1:] {
		got = append(got, r[title])
		if r[title] == "'"+evil.Title {
			if r[due] != "۱۴۰۳/۰۷/۱۵" || r[due+1] != "2024-10-06" {
				t.Errorf("due %q %q, want ۱۴۰۳/۰۷/۱۵ and 2024-10-06", r[due], r[due+1])
			}
		}
	}
	if strings.Join(got, "\n") != strings.Join(neutralized(want), "\n") {
		t.Errorf("CSV titles:\n%q\nwant the page's:\n%q", got, want)
	}
	if !containsString(got, "'"+evil.Title) {
		t.Errorf("the formula title is not neutralized: %q", got)
	}

	rows := exportXLSX(t, c.get(exportLink(t, page.body, "xlsx")), "work")
	if !strings.Contains(rows[0][0], workFA("ui.export.work.title")) || !strings.Contains(rows[1][0], workFA("ui.kind.program")) {
		t.Errorf("title and filter rows: %q / %q", rows[0], rows[1])
	}
	header := rows[2]
	title = column(t, header, workFA("ui.work.title"))
	got = nil
	for _, r := range rows[3:] {
		got = append(got, r[title])
	}
	if strings.Join(got, "\n") != strings.Join(neutralized(want), "\n") {
		t.Errorf("workbook titles:\n%q\nwant the page's:\n%q", got, want)
	}

	// Every row, not a page: past the list's 50.
	all := exportCSV(t, c.get("/work?format=csv"), "work")
	if n := len(all) - 1; n != e.count() || n <= 50 {
		t.Errorf("the whole list's file has %d rows, want all %d", n, e.count())
	}
	// Those who do not configure do not see codes.
	recs = exportCSV(t, e.as("viewer").get(link), "work")
	if containsString(recs[0], workFA("ui.work.code")) {
		t.Errorf("a viewer's file has codes: %q", recs[0])
	}
	if r := c.get("/work?format=pdf"); r.status == http.StatusOK {
		t.Errorf("format=pdf: %d", r.status)
	}
}

func neutralized(titles []string) []string {
	out := make([]string, len(titles))
	for i, s := range titles {
		if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
			s = "'" + s
		}
		out[i] = s
	}
	return out
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestWorkExportScope: a partner's file holds what its list shows and
// nothing else — not the province's hospital work the secretariat's holds.
func TestWorkExportScope(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	hospital := e.item("khr-imam-reza-hospital")
	uni := e.as("university")
	page := uni.get("/work")
	page.want(t, http.StatusOK)
	want := pageTitles(e, page.body)
	for _, f := range []string{"csv", "xlsx"} {
		r := uni.get("/work?format=" + f)
		r.want(t, http.StatusOK)
		var titles []string
		if f == "csv" {
			recs := exportCSV(t, r, "work")
			i := column(t, recs[0], workFA("ui.work.title"))
			for _, rec := range recs[1:] {
				titles = append(titles, rec[i])
			}
		} else {
			rows := exportXLSX(t, r, "work")
			i := column(t, rows[2], workFA("ui.work.title"))
			for _, row := range rows[3:] {
				titles = append(titles, row[i])
			}
		}
		if len(titles) == 0 || strings.Join(titles, "\n") != strings.Join(neutralized(want), "\n") {
			t.Errorf("%s: the university's file holds %q, its list %q", f, titles, want)
		}
		if containsString(titles, hospital.Title) {
			t.Errorf("%s: the university's file holds the hospital's work", f)
		}
	}
	recs := exportCSV(t, e.as("secretariat").get("/work?format=csv"), "work")
	if !strings.Contains(fmt.Sprint(recs), hospital.Title) {
		t.Error("the secretariat's file lacks the hospital's work: the scope test proves nothing")
	}
}

// TestWorkExportPages: a unit's and a clause's pages download their work
// through the list's export with their own filter, every item of it.
func TestWorkExportPages(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	c := e.as("secretariat")
	unit := e.unit("office-women-family")
	page := c.get(fmt.Sprintf("/units/%d", unit.ID))
	page.want(t, http.StatusOK)
	link := exportLink(t, page.body, "csv")
	if !strings.Contains(link, fmt.Sprintf("unit=%d", unit.ID)) || !strings.Contains(link, "include_partner=1") {
		t.Errorf("unit link %q", link)
	}
	want := pageTitles(e, page.body)
	recs := exportCSV(t, c.get(link), "work")
	if len(recs)-1 != len(want) || len(want) == 0 {
		t.Errorf("the unit's file has %d rows, its page %d", len(recs)-1, len(want))
	}
	note := exportXLSX(t, c.get(exportLink(t, page.body, "xlsx")), "work")[1][0]
	if !strings.Contains(note, unit.NameFA) {
		t.Errorf("the unit's workbook does not name the unit: %q", note)
	}

	it := e.item("women-clause8")
	if len(it.ClauseIDs) == 0 {
		t.Fatal("the item answers no clause")
	}
	page = c.get(fmt.Sprintf("/clauses/%d", it.ClauseIDs[0]))
	page.want(t, http.StatusOK)
	link = exportLink(t, page.body, "xlsx")
	if !strings.Contains(link, fmt.Sprintf("clause=%d", it.ClauseIDs[0])) {
		t.Errorf("clause link %q", link)
	}
	rows := exportXLSX(t, c.get(link), "work")
	title, clauses := column(t, rows[2], workFA("ui.work.title")), column(t, rows[2], workFA("ui.work.clauses"))
	found := false
	for _, r := range rows[3:] {
		if r[title] == it.Title {
			found = true
			if !strings.Contains(r[clauses], "بند ۸") {
				t.Errorf("clauses %q, want بند ۸", r[clauses])
			}
		}
	}
	if !found {
		t.Errorf("the clause's file lacks %q", it.Title)
	}
}

// TestWorkExportCut: a file past its bound holds the first rows and says
// so, at the top of a workbook and as the last line of CSV. Not parallel:
// it sets the bound of every test's export.
func TestWorkExportCut(t *testing.T) {
	defer web.SetWorkExportLimit(3)()
	e := newWorkEnv(t)
	c := e.as("secretariat")
	total := e.count()
	recs := exportCSV(t, c.get("/work?format=csv"), "work")
	if len(recs) != 1+3+1 {
		t.Fatalf("%d records, want the header, 3 rows and the note", len(recs))
	}
	cut := fmt.Sprintf("فقط ۳ ردیف نخست از %s ردیف", digitsFA(total))
	if !strings.Contains(recs[4][0], cut) {
		t.Errorf("last record %q, want it to say %q", recs[4], cut)
	}
	rows := exportXLSX(t, c.get("/work?format=xlsx"), "work")
	if !strings.Contains(rows[2][0], cut) || len(rows) != 4+3+2 {
		t.Errorf("workbook: %d rows, third %q", len(rows), rows[2])
	}
}

func digitsFA(n int) string {
	return strings.NewReplacer("0", "۰", "1", "۱", "2", "۲", "3", "۳", "4", "۴", "5", "۵", "6", "۶", "7", "۷", "8", "۸", "9", "۹").Replace(fmt.Sprint(n))
}
