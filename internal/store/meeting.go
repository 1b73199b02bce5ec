package store

import (
	"context"
	"database/sql"
	"slices"

	"payesh"
)

// Bodies and their meetings (payesh.MeetingService). A meeting is read by
// whoever reads the work of its body's unit — for a body at headquarters,
// everyone but external partners — or any of its resolutions; the
// resolutions themselves are work items and read as work is.

var _ payesh.MeetingService = (*DB)(nil)

// CreateBody adds a body with its members (the secretariat and admins).
func (db *DB) CreateBody(ctx context.Context, b *payesh.Body) error {
	if err := requireConfigure(ctx); err != nil {
		return err
	}
	b.Normalize()
	if err := b.Validate(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		if b.UnitID != nil {
			if err := tx.allExist("org_units", []int64{*b.UnitID}, "unit_id"); err != nil {
				return err
			}
		}
		if err := tx.checkPeopleUsers(memberUsers(b.Members), "members"); err != nil {
			return err
		}
		err := tx.QueryRowContext(tx.ctx, `INSERT INTO bodies (code, name_fa, name_en, unit_id, note, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`, b.Code, b.NameFA, b.NameEN, b.UnitID, b.Note, tx.now).Scan(&b.ID)
		if err != nil {
			return err
		}
		for _, m := range b.Members {
			if _, err := tx.ExecContext(tx.ctx, `INSERT INTO body_members (body_id, user_id, name, title) VALUES ($1, $2, $3, $4)`,
				b.ID, m.UserID, m.Name, m.Title); err != nil {
				return err
			}
		}
		b.Version, b.CreatedAt, b.UpdatedAt = 1, tx.now, tx.now
		if b.Members == nil {
			b.Members = []payesh.BodyMember{}
		}
		return tx.audit("body", b.ID, payesh.ActionCreate, nil, b)
	})
}

func memberUsers(ms []payesh.BodyMember) []int64 {
	var ids []int64
	for _, m := range ms {
		if m.UserID != nil {
			ids = append(ids, *m.UserID)
		}
	}
	return ids
}

// checkPeopleUsers checks that the users people name exist.
func (tx *Tx) checkPeopleUsers(ids []int64, field string) error {
	slices.Sort(ids)
	return tx.allExist("users", slices.Compact(ids), field)
}

const bodyColumns = `b.id, b.code, b.name_fa, b.name_en, b.unit_id, b.note, b.version, b.created_at, b.updated_at`

func scanBody(r interface{ Scan(...any) error }) (*payesh.Body, error) {
	var b payesh.Body
	var unit sql.NullInt64
	err := r.Scan(&b.ID, &b.Code, &b.NameFA, &b.NameEN, &unit, &b.Note, &b.Version, &b.CreatedAt, &b.UpdatedAt)
	if unit.Valid {
		b.UnitID = &unit.Int64
	}
	b.Members = []payesh.BodyMember{}
	return &b, err
}

// FindBodies lists every body, by name: which bodies exist is no secret,
// what they resolved is read by scope.
func (db *DB) FindBodies(ctx context.Context) ([]*payesh.Body, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+bodyColumns+` FROM bodies b ORDER BY b.name_fa, b.id`)
	if err != nil {
		return nil, err
	}
	bodies, err := scanAll(rows, func(r *sql.Rows) (*payesh.Body, error) { return scanBody(r) })
	if err != nil {
		return nil, err
	}
	byID := map[int64]*payesh.Body{}
	for _, b := range bodies {
		byID[b.ID] = b
	}
	err = db.eachRow(ctx, `SELECT body_id, user_id, name, title FROM body_members ORDER BY body_id, id`, nil,
		func(scan func(...any) error) error {
			var body int64
			var user sql.NullInt64
			var m payesh.BodyMember
			if err := scan(&body, &user, &m.Name, &m.Title); err != nil {
				return err
			}
			if user.Valid {
				m.UserID = &user.Int64
			}
			if b := byID[body]; b != nil {
				b.Members = append(b.Members, m)
			}
			return nil
		})
	return bodies, err
}

// FindBody returns one body with its members.
func (db *DB) FindBody(ctx context.Context, id int64) (*payesh.Body, error) {
	all, err := db.FindBodies(ctx)
	if err != nil {
		return nil, err
	}
	for _, b := range all {
		if b.ID == id {
			return b, nil
		}
	}
	return nil, payesh.NotFound("body")
}

