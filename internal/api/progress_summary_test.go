package api

import (
	"net/http"
	"testing"

	"payesh"
)

// TestClauseProgressSummary: GET /documents/{id}/progress gives one
// summary per clause in tree order, counting the work under each clause.
func TestClauseProgressSummary(t *testing.T) {
	e := newEnv(t)
	doc := &payesh.Document{Code: "p", Kind: payesh.DocPolicy, TitleFA: "سیاست آزمایشی"}
	if err := e.db.CreateDocument(sysCtx, doc); err != nil {
		t.Fatal(err)
	}
	clause := func(number string, ordinal int, parent *payesh.Clause) *payesh.Clause {
		c := &payesh.Clause{DocumentID: doc.ID, Number: number, Ordinal: ordinal, TitleFA: "بند " + number}
		if parent != nil {
			c.ParentID = &parent.ID
		}
		if err := e.db.CreateClause(sysCtx, c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	// Created out of order, so tree order is not creation order.
	c2 := clause("2", 2, nil)
	c1 := clause("1", 1, nil)
	c11 := clause("1-1", 1, c1)

	late := e.addWork("کار معوق", "prov-a", nil, payesh.NewDate(2024, 1, 1), 1)
	if _, err := e.db.LinkClause(sysCtx, late.ID, c11.ID); err != nil {
		t.Fatal(err)
	}
	done := e.addWork("کار انجام‌شده", "prov-b", nil, payesh.Date{}, 1)
	if _, err := e.db.LinkClause(sysCtx, done.ID, c1.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.db.PostProgress(sysCtx, done.ID, payesh.ProgressUpdateInput{Status: payesh.StatusDone, Version: e.work(done.ID).Version}); err != nil {
		t.Fatal(err)
	}

	var got struct{ Items []payesh.ClauseProgress }
	e.ok(e.do("GET", apiPath("/documents/%d/progress", doc.ID), "viewer", nil), http.StatusOK, &got)
	want := []payesh.ClauseProgress{
		{ClauseID: c1.ID, Items: 2, Done: 1, Overdue: 1, Progress: 50},
		{ClauseID: c11.ID, Items: 1, Done: 0, Overdue: 1, Progress: 0},
		{ClauseID: c2.ID, Items: 0},
	}
	if len(got.Items) != len(want) {
		t.Fatalf("items %+v, want %+v", got.Items, want)
	}
	for i := range want {
		if got.Items[i] != want[i] {
			t.Errorf("item %d = %+v, want %+v", i, got.Items[i], want[i])
		}
	}

	for _, c := range []struct {
		path, who string
		status    int
	}{
		{apiPath("/documents/%d/progress", doc.ID+1000), "viewer", http.StatusNotFound},
		{apiPath("/documents/x/progress"), "viewer", http.StatusBadRequest},
		{apiPath("/documents/%d/progress", doc.ID), "", http.StatusUnauthorized},
	} {
		if r := e.do("GET", c.path, c.who, nil); r.status != c.status {
			t.Errorf("GET %s as %q: %d, want %d: %s", c.path, c.who, r.status, c.status, r.body)
		}
	}
}
