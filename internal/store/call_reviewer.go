package store

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"payesh"
)

// A call's reviewers and their links. A link is a secret made as an API
// token's is (newSecret: 32 random bytes, only the SHA-256 kept); it is
// shown once, when made or renewed, and reaches only the submissions
// assigned to its reviewer — show them, serve their files, take a
// review. It opens no session and names no user: the methods that take
// a secret need none in the context.

const reviewerColumns = `r.id, r.call_id, r.name, r.affiliation, r.email, r.expires_at, r.revoked_at, r.created_at`

func scanReviewer(r interface{ Scan(...any) error }) (*payesh.Reviewer, error) {
	var v payesh.Reviewer
	var revoked sql.NullTime
	err := r.Scan(&v.ID, &v.CallID, &v.Name, &v.Affiliation, &v.Email, &v.ExpiresAt, &revoked, &v.CreatedAt)
	if revoked.Valid {
		v.RevokedAt = &revoked.Time
	}
	v.SubmissionIDs = []int64{}
	return &v, err
}

func loadReviewer(ctx context.Context, q queryer, cond string, arg any) (*payesh.Reviewer, error) {
	v, err := scanReviewer(q.QueryRowContext(ctx, `SELECT `+reviewerColumns+` FROM call_reviewers r WHERE `+cond, arg))
	if err != nil {
		return nil, notFoundIfNoRows(err, "reviewer")
	}
	rows, err := q.QueryContext(ctx, `SELECT submission_id FROM call_assignments WHERE reviewer_id = $1 ORDER BY submission_id`, v.ID)
	if err != nil {
		return nil, err
	}
	v.SubmissionIDs, err = scanAll(rows, func(r *sql.Rows) (id int64, err error) { return id, r.Scan(&id) })
	return v, err
}

// runReviewer reads a reviewer in tx with their call locked, for a
// writer who runs the call.
func (tx *Tx) runReviewer(id int64) (*payesh.Reviewer, error) {
	v, err := loadReviewer(tx.ctx, tx, "r.id = $1", id)
	if err != nil {
		return nil, err
	}
	c, err := tx.lockCall(v.CallID, false)
	if payesh.ErrorCode(err) == payesh.ENOTFOUND {
		return nil, payesh.NotFound("reviewer")
	} else if err != nil {
		return nil, err
	}
	return v, tx.requireRunCall(c)
}

// checkCallSubmissions checks that every id is a submission of the call.
func (tx *Tx) checkCallSubmissions(callID int64, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	w := &where{}
	w.add("call_id = ?", callID)
	w.add("id IN "+inList(len(ids)), anySlice(ids)...)
	var n int
	if err := tx.QueryRowContext(tx.ctx, `SELECT COUNT(*) FROM call_submissions`+w.String(), w.args...).Scan(&n); err != nil {
		return err
	}
	if n != len(ids) {
		return payesh.Invalid(map[string]string{"submission_ids": "err.unknown_ref"})
	}
	return nil
}

// assign gives reviewer id the submissions, keeping to MaxAssignments.
func (tx *Tx) assign(id int64, have, ids []int64) error {
	held := map[int64]bool{}
	for _, s := range have {
		held[s] = true
	}
	var add []int64
	for _, s := range ids {
		if !held[s] {
			add = append(add, s)
		}
	}
	if len(have)+len(add) > payesh.MaxAssignments {
		return payesh.Invalid(map[string]string{"submission_ids": payesh.KeyTooMany})
	}
	return tx.insertMany(`INSERT INTO call_assignments (reviewer_id, submission_id, created_at) VALUES `, "", 3, len(add),
		func(i int) []any { return []any{id, add[i], tx.now} })
}