// CreateMeeting records a meeting of a body (the secretariat and admins).
func (db *DB) CreateMeeting(ctx context.Context, m *payesh.Meeting) error {
	if err := requireConfigure(ctx); err != nil {
		return err
	}
	m.Normalize()
	if err := m.Validate(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.checkMeetingRefs(m); err != nil {
			return err
		}
		var by *int64
		if tx.actor.ID != 0 {
			by = &tx.actor.ID
		}
		err := tx.QueryRowContext(tx.ctx, `INSERT INTO meetings (body_id, number, kind, title, held_on, start_time, place,
				minutes, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
			m.BodyID, m.Number, m.Kind, m.Title, m.HeldOn, m.StartTime, m.Place, m.Minutes, by, tx.now).Scan(&m.ID)
		if err != nil {
			return err
		}
		if err := tx.setPeople(m.ID, m.People); err != nil {
			return err
		}
		after, err := tx.db.loadMeeting(tx.ctx, tx, m.ID)
		if err != nil {
			return err
		}
		*m = *after
		if err := tx.reindex(payesh.SearchMeeting, m.ID); err != nil {
			return err
		}
		return tx.audit("meeting", m.ID, payesh.ActionCreate, nil, m)
	})
}

// checkMeetingRefs checks the body and the users a meeting names.
func (tx *Tx) checkMeetingRefs(m *payesh.Meeting) error {
	if err := tx.allExist("bodies", []int64{m.BodyID}, "body_id"); err != nil {
		return err
	}
	var users []int64
	for _, p := range m.People {
		if p.UserID != nil {
			users = append(users, *p.UserID)
		}
	}
	return tx.checkPeopleUsers(users, "people")
}

// setPeople replaces a meeting's people; a user is recorded with the name
// it has now, so the minutes keep who sat there if the account goes.
func (tx *Tx) setPeople(id int64, people []payesh.Participant) error {
	if _, err := tx.ExecContext(tx.ctx, `DELETE FROM meeting_people WHERE meeting_id = $1`, id); err != nil {
		return err
	}
	for _, p := range people {
		if p.UserID != nil && p.Name == "" {
			if err := tx.QueryRowContext(tx.ctx, `SELECT name FROM users WHERE id = $1`, *p.UserID).Scan(&p.Name); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(tx.ctx, `INSERT INTO meeting_people (meeting_id, role, user_id, name, title) VALUES ($1, $2, $3, $4, $5)`,
			id, p.Role, p.UserID, p.Name, p.Title); err != nil {
			return err
		}
	}
	return nil
}

// UpdateMeeting replaces a meeting's fields and people at the version
// the editor saw; its body stays.
func (db *DB) UpdateMeeting(ctx context.Context, id int64, m *payesh.Meeting) (*payesh.Meeting, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	if err := requireVersion(m.Version); err != nil {
		return nil, err
	}
	var after *payesh.Meeting
	err := db.write(ctx, func(tx *Tx) error {
		before, err := tx.db.loadMeeting(tx.ctx, tx, id)
		if err != nil {
			return err
		}
		m.BodyID = before.BodyID
		m.Normalize()
		if err := m.Validate(); err != nil {
			return err
		}
		if err := tx.checkMeetingRefs(m); err != nil {
			return err
		}
		res, err := tx.ExecContext(tx.ctx, `UPDATE meetings SET number = $1, kind = $2, title = $3, held_on = $4,
				start_time = $5, place = $6, minutes = $7, updated_at = $8, version = version + 1
			WHERE id = $9 AND version = $10`,
			m.Number, m.Kind, m.Title, m.HeldOn, m.StartTime, m.Place, m.Minutes, tx.now, id, m.Version)
		if err != nil {
			return err
		}
		if err := checkVersion(res, func() (any, error) { return tx.db.loadMeeting(tx.ctx, tx, id) }); err != nil {
			return err
		}
		if err := tx.setPeople(id, m.People); err != nil {
			return err
		}
		if after, err = tx.db.loadMeeting(tx.ctx, tx, id); err != nil {
			return err
		}
		if err := tx.reindex(payesh.SearchMeeting, id); err != nil {
			return err
		}
		return tx.audit("meeting", id, payesh.ActionUpdate, before, after)
	})
	return after, err
}

const meetingColumns = `m.id, m.body_id, m.number, m.kind, m.title, m.held_on, m.start_time, m.place, m.minutes,
	m.version, m.created_at, m.updated_at, b.name_fa`

const meetingFrom = ` FROM meetings m JOIN bodies b ON b.id = m.body_id`

func scanMeeting(r interface{ Scan(...any) error }) (*payesh.Meeting, error) {
	var m payesh.Meeting
	err := r.Scan(&m.ID, &m.BodyID, &m.Number, &m.Kind, &m.Title, &m.HeldOn, &m.StartTime, &m.Place, &m.Minutes,
		&m.Version, &m.CreatedAt, &m.UpdatedAt, &m.BodyName)
	m.People, m.Agenda, m.Tally = []payesh.Participant{}, []*payesh.AgendaItem{}, payesh.NewTally()
	return &m, err
}

// loadMeeting reads a meeting with its people, agenda and minutes file,
// without a scope check and without its tally.
func (db *DB) loadMeeting(ctx context.Context, q queryer, id int64) (*payesh.Meeting, error) {
	m, err := scanMeeting(q.QueryRowContext(ctx, `SELECT `+meetingColumns+meetingFrom+` WHERE m.id = $1`, id))
	if err != nil {
		return nil, notFoundIfNoRows(err, "meeting")
	}
	rows, err := q.QueryContext(ctx, `SELECT role, user_id, name, title FROM meeting_people WHERE meeting_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	if m.People, err = scanAll(rows, func(r *sql.Rows) (payesh.Participant, error) {
		var p payesh.Participant
		var user sql.NullInt64
		err := r.Scan(&p.Role, &user, &p.Name, &p.Title)
		if user.Valid {
			p.UserID = &user.Int64
		}
		return p, err
	}); err != nil {
		return nil, err
	}
	if m.Agenda, err = loadAgenda(ctx, q, id); err != nil {
		return nil, err
	}
	f, err := scanMeetingFile(q.QueryRowContext(ctx, `SELECT `+meetingFileColumns+` FROM meeting_files f
		WHERE f.meeting_id = $1 AND f.kind = $2 ORDER BY f.id DESC LIMIT 1`, id, payesh.FileMinutes))
	switch {
	case err == nil:
		m.MinutesFile = f
	case err != sql.ErrNoRows:
		return nil, err
	}
	return m, nil
}

func loadAgenda(ctx context.Context, q queryer, meetingID int64) ([]*payesh.AgendaItem, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, meeting_id, ordinal, title, note, reviews_earlier, created_at
		FROM agenda_items WHERE meeting_id = $1 ORDER BY ordinal, id`, meetingID)
	if err != nil {
		return nil, err
	}
	items, err := scanAll(rows, func(r *sql.Rows) (*payesh.AgendaItem, error) {
		var a payesh.AgendaItem
		var reviews int
		err := r.Scan(&a.ID, &a.MeetingID, &a.Ordinal, &a.Title, &a.Note, &reviews, &a.CreatedAt)
		a.ReviewsEarlier, a.ClauseIDs = reviews != 0, []int64{}
		return &a, err
	})
	if err != nil || len(items) == 0 {
		return items, err
	}
	byID := map[int64]*payesh.AgendaItem{}
	for _, a := range items {
		byID[a.ID] = a
	}
	rows, err = q.QueryContext(ctx, `SELECT c.agenda_item_id, c.clause_id FROM agenda_item_clauses c
		JOIN agenda_items a ON a.id = c.agenda_item_id WHERE a.meeting_id = $1 ORDER BY 1, 2`, meetingID)
	if err != nil {
		return nil, err
	}
	_, err = scanAll(rows, func(r *sql.Rows) (struct{}, error) {
		var item, clause int64
		if err := r.Scan(&item, &clause); err != nil {
			return struct{}{}, err
		}
		byID[item].ClauseIDs = append(byID[item].ClauseIDs, clause)
		return struct{}{}, nil
	})
	return items, err
}

// FindMeeting returns a meeting the reader may read, with its tally of
// the resolutions the reader reads.
func (db *DB) FindMeeting(ctx context.Context, id int64) (*payesh.Meeting, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	m, err := db.loadMeeting(ctx, db.db, id)
	if err != nil {
		return nil, err
	}
	res, err := db.meetingResolutions(ctx, []int64{id})
	if err != nil {
		return nil, err
	}
	if !db.readsMeeting(ctx, s, m, res[id]) {
		return nil, payesh.NotFound("meeting")
	}
	m.Tally = tallyOf(s, res[id], db.today())
	return m, nil
}

// readsMeeting applies the meeting's read rule: the reader reads the
// work of its body's unit, or one of its resolutions.
func (db *DB) readsMeeting(ctx context.Context, s scope, m *payesh.Meeting, res []*payesh.Resolution) bool {
	if s.Everything() {
		return true
	}
	if s.Nothing() {
		return false
	}
	var unit sql.NullInt64
	if err := db.db.QueryRowContext(ctx, `SELECT unit_id FROM bodies WHERE id = $1`, m.BodyID).Scan(&unit); err == nil && unit.Valid {
		if s.ReadsWork(s.unitPath(unit.Int64), s.ix.national[unit.Int64], nil) {
			return true
		}
	}
	for _, r := range res {
		if s.readsWork(r.WorkItem) {
			return true
		}
	}
	return false
}

// tallyOf counts the resolutions the reader reads.
func tallyOf(s scope, res []*payesh.Resolution, today payesh.Date) payesh.ResolutionTally {
	t := payesh.NewTally()
	for _, r := range res {
		if s.readsWork(r.WorkItem) {
			t.Add(r.WorkItem, r.Closure != nil && r.Closure.State == payesh.ClosurePending, today)
		}
	}
	return t
}

// FindMeetings lists the meetings the reader reads, newest first (by
// date, the undated after the dated, then as recorded). Bodies meet a
// few dozen times a year, so the list is filtered by scope in Go.
func (db *DB) FindMeetings(ctx context.Context, f payesh.MeetingFilter) ([]*payesh.Meeting, int, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, 0, err
	}
	w := &where{}
	if f.BodyID != 0 {
		w.add("m.body_id = ?", f.BodyID)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+meetingColumns+meetingFrom+w.String()+
		` ORDER BY CASE WHEN m.held_on IS NULL THEN 1 ELSE 0 END, m.held_on DESC, m.id DESC`, w.args...)
	if err != nil {
		return nil, 0, err
	}
	all, err := scanAll(rows, func(r *sql.Rows) (*payesh.Meeting, error) { return scanMeeting(r) })
	if err != nil {
		return nil, 0, err
	}
	ids := make([]int64, len(all))
	for i, m := range all {
		ids[i] = m.ID
	}
	res, err := db.meetingResolutions(ctx, ids)
	if err != nil {
		return nil, 0, err
	}
	today := db.today()
	var out []*payesh.Meeting
	for _, m := range all {
		if db.readsMeeting(ctx, s, m, res[m.ID]) {
			m.Tally = tallyOf(s, res[m.ID], today)
			out = append(out, m)
		}
	}
	p := f.Page.Normalized()
	total := len(out)
	out = out[min(p.Offset, total):min(p.Offset+p.Limit, total)]
	return out, total, nil
}

// AddAgendaItem appends an item to a meeting's agenda.
func (db *DB) AddAgendaItem(ctx context.Context, meetingID int64, a *payesh.AgendaItem) error {
	if err := requireConfigure(ctx); err != nil {
		return err
	}
	a.Normalize()
	if err := a.Validate(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		// The meeting's row is the agenda's lock: two items added at once
		// take ordinals one after the other.
		res, err := tx.ExecContext(tx.ctx, `UPDATE meetings SET version = version + 1, updated_at = $1 WHERE id = $2`, tx.now, meetingID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return payesh.NotFound("meeting")
		}
		if err := tx.allExist("clauses", a.ClauseIDs, "clause_ids"); err != nil {
			return err
		}
		var n, last int
		if err := tx.QueryRowContext(tx.ctx, `SELECT COUNT(*), COALESCE(MAX(ordinal), 0) FROM agenda_items WHERE meeting_id = $1`,
			meetingID).Scan(&n, &last); err != nil {
			return err
		}
		if n >= payesh.MaxAgendaItems {
			return payesh.Invalid(map[string]string{"title": payesh.KeyTooMany})
		}
		a.MeetingID, a.Ordinal, a.CreatedAt = meetingID, last+1, tx.now
		if err := tx.QueryRowContext(tx.ctx, `INSERT INTO agenda_items (meeting_id, ordinal, title, note, reviews_earlier, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, meetingID, a.Ordinal, a.Title, a.Note, b2i(a.ReviewsEarlier), tx.now).Scan(&a.ID); err != nil {
			return err
		}
		for _, c := range a.ClauseIDs {
			if _, err := tx.ExecContext(tx.ctx, `INSERT INTO agenda_item_clauses (agenda_item_id, clause_id) VALUES ($1, $2)`, a.ID, c); err != nil {
				return err
			}
		}
		return tx.audit("meeting", meetingID, "agenda", nil, a)
	})
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
