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

// Meeting files — signed minutes and closure evidence — are checked and
// kept as a report's evidence is (evidence.go): a plain name with an
// accepted extension, bytes that are what the extension says, content in
// the database.

const meetingFileColumns = `f.id, f.meeting_id, f.kind, f.name, f.content_type, f.size, f.sha256, f.uploaded_by, f.created_at`

func scanMeetingFile(r interface{ Scan(...any) error }) (*payesh.MeetingFile, error) {
	var f payesh.MeetingFile
	var by sql.NullInt64
	err := r.Scan(&f.ID, &f.MeetingID, &f.Kind, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &by, &f.CreatedAt)
	if by.Valid {
		f.UploadedBy = &by.Int64
	}
	f.Name = payesh.NormalizeText(f.Name)
	return &f, err
}

// readUpload checks an upload's name, reads at most one byte past the
// limit and checks the bytes, before any transaction begins.
func readUpload(u payesh.Upload) (name string, data []byte, sniffed string, err error) {
	if name, err = payesh.CheckEvidenceName(u.Name); err != nil {
		return "", nil, "", err
	}
	if data, err = io.ReadAll(io.LimitReader(u.Content, payesh.MaxEvidenceSize+1)); err != nil {
		return "", nil, "", err
	}
	sniffed = http.DetectContentType(data)
	return name, data, sniffed, payesh.CheckEvidenceContent(name, sniffed, int64(len(data)))
}

// insertMeetingFile stores a checked file with a meeting.
func (tx *Tx) insertMeetingFile(meetingID int64, kind, name string, data []byte, sniffed string) (*payesh.MeetingFile, error) {
	sum := sha256.Sum256(data)
	f := &payesh.MeetingFile{MeetingID: meetingID, Kind: kind, Name: name, ContentType: contentTypeOf(name, sniffed),
		Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), CreatedAt: tx.now}
	if tx.actor.ID != 0 {
		f.UploadedBy = &tx.actor.ID
	}
	err := tx.QueryRowContext(tx.ctx, `INSERT INTO meeting_files (meeting_id, kind, name, content_type, size, sha256, uploaded_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		meetingID, kind, f.Name, f.ContentType, f.Size, f.SHA256, f.UploadedBy, tx.now).Scan(&f.ID)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(tx.ctx, `INSERT INTO meeting_file_blobs (file_id, content) VALUES ($1, $2)`, f.ID, data); err != nil {
		return nil, err
	}
	return f, tx.audit("meeting_file", f.ID, payesh.ActionCreate, nil, f)
}

// AddMinutesFile keeps the signed minutes of a meeting (the secretariat
// and admins); the newest file is the meeting's minutes.
func (db *DB) AddMinutesFile(ctx context.Context, meetingID int64, u payesh.Upload) (*payesh.MeetingFile, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	if _, err := db.FindMeeting(ctx, meetingID); err != nil {
		return nil, err // before reading the bytes
	}
	name, data, sniffed, err := readUpload(u)
	if err != nil {
		return nil, err
	}
	var f *payesh.MeetingFile
	err = db.write(ctx, func(tx *Tx) error {
		if err := tx.allExist("meetings", []int64{meetingID}, "meeting_id"); err != nil {
			return payesh.NotFound("meeting")
		}
		f, err = tx.insertMeetingFile(meetingID, payesh.FileMinutes, name, data, sniffed)
		return err
	})
	return f, err
}

// OpenMeetingFile returns a file to whoever may read what it belongs to:
// minutes with their meeting, closure evidence with its resolution.
func (db *DB) OpenMeetingFile(ctx context.Context, id int64) (*payesh.MeetingFile, []byte, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, nil, err
	}
	f, err := scanMeetingFile(db.db.QueryRowContext(ctx, `SELECT `+meetingFileColumns+` FROM meeting_files f WHERE f.id = $1`, id))
	if err != nil {
		return nil, nil, notFoundIfNoRows(err, "meeting_file")
	}
	if f.Kind == payesh.FileEvidence {
		var item int64
		err := db.db.QueryRowContext(ctx, `SELECT work_item_id FROM resolution_closures WHERE file_id = $1`, id).Scan(&item)
		if err != nil {
			return nil, nil, notFoundIfNoRows(err, "meeting_file")
		}
		if _, err := db.FindWorkItemByID(ctx, item); err != nil {
			return nil, nil, payesh.NotFound("meeting_file")
		}
	} else if _, err := db.FindMeeting(ctx, f.MeetingID); err != nil {
		return nil, nil, payesh.NotFound("meeting_file")
	}
	var data []byte
	if err := db.db.QueryRowContext(ctx, `SELECT content FROM meeting_file_blobs WHERE file_id = $1`, id).Scan(&data); err != nil {
		return nil, nil, err
	}
	return f, data, nil
}
