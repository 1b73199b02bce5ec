package store

import (
	"context"
	"database/sql"

	"payesh"
)

// LinkDocument ties a document, or one of its articles, to a clause of
// another document.
func (db *DB) LinkDocument(ctx context.Context, l *payesh.ClauseLink) error {
	if err := requireConfigure(ctx); err != nil {
		return err
	}
	l.Note = payesh.NormalizeText(l.Note)
	if err := payesh.CheckLinkNote(l.Note); err != nil {
		return err
	}
	if l.ArticleID != nil && *l.ArticleID == 0 {
		l.ArticleID = nil
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.lockDocument(l.DocumentID); err != nil {
			return err
		}
		target, err := findClause(tx.ctx, tx, l.ClauseID)
		if err == nil && target.DocumentID == l.DocumentID {
			return payesh.Invalid(map[string]string{"clause_id": "err.link.same_document"})
		} else if err != nil {
			return fieldIfNotFound(err, "clause_id")
		}
		var articleKey int64
		if l.ArticleID != nil {
			article, err := findClause(tx.ctx, tx, *l.ArticleID)
			if err == nil && article.DocumentID != l.DocumentID {
				return payesh.Invalid(map[string]string{"article_id": "err.link.article"})
			} else if err != nil {
				return fieldIfNotFound(err, "article_id")
			}
			articleKey = article.ID
		}
		var n int
		if err := tx.QueryRowContext(tx.ctx, `SELECT COUNT(*) FROM clause_links WHERE document_id = $1`, l.DocumentID).Scan(&n); err != nil {
			return err
		}
		if n >= payesh.MaxDocumentLinks {
			return payesh.Invalid(map[string]string{"clause_id": "err.link.too_many"})
		}
		l.CreatedAt = tx.now
		if tx.actor.ID != 0 {
			l.CreatedBy = &tx.actor.ID
		}
		err = tx.QueryRowContext(tx.ctx, `INSERT INTO clause_links (document_id, article_id, article_key, clause_id, note, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			l.DocumentID, l.ArticleID, articleKey, l.ClauseID, l.Note, l.CreatedBy, tx.now).Scan(&l.ID)
		if isUniqueViolation(err) {
			return payesh.Errorf(payesh.ECONFLICT, "err.link.exists")
		} else if err != nil {
			return err
		}
		return tx.audit("clause_link", l.ID, payesh.ActionCreate, nil, l)
	})
}

// fieldIfNotFound turns a referenced row's absence into a field error.
func fieldIfNotFound(err error, field string) error {
	if payesh.ErrorCode(err) == payesh.ENOTFOUND {
		return payesh.Invalid(map[string]string{field: "err.not_found"})
	}
	return err
}

// UnlinkDocument removes a link.
func (db *DB) UnlinkDocument(ctx context.Context, id int64) error {
	if err := requireConfigure(ctx); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		before, err := scanClauseLink(tx.QueryRowContext(tx.ctx, `SELECT `+clauseLinkColumns+` FROM clause_links l WHERE l.id = $1`, id))
		if err != nil {
			return notFoundIfNoRows(err, "clause_link")
		}
		if _, err := tx.ExecContext(tx.ctx, `DELETE FROM clause_links WHERE id = $1`, id); err != nil {
			return err
		}
		return tx.audit("clause_link", id, payesh.ActionDelete, before, nil)
	})
}

const clauseLinkColumns = `l.id, l.document_id, l.article_id, l.clause_id, l.note, l.created_by, l.created_at`

func scanClauseLink(r interface{ Scan(...any) error }) (*payesh.ClauseLink, error) {
	var l payesh.ClauseLink
	var article, by sql.NullInt64
	err := r.Scan(&l.ID, &l.DocumentID, &article, &l.ClauseID, &l.Note, &by, &l.CreatedAt)
	if article.Valid {
		l.ArticleID = &article.Int64
	}
	if by.Valid {
		l.CreatedBy = &by.Int64
	}
	return &l, err
}

// FindDocumentLinks lists a document's links, by article then clause.
func (db *DB) FindDocumentLinks(ctx context.Context, documentID int64) ([]*payesh.ClauseLink, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := db.readableDocument(ctx, db.db, s, documentID); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+clauseLinkColumns+` FROM clause_links l
		WHERE l.document_id = $1 ORDER BY l.article_key, l.clause_id`, documentID)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (*payesh.ClauseLink, error) { return scanClauseLink(r) })
}

// FindClauseLibrary gathers what the library holds for a clause: the
// documents (and articles) linked to it that the reader reads, each with
// its versions and sendings — four queries whatever their number.
func (db *DB) FindClauseLibrary(ctx context.Context, clauseID int64) (*payesh.ClauseLibrary, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := findClause(ctx, db.db, clauseID); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+clauseLinkColumns+`, `+documentColumns+` FROM clause_links l
		JOIN documents d ON d.id = l.document_id WHERE l.clause_id = $1 ORDER BY CASE WHEN d.issued_on IS NULL THEN 1 ELSE 0 END, d.issued_on DESC, d.id, l.article_key`, clauseID)
	if err != nil {
		return nil, err
	}
	links, err := scanAll(rows, func(r *sql.Rows) (*payesh.LinkedDocument, error) {
		var ld payesh.LinkedDocument
		var l payesh.ClauseLink
		var d payesh.Document
		var article, by sql.NullInt64
		err := r.Scan(&l.ID, &l.DocumentID, &article, &l.ClauseID, &l.Note, &by, &l.CreatedAt,
			&d.ID, &d.Code, &d.Kind, &d.TitleFA, &d.TitleEN, &d.Issuer, &d.IssuedOn, &d.Note, &d.State, &d.Version, &d.CreatedAt, &d.UpdatedAt)
		if article.Valid {
			l.ArticleID = &article.Int64
		}
		if by.Valid {
			l.CreatedBy = &by.Int64
		}
		ld.Link, ld.Document = &l, &d
		return &ld, err
	})
	if err != nil {
		return nil, err
	}
	out := &payesh.ClauseLibrary{ClauseID: clauseID, Supporting: []*payesh.LinkedDocument{}, Upstream: []*payesh.LinkedDocument{}}
	var docIDs []int64
	byDoc := map[int64][]*payesh.LinkedDocument{}
	for _, ld := range links {
		if !s.ReadsDocument(ld.Document.State) {
			continue
		}
		if ld.Link.ArticleID != nil {
			if ld.Article, err = findClause(ctx, db.db, *ld.Link.ArticleID); err != nil {
				return nil, err
			}
		}
		if byDoc[ld.Document.ID] == nil {
			docIDs = append(docIDs, ld.Document.ID)
		}
		byDoc[ld.Document.ID] = append(byDoc[ld.Document.ID], ld)
		ld.Files, ld.Sendings = []*payesh.DocumentFile{}, []*payesh.Sending{}
		if ld.Document.Kind == payesh.DocSupporting {
			out.Supporting = append(out.Supporting, ld)
		} else {
			out.Upstream = append(out.Upstream, ld)
		}
	}
	files, err := db.documentFiles(ctx, docIDs)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		for _, ld := range byDoc[f.DocumentID] {
			ld.Files = append(ld.Files, f)
		}
	}
	sendings, err := db.sendings(ctx, docIDs)
	if err != nil {
		return nil, err
	}
	for _, sd := range sendings {
		for _, ld := range byDoc[sd.DocumentID] {
			ld.Sendings = append(ld.Sendings, sd)
		}
	}
	return out, nil
}

// FindUnsupportedClauses lists a document's clauses, in tree order, that
// no supporting document the reader reads is linked to.
func (db *DB) FindUnsupportedClauses(ctx context.Context, documentID int64) ([]*payesh.Clause, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := db.readableDocument(ctx, db.db, s, documentID); err != nil {
		return nil, err
	}
	w := &where{}
	w.add(`d.kind = ?`, payesh.DocSupporting)
	if !s.ReadsDocument(payesh.DocDraft) {
		w.add(`d.state <> ?`, payesh.DocDraft)
	}
	w.add(`c.document_id = ?`, documentID)
	rows, err := db.db.QueryContext(ctx, `SELECT DISTINCT l.clause_id FROM clause_links l
		JOIN documents d ON d.id = l.document_id JOIN clauses c ON c.id = l.clause_id`+w.String(), w.args...)
	if err != nil {
		return nil, err
	}
	ids, err := scanAll(rows, func(r *sql.Rows) (id int64, err error) { return id, r.Scan(&id) })
	if err != nil {
		return nil, err
	}
	supported := map[int64]bool{}
	for _, id := range ids {
		supported[id] = true
	}
	clauses, err := db.FindClauses(ctx, documentID)
	if err != nil {
		return nil, err
	}
	out := []*payesh.Clause{}
	for _, c := range clauses {
		if !supported[c.ID] {
			out = append(out, c)
		}
	}
	return out, nil
}
