package web

import (
	"net/http"
	"strconv"

	"payesh"
	"payesh/internal/jalali"
)

// unsupportedPage is the report of a document's clauses that no
// supporting document is linked to: where the secretariat's first
// priority, the supporting documents, is still owed.
type unsupportedPage struct {
	Doc     *payesh.Document // nil when there is no document yet
	Docs    []*payesh.Document
	Clauses []*payesh.Clause
	Total   int // the document's clauses
}

// Bare reports whether a clause's title only repeats its number.
func (p *unsupportedPage) Bare(title, number string) bool { return bareTitle(title, number) }

// libraryUnsupported lists the clauses of ?document= (the main policy
// when none is named) without a supporting document the reader reads.
func (s *server) libraryUnsupported(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	d := &unsupportedPage{}
	var err error
	if raw := r.URL.Query().Get("document"); raw != "" {
		id, perr := strconv.ParseInt(jalali.ToLatinDigits(raw), 10, 64)
		if perr != nil || id <= 0 {
			return payesh.NotFound("document")
		}
		d.Doc, err = s.Documents.FindDocumentByID(ctx, id)
	} else {
		d.Doc, err = s.mainDocument(r)
	}
	if err != nil {
		return err
	}
	if d.Docs, _, err = s.Documents.FindDocuments(ctx, payesh.DocumentFilter{Page: payesh.Page{Limit: payesh.MaxLimit}}); err != nil {
		return err
	}
	if d.Doc != nil {
		all, err := s.Documents.FindClauses(ctx, d.Doc.ID)
		if err != nil {
			return err
		}
		d.Total = len(all)
		if d.Clauses, err = s.Library.FindUnsupportedClauses(ctx, d.Doc.ID); err != nil {
			return err
		}
	}
	return s.render(w, r, http.StatusOK, "library_unsupported", s.newView(r, "ui.unsupported.title", d))
}
