package payesh

import (
	"context"
	"math"
	"time"
)

// NotificationKind says what a notification is about. The kinds are part of
// the API contract: clients pick icons and filters by them.
type NotificationKind string

const (
	NoteWorkDueSoon    NotificationKind = "work_due_soon"    // open work due within DueSoonDays
	NoteWorkOverdue    NotificationKind = "work_overdue"     // open work past its due date
	NoteReportDue      NotificationKind = "report_due"       // a draft report whose deadline is near
	NoteReportOverdue  NotificationKind = "report_overdue"   // a draft report past its deadline
	NoteReportToReview NotificationKind = "report_to_review" // a submitted report waiting at the user's step
	NoteReportReturned NotificationKind = "report_returned"  // a report sent back to the unit
	NoteReminder       NotificationKind = "reminder"         // the secretariat's reminder to a unit
	NoteRoundOpened    NotificationKind = "round_opened"     // a round opened: the unit's report is due
	NoteReportApproved NotificationKind = "report_approved"  // the unit's report passed its last step
	NoteReportReopened NotificationKind = "report_reopened"  // an approved report opened again for changes
	NoteWorkAssigned   NotificationKind = "work_assigned"    // a work item given to the user's unit by another
	// NoteChangeRejected tells a reporter the secretariat refused its
	// request to re-plan a work item, and why.
	NoteChangeRejected NotificationKind = "work_change_rejected"
	// NoteDigest is a user's one summary of the day: how much work in
	// their subtree is overdue or due soon, and how many reports their unit
	// owes or wait for their review, each linked to its filtered list (see
	// DigestCounts). It replaced one work_due_soon, work_overdue,
	// report_due and report_overdue notification per item and day, which
	// stay readable where they were stored.
	NoteDigest NotificationKind = "digest"
)

// NotificationKinds lists every kind, in display order.
var NotificationKinds = []NotificationKind{NoteWorkDueSoon, NoteWorkOverdue, NoteReportDue, NoteReportOverdue,
	NoteReportToReview, NoteReportReturned, NoteReminder, NoteChangeRejected, NoteReportWithdrawn, NoteDigest,
	NoteValuesReturned, NoteClosureRejected}

func (k NotificationKind) Valid() bool { return contains(NotificationKinds, k) }

// DueSoonDays is how far ahead the digest warns of work and report
// deadlines: a week leaves a unit one working week to act.
const DueSoonDays = 7

// Notification is one thing a user is told: it names the row it is about
// (Entity "work_item", "report", or "org_unit" for a reminder) and carries
// its text as a message key and arguments, so it reads in the user's
// language whenever it is shown. Args hold plain values — titles, ISO
// dates ("due", "deadline"), counts ("days") — that the edge formats.
type Notification struct {
	ID       int64             `json:"id"`
	UserID   int64             `json:"user_id"`
	Kind     NotificationKind  `json:"kind"`
	Entity   string            `json:"entity"`
	EntityID int64             `json:"entity_id"`
	Message  string            `json:"message"`
	Args     map[string]string `json:"args"`
	// Day is the Tehran calendar day the notification belongs to: the
	// digest tells a user about an item at most once a day.
	Day       Date       `json:"day"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at"`
}

// Notification entities.
const (
	EntityWorkItem = "work_item"
	EntityReport   = "report"
	EntityOrgUnit  = "org_unit"
	// EntityUser is the entity of a digest: it is about the user's day,
	// so (user, digest, user, day) is unique, one digest a user a day.
	EntityUser = "user"
	// EntityUnitValues is a unit's indicator values: its grid.
	EntityUnitValues = "unit_values"
)

// NoteValuesReturned tells the author of indicator values that the
// secretariat returned them for correction outside a round.
const NoteValuesReturned NotificationKind = "values_returned"

// Digest arguments: the counts a digest notification carries, as decimal
// strings in Notification.Args, beside "unit" (the id of the user's unit,
// the subtree counted), "unit_name", "from" and "to" (the ISO days of the
// due-soon window).
const (
	DigestOverdue        = "overdue"         // open work in the subtree past its due date
	DigestDueSoon        = "due_soon"        // open work due from today to DueSoonDays ahead
	DigestReportsOverdue = "reports_overdue" // the unit's draft reports past the deadline
	DigestReportsDue     = "reports_due"     // the unit's draft reports due within DueSoonDays
	DigestToReview       = "to_review"       // submitted reports waiting at the user's review step
)

// DigestCounts lists the digest's counts in the order it tells them.
var DigestCounts = []string{DigestOverdue, DigestDueSoon, DigestReportsOverdue, DigestReportsDue, DigestToReview}

// DefaultNotificationRetention is how long a read notification is kept
// before the digest job prunes it: a quarter, long enough to look back on
// a reporting round.
const DefaultNotificationRetention = 90 * 24 * time.Hour

