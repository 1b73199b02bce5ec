package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"payesh"
)

// roundList is the decoded envelope of GET /rounds.
type roundList struct {
	Items  []roundOut `json:"items"`
	Total  int        `json:"total"`
	Limit  int        `json:"limit"`
	Offset int        `json:"offset"`
}

func TestRounds(t *testing.T) {
	e := newReportEnv(t)
	branch, provB := e.unit["branch-a1"].ID, e.unit["prov-b"].ID
	valid := func(extra map[string]any) map[string]any {
		b := map[string]any{"title": "گزارش بهار", "period": "1403Q1", "deadline": "2024-07-01", "unit_ids": []int64{branch, provB}}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}

	r := e.do("POST", apiPath("/rounds"), "admin", valid(map[string]any{"title": "  گزارش بهار كرج ", "chain": []string{"secretariat"}}))
	var spring roundOut
	e.ok(r, http.StatusCreated, &spring)
	if r.header.Get("Location") != apiPath("/rounds/%d", spring.ID) || spring.Title != "گزارش بهار کرج" ||
		!slices.Equal(spring.Chain, []payesh.ReviewLevel{payesh.LevelSecretariat}) || !slices.Equal(spring.UnitIDs, []int64{branch, provB}) ||
		spring.Closed || spring.Deadline != payesh.NewDate(2024, 7, 1) {
		t.Errorf("created %+v at %s", spring, r.header.Get("Location"))
	}
	summer := e.addRound("گزارش تابستان", "2024-10-01", "branch-a1")
	if n := len(e.auditTrail("round", summer.ID)); n != 1 {
		t.Errorf("%d audit events on a new round", n)
	}

	// Bad rounds name every bad field, and change nothing.
	ae := e.refusedReport("POST", apiPath("/rounds"), "sec", map[string]any{"title": "", "period": "1403Q5", "deadline": "2024-07-01",
		"unit_ids": []int64{}, "chain": []string{"province", "province"}}, http.StatusBadRequest, "title")
	for _, f := range []string{"title", "period", "unit_ids", "chain"} {
		if _, ok := ae.Error.Fields[f]; !ok {
			t.Errorf("bad round: fields %v lack %q", ae.Error.Fields, f)
		}
	}
	e.refusedReport("POST", apiPath("/rounds"), "sec", valid(map[string]any{"deadline": "1403/04/11"}), http.StatusBadRequest, "deadline")
	e.refusedReport("POST", apiPath("/rounds"), "sec", valid(map[string]any{"deadline": nil}), http.StatusBadRequest, "deadline")
	e.refusedReport("POST", apiPath("/rounds"), "sec", valid(map[string]any{"unit_ids": []int64{provB + 1000}}), http.StatusBadRequest, "unit_ids")
	e.refusedReport("POST", apiPath("/rounds"), "sec", valid(map[string]any{"chain": []string{"minister"}}), http.StatusBadRequest, "chain")
	e.refusedReport("POST", apiPath("/rounds"), "sec", valid(map[string]any{"closed": true}), http.StatusBadRequest, "closed")
	e.refusedReport("POST", apiPath("/rounds"), "sec", `[]`, http.StatusBadRequest, "")
	e.refusedReport("POST", apiPath("/rounds"), "reporter", valid(nil), http.StatusForbidden, "")
	e.refusedReport("POST", apiPath("/rounds"), "viewer", valid(nil), http.StatusForbidden, "")
	e.refusedReport("POST", apiPath("/rounds"), "", valid(nil), http.StatusUnauthorized, "")

	// Anyone signed in reads rounds, newest first.
	var list roundList
	e.ok(e.do("GET", apiPath("/rounds"), "branch", nil), http.StatusOK, &list)
	if list.Total != 2 || list.Items[0].ID != summer.ID || list.Items[1].ID != spring.ID || list.Limit != payesh.DefaultLimit ||
		list.Items[0].DeadlineJalali == nil || *list.Items[0].DeadlineJalali != "1403/07/10" {
		t.Errorf("rounds %+v", list)
	}
	var got roundOut
	e.ok(e.do("GET", apiPath("/rounds/%d", spring.ID), "viewer", nil), http.StatusOK, &got)
	if got.ID != spring.ID || got.Version != 1 || len(got.UnitIDs) != 2 {
		t.Errorf("get %+v", got)
	}

	// Closing: the version is required, a stale one is a conflict.
	url := apiPath("/rounds/%d/close", spring.ID)
	e.refusedReport("POST", url, "sec", map[string]any{}, http.StatusBadRequest, "version")
	e.refusedReport("POST", url, "sec", map[string]any{"version": 1, "closed": true}, http.StatusBadRequest, "closed")
	e.refusedReport("POST", url, "reporter", map[string]any{"version": 1}, http.StatusForbidden, "")
	e.refusedReport("POST", apiPath("/rounds/%d/close", summer.ID+1000), "sec", map[string]any{"version": 1}, http.StatusNotFound, "")
	e.ok(e.do("POST", url, "sec", map[string]any{"version": 1}), http.StatusOK, &got)
	if !got.Closed || got.Version != 2 || got.DeadlineJalali == nil {
		t.Errorf("closed %+v", got)
	}
	ae = e.refusedReport("POST", url, "sec", map[string]any{"version": 1}, http.StatusConflict, "")
	var current roundOut
	if err := json.Unmarshal(ae.Error.Current, &current); err != nil || current.Version != 2 || current.DeadlineJalali == nil {
		t.Errorf("conflict current %s (%v)", ae.Error.Current, err)
	}

	// A closed round takes no more submissions.
	rep := e.reportOf(spring.ID, "branch-a1")
	ae = e.refusedReport("POST", apiPath("/reports/%d/review", rep.ID), "branch", map[string]any{"action": "submit", "version": rep.Version}, http.StatusConflict, "")
	if ae.Error.Message != "This reporting round is closed." {
		t.Errorf("submit in a closed round: %+v", ae.Error)
	}

	e.ok(e.do("GET", apiPath("/rounds?open=true"), "viewer", nil), http.StatusOK, &list)
	if list.Total != 1 || list.Items[0].ID != summer.ID {
		t.Errorf("open rounds %+v", list)
	}
	e.ok(e.do("GET", apiPath("/rounds?open=false&limit=1"), "viewer", nil), http.StatusOK, &list)
	if list.Total != 1 || list.Items[0].ID != spring.ID || list.Limit != 1 {
		t.Errorf("closed rounds %+v", list)
	}
	e.refusedReport("GET", apiPath("/rounds?open=yes"), "viewer", nil, http.StatusBadRequest, "open")
	e.refusedReport("GET", apiPath("/rounds?closed=true"), "viewer", nil, http.StatusBadRequest, "closed")
	e.refusedReport("GET", apiPath("/rounds/%d", summer.ID+1000), "viewer", nil, http.StatusNotFound, "")
	e.refusedReport("GET", apiPath("/rounds/0"), "viewer", nil, http.StatusBadRequest, "id")
	e.refusedReport("PATCH", apiPath("/rounds/%d", spring.ID), "sec", map[string]any{"version": 2}, http.StatusMethodNotAllowed, "")
}

