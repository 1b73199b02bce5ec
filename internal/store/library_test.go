package store_test

import (
	"bytes"
	"context"
	"testing"

	"payesh"
	"payesh/internal/jalali"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// pdfBytes is a file that sniffs as a PDF.
func pdfBytes(text string) []byte { return []byte("%PDF-1.4\n% " + text + "\n%%EOF\n") }

// libraryWorld is a policy with three clauses, the 7th plan with one
// article, and a supporting document.
type libraryWorld struct {
	policy, plan, support *payesh.Document
	c1, c2, c3, article   *payesh.Clause
}

func newLibraryWorld(t *testing.T, db *store.DB) *libraryWorld {
	t.Helper()
	w := &libraryWorld{policy: mustPolicy(t, db)}
	w.c1, w.c2, w.c3 = mustClause(t, db, w.policy, nil, "1"), mustClause(t, db, w.policy, nil, "2"), mustClause(t, db, w.policy, nil, "3")
	w.plan = &payesh.Document{Code: "plan-7", Kind: payesh.DocPlan, TitleFA: "قانون برنامهٔ هفتم توسعه"}
	w.support = &payesh.Document{Code: "support-3", Kind: payesh.DocSupporting, TitleFA: "سند پشتیبان بند ۳", State: payesh.DocDraft}
	for _, d := range []*payesh.Document{w.plan, w.support} {
		if err := db.CreateDocument(sys, d); err != nil {
			t.Fatal(err)
		}
	}
	w.article = mustClause(t, db, w.plan, nil, "10")
	return w
}

func TestLibraryDocumentOnClausePage(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newLibraryWorld(t, db)
		for i, text := range []string{"first draft", "second draft"} {
			f, err := db.AddDocumentFile(sys, w.support.ID, "سند-پشتیبان.pdf", "نسخهٔ "+text, bytes.NewReader(pdfBytes(text)))
			if err != nil || f.Number != i+1 || f.ContentType != "application/pdf" {
				t.Fatalf("version %d = %+v, %v", i+1, f, err)
			}
		}
		ministry := "وزارت تعاون، کار و رفاه اجتماعی"
		sentOn := payesh.FromJalali(jdate(t, "1401/03/20"))
		// A draft is not sent.
		err := db.AddSending(sys, &payesh.Sending{DocumentID: w.support.ID, Recipient: ministry, SentOn: sentOn})
		wantCode(t, err, payesh.EINVALID)
		approved := payesh.DocApproved
		if _, err := db.UpdateDocument(sys, w.support.ID, payesh.DocumentUpdate{State: &approved, Version: 1}); err != nil {
			t.Fatal(err)
		}
		// Nor is anything sent tomorrow.
		err = db.AddSending(sys, &payesh.Sending{DocumentID: w.support.ID, Recipient: ministry, SentOn: payesh.DateOf(fixedNow).AddDays(1)})
		wantCode(t, err, payesh.EINVALID)
		s := &payesh.Sending{DocumentID: w.support.ID, Recipient: ministry, SentOn: sentOn, LetterNo: "۱۲۳/ص"}
		if err := db.AddSending(sys, s); err != nil {
			t.Fatal(err)
		}
		doc, err := db.FindDocumentByID(sys, w.support.ID)
		if err != nil || doc.State != payesh.DocSent {
			t.Fatalf("after the sending: %+v, %v", doc, err)
		}
		// Sent stays sent.
		draft := payesh.DocDraft
		_, err = db.UpdateDocument(sys, w.support.ID, payesh.DocumentUpdate{State: &draft, Version: doc.Version})
		wantCode(t, err, payesh.EINVALID)

		for _, l := range []*payesh.ClauseLink{
			{DocumentID: w.support.ID, ClauseID: w.c3.ID},
			{DocumentID: w.plan.ID, ArticleID: &w.article.ID, ClauseID: w.c3.ID, Note: "ماده ۱۰ برنامهٔ هفتم"},
		} {
			if err := db.LinkDocument(sys, l); err != nil {
				t.Fatal(err)
			}
		}
		bad := []struct {
			name string
			link payesh.ClauseLink
			code string
		}{
			{"twice", payesh.ClauseLink{DocumentID: w.support.ID, ClauseID: w.c3.ID}, payesh.ECONFLICT},
			{"own clause", payesh.ClauseLink{DocumentID: w.plan.ID, ClauseID: w.article.ID}, payesh.EINVALID},
			{"another's article", payesh.ClauseLink{DocumentID: w.support.ID, ArticleID: &w.article.ID, ClauseID: w.c1.ID}, payesh.EINVALID},
			{"no clause", payesh.ClauseLink{DocumentID: w.support.ID, ClauseID: 9999}, payesh.EINVALID},
			{"no document", payesh.ClauseLink{DocumentID: 9999, ClauseID: w.c1.ID}, payesh.ENOTFOUND},
		}
		for _, c := range bad {
			l := c.link
			if got := payesh.ErrorCode(db.LinkDocument(sys, &l)); got != c.code {
				t.Errorf("link %s: %q, want %q", c.name, got, c.code)
			}
		}

		lib, err := db.FindClauseLibrary(sys, w.c3.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(lib.Supporting) != 1 || len(lib.Upstream) != 1 {
			t.Fatalf("clause 3 has %d supporting, %d upstream", len(lib.Supporting), len(lib.Upstream))
		}
		sup := lib.Supporting[0]
		if len(sup.Files) != 2 || sup.Files[0].Number != 2 || sup.Files[1].Number != 1 {
			t.Errorf("versions %+v, want 2 then 1", sup.Files)
		}
		if len(sup.Sendings) != 1 || sup.Sendings[0].Recipient != ministry || sup.Sendings[0].SentOn.JalaliString() != "1401/03/20" {
			t.Errorf("sendings %+v", sup.Sendings)
		}
		if up := lib.Upstream[0]; up.Article == nil || up.Article.Number != "10" || up.Document.ID != w.plan.ID {
			t.Errorf("upstream %+v", up)
		}

		unsupported, err := db.FindUnsupportedClauses(sys, w.policy.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := clauseNumbers(unsupported); got != "1 2" {
			t.Errorf("unsupported clauses %q, want \"1 2\"", got)
		}

		// Every write left its audit event.
		for entity, id := range map[string]int64{"document_file": 1, "document_sending": s.ID, "clause_link": 1} {
			if auditCount(t, db, entity, id) != 1 {
				t.Errorf("%s %d has no audit event", entity, id)
			}
		}
		// A document with files, sendings and links stays.
		d, _ := db.FindDocumentByID(sys, w.support.ID)
		wantCode(t, db.DeleteDocument(sys, w.support.ID, d.Version), payesh.ECONFLICT)
	})
}

func clauseNumbers(cs []*payesh.Clause) string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Number)
	}
	return join(out)
}

