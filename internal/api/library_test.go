package api

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"payesh"
)

// uploadFile posts parts to a document's files as who.
func (e *env) uploadFile(doc int64, who string, parts ...part) *result {
	e.t.Helper()
	ct, body := multipartBody(e.t, parts...)
	req, err := http.NewRequest("POST", e.srv.URL+apiPath("/documents/%d/files", doc), bytes.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer "+e.token[who])
	return e.send(req)
}

// TestLibraryAPI walks the done-when case through the API: a supporting
// document with two versions, sent to the ministry on 1401/03/20, linked
// to clause 3, shows in the clause's library, and the report of clauses
// without a supporting document lists the others.
func TestLibraryAPI(t *testing.T) {
	e := newEnv(t)
	var policy, support payesh.Document
	e.ok(e.do("POST", apiPath("/documents"), "sec", map[string]any{"code": "gssp", "kind": "policy", "title_fa": "سیاست‌ها"}), 201, &policy)
	e.ok(e.do("POST", apiPath("/documents"), "sec", map[string]any{"code": "support", "kind": "supporting",
		"title_fa": "سند پشتیبان مصوبه‌های شورا", "state": "draft"}), 201, &support)
	clauses := map[string]payesh.Clause{}
	for _, n := range []string{"1", "2", "3"} {
		var c payesh.Clause
		e.ok(e.do("POST", apiPath("/documents/%d/clauses", policy.ID), "sec", map[string]any{"number": n, "title_fa": "بند " + n}), 201, &c)
		clauses[n] = c
	}

	// Two versions; a reporter may not add one (to a draft it does not
	// even see), a note rides along.
	if r := e.uploadFile(policy.ID, "reporter", part{"file", "v.pdf", testPDF}); r.status != http.StatusForbidden {
		t.Fatalf("reporter's upload: %d %s", r.status, r.body)
	}
	if r := e.uploadFile(support.ID, "reporter", part{"file", "v.pdf", testPDF}); r.status != http.StatusNotFound {
		t.Fatalf("reporter's upload to a draft: %d %s", r.status, r.body)
	}
	var v1, v2 payesh.DocumentFile
	e.ok(e.uploadFile(support.ID, "sec", part{"file", "نسخه.pdf", testPDF}), 201, &v1)
	e.ok(e.uploadFile(support.ID, "sec", part{"file", "نسخه.pdf", testPDF}, part{"note", "", []byte("پس از نظر کارشناسان")}), 201, &v2)
	if v1.Number != 1 || v2.Number != 2 || v2.Note != "پس از نظر کارشناسان" {
		t.Fatalf("versions %+v %+v", v1, v2)
	}
	if r := e.uploadFile(support.ID, "sec", part{"file", "v.pdf", testPDF}, part{"other", "", []byte("x")}); r.status != 400 {
		t.Errorf("an unknown part: %d", r.status)
	}

	// A draft is the secretariat's: the viewer neither sees nor downloads it.
	if r := e.do("GET", apiPath("/document-files/%d", v1.ID), "viewer", nil); r.status != 404 {
		t.Errorf("viewer's download of a draft's file: %d", r.status)
	}
	if r := e.do("POST", apiPath("/documents/%d/sendings", support.ID), "sec", map[string]any{"recipient": "وزارت", "sent_on": "2022-06-10"}); r.status != 400 {
		t.Errorf("sending a draft: %d %s", r.status, r.body)
	}
	e.ok(e.do("PATCH", apiPath("/documents/%d", support.ID), "sec", map[string]any{"state": "approved", "version": support.Version}), 200, nil)
	var sent payesh.Sending
	e.ok(e.do("POST", apiPath("/documents/%d/sendings", support.ID), "sec", map[string]any{
		"recipient": "وزارت تعاون، کار و رفاه اجتماعی", "sent_on": "2022-06-10", "file_id": v2.ID}), 201, &sent)
	r := e.do("GET", apiPath("/document-files/%d", v1.ID), "viewer", nil)
	if r.status != 200 || !bytes.Equal(r.body, testPDF) || !strings.HasPrefix(r.header.Get("Content-Disposition"), "attachment;") ||
		r.header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("viewer's download: %d %v", r.status, r.header)
	}

	e.ok(e.do("POST", apiPath("/documents/%d/links", support.ID), "sec", map[string]any{"clause_id": clauses["3"].ID}), 201, nil)
	if r := e.do("POST", apiPath("/documents/%d/links", support.ID), "sec", map[string]any{"clause_id": clauses["3"].ID}); r.status != 409 {
		t.Errorf("a link made twice: %d", r.status)
	}
	var lib payesh.ClauseLibrary
	e.ok(e.do("GET", apiPath("/clauses/%d/library", clauses["3"].ID), "viewer", nil), 200, &lib)
	if len(lib.Supporting) != 1 || len(lib.Supporting[0].Files) != 2 || len(lib.Supporting[0].Sendings) != 1 ||
		lib.Supporting[0].Sendings[0].SentOn.JalaliString() != "1401/03/20" || lib.Supporting[0].Document.State != payesh.DocSent {
		t.Errorf("clause 3's library: %+v", lib)
	}
	var unsupported struct{ Items []payesh.Clause }
	e.ok(e.do("GET", apiPath("/documents/%d/unsupported-clauses", policy.ID), "viewer", nil), 200, &unsupported)
	if len(unsupported.Items) != 2 || unsupported.Items[0].Number != "1" || unsupported.Items[1].Number != "2" {
		t.Errorf("unsupported: %+v", unsupported.Items)
	}
	if e.auditCount("document_sending", sent.ID, payesh.ActionCreate) != 1 {
		t.Error("the sending has no audit event")
	}

	// Search, typed on an Arabic keyboard without the ZWNJ.
	var found struct{ Items []payesh.SearchHit }
	q := url.Values{"q": {"مصوبههاي شورا"}, "kind": {"document"}}
	e.ok(e.do("GET", apiPath("/search?%s", q.Encode()), "viewer", nil), 200, &found)
	if len(found.Items) != 1 || found.Items[0].ID != support.ID || found.Items[0].Kind != "document" {
		t.Errorf("search: %+v", found.Items)
	}
	for _, bad := range []string{"", "q=م", "q=ab&kind=minutes", "q=ab&limit=500", "q=ab&page=2"} {
		if r := e.do("GET", apiPath("/search?%s", bad), "viewer", nil); r.status != 400 {
			t.Errorf("search?%s: %d", bad, r.status)
		}
	}
}