// MaxUnreadBadge is the highest unread count the header shows; beyond it,
// it counts no further (the badge reads "99+"), so the count every page
// asks for costs the same whatever a user left unread.
const MaxUnreadBadge = 99

// Reminder is a nudge the secretariat sends to a unit from the follow-up
// board; it is kept, so the board shows when a unit was last reminded.
type Reminder struct {
	ID         int64     `json:"id"`
	UnitID     int64     `json:"unit_id"`
	Note       string    `json:"note"`
	SenderID   *int64    `json:"sender_id"`
	SenderName string    `json:"sender_name"`
	Notified   int       `json:"notified"` // how many users were told
	CreatedAt  time.Time `json:"created_at"`
}

// Audit actions of a work item's change requests: asked by a reporter,
// then approved or rejected by the secretariat.
const (
	ActionRequestChange = "request_change"
	ActionApproveChange = "approve_change"
	ActionRejectChange  = "reject_change"
)

// ActionRemind is the audit action of a reminder. It is recorded on the
// unit (entity "org_unit"), so the unit's history shows when the
// secretariat chased it.
const ActionRemind = "remind"

// MaxReminderNote bounds a reminder's note.
const MaxReminderNote = 2000

// ValidateReminderUnits checks the units of a bulk reminder: at least one,
// at most MaxReminderUnits, each a positive id. Repeated ids count once.
func ValidateReminderUnits(ids []int64) error {
	f := map[string]string{}
	switch n := len(uniqueIDs(ids)); {
	case n == 0:
		f["unit_ids"] = "err.required"
	case n > MaxReminderUnits:
		f["unit_ids"] = KeyTooMany
	}
	for _, id := range ids {
		if id <= 0 {
			f["unit_ids"] = "err.bad_id"
			break
		}
	}
	return Invalid(f)
}

// ValidateReminderNote checks a reminder's note; an empty note is allowed
// (the message then just says the unit was reminded).
func ValidateReminderNote(note string) error {
	f := map[string]string{}
	if len([]rune(note)) > MaxReminderNote {
		f["note"] = "err.too_long"
	}
	checkText(f, map[string]string{"note": note})
	return Invalid(f)
}

// BoardRow is one unit on the secretariat's follow-up board: what it owes
// and how late it is. Only units with something late or waiting appear.
type BoardRow struct {
	UnitID   int64    `json:"unit_id"`
	UnitCode string   `json:"unit_code"`
	UnitName string   `json:"unit_name"`
	UnitKind UnitKind `json:"unit_kind"`
	UnitPath string   `json:"-"`
	// OverdueWork counts the open work the unit owns past its due date;
	// OldestOverdueDays is how late the oldest of it is.
	OverdueWork       int `json:"overdue_work"`
	OldestOverdueDays int `json:"oldest_overdue_days"`
	// LateReports counts reports of open rounds still in draft after the
	// deadline; ReportDaysLate is how late the oldest of them is.
	LateReports    int `json:"late_reports"`
	ReportDaysLate int `json:"report_days_late"`
	// ReturnedReports counts reports of open rounds sent back and not yet
	// resubmitted.
	ReturnedReports int        `json:"returned_reports"`
	Reminders       int        `json:"reminders"`
	LastReminderAt  *time.Time `json:"last_reminder_at"`
	// ActiveUsers counts the unit's active users who act (not viewers):
	// with none, no reminder or notification reaches anyone there, which
	// is why such a unit falls furthest behind.
	ActiveUsers int `json:"active_users"`
}

// DaysLate is the row's worst lateness, which orders the board.
func (r BoardRow) DaysLate() int { return max(r.OldestOverdueDays, r.ReportDaysLate) }

// UnitScore says how far leadership may trust a unit's numbers in a round:
// whether it reported on time, how many of the values it owed it filled,
// and whether it attached evidence, with a 0–100 score (see ScoreOf).
type UnitScore struct {
	RoundID  int64       `json:"round_id"`
	UnitID   int64       `json:"unit_id"`
	ReportID int64       `json:"report_id"`
	State    ReportState `json:"state"`
	// SubmittedAt is the report's first submission: a report sent on time
	// and returned by a reviewer was still reported on time.
	SubmittedAt *time.Time `json:"submitted_at"`
	OnTime      bool       `json:"on_time"`
	// DaysLate is how late the first submission was, or, for a report not
	// yet submitted, how far today is past the deadline.
	DaysLate       int `json:"days_late"`
	ValuesFilled   int `json:"values_filled"`
	ValuesExpected int `json:"values_expected"`
	Evidence       int `json:"evidence"`
	Score          int `json:"score"`
}

