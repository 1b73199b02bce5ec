package payesh

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"time"
)

// The document library: the documents behind the policy's clauses — laws,
// the development plan, the budget law, regulations, supporting documents,
// draft programs, reports — each with the versions of its file, its state,
// the record of whom it was sent to and when, and its links to clauses.

// DocumentState is where a document stands. A draft is the secretariat's
// alone; an approved document is read by everyone; a document is sent once
// a sending is recorded, and stays sent.
type DocumentState string

const (
	DocDraft    DocumentState = "draft"
	DocApproved DocumentState = "approved"
	DocSent     DocumentState = "sent"
)

var DocumentStates = []DocumentState{DocDraft, DocApproved, DocSent}

func (s DocumentState) Valid() bool { return contains(DocumentStates, s) }

// ReadsDocument reports whether the reader reads a document in state st:
// drafts are read by admins and the secretariat only, who write them.
func (s ReadScope) ReadsDocument(st DocumentState) bool {
	return s.AllValues || st != DocDraft
}

// CheckStateChange says whether a document may move from one state to
// another by an edit. Sent is reached only by recording a sending, and a
// sent document stays sent: what left the building cannot be unsent.
func CheckStateChange(from, to DocumentState) error {
	switch {
	case from == to:
		return nil
	case to == DocSent:
		return Invalid(map[string]string{"state": "err.document.state_sent"})
	case from == DocSent:
		return Invalid(map[string]string{"state": "err.document.state_locked"})
	}
	return nil
}

// DocumentFile is one version of a document's file. Versions are numbered
// from 1 in the order they are uploaded and never replaced: a new text is
// a new version. The content is stored like a report's evidence.
type DocumentFile struct {
	ID          int64     `json:"id"`
	DocumentID  int64     `json:"document_id"`
	Number      int       `json:"number"` // the version: 1, 2, …
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	Note        string    `json:"note"`
	UploadedBy  *int64    `json:"uploaded_by"`
	CreatedAt   time.Time `json:"created_at"`
}

// MaxDocumentFiles bounds the versions one document keeps.
const MaxDocumentFiles = 100

// documentFileTypes are the extensions a document's file may have: PDF and
// Office files, the forms documents circulate in (no images).
var documentFileTypes = map[string]bool{".pdf": true, ".docx": true, ".xlsx": true, ".pptx": true,
	".odt": true, ".ods": true, ".doc": true, ".xls": true}

// CheckDocumentFileName returns the name to store for a document's file:
// a plain file name, as CheckEvidenceName judges it, of a PDF or an Office
// file.
func CheckDocumentFileName(name string) (string, error) {
	name, err := CheckEvidenceName(name)
	if err != nil {
		return "", err
	}
	if !documentFileTypes[strings.ToLower(filepath.Ext(name))] {
		return "", Invalid(map[string]string{"file": "err.document.file_type"})
	}
	return name, nil
}

// CheckFileNote checks a version's note after NormalizeText.
func CheckFileNote(note string) error {
	f := map[string]string{}
	if len([]rune(note)) > 500 {
		f["note"] = "err.too_long"
	}
	checkText(f, map[string]string{"note": note})
	return Invalid(f)
}

