package api

import (
	"net/http"

	"payesh"
)

// clauseInput is what a client may set when creating a clause; the
// document comes from the path.
type clauseInput struct {
	ParentID *int64 `json:"parent_id"`
	Number   string `json:"number"`
	Ordinal  int    `json:"ordinal"`
	TitleFA  string `json:"title_fa"`
	TitleEN  string `json:"title_en"`
	Text     string `json:"text"`
	Note     string `json:"note"`
}

// listClauses returns a document's whole clause tree in tree order. It is
// not paginated: a tree cut into pages loses its shape, and even the
// largest law has a few hundred clauses.
func (s *server) listClauses(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	// Ask for the document first so that an unknown one is a 404, not an
	// empty tree.
	if _, err := s.Documents.FindDocumentByID(r.Context(), id); err != nil {
		return err
	}
	clauses, err := s.Documents.FindClauses(r.Context(), id)
	if err != nil {
		return err
	}
	if clauses == nil {
		clauses = []*payesh.Clause{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": clauses})
}

func (s *server) createClause(w http.ResponseWriter, r *http.Request) error {
	docID, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in clauseInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	c := &payesh.Clause{DocumentID: docID, ParentID: in.ParentID, Number: in.Number, Ordinal: in.Ordinal,
		TitleFA: in.TitleFA, TitleEN: in.TitleEN, Text: in.Text, Note: in.Note}
	if err := s.Documents.CreateClause(r.Context(), c); err != nil {
		return err
	}
	return writeCreated(w, prefix+"/clauses", c.ID, c)
}

func (s *server) getClause(w http.ResponseWriter, r *http.Request) error {
	return getRow(w, r, s.Documents.FindClauseByID)
}

func (s *server) patchClause(w http.ResponseWriter, r *http.Request) error {
	return patchRow(w, r, func(up payesh.ClauseUpdate) int { return up.Version }, s.Documents.UpdateClause)
}

func (s *server) deleteClause(w http.ResponseWriter, r *http.Request) error {
	return deleteRow(w, r, s.Documents.DeleteClause)
}
