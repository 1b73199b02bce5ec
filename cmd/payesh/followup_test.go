package main

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"payesh"
	"payesh/internal/mail/mailtest"
)

// TestServeFollowUpFlags: a half-configured mailer or a negative interval
// is a usage error, caught before the server starts.
func TestServeFollowUpFlags(t *testing.T) {
	c := newCLI(t)
	for _, args := range [][]string{
		{"serve", "--smtp-addr", "127.0.0.1:25"},
		{"serve", "--smtp-addr", "127.0.0.1:25", "--smtp-from", "not an address"},
		{"serve", "--digest-every", "-1h"},
		{"serve", "--notification-retention", "-5d"},
		{"serve", "--notification-retention", "ninety days"},
	} {
		_, _, err := c.run("", args...)
		var u usageError
		if !errors.As(err, &u) {
			t.Errorf("payesh %s: %v; want a usage error", strings.Join(args, " "), err)
		}
	}
}

// TestServeSendsDigest: serve, with PAYESH_SMTP_* set, runs the digest at
// start and emails a user with an address about their overdue work, in
// Persian, through the relay.
func TestServeSendsDigest(t *testing.T) {
	c := newCLI(t)
	db := c.store()
	ctx := asSystem(context.Background())
	unit := &payesh.OrgUnit{Kind: payesh.UnitOrganization, Code: "sso", NameFA: "سازمان"}
	if err := db.CreateOrgUnit(ctx, unit); err != nil {
		t.Fatal(err)
	}
	u := &payesh.User{Username: "maryam", Name: "مریم", Email: "maryam@example.org", UnitID: unit.ID, Role: payesh.RoleReporter}
	if err := db.CreateUser(ctx, u, "a-long-password"); err != nil {
		t.Fatal(err)
	}
	due := payesh.Today(time.Now()).AddDays(-3)
	if err := db.CreateWorkItem(ctx, &payesh.WorkItem{Kind: payesh.KindAction, Title: "کار دیرکرده", OwnerUnitID: unit.ID, DueDate: due}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	sink := mailtest.New(t)
	c.env["PAYESH_SMTP_ADDR"] = sink.Addr()
	c.env["PAYESH_SMTP_FROM"] = "پایش <payesh@example.org>"
	runCtx, stop := context.WithCancel(context.Background())
	defer stop()
	var out, errOut syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(runCtx, []string{"serve", "--addr", "127.0.0.1:0"}, strings.NewReader(""), &out, &errOut, c.getenv)
	}()
	waitForURL(t, &out, done)
	deadline := time.Now().Add(20 * time.Second)
	for len(sink.Messages()) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	stop()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v\n%s", err, errOut.String())
	}
	msgs := sink.Messages()
	if len(msgs) != 1 || msgs[0].To[0] != "maryam@example.org" {
		t.Fatalf("sink got %+v\nlog: %s", msgs, errOut.String())
	}
	if !strings.Contains(errOut.String(), "follow-up digest") {
		t.Errorf("log %q; want the digest logged", errOut.String())
	}
	if !strings.Contains(errOut.String(), "notification_retention=90d") {
		t.Errorf("log %q; want the default retention logged", errOut.String())
	}
}

// TestParseRetention: days, Go durations and 0; a negative or unreadable
// retention is refused, and the environment sets the default.
func TestParseRetention(t *testing.T) {
	for in, want := range map[string]time.Duration{"90d": 90 * 24 * time.Hour, "0": 0, "0d": 0, "36h": 36 * time.Hour} {
		if got, err := parseRetention(in); err != nil || got != want {
			t.Errorf("parseRetention(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"-1d", "-2h", "d", "90 days", ""} {
		if _, err := parseRetention(in); err == nil {
			t.Errorf("parseRetention(%q) accepted", in)
		}
	}
	c := newCLI(t)
	e := &env{stdout: io.Discard, stderr: io.Discard, getenv: c.getenv}
	c.env["PAYESH_NOTIFICATION_RETENTION"] = "30d"
	fs := e.flagSet("serve")
	f, err := e.followUpFlags(fs)
	if err != nil || f.retention.String() != "30d" {
		t.Fatalf("from the environment: %v %v", f, err)
	}
	if err := fs.Parse([]string{"--notification-retention", "7d"}); err != nil || time.Duration(*f.retention) != 7*24*time.Hour {
		t.Errorf("flag over environment: %v %v", f.retention, err)
	}
	c.env["PAYESH_NOTIFICATION_RETENTION"] = "forever"
	if _, err := e.followUpFlags(e.flagSet("serve")); err == nil {
		t.Error("a bad PAYESH_NOTIFICATION_RETENTION was accepted")
	}
}
