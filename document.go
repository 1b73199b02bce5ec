package payesh

import (
	"context"
	"time"
)

// DocumentKind says what a document is. The General Social Security Policies
// is the first; the 7th Development Plan or a budget law are added the same way.
type DocumentKind string

const (
	DocPolicy     DocumentKind = "policy"
	DocLaw        DocumentKind = "law"
	DocPlan       DocumentKind = "plan" // a development plan (برنامهٔ توسعه)
	DocBudgetLaw  DocumentKind = "budget_law"
	DocRegulation DocumentKind = "regulation"
	// DocSupporting is a supporting document (سند پشتیبان): what a clause
	// needs to be carried out. A clause no such document is linked to
	// shows on the report of clauses without one (library.go).
	DocSupporting DocumentKind = "supporting"
	DocProgram    DocumentKind = "program" // a program, usually a draft (برنامهٔ پیشنهادی)
	DocReport     DocumentKind = "report"
)

var DocumentKinds = []DocumentKind{DocPolicy, DocLaw, DocPlan, DocBudgetLaw, DocRegulation, DocSupporting, DocProgram, DocReport}

func (k DocumentKind) Valid() bool { return contains(DocumentKinds, k) }

// Document is a policy, law or plan whose clauses work answers.
type Document struct {
	ID       int64        `json:"id"`
	Code     string       `json:"code"`
	Kind     DocumentKind `json:"kind"`
	TitleFA  string       `json:"title_fa"`
	TitleEN  string       `json:"title_en"`
	Issuer   string       `json:"issuer"`
	IssuedOn Date         `json:"issued_on"`
	Note     string       `json:"note"`
	// State is where the document stands: draft, approved, or sent once a
	// sending is recorded (library.go). Only the secretariat reads drafts.
	State     DocumentState `json:"state"`
	Version   int           `json:"version"`
	CreatedAt time.Time     `json:"created_at"`
	UpdatedAt time.Time     `json:"updated_at"`
}

func (d *Document) Normalize() {
	d.Code = NormalizeText(d.Code)
	d.TitleFA = NormalizeText(d.TitleFA)
	d.TitleEN = NormalizeText(d.TitleEN)
	d.Issuer = NormalizeText(d.Issuer)
	d.Note = NormalizeText(d.Note)
}

func (d *Document) Validate() error {
	f := map[string]string{}
	if !codePattern.MatchString(d.Code) {
		f["code"] = "err.code"
	}
	if !d.Kind.Valid() {
		f["kind"] = "err.document.kind"
	}
	if d.TitleFA == "" {
		f["title_fa"] = "err.required"
	}
	if len([]rune(d.TitleFA)) > 300 || len([]rune(d.TitleEN)) > 300 {
		f["title_fa"] = "err.too_long"
	}
	if len([]rune(d.Issuer)) > 300 {
		f["issuer"] = "err.too_long"
	}
	if len(d.Note) > 16<<10 {
		f["note"] = "err.too_long"
	}
	if d.State != "" && !d.State.Valid() {
		f["state"] = "err.document.state"
	}
	checkText(f, map[string]string{"code": d.Code, "title_fa": d.TitleFA, "title_en": d.TitleEN,
		"issuer": d.Issuer, "note": d.Note})
	return Invalid(f)
}

// DocumentUpdate is a partial change of a document.
type DocumentUpdate struct {
	Code     *string       `json:"code"`
	Kind     *DocumentKind `json:"kind"`
	TitleFA  *string       `json:"title_fa"`
	TitleEN  *string       `json:"title_en"`
	Issuer   *string       `json:"issuer"`
	IssuedOn *Date         `json:"issued_on"`
	Note     *string       `json:"note"`
	// State moves a document between draft and approved; sent is set by
	// recording a sending (LibraryService.AddSending).
	State   *DocumentState `json:"state"`
	Version int            `json:"version"`
}

func (up DocumentUpdate) Apply(d *Document) {
	setIf(&d.Code, up.Code)
	setIf(&d.Kind, up.Kind)
	setIf(&d.TitleFA, up.TitleFA)
	setIf(&d.TitleEN, up.TitleEN)
	setIf(&d.Issuer, up.Issuer)
	setIf(&d.IssuedOn, up.IssuedOn)
	setIf(&d.Note, up.Note)
	setIf(&d.State, up.State)
}

