package store

import (
	"context"
	"database/sql"
	"sort"

	"payesh"
)

// A meeting's resolutions are work items of kind resolution whose
// meeting_id names the meeting (018_meetings.sql): their progress,
// history, lateness, follow-up and notifications are the work engine's.
// What is theirs alone is how they close: the owner asks with evidence,
// and only the secretariat's acceptance makes one done (closure.go's
// rules, in this file).

// withExtra scans a row's leading columns with scan and the rest into extra.
type withExtra struct {
	r     interface{ Scan(...any) error }
	extra []any
}

func (w withExtra) Scan(dest ...any) error { return w.r.Scan(append(dest, w.extra...)...) }

// meetingResolutions reads the resolutions of the meetings, with their
// latest closure request, by meeting, unfiltered by scope.
func (db *DB) meetingResolutions(ctx context.Context, meetingIDs []int64) (map[int64][]*payesh.Resolution, error) {
	out := map[int64][]*payesh.Resolution{}
	if len(meetingIDs) == 0 {
		return out, nil
	}
	w := &where{}
	w.add("w.meeting_id IN "+inList(len(meetingIDs)), anySlice(meetingIDs)...)
	list, err := db.findResolutions(ctx, db.db, w, " ORDER BY w.meeting_id, w.agenda_item_id, w.id")
	for _, r := range list {
		out[*r.MeetingID] = append(out[*r.MeetingID], r)
	}
	return out, err
}

// findResolutions reads the work items w selects with their meeting and
// latest closure.
func (db *DB) findResolutions(ctx context.Context, q queryer, w *where, order string) ([]*payesh.Resolution, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+workColumns+`, w.meeting_id, w.agenda_item_id FROM work_items w`+w.String()+order, w.args...)
	if err != nil {
		return nil, err
	}
	list, err := scanAll(rows, func(r *sql.Rows) (*payesh.Resolution, error) {
		var meeting, agenda sql.NullInt64
		item, err := scanWorkItem(withExtra{r, []any{&meeting, &agenda}})
		res := &payesh.Resolution{WorkItem: item}
		if meeting.Valid {
			res.MeetingID = &meeting.Int64
		}
		if agenda.Valid {
			res.AgendaItemID = &agenda.Int64
		}
		return res, err
	})
	if err != nil || len(list) == 0 {
		return list, err
	}
	items := make([]*payesh.WorkItem, len(list))
	byID := map[int64]*payesh.Resolution{}
	ids := make([]any, len(list))
	for i, r := range list {
		items[i], byID[r.ID], ids[i] = r.WorkItem, r, r.ID
	}
	if err := db.loadRelations(ctx, q, items); err != nil {
		return nil, err
	}
	cw := &where{}
	cw.add("c.work_item_id IN "+inList(len(ids)), ids...)
	rows, err = q.QueryContext(ctx, `SELECT `+closureColumns+closureFrom+cw.String()+` ORDER BY c.id`, cw.args...)
	if err != nil {
		return nil, err
	}
	closures, err := scanAll(rows, func(r *sql.Rows) (*payesh.Closure, error) { return scanClosure(r) })
	for _, c := range closures {
		byID[c.WorkItemID].Closure = c // the latest wins
	}
	return list, err
}

// CreateResolution adds a resolution to a meeting, and to one of its
// agenda items when agendaItemID is set (the secretariat and admins).
func (db *DB) CreateResolution(ctx context.Context, meetingID int64, agendaItemID *int64, w *payesh.WorkItem) (*payesh.Resolution, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	w.Kind, w.Progress = payesh.KindResolution, 0
	if w.Status.Closed() {
		// Done only by an accepted closure, never at birth.
		return nil, payesh.Invalid(map[string]string{"status": "err.resolution.close_by_request"})
	}
	w.Normalize()
	if err := w.Validate(); err != nil {
		return nil, err
	}
	var res *payesh.Resolution
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.allExist("meetings", []int64{meetingID}, "meeting_id"); err != nil {
			return payesh.NotFound("meeting")
		}
		if agendaItemID != nil {
			var n int
			if err := tx.QueryRowContext(tx.ctx, `SELECT COUNT(*) FROM agenda_items WHERE id = $1 AND meeting_id = $2`,
				*agendaItemID, meetingID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return payesh.Invalid(map[string]string{"agenda_item_id": "err.unknown_ref"})
			}
		}
		if err := tx.createWorkItem(w); err != nil {
			return err
		}
		if _, err := tx.ExecContext(tx.ctx, `UPDATE work_items SET meeting_id = $1, agenda_item_id = $2 WHERE id = $3`,
			meetingID, agendaItemID, w.ID); err != nil {
			return err
		}
		res = &payesh.Resolution{WorkItem: w, MeetingID: &meetingID, AgendaItemID: agendaItemID}
		return tx.audit("meeting", meetingID, "resolution", nil, map[string]any{"work_item_id": w.ID, "agenda_item_id": agendaItemID})
	})
	return res, err
}

