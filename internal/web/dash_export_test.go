package web_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"payesh/internal/demo"
)

// fetch gets a path as u, keeping the headers a download is checked by.
func fetch(t *testing.T, u *paUser, path string) workResult {
	t.Helper()
	resp, err := u.client.Get(u.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return workResult{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

// byColumn reads rows (header first) as maps from header to cell.
func byColumn(rows [][]string) []map[string]string {
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			if i < len(r) {
				m[h] = r[i]
			}
		}
		out = append(out, m)
	}
	return out
}

// TestScorecardExport: the scorecard's file holds every clause of the
// policy and each indicator under it with the numbers the page shows, as
// numbers, on the page's basis, which the title rows and every row say.
func TestScorecardExport(t *testing.T) {
	t.Parallel()
	s := newDashSite(t)
	u := s.as("secretariat", demo.Password)
	page := fetch(t, u, "/dashboard?period=1403")
	page.want(t, http.StatusOK, workFA("ui.export.xlsx"))
	link := exportLink(t, page.body, "csv")
	if !strings.Contains(link, "period=1403") || !strings.Contains(link, "unit="+paID(s.root.ID)) {
		t.Errorf("link %q", link)
	}
	rows := byColumn(exportCSV(t, fetch(t, u, link), "scorecard"))
	axes := map[string]bool{}
	got := map[string]map[string]string{}
	for _, r := range rows {
		axes[r[workFA("ui.dash.axis")]] = true
		if c := r[workFA("ui.work.code")]; c != "" {
			got[c] = r
		}
	}
	if len(axes) < 9 {
		t.Errorf("%d clauses in the file, want the policy's nine: %v", len(axes), axes)
	}
	achieve := workFA("ui.dash.achievement") + " (٪)"
	for code, want := range map[string]map[string]string{
		"cov":  {workFA("ui.dash.value"): "110", workFA("ui.dash.target"): "100", achieve: "110", workFA("ui.dash.status"): workFA("ui.dash.status.on_track")},
		"debt": {workFA("ui.dash.value"): "220", workFA("ui.dash.target"): "150", workFA("ui.dash.status"): workFA("ui.dash.status.off_track")},
		"plan": {workFA("ui.dash.value"): "", workFA("ui.dash.target"): "", workFA("ui.dash.status"): workFA("ui.dash.status.no_data")},
	} {
		r := got[code]
		if r == nil {
			t.Errorf("no row for %s", code)
			continue
		}
		for h, v := range want {
			if r[h] != v {
				t.Errorf("%s: %s = %q, want %q", code, h, r[h], v)
			}
		}
		if r[workFA("ui.export.basis")] != workFA("ui.export.basis.approved") || !strings.HasPrefix(r[workFA("ui.dash.axis")], "بند ") {
			t.Errorf("%s: %v", code, r)
		}
	}
	if a := got["debt"][achieve]; !strings.HasPrefix(a, "68.18") {
		t.Errorf("debt's achievement %q, want 150/220", a)
	}

	xl := exportXLSX(t, fetch(t, u, exportLink(t, page.body, "xlsx")), "scorecard")
	if !strings.Contains(xl[0][0], workFA("ui.dash.title")) || xl[1][0] != workFA("ui.trust.approved_note") {
		t.Errorf("title rows %q %q", xl[0], xl[1])
	}
	// On the provisional basis the title rows and every row say so.
	xl = exportXLSX(t, fetch(t, u, "/dashboard?period=1403&basis=provisional&format=xlsx"), "scorecard")
	if xl[1][0] != workFA("ui.trust.provisional_notice") {
		t.Errorf("provisional note %q", xl[1])
	}
	for _, r := range byColumn(xl[2:]) {
		if r[workFA("ui.work.code")] != "" && r[workFA("ui.export.basis")] != workFA("ui.export.basis.provisional") {
			t.Errorf("a provisional row says %q", r[workFA("ui.export.basis")])
		}
	}
}

// TestProvincesExport: the comparison's file ranks every province as the
// page does, and a province's reporter gets approved numbers however it
// asks, as on the page.
func TestProvincesExport(t *testing.T) {
	t.Parallel()
	s := newDashSite(t)
	u := s.as("secretariat", demo.Password)
	path := "/dashboard/provinces?period=1403&indicator=" + paID(s.cov.ID)
	page := fetch(t, u, path)
	page.want(t, http.StatusOK)
	rows := byColumn(exportCSV(t, fetch(t, u, exportLink(t, page.body, "csv")), "provinces"))
	if len(rows) < 31 {
		t.Errorf("%d provinces", len(rows))
	}
	rank, prov, value := workFA("ui.dash.rank"), workFA("ui.dash.province"), workFA("ui.dash.value")
	if rows[0][rank] != "1" || rows[0][prov] != s.khorasan.NameFA || rows[0][value] != "60" ||
		rows[1][rank] != "2" || rows[1][prov] != s.fars.NameFA || rows[1][value] != "50" || rows[2][rank] != "" {
		t.Errorf("ranking %v / %v / %v", rows[0], rows[1], rows[2])
	}
	xl := exportXLSX(t, fetch(t, u, exportLink(t, page.body, "xlsx")), "provinces")
	if !strings.Contains(xl[0][0], s.cov.NameFA) || !strings.HasPrefix(xl[2][0], workFA("ui.dash.rule")) {
		t.Errorf("title rows %q %q", xl[0], xl[2])
	}
	if r := fetch(t, u, "/dashboard/provinces?format=csv"); r.status == http.StatusOK {
		t.Errorf("a file without an indicator: %d", r.status)
	}
	prov1 := s.as("province", demo.Password)
	xl = exportXLSX(t, fetch(t, prov1, path+"&basis=provisional&format=xlsx"), "provinces")
	if xl[1][0] != workFA("ui.trust.approved_note") {
		t.Errorf("a province reporter's file says %q", xl[1][0])
	}
}
