package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"payesh"
	"payesh/internal/i18n"
)

// The document library: the laws, plans, regulations, supporting
// documents and reports behind the policy's clauses, each with its file
// versions, its state, where it was sent, and its links to clauses. The
// clause tree of a document stays at /documents/{id}; /library/{id} is
// the document as a record kept on file.

// libraryListPage is the library: documents by kind and state.
type libraryListPage struct {
	Docs     []*payesh.Document
	Pager    pager
	Kinds    []option
	States   []option
	Kind     string
	State    string
	Q        string
	Filtered bool
}

// library lists the documents the reader reads (drafts are the
// secretariat's), filtered by kind, state and words of the title or code.
func (s *server) library(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	lang := langOf(r)
	d := &libraryListPage{Kinds: keyOptions(lang, "ui.doc.kind.", payesh.DocumentKinds),
		States: keyOptions(lang, "ui.doc.state.", payesh.DocumentStates),
		Kind:   q.Get("kind"), State: q.Get("state"), Q: q.Get("q")}
	errs := map[string]string{}
	f := payesh.DocumentFilter{Page: pageOf(r, payesh.DefaultLimit)}
	if k := payesh.DocumentKind(d.Kind); d.Kind != "" && !k.Valid() {
		errs["kind"] = "err.document.kind"
	} else {
		f.Kind = k
	}
	if st := payesh.DocumentState(d.State); d.State != "" && !st.Valid() {
		errs["state"] = "err.document.state"
	} else {
		f.State = st
	}
	if len([]rune(d.Q)) > maxLibraryQuery {
		errs["q"] = "err.too_long"
	} else {
		f.Q = d.Q
	}
	d.Filtered = d.Kind != "" || d.State != "" || d.Q != ""
	docs, total, err := s.Documents.FindDocuments(r.Context(), f)
	if err != nil {
		return err
	}
	d.Docs, d.Pager = docs, newPager(r, total, f.Page)
	v := s.newView(r, "ui.library.title", d)
	v.Errors = errs
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusBadRequest
	}
	return s.render(w, r, status, "library", v)
}

// maxLibraryQuery bounds the words typed to filter the library.
const maxLibraryQuery = 200

// libraryDocPage is one document of the library.
type libraryDocPage struct {
	Doc      *payesh.Document
	Files    []*payesh.DocumentFile // newest first
	Sendings []*payesh.Sending
	Links    []*libraryLink
	// Articles are the document's own clauses, which a link may name.
	Articles []*payesh.Clause
	// Targets are the clauses of the other documents, for a new link.
	Targets  []clauseGroup
	CanWrite bool
	// States are the states a user may set by hand: draft and approved.
	States []option
	lang   i18n.Lang
}

// libraryLink is a link as the page shows it: the article of this
// document, when it names one, and the clause of the other document.
type libraryLink struct {
	Link    *payesh.ClauseLink
	Article *payesh.Clause
	Clause  *payesh.Clause
	Target  *payesh.Document
}

// clauseGroup is one document's clauses, an optgroup of the link form.
type clauseGroup struct {
	Doc     *payesh.Document
	Clauses []*payesh.Clause
}

// FileNumber is the version a sending names, 0 when it names none.
func (d *libraryDocPage) FileNumber(id *int64) int {
	if id == nil {
		return 0
	}
	for _, f := range d.Files {
		if f.ID == *id {
			return f.Number
		}
	}
	return 0
}

// Sendable reports whether a sending may be recorded: not of a draft.
func (d *libraryDocPage) Sendable() bool { return d.Doc.State != payesh.DocDraft }

// libraryDocument shows one document of the library.
func (s *server) libraryDocument(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	d, err := s.loadLibraryDoc(r, id)
	if err != nil {
		return err
	}
	return s.renderLibraryDoc(w, r, http.StatusOK, d, nil, nil)
}

func (s *server) renderLibraryDoc(w http.ResponseWriter, r *http.Request, status int, d *libraryDocPage, form url.Values, errs map[string]string) error {
	v := s.newView(r, "ui.library.title", d)
	v.Title = pick(v.Lang, d.Doc.TitleFA, d.Doc.TitleEN)
	v.Form, v.Errors = form, errs
	if v.Form == nil {
		v.Form = url.Values{}
	}
	if !v.Form.Has("state") {
		v.Form.Set("state", string(d.Doc.State))
	}
	v.Form.Set("version", strconv.Itoa(d.Doc.Version))
	return s.render(w, r, status, "library_document", v)
}

