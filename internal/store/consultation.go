package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"

	"payesh"
)

// Consultations (payesh.ConsultationService): opened, run through their
// rounds and closed by admins and the secretariat, read and answered by
// their invitees. A consultation has a few dozen invitees and a handful
// of clauses, and the secretariat runs a few a year, so one is read
// whole, in a few queries, and lists are paged in SQL before each row is
// read.

var _ payesh.ConsultationService = (*DB)(nil)

// CreateConsultation opens a consultation's first round and tells every
// invitee, in one transaction.
func (db *DB) CreateConsultation(ctx context.Context, in payesh.ConsultationInput) (*payesh.Consultation, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	in.Normalize()
	if err := in.Validate(db.today()); err != nil {
		return nil, err
	}
	var c *payesh.Consultation
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.checkConsultationRefs(&in); err != nil {
			return err
		}
		var by *int64
		if tx.actor.ID != 0 {
			by = &tx.actor.ID
		}
		var id int64
		err := tx.QueryRowContext(tx.ctx, `INSERT INTO consultations (title, description, document_id, state, round, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, 1, $5, $6, $6) RETURNING id`,
			in.Title, in.Description, in.DocumentID, payesh.ConsultationOpen, by, tx.now).Scan(&id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(tx.ctx, `INSERT INTO consultation_rounds (consultation_id, number, deadline, opened_at) VALUES ($1, 1, $2, $3)`,
			id, in.Deadline, tx.now); err != nil {
			return err
		}
		if err := tx.insertMany(`INSERT INTO consultation_clauses (consultation_id, clause_id, ordinal) VALUES `, "", 3, len(in.ClauseIDs),
			func(i int) []any { return []any{id, in.ClauseIDs[i], i + 1} }); err != nil {
			return err
		}
		type invitee struct{ unit, user *int64 }
		var invitees []invitee
		for _, u := range in.UnitIDs {
			invitees = append(invitees, invitee{unit: &u})
		}
		for _, u := range in.ExpertIDs {
			invitees = append(invitees, invitee{user: &u})
		}
		err = tx.insertMany(`INSERT INTO consultation_invitees (consultation_id, unit_id, user_id, unit_key, user_key) VALUES `, "", 5, len(invitees),
			func(i int) []any {
				v := invitees[i]
				return []any{id, v.unit, v.user, idOrZero(v.unit), idOrZero(v.user)}
			})
		if err != nil {
			return err
		}
		if c, err = tx.db.loadConsultation(tx.ctx, tx, id); err != nil {
			return err
		}
		n := payesh.Notification{Kind: payesh.NoteConsultationInvited, Entity: payesh.EntityConsultation, EntityID: id,
			Message: "ui.note.consultation_invited", Day: payesh.Today(tx.now),
			Args: map[string]string{"title": c.Title, "deadline": c.Deadline.String()}}
		if _, err := tx.tellInvitees(c, nil, n); err != nil {
			return err
		}
		return tx.audit("consultation", id, payesh.ActionCreate, nil, c)
	})
	return c, err
}

func idOrZero(id *int64) int64 {
	if id == nil {
		return 0
	}
	return *id
}

// checkConsultationRefs checks what a new consultation names: the
// document, the clauses (of the document, when one is named), the units,
// and the experts, who must be active users.
func (tx *Tx) checkConsultationRefs(in *payesh.ConsultationInput) error {
	if in.DocumentID != nil {
		if err := tx.allExist("documents", []int64{*in.DocumentID}, "document_id"); err != nil {
			return err
		}
	}
	if err := tx.allExist("clauses", in.ClauseIDs, "clause_ids"); err != nil {
		return err
	}
	if in.DocumentID != nil && len(in.ClauseIDs) > 0 {
		w := &where{}
		w.add("id IN "+inList(len(in.ClauseIDs)), anySlice(in.ClauseIDs)...)
		w.add("document_id <> ?", *in.DocumentID)
		var n int
		if err := tx.QueryRowContext(tx.ctx, `SELECT COUNT(*) FROM clauses`+w.String(), w.args...).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return payesh.Invalid(map[string]string{"clause_ids": "err.consultation.clause_of_document"})
		}
	}
	if err := tx.allExist("org_units", in.UnitIDs, "unit_ids"); err != nil {
		return err
	}
	if len(in.ExpertIDs) > 0 {
		w := &where{}
		w.add("id IN "+inList(len(in.ExpertIDs)), anySlice(in.ExpertIDs)...)
		w.add("active = 1")
		var n int
		if err := tx.QueryRowContext(tx.ctx, `SELECT COUNT(*) FROM users`+w.String(), w.args...).Scan(&n); err != nil {
			return err
		}
		if n != len(in.ExpertIDs) {
			return payesh.Invalid(map[string]string{"expert_ids": "err.unknown_ref"})
		}
	}
	return nil
}

