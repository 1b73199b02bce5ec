package web_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"payesh"
	"payesh/internal/store/storetest"
)

// TestResearchWeb is the register through the pages: the secretariat
// sets up an axis on clause 8 and a project at the universities,
// contracted with an end a month ago; it shows in the pipeline, on the
// clause's page and on the follow-up board as late; it moves one stage
// (a skip is refused beside the field); the university uploads a
// deliverable the secretariat comments on, and reads its own project but
// not the seminary's.
func TestResearchWeb(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	sec, uni := e.as("secretariat"), e.as("university")
	today := payesh.Today(workNow())
	clause := e.clause8(t)

	r := sec.post("/research/axes", url.Values{"number": {"۱۵"}, "title": {"محور خانواده"}, "owner_unit_id": {fmt.Sprint(e.unit("research-institute").ID)},
		"clause_ids": {fmt.Sprint(clause)}}, nil)
	if r.status != http.StatusSeeOther {
		t.Fatalf("axis: %d\n%s", r.status, workExcerpt(r.body))
	}
	axis := fmt.Sprint(e.axis(t, 15).ID)
	sec.post("/research/axes", url.Values{"number": {"1"}, "title": {"تکراری"}, "owner_unit_id": {fmt.Sprint(e.unit("research-institute").ID)}}, nil).
		want(t, http.StatusBadRequest, workFA("err.research.axis_taken"))

	pid := createdID(t, sec.post("/research/projects", url.Values{"axis_id": {axis}, "title": {"طرح آزمون خانواده"},
		"institution_unit_id": {fmt.Sprint(e.unit("partner-universities").ID)}, "investigator": {"دکتر آزمون"},
		"stage": {"in_progress"}, "contract_start": {today.AddDays(-300).JalaliString()}, "contract_end": {today.AddDays(-30).JalaliString()},
		"budget_rials": {"۲٬۵۰۰٬۰۰۰٬۰۰۰"}}, nil), "/research/projects/")
	seminary := createdID(t, sec.post("/research/projects", url.Values{"axis_id": {axis}, "title": {"طرح حوزه"},
		"institution_unit_id": {fmt.Sprint(e.unit("partner-qom-seminary").ID)}}, nil), "/research/projects/")
	page := fmt.Sprintf("/research/projects/%d", pid)

	sec.get("/research").want(t, http.StatusOK, `id="pipeline-table"`, `data-axis="`+axis+`"`, "طرح آزمون خانواده", `data-stage="in_progress"`)
	sec.get(page).want(t, http.StatusOK, "۲٬۵۰۰٬۰۰۰٬۰۰۰", "دکتر آزمون", `id="move-form"`, "۳۰ روز دیرکرد")
	sec.get(fmt.Sprintf("/clauses/%d", clause)).want(t, http.StatusOK, `id="clause-research"`, "طرح آزمون خانواده")
	sec.get("/followup").want(t, http.StatusOK, fmt.Sprintf(`data-late-project="%d"`, pid))

	p, _ := e.db.FindResearchProject(storetest.System(), pid)
	sec.post(page+"/stage", url.Values{"to": {"reviewed"}, "version": {fmt.Sprint(p.Version)}}, nil).
		want(t, http.StatusBadRequest, workFA("err.research.skip"))
	if r := sec.post(page+"/stage", url.Values{"to": {"delivered"}, "version": {fmt.Sprint(p.Version)}}, nil); r.status != http.StatusSeeOther {
		t.Fatalf("move: %d\n%s", r.status, workExcerpt(r.body))
	}
	sec.get(page).want(t, http.StatusOK, `data-stage="delivered"`, workFA("ui.research.stage.in_progress"))
	if body := sec.get("/followup").body; strings.Contains(body, fmt.Sprintf(`data-late-project="%d"`, pid)) {
		t.Error("delivered, still on the board")
	}

	uni.get(fmt.Sprintf("/research/projects/%d", seminary)).want(t, http.StatusNotFound)
	if body := uni.get("/research").body; strings.Contains(body, "طرح حوزه") || !strings.Contains(body, "طرح آزمون خانواده") {
		t.Error("the university's list is not its own projects")
	}
	pdf := []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
	if r := uni.postMultipart(page+"/deliverables", map[string]string{"note": "گزارش نهایی"}, "گزارش.pdf", pdf); r.status != http.StatusSeeOther {
		t.Fatalf("upload: %d\n%s", r.status, workExcerpt(r.body))
	}
	p, _ = e.db.FindResearchProject(storetest.System(), pid)
	if len(p.Deliverables) != 1 {
		t.Fatalf("deliverables %d", len(p.Deliverables))
	}
	file := p.Deliverables[0].ID
	if r := sec.post(fmt.Sprintf("/research/deliverables/%d/reviews", file), url.Values{"comment": {"فصل سوم کامل شود"}, "project": {fmt.Sprint(pid)}}, nil); r.status != http.StatusSeeOther {
		t.Fatalf("review: %d\n%s", r.status, workExcerpt(r.body))
	}
	uni.get(page).want(t, http.StatusOK, "فصل سوم کامل شود", "گزارش نهایی")
	if r := uni.get(fmt.Sprintf("/research/deliverables/%d", file)); r.status != http.StatusOK || !strings.HasPrefix(r.body, "%PDF") {
		t.Errorf("download: %d", r.status)
	}
}

