package store

import (
	"context"
	"database/sql"

	"payesh"
)

const documentColumns = `d.id, d.code, d.kind, d.title_fa, d.title_en, d.issuer, d.issued_on, d.note, d.state, d.version, d.created_at, d.updated_at`

func scanDocument(r interface{ Scan(...any) error }) (*payesh.Document, error) {
	var d payesh.Document
	err := r.Scan(&d.ID, &d.Code, &d.Kind, &d.TitleFA, &d.TitleEN, &d.Issuer, &d.IssuedOn, &d.Note,
		&d.State, &d.Version, &d.CreatedAt, &d.UpdatedAt)
	return &d, err
}

func findDocument(ctx context.Context, q queryer, id int64) (*payesh.Document, error) {
	d, err := scanDocument(q.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM documents d WHERE d.id = $1`, id))
	return d, notFoundIfNoRows(err, "document")
}

// FindDocumentByID returns one document the reader reads.
func (db *DB) FindDocumentByID(ctx context.Context, id int64) (*payesh.Document, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	d, err := findDocument(ctx, db.db, id)
	if err != nil {
		return nil, err
	}
	if !s.ReadsDocument(d.State) {
		return nil, payesh.NotFound("document")
	}
	return d, nil
}

// FindDocuments lists documents by issue date, newest first.
func (db *DB) FindDocuments(ctx context.Context, f payesh.DocumentFilter) ([]*payesh.Document, int, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, 0, err
	}
	w := &where{}
	if f.Kind != "" {
		w.add("d.kind = ?", f.Kind)
	}
	if f.State != "" {
		w.add("d.state = ?", f.State)
	}
	if !s.ReadsDocument(payesh.DocDraft) {
		w.add("d.state <> ?", payesh.DocDraft)
	}
	if f.Q != "" {
		w.add(`(`+foldedColumn("d.title_fa")+` LIKE ? ESCAPE '\' OR lower(d.title_en) LIKE ? ESCAPE '\' OR d.code LIKE ? ESCAPE '\')`, likeFolded(f.Q), like(f.Q), like(f.Q))
	}
	total, err := db.count(ctx, "documents d", w)
	if err != nil {
		return nil, 0, err
	}
	// Undated documents last on both engines: PostgreSQL sorts NULL
	// first in a descending order, SQLite last.
	rows, err := db.db.QueryContext(ctx, `SELECT `+documentColumns+` FROM documents d`+w.String()+
		` ORDER BY CASE WHEN d.issued_on IS NULL THEN 1 ELSE 0 END, d.issued_on DESC, d.id`+pageSQL(f.Page), w.args...)
	if err != nil {
		return nil, 0, err
	}
	docs, err := scanAll(rows, func(r *sql.Rows) (*payesh.Document, error) { return scanDocument(r) })
	return docs, total, err
}

// CreateDocument adds a document.
func (db *DB) CreateDocument(ctx context.Context, d *payesh.Document) error {
	if err := requireConfigure(ctx); err != nil {
		return err
	}
	d.Normalize()
	if d.State == "" {
		d.State = payesh.DocApproved // as every document was before the library
	}
	if err := d.Validate(); err != nil {
		return err
	}
	if err := payesh.CheckStateChange(payesh.DocApproved, d.State); err != nil {
		return err // a document is sent by recording a sending
	}
	return db.write(ctx, func(tx *Tx) error {
		err := tx.QueryRowContext(ctx, `
			INSERT INTO documents (code, kind, title_fa, title_en, issuer, issued_on, note, state, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
			d.Code, d.Kind, d.TitleFA, d.TitleEN, d.Issuer, d.IssuedOn, d.Note, d.State, tx.now).Scan(&d.ID)
		if isUniqueViolation(err) {
			return codeTaken()
		} else if err != nil {
			return err
		}
		d.Version, d.CreatedAt, d.UpdatedAt = 1, tx.now, tx.now
		if err := tx.audit("document", d.ID, payesh.ActionCreate, nil, d); err != nil {
			return err
		}
		return tx.reindex(payesh.SearchDocument, d.ID)
	})
}

// UpdateDocument changes a document's own fields.
func (db *DB) UpdateDocument(ctx context.Context, id int64, up payesh.DocumentUpdate) (*payesh.Document, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	if err := requireVersion(up.Version); err != nil {
		return nil, err
	}
	var after *payesh.Document
	err := db.write(ctx, func(tx *Tx) error {
		before, err := findDocument(ctx, tx, id)
		if err != nil {
			return err
		}
		d := *before
		up.Apply(&d)
		d.Normalize()
		if err := d.Validate(); err != nil {
			return err
		}
		if err := payesh.CheckStateChange(before.State, d.State); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `
			UPDATE documents SET code = $1, kind = $2, title_fa = $3, title_en = $4, issuer = $5,
				issued_on = $6, note = $7, state = $8, updated_at = $9, version = version + 1
			WHERE id = $10 AND version = $11`,
			d.Code, d.Kind, d.TitleFA, d.TitleEN, d.Issuer, d.IssuedOn, d.Note, d.State, tx.now, id, up.Version)
		if isUniqueViolation(err) {
			return codeTaken()
		} else if err != nil {
			return err
		}
		if err := checkVersion(res, func() (any, error) { return findDocument(ctx, tx, id) }); err != nil {
			return err
		}
		d.Version, d.UpdatedAt = before.Version+1, tx.now
		if err := tx.audit("document", id, payesh.ActionUpdate, before, &d); err != nil {
			return err
		}
		after = &d
		return tx.reindex(payesh.SearchDocument, id)
	})
	return after, err
}

// DeleteDocument removes a document that has no clauses, files, sendings
// or clause links left.
func (db *DB) DeleteDocument(ctx context.Context, id int64, version int) error {
	if err := requireConfigure(ctx); err != nil {
		return err
	}
	if err := requireVersion(version); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		before, err := findDocument(ctx, tx, id)
		if err != nil {
			return err
		}
		err = tx.deleteRow("document", "documents", id, before, before.Version, version,
			dependent{`SELECT COUNT(*) FROM clauses WHERE document_id = $1`, "err.has_children"},
			dependent{`SELECT COUNT(*) FROM document_files WHERE document_id = $1`, "err.in_use"},
			dependent{`SELECT COUNT(*) FROM document_sendings WHERE document_id = $1`, "err.in_use"},
			dependent{`SELECT COUNT(*) FROM clause_links WHERE document_id = $1`, "err.in_use"})
		if err != nil {
			return err
		}
		return tx.reindex(payesh.SearchDocument, id)
	})
}
