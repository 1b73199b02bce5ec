package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"io"
	"net/http"
	"path/filepath"
	"strings"

	"payesh"
)

// AddEvidence stores a file with a report the unit may still edit. The
// name must be a plain file name with an accepted extension, and the
// bytes must be what the extension says.
func (db *DB) AddEvidence(ctx context.Context, reportID int64, name string, content io.Reader) (*payesh.Evidence, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	name, err := payesh.CheckEvidenceName(name)
	if err != nil {
		return nil, err
	}
	// Refuse before reading up to 10 MB from the network: the checks are
	// repeated inside the transaction, which must not wait on a client.
	if err := db.mayAttach(ctx, reportID); err != nil {
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
	var saved *payesh.Evidence
	err = db.write(ctx, func(tx *Tx) error {
		rc, err := db.loadReport(ctx, tx, reportID)
		if err != nil {
			return err
		}
		if err := attachable(tx.actor, rc); err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		e := &payesh.Evidence{ReportID: reportID, Name: name, ContentType: contentTypeOf(name, sniffed),
			Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), CreatedAt: tx.now}
		if tx.actor.ID != 0 {
			e.UploadedBy = &tx.actor.ID
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO evidence (report_id, name, content_type, size, sha256, uploaded_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			reportID, e.Name, e.ContentType, e.Size, e.SHA256, e.UploadedBy, tx.now).Scan(&e.ID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO evidence_blobs (evidence_id, content) VALUES ($1, $2)`, e.ID, data); err != nil {
			return err
		}
		if err := tx.audit("evidence", e.ID, payesh.ActionCreate, nil, e); err != nil {
			return err
		}
		saved = e
		return nil
	})
	return saved, err
}

// mayAttach checks, outside any transaction, that the user may attach to
// the report now.
func (db *DB) mayAttach(ctx context.Context, reportID int64) error {
	rc, err := db.loadReport(ctx, db.db, reportID)
	if err != nil {
		return err
	}
	return attachable(payesh.UserFrom(ctx), rc)
}

// attachable: the unit's own people attach files while the report is
// theirs to edit.
func attachable(u *payesh.User, rc *reportCtx) error {
	if !canRead(u, rc.unitPath) {
		return payesh.NotFound("report")
	}
	if !u.CanEditWorkOf(rc.unitPath) {
		return payesh.ErrForbidden
	}
	if !rc.Editable() {
		return payesh.Errorf(payesh.ECONFLICT, "err.report.locked")
	}
	return nil
}

// contentTypeOf is the type a download is served with: the sniffed one,
// except for Office files, which sniff as zip archives.
func contentTypeOf(name, sniffed string) string {
	office := map[string]string{
		".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
		".odt":  "application/vnd.oasis.opendocument.text",
		".ods":  "application/vnd.oasis.opendocument.spreadsheet",
		".doc":  "application/msword",
		".xls":  "application/vnd.ms-excel",
	}
	if t, ok := office[strings.ToLower(filepath.Ext(name))]; ok {
		return t
	}
	return sniffed
}

const evidenceColumns = `e.id, e.report_id, e.name, e.content_type, e.size, e.sha256, e.uploaded_by, e.created_at`

func scanEvidence(r interface{ Scan(...any) error }) (*payesh.Evidence, error) {
	var e payesh.Evidence
	var by sql.NullInt64
	err := r.Scan(&e.ID, &e.ReportID, &e.Name, &e.ContentType, &e.Size, &e.SHA256, &by, &e.CreatedAt)
	if by.Valid {
		e.UploadedBy = &by.Int64
	}
	// Names are cleaned on upload; a file stored before that was so must
	// not show as, or download under, a name its bidi controls reorder.
	e.Name = payesh.NormalizeText(e.Name)
	return &e, err
}

// FindEvidence lists a report's files.
func (db *DB) FindEvidence(ctx context.Context, reportID int64) ([]*payesh.Evidence, error) {
	if _, err := db.FindReport(ctx, reportID); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+evidenceColumns+` FROM evidence e WHERE e.report_id = $1 ORDER BY e.id`, reportID)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (*payesh.Evidence, error) { return scanEvidence(r) })
}

// OpenEvidence returns a file for users who may read its report.
func (db *DB) OpenEvidence(ctx context.Context, id int64) (*payesh.Evidence, []byte, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, nil, err
	}
	e, err := scanEvidence(db.db.QueryRowContext(ctx, `SELECT `+evidenceColumns+` FROM evidence e WHERE e.id = $1`, id))
	if err != nil {
		return nil, nil, notFoundIfNoRows(err, "evidence")
	}
	if _, err := db.FindReport(ctx, e.ReportID); err != nil {
		return nil, nil, err
	}
	var data []byte
	if err := db.db.QueryRowContext(ctx, `SELECT content FROM evidence_blobs WHERE evidence_id = $1`, id).Scan(&data); err != nil {
		return nil, nil, err
	}
	return e, data, nil
}
