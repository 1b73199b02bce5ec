package store

import (
	"context"
	"database/sql"
	"sort"
	"strconv"
	"strings"

	"payesh"
)

// RunDigest makes the day's notifications for every active user:
//
//   - work owned by, or shared with, a unit in the user's subtree that is
//     open and due within payesh.DueSoonDays, or overdue;
//   - reports of open rounds of the user's own unit (for those who may act:
//     not viewers) that are in draft near or past the deadline, or returned;
//   - submitted reports waiting at a review step the user takes, by the
//     same rules Review applies (chainOf, mayReview).
//
// Each (user, kind, item, day) is inserted at most once: the database's
// unique index notifications_once decides, so the digest may run on every
// app instance, as often as wanted, at the same moment, and still tell each
// user each thing once a day. Each user's notifications are inserted in one
// transaction, in a fixed order, so that two instances inserting the same
// keys queue behind each other instead of deadlocking. Notifications are
// derived from rows that are audited already, so they are not audited.
func (db *DB) RunDigest(ctx context.Context, day payesh.Date) (payesh.DigestResult, error) {
	res := payesh.DigestResult{Day: day, ByKind: map[payesh.NotificationKind]int{}}
	if err := requireAdmin(ctx); err != nil {
		return res, err
	}
	if day.IsZero() {
		return res, payesh.Invalid(map[string]string{"day": "err.required"})
	}
	users, err := db.digestUsers(ctx)
	if err != nil {
		return res, err
	}
	work, err := db.digestWork(ctx, day)
	if err != nil {
		return res, err
	}
	reports, err := db.digestReports(ctx, day)
	if err != nil {
		return res, err
	}
	made, err := db.dayKeys(ctx, day)
	if err != nil {
		return res, err
	}
	res.Users = len(users)
	for _, u := range users {
		var notes []*payesh.Notification
		for _, n := range planFor(u, day, work, reports) {
			if made[noteKeyOf(n)] {
				res.Existing++
			} else {
				notes = append(notes, n)
			}
		}
		if len(notes) == 0 {
			continue
		}
		created, err := db.insertDigest(ctx, notes)
		if err != nil {
			return res, err
		}
		for i, n := range notes {
			if created[i] {
				res.Created++
				res.ByKind[n.Kind]++
			} else {
				res.Existing++
			}
		}
	}
	return res, nil
}

// noteKey is what notifications_once keeps unique for a day.
type noteKey struct {
	user     int64
	kind     payesh.NotificationKind
	entity   string
	entityID int64
}

func noteKeyOf(n *payesh.Notification) noteKey {
	return noteKey{n.UserID, n.Kind, n.Entity, n.EntityID}
}

// dayKeys returns the notifications already made for day. It only spares
// the hourly re-runs their writes; what decides is the unique index, since
// another instance may insert between this read and ours.
func (db *DB) dayKeys(ctx context.Context, day payesh.Date) (map[noteKey]bool, error) {
	out := map[noteKey]bool{}
	err := db.eachRow(ctx, `SELECT user_id, kind, entity, entity_id FROM notifications WHERE day = $1 AND kind <> $2`,
		[]any{day, payesh.NoteReminder}, func(scan func(...any) error) error {
			var k noteKey
			if err := scan(&k.user, &k.kind, &k.entity, &k.entityID); err != nil {
				return err
			}
			out[k] = true
			return nil
		})
	return out, err
}

// insertDigest inserts one user's notifications in one transaction and
// says which were new.
func (db *DB) insertDigest(ctx context.Context, notes []*payesh.Notification) ([]bool, error) {
	var created []bool
	err := db.write(ctx, func(tx *Tx) error {
		created = make([]bool, len(notes))
		for i, n := range notes {
			var err error
			if created[i], err = tx.insertNotification(n); err != nil {
				return err
			}
		}
		return nil
	})
	return created, err
}

func (db *DB) digestUsers(ctx context.Context) ([]*payesh.User, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+userColumns+userFrom+` WHERE u.active = 1 ORDER BY u.id`)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (*payesh.User, error) { return scanUser(r) })
}

// digestItem is an open work item due by the digest's horizon, with the
// paths of its owner and partner units.
type digestItem struct {
	id        int64
	code      string
	title     string
	due       payesh.Date
	unitPaths []string
}

func (db *DB) digestWork(ctx context.Context, day payesh.Date) ([]*digestItem, error) {
	horizon := day.AddDays(payesh.DueSoonDays)
	rows, err := db.db.QueryContext(ctx, `SELECT w.id, w.code, w.title, w.due_date, o.path
		FROM work_items w JOIN org_units o ON o.id = w.owner_unit_id
		WHERE w.due_date IS NOT NULL AND w.due_date <= $1 AND w.status NOT IN `+closedStatuses+`
		ORDER BY w.id`, horizon)
	if err != nil {
		return nil, err
	}
	items, err := scanAll(rows, func(r *sql.Rows) (*digestItem, error) {
		it := &digestItem{unitPaths: make([]string, 1)}
		return it, r.Scan(&it.id, &it.code, &it.title, &it.due, &it.unitPaths[0])
	})
	if err != nil || len(items) == 0 {
		return items, err
	}
	byID := map[int64]*digestItem{}
	for _, it := range items {
		byID[it.id] = it
	}
	rows, err = db.db.QueryContext(ctx, `SELECT p.work_item_id, o.path
		FROM work_item_partners p JOIN org_units o ON o.id = p.unit_id JOIN work_items w ON w.id = p.work_item_id
		WHERE w.due_date IS NOT NULL AND w.due_date <= $1 AND w.status NOT IN `+closedStatuses, horizon)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var path string
		if err := rows.Scan(&id, &path); err != nil {
			return nil, err
		}
		if it := byID[id]; it != nil {
			it.unitPaths = append(it.unitPaths, path)
		}
	}
	return items, rows.Err()
}