func TestLibraryReadersAndWriters(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newLibraryWorld(t, db)
		root := mustUnit(t, db, nil, payesh.UnitOrganization, "sso")
		_, viewer := mustUser(t, db, root, "viewer", payesh.RoleViewer)
		_, reporter := mustUser(t, db, root, "reporter", payesh.RoleReporter)

		f, err := db.AddDocumentFile(sys, w.support.ID, "draft.docx", "", bytes.NewReader(zipBytes()))
		if err != nil {
			t.Fatal(err)
		}
		if err := db.LinkDocument(sys, &payesh.ClauseLink{DocumentID: w.support.ID, ClauseID: w.c1.ID}); err != nil {
			t.Fatal(err)
		}
		// The draft is the secretariat's: for a viewer it does not exist,
		// nor does its file, and clause 1 has no supporting document.
		_, err = db.FindDocumentByID(viewer, w.support.ID)
		wantCode(t, err, payesh.ENOTFOUND)
		_, _, err = db.OpenDocumentFile(viewer, f.ID)
		wantCode(t, err, payesh.ENOTFOUND)
		if _, data, err := db.OpenDocumentFile(sys, f.ID); err != nil || !bytes.Equal(data, zipBytes()) {
			t.Fatalf("secretariat's download: %v", err)
		}
		for ctx, want := range map[context.Context]string{sys: "2 3", viewer: "1 2 3"} {
			got, err := db.FindUnsupportedClauses(ctx, w.policy.ID)
			if err != nil || clauseNumbers(got) != want {
				t.Errorf("unsupported = %q (%v), want %q", clauseNumbers(got), err, want)
			}
		}
		lib, err := db.FindClauseLibrary(viewer, w.c1.ID)
		if err != nil || len(lib.Supporting) != 0 {
			t.Errorf("viewer's clause 1: %+v, %v", lib, err)
		}
		docs, _, err := db.FindDocuments(viewer, payesh.DocumentFilter{})
		if err != nil || len(docs) != 2 {
			t.Errorf("viewer lists %d documents (%v), want the 2 not drafts", len(docs), err)
		}

		// Only the secretariat writes the library.
		_, err = db.AddDocumentFile(reporter, w.plan.ID, "x.pdf", "", bytes.NewReader(pdfBytes("x")))
		wantCode(t, err, payesh.EFORBIDDEN)
		wantCode(t, db.LinkDocument(reporter, &payesh.ClauseLink{DocumentID: w.plan.ID, ClauseID: w.c2.ID}), payesh.EFORBIDDEN)

		// Files are what they say, PDF or Office, and bounded.
		for name, data := range map[string][]byte{
			"fake.pdf":    []byte("just text"),
			"picture.png": {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
			"../up.pdf":   pdfBytes("x"),
			"empty.pdf":   {},
		} {
			_, err := db.AddDocumentFile(sys, w.plan.ID, name, "", bytes.NewReader(data))
			wantCode(t, err, payesh.EINVALID)
		}
		big := append(pdfBytes("big"), make([]byte, payesh.MaxEvidenceSize)...)
		_, err = db.AddDocumentFile(sys, w.plan.ID, "big.pdf", "", bytes.NewReader(big))
		wantCode(t, err, payesh.EINVALID)
	})
}

// zipBytes sniffs as a zip archive, which an Office file is.
func zipBytes() []byte {
	return []byte("PK\x03\x04" + "\x14\x00\x00\x00\x00\x00rest of an office file")
}

// jdate parses a Jalali date.
func jdate(t *testing.T, s string) jalali.Date {
	t.Helper()
	d, err := jalali.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
