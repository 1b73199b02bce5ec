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
//   - one digest (payesh.NoteDigest) that counts, for the user's subtree,
//     the open work — owned or shared — that is overdue or due within
//     payesh.DueSoonDays, and the reports of the user's own unit in draft
//     near or past the deadline (not for viewers), and the submitted
//     reports waiting at a review step the user takes (chainOf, mayReview);
//     the web and API link each count to its filtered list;
//   - one notification per report of an open round returned to the user's
//     unit (not for viewers), each day it stays returned: rare, personal
//     and asking for action;
//   - one notification per submitted report reaching a review step the
//     user takes, once per submission: its Day is the day the report was
//     submitted, so the unique index keeps it to one however many days it
//     waits (the digest counts it daily meanwhile), and a withdrawal finds
//     the reviewers it told (tellWithdrawn).
//
// The counts are SQL aggregates over index ranges (digest_counts.go), once
// per unit whose users still lack the day's digest, so the job's cost grows
// with the number of units, not with the work or the history, and a
// root-level user's digest is a handful of queries. A digest is made once
// a day, by the first run that finds something to tell; later runs of the
// day skip its user and add only reports returned or submitted since.
//
// Each (user, kind, entity, day) is inserted at most once: the database's
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
	made, err := db.dayKeys(ctx, day)
	if err != nil {
		return res, err
	}
	reports, err := db.digestReports(ctx, day)
	if err != nil {
		return res, err
	}
	told, err := db.toldToReview(ctx)
	if err != nil {
		return res, err
	}
	scopes := map[int64]*digestScope{}
	res.Users = len(users)
	for _, u := range users {
		var plan []*payesh.Notification
		if made[digestKey(u)] {
			res.Existing++
		} else {
			sc := scopes[u.UnitID]
			if sc == nil {
				if sc, err = db.scopeCounts(ctx, u.UnitID, day); err != nil {
					return res, err
				}
				scopes[u.UnitID] = sc
			}
			if n := digestFor(u, day, sc, reports); n != nil {
				plan = append(plan, n)
			}
		}
		for _, n := range returnedFor(u, day, reports) {
			if made[noteKeyOf(n)] {
				res.Existing++
			} else {
				plan = append(plan, n)
			}
		}
		for _, n := range toReviewFor(u, reports) {
			if told[toldKey{n.UserID, n.EntityID, n.Day}] {
				res.Existing++
			} else {
				plan = append(plan, n)
			}
		}
		if len(plan) == 0 {
			continue
		}
		sortNotes(plan)
		created, err := db.insertDigest(ctx, plan)
		if err != nil {
			return res, err
		}
		for i, n := range plan {
			if created[i] {
				res.Created++
				res.ByKind[n.Kind]++
			} else {
				res.Existing++
			}
		}
	}
	if err := db.digestResearch(ctx, day, &res); err != nil {
		return res, err
	}
	return res, db.digestConsultations(ctx, day, &res)
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

// digestKey is the key of u's digest: one per user and day.
func digestKey(u *payesh.User) noteKey {
	return noteKey{u.ID, payesh.NoteDigest, payesh.EntityUser, u.ID}
}

