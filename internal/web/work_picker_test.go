package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/store/storetest"
)

// TestWorkPickerManyItems: past 200 items a parent field and an
// indicator's programs are search fields, whose suggestions keep to
// what the field allows.
func TestWorkPickerManyItems(t *testing.T) {
	s := newPASite(t)
	u := s.as("admin", demo.Password)
	small := u.get("/work/new").must(t, "/work/new (demo)", http.StatusOK)
	small.has(t, "/work/new (demo)", `<select id="f-parent_id" name="parent_id"`)

	sys := storetest.System()
	fars := s.unitByCode("prov-fars")
	var programs []*payesh.WorkItem
	for i := range 201 {
		p := &payesh.WorkItem{Kind: payesh.KindProgram, Title: fmt.Sprintf("برنامهٔ آزمون %d", i), OwnerUnitID: fars.ID}
		if err := s.db.CreateWorkItem(sys, p); err != nil {
			t.Fatal(err)
		}
		programs = append(programs, p)
	}
	parent := programs[17]
	child := &payesh.WorkItem{Kind: payesh.KindAction, Title: "اقدام زیر برنامهٔ ۱۷", OwnerUnitID: fars.ID, ParentID: &parent.ID}
	if err := s.db.CreateWorkItem(sys, child); err != nil {
		t.Fatal(err)
	}

	form := u.get("/work/new").must(t, "/work/new", http.StatusOK)
	form.has(t, "/work/new", `<input id="f-parent_id" name="parent_id" type="text" value=""`,
		`hx-get="/work/pick?field=parent_id&amp;list=f-parent_id-list&amp;editable=1"`)
	form.lacks(t, "/work/new", `<select id="f-parent_id"`, "برنامهٔ آزمون 200")
	edit := u.get(fmt.Sprintf("/work/%d/edit", child.ID)).must(t, "edit", http.StatusOK)
	edit.has(t, "edit", `value="`+paID(parent.ID)+`" list="f-parent_id-list"`, "برنامهٔ آزمون 17",
		fmt.Sprintf("editable=1&amp;not=%d", child.ID))

	pick := func(query string) paPage {
		t.Helper()
		return u.getHX("/work/pick?field=parent_id&list=f-parent_id-list&"+query, "f-parent_id-list").must(t, query, http.StatusOK)
	}
	// By title: 17 and 170–179.
	p := pick("editable=1&parent_id=" + urlQ("آزمون 17"))
	p.has(t, "title", `<datalist id="f-parent_id-list">`, `<option value="`+paID(parent.ID)+`">برنامهٔ آزمون 17</option>`, "برنامهٔ آزمون 179")
	if n := strings.Count(p.body, "<option"); n != 11 {
		t.Errorf("%d suggestions, want 11:\n%s", n, p.body)
	}
	// By id; an item is not offered as its own parent, nor is anything
	// under it; programs only when asked.
	pick("parent_id="+paID(parent.ID)).has(t, "by id", "برنامهٔ آزمون 17")
	pick("parent_id="+paID(parent.ID)+"&not="+paID(parent.ID)).lacks(t, "itself", "<option")
	pick("parent_id="+paID(child.ID)+"&not="+paID(parent.ID)).lacks(t, "under itself", "<option")
	pick("parent_id="+paID(child.ID)+"&kind=program").lacks(t, "an action among programs", "<option")
	// A reporter elsewhere is offered only what its unit may change.
	other := s.as("reporter", demo.Password)
	if r := other.getHX("/work/pick?field=parent_id&list=l&editable=1&parent_id="+urlQ("آزمون 17"), "l"); strings.Contains(r.body, "<option") {
		t.Errorf("another unit's items suggested: %s", r.body)
	}
	// Without htmx the search is the work list's.
	if r := u.get("/work/pick?field=parent_id&parent_id=" + urlQ("آزمون")); r.status != http.StatusSeeOther ||
		!strings.HasPrefix(r.location, "/work?q=") {
		t.Errorf("without htmx: %d %s", r.status, r.location)
	}
	if r := u.getHX("/work/pick?field=parent_id&list=%22%3E&parent_id=x", "x"); r.status != http.StatusBadRequest {
		t.Errorf("a bad list id: %d", r.status)
	}

	// An indicator's programs: the linked one a checkbox, pickers to add.
	ind := &payesh.Indicator{Code: "picker.programs", NameFA: "شاخص برنامه‌ها", Direction: payesh.HigherIsBetter,
		UnitAgg: payesh.AggSum, TimeAgg: payesh.AggSum, Frequency: payesh.Monthly, WorkItemIDs: []int64{parent.ID}}
	if err := s.db.CreateIndicator(sys, ind); err != nil {
		t.Fatal(err)
	}
	iform := u.get(fmt.Sprintf("/indicators/%d/edit", ind.ID)).must(t, "indicator form", http.StatusOK)
	iform.has(t, "indicator form", `name="work_item_ids" value="`+paID(parent.ID)+`" checked`, `id="f-work-add-3"`,
		`hx-get="/work/pick?field=work_item_ids&amp;list=f-work-add-1-list&amp;kind=program"`)
	iform.lacks(t, "indicator form", `<select id="f-work_item_ids"`)
}
