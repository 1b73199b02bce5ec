package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/mail"
	"strconv"
	"strings"
	"sync"
	"time"

	"payesh"
	"payesh/internal/followup"
	mailer "payesh/internal/mail"
	"payesh/internal/metrics"
	"payesh/internal/store"
)

// followUpFlags configure the follow-up job serve runs.
type followUpFlags struct {
	smtpAddr, smtpFrom, baseURL *string
	every                       *time.Duration
	retention                   *retentionValue
}

// retentionValue is a flag of days ("90d") or a Go duration ("2160h");
// 0 keeps read notifications for ever.
type retentionValue time.Duration

func (v *retentionValue) String() string {
	d := time.Duration(*v)
	if d > 0 && d%(24*time.Hour) == 0 {
		return strconv.FormatInt(int64(d/(24*time.Hour)), 10) + "d"
	}
	return d.String()
}

func (v *retentionValue) Set(s string) error {
	d, err := parseRetention(s)
	if err != nil {
		return err
	}
	*v = retentionValue(d)
	return nil
}

// parseRetention reads "90d", "0" or a Go duration; negative is refused.
func parseRetention(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	var d time.Duration
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil {
			return 0, fmt.Errorf("%q is not a number of days like 90d", s)
		}
		d = time.Duration(n) * 24 * time.Hour
	} else if s == "0" {
		d = 0
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, fmt.Errorf("%q is not a retention like 90d or 2160h", s)
		}
	}
	if d < 0 {
		return 0, fmt.Errorf("%q is negative", s)
	}
	return d, nil
}

// defaultDigestEvery is how often the job looks: hourly, so a new Tehran
// day's digest goes out soon after midnight whenever the instance started,
// and a report returned in the morning is in the afternoon's run. The
// digest itself is made once a day per item and user, so running it often,
// or on every instance, tells nobody anything twice.
const defaultDigestEvery = time.Hour

func (e *env) followUpFlags(fs *flag.FlagSet) (*followUpFlags, error) {
	f := &followUpFlags{
		smtpAddr: e.stringFlag(fs, "smtp-addr", "PAYESH_SMTP_ADDR", "", "SMTP relay host:port for notification emails; empty sends none"),
		smtpFrom: e.stringFlag(fs, "smtp-from", "PAYESH_SMTP_FROM", "", "sender of notification emails, e.g. 'Payesh <payesh@example.org>'"),
		baseURL:  e.stringFlag(fs, "base-url", "PAYESH_BASE_URL", "", "address of Payesh that emails link to, e.g. https://payesh.example.org; an https address also makes the session cookie Secure"),
	}
	var err error
	f.every, err = e.durationFlag(fs, "digest-every", "PAYESH_DIGEST_EVERY", defaultDigestEvery,
		"how often to run the follow-up digest and send its emails; 0 turns it off")
	if err != nil {
		return nil, err
	}
	const key = "PAYESH_NOTIFICATION_RETENTION"
	ret := retentionValue(payesh.DefaultNotificationRetention)
	if v := e.envDefault(key, ""); v != "" {
		if err := ret.Set(v); err != nil {
			return nil, usageErrorf("%s: %v", key, err)
		}
	}
	f.retention = &ret
	fs.Var(f.retention, "notification-retention",
		"how long read notifications are kept before the digest job deletes them, e.g. 90d; 0 keeps them (env "+key+")")
	return f, nil
}

// check rejects a half-configured mailer before the server starts.
func (f *followUpFlags) check() error {
	if *f.every < 0 {
		return usageErrorf("--digest-every must not be negative")
	}
	if *f.smtpAddr == "" {
		return nil
	}
	if *f.smtpFrom == "" {
		return usageErrorf("--smtp-from is required with --smtp-addr")
	}
	if _, err := mail.ParseAddress(*f.smtpFrom); err != nil {
		return usageErrorf("--smtp-from %q is not an email address", *f.smtpFrom)
	}
	return nil
}

// startFollowUp runs the follow-up job in the background and returns the
// function that stops it and waits, so the store is not closed under it.
func startFollowUp(ctx context.Context, db *store.DB, f *followUpFlags, logger *slog.Logger, m *metrics.Metrics) (stop func()) {
	if *f.every == 0 {
		logger.Info("follow-up digest off")
		return func() {}
	}
	r := &followup.Runner{Store: db, Logger: logger, BaseURL: *f.baseURL, Retention: time.Duration(*f.retention),
		Observe: m.Digest}
	m.Watch(metrics.JobDigest)
	if *f.smtpAddr != "" {
		r.Mailer = &mailer.Mailer{Addr: *f.smtpAddr, From: *f.smtpFrom}
		m.Watch(metrics.JobMail)
	}
	logger.Info("follow-up digest on", "every", f.every.String(), "email", r.Mailer != nil,
		"notification_retention", f.retention.String())
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { r.Loop(ctx, *f.every) })
	return func() {
		cancel()
		wg.Wait()
	}
}
