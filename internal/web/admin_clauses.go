package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// clauseFormPage is the form of a new clause of a document or of an
// existing one. This is where the secretariat loads a clause's official
// wording.
type clauseFormPage struct {
	formPage
	Doc     *payesh.Document
	Clause  *payesh.Clause // nil for a new clause
	Parents []option
	all     []*payesh.Clause
}

func (s *server) clauseFormPage(r *http.Request, doc *payesh.Document, c *payesh.Clause) (*clauseFormPage, error) {
	clauses, err := s.Documents.FindClauses(r.Context(), doc.ID)
	if err != nil {
		return nil, err
	}
	skip := ""
	if c != nil {
		skip = c.Path
	}
	return &clauseFormPage{formPage: formPage{New: c == nil}, Doc: doc, Clause: c,
		Parents: clauseOptions(langOf(r), clauses, skip), all: clauses}, nil
}

// clauseOptions lists a document's clauses for the parent select, in tree
// order and indented, leaving out the subtree at path skip.
func clauseOptions(lang i18n.Lang, clauses []*payesh.Clause, skip string) []option {
	var out []option
	for _, c := range clauses {
		if skip != "" && strings.HasPrefix(c.Path, skip) {
			continue
		}
		label := formDigits(lang, fmt.Sprintf(i18n.T(lang, "ui.clause.number"), c.Number))
		if title := pick(lang, c.TitleFA, c.TitleEN); !bareTitle(title, c.Number) {
			label += " — " + title
		}
		out = append(out, option{strconv.FormatInt(c.ID, 10), strings.Repeat("\u00a0\u00a0\u00a0", c.Depth) + label})
	}
	return out
}

// clauseForm is a clause as its edit form shows it.
func clauseForm(lang i18n.Lang, c *payesh.Clause) url.Values {
	return url.Values{"parent_id": {idString(c.ParentID)}, "number": {formDigits(lang, c.Number)},
		"ordinal": {formDigits(lang, strconv.Itoa(c.Ordinal))}, "title_fa": {c.TitleFA}, "title_en": {c.TitleEN},
		"text": {c.Text}, "note": {c.Note}, "version": {strconv.Itoa(c.Version)}}
}

// adminClauseNew offers a new clause, under ?parent= when given, placed
// after its siblings.
func (s *server) adminClauseNew(w http.ResponseWriter, r *http.Request) error {
	doc, err := s.findDocument(r)
	if err != nil {
		return err
	}
	d, err := s.clauseFormPage(r, doc, nil)
	if err != nil {
		return err
	}
	parent := r.URL.Query().Get("parent")
	next := 1
	for _, c := range d.all {
		if idString(c.ParentID) == parent && c.Ordinal >= next {
			next = c.Ordinal + 1
		}
	}
	form := url.Values{"parent_id": {parent}, "ordinal": {formDigits(langOf(r), strconv.Itoa(next))}}
	return s.renderForm(w, r, http.StatusOK, "admin_clause", "ui.admin.clause_new", d, form, nil)
}

// clauseNumber reads a clause number with Latin digits, however typed, so
// that "۸-۱" and "8-1" are one number; pages show it in Persian again.
func clauseNumber(f *form) string {
	return jalali.ToLatinDigits(f.String("number"))
}

// clauseText reads the wording as typed, with browser line ends made
// plain, so the text keeps its lines and nothing else.
func clauseText(f *form) string {
	return strings.ReplaceAll(f.String("text"), "\r\n", "\n")
}

func (s *server) adminClauseCreate(w http.ResponseWriter, r *http.Request) error {
	doc, err := s.findDocument(r)
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	c := &payesh.Clause{DocumentID: doc.ID, ParentID: optionalID(f.ID("parent_id")), Number: clauseNumber(f),
		Ordinal: f.Int("ordinal"), TitleFA: f.String("title_fa"), TitleEN: f.String("title_en"),
		Text: clauseText(f), Note: f.String("note")}
	if f.Err() != nil {
		c.Normalize()
		mergeFields(f.errors, c.Validate())
		return s.clauseFormFailed(w, r, doc, nil, failure{status: http.StatusBadRequest, fields: f.errors})
	}
	if err := s.Documents.CreateClause(r.Context(), c); err != nil {
		fl, ok := failureOf(err)
		if !ok {
			return err
		}
		return s.clauseFormFailed(w, r, doc, nil, fl)
	}
	return adminRedirect(w, r, "/admin/documents/"+strconv.FormatInt(doc.ID, 10), "ui.admin.flash.clause_created")
}