// loadLibraryDoc reads a document with its versions, sendings and links,
// and, for those who write the library, what the link form offers.
func (s *server) loadLibraryDoc(r *http.Request, id int64) (*libraryDocPage, error) {
	ctx := r.Context()
	doc, err := s.Documents.FindDocumentByID(ctx, id)
	if err != nil {
		return nil, err
	}
	d := &libraryDocPage{Doc: doc, CanWrite: user(r).CanConfigure(), lang: langOf(r),
		States: keyOptions(langOf(r), "ui.doc.state.", []payesh.DocumentState{payesh.DocDraft, payesh.DocApproved})}
	if d.Files, err = s.Library.FindDocumentFiles(ctx, id); err != nil {
		return nil, err
	}
	if d.Sendings, err = s.Library.FindSendings(ctx, id); err != nil {
		return nil, err
	}
	links, err := s.Library.FindDocumentLinks(ctx, id)
	if err != nil {
		return nil, err
	}
	if d.Articles, err = s.Documents.FindClauses(ctx, id); err != nil {
		return nil, err
	}
	groups, err := s.otherClauses(r, id)
	if err != nil {
		return nil, err
	}
	if d.CanWrite {
		d.Targets = groups
	}
	d.Links = resolveLinks(links, d.Articles, groups)
	return d, nil
}

// otherClauses lists, per document the reader reads other than skip, its
// clauses in tree order. Documents are few (tens), so one statement per
// document is cheap; MaxLimit bounds them all the same.
func (s *server) otherClauses(r *http.Request, skip int64) ([]clauseGroup, error) {
	ctx := r.Context()
	docs, _, err := s.Documents.FindDocuments(ctx, payesh.DocumentFilter{Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil {
		return nil, err
	}
	var out []clauseGroup
	for _, doc := range docs {
		if doc.ID == skip {
			continue
		}
		cs, err := s.Documents.FindClauses(ctx, doc.ID)
		if err != nil {
			return nil, err
		}
		if len(cs) > 0 {
			out = append(out, clauseGroup{Doc: doc, Clauses: cs})
		}
	}
	return out, nil
}

// resolveLinks pairs each link with its article and its clause; a link
// to a clause of a document the reader does not read is left out.
func resolveLinks(links []*payesh.ClauseLink, articles []*payesh.Clause, groups []clauseGroup) []*libraryLink {
	own := map[int64]*payesh.Clause{}
	for _, c := range articles {
		own[c.ID] = c
	}
	type target struct {
		c   *payesh.Clause
		doc *payesh.Document
	}
	other := map[int64]target{}
	for _, g := range groups {
		for _, c := range g.Clauses {
			other[c.ID] = target{c, g.Doc}
		}
	}
	var out []*libraryLink
	for _, l := range links {
		t, ok := other[l.ClauseID]
		if !ok {
			continue
		}
		ll := &libraryLink{Link: l, Clause: t.c, Target: t.doc}
		if l.ArticleID != nil {
			ll.Article = own[*l.ArticleID]
		}
		out = append(out, ll)
	}
	return out
}

// KB is a size in kilobytes, rounded up.
func (d *libraryDocPage) KB(size int64) int64 { return (size + 1023) / 1024 }

// Bare reports whether a clause's title only repeats its number.
func (d *libraryDocPage) Bare(title, number string) bool { return bareTitle(title, number) }

// FileOptions are the versions a sending may name, newest first.
func (d *libraryDocPage) FileOptions() []option {
	out := make([]option, len(d.Files))
	for i, f := range d.Files {
		label := formDigits(d.lang, fmt.Sprintf(i18n.T(d.lang, "ui.library.version"), f.Number))
		out[i] = option{strconv.FormatInt(f.ID, 10), label + " — " + f.Name}
	}
	return out
}

// ArticleOptions are the document's own clauses, which a link may name.
func (d *libraryDocPage) ArticleOptions() []option {
	out := make([]option, len(d.Articles))
	for i, c := range d.Articles {
		label := formDigits(d.lang, c.Number)
		if title := pick(d.lang, c.TitleFA, c.TitleEN); !bareTitle(title, c.Number) {
			label += " — " + title
		}
		out[i] = option{strconv.FormatInt(c.ID, 10), label}
	}
	return out
}
