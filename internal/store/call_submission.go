package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"

	"payesh"
)

// A call's papers, their files and the decisions on them. Files are
// checked and kept as a report's evidence is (readUpload, meeting_file.go).

const submissionColumns = `s.id, s.call_id, s.axis, s.title, s.authors, s.institution, s.received_on, s.decision,
	s.decision_note, s.decided_by, s.decider_name, s.decided_at, s.version, s.created_at, s.updated_at`

func scanSubmission(r interface{ Scan(...any) error }) (*payesh.Submission, error) {
	var s payesh.Submission
	var by sql.NullInt64
	var at sql.NullTime
	err := r.Scan(&s.ID, &s.CallID, &s.Axis, &s.Title, &s.Authors, &s.Institution, &s.ReceivedOn, &s.Decision,
		&s.DecisionNote, &by, &s.DeciderName, &at, &s.Version, &s.CreatedAt, &s.UpdatedAt)
	if by.Valid {
		s.DecidedBy = &by.Int64
	}
	if at.Valid {
		s.DecidedAt = &at.Time
	}
	s.Reviews, s.Reviewers = []*payesh.PaperReview{}, []string{}
	return &s, err
}

const callFileColumns = `f.id, f.submission_id, f.name, f.content_type, f.size, f.sha256, f.created_at`

func scanCallFile(r interface{ Scan(...any) error }) (*payesh.CallFile, error) {
	var f payesh.CallFile
	err := r.Scan(&f.ID, &f.SubmissionID, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.CreatedAt)
	return &f, err
}

const reviewColumns = `v.id, v.submission_id, v.reviewer_id, r.name, v.score, v.verdict, v.comment, v.created_at, v.updated_at`

func scanReview(r interface{ Scan(...any) error }) (*payesh.PaperReview, error) {
	var v payesh.PaperReview
	err := r.Scan(&v.ID, &v.SubmissionID, &v.ReviewerID, &v.ReviewerName, &v.Score, &v.Verdict, &v.Comment, &v.CreatedAt, &v.UpdatedAt)
	return &v, err
}

// loadSubmissions reads the submissions w selects, by axis, with their
// newest file, their reviews and their reviewers' names.
func loadSubmissions(ctx context.Context, q queryer, w *where) ([]*payesh.Submission, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+submissionColumns+` FROM call_submissions s`+w.String()+
		` ORDER BY s.axis, s.id`, w.args...)
	if err != nil {
		return nil, err
	}
	list, err := scanAll(rows, func(r *sql.Rows) (*payesh.Submission, error) { return scanSubmission(r) })
	if err != nil || len(list) == 0 {
		return list, err
	}
	byID := map[int64]*payesh.Submission{}
	ids := make([]int64, len(list))
	for i, s := range list {
		byID[s.ID], ids[i] = s, s.ID
	}
	in := inList(len(ids))
	fw := &where{}
	fw.add("f.submission_id IN "+in, anySlice(ids)...)
	rows, err = q.QueryContext(ctx, `SELECT `+callFileColumns+` FROM call_files f`+fw.String()+` ORDER BY f.id`, fw.args...)
	if err != nil {
		return nil, err
	}
	files, err := scanAll(rows, func(r *sql.Rows) (*payesh.CallFile, error) { return scanCallFile(r) })
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		byID[f.SubmissionID].File = f // the newest wins
	}
	vw := &where{}
	vw.add("v.submission_id IN "+in, anySlice(ids)...)
	rows, err = q.QueryContext(ctx, `SELECT `+reviewColumns+` FROM call_reviews v JOIN call_reviewers r ON r.id = v.reviewer_id`+
		vw.String()+` ORDER BY v.id`, vw.args...)
	if err != nil {
		return nil, err
	}
	reviews, err := scanAll(rows, func(r *sql.Rows) (*payesh.PaperReview, error) { return scanReview(r) })
	if err != nil {
		return nil, err
	}
	for _, v := range reviews {
		s := byID[v.SubmissionID]
		s.Reviews = append(s.Reviews, v)
	}
	aw := &where{}
	aw.add("a.submission_id IN "+in, anySlice(ids)...)
	rows, err = q.QueryContext(ctx, `SELECT a.submission_id, r.name FROM call_assignments a JOIN call_reviewers r ON r.id = a.reviewer_id`+
		aw.String()+` ORDER BY a.submission_id, r.id`, aw.args...)
	if err != nil {
		return nil, err
	}
	_, err = scanAll(rows, func(r *sql.Rows) (struct{}, error) {
		var id int64
		var name string
		if err := r.Scan(&id, &name); err != nil {
			return struct{}{}, err
		}
		byID[id].Reviewers = append(byID[id].Reviewers, name)
		return struct{}{}, nil
	})
	return list, err
}