// Score weights: timeliness and completeness weigh most, since a late or
// half-filled report distorts every roll-up; evidence is the check on both.
const (
	WeightTimeliness   = 40
	WeightCompleteness = 40
	WeightEvidence     = 20
	// LateGraceDays is how many days of lateness take the timeliness
	// points to zero: a report a month late is as untimely as none.
	LateGraceDays = 30
)

// ScoreOf returns a unit's 0–100 trust score:
//
//	timeliness   40 if submitted on time; 40 × (1 − daysLate/30) if late,
//	             never below 0; 0 if not submitted
//	completeness 40 × filled/expected (40 when nothing was expected)
//	evidence     20 if at least one file is attached, else 0
//
// rounded to the nearest integer.
func ScoreOf(submitted bool, daysLate, filled, expected, evidence int) int {
	var s float64
	if submitted {
		s += WeightTimeliness * math.Max(0, 1-float64(max(daysLate, 0))/LateGraceDays)
	}
	if expected > 0 {
		s += WeightCompleteness * math.Min(1, float64(filled)/float64(expected))
	} else {
		s += WeightCompleteness
	}
	if evidence > 0 {
		s += WeightEvidence
	}
	return int(math.Round(s))
}

// DaysBetween returns how many calendar days b is after a (negative when
// before).
func DaysBetween(a, b Date) int {
	return int(math.Round(b.Time().Sub(a.Time()).Hours() / 24))
}

// DigestResult tells what one digest run did.
type DigestResult struct {
	Day   Date `json:"day"`
	Users int  `json:"users"`
	// Created counts the notifications this run inserted; Existing those
	// another run (or another instance) had already made for the day.
	Created  int                      `json:"created"`
	Existing int                      `json:"existing"`
	ByKind   map[NotificationKind]int `json:"by_kind"`
	// Emailed and EmailFailed count the emails the job sent or failed to
	// send (one per user per run); the store leaves them zero.
	Emailed     int `json:"emailed"`
	EmailFailed int `json:"email_failed"`
	// Pruned counts the old read notifications the job deleted.
	Pruned int `json:"pruned"`
}

// Outbox is a user's notifications claimed for one email.
type Outbox struct {
	UserID        int64           `json:"user_id"`
	Name          string          `json:"name"`
	Email         string          `json:"email"`
	Notifications []*Notification `json:"notifications"`
}

// FollowUpService runs the follow-up loop: each user's notifications, the
// secretariat's board and reminders, the units' trust scores, and the
// daily digest job.
type FollowUpService interface {
	// Notifications returns the user's notifications, newest first, and
	// their total.
	Notifications(ctx context.Context, unreadOnly bool, page Page) ([]*Notification, int, error)
	// MarkRead marks the user's own notifications ids read; no ids marks
	// them all.
	MarkRead(ctx context.Context, ids []int64) error
	// UnreadCount returns how many unread notifications the user has,
	// counting no further than upTo: the header's badge.
	UnreadCount(ctx context.Context, upTo int) (int, error)

	// Board returns the units with late or returned work on day today
	// (secretariat and admins), latest first.
	Board(ctx context.Context, today Date) ([]BoardRow, error)
	// Remind notifies every active, non-viewer user of the unit, and
	// records the reminder and an audit event (secretariat and admins).
	Remind(ctx context.Context, unitID int64, note string) (*Reminder, error)
	// RemindUnits sends the same note to each of units as Remind does,
	// one reminder per unit, all in one transaction: a unit that does not
	// exist refuses the whole list (invalid, unit_ids.<index>) and nothing
	// is written. Repeated ids count once (secretariat and admins).
	RemindUnits(ctx context.Context, unitIDs []int64, note string) ([]*Reminder, error)
	// Scores returns the trust score of every unit of a round the user may
	// read.
	Scores(ctx context.Context, roundID int64) ([]UnitScore, error)

	// RunDigest makes day's notifications for every active user: one
	// digest counting the work due soon or overdue in their subtree, their
	// unit's reports due or overdue and the reports waiting for their
	// review; one notification per report returned to their unit; and one
	// per report reaching their review step, once per submission — at
	// most once per user, item and day however many instances run it.
	RunDigest(ctx context.Context, day Date) (DigestResult, error)
	// PruneNotifications deletes read notifications created before
	// before, at most batch rows per transaction, and returns how many
	// (the job's).
	PruneNotifications(ctx context.Context, before time.Time, batch int) (int, error)
	// ClaimEmails marks the unread, not yet emailed notifications created
	// since since as emailed, for active users with an email address, and
	// returns them by user; of two concurrent claims each notification goes
	// to one.
	ClaimEmails(ctx context.Context, since time.Time) ([]Outbox, error)
	// ReleaseEmails undoes a claim whose email could not be sent, so the
	// next run tries again.
	ReleaseEmails(ctx context.Context, ids []int64) error
}