// FindResolutions lists a meeting's resolutions the reader reads.
func (db *DB) FindResolutions(ctx context.Context, meetingID int64) ([]*payesh.Resolution, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := db.FindMeeting(ctx, meetingID); err != nil {
		return nil, err
	}
	all, err := db.meetingResolutions(ctx, []int64{meetingID})
	return readable(s, all[meetingID]), err
}

func readable(s scope, list []*payesh.Resolution) []*payesh.Resolution {
	out := []*payesh.Resolution{}
	for _, r := range list {
		if s.readsWork(r.WorkItem) {
			out = append(out, r)
		}
	}
	return out
}

// EarlierOpenResolutions lists the open resolutions, read by the reader,
// of the body's meetings recorded before this one.
func (db *DB) EarlierOpenResolutions(ctx context.Context, meetingID int64) ([]*payesh.Resolution, error) {
	s, err := db.readScope(ctx)
	if err != nil {
		return nil, err
	}
	m, err := db.FindMeeting(ctx, meetingID)
	if err != nil {
		return nil, err
	}
	w := &where{}
	w.add("w.meeting_id IN (SELECT id FROM meetings WHERE body_id = ? AND id < ?)", m.BodyID, m.ID)
	w.add("w.status NOT IN " + closedStatuses)
	list, err := db.findResolutions(ctx, db.db, w, " ORDER BY w.meeting_id, w.id")
	return readable(s, list), err
}

// FindResolution returns a work item the reader reads with its meeting
// and latest closure request.
func (db *DB) FindResolution(ctx context.Context, workItemID int64) (*payesh.Resolution, error) {
	if _, err := db.FindWorkItemByID(ctx, workItemID); err != nil {
		return nil, err
	}
	w := &where{}
	w.add("w.id = ?", workItemID)
	list, err := db.findResolutions(ctx, db.db, w, "")
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, payesh.NotFound("work_item")
	}
	return list[0], nil
}

// lateResolutionsSQL reads the late resolutions through the partial index
// of resolutions (migrations/023_late_resolutions.sql), not the overdue
// work at large.
var lateResolutionsSQL = `SELECT ` + workColumns + `, w.meeting_id FROM work_items w
	WHERE w.meeting_id IS NOT NULL AND w.late_from < $1 ORDER BY w.meeting_id, w.late_from, w.id`

// LateResolutions groups the open resolutions past their due date by
// meeting, the latest first (the follow-up board's view by meeting).
func (db *DB) LateResolutions(ctx context.Context, today payesh.Date) ([]payesh.LateMeeting, error) {
	if err := requireConfigure(ctx); err != nil {
		return nil, err
	}
	if today.IsZero() {
		return nil, payesh.Invalid(map[string]string{"today": "err.required"})
	}
	rows, err := db.db.QueryContext(ctx, lateResolutionsSQL, today)
	if err != nil {
		return nil, err
	}
	byMeeting := map[int64]*payesh.LateMeeting{}
	var order []int64
	var items []*payesh.WorkItem
	_, err = scanAll(rows, func(r *sql.Rows) (struct{}, error) {
		var meeting int64
		item, err := scanWorkItem(withExtra{r, []any{&meeting}})
		if err != nil {
			return struct{}{}, err
		}
		lm := byMeeting[meeting]
		if lm == nil {
			lm = &payesh.LateMeeting{}
			byMeeting[meeting] = lm
			order = append(order, meeting)
		}
		lm.Resolutions = append(lm.Resolutions, item)
		items = append(items, item)
		return struct{}{}, nil
	})
	if err != nil {
		return nil, err
	}
	if err := db.loadRelations(ctx, db.db, items); err != nil {
		return nil, err
	}
	out := make([]payesh.LateMeeting, 0, len(order))
	for _, id := range order {
		lm := byMeeting[id]
		m, err := scanMeeting(db.db.QueryRowContext(ctx, `SELECT `+meetingColumns+meetingFrom+` WHERE m.id = $1`, id))
		if err != nil {
			return nil, err
		}
		lm.Meeting = m
		for _, r := range lm.Resolutions {
			lm.OldestDays = max(lm.OldestDays, payesh.DaysBetween(r.LateFrom(), today))
		}
		out = append(out, *lm)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].OldestDays > out[j].OldestDays })
	return out, nil
}
