package followup_test

import (
	"context"
	"encoding/base64"
	"io"
	"mime"
	"strings"
	"sync"
	"testing"
	"time"

	"payesh"
	"payesh/internal/followup"
	"payesh/internal/mail"
	"payesh/internal/mail/mailtest"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// now is 1403/05/10 (2024-07-31) noon in Tehran.
var now = time.Date(2024, 7, 31, 8, 30, 0, 0, time.UTC)

var sys = storetest.System()

// world is a branch with a reporter and a viewer who have email addresses
// and a reporter who has none, the secretariat (with an address), and one
// work item ten days overdue (due 1403/04/31).
type world struct {
	branch *payesh.OrgUnit
	sec    context.Context
}

func newWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	w := &world{}
	org := &payesh.OrgUnit{Kind: payesh.UnitOrganization, Code: "sso", NameFA: "سازمان"}
	if err := db.CreateOrgUnit(sys, org); err != nil {
		t.Fatal(err)
	}
	w.branch = &payesh.OrgUnit{Kind: payesh.UnitBranch, Code: "branch", NameFA: "شعبهٔ یک", ParentID: &org.ID}
	if err := db.CreateOrgUnit(sys, w.branch); err != nil {
		t.Fatal(err)
	}
	for _, u := range []*payesh.User{
		{Username: "maryam", Name: "مریم کریمی", Email: "maryam@example.org", UnitID: w.branch.ID, Role: payesh.RoleReporter},
		{Username: "reza", Name: "رضا یزدانی", Email: "reza@example.org", UnitID: w.branch.ID, Role: payesh.RoleViewer},
		{Username: "nomail", Name: "بی‌نشانی", UnitID: w.branch.ID, Role: payesh.RoleReporter},
		{Username: "sec", Name: "دبیرخانه", Email: "sec@example.org", UnitID: org.ID, Role: payesh.RoleSecretariat},
	} {
		if err := db.CreateUser(sys, u, "a-long-password"); err != nil {
			t.Fatal(err)
		}
		if u.Username == "sec" {
			w.sec = payesh.WithUser(context.Background(), u)
		}
	}
	item := &payesh.WorkItem{Kind: payesh.KindResolution, Title: "کار عقب‌افتاده", OwnerUnitID: w.branch.ID,
		DueDate: payesh.NewDate(2024, 7, 21)}
	if err := db.CreateWorkItem(sys, item); err != nil {
		t.Fatal(err)
	}
	return w
}

func opts() store.Options { return store.Options{Now: func() time.Time { return now }} }

// received decodes the sink's messages by recipient: subject and body.
func received(t *testing.T, sink *mailtest.Sink) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, m := range sink.Messages() {
		msg, err := m.Parse()
		if err != nil {
			t.Fatal(err)
		}
		subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(msg.Body)
		body, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(string(raw), "\r\n", ""))
		if err != nil {
			t.Fatal(err)
		}
		for _, to := range m.To {
			out[to] = append(out[to], subject+"\n"+string(body))
		}
	}
	return out
}

// TestRunOnce: the digest is made and each user with an address gets one
// Persian email of their new notifications; a second run sends nothing.
func TestRunOnce(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		newWorld(t, db)
		sink := mailtest.New(t)
		r := &followup.Runner{Store: db, Now: func() time.Time { return now }, BaseURL: "https://payesh.example.org",
			Mailer: &mail.Mailer{Addr: sink.Addr(), From: "پایش <payesh@example.org>"}}
		res, err := r.RunOnce(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		// maryam, reza, nomail and sec each get the day's digest, which
		// counts the overdue work; three have addresses.
		if res.Day != payesh.NewDate(2024, 7, 31) || res.Created != 4 || res.Emailed != 3 || res.EmailFailed != 0 {
			t.Fatalf("first run %+v", res)
		}
		got := received(t, sink)
		if len(got) != 3 || len(got["maryam@example.org"]) != 1 || len(got["reza@example.org"]) != 1 {
			t.Fatalf("emails by recipient: %v", got)
		}
		mail := got["maryam@example.org"][0]
		for _, want := range []string{
			"پایش: ۱ اعلان تازه\n",
			"مریم کریمی گرامی،",
			"• خلاصهٔ امروز شعبهٔ یک: ۱ کار عقب‌افتاده.",
			"  – ۱ کار عقب‌افتاده: https://payesh.example.org/work?include_partner=1&overdue=1&unit=",
			"برای دیدن جزئیات به سامانه بروید: https://payesh.example.org",
		} {
			if !strings.Contains(mail, want) {
				t.Errorf("email lacks %q:\n%s", want, mail)
			}
		}

		res, err = r.RunOnce(context.Background())
		if err != nil || res.Created != 0 || res.Existing != 4 || res.Emailed != 0 {
			t.Fatalf("second run %+v %v", res, err)
		}
		if n := len(sink.Messages()); n != 3 {
			t.Errorf("%d emails after the second run, want still 3", n)
		}
	})
}

