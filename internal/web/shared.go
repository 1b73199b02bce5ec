package web

import (
	"net/http"

	"payesh"
	"payesh/internal/jalali"
)

// unitMap returns every org unit by id, for showing owner and partner
// names beside work: built once per version of the tree (unitIndexOf) and
// shared by every request, so read it, never change it.
func (s *server) unitMap(r *http.Request) (map[int64]*payesh.OrgUnit, error) {
	ix, err := s.unitIndexOf(r)
	if err != nil {
		return nil, err
	}
	return ix.byID, nil
}

// monthBounds returns the first and last day of the Jalali month of d.
func monthBounds(d payesh.Date) (first, last payesh.Date) {
	p := jalali.PeriodOf(d.Jalali(), jalali.Month)
	return payesh.FromJalali(p.First()), payesh.FromJalali(p.Last())
}

// policyView is a document with its clause tree and each clause's progress.
type policyView struct {
	Doc      *payesh.Document
	Clauses  []*payesh.Clause // tree order
	Progress map[int64]*payesh.ClauseProgress
}

// Top returns the top-level clauses: for the General Social Security
// Policies, the nine axes.
func (p *policyView) Top() []*payesh.Clause {
	var out []*payesh.Clause
	for _, c := range p.Clauses {
		if c.ParentID == nil {
			out = append(out, c)
		}
	}
	return out
}

// Of returns the progress summary of a clause.
func (p *policyView) Of(id int64) *payesh.ClauseProgress {
	if cp, ok := p.Progress[id]; ok {
		return cp
	}
	return &payesh.ClauseProgress{ClauseID: id}
}

// loadPolicy loads a document's clause tree and progress.
func (s *server) loadPolicy(r *http.Request, doc *payesh.Document) (*policyView, error) {
	ctx := r.Context()
	clauses, err := s.Documents.FindClauses(ctx, doc.ID)
	if err != nil {
		return nil, err
	}
	prog, err := s.Documents.FindClauseProgress(ctx, doc.ID)
	if err != nil {
		return nil, err
	}
	return &policyView{Doc: doc, Clauses: clauses, Progress: prog}, nil
}

// mainPolicy is the policy document Payesh opens on, with its clause tree
// and every clause's progress; nil when there is none yet. Pages that
// only name clauses use mainClauses: the progress reads every link.
func (s *server) mainPolicy(r *http.Request) (*policyView, error) {
	doc, err := s.mainDocument(r)
	if err != nil || doc == nil {
		return nil, err
	}
	return s.loadPolicy(r, doc)
}

// mainOutline is the main policy and its clause tree without progress,
// for pages that group or count by axis: the progress reads every link.
func (s *server) mainOutline(r *http.Request) (*policyView, error) {
	doc, err := s.mainDocument(r)
	if err != nil || doc == nil {
		return nil, err
	}
	clauses, err := s.Documents.FindClauses(r.Context(), doc.ID)
	if err != nil {
		return nil, err
	}
	return &policyView{Doc: doc, Clauses: clauses}, nil
}

// mainClauses returns the main policy's clause tree without progress;
// nil when there is no policy yet.
func (s *server) mainClauses(r *http.Request) ([]*payesh.Clause, error) {
	doc, err := s.mainDocument(r)
	if err != nil || doc == nil {
		return nil, err
	}
	return s.Documents.FindClauses(r.Context(), doc.ID)
}

// mainDocument is the General Social Security Policies (code gssp) when
// loaded, else the first policy; nil when there is none yet.
func (s *server) mainDocument(r *http.Request) (*payesh.Document, error) {
	docs, _, err := s.Documents.FindDocuments(r.Context(), payesh.DocumentFilter{Kind: payesh.DocPolicy, Page: payesh.Page{Limit: payesh.MaxLimit}})
	if err != nil || len(docs) == 0 {
		return nil, err
	}
	doc := docs[0]
	for _, d := range docs {
		if d.Code == "gssp" {
			doc = d
		}
	}
	return doc, nil
}
