package store_test

import (
	"testing"

	"payesh"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

func TestDocumentsAndClauseTree(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		doc := &payesh.Document{Code: "gssp", Kind: payesh.DocPolicy, TitleFA: "سیاست‌های کلی تأمین اجتماعی",
			IssuedOn: payesh.NewDate(2022, 4, 10)}
		if err := db.CreateDocument(sys, doc); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindDocumentByID(sys, doc.ID)
		if err != nil || got.IssuedOn.JalaliString() != "1401/01/21" {
			t.Fatalf("document = %+v, %v", got, err)
		}
		other := &payesh.Document{Code: "plan7", Kind: payesh.DocPlan, TitleFA: "برنامهٔ هفتم"}
		if err := db.CreateDocument(sys, other); err != nil {
			t.Fatal(err)
		}
		// Created out of order; the tree reads by ordinal, depth first.
		mk := func(parent *payesh.Clause, num string, ord int) *payesh.Clause {
			c := &payesh.Clause{DocumentID: doc.ID, Number: num, Ordinal: ord, TitleFA: "بند " + num}
			if parent != nil {
				c.ParentID = &parent.ID
			}
			if err := db.CreateClause(sys, c); err != nil {
				t.Fatal(err)
			}
			return c
		}
		c2 := mk(nil, "2", 2)
		c1 := mk(nil, "1", 1)
		c12 := mk(c1, "1-2", 2)
		c11 := mk(c1, "1-1", 1)
		tree, err := db.FindClauses(sys, doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		var order []string
		for _, c := range tree {
			order = append(order, c.Number)
		}
		if want := "1 1-1 1-2 2"; join(order) != want {
			t.Fatalf("tree order %q, want %q", join(order), want)
		}
		if tree[1].Depth != 1 || tree[0].Depth != 0 {
			t.Fatalf("depths %d %d", tree[0].Depth, tree[1].Depth)
		}
		// A parent from another document, or below itself, is refused.
		oc := &payesh.Clause{DocumentID: other.ID, Number: "1", TitleFA: "x", ParentID: &c1.ID}
		wantCode(t, db.CreateClause(sys, oc), payesh.EINVALID)
		_, err = db.UpdateClause(sys, c1.ID, payesh.ClauseUpdate{ParentID: &c11.ID, Version: 1})
		wantCode(t, err, payesh.EINVALID)
		// The secretariat loads the official wording.
		up, err := db.UpdateClause(sys, c2.ID, payesh.ClauseUpdate{TitleFA: ptr("عنوان رسمی"), Text: ptr("متن رسمی"), Version: 1})
		if err != nil || up.Version != 2 || up.Text != "متن رسمی" {
			t.Fatalf("update clause: %+v %v", up, err)
		}
		wantCode(t, db.DeleteDocument(sys, doc.ID, doc.Version), payesh.ECONFLICT) // it has clauses
		wantCode(t, db.DeleteClause(sys, c1.ID, 1), payesh.ECONFLICT)              // it has sub-clauses
		if err := db.DeleteClause(sys, c12.ID, 1); err != nil {
			t.Fatal(err)
		}
		docs, n, err := db.FindDocuments(sys, payesh.DocumentFilter{Kind: payesh.DocPolicy})
		if err != nil || n != 1 || docs[0].ID != doc.ID {
			t.Fatalf("documents by kind: %v %d %v", docs, n, err)
		}
		_, err = db.FindClauses(sys, 999)
		wantCode(t, err, payesh.ENOTFOUND)
	})
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out
}
