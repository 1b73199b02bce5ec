package api

import (
	"bytes"
	"net/http"
	"testing"

	"github.com/xuri/excelize/v2"

	"payesh"
)

// researchOut is what the tests read of a project.
type researchOut struct {
	ID       int64  `json:"id"`
	Stage    string `json:"stage"`
	Version  int    `json:"version"`
	DaysLate int    `json:"days_late"`
	Moves    []struct {
		From, To string
		ByName   string `json:"by_name"`
	} `json:"moves"`
}

// TestResearchAPI is the register through the API, on the engine the
// tests run on: an axis and two projects, one at a partner; the partner
// lists only its own; a project past its contract's end is late on the
// board until it moves to delivered, one stage at a time, each move in
// its history; the workbook comes back refused whole for one bad row and
// accepted without it.
func TestResearchAPI(t *testing.T) {
	e := newEnv(t)
	e.addUnit("institute", payesh.UnitOffice, "org")
	e.addUnit("uni", payesh.UnitPartner, "")
	e.addUser("uni-reporter", payesh.RoleReporter, "uni")
	var axis struct{ ID int64 }
	e.ok(e.do("POST", apiPath("/research-axes"), "sec", map[string]any{"number": 1, "title": "محور ۱",
		"owner_unit_id": e.unit["institute"].ID}), http.StatusCreated, &axis)
	var mine, other researchOut
	e.ok(e.do("POST", apiPath("/research-projects"), "sec", map[string]any{"axis_id": axis.ID, "title": "طرح دانشگاه",
		"institution_unit_id": e.unit["uni"].ID, "stage": "in_progress", "contract_start": "2023-06-01", "contract_end": "2024-05-01",
		"budget_rials": 900000000}), http.StatusCreated, &mine)
	e.ok(e.do("POST", apiPath("/research-projects"), "sec", map[string]any{"axis_id": axis.ID, "title": "طرح بیرونی",
		"institution_name": "پژوهشگاه"}), http.StatusCreated, &other)
	if mine.DaysLate != 31 {
		t.Errorf("days late = %d, want 31", mine.DaysLate)
	}

	var list struct {
		Items []researchOut `json:"items"`
		Total int           `json:"total"`
	}
	e.ok(e.do("GET", apiPath("/research-projects"), "uni-reporter", nil), http.StatusOK, &list)
	if list.Total != 1 || list.Items[0].ID != mine.ID {
		t.Errorf("the partner lists %+v; want only its own project", list)
	}
	if r := e.do("GET", apiPath("/research-projects/%d", other.ID), "uni-reporter", nil); r.status != http.StatusNotFound {
		t.Errorf("the partner reads another's project: %d", r.status)
	}
	e.ok(e.do("GET", apiPath("/followup/research"), "sec", nil), http.StatusOK, &list)
	if len(list.Items) != 1 || list.Items[0].ID != mine.ID {
		t.Errorf("late = %+v", list.Items)
	}
	if r := e.do("POST", apiPath("/research-projects/%d/stage", mine.ID), "sec", map[string]any{"to": "reviewed", "version": mine.Version}); r.status != http.StatusBadRequest {
		t.Errorf("a skip: %d", r.status)
	}
	var moved researchOut
	e.ok(e.do("POST", apiPath("/research-projects/%d/stage", mine.ID), "sec", map[string]any{"to": "delivered", "version": mine.Version}), http.StatusOK, &moved)
	if moved.Stage != "delivered" || len(moved.Moves) != 2 || moved.Moves[1].From != "in_progress" || moved.Moves[1].ByName != "کاربر sec" {
		t.Errorf("moved = %+v", moved)
	}
	e.ok(e.do("GET", apiPath("/followup/research"), "sec", nil), http.StatusOK, &list)
	if len(list.Items) != 0 {
		t.Errorf("delivered, still late: %+v", list.Items)
	}

	wb := e.do("GET", apiPath("/research-projects/workbook"), "sec", nil)
	if wb.status != http.StatusOK {
		t.Fatalf("workbook: %d %s", wb.status, wb.body)
	}
	f, err := excelize.OpenReader(bytes.NewReader(wb.body))
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetList()[0]
	f.SetCellValue(sheet, "C5", "طرح تازه")
	f.SetCellValue(sheet, "B5", 1)
	f.SetCellValue(sheet, "C6", "طرح بی‌محور")
	f.SetCellValue(sheet, "I6", "بسیار")
	var buf bytes.Buffer
	f.WriteTo(&buf)
	r := e.do("POST", apiPath("/research-projects/import"), "sec", buf.String())
	if a := r.apiError(); r.status != http.StatusBadRequest || a.Error.Fields["6.axis_id"] == "" || a.Error.Fields["6.budget_rials"] == "" || len(a.Error.Fields) != 2 {
		t.Fatalf("a bad row: %d %s", r.status, r.body)
	}
	f.RemoveRow(sheet, 6)
	buf.Reset()
	f.WriteTo(&buf)
	var res payesh.ResearchImportResult
	e.ok(e.do("POST", apiPath("/research-projects/import"), "sec", buf.String()), http.StatusOK, &res)
	if res.Created != 1 || res.Unchanged != 2 {
		t.Errorf("import = %+v; want one new, two unchanged", res)
	}
}
