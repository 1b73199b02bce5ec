package web_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"testing"

	"payesh/internal/sheet"
)

// TestValuesWorkbook: the grid's "Download Excel" gives the same grid as
// a workbook this system reads back — the unit, the year and a keyed cell
// for every open period of every indicator shown — and refuses a unit the
// user may not report for.
func TestValuesWorkbook(t *testing.T) {
	t.Parallel()
	a := newValuesAxes(t)
	c := a.e.as("secretariat")
	page := c.get(a.page(""))
	page.want(t, http.StatusOK, `id="vg-xlsx"`)
	resp, err := c.c.Get(a.e.srv.URL + fmt.Sprintf("/values.xlsx?unit=%d&period=1403&axis=none", a.unit.ID))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Fatalf("download: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	up, err := sheet.Read(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the workbook does not read back: %v", err)
	}
	// The three indicators linked to no clause, each month of 1403 open.
	if up.UnitID != a.unit.ID || up.Year != 1403 || len(up.Entries) != 3*12 {
		t.Errorf("read back unit %d year %d, %d cells; want %d, 1403, 36", up.UnitID, up.Year, len(up.Entries), a.unit.ID)
	}
	other := a.e.as("viewer")
	if r := other.get(fmt.Sprintf("/values.xlsx?unit=%d&period=1403", a.unit.ID)); r.status != http.StatusForbidden {
		t.Errorf("a viewer's download: %d", r.status)
	}
}
