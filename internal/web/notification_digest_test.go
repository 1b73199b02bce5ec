package web_test

import (
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/followup"
	"payesh/internal/i18n"
	"payesh/internal/store/storetest"
)

// TestNotificationsDigest: the day's digest is one notification that
// reads as a summary of counts, in Persian and in English, each count a
// link to its filtered list, and every link opens that list without a
// filter error.
func TestNotificationsDigest(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	if _, err := e.db.RunDigest(storetest.System(), payesh.Today(workNow())); err != nil {
		t.Fatal(err)
	}
	_, secCtx := e.userCtx("admin")
	notes, _ := e.notes(secCtx)
	var digest *payesh.Notification
	for _, n := range notes {
		if n.Kind == payesh.NoteDigest {
			if digest != nil {
				t.Fatal("two digests on one day")
			}
			digest = n
		}
	}
	if digest == nil {
		t.Fatalf("the admin has no digest: %+v", notes)
	}
	// A digest of yesterday with every count, so that every kind of link
	// is followed below.
	full := *digest
	full.Day = digest.Day.AddDays(-1)
	full.Args = map[string]string{}
	for k, v := range digest.Args {
		full.Args[k] = v
	}
	for _, k := range payesh.DigestCounts {
		full.Args[k] = "3"
	}
	args, _ := json.Marshal(full.Args)
	if _, err := e.db.SQL().Exec(`INSERT INTO notifications (user_id, kind, entity, entity_id, day, message, args, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, full.UserID, full.Kind, full.Entity, full.EntityID, full.Day, full.Message,
		string(args), workNow()); err != nil {
		t.Fatal(err)
	}
	faLinks := followup.DigestLinks(i18n.FA, digest)
	allLinks := followup.DigestLinks(i18n.FA, &full)
	if len(allLinks) != len(payesh.DigestCounts) {
		t.Fatalf("links of a full digest: %+v", allLinks)
	}
	if len(faLinks) == 0 || faLinks[0].Key != payesh.DigestOverdue {
		t.Fatalf("digest links %+v of %v", faLinks, digest.Args)
	}

	c := e.as("admin")
	r := c.get("/notifications")
	want := []string{html.EscapeString(followup.Message(i18n.FA, digest)), workFA("ui.notes.kind.digest")}
	for _, l := range faLinks {
		want = append(want, `href="`+html.EscapeString(l.Href)+`"`, html.EscapeString(l.Text))
	}
	r.want(t, http.StatusOK, want...)
	if !strings.Contains(followup.Message(i18n.FA, digest), "کار عقب‌افتاده") {
		t.Errorf("Persian digest: %s", followup.Message(i18n.FA, digest))
	}
	// Each link opens its list, with no filter refused.
	for _, l := range append(faLinks, allLinks...) {
		res := c.get(l.Href)
		if res.status != http.StatusOK {
			t.Errorf("%s: status %d", l.Href, res.status)
			continue
		}
		for _, bad := range []string{"err.bad_query", "err.unknown_ref", "err.bad_jalali_date", "err.work.status"} {
			if strings.Contains(res.body, html.EscapeString(workFA(bad))) {
				t.Errorf("%s: the list refuses a filter: %s", l.Href, workFA(bad))
			}
		}
	}

	// In English.
	if res := c.post("/lang", url.Values{"lang": {"en"}, "back": {"/notifications"}}, nil); res.status != http.StatusSeeOther {
		t.Fatalf("switch to English: %d", res.status)
	}
	en := c.get("/notifications")
	want = []string{html.EscapeString(followup.Message(i18n.EN, digest)), "Daily summary"}
	for _, l := range followup.DigestLinks(i18n.EN, digest) {
		want = append(want, `href="`+html.EscapeString(l.Href)+`"`, html.EscapeString(l.Text))
	}
	en.want(t, http.StatusOK, want...)
	if !strings.Contains(followup.Message(i18n.EN, digest), "overdue work items: ") {
		t.Errorf("English digest: %s", followup.Message(i18n.EN, digest))
	}
}

// TestNotificationsBadgeCapped: the header counts no further than 99,
// while the list's own count is exact.
func TestNotificationsBadgeCapped(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	u, _ := e.userCtx("reporter")
	if _, err := e.db.SQL().Exec(`WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150)
		INSERT INTO notifications (user_id, kind, entity, entity_id, day, message, args, created_at)
		SELECT $1, 'work_overdue', 'work_item', i, '2024-01-01', 'ui.note.work_overdue', '{"title":"x"}', $2 FROM n`,
		u.ID, workNow()); err != nil {
		t.Fatal(err)
	}
	r := e.as("reporter").get("/notifications")
	r.want(t, http.StatusOK, `id="notes-unread">۹۹+<`, "۱۵۰ خوانده‌نشده")
}