// TestRoundScores: how far each unit's report can be trusted, seen by
// each reader as far as they may read.
func TestRoundScores(t *testing.T) {
	e := newReportEnv(t)
	round := e.addRound("گزارش بهار", "2024-07-01", "branch-a1", "prov-b")
	rep := e.reportOf(round.ID, "branch-a1")
	e.ok(e.upload(rep.ID, "branch", part{"file", "report.pdf", testPDF}), http.StatusCreated, nil)
	e.ok(e.review(rep.ID, "branch", payesh.ActSubmit, rep.Version), http.StatusOK, nil)

	var scores struct{ Items []payesh.UnitScore }
	e.ok(e.do("GET", apiPath("/rounds/%d/scores", round.ID), "sec", nil), http.StatusOK, &scores)
	if len(scores.Items) != 2 {
		t.Fatalf("scores %+v", scores.Items)
	}
	b, p := scores.Items[0], scores.Items[1]
	if b.UnitID != e.unit["branch-a1"].ID || b.ReportID != rep.ID || b.State != payesh.ReportSubmitted || !b.OnTime ||
		b.Evidence != 1 || b.SubmittedAt == nil || b.Score != 100 {
		t.Errorf("branch score %+v", b)
	}
	// Not submitted: nothing for timeliness or completeness, even with
	// nothing owed.
	if p.UnitID != e.unit["prov-b"].ID || p.State != payesh.ReportDraft || p.OnTime || p.Score != 0 {
		t.Errorf("prov-b score %+v", p)
	}
	e.ok(e.do("GET", apiPath("/rounds/%d/scores", round.ID), "rep-b", nil), http.StatusOK, &scores)
	if len(scores.Items) != 1 || scores.Items[0].UnitID != e.unit["prov-b"].ID {
		t.Errorf("prov-b sees %+v", scores.Items)
	}
	e.refusedReport("GET", apiPath("/rounds/%d/scores", round.ID+1000), "sec", nil, http.StatusNotFound, "")
	e.refusedReport("GET", apiPath("/rounds/%d/scores?unit=1", round.ID), "sec", nil, http.StatusBadRequest, "unit")
	e.refusedReport("GET", apiPath("/rounds/%d/scores", round.ID), "", nil, http.StatusUnauthorized, "")
}
