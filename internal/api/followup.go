package api

import (
	"net/http"

	"payesh"
	"payesh/internal/followup"
)

// notificationJSON is a notification with its text written out in the
// request's language, as the web pages and the email write it, so a
// client needs no message catalog; message and args stay for clients that
// render their own.
type notificationJSON struct {
	*payesh.Notification
	Text string `json:"text"`
	// Links are a digest's counts, each with its text and the address of
	// the web list that shows what it counts; absent on other kinds.
	Links []followup.DigestLink `json:"links,omitempty"`
}

// listNotifications returns the signed-in user's notifications, newest
// first.
func (s *server) listNotifications(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	unread := q.boolean("unread")
	page := q.page()
	if err := q.err(); err != nil {
		return err
	}
	list, total, err := s.FollowUp.Notifications(r.Context(), unread != nil && *unread, page)
	if err != nil {
		return err
	}
	lang := langOf(r)
	out := make([]notificationJSON, len(list))
	for i, n := range list {
		out[i] = notificationJSON{n, followup.Message(lang, n), followup.DigestLinks(lang, n)}
	}
	return writeList(w, out, total, page)
}

type markReadInput struct {
	IDs []int64 `json:"ids"`
}

// markRead marks the user's own notifications read: those listed, or all
// of them when the list is empty or absent. Ids of other users'
// notifications are ignored, as the store ignores them.
func (s *server) markRead(w http.ResponseWriter, r *http.Request) error {
	var in markReadInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if err := s.FollowUp.MarkRead(r.Context(), in.IDs); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// board is the secretariat's follow-up board: the units with late work or
// reports, latest first, judged on today's date in Tehran.
func (s *server) board(w http.ResponseWriter, r *http.Request) error {
	if err := newQuery(r).err(); err != nil {
		return err
	}
	today := payesh.Today(s.Now())
	rows, err := s.FollowUp.Board(r.Context(), today)
	if err != nil {
		return err
	}
	if rows == nil {
		rows = []payesh.BoardRow{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": rows, "day": today})
}

// reminderInput names one unit (unit_id) or many (unit_ids, at most
// payesh.MaxReminderUnits), never both.
type reminderInput struct {
	UnitID  int64   `json:"unit_id"`
	UnitIDs []int64 `json:"unit_ids"`
	Note    string  `json:"note"`
}

// remindersSent is the answer to a reminder of many units: one reminder
// per unit, and how many people they told in all.
type remindersSent struct {
	Items    []*payesh.Reminder `json:"items"`
	Notified int                `json:"notified"`
}

// remind sends the secretariat's reminder to a unit's people and records
// it for the board; with unit_ids, one reminder with the same note to each
// unit, all or none.
func (s *server) remind(w http.ResponseWriter, r *http.Request) error {
	var in reminderInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	switch {
	case in.UnitIDs != nil && in.UnitID != 0:
		return invalid("err.invalid", "unit_ids", "err.reminder.one_or_many")
	case in.UnitIDs != nil:
		sent, err := s.FollowUp.RemindUnits(r.Context(), in.UnitIDs, in.Note)
		if err != nil {
			return err
		}
		out := remindersSent{Items: sent}
		for _, rem := range sent {
			out.Notified += rem.Notified
		}
		return writeJSON(w, http.StatusCreated, out)
	case in.UnitID <= 0:
		return invalid("err.invalid", "unit_id", "err.required")
	}
	rem, err := s.FollowUp.Remind(r.Context(), in.UnitID, in.Note)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, rem)
}
