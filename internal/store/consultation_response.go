package store

import (
	"cmp"
	"context"
	"database/sql"
	"strconv"

	"payesh"
)

// Respondents' answers: one response per invitee and round, saved as a
// draft until the round's deadline and final once submitted; each holds
// one answer per item.

// answerer picks whom u answers for among the consultation's invitees:
// the one asked for (0: the first u answers for). A user who reads the
// consultation but answers for nobody — a unit's viewer, the secretariat
// — is forbidden; one who does not read it finds nothing.
func answerer(c *payesh.Consultation, u *payesh.User, inviteeID int64) (*payesh.Invitee, error) {
	reads := u.CanConfigure()
	for _, i := range c.Invitees {
		if inviteeID != 0 && i.ID != inviteeID {
			continue
		}
		if i.AnswersFor(u) {
			return i, nil
		}
		reads = reads || i.ReadsFor(u)
	}
	if reads {
		return nil, payesh.ErrForbidden
	}
	return nil, payesh.NotFound("consultation")
}

// FindResponseForm is what u answers with for an invitee.
func (db *DB) FindResponseForm(ctx context.Context, id, inviteeID int64) (*payesh.ResponseForm, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	c, err := db.loadConsultation(ctx, db.db, id)
	if err != nil {
		return nil, err
	}
	// A unit's viewer reads its unit's answers without answering.
	var inv *payesh.Invitee
	for _, i := range c.Invitees {
		if (inviteeID == 0 || i.ID == inviteeID) && i.ReadsFor(u) && (inv == nil || !inv.AnswersFor(u) && i.AnswersFor(u)) {
			inv = i
		}
	}
	if inv == nil {
		_, err := answerer(c, u, inviteeID)
		return nil, cmp.Or(err, error(payesh.NotFound("consultation")))
	}
	form := &payesh.ResponseForm{Invitee: inv}
	responses, err := db.loadResponses(ctx, db.db, id, 0, []int64{inv.ID})
	if err != nil {
		return nil, err
	}
	for _, r := range responses {
		switch r.Round {
		case c.Round:
			form.Response = r
		case 1:
			form.Earlier = r
		}
	}
	if c.Round > 1 {
		first, err := db.loadResponses(ctx, db.db, id, 1, nil)
		if err != nil {
			return nil, err
		}
		for _, it := range c.Items {
			d := payesh.NewDistribution()
			for _, r := range first {
				if r.State == payesh.ResponseSubmitted {
					d.Add(r.Answer(it.Key()).Agreement)
				}
			}
			form.FirstRound = append(form.FirstRound, d)
		}
	}
	form.Open = c.State == payesh.ConsultationOpen && !db.today().After(c.Deadline) && inv.AnswersFor(u) &&
		(form.Response == nil || form.Response.State != payesh.ResponseSubmitted)
	form.Consultation = asReader(c, u)
	return form, nil
}