func loadSubmission(ctx context.Context, q queryer, id int64) (*payesh.Submission, error) {
	w := &where{}
	w.add("s.id = ?", id)
	list, err := loadSubmissions(ctx, q, w)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, payesh.NotFound("submission")
	}
	return list[0], nil
}

// CreateSubmission records a paper on one of the call's axes, with its
// file when one is sent.
func (db *DB) CreateSubmission(ctx context.Context, s *payesh.Submission, file *payesh.Upload) error {
	if _, err := requireUser(ctx); err != nil {
		return err
	}
	s.Normalize()
	if err := s.Validate(db.today()); err != nil {
		return err
	}
	if _, err := db.FindCall(ctx, s.CallID); err != nil {
		return err // before reading a file
	}
	var name, sniffed string
	var data []byte
	if file != nil {
		var err error
		if name, data, sniffed, err = readUpload(*file); err != nil {
			return err
		}
	}
	return db.write(ctx, func(tx *Tx) error {
		c, err := tx.lockCall(s.CallID, false)
		if err != nil {
			return err
		}
		if err := tx.requireRunCall(c); err != nil {
			return err
		}
		if s.Axis > len(c.Axes) {
			return payesh.Invalid(map[string]string{"axis": "err.call.axis"})
		}
		if c.Tally.Submissions >= payesh.MaxCallSubmissions {
			return payesh.Invalid(map[string]string{"title": payesh.KeyTooMany})
		}
		var by *int64
		if tx.actor.ID != 0 {
			by = &tx.actor.ID
		}
		if err := tx.QueryRowContext(tx.ctx, `INSERT INTO call_submissions (call_id, axis, title, authors, institution, received_on,
				created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
			s.CallID, s.Axis, s.Title, s.Authors, s.Institution, s.ReceivedOn, by, tx.now).Scan(&s.ID); err != nil {
			return err
		}
		if data != nil {
			if _, err := tx.insertCallFile(s.ID, name, data, sniffed); err != nil {
				return err
			}
		}
		after, err := loadSubmission(tx.ctx, tx, s.ID)
		if err != nil {
			return err
		}
		*s = *after
		return tx.audit("call_submission", s.ID, payesh.ActionSubmit, nil, s)
	})
}

// insertCallFile stores a checked file with a submission.
func (tx *Tx) insertCallFile(submissionID int64, name string, data []byte, sniffed string) (*payesh.CallFile, error) {
	sum := sha256.Sum256(data)
	f := &payesh.CallFile{SubmissionID: submissionID, Name: name, ContentType: contentTypeOf(name, sniffed),
		Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), CreatedAt: tx.now}
	var by *int64
	if tx.actor.ID != 0 {
		by = &tx.actor.ID
	}
	if err := tx.QueryRowContext(tx.ctx, `INSERT INTO call_files (submission_id, name, content_type, size, sha256, uploaded_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		submissionID, f.Name, f.ContentType, f.Size, f.SHA256, by, tx.now).Scan(&f.ID); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(tx.ctx, `INSERT INTO call_file_blobs (file_id, content) VALUES ($1, $2)`, f.ID, data); err != nil {
		return nil, err
	}
	return f, tx.audit("call_file", f.ID, payesh.ActionCreate, nil, f)
}

// AddSubmissionFile keeps a new file of a paper (a revised version, or
// the one that came after the paper was recorded).
func (db *DB) AddSubmissionFile(ctx context.Context, submissionID int64, u payesh.Upload) (*payesh.CallFile, error) {
	if _, err := db.FindSubmission(ctx, submissionID); err != nil {
		return nil, err // before reading the bytes
	}
	name, data, sniffed, err := readUpload(u)
	if err != nil {
		return nil, err
	}
	var f *payesh.CallFile
	err = db.write(ctx, func(tx *Tx) error {
		s, err := loadSubmission(tx.ctx, tx, submissionID)
		if err != nil {
			return err
		}
		c, err := tx.lockCall(s.CallID, false)
		if err != nil {
			return err
		}
		if err := tx.requireRunCall(c); err != nil {
			return err
		}
		f, err = tx.insertCallFile(submissionID, name, data, sniffed)
		return err
	})
	return f, err
}

// FindSubmission returns a paper of a call the reader reads.
func (db *DB) FindSubmission(ctx context.Context, id int64) (*payesh.Submission, error) {
	s, err := loadSubmission(ctx, db.db, id)
	if err != nil {
		if _, uerr := requireUser(ctx); uerr != nil {
			return nil, uerr
		}
		return nil, err
	}
	if _, err := db.FindCall(ctx, s.CallID); err != nil {
		if payesh.ErrorCode(err) == payesh.ENOTFOUND {
			return nil, payesh.NotFound("submission")
		}
		return nil, err
	}
	return s, nil
}

// FindSubmissions lists a call's papers, by axis.
func (db *DB) FindSubmissions(ctx context.Context, callID int64) ([]*payesh.Submission, error) {
	if _, err := db.FindCall(ctx, callID); err != nil {
		return nil, err
	}
	w := &where{}
	w.add("s.call_id = ?", callID)
	return loadSubmissions(ctx, db.db, w)
}

// OpenCallFile returns a paper's file to whoever reads its call.
func (db *DB) OpenCallFile(ctx context.Context, id int64) (*payesh.CallFile, []byte, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, nil, err
	}
	f, err := scanCallFile(db.db.QueryRowContext(ctx, `SELECT `+callFileColumns+` FROM call_files f WHERE f.id = $1`, id))
	if err != nil {
		return nil, nil, notFoundIfNoRows(err, "call_file")
	}
	if _, err := db.FindSubmission(ctx, f.SubmissionID); err != nil {
		return nil, nil, payesh.NotFound("call_file")
	}
	return db.callFileContent(ctx, f)
}

func (db *DB) callFileContent(ctx context.Context, f *payesh.CallFile) (*payesh.CallFile, []byte, error) {
	var data []byte
	if err := db.db.QueryRowContext(ctx, `SELECT content FROM call_file_blobs WHERE file_id = $1`, f.ID).Scan(&data); err != nil {
		return nil, nil, err
	}
	return f, data, nil
}

// Decide records the decision on a paper — or takes it back, with an
// empty verdict — at the version the decider saw, and moves the call's
// milestone in the same transaction (syncMilestone).
func (db *DB) Decide(ctx context.Context, id int64, d payesh.PaperDecision) (*payesh.Submission, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	if err := requireVersion(d.Version); err != nil {
		return nil, err
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	var after *payesh.Submission
	err := db.write(ctx, func(tx *Tx) error {
		var callID int64
		if err := tx.QueryRowContext(tx.ctx, `SELECT call_id FROM call_submissions WHERE id = $1`, id).Scan(&callID); err != nil {
			return notFoundIfNoRows(err, "submission")
		}
		c, err := tx.lockCall(callID, false)
		if payesh.ErrorCode(err) == payesh.ENOTFOUND {
			return payesh.NotFound("submission")
		} else if err != nil {
			return err
		}
		if err := tx.requireRunCall(c); err != nil {
			return err
		}
		before, err := loadSubmission(tx.ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Version != d.Version {
			return payesh.Conflict(before)
		}
		var by any
		var at any
		name := ""
		if d.Verdict != "" {
			at, name = tx.now, tx.actor.Name
			if tx.actor.ID != 0 {
				by = tx.actor.ID
			}
		}
		res, err := tx.ExecContext(tx.ctx, `UPDATE call_submissions SET decision = $1, decision_note = $2, decided_by = $3,
				decider_name = $4, decided_at = $5, updated_at = $6, version = version + 1
			WHERE id = $7 AND version = $8`, d.Verdict, d.Note, by, name, at, tx.now, id, d.Version)
		if err != nil {
			return err
		}
		if err := checkVersion(res, func() (any, error) { return loadSubmission(tx.ctx, tx, id) }); err != nil {
			return err
		}
		if err := tx.syncMilestone(callID); err != nil {
			return err
		}
		if after, err = loadSubmission(tx.ctx, tx, id); err != nil {
			return err
		}
		return tx.audit("call_submission", id, payesh.ActionDecide, before, after)
	})
	return after, err
}
