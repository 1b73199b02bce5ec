package web_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/followup"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
	"payesh/internal/store/storetest"
)

// userCtx acts as the demo user username.
func (e *workEnv) userCtx(username string) (*payesh.User, context.Context) {
	e.t.Helper()
	u, err := e.db.FindUserByUsername(storetest.System(), username)
	if err != nil {
		e.t.Fatal(err)
	}
	return u, payesh.WithUser(context.Background(), u)
}

// notes returns a user's notifications, newest first, and how many are
// unread.
func (e *workEnv) notes(ctx context.Context) ([]*payesh.Notification, int) {
	e.t.Helper()
	all, _, err := e.db.Notifications(ctx, false, payesh.Page{Limit: payesh.MaxLimit})
	if err != nil {
		e.t.Fatal(err)
	}
	_, unread, err := e.db.Notifications(ctx, true, payesh.Page{Limit: 1})
	if err != nil {
		e.t.Fatal(err)
	}
	return all, unread
}

// remind has the secretariat remind the unit with code.
func (e *workEnv) remind(code, note string) *payesh.Reminder {
	e.t.Helper()
	_, sec := e.userCtx("secretariat")
	r, err := e.db.Remind(sec, e.unit(code).ID, note)
	if err != nil {
		e.t.Fatal(err)
	}
	return r
}

// TestNotificationsListAndRead: the reporter sees the secretariat's
// reminders newest first, unread marked and counted in the header, each
// with its text and a link to its unit; one can be marked read, then all;
// another user's notification is not touched.
func TestNotificationsListAndRead(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	e.remind("office-women-family", "گزارش سه‌ماههٔ دوم را تا پایان هفته بفرستید.")
	e.remind("office-women-family", "")
	e.remind("sso", "یادآوری به ستاد")
	_, repCtx := e.userCtx("reporter")
	notes, unread := e.notes(repCtx)
	if len(notes) != 2 || unread != 2 {
		t.Fatalf("reporter has %d notifications, %d unread; want 2 and 2", len(notes), unread)
	}

	c := e.as("reporter")
	r := c.get("/notifications")
	r.want(t, http.StatusOK, `id="notes-unread"`, "۲", `href="/units/`+fmt.Sprint(e.unit("office-women-family").ID)+`"`,
		html.EscapeString(followup.Message(i18n.FA, notes[0])), html.EscapeString(followup.Message(i18n.FA, notes[1])),
		workFA("ui.notes.read_all"), workFA("ui.notes.new"))
	r.lacks(t, "یادآوری به ستاد")
	// Newest first: the plain reminder came second.
	if strings.Index(r.body, fmt.Sprintf(`id="note-%d"`, notes[0].ID)) > strings.Index(r.body, fmt.Sprintf(`id="note-%d"`, notes[1].ID)) {
		t.Error("older notification listed first")
	}
	// The Jalali time, in Persian digits.
	when := jalali.ToPersianDigits(payesh.DateOf(notes[0].CreatedAt.In(payesh.Tehran)).JalaliString())
	if !strings.Contains(r.body, when) {
		t.Errorf("no Jalali date %s on the list", when)
	}

	// Mark one read: back to the list with a flash, and one unread left.
	res := c.post("/notifications/read", url.Values{"id": {fmt.Sprint(notes[1].ID)}, "back": {"/notifications"}}, nil)
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/notifications?flash=ui.notes.flash.read" {
		t.Fatalf("mark read: %d → %q", res.status, res.header.Get("Location"))
	}
	if _, unread := e.notes(repCtx); unread != 1 {
		t.Errorf("after marking one: %d unread, want 1", unread)
	}
	c.get("/notifications?unread=1").want(t, http.StatusOK, fmt.Sprintf(`id="note-%d"`, notes[0].ID))
	c.get("/notifications?unread=1").lacks(t, fmt.Sprintf(`id="note-%d"`, notes[1].ID))

	// Another user's notification id is ignored.
	_, admCtx := e.userCtx("admin")
	_, ssoUnread := e.notes(admCtx)
	ssoNotes, _ := e.notes(admCtx)
	if len(ssoNotes) > 0 {
		c.post("/notifications/read", url.Values{"id": {fmt.Sprint(ssoNotes[0].ID)}}, nil)
		if _, after := e.notes(admCtx); after != ssoUnread {
			t.Errorf("the reporter marked the admin's notification read")
		}
	}

	// Mark all: nothing unread, no badge, and the page says so.
	res = c.post("/notifications/read", url.Values{"back": {"/notifications?unread=1"}}, nil)
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/notifications?flash=ui.notes.flash.read_all&unread=1" {
		t.Fatalf("mark all: %d → %q", res.status, res.header.Get("Location"))
	}
	if _, unread := e.notes(repCtx); unread != 0 {
		t.Errorf("after marking all: %d unread", unread)
	}
	r = c.get("/notifications?unread=1&flash=ui.notes.flash.read_all")
	r.want(t, http.StatusOK, workFA("ui.notes.flash.read_all"), workFA("ui.notes.none_unread"))
	r.lacks(t, `id="notes-unread"`)

	// A return address off the list is not followed.
	res = c.post("/notifications/read", url.Values{"back": {"https://evil.example/"}}, nil)
	if loc := res.header.Get("Location"); loc != "/notifications?flash=ui.notes.flash.read_all" {
		t.Errorf("foreign back: → %q", loc)
	}
}

// TestNotificationsPaged: a long list is paged, newest first.
func TestNotificationsPaged(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	for i := range 3 {
		e.remind("office-women-family", fmt.Sprintf("یادآوری شمارهٔ %d", i+1))
	}
	c := e.as("reporter")
	r := c.get("/notifications?limit=2")
	r.want(t, http.StatusOK, "یادآوری شمارهٔ 3", "یادآوری شمارهٔ 2", `rel="next"`)
	r.lacks(t, "یادآوری شمارهٔ 1")
	c.get("/notifications?limit=2&offset=2").want(t, http.StatusOK, "یادآوری شمارهٔ 1", `rel="prev"`)
	// The viewer is not chased by reminders.
	e.as("viewer").get("/notifications").want(t, http.StatusOK, workFA("ui.notes.none"))
}
