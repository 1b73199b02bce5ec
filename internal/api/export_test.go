package api

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"payesh"
	"payesh/internal/i18n"
)

// fileRows checks a download's headers and returns its rows: a CSV's
// records after its BOM, a workbook's rows after its title and notes
// (skip of them).
func fileRows(t *testing.T, r *result, format, name string, skip int) [][]string {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	wantType := map[string]string{"csv": "text/csv; charset=utf-8",
		"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}[format]
	if ct := r.header.Get("Content-Type"); ct != wantType {
		t.Errorf("Content-Type %q, want %q", ct, wantType)
	}
	if cd := r.header.Get("Content-Disposition"); !regexp.MustCompile(`^attachment; filename="payesh-` + name + `-\d{4}-\d\d-\d\d\.` + format + `"$`).MatchString(cd) {
		t.Errorf("Content-Disposition %q", cd)
	}
	if format == "csv" {
		body, ok := bytes.CutPrefix(r.body, []byte("\xEF\xBB\xBF"))
		if !ok {
			t.Fatal("no BOM")
		}
		recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs
	}
	f, err := excelize.OpenReader(bytes.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < skip {
		t.Fatalf("%d rows", len(rows))
	}
	return rows[skip:]
}

// columnOf is the column headed h.
func columnOf(t *testing.T, header []string, h string) int {
	t.Helper()
	for i, x := range header {
		if x == h {
			return i
		}
	}
	t.Fatalf("no column %q in %q", h, header)
	return -1
}

// fileTitles are the Title column of rows, header first.
func fileTitles(t *testing.T, rows [][]string, h string) []string {
	t.Helper()
	i := columnOf(t, rows[0], h)
	var out []string
	for _, r := range rows[1:] {
		out = append(out, r[i])
	}
	return out
}

// jsonTitles are the titles of a JSON list of work items, neutralized as
// a file writes them.
func jsonTitles(e *env, path, who string) []string {
	var list struct{ Items []payesh.WorkItem }
	e.ok(e.do("GET", path, who, nil), http.StatusOK, &list)
	var out []string
	for _, it := range list.Items {
		s := it.Title
		if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
			s = "'" + s
		}
		out = append(out, s)
	}
	return out
}

// TestWorkItemsExport: ?format= gives the rows the JSON lists, with the
// same filters and order, in both formats and both languages; a formula
// title comes out as text; a partner's file holds only what it may read.
func TestWorkItemsExport(t *testing.T) {
	t.Parallel()
	e := newScopeEnv(t)
	evil := &payesh.WorkItem{Kind: payesh.KindProgram, Title: "=cmd|' /C calc'!A0", OwnerUnitID: e.units["secretariat"].ID}
	if err := e.db.CreateWorkItem(sysCtx, evil); err != nil {
		t.Fatal(err)
	}
	list := apiPath("/work-items?kind=program&sort=title")
	want := jsonTitles(e.env, list+"&limit=500", "secretariat")
	if len(want) < 3 || !strings.Contains(strings.Join(want, "\n"), "'"+evil.Title) {
		t.Fatalf("the JSON lists %q", want)
	}
	for _, c := range []struct{ format, lang, title string }{
		{"csv", "fa", "عنوان"}, {"xlsx", "fa", "عنوان"}, {"csv", "en", "Title"}, {"xlsx", "en", "Title"},
	} {
		r := e.do("GET", list+"&format="+c.format, "secretariat", nil, "Accept-Language", c.lang)
		skip := map[string]int{"csv": 0, "xlsx": 2}[c.format]
		got := fileTitles(t, fileRows(t, r, c.format, "work", skip), c.title)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s %s: %q, want %q", c.format, c.lang, got, want)
		}
	}

	// The university reads the research it partners in, not the
	// province's hospital.
	hospital := e.items["khr-imam-reza-hospital"]
	want = jsonTitles(e.env, apiPath("/work-items?limit=500"), "university")
	got := fileTitles(t, fileRows(t, e.do("GET", apiPath("/work-items?format=csv"), "university", nil), "csv", "work", 0), "عنوان")
	if len(got) == 0 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the university's file %q, its JSON %q", got, want)
	}
	for _, title := range got {
		if title == hospital.Title {
			t.Error("the university's file holds the hospital's work")
		}
	}
	all := fileTitles(t, fileRows(t, e.do("GET", apiPath("/work-items?format=csv"), "secretariat", nil), "csv", "work", 0), "عنوان")
	if !strings.Contains(strings.Join(all, "\n"), hospital.Title) {
		t.Error("the secretariat's file lacks the hospital's work: the scope test proves nothing")
	}

	for _, c := range []struct{ query, field string }{
		{"format=pdf", "format"}, {"format=csv&limit=5", "limit"}, {"format=xlsx&offset=50", "offset"},
	} {
		r := e.do("GET", prefix+"/work-items?"+c.query, "secretariat", nil)
		if r.status != http.StatusBadRequest || r.apiError().Error.Fields[c.field] == "" {
			t.Errorf("%s: %d %s", c.query, r.status, r.body)
		}
	}
}

