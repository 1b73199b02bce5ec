package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"io"
	"net/http"

	"payesh"
)

// The versions of a document's file, stored as a report's evidence is:
// the same name and content checks and size limit, the bytes in the
// database beside their row, served only to the document's readers.

// readableDocument returns document id when the reader reads it.
func (db *DB) readableDocument(ctx context.Context, q queryer, s scope, id int64) (*payesh.Document, error) {
	d, err := findDocument(ctx, q, id)
	if err != nil {
		return nil, err
	}
	if !s.ReadsDocument(d.State) {
		return nil, payesh.NotFound("document")
	}
	return d, nil
}

// AddDocumentFile stores a new version of a document's file. The name
// must be a plain PDF or Office file name and the bytes what it says.
func (db *DB) AddDocumentFile(ctx context.Context, documentID int64, name, note string, content io.Reader) (*payesh.DocumentFile, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	name, err := payesh.CheckDocumentFileName(name)
	if err != nil {
		return nil, err
	}
	note = payesh.NormalizeText(note)
	if err := payesh.CheckFileNote(note); err != nil {
		return nil, err
	}
	// An unknown document is answered before up to 10 MB are read.
	if _, err := findDocument(ctx, db.db, documentID); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(content, payesh.MaxEvidenceSize+1))
	if err != nil {
		return nil, err
	}
	sniffed := http.DetectContentType(data)
	if err := payesh.CheckEvidenceContent(name, sniffed, int64(len(data))); err != nil {
		return nil, err
	}
	var saved *payesh.DocumentFile
	err = db.write(ctx, func(tx *Tx) error {
		// Locking the document's row numbers versions one at a time.
		if err := tx.lockDocument(documentID); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM document_files WHERE document_id = $1`, documentID).Scan(&n); err != nil {
			return err
		}
		if n >= payesh.MaxDocumentFiles {
			return payesh.Invalid(map[string]string{"file": "err.document.too_many_files"})
		}
		sum := sha256.Sum256(data)
		f := &payesh.DocumentFile{DocumentID: documentID, Number: n + 1, Name: name, ContentType: contentTypeOf(name, sniffed),
			Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), Note: note, CreatedAt: tx.now}
		if tx.actor.ID != 0 {
			f.UploadedBy = &tx.actor.ID
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO document_files (document_id, number, name, content_type, size, sha256, note, uploaded_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			documentID, f.Number, f.Name, f.ContentType, f.Size, f.SHA256, f.Note, f.UploadedBy, tx.now).Scan(&f.ID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO document_file_blobs (file_id, content) VALUES ($1, $2)`, f.ID, data); err != nil {
			return err
		}
		if err := tx.audit("document_file", f.ID, payesh.ActionCreate, nil, f); err != nil {
			return err
		}
		saved = f
		return nil
	})
	return saved, err
}

// lockDocument takes the document's row for the transaction (PostgreSQL;
// SQLite's one writer already holds everything), or answers not found.
func (tx *Tx) lockDocument(id int64) error {
	q := `SELECT id FROM documents WHERE id = $1`
	if tx.db.engine == Postgres {
		q += ` FOR UPDATE`
	}
	return notFoundIfNoRows(tx.QueryRowContext(tx.ctx, q, id).Scan(new(int64)), "document")
}

const documentFileColumns = `f.id, f.document_id, f.number, f.name, f.content_type, f.size, f.sha256, f.note, f.uploaded_by, f.created_at`

func scanDocumentFile(r interface{ Scan(...any) error }) (*payesh.DocumentFile, error) {
	var f payesh.DocumentFile
	var by sql.NullInt64
	err := r.Scan(&f.ID, &f.DocumentID, &f.Number, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.Note, &by, &f.CreatedAt)
	if by.Valid {
		f.UploadedBy = &by.Int64
	}
	return &f, err
}

// FindDocumentFiles lists a document's versions, newest first.
func (db *DB) FindDocumentFiles(ctx context.Context, documentID int64) ([]*payesh.DocumentFile, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := db.readableDocument(ctx, db.db, s, documentID); err != nil {
		return nil, err
	}
	return db.documentFiles(ctx, []int64{documentID})
}

// documentFiles lists the versions of several documents, each document's
// newest first.
func (db *DB) documentFiles(ctx context.Context, ids []int64) ([]*payesh.DocumentFile, error) {
	if len(ids) == 0 {
		return []*payesh.DocumentFile{}, nil
	}
	w := &where{}
	w.add(`f.document_id IN `+inList(len(ids)), anySlice(ids)...)
	rows, err := db.db.QueryContext(ctx, `SELECT `+documentFileColumns+` FROM document_files f`+w.String()+
		` ORDER BY f.document_id, f.number DESC`, w.args...)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (*payesh.DocumentFile, error) { return scanDocumentFile(r) })
}

// OpenDocumentFile returns a version and its bytes to a reader of its
// document.
func (db *DB) OpenDocumentFile(ctx context.Context, id int64) (*payesh.DocumentFile, []byte, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, nil, err
	}
	f, err := scanDocumentFile(db.db.QueryRowContext(ctx, `SELECT `+documentFileColumns+` FROM document_files f WHERE f.id = $1`, id))
	if err != nil {
		return nil, nil, notFoundIfNoRows(err, "document_file")
	}
	if _, err := db.readableDocument(ctx, db.db, s, f.DocumentID); err != nil {
		return nil, nil, notFoundIfNoRows(err, "document_file")
	}
	var data []byte
	if err := db.db.QueryRowContext(ctx, `SELECT content FROM document_file_blobs WHERE file_id = $1`, id).Scan(&data); err != nil {
		return nil, nil, err
	}
	return f, data, nil
}