// TestRunOnceRetriesFailedEmail: an email the relay refuses is sent on the
// next run; a notification read meanwhile is not.
func TestRunOnceRetriesFailedEmail(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		sink := mailtest.New(t)
		sink.SetReject(true)
		r := &followup.Runner{Store: db, Now: func() time.Time { return now },
			Mailer: &mail.Mailer{Addr: sink.Addr(), From: "payesh@example.org"}}
		res, err := r.RunOnce(context.Background())
		if err != nil || res.Emailed != 0 || res.EmailFailed != 3 {
			t.Fatalf("refused run %+v %v", res, err)
		}
		// reza reads his in the meantime; the secretariat reminds the branch.
		reza, err := db.Authenticate(context.Background(), "reza", "a-long-password")
		if err != nil {
			t.Fatal(err)
		}
		if err := db.MarkRead(payesh.WithUser(context.Background(), reza), nil); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Remind(w.sec, w.branch.ID, "لطفاً پیگیری کنید."); err != nil {
			t.Fatal(err)
		}
		sink.SetReject(false)
		res, err = r.RunOnce(context.Background())
		if err != nil || res.Emailed != 2 || res.EmailFailed != 0 {
			t.Fatalf("retry run %+v %v", res, err)
		}
		got := received(t, sink)
		if len(got["reza@example.org"]) != 0 || len(got["maryam@example.org"]) != 1 {
			t.Fatalf("emails %v", got)
		}
		if m := got["maryam@example.org"][0]; !strings.Contains(m, "پایش: ۲ اعلان تازه") || !strings.Contains(m, "لطفاً پیگیری کنید.") {
			t.Errorf("maryam's email:\n%s", m)
		}
	})
}

// TestNoMailer: without SMTP the digest still runs and nothing is claimed,
// so configuring SMTP later mails what is recent.
func TestNoMailer(t *testing.T) {
	db := storetest.OpenEngine(t, store.SQLite, opts())
	newWorld(t, db)
	r := &followup.Runner{Store: db, Now: func() time.Time { return now }}
	if res, err := r.RunOnce(context.Background()); err != nil || res.Created != 4 || res.Emailed != 0 {
		t.Fatalf("%+v %v", res, err)
	}
	sink := mailtest.New(t)
	r.Mailer = &mail.Mailer{Addr: sink.Addr(), From: "payesh@example.org"}
	if res, err := r.RunOnce(context.Background()); err != nil || res.Emailed != 3 {
		t.Fatalf("%+v %v", res, err)
	}
}

