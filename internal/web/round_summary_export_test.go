package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/app"
)

// TestRoundSummaryExport: the summary's table by unit comes out as a file
// with the units the page lists and their states, the first submission
// dated twice; a province's reporter gets its own units only.
func TestRoundSummaryExport(t *testing.T) {
	t.Parallel()
	e := newRoundEnv(t, app.Options{})
	rd := e.openRound(10, e.branch, e.prov, e.other)
	e.act("branch-rep", e.report(rd, e.branch), payesh.ActSubmit)
	c := e.as("secretariat")
	path := fmt.Sprintf("/rounds/%d/summary", rd.ID)
	page := c.get(path)
	if page.status != http.StatusOK {
		t.Fatalf("summary: %d", page.status)
	}
	link := exportLink(t, page.body, "csv")
	if link != path+"?format=csv" {
		t.Errorf("link %q", link)
	}
	res := c.get(link)
	rows := byColumn(exportCSV(t, workResult(res), fmt.Sprintf("round-%d", rd.ID)))
	units := map[string]map[string]string{}
	for _, r := range rows {
		units[r[fa("ui.report.unit")]] = r
	}
	if len(rows) != 3 || units[e.branchName] == nil || units[e.other.NameFA] == nil {
		t.Fatalf("rows %v", rows)
	}
	b := units[e.branchName]
	sent := fa("ui.round.first_submitted")
	if b[fa("ui.report.state")] != fa("ui.report.state.submitted") || b[sent] != e.today.Jalali().Persian() ||
		b[sent+" (میلادی)"] != e.today.String() || b[fa("ui.round.timeliness")] != fa("ui.round.on_time") {
		t.Errorf("the branch's row %v", b)
	}
	if o := units[e.other.NameFA]; o[sent] != "" || o[fa("ui.report.state")] != fa("ui.report.state.draft") {
		t.Errorf("Fars's row %v", o)
	}
	xl := exportXLSX(t, workResult(c.get(path+"?format=xlsx")), fmt.Sprintf("round-%d", rd.ID))
	if !strings.Contains(xl[0][0], rd.Title) || !strings.Contains(xl[1][0], fa("ui.round.deadline")) || len(xl) != 4+3 {
		t.Errorf("workbook %q", xl)
	}

	res = e.as("prov-rep").get(link)
	rows = byColumn(exportCSV(t, workResult(res), fmt.Sprintf("round-%d", rd.ID)))
	for _, r := range rows {
		if r[fa("ui.report.unit")] == e.other.NameFA {
			t.Error("the province's reporter's file holds Fars")
		}
	}
	if len(rows) == 0 {
		t.Error("the province's reporter's file is empty")
	}
}