// tellInvitees tells n to the users who answer for the invitees ids
// names (nil: every invitee) — an expert, a unit's users who act — but
// the actor, and returns how many it told. Each user is told once
// however many invitees they answer for.
func (tx *Tx) tellInvitees(c *payesh.Consultation, ids []int64, n payesh.Notification) (int, error) {
	var units, experts []int64
	for _, i := range c.Invitees {
		if ids != nil && !slices.Contains(ids, i.ID) {
			continue
		}
		if i.UserID != nil {
			experts = append(experts, *i.UserID)
		} else if i.UnitID != nil {
			units = append(units, *i.UnitID)
		}
	}
	if len(units)+len(experts) == 0 {
		return 0, nil
	}
	// Units' users who act, or the experts: "(… IN (…)) OR …" with the
	// arguments in the order of the "?"s.
	var or []string
	var args []any
	if len(units) > 0 {
		or = append(or, "(u.role <> 'viewer' AND u.unit_id IN "+inList(len(units))+")")
		args = append(args, anySlice(units)...)
	}
	if len(experts) > 0 {
		or = append(or, "u.id IN "+inList(len(experts)))
		args = append(args, anySlice(experts)...)
	}
	w := &where{}
	w.add("u.active = 1 AND u.id <> ?", tx.actor.ID)
	w.add("("+joinOr(or)+")", args...)
	rows, err := tx.QueryContext(tx.ctx, `SELECT u.id FROM users u`+w.String()+` ORDER BY u.id`, w.args...)
	if err != nil {
		return 0, err
	}
	users, err := scanAll(rows, func(r *sql.Rows) (id int64, err error) { return id, r.Scan(&id) })
	if err != nil {
		return 0, err
	}
	text, err := jsonOrNil(n.Args)
	if err != nil {
		return 0, err
	}
	err = tx.insertMany(`INSERT INTO notifications (user_id, kind, entity, entity_id, day, message, args, created_at) VALUES `,
		` ON CONFLICT DO NOTHING`, 8, len(users), func(i int) []any {
			return []any{users[i], n.Kind, n.Entity, n.EntityID, n.Day, n.Message, *text, tx.now}
		})
	return len(users), err
}

const consultationColumns = `c.id, c.title, c.description, c.document_id, c.state, c.round, c.created_by, c.version,
	c.created_at, c.updated_at, COALESCE(d.title_fa, '')`

const consultationFrom = ` FROM consultations c LEFT JOIN documents d ON d.id = c.document_id`

func scanConsultation(r interface{ Scan(...any) error }) (*payesh.Consultation, error) {
	var c payesh.Consultation
	var doc, by sql.NullInt64
	err := r.Scan(&c.ID, &c.Title, &c.Description, &doc, &c.State, &c.Round, &by, &c.Version, &c.CreatedAt, &c.UpdatedAt, &c.DocumentTitle)
	if doc.Valid {
		c.DocumentID = &doc.Int64
	}
	if by.Valid {
		c.CreatedBy = &by.Int64
	}
	c.ClauseIDs, c.Items, c.Rounds, c.Invitees = []int64{}, []payesh.ConsultationItem{}, []payesh.ConsultationRound{}, []*payesh.Invitee{}
	return &c, err
}