// TestTwoInstances runs the job on two app instances — two stores on one
// database, each with its own runner — at the same time, again and again:
// every user with an address gets exactly one email, and every
// notification exists once.
func TestTwoInstances(t *testing.T) {
	storetest.EngineTwins(t, opts(), func(t *testing.T, a, b *store.DB) {
		newWorld(t, a)
		sink := mailtest.New(t)
		var wg sync.WaitGroup
		for i := range 10 {
			db := a
			if i%2 == 1 {
				db = b
			}
			r := &followup.Runner{Store: db, Now: func() time.Time { return now },
				Mailer: &mail.Mailer{Addr: sink.Addr(), From: "payesh@example.org"}}
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := r.RunOnce(context.Background()); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		got := received(t, sink)
		if len(got) != 3 {
			t.Errorf("emails went to %d addresses, want 3", len(got))
		}
		for to, mails := range got {
			if len(mails) != 1 {
				t.Errorf("%s got %d emails, want 1", to, len(mails))
			}
		}
		var n int
		if err := a.SQL().QueryRow(`SELECT COUNT(*) FROM notifications`).Scan(&n); err != nil || n != 4 {
			t.Errorf("%d notifications (%v), want 4", n, err)
		}
	})
}

// TestLoop: the loop runs at once, then on its interval, and returns when
// its context ends.
func TestLoop(t *testing.T) {
	db := storetest.OpenEngine(t, store.SQLite, opts())
	newWorld(t, db)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	observed := make(chan payesh.DigestResult, 1)
	go func() {
		(&followup.Runner{Store: db, Now: func() time.Time { return now },
			Observe: func(res payesh.DigestResult, err error) {
				if err != nil {
					t.Errorf("observed a failed run: %v", err)
				}
				observed <- res
			}}).Loop(ctx, time.Hour)
		close(done)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var n int
		if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM notifications`).Scan(&n); err == nil && n == 4 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the loop did not run the digest at start")
		}
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case res := <-observed:
		if res.Created != 4 {
			t.Errorf("observed %+v; want the 4 notifications made", res)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the run was not observed")
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the loop did not stop")
	}
}

// TestRunOncePrunes: with a retention, each run deletes the read
// notifications older than it, and keeps the unread and the recent.
func TestRunOncePrunes(t *testing.T) {
	storetest.Engines(t, opts(), func(t *testing.T, db *store.DB) {
		newWorld(t, db)
		// Yesterday's digests, read by everyone, and a year-old read one.
		r := &followup.Runner{Store: db, Now: func() time.Time { return now.AddDate(0, 0, -1) }}
		if _, err := r.RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SQL().Exec(`UPDATE notifications SET read_at = $1`, now.AddDate(0, 0, -1)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SQL().Exec(`UPDATE notifications SET created_at = $1 WHERE id = (SELECT MIN(id) FROM notifications)`,
			now.AddDate(-1, 0, 0)); err != nil {
			t.Fatal(err)
		}
		r = &followup.Runner{Store: db, Now: func() time.Time { return now }, Retention: 90 * 24 * time.Hour, PruneBatch: 1}
		res, err := r.RunOnce(context.Background())
		if err != nil || res.Pruned != 1 || res.Created != 4 {
			t.Fatalf("run with retention %+v %v", res, err)
		}
		var n int
		if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM notifications`).Scan(&n); err != nil || n != 7 {
			t.Errorf("%d notifications left (%v), want 7: 3 read of yesterday, 4 of today", n, err)
		}
	})
}

// TestComposeDigestEnglish: an English email names each count and links
// its list.
func TestComposeDigestEnglish(t *testing.T) {
	r := &followup.Runner{BaseURL: "https://payesh.example.org/", Lang: "en"}
	n := &payesh.Notification{Kind: payesh.NoteDigest, Entity: payesh.EntityUser, Message: "ui.note.digest",
		Args: map[string]string{"unit": "7", "unit_name": "Tehran", "from": "2024-07-31", "to": "2024-08-07",
			"overdue": "1234", "due_soon": "56", "reports_overdue": "0", "reports_due": "0", "to_review": "3"}}
	subject, body := r.Compose(payesh.Outbox{Name: "Maryam", Notifications: []*payesh.Notification{n}})
	for _, want := range []string{
		"Payesh: 1 new notifications",
		"• Today's summary for Tehran: overdue work items: 1,234; work items due within 7 days: 56; reports awaiting your review: 3.\n",
		"  – overdue work items: 1,234: https://payesh.example.org/work?include_partner=1&overdue=1&unit=7\n",
		"  – work items due within 7 days: 56: https://payesh.example.org/work?due_from=1403%2F05%2F10&due_to=1403%2F05%2F17&include_partner=1&sort=due_date&status=not_reported%2Cnot_started%2Cin_progress%2Cdelayed&unit=7\n",
		"  – reports awaiting your review: 3: https://payesh.example.org/inbox\n",
	} {
		if !strings.Contains(subject+"\n"+body, want) {
			t.Errorf("email lacks %q:\n%s\n%s", want, subject, body)
		}
	}
}