// Clause is a بند or جزء of a document. Clauses nest (clause → sub-clause);
// Number is how the text cites it ("8", "8-1").
type Clause struct {
	ID         int64  `json:"id"`
	DocumentID int64  `json:"document_id"`
	ParentID   *int64 `json:"parent_id"`
	Number     string `json:"number"`
	Ordinal    int    `json:"ordinal"`
	TitleFA    string `json:"title_fa"`
	TitleEN    string `json:"title_en"`
	Text       string `json:"text"`
	Note       string `json:"note"`
	Path       string `json:"path"`
	Depth      int    `json:"depth"`
	// WorkCount is the number of work items linked to the clause or its
	// sub-clauses; a clause nobody answers stands out.
	WorkCount int       `json:"work_count"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

func (c *Clause) Normalize() {
	c.Number = NormalizeText(c.Number)
	c.TitleFA = NormalizeText(c.TitleFA)
	c.TitleEN = NormalizeText(c.TitleEN)
	c.Text = NormalizeText(c.Text)
	c.Note = NormalizeText(c.Note)
}

func (c *Clause) Validate() error {
	f := map[string]string{}
	if c.DocumentID == 0 {
		f["document_id"] = "err.required"
	}
	if c.Number == "" {
		f["number"] = "err.required"
	}
	if len([]rune(c.Number)) > 20 {
		f["number"] = "err.too_long"
	}
	if c.TitleFA == "" {
		f["title_fa"] = "err.required"
	}
	if len([]rune(c.TitleFA)) > 500 || len([]rune(c.TitleEN)) > 500 {
		f["title_fa"] = "err.too_long"
	}
	if len(c.Text) > 64<<10 {
		f["text"] = "err.too_long"
	}
	if c.Ordinal < 0 {
		f["ordinal"] = "err.negative"
	}
	checkText(f, map[string]string{"number": c.Number, "title_fa": c.TitleFA, "title_en": c.TitleEN,
		"text": c.Text, "note": c.Note})
	return Invalid(f)
}

// ClauseUpdate is a partial change of a clause; ParentID 0 makes it top-level.
type ClauseUpdate struct {
	ParentID *int64  `json:"parent_id"`
	Number   *string `json:"number"`
	Ordinal  *int    `json:"ordinal"`
	TitleFA  *string `json:"title_fa"`
	TitleEN  *string `json:"title_en"`
	Text     *string `json:"text"`
	Note     *string `json:"note"`
	Version  int     `json:"version"`
}

func (up ClauseUpdate) Apply(c *Clause) {
	if up.ParentID != nil {
		c.ParentID = nonZero(*up.ParentID)
	}
	setIf(&c.Number, up.Number)
	setIf(&c.Ordinal, up.Ordinal)
	setIf(&c.TitleFA, up.TitleFA)
	setIf(&c.TitleEN, up.TitleEN)
	setIf(&c.Text, up.Text)
	setIf(&c.Note, up.Note)
}

// ClauseProgress summarizes the work answering a clause and its
// sub-clauses. Only the top-most linked items count, so a program and its
// own actions, both linked, are not counted twice.
type ClauseProgress struct {
	ClauseID int64 `json:"clause_id"`
	Items    int   `json:"items"`
	Done     int   `json:"done"`
	Overdue  int   `json:"overdue"`
	// Progress is the weighted average of the counted items' progress,
	// cancelled items left out, as RollUp computes a parent's.
	Progress float64 `json:"progress"`
}

// DocumentFilter selects documents.
type DocumentFilter struct {
	Kind  DocumentKind
	State DocumentState
	Q     string
	Page
}

// DocumentService manages documents and their clause trees.
type DocumentService interface {
	FindDocumentByID(ctx context.Context, id int64) (*Document, error)
	FindDocuments(ctx context.Context, f DocumentFilter) ([]*Document, int, error)
	CreateDocument(ctx context.Context, d *Document) error
	UpdateDocument(ctx context.Context, id int64, up DocumentUpdate) (*Document, error)
	DeleteDocument(ctx context.Context, id int64, version int) error

	FindClauseByID(ctx context.Context, id int64) (*Clause, error)
	// FindClauses returns a document's clauses in tree order (depth first,
	// by ordinal).
	FindClauses(ctx context.Context, documentID int64) ([]*Clause, error)
	CreateClause(ctx context.Context, c *Clause) error
	UpdateClause(ctx context.Context, id int64, up ClauseUpdate) (*Clause, error)
	DeleteClause(ctx context.Context, id int64, version int) error

	// FindClauseProgress summarizes every clause of a document, keyed by
	// clause id; a clause no work answers has Items 0.
	FindClauseProgress(ctx context.Context, documentID int64) (map[int64]*ClauseProgress, error)
}