// axis is the register's axis numbered n.
func (e *workEnv) axis(t *testing.T, n int) *payesh.ResearchAxis {
	t.Helper()
	axes, err := e.db.FindResearchAxes(storetest.System())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range axes {
		if a.Number == n {
			return a
		}
	}
	t.Fatalf("no axis %d", n)
	return nil
}

// clause8 is the id of the policy's clause 8.
func (e *workEnv) clause8(t *testing.T) int64 {
	t.Helper()
	ctx := storetest.System()
	docs, _, err := e.db.FindDocuments(ctx, payesh.DocumentFilter{Q: "gssp"})
	if err != nil || len(docs) == 0 {
		t.Fatalf("documents: %v", err)
	}
	clauses, err := e.db.FindClauses(ctx, docs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range clauses {
		if c.Number == "8" || c.Number == "۸" {
			return c.ID
		}
	}
	t.Fatal("no clause 8")
	return 0
}

// TestResearchWorkbookWeb: the list downloaded, a row changed and a row
// added, with a refused row beside them, is refused whole with the row
// named; without it, the upload creates and updates, and the same file
// again changes nothing.
func TestResearchWorkbookWeb(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	sec := e.as("secretariat")
	r := sec.post("/research/axes", url.Values{"number": {"16"}, "title": {"محور ۱۶"}, "owner_unit_id": {fmt.Sprint(e.unit("research-institute").ID)}}, nil)
	if r.status != http.StatusSeeOther {
		t.Fatalf("axis: %d", r.status)
	}
	pid := createdID(t, sec.post("/research/projects", url.Values{"axis_id": {fmt.Sprint(e.axis(t, 16).ID)}, "title": {"=طرح موجود"},
		"institution_unit_id": {fmt.Sprint(e.unit("partner-universities").ID)}}, nil), "/research/projects/")

	dl := sec.get("/research/projects.xlsx")
	if dl.status != http.StatusOK {
		t.Fatalf("download: %d", dl.status)
	}
	f, err := excelize.OpenReader(strings.NewReader(dl.body))
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetList()[0]
	if v, _ := f.GetCellValue(sheet, "C3"); v != "'=طرح موجود" {
		t.Errorf("the title cell = %q; want it neutralized", v)
	}
	if v, _ := f.GetCellValue(sheet, "D3"); v != "دانشگاه‌های سراسر کشور" {
		t.Errorf("the institution cell = %q", v)
	}
	// Unchanged first: nothing changes.
	res := sec.xlsxPost(t, "/research/projects.xlsx", []byte(dl.body))
	if res.status != http.StatusSeeOther || !strings.Contains(res.header.Get("Location"), "unchanged=1") {
		t.Fatalf("the same list: %d %s\n%s", res.status, res.header.Get("Location"), workExcerpt(res.body))
	}
	f.SetCellValue(sheet, "E3", "دکتر تازه")
	for c, v := range map[string]any{"B4": 16, "C4": "طرح تازه از Excel", "D4": "دانشگاه علامه طباطبایی", "F4": "ابلاغ‌شده"} {
		f.SetCellValue(sheet, c, v)
	}
	for c, v := range map[string]any{"B5": 99, "C5": "طرح محور ناموجود", "H5": "۱۴۰۳/۱۳/۰۱"} {
		f.SetCellValue(sheet, c, v)
	}
	var buf bytes.Buffer
	f.WriteTo(&buf)
	sec.xlsxPost(t, "/research/projects.xlsx", buf.Bytes()).want(t, http.StatusBadRequest, `id="import-refused"`, `data-row="5"`, workFA("err.bad_jalali_date"))
	if _, n, _ := e.db.FindResearchProjects(storetest.System(), payesh.ResearchFilter{}); n != 1 {
		t.Fatalf("a refused upload wrote: %d projects", n)
	}
	f.RemoveRow(sheet, 5)
	buf.Reset()
	f.WriteTo(&buf)
	res = sec.xlsxPost(t, "/research/projects.xlsx", buf.Bytes())
	if res.status != http.StatusSeeOther || !strings.Contains(res.header.Get("Location"), "created=1") || !strings.Contains(res.header.Get("Location"), "updated=1") {
		t.Fatalf("upload: %d %s\n%s", res.status, res.header.Get("Location"), workExcerpt(res.body))
	}
	p, _ := e.db.FindResearchProject(storetest.System(), pid)
	if p.Investigator != "دکتر تازه" || p.Title != "=طرح موجود" {
		t.Errorf("updated project = %+v", p)
	}
	list, _, _ := e.db.FindResearchProjects(storetest.System(), payesh.ResearchFilter{Stage: payesh.StageAnnounced})
	if len(list) != 1 || list[0].InstitutionName != "دانشگاه علامه طباطبایی" {
		t.Errorf("created = %+v", list)
	}
	sec.get("/research/projects.xlsx?template=1").want(t, http.StatusOK)
}
