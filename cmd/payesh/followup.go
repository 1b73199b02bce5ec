package main

import (
	"context"
	"flag"
	"log/slog"
	"net/mail"
	"sync"
	"time"

	"payesh/internal/followup"
	mailer "payesh/internal/mail"
	"payesh/internal/store"
)

// followUpFlags configure the follow-up job serve runs.
type followUpFlags struct {
	smtpAddr, smtpFrom, baseURL *string
	every                       *time.Duration
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
		baseURL:  e.stringFlag(fs, "base-url", "PAYESH_BASE_URL", "", "address of Payesh that emails link to, e.g. https://payesh.example.org"),
	}
	var err error
	f.every, err = e.durationFlag(fs, "digest-every", "PAYESH_DIGEST_EVERY", defaultDigestEvery,
		"how often to run the follow-up digest and send its emails; 0 turns it off")
	return f, err
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
func startFollowUp(ctx context.Context, db *store.DB, f *followUpFlags, logger *slog.Logger) (stop func()) {
	if *f.every == 0 {
		logger.Info("follow-up digest off")
		return func() {}
	}
	r := &followup.Runner{Store: db, Logger: logger, BaseURL: *f.baseURL}
	if *f.smtpAddr != "" {
		r.Mailer = &mailer.Mailer{Addr: *f.smtpAddr, From: *f.smtpFrom}
	}
	logger.Info("follow-up digest on", "every", f.every.String(), "email", r.Mailer != nil)
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { r.Loop(ctx, *f.every) })
	return func() {
		cancel()
		wg.Wait()
	}
}