// TestWorkItemsExportCut: past its bound the file holds the first rows
// and its last line says so. Not parallel: it sets every test's bound.
func TestWorkItemsExportCut(t *testing.T) {
	old := workExportLimit
	workExportLimit = 2
	defer func() { workExportLimit = old }()
	e := newScopeEnv(t)
	recs := fileRows(t, e.do("GET", apiPath("/work-items?format=csv"), "secretariat", nil, "Accept-Language", "en"), "csv", "work", 0)
	if len(recs) != 4 || !strings.HasPrefix(recs[3][0], "This file holds only the first 2 of ") {
		t.Errorf("records %q", recs)
	}
}

// TestScorecardExport: the card's file holds the indicators the JSON
// judges, in its order, with its numbers as numbers and its basis in the
// title row and on every row.
func TestScorecardExport(t *testing.T) {
	t.Parallel()
	e := newScopeEnv(t)
	for _, basis := range []payesh.Basis{payesh.BasisApproved, payesh.BasisProvisional} {
		path := apiPath("/scorecard?unit=%d&period=1401&basis=%s", e.units["sso"].ID, basis)
		var card struct{ Items []payesh.Score }
		e.ok(e.do("GET", path, "secretariat", nil), http.StatusOK, &card)
		if len(card.Items) < 3 {
			t.Fatalf("the card judges %d indicators", len(card.Items))
		}
		rows := fileRows(t, e.do("GET", path+"&format=csv", "secretariat", nil, "Accept-Language", "en"), "csv", "scorecard", 0)
		code, value, b := columnOf(t, rows[0], "Code"), columnOf(t, rows[0], "Value"), columnOf(t, rows[0], "Basis")
		if len(rows)-1 != len(card.Items) {
			t.Fatalf("%s: %d rows for %d scores", basis, len(rows)-1, len(card.Items))
		}
		word := map[payesh.Basis]string{payesh.BasisApproved: "Approved", payesh.BasisProvisional: "Provisional"}[basis]
		for i, sc := range card.Items {
			r := rows[i+1]
			want := ""
			if sc.Value != nil {
				want = strconv.FormatFloat(*sc.Value, 'f', -1, 64)
			}
			if r[code] != sc.Indicator.Code || r[value] != want || r[b] != word {
				t.Errorf("%s row %d: %q, want %s %s %s", basis, i, r, sc.Indicator.Code, want, word)
			}
		}
		xl := fileRows(t, e.do("GET", path+"&format=xlsx", "secretariat", nil), "xlsx", "scorecard", 0)
		note := map[payesh.Basis]string{payesh.BasisApproved: "ui.trust.approved_note", payesh.BasisProvisional: "ui.trust.provisional_notice"}[basis]
		if xl[1][0] != i18n.T(i18n.FA, note) || len(xl)-3 != len(card.Items) {
			t.Errorf("%s workbook: %q", basis, xl[:2])
		}
	}
	r := e.do("GET", apiPath("/scorecard?unit=%d&period=1401&format=html", e.units["sso"].ID), "secretariat", nil)
	if r.status != http.StatusBadRequest || r.apiError().Error.Fields["format"] == "" {
		t.Errorf("format=html: %d %s", r.status, r.body)
	}
}

// TestRoundScoresExport: the round's units as a file, as the JSON lists
// them for each reader: the province's reporter sees its own province,
// not Fars.
func TestRoundScoresExport(t *testing.T) {
	t.Parallel()
	e := newScopeEnv(t)
	rd := &payesh.Round{Title: "گزارش بهار", Period: "1403Q1", Deadline: payesh.NewDate(2024, 6, 20),
		UnitIDs: []int64{e.units["prov-khorasan-razavi"].ID, e.units["prov-fars"].ID}}
	if err := e.db.CreateRound(sysCtx, rd); err != nil {
		t.Fatal(err)
	}
	path := apiPath("/rounds/%d/scores", rd.ID)
	for who, wantFars := range map[string]bool{"secretariat": true, "province": false} {
		var list struct{ Items []payesh.UnitScore }
		e.ok(e.do("GET", path, who, nil), http.StatusOK, &list)
		rows := fileRows(t, e.do("GET", path+"?format=csv", who, nil), "csv", fmt.Sprintf("round-%d", rd.ID), 0)
		units := fileTitles(t, rows, "واحد")
		if len(units) != len(list.Items) || len(units) == 0 {
			t.Errorf("%s: %q for %d scores", who, units, len(list.Items))
		}
		if has := strings.Contains(strings.Join(units, "|"), e.units["prov-fars"].NameFA); has != wantFars {
			t.Errorf("%s: the file holds Fars: %v", who, has)
		}
		xl := fileRows(t, e.do("GET", path+"?format=xlsx", who, nil), "xlsx", fmt.Sprintf("round-%d", rd.ID), 0)
		if !strings.Contains(xl[0][0], rd.Title) || !strings.Contains(xl[0][0], "بهار ۱۴۰۳") {
			t.Errorf("%s: title %q", who, xl[0])
		}
	}
}
