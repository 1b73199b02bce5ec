package web

import (
	"net/http"
	"net/url"
	"strconv"

	"payesh"
	"payesh/internal/followup"
)

// notificationPageSize is how many notifications one page lists.
const notificationPageSize = 30

// notificationRow is one notification as the list shows it: its text in
// the reader's language and the page of what it is about.
type notificationRow struct {
	N    *payesh.Notification
	Text string
	Href string
	// LinkKey names the link ("see the work item"), by the entity.
	LinkKey string
	// Links are a digest's counts, each linked to its filtered list.
	Links []followup.DigestLink
}

// Unread reports whether the user has not read it yet.
func (n notificationRow) Unread() bool { return n.N.ReadAt == nil }

type notificationsData struct {
	Rows  []notificationRow
	Total int
	// UnreadOnly is true when the list shows only the unread.
	UnreadOnly bool
	Pager      pager
	// Back is this page's address, where marking read returns to.
	Back string
	// Unread is the exact unread count, which the header's badge stops
	// counting at payesh.MaxUnreadBadge.
	Unread int
}

// notifications lists the user's notifications, newest first; ?unread=1
// keeps the unread only.
func (s *server) notifications(w http.ResponseWriter, r *http.Request) error {
	if s.FollowUp == nil {
		return s.notFound(w, r)
	}
	d := &notificationsData{UnreadOnly: workFlag(r.URL.Query().Get("unread")) == 1}
	page := pageOf(r, notificationPageSize)
	list, total, err := s.FollowUp.Notifications(r.Context(), d.UnreadOnly, page)
	if err != nil {
		return err
	}
	lang := langOf(r)
	for _, n := range list {
		href, key := notificationLink(n)
		d.Rows = append(d.Rows, notificationRow{N: n, Text: followup.Message(lang, n), Href: href, LinkKey: key,
			Links: followup.DigestLinks(lang, n)})
	}
	d.Total, d.Pager = total, newPager(r, total, page)
	v := s.newView(r, "ui.notes.title", d)
	d.Unread = v.Unread
	switch {
	case d.UnreadOnly:
		d.Unread = total
	case v.Unread >= payesh.MaxUnreadBadge:
		if d.Unread, err = s.FollowUp.UnreadCount(r.Context(), 0); err != nil {
			return err
		}
	}
	q := r.URL.Query()
	q.Del("flash")
	d.Back = r.URL.Path
	if len(q) > 0 {
		d.Back += "?" + q.Encode()
	}
	return s.render(w, r, http.StatusOK, "notifications", v)
}

// notificationLink is the page of what a notification is about and the
// key of the link's text; none for an entity without a page, such as a
// digest (entity "user"), whose links are its counts.
func notificationLink(n *payesh.Notification) (href, key string) {
	id := strconv.FormatInt(n.EntityID, 10)
	switch n.Entity {
	case payesh.EntityWorkItem:
		return "/work/" + id, "ui.notes.open_work"
	case payesh.EntityReport:
		return "/reports/" + id, "ui.notes.open_report"
	case payesh.EntityOrgUnit:
		return "/units/" + id, "ui.notes.open_unit"
	case payesh.EntityConsultation:
		return "/consultations/" + id, "ui.notes.open_consultation"
	case payesh.EntityResearchProject:
		return "/research/projects/" + id, "ui.notes.open_research"
	case payesh.EntityUnitValues:
		return "/values?unit=" + id, "ui.notes.open_values"
	}
	return "", ""
}

// notificationsRead marks the posted ids read, or all of them when none is
// posted, and goes back to the list the user was on.
func (s *server) notificationsRead(w http.ResponseWriter, r *http.Request) error {
	if s.FollowUp == nil {
		return s.notFound(w, r)
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	ids := f.IDs("id")
	if err := f.Err(); err != nil {
		return err
	}
	if err := s.FollowUp.MarkRead(r.Context(), ids); err != nil {
		return err
	}
	flash := "ui.notes.flash.read_all"
	if len(ids) > 0 {
		flash = "ui.notes.flash.read"
	}
	return redirect(w, r, withFlash(notificationsBack(f.String("back")), flash))
}

// notificationsBack keeps the return address on the notification list, so
// the form cannot be made to send anyone elsewhere.
func notificationsBack(back string) string {
	u, err := url.Parse(safeNext(back))
	if err != nil || u.Path != "/notifications" {
		return "/notifications"
	}
	return u.RequestURI()
}

// withFlash adds a flash message key to a local address.
func withFlash(target, flash string) string {
	u, err := url.Parse(target)
	if err != nil {
		return target
	}
	q := u.Query()
	q.Set("flash", flash)
	u.RawQuery = q.Encode()
	return u.RequestURI()
}