// findClause returns the clause of the path and its document.
func (s *server) findClause(r *http.Request) (*payesh.Clause, *payesh.Document, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, nil, err
	}
	c, err := s.Documents.FindClauseByID(r.Context(), id)
	if err != nil {
		return nil, nil, err
	}
	doc, err := s.Documents.FindDocumentByID(r.Context(), c.DocumentID)
	return c, doc, err
}

func (s *server) adminClauseEdit(w http.ResponseWriter, r *http.Request) error {
	c, doc, err := s.findClause(r)
	if err != nil {
		return err
	}
	d, err := s.clauseFormPage(r, doc, c)
	if err != nil {
		return err
	}
	return s.renderForm(w, r, http.StatusOK, "admin_clause", "ui.admin.clause_edit", d, clauseForm(langOf(r), c), nil)
}

// adminClauseUpdate saves a clause, typically its official wording.
func (s *server) adminClauseUpdate(w http.ResponseWriter, r *http.Request) error {
	c, doc, err := s.findClause(r)
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	parent, number, ordinal := f.ID("parent_id"), clauseNumber(f), f.Int("ordinal")
	fa, en, text, note := f.String("title_fa"), f.String("title_en"), clauseText(f), f.String("note")
	up := payesh.ClauseUpdate{ParentID: &parent, Number: &number, Ordinal: &ordinal, TitleFA: &fa, TitleEN: &en,
		Text: &text, Note: &note, Version: f.Int("version")}
	if f.Err() != nil {
		x := *c
		up.Apply(&x)
		x.Normalize()
		mergeFields(f.errors, x.Validate())
		return s.clauseFormFailed(w, r, doc, c, failure{status: http.StatusBadRequest, fields: f.errors})
	}
	if _, err := s.Documents.UpdateClause(r.Context(), c.ID, up); err != nil {
		fl, ok := failureOf(err)
		if !ok {
			return err
		}
		return s.clauseFormFailed(w, r, doc, c, fl)
	}
	return adminRedirect(w, r, "/admin/documents/"+strconv.FormatInt(doc.ID, 10), "ui.admin.flash.clause_saved")
}

// adminClauseDelete removes a clause with no sub-clauses and no work
// linked; otherwise its edit page says why not.
func (s *server) adminClauseDelete(w http.ResponseWriter, r *http.Request) error {
	c, doc, err := s.findClause(r)
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	err = s.Documents.DeleteClause(r.Context(), c.ID, f.Int("version"))
	if err == nil {
		return adminRedirect(w, r, "/admin/documents/"+strconv.FormatInt(doc.ID, 10), "ui.admin.flash.clause_deleted")
	}
	fl, ok := failureOf(err)
	if !ok {
		return err
	}
	refusals := map[string]string{"err.has_children": "err.admin.clause_has_children", "err.in_use": "err.admin.clause_in_use"}
	if k, ok := refusals[fl.fields["form"]]; ok {
		fl.fields["form"] = k
	}
	d, err := s.clauseFormPage(r, doc, c)
	if err != nil {
		return err
	}
	if cur, ok := fl.current.(*payesh.Clause); ok {
		d.Conflict = clauseFacts(langOf(r), cur)
	}
	return s.renderForm(w, r, fl.status, "admin_clause", "ui.admin.clause_edit", d, clauseForm(langOf(r), c), fl.fields)
}

// clauseFormFailed shows the form again with what was typed, and on a
// conflict the clause as someone else saved it.
func (s *server) clauseFormFailed(w http.ResponseWriter, r *http.Request, doc *payesh.Document, c *payesh.Clause, fl failure) error {
	d, err := s.clauseFormPage(r, doc, c)
	if err != nil {
		return err
	}
	form, title := r.PostForm, "ui.admin.clause_new"
	if c != nil {
		title = "ui.admin.clause_edit"
	}
	if cur, ok := fl.current.(*payesh.Clause); ok {
		d.Conflict, form = clauseFacts(langOf(r), cur), withVersion(r.PostForm, cur.Version)
	}
	return s.renderForm(w, r, fl.status, "admin_clause", title, d, form, fl.fields)
}

// clauseFacts is the clause as someone else saved it.
func clauseFacts(lang i18n.Lang, c *payesh.Clause) []fact {
	return []fact{
		{i18n.T(lang, "ui.admin.clause_number"), c.Number},
		{i18n.T(lang, "ui.admin.clause_ordinal"), formDigits(lang, strconv.Itoa(c.Ordinal))},
		{i18n.T(lang, "ui.doc.title_fa"), c.TitleFA},
		{i18n.T(lang, "ui.doc.title_en"), c.TitleEN},
		{i18n.T(lang, "ui.admin.clause_text"), c.Text},
		{i18n.T(lang, "ui.doc.note"), c.Note},
	}
}