// digestReport is a report the digest may speak of, with the review step
// it waits at when submitted.
type digestReport struct {
	*reportCtx
	unitName string
	step     *payesh.ChainStep
}

func (db *DB) digestReports(ctx context.Context, day payesh.Date) ([]*digestReport, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+reportColumns+`, o.path, o.name_fa, `+roundColumns+`
		FROM reports p JOIN org_units o ON o.id = p.unit_id JOIN rounds r ON r.id = p.round_id
		WHERE (r.closed = 0 AND (p.state = $1 OR (p.state = $2 AND r.deadline <= $3))) OR p.state = $4
		ORDER BY p.id`,
		payesh.ReportReturned, payesh.ReportDraft, day.AddDays(payesh.DueSoonDays), payesh.ReportSubmitted)
	if err != nil {
		return nil, err
	}
	list, err := scanAll(rows, func(r *sql.Rows) (*digestReport, error) {
		d := &digestReport{reportCtx: &reportCtx{}}
		var round payesh.Round
		var chain string
		rep, err := scanReport(r, &d.unitPath, &d.unitName, &round.ID, &round.Title, &round.Period, &round.Deadline,
			&chain, &round.Closed, &round.Version, &round.CreatedAt, &round.UpdatedAt)
		round.Chain = splitLevels(chain)
		d.Report, d.round = rep, &round
		return d, err
	})
	if err != nil {
		return nil, err
	}
	for _, d := range list {
		if d.State != payesh.ReportSubmitted {
			continue
		}
		chain, err := db.chainOf(ctx, db.db, d.reportCtx)
		if err != nil {
			return nil, err
		}
		if d.Level < len(chain) {
			d.step = &chain[d.Level]
		}
	}
	return list, nil
}

func splitLevels(s string) []payesh.ReviewLevel {
	out := []payesh.ReviewLevel{}
	for _, l := range strings.Split(s, ",") {
		if l != "" {
			out = append(out, payesh.ReviewLevel(l))
		}
	}
	return out
}

// planFor returns what user u is to be told on day, in a fixed order.
func planFor(u *payesh.User, day payesh.Date, work []*digestItem, reports []*digestReport) []*payesh.Notification {
	var out []*payesh.Notification
	note := func(kind payesh.NotificationKind, entity string, id int64, msg string, args map[string]string) {
		out = append(out, &payesh.Notification{UserID: u.ID, Kind: kind, Entity: entity, EntityID: id,
			Message: msg, Args: args, Day: day})
	}
	for _, it := range work {
		if !anyUnder(it.unitPaths, u.UnitPath) {
			continue
		}
		args := map[string]string{"title": it.title, "code": it.code, "due": it.due.String()}
		switch days := payesh.DaysBetween(day, it.due); {
		case days < 0:
			args["days"] = strconv.Itoa(-days)
			note(payesh.NoteWorkOverdue, payesh.EntityWorkItem, it.id, "ui.note.work_overdue", args)
		case days == 0:
			note(payesh.NoteWorkDueSoon, payesh.EntityWorkItem, it.id, "ui.note.work_due_today", args)
		default:
			args["days"] = strconv.Itoa(days)
			note(payesh.NoteWorkDueSoon, payesh.EntityWorkItem, it.id, "ui.note.work_due_soon", args)
		}
	}
	for _, r := range reports {
		args := map[string]string{"round": r.round.Title, "period": r.round.Period, "unit": r.unitName,
			"deadline": r.round.Deadline.String()}
		mine := u.UnitID == r.UnitID && u.Role != payesh.RoleViewer
		days := payesh.DaysBetween(day, r.round.Deadline)
		switch {
		case r.State == payesh.ReportSubmitted:
			if r.step != nil && mayReview(u, *r.step) {
				note(payesh.NoteReportToReview, payesh.EntityReport, r.ID, "ui.note.report_to_review", args)
			}
		case !mine:
		case r.State == payesh.ReportReturned:
			note(payesh.NoteReportReturned, payesh.EntityReport, r.ID, "ui.note.report_returned", args)
		case days < 0:
			args["days"] = strconv.Itoa(-days)
			note(payesh.NoteReportOverdue, payesh.EntityReport, r.ID, "ui.note.report_overdue", args)
		case days == 0:
			note(payesh.NoteReportDue, payesh.EntityReport, r.ID, "ui.note.report_due_today", args)
		default:
			args["days"] = strconv.Itoa(days)
			note(payesh.NoteReportDue, payesh.EntityReport, r.ID, "ui.note.report_due", args)
		}
	}
	// Every instance inserts a user's keys in this same order, so two
	// transactions on the same keys wait for each other in line rather than
	// each holding one key the other needs.
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Entity != b.Entity {
			return a.Entity < b.Entity
		}
		return a.EntityID < b.EntityID
	})
	return out
}

// anyUnder reports whether any of paths lies in the subtree at root.
func anyUnder(paths []string, root string) bool {
	if root == "" {
		return false
	}
	for _, p := range paths {
		if strings.HasPrefix(p, root) {
			return true
		}
	}
	return false
}
