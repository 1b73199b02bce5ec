package api

import (
	"bytes"
	"net/http"
	"slices"
	"strconv"

	"payesh"
	"payesh/internal/download"
)

// The document library: a document's file versions, its sendings, its
// links to clauses, a clause's library and the clauses without a
// supporting document.

func (s *server) listDocumentFiles(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	list, err := s.Library.FindDocumentFiles(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list})
}

// uploadDocumentFile adds a version: multipart/form-data with a part
// "file" and, optionally, a part "note".
func (s *server) uploadDocumentFile(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	// An unknown document, or a user who may not add versions, is
	// answered before a byte of the file is read; the store decides again.
	if _, err := s.Documents.FindDocumentByID(r.Context(), id); err != nil {
		return err
	}
	if !payesh.UserFrom(r.Context()).CanConfigure() {
		return payesh.ErrForbidden
	}
	if r.ContentLength > maxUpload {
		return errFileTooLarge
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	name, note, data, err := readDocumentUpload(r)
	if err != nil {
		return err
	}
	f, err := s.Library.AddDocumentFile(r.Context(), id, name, note, bytes.NewReader(data))
	if err != nil {
		return err
	}
	return writeCreated(w, prefix+"/document-files", f.ID, f)
}

// readDocumentUpload reads one part "file" and at most one part "note".
func readDocumentUpload(r *http.Request) (name, note string, data []byte, err error) {
	form, err := readMultipart(r, "note")
	if err != nil {
		return "", "", nil, err
	}
	if _, err := form.requireFile(); err != nil {
		return "", "", nil, err
	}
	return form.File.Name, form.Fields["note"], form.Data, nil
}

// downloadDocumentFile serves a version to those who read its document,
// as evidence is served: an attachment, never sniffed.
func (s *server) downloadDocumentFile(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, data, err := s.Library.OpenDocumentFile(r.Context(), id)
	if err != nil {
		return err
	}
	download.DocumentFile(w, r, f, data)
	return nil
}

func (s *server) listSendings(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	list, err := s.Library.FindSendings(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list})
}

// sendingInput is what a client records of a sending.
type sendingInput struct {
	Recipient string      `json:"recipient"`
	SentOn    payesh.Date `json:"sent_on"`
	LetterNo  string      `json:"letter_no"`
	FileID    *int64      `json:"file_id"`
	Note      string      `json:"note"`
}

func (s *server) createSending(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in sendingInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	sd := &payesh.Sending{DocumentID: id, Recipient: in.Recipient, SentOn: in.SentOn, LetterNo: in.LetterNo,
		FileID: in.FileID, Note: in.Note}
	if err := s.Library.AddSending(r.Context(), sd); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, sd)
}

func (s *server) listDocumentLinks(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	list, err := s.Library.FindDocumentLinks(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list})
}

// linkInput ties the document in the path, or its article, to a clause.
type linkInput struct {
	ClauseID  int64  `json:"clause_id"`
	ArticleID *int64 `json:"article_id"`
	Note      string `json:"note"`
}

func (s *server) createDocumentLink(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in linkInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	l := &payesh.ClauseLink{DocumentID: id, ClauseID: in.ClauseID, ArticleID: in.ArticleID, Note: in.Note}
	if err := s.Library.LinkDocument(r.Context(), l); err != nil {
		return err
	}
	return writeCreated(w, prefix+"/clause-links", l.ID, l)
}

func (s *server) deleteDocumentLink(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.Library.UnlinkDocument(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *server) getClauseLibrary(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	lib, err := s.Library.FindClauseLibrary(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, lib)
}

func (s *server) listUnsupportedClauses(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	list, err := s.Library.FindUnsupportedClauses(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list})
}

// search is the one search: q, optional kind (repeatable) and limit.
func (s *server) search(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	sq := payesh.SearchQuery{Q: q.str("q"), Kinds: searchKinds(q), Limit: searchLimit(q)}
	q.require("q", sq.Q != "")
	if err := q.err(); err != nil {
		return err
	}
	hits, err := s.Search.Search(r.Context(), sq)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": hits})
}

// searchKinds reads the repeatable kind parameter.
func searchKinds(q *query) []string {
	q.read["kind"] = true
	kinds := q.values["kind"]
	if len(kinds) > len(payesh.SearchKinds) {
		q.bad("kind")
		return nil
	}
	for _, k := range kinds {
		if !slices.Contains(payesh.SearchKinds, k) {
			q.bad("kind")
		}
	}
	return kinds
}

// searchLimit reads limit, 1 to payesh.MaxSearchLimit; 0 when absent.
func searchLimit(q *query) int {
	s := q.str("limit")
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > payesh.MaxSearchLimit {
		q.bad("limit")
	}
	return n
}
