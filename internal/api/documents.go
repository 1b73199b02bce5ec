package api

import (
	"net/http"

	"payesh"
)

// documentInput is what a client may set when creating a document.
type documentInput struct {
	Code     string              `json:"code"`
	Kind     payesh.DocumentKind `json:"kind"`
	TitleFA  string              `json:"title_fa"`
	TitleEN  string              `json:"title_en"`
	Issuer   string              `json:"issuer"`
	IssuedOn payesh.Date         `json:"issued_on"`
	Note     string              `json:"note"`
	// State is draft or approved; empty is approved.
	State payesh.DocumentState `json:"state"`
}

func (s *server) listDocuments(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := payesh.DocumentFilter{
		Kind:  enum(q, "kind", payesh.DocumentKind.Valid),
		State: enum(q, "state", payesh.DocumentState.Valid),
		Q:     q.str("q"),
		Page:  q.page(),
	}
	if err := q.err(); err != nil {
		return err
	}
	docs, total, err := s.Documents.FindDocuments(r.Context(), f)
	if err != nil {
		return err
	}
	return writeList(w, docs, total, f.Page)
}

func (s *server) createDocument(w http.ResponseWriter, r *http.Request) error {
	var in documentInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	d := &payesh.Document{Code: in.Code, Kind: in.Kind, TitleFA: in.TitleFA, TitleEN: in.TitleEN,
		Issuer: in.Issuer, IssuedOn: in.IssuedOn, Note: in.Note, State: in.State}
	if err := s.Documents.CreateDocument(r.Context(), d); err != nil {
		return err
	}
	return writeCreated(w, prefix+"/documents", d.ID, d)
}

func (s *server) getDocument(w http.ResponseWriter, r *http.Request) error {
	return getRow(w, r, s.Documents.FindDocumentByID)
}

func (s *server) patchDocument(w http.ResponseWriter, r *http.Request) error {
	return patchRow(w, r, func(up payesh.DocumentUpdate) int { return up.Version }, s.Documents.UpdateDocument)
}

func (s *server) deleteDocument(w http.ResponseWriter, r *http.Request) error {
	return deleteRow(w, r, s.Documents.DeleteDocument)
}

// listClauseProgress summarizes the work answering each clause of a
// document, in the clause tree's order, so a client can draw the policy's
// progress without walking every work item itself.
func (s *server) listClauseProgress(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := s.Documents.FindDocumentByID(r.Context(), id); err != nil {
		return err
	}
	clauses, err := s.Documents.FindClauses(r.Context(), id)
	if err != nil {
		return err
	}
	progress, err := s.Documents.FindClauseProgress(r.Context(), id)
	if err != nil {
		return err
	}
	items := make([]*payesh.ClauseProgress, 0, len(clauses))
	for _, c := range clauses {
		p, ok := progress[c.ID]
		if !ok {
			p = &payesh.ClauseProgress{ClauseID: c.ID}
		}
		items = append(items, p)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items})
}
