package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"

	"payesh"
)

// A project's deliverables are checked and kept as a report's evidence
// is (readUpload: a plain name with an accepted extension, bytes that
// are what the extension says, content in the database), each with the
// review comments made on it.

const deliverableColumns = `f.id, f.project_id, f.name, f.content_type, f.size, f.sha256, f.note, f.uploaded_by, f.created_at`

func scanDeliverable(r interface{ Scan(...any) error }) (*payesh.ResearchDeliverable, error) {
	var f payesh.ResearchDeliverable
	var by sql.NullInt64
	err := r.Scan(&f.ID, &f.ProjectID, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.Note, &by, &f.CreatedAt)
	f.UploadedBy, f.Reviews = nullID(by), []*payesh.ResearchReview{}
	return &f, err
}

// projectDeliverables lists a project's files, newest first, with their
// reviews in order.
func (db *DB) projectDeliverables(ctx context.Context, id int64) ([]*payesh.ResearchDeliverable, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+deliverableColumns+` FROM research_files f WHERE f.project_id = $1 ORDER BY f.id DESC`, id)
	if err != nil {
		return nil, err
	}
	files, err := scanAll(rows, func(r *sql.Rows) (*payesh.ResearchDeliverable, error) { return scanDeliverable(r) })
	if err != nil || len(files) == 0 {
		return files, err
	}
	byID := map[int64]*payesh.ResearchDeliverable{}
	for _, f := range files {
		byID[f.ID] = f
	}
	err = db.eachRow(ctx, `SELECT r.id, r.file_id, r.comment, r.by_id, r.by_name, r.at FROM research_reviews r
		JOIN research_files f ON f.id = r.file_id WHERE f.project_id = $1 ORDER BY r.id`, []any{id},
		func(scan func(...any) error) error {
			var rv payesh.ResearchReview
			var by sql.NullInt64
			if err := scan(&rv.ID, &rv.DeliverableID, &rv.Comment, &by, &rv.ByName, &rv.At); err != nil {
				return err
			}
			rv.ByID = nullID(by)
			if f := byID[rv.DeliverableID]; f != nil {
				f.Reviews = append(f.Reviews, &rv)
			}
			return nil
		})
	return files, err
}

// requireDeliver allows an upload on p: whoever may change the owner's
// work, and the institution's reporters (as a work item's partners).
func (tx *Tx) requireDeliver(p *payesh.ResearchProject) error {
	if tx.actor.CanConfigure() {
		return nil
	}
	owner, err := tx.unitPath(p.OwnerUnitID)
	if err != nil {
		return err
	}
	var partners []string
	if p.InstitutionUnitID != nil {
		inst, err := tx.unitPath(*p.InstitutionUnitID)
		if err != nil {
			return err
		}
		partners = append(partners, inst)
	}
	if !tx.actor.CanReportOn(owner, partners) {
		return payesh.ErrForbidden
	}
	return nil
}

// AddDeliverable keeps a file a project delivered, with a note, and
// tells the owner's and the institution's people.
func (db *DB) AddDeliverable(ctx context.Context, projectID int64, note string, u payesh.Upload) (*payesh.ResearchDeliverable, error) {
	if _, err := db.FindResearchProject(ctx, projectID); err != nil {
		return nil, err // before reading the bytes
	}
	note = payesh.NormalizeText(note)
	if err := payesh.CheckFileNote(note); err != nil {
		return nil, err
	}
	name, data, sniffed, err := readUpload(u)
	if err != nil {
		return nil, err
	}
	var f *payesh.ResearchDeliverable
	err = db.write(ctx, func(tx *Tx) error {
		p, err := loadProject(tx.ctx, tx, projectID)
		if err != nil {
			return err
		}
		if err := tx.requireDeliver(p); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(tx.ctx, `SELECT COUNT(*) FROM research_files WHERE project_id = $1`, projectID).Scan(&n); err != nil {
			return err
		}
		if n >= payesh.MaxDeliverables {
			return payesh.Invalid(map[string]string{"file": payesh.KeyTooMany})
		}
		sum := sha256.Sum256(data)
		f = &payesh.ResearchDeliverable{ProjectID: projectID, Name: name, ContentType: contentTypeOf(name, sniffed),
			Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), Note: note, CreatedAt: tx.now, Reviews: []*payesh.ResearchReview{}}
		if tx.actor.ID != 0 {
			f.UploadedBy = &tx.actor.ID
		}
		if err := tx.QueryRowContext(tx.ctx, `INSERT INTO research_files (project_id, name, content_type, size, sha256, note, uploaded_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			projectID, f.Name, f.ContentType, f.Size, f.SHA256, f.Note, f.UploadedBy, tx.now).Scan(&f.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(tx.ctx, `INSERT INTO research_file_blobs (file_id, content) VALUES ($1, $2)`, f.ID, data); err != nil {
			return err
		}
		if err := tx.audit("research_project", projectID, "deliverable", nil, f); err != nil {
			return err
		}
		return tx.tellProject(p, payesh.NoteResearchDeliverable, "ui.note.research_deliverable", map[string]string{"file": f.Name})
	})
	return f, err
}

// OpenDeliverable returns a file with its content to whoever reads its
// project.
func (db *DB) OpenDeliverable(ctx context.Context, id int64) (*payesh.ResearchDeliverable, []byte, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, nil, err
	}
	f, err := scanDeliverable(db.db.QueryRowContext(ctx, `SELECT `+deliverableColumns+` FROM research_files f WHERE f.id = $1`, id))
	if err != nil {
		return nil, nil, notFoundIfNoRows(err, "research_file")
	}
	if _, err := db.FindResearchProject(ctx, f.ProjectID); err != nil {
		return nil, nil, payesh.NotFound("research_file")
	}
	var data []byte
	if err := db.db.QueryRowContext(ctx, `SELECT content FROM research_file_blobs WHERE file_id = $1`, id).Scan(&data); err != nil {
		return nil, nil, err
	}
	return f, data, nil
}

// AddDeliverableReview comments on a deliverable, by whoever may change
// its project, and tells the project's people.
func (db *DB) AddDeliverableReview(ctx context.Context, fileID int64, comment string) (*payesh.ResearchReview, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	comment = payesh.NormalizeText(comment)
	if err := payesh.CheckReviewComment(comment); err != nil {
		return nil, err
	}
	var rv *payesh.ResearchReview
	err := db.write(ctx, func(tx *Tx) error {
		var projectID int64
		var name string
		err := tx.QueryRowContext(tx.ctx, `SELECT project_id, name FROM research_files WHERE id = $1`, fileID).Scan(&projectID, &name)
		if err != nil {
			return notFoundIfNoRows(err, "research_file")
		}
		p, err := tx.editableProject(projectID)
		if payesh.ErrorCode(err) == payesh.ENOTFOUND {
			return payesh.NotFound("research_file")
		} else if err != nil {
			return err
		}
		rv = &payesh.ResearchReview{DeliverableID: fileID, Comment: comment, ByName: actorName(tx.actor), At: tx.now}
		if tx.actor.ID != 0 {
			rv.ByID = &tx.actor.ID
		}
		if err := tx.QueryRowContext(tx.ctx, `INSERT INTO research_reviews (file_id, comment, by_id, by_name, at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, fileID, comment, rv.ByID, rv.ByName, tx.now).Scan(&rv.ID); err != nil {
			return err
		}
		if err := tx.audit("research_project", projectID, "review", nil, rv); err != nil {
			return err
		}
		return tx.tellProject(p, payesh.NoteResearchReview, "ui.note.research_review", map[string]string{"file": name, "comment": comment})
	})
	return rv, err
}