// SaveResponse saves u's answers of the current round for an invitee, as
// a draft or submitted.
func (db *DB) SaveResponse(ctx context.Context, id int64, in payesh.ResponseInput) (*payesh.Response, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var out *payesh.Response
	err = db.write(ctx, func(tx *Tx) error {
		c, err := tx.lockConsultation(id)
		if err != nil {
			return err
		}
		inv, err := answerer(c, u, in.InviteeID)
		if err != nil {
			return err
		}
		switch {
		case c.State != payesh.ConsultationOpen:
			return errConsultationClosed
		case payesh.Today(tx.now).After(c.Deadline):
			return errDeadlinePassed
		}
		asked := map[int64]*int64{}
		for _, it := range c.Items {
			asked[it.Key()] = it.ClauseID
		}
		f := map[string]string{}
		for i, a := range in.Answers {
			if _, ok := asked[a.Key()]; !ok {
				f["answers."+strconv.Itoa(i)+".clause_id"] = "err.consultation.not_asked"
			}
		}
		if err := payesh.Invalid(f); err != nil {
			return err
		}
		found, err := tx.db.loadResponses(tx.ctx, tx, id, c.Round, []int64{inv.ID})
		if err != nil {
			return err
		}
		var before *payesh.Response
		if len(found) > 0 {
			before = found[0]
		}
		switch {
		case before != nil && before.State == payesh.ResponseSubmitted:
			return payesh.Errorf(payesh.ECONFLICT, "err.consultation.submitted")
		case before == nil && in.Version != 0, before != nil && before.Version != in.Version:
			return payesh.Conflict(before)
		}
		state := payesh.ResponseDraft
		var submitted any // NULL until submitted
		if in.Submit {
			state, submitted = payesh.ResponseSubmitted, tx.now
		}
		var by *int64
		if tx.actor.ID != 0 {
			by = &tx.actor.ID
		}
		var rid int64
		if before == nil {
			err = tx.QueryRowContext(tx.ctx, `INSERT INTO consultation_responses (consultation_id, invitee_id, round, state,
					updated_by, updated_by_name, submitted_at, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
				id, inv.ID, c.Round, state, by, tx.actor.Name, submitted, tx.now).Scan(&rid)
			if err != nil {
				return err
			}
		} else {
			rid = before.ID
			if _, err := tx.ExecContext(tx.ctx, `UPDATE consultation_responses SET state = $1, updated_by = $2, updated_by_name = $3,
					submitted_at = $4, updated_at = $5, version = version + 1 WHERE id = $6`,
				state, by, tx.actor.Name, submitted, tx.now, rid); err != nil {
				return err
			}
			if _, err := tx.ExecContext(tx.ctx, `DELETE FROM consultation_answers WHERE response_id = $1`, rid); err != nil {
				return err
			}
		}
		var said []payesh.Answer
		for _, a := range in.Answers {
			if !a.Empty() {
				a.ClauseID = asked[a.Key()]
				said = append(said, a)
			}
		}
		err = tx.insertMany(`INSERT INTO consultation_answers (response_id, clause_key, clause_id, agreement, comment, proposal) VALUES `, "", 6,
			len(said), func(i int) []any {
				a := said[i]
				return []any{rid, a.Key(), a.ClauseID, a.Agreement, a.Comment, a.Proposal}
			})
		if err != nil {
			return err
		}
		found, err = tx.db.loadResponses(tx.ctx, tx, id, c.Round, []int64{inv.ID})
		if err != nil {
			return err
		}
		out = found[0]
		action := payesh.ActionUpdate
		switch {
		case in.Submit:
			action = payesh.ActionSubmit
		case before == nil:
			action = payesh.ActionCreate
		}
		return tx.audit("consultation_response", rid, action, before, out)
	})
	return out, err
}

// FindResponses lists a round's responses (0: the current round): every
// one for admins and the secretariat, the reader's own invitees' for a
// respondent.
func (db *DB) FindResponses(ctx context.Context, id int64, round int) ([]*payesh.Response, error) {
	c, err := db.FindConsultation(ctx, id)
	if err != nil {
		return nil, err
	}
	if round == 0 {
		round = c.Round
	}
	if round < 1 || round > c.Round {
		return nil, payesh.Invalid(map[string]string{"round": "err.consultation.round"})
	}
	var only []int64
	if !payesh.UserFrom(ctx).CanConfigure() {
		for _, i := range c.Invitees {
			only = append(only, i.ID)
		}
	}
	return db.loadResponses(ctx, db.db, id, round, only)
}

const responseColumns = `r.id, r.consultation_id, r.invitee_id, r.round, r.state, COALESCE(ou.name_fa, us.name, ''),
	r.updated_by, r.updated_by_name, r.submitted_at, r.version, r.created_at, r.updated_at`

// loadResponses reads a consultation's responses with their answers, of
// one round (0: every round), of the invitees named (nil: every one), by
// respondent in Persian order.
func (db *DB) loadResponses(ctx context.Context, q queryer, id int64, round int, invitees []int64) ([]*payesh.Response, error) {
	w := &where{}
	w.add("r.consultation_id = ?", id)
	if round != 0 {
		w.add("r.round = ?", round)
	}
	if invitees != nil {
		if len(invitees) == 0 {
			return []*payesh.Response{}, nil
		}
		w.add("r.invitee_id IN "+inList(len(invitees)), anySlice(invitees)...)
	}
	rows, err := q.QueryContext(ctx, `SELECT `+responseColumns+` FROM consultation_responses r
		JOIN consultation_invitees i ON i.id = r.invitee_id
		LEFT JOIN org_units ou ON ou.id = i.unit_id
		LEFT JOIN users us ON us.id = i.user_id`+w.String()+` ORDER BY r.round, r.id`, w.args...)
	if err != nil {
		return nil, err
	}
	list, err := scanAll(rows, func(r *sql.Rows) (*payesh.Response, error) {
		var x payesh.Response
		var by sql.NullInt64
		var at sql.NullTime
		err := r.Scan(&x.ID, &x.ConsultationID, &x.InviteeID, &x.Round, &x.State, &x.Respondent, &by, &x.UpdatedByName, &at,
			&x.Version, &x.CreatedAt, &x.UpdatedAt)
		if by.Valid {
			x.UpdatedBy = &by.Int64
		}
		if at.Valid {
			t := at.Time
			x.SubmittedAt = &t
		}
		x.Answers = []payesh.Answer{}
		return &x, err
	})
	if err != nil || len(list) == 0 {
		return list, err
	}
	byID := make(map[int64]*payesh.Response, len(list))
	ids := make([]int64, len(list))
	for i, r := range list {
		byID[r.ID], ids[i] = r, r.ID
	}
	aw := &where{}
	aw.add("a.response_id IN "+inList(len(ids)), anySlice(ids)...)
	rows, err = q.QueryContext(ctx, `SELECT a.response_id, a.clause_id, a.agreement, a.comment, a.proposal
		FROM consultation_answers a`+aw.String()+` ORDER BY a.response_id, a.clause_key`, aw.args...)
	if err != nil {
		return nil, err
	}
	_, err = scanAll(rows, func(r *sql.Rows) (struct{}, error) {
		var resp int64
		var clause sql.NullInt64
		var a payesh.Answer
		if err := r.Scan(&resp, &clause, &a.Agreement, &a.Comment, &a.Proposal); err != nil {
			return struct{}{}, err
		}
		if clause.Valid {
			a.ClauseID = &clause.Int64
		}
		byID[resp].Answers = append(byID[resp].Answers, a)
		return struct{}{}, nil
	})
	return list, err
}

// Consolidate is a round's consolidated opinion, for admins and the
// secretariat: per item, how many answered of those invited, how they
// agreed, and every proposal and comment by respondent. Only submitted
// responses count; a draft is still its author's.
func (db *DB) Consolidate(ctx context.Context, id int64, round int) (*payesh.Consolidated, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	c, err := db.loadConsultation(ctx, db.db, id)
	if err != nil {
		return nil, err
	}
	if round == 0 {
		round = c.Round
	}
	if round < 1 || round > c.Round {
		return nil, payesh.Invalid(map[string]string{"round": "err.consultation.round"})
	}
	responses, err := db.loadResponses(ctx, db.db, id, round, nil)
	if err != nil {
		return nil, err
	}
	out := &payesh.Consolidated{Consultation: c, Round: round, Invited: len(c.Invitees), Items: []payesh.ConsolidatedItem{}}
	var submitted []*payesh.Response
	for _, r := range responses {
		if r.State == payesh.ResponseSubmitted {
			submitted = append(submitted, r)
		}
	}
	out.Submitted, out.Rate = len(submitted), payesh.RateOf(len(submitted), out.Invited)
	for _, it := range c.Items {
		ci := payesh.ConsolidatedItem{Item: it, Invited: out.Invited, Agreement: payesh.NewDistribution(),
			Proposals: []payesh.Opinion{}, Comments: []payesh.Opinion{}}
		for _, r := range submitted {
			a := r.Answer(it.Key())
			if a.Empty() {
				continue
			}
			ci.Answered++
			ci.Agreement.Add(a.Agreement)
			op := payesh.Opinion{InviteeID: r.InviteeID, Respondent: r.Respondent, Agreement: a.Agreement}
			if a.Proposal != "" {
				op.Text = a.Proposal
				ci.Proposals = append(ci.Proposals, op)
			}
			if a.Comment != "" {
				op.Text = a.Comment
				ci.Comments = append(ci.Comments, op)
			}
		}
		ci.Rate = payesh.RateOf(ci.Answered, ci.Invited)
		sortOpinions(ci.Proposals)
		sortOpinions(ci.Comments)
		out.Items = append(out.Items, ci)
	}
	return out, nil
}
