package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"slices"

	"payesh"
)

// The outgoing log of consolidated opinions, with the file sent, and the
// consultations a clause page lists.

// AddConsultationSending records where a consolidated opinion was sent;
// the file, when one comes, is checked and kept as evidence is.
func (db *DB) AddConsultationSending(ctx context.Context, s *payesh.ConsultationSending, file *payesh.Upload) error {
	if err := requireConfigure(ctx); err != nil {
		return err
	}
	s.Normalize()
	if err := s.Validate(db.today()); err != nil {
		return err
	}
	var name, sniffed string
	var data []byte
	if file != nil {
		if _, err := db.FindConsultation(ctx, s.ConsultationID); err != nil {
			return err // before reading the bytes
		}
		var err error
		if name, data, sniffed, err = readUpload(*file); err != nil {
			return err
		}
	}
	return db.write(ctx, func(tx *Tx) error {
		c, err := tx.lockConsultation(s.ConsultationID)
		if err != nil {
			return err
		}
		if s.ClauseID != nil && !slices.Contains(c.ClauseIDs, *s.ClauseID) {
			return payesh.Invalid(map[string]string{"clause_id": "err.consultation.not_asked"})
		}
		s.ConsultationTitle, s.CreatedAt = c.Title, tx.now
		if tx.actor.ID != 0 {
			s.CreatedBy = &tx.actor.ID
		}
		s.FileName, s.FileContentType, s.FileSize, s.FileSHA256 = "", "", 0, ""
		if file != nil {
			sum := sha256.Sum256(data)
			s.FileName, s.FileContentType, s.FileSize, s.FileSHA256 = name, contentTypeOf(name, sniffed), int64(len(data)), hex.EncodeToString(sum[:])
		}
		err = tx.QueryRowContext(tx.ctx, `INSERT INTO consultation_sendings (consultation_id, clause_id, recipient, sent_on, letter_no, note,
				file_name, file_content_type, file_size, file_sha256, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
			s.ConsultationID, s.ClauseID, s.Recipient, s.SentOn, s.LetterNo, s.Note,
			s.FileName, s.FileContentType, s.FileSize, s.FileSHA256, s.CreatedBy, tx.now).Scan(&s.ID)
		if err != nil {
			return err
		}
		if file != nil {
			if _, err := tx.ExecContext(tx.ctx, `INSERT INTO consultation_sending_blobs (sending_id, content) VALUES ($1, $2)`, s.ID, data); err != nil {
				return err
			}
		}
		return tx.audit("consultation_sending", s.ID, payesh.ActionCreate, nil, s)
	})
}

const consultationSendingColumns = `s.id, s.consultation_id, s.clause_id, s.recipient, s.sent_on, s.letter_no, s.note,
	s.file_name, s.file_content_type, s.file_size, s.file_sha256, s.created_by, s.created_at, c.title`

const consultationSendingFrom = ` FROM consultation_sendings s JOIN consultations c ON c.id = s.consultation_id`

func scanConsultationSending(r interface{ Scan(...any) error }) (*payesh.ConsultationSending, error) {
	var s payesh.ConsultationSending
	var clause, by sql.NullInt64
	err := r.Scan(&s.ID, &s.ConsultationID, &clause, &s.Recipient, &s.SentOn, &s.LetterNo, &s.Note,
		&s.FileName, &s.FileContentType, &s.FileSize, &s.FileSHA256, &by, &s.CreatedAt, &s.ConsultationTitle)
	if clause.Valid {
		s.ClauseID = &clause.Int64
	}
	if by.Valid {
		s.CreatedBy = &by.Int64
	}
	return &s, err
}

// FindConsultationSendings lists where a consultation's opinions were
// sent, latest first, for its readers.
func (db *DB) FindConsultationSendings(ctx context.Context, id int64) ([]*payesh.ConsultationSending, error) {
	if _, err := db.FindConsultation(ctx, id); err != nil {
		return nil, err
	}
	return db.consultationSendings(ctx, id, 0)
}

// consultationSendings lists a consultation's sendings, latest first; of
// those concerning one clause (its own and the whole consultation's)
// when clauseID is set.
func (db *DB) consultationSendings(ctx context.Context, id, clauseID int64) ([]*payesh.ConsultationSending, error) {
	w := &where{}
	w.add("s.consultation_id = ?", id)
	if clauseID != 0 {
		w.add("(s.clause_id IS NULL OR s.clause_id = ?)", clauseID)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+consultationSendingColumns+consultationSendingFrom+w.String()+
		` ORDER BY s.sent_on DESC, s.id DESC`, w.args...)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (*payesh.ConsultationSending, error) { return scanConsultationSending(r) })
}

// OpenConsultationFile returns a sending with the file sent, for the
// consultation's readers.
func (db *DB) OpenConsultationFile(ctx context.Context, sendingID int64) (*payesh.ConsultationSending, []byte, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, nil, err
	}
	s, err := scanConsultationSending(db.db.QueryRowContext(ctx, `SELECT `+consultationSendingColumns+consultationSendingFrom+` WHERE s.id = $1`, sendingID))
	if err != nil {
		return nil, nil, notFoundIfNoRows(err, "consultation_file")
	}
	if _, err := db.FindConsultation(ctx, s.ConsultationID); err != nil || s.FileName == "" {
		return nil, nil, payesh.NotFound("consultation_file")
	}
	var data []byte
	if err := db.db.QueryRowContext(ctx, `SELECT content FROM consultation_sending_blobs WHERE sending_id = $1`, sendingID).Scan(&data); err != nil {
		return nil, nil, notFoundIfNoRows(err, "consultation_file")
	}
	return s, data, nil
}

// clauseConsultationLimit bounds the consultations a clause page lists.
const clauseConsultationLimit = 50

// FindClauseConsultations lists the consultations on a clause the reader
// reads, open first, each with the sendings that concern the clause.
func (db *DB) FindClauseConsultations(ctx context.Context, clauseID int64) ([]*payesh.ClauseConsultation, error) {
	list, _, err := db.FindConsultations(ctx, payesh.ConsultationFilter{ClauseID: clauseID, Page: payesh.Page{Limit: clauseConsultationLimit}})
	if err != nil {
		return nil, err
	}
	out := make([]*payesh.ClauseConsultation, 0, len(list))
	for _, c := range list {
		sendings, err := db.consultationSendings(ctx, c.ID, clauseID)
		if err != nil {
			return nil, err
		}
		out = append(out, &payesh.ClauseConsultation{Consultation: c, Sendings: sendings})
	}
	return out, nil
}

// FindExperts lists the active users who may be asked by name: the
// secretariat picks experts among them, a partner's scoped users too.
func (db *DB) FindExperts(ctx context.Context) ([]*payesh.User, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT id, username, name, unit_id, role FROM users WHERE active = 1 ORDER BY sort_key, username, id`)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (*payesh.User, error) {
		u := &payesh.User{Active: true}
		return u, r.Scan(&u.ID, &u.Username, &u.Name, &u.UnitID, &u.Role)
	})
}