// loadConsultation reads a consultation whole — rounds, items, invitees
// with their current round's state — with no scope check.
func (db *DB) loadConsultation(ctx context.Context, q queryer, id int64) (*payesh.Consultation, error) {
	c, err := scanConsultation(q.QueryRowContext(ctx, `SELECT `+consultationColumns+consultationFrom+` WHERE c.id = $1`, id))
	if err != nil {
		return nil, notFoundIfNoRows(err, "consultation")
	}
	rows, err := q.QueryContext(ctx, `SELECT number, deadline, opened_at FROM consultation_rounds WHERE consultation_id = $1 ORDER BY number`, id)
	if err != nil {
		return nil, err
	}
	if c.Rounds, err = scanAll(rows, func(r *sql.Rows) (x payesh.ConsultationRound, err error) {
		return x, r.Scan(&x.Number, &x.Deadline, &x.OpenedAt)
	}); err != nil {
		return nil, err
	}
	for _, r := range c.Rounds {
		if r.Number == c.Round {
			c.Deadline = r.Deadline
		}
	}
	rows, err = q.QueryContext(ctx, `SELECT k.clause_id, c.number, c.title_fa FROM consultation_clauses k
		JOIN clauses c ON c.id = k.clause_id WHERE k.consultation_id = $1 ORDER BY k.ordinal`, id)
	if err != nil {
		return nil, err
	}
	if c.Items, err = scanAll(rows, func(r *sql.Rows) (x payesh.ConsultationItem, err error) {
		var clause int64
		err = r.Scan(&clause, &x.Number, &x.Title)
		x.ClauseID = &clause
		return x, err
	}); err != nil {
		return nil, err
	}
	for _, it := range c.Items {
		c.ClauseIDs = append(c.ClauseIDs, *it.ClauseID)
	}
	if len(c.Items) == 0 {
		c.Items = []payesh.ConsultationItem{{Title: c.DocumentTitle}}
	}
	rows, err = q.QueryContext(ctx, `SELECT i.id, i.unit_id, i.user_id, COALESCE(ou.name_fa, us.name, ''), COALESCE(uu.name_fa, ''),
			COALESCE(r.state, ''), r.submitted_at,
			(SELECT COUNT(*) FROM consultation_reminded m JOIN consultation_reminders n ON n.id = m.reminder_id
				WHERE m.invitee_id = i.id AND n.round = $2)
		FROM consultation_invitees i
		LEFT JOIN org_units ou ON ou.id = i.unit_id
		LEFT JOIN users us ON us.id = i.user_id
		LEFT JOIN org_units uu ON uu.id = us.unit_id
		LEFT JOIN consultation_responses r ON r.invitee_id = i.id AND r.round = $2
		WHERE i.consultation_id = $1 ORDER BY CASE WHEN i.unit_id IS NULL THEN 1 ELSE 0 END, i.id`, id, c.Round)
	if err != nil {
		return nil, err
	}
	if c.Invitees, err = scanAll(rows, func(r *sql.Rows) (*payesh.Invitee, error) {
		var i payesh.Invitee
		var unit, user sql.NullInt64
		var at sql.NullTime
		err := r.Scan(&i.ID, &unit, &user, &i.Name, &i.UnitName, &i.State, &at, &i.Reminders)
		if unit.Valid {
			i.UnitID = &unit.Int64
		}
		if user.Valid {
			i.UserID = &user.Int64
		}
		if at.Valid {
			t := at.Time
			i.AnsweredAt = &t
		}
		return &i, err
	}); err != nil {
		return nil, err
	}
	c.Invited, c.Answered = tally(c.Invitees)
	return c, nil
}

func tally(invitees []*payesh.Invitee) (invited, answered int) {
	for _, i := range invitees {
		invited++
		if i.State == payesh.ResponseSubmitted {
			answered++
		}
	}
	return invited, answered
}

// asReader is the consultation as u reads it, or nil when u does not:
// all of it for admins and the secretariat; for an invitee, only the
// invitees it reads for (a respondent does not learn whom else was asked).
func asReader(c *payesh.Consultation, u *payesh.User) *payesh.Consultation {
	if u.CanConfigure() {
		return c
	}
	var mine []*payesh.Invitee
	for _, i := range c.Invitees {
		if i.ReadsFor(u) {
			mine = append(mine, i)
		}
	}
	if len(mine) == 0 {
		return nil
	}
	c.Invitees = mine
	c.Invited, c.Answered = tally(mine)
	return c
}

// FindConsultation returns a consultation the reader reads.
func (db *DB) FindConsultation(ctx context.Context, id int64) (*payesh.Consultation, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	c, err := db.loadConsultation(ctx, db.db, id)
	if err != nil {
		return nil, err
	}
	if c = asReader(c, u); c == nil {
		return nil, payesh.NotFound("consultation")
	}
	return c, nil
}

// consultationScope limits a query on consultations c to those u reads.
func consultationScope(w *where, u *payesh.User) {
	if u.CanConfigure() {
		return
	}
	w.add(`c.id IN (SELECT consultation_id FROM consultation_invitees WHERE unit_id = ? OR user_id = ?)`, u.UnitID, u.ID)
}