// CreateReviewer makes a reviewer with a new link.
func (db *DB) CreateReviewer(ctx context.Context, callID int64, in payesh.ReviewerInput) (string, *payesh.Reviewer, error) {
	if _, err := requireUser(ctx); err != nil {
		return "", nil, err
	}
	if err := in.Validate(); err != nil {
		return "", nil, err
	}
	secret, hash, err := newSecret()
	if err != nil {
		return "", nil, err
	}
	var v *payesh.Reviewer
	err = db.write(ctx, func(tx *Tx) error {
		c, err := tx.lockCall(callID, false)
		if err != nil {
			return err
		}
		if err := tx.requireRunCall(c); err != nil {
			return err
		}
		if err := tx.checkCallSubmissions(callID, in.SubmissionIDs); err != nil {
			return err
		}
		var by *int64
		if tx.actor.ID != 0 {
			by = &tx.actor.ID
		}
		var id int64
		if err := tx.QueryRowContext(tx.ctx, `INSERT INTO call_reviewers (call_id, name, affiliation, email, link_hash, expires_at,
				created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			callID, in.Name, in.Affiliation, in.Email, hash, tx.now.Add(time.Duration(in.Days)*day), by, tx.now).Scan(&id); err != nil {
			return err
		}
		if err := tx.assign(id, nil, in.SubmissionIDs); err != nil {
			return err
		}
		if v, err = loadReviewer(tx.ctx, tx, "r.id = $1", id); err != nil {
			return err
		}
		return tx.audit("call", callID, payesh.ActionLinkIssue, nil, v)
	})
	if err != nil {
		return "", nil, err
	}
	return secret, v, nil
}

// AssignSubmissions gives a reviewer more submissions of their call; the
// link they hold reaches them at once.
func (db *DB) AssignSubmissions(ctx context.Context, reviewerID int64, ids []int64) (*payesh.Reviewer, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	if err := payesh.ValidateIDs("submission_ids", ids); err != nil {
		return nil, err
	}
	var after *payesh.Reviewer
	err := db.write(ctx, func(tx *Tx) error {
		v, err := tx.runReviewer(reviewerID)
		if err != nil {
			return err
		}
		if err := tx.checkCallSubmissions(v.CallID, ids); err != nil {
			return err
		}
		if err := tx.assign(reviewerID, v.SubmissionIDs, ids); err != nil {
			return err
		}
		if after, err = loadReviewer(tx.ctx, tx, "r.id = $1", reviewerID); err != nil {
			return err
		}
		return tx.audit("call", v.CallID, payesh.ActionAssign, v, after)
	})
	return after, err
}

// RenewReviewerLink gives a reviewer a new secret living days from now;
// the old one stops working, and a revoked link lives again.
func (db *DB) RenewReviewerLink(ctx context.Context, reviewerID int64, days int) (string, *payesh.Reviewer, error) {
	if _, err := requireUser(ctx); err != nil {
		return "", nil, err
	}
	if days == 0 {
		days = payesh.DefaultLinkDays
	}
	if days < 1 || days > payesh.MaxLinkDays {
		return "", nil, payesh.Invalid(map[string]string{"days": "err.reviewer.days"})
	}
	secret, hash, err := newSecret()
	if err != nil {
		return "", nil, err
	}
	var after *payesh.Reviewer
	err = db.write(ctx, func(tx *Tx) error {
		v, err := tx.runReviewer(reviewerID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(tx.ctx, `UPDATE call_reviewers SET link_hash = $1, expires_at = $2, revoked_at = NULL WHERE id = $3`,
			hash, tx.now.Add(time.Duration(days)*day), reviewerID); err != nil {
			return err
		}
		if after, err = loadReviewer(tx.ctx, tx, "r.id = $1", reviewerID); err != nil {
			return err
		}
		return tx.audit("call", v.CallID, payesh.ActionLinkIssue, v, after)
	})
	if err != nil {
		return "", nil, err
	}
	return secret, after, nil
}

// RevokeReviewer ends a reviewer's link now; their reviews stay.
func (db *DB) RevokeReviewer(ctx context.Context, reviewerID int64) (*payesh.Reviewer, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	var after *payesh.Reviewer
	err := db.write(ctx, func(tx *Tx) error {
		v, err := tx.runReviewer(reviewerID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(tx.ctx, `UPDATE call_reviewers SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`,
			tx.now, reviewerID); err != nil {
			return err
		}
		if after, err = loadReviewer(tx.ctx, tx, "r.id = $1", reviewerID); err != nil {
			return err
		}
		return tx.audit("call", v.CallID, payesh.ActionLinkRevoke, v, after)
	})
	return after, err
}

// FindReviewers lists a call's reviewers, for whoever runs the call: the
// names and addresses of outside reviewers are the secretariat's to know.
func (db *DB) FindReviewers(ctx context.Context, callID int64) ([]*payesh.Reviewer, error) {
	c, err := db.FindCall(ctx, callID)
	if err != nil {
		return nil, err
	}
	if !db.canRunCall(ctx, c) {
		return nil, payesh.ErrForbidden
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+reviewerColumns+` FROM call_reviewers r WHERE r.call_id = $1 ORDER BY r.id`, callID)
	if err != nil {
		return nil, err
	}
	list, err := scanAll(rows, func(r *sql.Rows) (*payesh.Reviewer, error) { return scanReviewer(r) })
	if err != nil || len(list) == 0 {
		return list, err
	}
	byID := map[int64]*payesh.Reviewer{}
	for _, v := range list {
		byID[v.ID] = v
	}
	err = db.eachRow(ctx, `SELECT a.reviewer_id, a.submission_id FROM call_assignments a JOIN call_reviewers r ON r.id = a.reviewer_id
		WHERE r.call_id = $1 ORDER BY a.reviewer_id, a.submission_id`, []any{callID}, func(scan func(...any) error) error {
		var rid, sid int64
		if err := scan(&rid, &sid); err != nil {
			return err
		}
		byID[rid].SubmissionIDs = append(byID[rid].SubmissionIDs, sid)
		return nil
	})
	return list, err
}

// canRunCall reports whether the user in ctx may change the call's owner
// unit's work.
func (db *DB) canRunCall(ctx context.Context, c *payesh.Call) bool {
	u := payesh.UserFrom(ctx)
	if u.CanConfigure() {
		return true
	}
	ix, err := db.orgIndexOf(ctx)
	return err == nil && u.CanEditWorkOf(ix.path(c.OwnerUnitID))
}

// maxSecretLen bounds a secret looked up: newSecret's are 43 characters.
const maxSecretLen = 100

// reviewerByLink finds the reviewer a secret belongs to: not found for
// an unknown one, EGONE for one expired or revoked.
func (db *DB) reviewerByLink(ctx context.Context, q queryer, secret string) (*payesh.Reviewer, error) {
	if secret == "" || len(secret) > maxSecretLen {
		return nil, payesh.NotFound("reviewer_link")
	}
	v, err := loadReviewer(ctx, q, "r.link_hash = $1", hashSecret(secret))
	if payesh.ErrorCode(err) == payesh.ENOTFOUND {
		return nil, payesh.NotFound("reviewer_link")
	} else if err != nil {
		return nil, err
	}
	switch v.LinkState(db.timestamp()) {
	case payesh.LinkRevoked:
		return nil, payesh.ErrLinkRevoked
	case payesh.LinkExpired:
		return nil, payesh.ErrLinkExpired
	}
	return v, nil
}

// ReviewerDesk opens a link: the call, the reviewer and their
// submissions, each with the reviewer's own review only; the decision's
// note and the other reviewers are not theirs to read.
func (db *DB) ReviewerDesk(ctx context.Context, secret string) (*payesh.ReviewerDesk, error) {
	v, err := db.reviewerByLink(ctx, db.db, secret)
	if err != nil {
		return nil, err
	}
	c, err := loadCall(ctx, db.db, v.CallID)
	if err != nil {
		return nil, err
	}
	d := &payesh.ReviewerDesk{Call: c, Reviewer: v, Submissions: []*payesh.Submission{}}
	if len(v.SubmissionIDs) == 0 {
		return d, nil
	}
	w := &where{}
	w.add("s.id IN "+inList(len(v.SubmissionIDs)), anySlice(v.SubmissionIDs)...)
	list, err := loadSubmissions(ctx, db.db, w)
	if err != nil {
		return nil, err
	}
	for _, s := range list {
		own := []*payesh.PaperReview{}
		for _, r := range s.Reviews {
			if r.ReviewerID == v.ID {
				own = append(own, r)
			}
		}
		s.Reviews, s.Reviewers = own, []string{}
		s.DecisionNote, s.DecidedBy, s.DeciderName = "", nil, ""
	}
	d.Submissions = list
	return d, nil
}

// assigned reports whether the reviewer holds the submission.
func assigned(v *payesh.Reviewer, submissionID int64) bool {
	for _, id := range v.SubmissionIDs {
		if id == submissionID {
			return true
		}
	}
	return false
}

// OpenReviewerFile serves a submission's file to the reviewer it is
// assigned to; any other submission is not found.
func (db *DB) OpenReviewerFile(ctx context.Context, secret string, submissionID int64) (*payesh.CallFile, []byte, error) {
	v, err := db.reviewerByLink(ctx, db.db, secret)
	if err != nil {
		return nil, nil, err
	}
	if !assigned(v, submissionID) {
		return nil, nil, payesh.NotFound("submission")
	}
	f, err := scanCallFile(db.db.QueryRowContext(ctx, `SELECT `+callFileColumns+` FROM call_files f
		WHERE f.submission_id = $1 ORDER BY f.id DESC LIMIT 1`, submissionID))
	if err != nil {
		return nil, nil, notFoundIfNoRows(err, "call_file")
	}
	return db.callFileContent(ctx, f)
}

// reviewerActor is who a review is written as in the audit trail: no
// user (no id, no unit, reading nothing), named as the reviewer.
func reviewerActor(v *payesh.Reviewer) *payesh.User {
	return &payesh.User{Username: "reviewer-" + strconv.FormatInt(v.ID, 10), Name: v.Name, Role: payesh.RoleViewer, Active: true}
}

// PostReview records the reviewer's review of an assigned, undecided
// submission; posting again replaces it. The submission's row is locked
// so that a decision and a review are never taken at once.
func (db *DB) PostReview(ctx context.Context, secret string, submissionID int64, in payesh.PaperReviewInput) (*payesh.PaperReview, error) {
	v, err := db.reviewerByLink(ctx, db.db, secret)
	if err != nil {
		return nil, err
	}
	if !assigned(v, submissionID) {
		return nil, payesh.NotFound("submission")
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var out *payesh.PaperReview
	err = db.write(payesh.WithUser(ctx, reviewerActor(v)), func(tx *Tx) error {
		// Again inside: the link may have been revoked meanwhile.
		v, err := db.reviewerByLink(tx.ctx, tx, secret)
		if err != nil {
			return err
		}
		if !assigned(v, submissionID) {
			return payesh.NotFound("submission")
		}
		var decision payesh.Verdict
		if err := tx.QueryRowContext(tx.ctx, `SELECT decision FROM call_submissions WHERE id = $1`+tx.forUpdate(), submissionID).
			Scan(&decision); err != nil {
			return notFoundIfNoRows(err, "submission")
		}
		if decision != "" {
			return payesh.Errorf(payesh.ECONFLICT, "err.review.decided")
		}
		var before *payesh.PaperReview
		b, err := scanReview(tx.QueryRowContext(tx.ctx, `SELECT `+reviewColumns+` FROM call_reviews v
			JOIN call_reviewers r ON r.id = v.reviewer_id WHERE v.submission_id = $1 AND v.reviewer_id = $2`, submissionID, v.ID))
		switch {
		case err == nil:
			before = b
		case err != sql.ErrNoRows:
			return err
		}
		var id int64
		if err := tx.QueryRowContext(tx.ctx, `INSERT INTO call_reviews (submission_id, reviewer_id, score, verdict, comment, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $6)
			ON CONFLICT (submission_id, reviewer_id) DO UPDATE SET score = excluded.score, verdict = excluded.verdict,
				comment = excluded.comment, updated_at = excluded.updated_at
			RETURNING id`, submissionID, v.ID, in.Score, in.Verdict, in.Comment, tx.now).Scan(&id); err != nil {
			return err
		}
		if out, err = scanReview(tx.QueryRowContext(tx.ctx, `SELECT `+reviewColumns+` FROM call_reviews v
			JOIN call_reviewers r ON r.id = v.reviewer_id WHERE v.id = $1`, id)); err != nil {
			return err
		}
		return tx.audit("call_submission", submissionID, payesh.ActionReview, before, out)
	})
	return out, err
}