// dayKeys returns the digests and returned-report notifications already
// made for day: a few rows per user, read through notifications_day. It
// only spares the hourly re-runs their work; what decides is the unique
// index, since another instance may insert between this read and ours.
func (db *DB) dayKeys(ctx context.Context, day payesh.Date) (map[noteKey]bool, error) {
	out := map[noteKey]bool{}
	err := db.eachRow(ctx, `SELECT user_id, kind, entity, entity_id FROM notifications WHERE day = $1 AND kind IN ($2, $3)`,
		[]any{day, payesh.NoteDigest, payesh.NoteReportReturned}, func(scan func(...any) error) error {
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

// digestReport is a report the digest may speak of, with the review step
// it waits at when submitted.
type digestReport struct {
	*reportCtx
	unitName string
	step     *payesh.ChainStep
	// authors are the users with a part in a submitted report, who leave
	// its review to others (dutyBar).
	authors map[int64]authorship
}

// mayTake reports whether u reviews the step r waits at: by role, and
// not barred by a part in it or by belonging to its unit.
func (r *digestReport) mayTake(u *payesh.User) bool {
	if r.step == nil || !mayReview(u, *r.step) {
		return false
	}
	c := reviewCase{reportID: r.ID, unitID: r.UnitID, allowSelf: r.round.AllowSelfReview, part: r.authors[u.ID]}
	return dutyBar(u, c, *r.step) == nil
}

// digestReports returns the reports of open rounds that are returned or in
// draft near or past the deadline, and the submitted reports — a few per
// unit and round, never per work item — with the step each submitted one
// waits at when chains is set.
func (db *DB) digestReports(ctx context.Context, day payesh.Date) ([]*digestReport, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+reportColumns+`, o.path, o.name_fa, `+roundColumns+`, r.allow_self_review
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
			&chain, &round.Closed, &round.Version, &round.CreatedAt, &round.UpdatedAt, &round.AllowSelfReview)
		round.Chain = splitLevels(chain)
		d.Report, d.round = rep, &round
		return d, err
	})
	if err != nil {
		return nil, err
	}
	if err := db.digestAuthors(ctx, list); err != nil {
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

// digestAuthors reads who has a part in each submitted report, in one
// query for all of them.
func (db *DB) digestAuthors(ctx context.Context, list []*digestReport) error {
	byID := map[int64]*digestReport{}
	for _, d := range list {
		if d.State == payesh.ReportSubmitted {
			byID[d.ID] = d
		}
	}
	if len(byID) == 0 {
		return nil
	}
	return db.eachRow(ctx, `SELECT a.report_id, a.user_id, a.submitter FROM report_authors a
		JOIN reports p ON p.id = a.report_id WHERE p.state = $1`, []any{payesh.ReportSubmitted}, func(scan func(...any) error) error {
		var report, user int64
		var submitter int
		if err := scan(&report, &user, &submitter); err != nil {
			return err
		}
		d := byID[report]
		if d == nil {
			return nil
		}
		if d.authors == nil {
			d.authors = map[int64]authorship{}
		}
		d.authors[user] = wroteIt
		if submitter != 0 {
			d.authors[user] = sentIt
		}
		return nil
	})
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

// digestFor returns u's digest for day, or nil when there is nothing to
// tell: the scope's work counts, and the report counts by the rules of the
// per-report notifications it replaced.
func digestFor(u *payesh.User, day payesh.Date, sc *digestScope, reports []*digestReport) *payesh.Notification {
	counts := map[string]int{payesh.DigestOverdue: sc.overdue, payesh.DigestDueSoon: sc.dueSoon}
	for _, r := range reports {
		switch {
		case r.State == payesh.ReportSubmitted:
			if r.mayTake(u) {
				counts[payesh.DigestToReview]++
			}
		case u.UnitID != r.UnitID || u.Role == payesh.RoleViewer || r.State != payesh.ReportDraft:
		case r.round.Deadline.Before(day):
			counts[payesh.DigestReportsOverdue]++
		default:
			counts[payesh.DigestReportsDue]++
		}
	}
	any := false
	args := map[string]string{
		"unit": strconv.FormatInt(sc.unitID, 10), "unit_name": sc.unitName,
		"from": day.String(), "to": day.AddDays(payesh.DueSoonDays).String(),
	}
	for _, k := range payesh.DigestCounts {
		args[k] = strconv.Itoa(counts[k])
		any = any || counts[k] > 0
	}
	if !any {
		return nil
	}
	return &payesh.Notification{UserID: u.ID, Kind: payesh.NoteDigest, Entity: payesh.EntityUser, EntityID: u.ID,
		Message: "ui.note.digest", Args: args, Day: day}
}

// returnedFor returns a notification per report of an open round returned
// to u's unit, for those who may act on it.
func returnedFor(u *payesh.User, day payesh.Date, reports []*digestReport) []*payesh.Notification {
	if u.Role == payesh.RoleViewer {
		return nil
	}
	var out []*payesh.Notification
	for _, r := range reports {
		if r.State != payesh.ReportReturned || r.UnitID != u.UnitID || r.round.Closed {
			continue
		}
		out = append(out, &payesh.Notification{UserID: u.ID, Kind: payesh.NoteReportReturned, Entity: payesh.EntityReport,
			EntityID: r.ID, Message: "ui.note.report_returned", Day: day,
			Args: map[string]string{"round": r.round.Title, "period": r.round.Period, "unit": r.unitName,
				"deadline": r.round.Deadline.String()}})
	}
	return out
}

// toReviewFor returns a notification per submitted report waiting at a
// review step u takes, keyed to the day it was submitted.
func toReviewFor(u *payesh.User, reports []*digestReport) []*payesh.Notification {
	var out []*payesh.Notification
	for _, r := range reports {
		if r.State != payesh.ReportSubmitted || r.SubmittedAt == nil || !r.mayTake(u) {
			continue
		}
		out = append(out, &payesh.Notification{UserID: u.ID, Kind: payesh.NoteReportToReview, Entity: payesh.EntityReport,
			EntityID: r.ID, Message: "ui.note.report_to_review", Day: payesh.Today(*r.SubmittedAt),
			Args: map[string]string{"round": r.round.Title, "period": r.round.Period, "unit": r.unitName,
				"deadline": r.round.Deadline.String()}})
	}
	return out
}

// toldKey is a reviewer told of a report submitted on a day.
type toldKey struct {
	user, report int64
	day          payesh.Date
}

// toldToReview returns who was told of which submitted report, and for
// which submission day, through notifications_entity from the reports
// waiting: a few rows per report, never the notifications' history.
func (db *DB) toldToReview(ctx context.Context) (map[toldKey]bool, error) {
	out := map[toldKey]bool{}
	err := db.eachRow(ctx, `SELECT n.user_id, n.entity_id, n.day FROM reports p CROSS JOIN notifications n
		WHERE p.state = $1 AND n.entity = $2 AND n.entity_id = p.id AND n.kind = $3`,
		[]any{payesh.ReportSubmitted, payesh.EntityReport, payesh.NoteReportToReview}, func(scan func(...any) error) error {
			var k toldKey
			if err := scan(&k.user, &k.report, &k.day); err != nil {
				return err
			}
			out[k] = true
			return nil
		})
	return out, err
}

// sortNotes puts a user's notifications in the order every instance
// inserts them, so two transactions on the same keys wait for each other
// in line rather than each holding one key the other needs.
func sortNotes(out []*payesh.Notification) {
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
}
