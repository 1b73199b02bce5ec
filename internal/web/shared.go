package web

import (
	"net/http"

	"payesh"
	"payesh/internal/jalali"
)

// unitMap loads every org unit by id, for showing owner and partner names
// beside work. The tree is a few thousand rows at most.
func (s *server) unitMap(r *http.Request) (map[int64]*payesh.OrgUnit, error) {
	m := map[int64]*payesh.OrgUnit{}
	for offset := 0; ; offset += payesh.MaxLimit {
		units, total, err := s.Units.FindOrgUnits(r.Context(), payesh.OrgUnitFilter{Page: payesh.Page{Limit: payesh.MaxLimit, Offset: offset}})
		if err != nil {
			return nil, err
		}
		for _, u := range units {
			m[u.ID] = u
		}
		if offset+payesh.MaxLimit >= total {
			return m, nil
		}
	}
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

// mainPolicy is the policy document Payesh opens on: the General Social
// Security Policies (code gssp) when loaded, else the first policy; nil
// when there is none yet.
func (s *server) mainPolicy(r *http.Request) (*policyView, error) {
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
	return s.loadPolicy(r, doc)
}