// FindConsultations lists the consultations the reader reads: open ones
// first, then newest first.
func (db *DB) FindConsultations(ctx context.Context, f payesh.ConsultationFilter) ([]*payesh.Consultation, int, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, 0, err
	}
	w := &where{}
	consultationScope(w, u)
	if f.State != "" {
		w.add("c.state = ?", f.State)
	}
	if f.ClauseID != 0 {
		w.add("c.id IN (SELECT consultation_id FROM consultation_clauses WHERE clause_id = ?)", f.ClauseID)
	}
	total, err := db.count(ctx, "consultations c", w)
	if err != nil {
		return nil, 0, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT c.id FROM consultations c`+w.String()+
		` ORDER BY CASE WHEN c.state = 'open' THEN 0 ELSE 1 END, c.id DESC`+pageSQL(f.Page.Normalized()), w.args...)
	if err != nil {
		return nil, 0, err
	}
	ids, err := scanAll(rows, func(r *sql.Rows) (id int64, err error) { return id, r.Scan(&id) })
	if err != nil {
		return nil, 0, err
	}
	out := make([]*payesh.Consultation, 0, len(ids))
	for _, id := range ids {
		c, err := db.loadConsultation(ctx, db.db, id)
		if err != nil {
			return nil, 0, err
		}
		if c = asReader(c, u); c != nil {
			out = append(out, c)
		}
	}
	return out, total, nil
}

// lockConsultation takes the consultation's row for the transaction
// (PostgreSQL; SQLite has one writer) and reads it whole: the answers,
// rounds and reminders of one consultation are written one at a time.
func (tx *Tx) lockConsultation(id int64) (*payesh.Consultation, error) {
	q := `SELECT id FROM consultations WHERE id = $1`
	if tx.db.engine == Postgres {
		q += ` FOR UPDATE`
	}
	if err := tx.QueryRowContext(tx.ctx, q, id).Scan(new(int64)); err != nil {
		return nil, notFoundIfNoRows(err, "consultation")
	}
	return tx.db.loadConsultation(tx.ctx, tx, id)
}

// errClosed and its kin refuse what a consultation's state forbids.
var (
	errConsultationClosed = payesh.Errorf(payesh.ECONFLICT, "err.consultation.closed")
	errDeadlinePassed     = payesh.Errorf(payesh.ECONFLICT, "err.consultation.deadline_passed")
)

// OpenSecondRound opens the Delphi round: every invitee is asked again,
// sees the first round's agreement, and is told.
func (db *DB) OpenSecondRound(ctx context.Context, id int64, in payesh.RoundInput) (*payesh.Consultation, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	if err := requireVersion(in.Version); err != nil {
		return nil, err
	}
	if err := in.Validate(db.today()); err != nil {
		return nil, err
	}
	var after *payesh.Consultation
	err := db.write(ctx, func(tx *Tx) error {
		before, err := tx.lockConsultation(id)
		if err != nil {
			return err
		}
		switch {
		case before.Version != in.Version:
			return payesh.Conflict(before)
		case before.State != payesh.ConsultationOpen:
			return errConsultationClosed
		case before.Round >= payesh.MaxRounds:
			return payesh.Errorf(payesh.ECONFLICT, "err.consultation.last_round")
		case before.Answered == 0:
			return payesh.Errorf(payesh.ECONFLICT, "err.consultation.no_answers")
		}
		next := before.Round + 1
		if _, err := tx.ExecContext(tx.ctx, `UPDATE consultations SET round = $1, version = version + 1, updated_at = $2 WHERE id = $3`,
			next, tx.now, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(tx.ctx, `INSERT INTO consultation_rounds (consultation_id, number, deadline, opened_at) VALUES ($1, $2, $3, $4)`,
			id, next, in.Deadline, tx.now); err != nil {
			return err
		}
		if after, err = tx.db.loadConsultation(tx.ctx, tx, id); err != nil {
			return err
		}
		n := payesh.Notification{Kind: payesh.NoteConsultationRound, Entity: payesh.EntityConsultation, EntityID: id,
			Message: "ui.note.consultation_round", Day: payesh.Today(tx.now),
			Args: map[string]string{"title": after.Title, "deadline": after.Deadline.String()}}
		if _, err := tx.tellInvitees(after, nil, n); err != nil {
			return err
		}
		return tx.audit("consultation", id, payesh.ActionOpenRound, before, after)
	})
	return after, err
}

// CloseConsultation ends a consultation: nobody answers any more.
func (db *DB) CloseConsultation(ctx context.Context, id int64, version int) (*payesh.Consultation, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	if err := requireVersion(version); err != nil {
		return nil, err
	}
	var after *payesh.Consultation
	err := db.write(ctx, func(tx *Tx) error {
		before, err := tx.lockConsultation(id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return payesh.Conflict(before)
		}
		if before.State != payesh.ConsultationOpen {
			return errConsultationClosed
		}
		if _, err := tx.ExecContext(tx.ctx, `UPDATE consultations SET state = $1, version = version + 1, updated_at = $2 WHERE id = $3`,
			payesh.ConsultationClosed, tx.now, id); err != nil {
			return err
		}
		if after, err = tx.db.loadConsultation(tx.ctx, tx, id); err != nil {
			return err
		}
		return tx.audit("consultation", id, payesh.ActionClose, before, after)
	})
	return after, err
}

// byRespondent orders opinions by their respondent's name, in Persian
// dictionary order.
func byRespondent(a, b payesh.Opinion) int {
	return cmp.Or(cmp.Compare(payesh.CollationKey(a.Respondent), payesh.CollationKey(b.Respondent)), cmp.Compare(a.InviteeID, b.InviteeID))
}

func sortOpinions(ops []payesh.Opinion) { slices.SortStableFunc(ops, byRespondent) }
