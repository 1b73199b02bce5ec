package store

import (
	"context"
	"database/sql"

	"payesh"
)

// AddSending records that an approved document was sent, and makes it
// sent: the record and the state change are one transaction and one
// audit event each.
func (db *DB) AddSending(ctx context.Context, s *payesh.Sending) error {
	if err := requireConfigure(ctx); err != nil {
		return err
	}
	s.Normalize()
	if err := s.Validate(db.today()); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.lockDocument(s.DocumentID); err != nil {
			return err
		}
		before, err := findDocument(tx.ctx, tx, s.DocumentID)
		if err != nil {
			return err
		}
		if before.State == payesh.DocDraft {
			return payesh.Invalid(map[string]string{"document_id": "err.sending.draft"})
		}
		if s.FileID != nil {
			var doc int64
			err := tx.QueryRowContext(tx.ctx, `SELECT document_id FROM document_files WHERE id = $1`, *s.FileID).Scan(&doc)
			if err == sql.ErrNoRows || err == nil && doc != s.DocumentID {
				return payesh.Invalid(map[string]string{"file_id": "err.sending.file"})
			} else if err != nil {
				return err
			}
		}
		s.CreatedAt = tx.now
		if tx.actor.ID != 0 {
			s.CreatedBy = &tx.actor.ID
		}
		err = tx.QueryRowContext(tx.ctx, `INSERT INTO document_sendings (document_id, recipient, sent_on, letter_no, file_id, note, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			s.DocumentID, s.Recipient, s.SentOn, s.LetterNo, s.FileID, s.Note, s.CreatedBy, tx.now).Scan(&s.ID)
		if err != nil {
			return err
		}
		if err := tx.audit("document_sending", s.ID, payesh.ActionCreate, nil, s); err != nil {
			return err
		}
		if before.State == payesh.DocSent {
			return nil
		}
		if _, err := tx.ExecContext(tx.ctx, `UPDATE documents SET state = $1, updated_at = $2, version = version + 1 WHERE id = $3`,
			payesh.DocSent, tx.now, s.DocumentID); err != nil {
			return err
		}
		after := *before
		after.State, after.Version, after.UpdatedAt = payesh.DocSent, before.Version+1, tx.now
		return tx.audit("document", s.DocumentID, payesh.ActionUpdate, before, &after)
	})
}

const sendingColumns = `s.id, s.document_id, s.recipient, s.sent_on, s.letter_no, s.file_id, s.note, s.created_by, s.created_at`

func scanSending(r interface{ Scan(...any) error }) (*payesh.Sending, error) {
	var s payesh.Sending
	var file, by sql.NullInt64
	err := r.Scan(&s.ID, &s.DocumentID, &s.Recipient, &s.SentOn, &s.LetterNo, &file, &s.Note, &by, &s.CreatedAt)
	if file.Valid {
		s.FileID = &file.Int64
	}
	if by.Valid {
		s.CreatedBy = &by.Int64
	}
	return &s, err
}

// FindSendings lists a document's sendings, latest first.
func (db *DB) FindSendings(ctx context.Context, documentID int64) ([]*payesh.Sending, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := db.readableDocument(ctx, db.db, s, documentID); err != nil {
		return nil, err
	}
	return db.sendings(ctx, []int64{documentID})
}

// sendings lists the sendings of several documents, latest first.
func (db *DB) sendings(ctx context.Context, ids []int64) ([]*payesh.Sending, error) {
	if len(ids) == 0 {
		return []*payesh.Sending{}, nil
	}
	w := &where{}
	w.add(`s.document_id IN `+inList(len(ids)), anySlice(ids)...)
	rows, err := db.db.QueryContext(ctx, `SELECT `+sendingColumns+` FROM document_sendings s`+w.String()+
		` ORDER BY s.sent_on DESC, s.id DESC`, w.args...)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (*payesh.Sending, error) { return scanSending(r) })
}
