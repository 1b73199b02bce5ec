package web

import (
	"net/http"
	"net/url"
	"strconv"

	"payesh"
	"payesh/internal/i18n"
)

// documentsPage is the list of documents.
type documentsPage struct {
	Docs  []*payesh.Document
	Pager pager
}

// adminDocuments lists the documents whose clauses work answers.
func (s *server) adminDocuments(w http.ResponseWriter, r *http.Request) error {
	f := payesh.DocumentFilter{Page: pageOf(r, payesh.DefaultLimit)}
	docs, total, err := s.Documents.FindDocuments(r.Context(), f)
	if err != nil {
		return err
	}
	d := documentsPage{Docs: docs, Pager: newPager(r, total, f.Page)}
	return s.render(w, r, http.StatusOK, "admin_documents", s.newView(r, "ui.admin.documents", d))
}

// documentFormPage is the form of a new document or of an existing one
// with its clause tree.
type documentFormPage struct {
	formPage
	Doc     *payesh.Document // nil for a new document
	Kinds   []option
	Clauses []*payesh.Clause // tree order
}

// Bare reports whether a clause's title only repeats its number.
func (d *documentFormPage) Bare(title, number string) bool { return bareTitle(title, number) }

func (s *server) documentFormPage(r *http.Request, doc *payesh.Document) (*documentFormPage, error) {
	d := &documentFormPage{formPage: formPage{New: doc == nil}, Doc: doc,
		Kinds: keyOptions(langOf(r), "ui.doc.kind.", payesh.DocumentKinds)}
	if doc != nil {
		var err error
		if d.Clauses, err = s.Documents.FindClauses(r.Context(), doc.ID); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// documentForm is a document as its edit form shows it.
func documentForm(lang i18n.Lang, d *payesh.Document) url.Values {
	return url.Values{"code": {d.Code}, "kind": {string(d.Kind)}, "title_fa": {d.TitleFA}, "title_en": {d.TitleEN},
		"issuer": {d.Issuer}, "issued_on": {formDigits(lang, d.IssuedOn.JalaliString())}, "note": {d.Note},
		"version": {strconv.Itoa(d.Version)}}
}

func (s *server) adminDocumentNew(w http.ResponseWriter, r *http.Request) error {
	d, err := s.documentFormPage(r, nil)
	if err != nil {
		return err
	}
	form := url.Values{"kind": {string(payesh.DocPolicy)}}
	return s.renderForm(w, r, http.StatusOK, "admin_document", "ui.admin.document_new", d, form, nil)
}

func (s *server) adminDocumentCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	doc := &payesh.Document{Code: f.String("code"), Kind: payesh.DocumentKind(f.String("kind")),
		TitleFA: f.String("title_fa"), TitleEN: f.String("title_en"), Issuer: f.String("issuer"),
		IssuedOn: f.Date("issued_on"), Note: f.String("note")}
	if f.Err() != nil {
		doc.Normalize()
		mergeFields(f.errors, doc.Validate())
		return s.documentFormFailed(w, r, nil, failure{status: http.StatusBadRequest, fields: f.errors})
	}
	if err := s.Documents.CreateDocument(r.Context(), doc); err != nil {
		fl, ok := failureOf(err)
		if !ok {
			return err
		}
		return s.documentFormFailed(w, r, nil, fl)
	}
	return adminRedirect(w, r, "/admin/documents/"+strconv.FormatInt(doc.ID, 10), "ui.admin.flash.document_created")
}

func (s *server) findDocument(r *http.Request) (*payesh.Document, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.Documents.FindDocumentByID(r.Context(), id)
}

func (s *server) adminDocumentEdit(w http.ResponseWriter, r *http.Request) error {
	doc, err := s.findDocument(r)
	if err != nil {
		return err
	}
	d, err := s.documentFormPage(r, doc)
	if err != nil {
		return err
	}
	return s.renderForm(w, r, http.StatusOK, "admin_document", "ui.admin.document_edit", d, documentForm(langOf(r), doc), nil)
}

func (s *server) adminDocumentUpdate(w http.ResponseWriter, r *http.Request) error {
	doc, err := s.findDocument(r)
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	code, kind, fa, en := f.String("code"), payesh.DocumentKind(f.String("kind")), f.String("title_fa"), f.String("title_en")
	issuer, issued, note := f.String("issuer"), f.Date("issued_on"), f.String("note")
	up := payesh.DocumentUpdate{Code: &code, Kind: &kind, TitleFA: &fa, TitleEN: &en, Issuer: &issuer,
		IssuedOn: &issued, Note: &note, Version: f.Int("version")}
	if f.Err() != nil {
		c := *doc
		up.Apply(&c)
		c.Normalize()
		mergeFields(f.errors, c.Validate())
		return s.documentFormFailed(w, r, doc, failure{status: http.StatusBadRequest, fields: f.errors})
	}
	if _, err := s.Documents.UpdateDocument(r.Context(), doc.ID, up); err != nil {
		fl, ok := failureOf(err)
		if !ok {
			return err
		}
		return s.documentFormFailed(w, r, doc, fl)
	}
	return adminRedirect(w, r, "/admin/documents/"+strconv.FormatInt(doc.ID, 10), "ui.admin.flash.document_saved")
}

// documentFormFailed shows the form again with what was typed, and on a
// conflict the document as someone else saved it.
func (s *server) documentFormFailed(w http.ResponseWriter, r *http.Request, doc *payesh.Document, fl failure) error {
	d, err := s.documentFormPage(r, doc)
	if err != nil {
		return err
	}
	form, title := r.PostForm, "ui.admin.document_new"
	if doc != nil {
		title = "ui.admin.document_edit"
	}
	if cur, ok := fl.current.(*payesh.Document); ok {
		d.Conflict, form = documentFacts(langOf(r), cur), withVersion(r.PostForm, cur.Version)
	}
	return s.renderForm(w, r, fl.status, "admin_document", title, d, form, fl.fields)
}

// documentFacts is the document as someone else saved it.
func documentFacts(lang i18n.Lang, d *payesh.Document) []fact {
	return []fact{
		{i18n.T(lang, "ui.doc.code"), d.Code},
		{i18n.T(lang, "ui.doc.kind"), i18n.T(lang, "ui.doc.kind."+string(d.Kind))},
		{i18n.T(lang, "ui.doc.title_fa"), d.TitleFA},
		{i18n.T(lang, "ui.doc.title_en"), d.TitleEN},
		{i18n.T(lang, "ui.doc.issuer"), d.Issuer},
		{i18n.T(lang, "ui.doc.issued_on"), formDigits(lang, d.IssuedOn.JalaliString())},
		{i18n.T(lang, "ui.doc.note"), d.Note},
	}
}