// Sending records that a document was sent: to whom (the ministry,
// parliament…), on which day, under which letter, and which version.
type Sending struct {
	ID         int64  `json:"id"`
	DocumentID int64  `json:"document_id"`
	Recipient  string `json:"recipient"`
	SentOn     Date   `json:"sent_on"`
	// LetterNo is the outgoing letter's number, as written on it.
	LetterNo string `json:"letter_no"`
	// FileID is the version sent; nil when the record does not say.
	FileID    *int64    `json:"file_id"`
	Note      string    `json:"note"`
	CreatedBy *int64    `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
}

func (s *Sending) Normalize() {
	s.Recipient = NormalizeText(s.Recipient)
	s.LetterNo = NormalizeText(s.LetterNo)
	s.Note = NormalizeText(s.Note)
}

// Validate checks a sending; today bounds its date, since a sending is a
// record of what happened.
func (s *Sending) Validate(today Date) error {
	f := map[string]string{}
	if s.Recipient == "" {
		f["recipient"] = "err.required"
	} else if len([]rune(s.Recipient)) > 200 {
		f["recipient"] = "err.too_long"
	}
	if s.SentOn.IsZero() {
		f["sent_on"] = "err.required"
	} else if s.SentOn.After(today) {
		f["sent_on"] = "err.sending.future"
	}
	if len([]rune(s.LetterNo)) > 100 {
		f["letter_no"] = "err.too_long"
	}
	if len([]rune(s.Note)) > 1000 {
		f["note"] = "err.too_long"
	}
	checkText(f, map[string]string{"recipient": s.Recipient, "letter_no": s.LetterNo, "note": s.Note})
	return Invalid(f)
}

// ClauseLink ties a document — or one article of it — to a clause of
// another document: «ماده X برنامهٔ هفتم → بند ۳», or a supporting
// document to the clause it supports.
type ClauseLink struct {
	ID         int64 `json:"id"`
	DocumentID int64 `json:"document_id"`
	// ArticleID is the clause of DocumentID that speaks to the clause
	// (ماده X); nil when the whole document does.
	ArticleID *int64    `json:"article_id"`
	ClauseID  int64     `json:"clause_id"`
	Note      string    `json:"note"`
	CreatedBy *int64    `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
}

// CheckLinkNote checks a link's note after NormalizeText.
func CheckLinkNote(note string) error {
	f := map[string]string{}
	if len([]rune(note)) > 500 {
		f["note"] = "err.too_long"
	}
	checkText(f, map[string]string{"note": note})
	return Invalid(f)
}

// MaxDocumentLinks bounds the clause links of one document.
const MaxDocumentLinks = 2000

// LinkedDocument is a link seen from the clause: the document, the article
// when the link names one, the document's versions and sendings.
type LinkedDocument struct {
	Link     *ClauseLink `json:"link"`
	Document *Document   `json:"document"`
	Article  *Clause     `json:"article"`
	// Files are the document's versions, newest first.
	Files    []*DocumentFile `json:"files"`
	Sendings []*Sending      `json:"sendings"`
}

// ClauseLibrary is what the library holds for one clause: the supporting
// documents linked to it, and the other documents' articles (and whole
// documents) linked to it.
type ClauseLibrary struct {
	ClauseID   int64             `json:"clause_id"`
	Supporting []*LinkedDocument `json:"supporting"`
	Upstream   []*LinkedDocument `json:"upstream"`
}

// LibraryService keeps the documents' files, sendings and clause links.
// Documents themselves are DocumentService's. Admins and the secretariat
// write; readers read what ReadsDocument allows.
type LibraryService interface {
	// AddDocumentFile stores a new version of a document's file.
	AddDocumentFile(ctx context.Context, documentID int64, name, note string, content io.Reader) (*DocumentFile, error)
	// FindDocumentFiles lists a document's versions, newest first.
	FindDocumentFiles(ctx context.Context, documentID int64) ([]*DocumentFile, error)
	// OpenDocumentFile returns a version with its content, for readers of
	// its document.
	OpenDocumentFile(ctx context.Context, id int64) (*DocumentFile, []byte, error)

	// AddSending records a sending of an approved (or already sent)
	// document and makes it sent.
	AddSending(ctx context.Context, s *Sending) error
	FindSendings(ctx context.Context, documentID int64) ([]*Sending, error)

	// LinkDocument ties a document, or an article of it, to a clause of
	// another document.
	LinkDocument(ctx context.Context, l *ClauseLink) error
	UnlinkDocument(ctx context.Context, id int64) error
	// FindDocumentLinks lists a document's links to clauses.
	FindDocumentLinks(ctx context.Context, documentID int64) ([]*ClauseLink, error)
	// FindClauseLibrary is what the library holds for a clause.
	FindClauseLibrary(ctx context.Context, clauseID int64) (*ClauseLibrary, error)
	// FindUnsupportedClauses lists a document's clauses that no supporting
	// document the reader reads is linked to, in tree order.
	FindUnsupportedClauses(ctx context.Context, documentID int64) ([]*Clause, error)
}
