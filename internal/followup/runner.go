// Package followup runs the follow-up loop's job: each day's digest of
// notifications, and the emails that carry them when SMTP is configured.
// It is safe to run on every app instance at once: the store makes each
// notification once per user, item and day, and hands each unsent one to
// a single instance to email, both decided in the database.
package followup

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/mail"
)

// Store is what the job needs of the store.
type Store interface {
	RunDigest(ctx context.Context, day payesh.Date) (payesh.DigestResult, error)
	ClaimEmails(ctx context.Context, since time.Time) ([]payesh.Outbox, error)
	ReleaseEmails(ctx context.Context, ids []int64) error
	PruneNotifications(ctx context.Context, before time.Time, batch int) (int, error)
}

// EmailWindow is how old a notification may be and still be emailed: a
// relay that was down for a day still delivers yesterday's digest, but
// configuring SMTP on an old database does not mail out its history.
const EmailWindow = 48 * time.Hour

// Runner is the job. The zero Now is time.Now, the zero Logger discards,
// a nil Mailer sends no email, and Lang "" writes emails in Persian.
type Runner struct {
	Store  Store
	Mailer *mail.Mailer
	Now    func() time.Time
	Logger *slog.Logger
	// BaseURL, when set, is linked from every email ("https://payesh.example.org").
	BaseURL string
	Lang    i18n.Lang
	// Retention is how long read notifications are kept: each run deletes
	// those created longer ago, PruneBatch rows per transaction (the
	// store's default when 0). Zero keeps them for ever.
	Retention  time.Duration
	PruneBatch int
	// Observe, when set, is told of each run Loop makes, as it is logged
	// (the metrics count them); not of a run cut short by shutdown.
	Observe func(payesh.DigestResult, error)
}

// RunOnce makes the digest of today's Tehran date, emails every user with
// an address their new notifications, one email each (on a day's first
// run, the digest), and prunes the read notifications older than the
// retention. An email that fails is logged and counted, and its
// notifications are released for the next run; a failed pruning is logged
// and tried again next run; only a failing digest is an error.
func (r *Runner) RunOnce(ctx context.Context) (payesh.DigestResult, error) {
	ctx = payesh.WithUser(ctx, payesh.System)
	now := r.now()
	res, err := r.Store.RunDigest(ctx, payesh.Today(now))
	if err != nil {
		return res, err
	}
	if r.Retention > 0 {
		n, err := r.Store.PruneNotifications(ctx, now.Add(-r.Retention), r.PruneBatch)
		res.Pruned = n
		if err != nil && ctx.Err() == nil {
			r.logger().Warn("pruning notifications failed", "pruned", n, "err", err)
		}
	}
	if r.Mailer == nil {
		return res, nil
	}
	boxes, err := r.Store.ClaimEmails(ctx, now.Add(-EmailWindow))
	if err != nil {
		return res, err
	}
	for _, box := range boxes {
		subject, body := r.Compose(box)
		if err := r.Mailer.Send(ctx, box.Email, subject, body); err != nil {
			res.EmailFailed++
			r.logger().Warn("follow-up email failed", "user_id", box.UserID, "err", err)
			ids := make([]int64, len(box.Notifications))
			for i, n := range box.Notifications {
				ids[i] = n.ID
			}
			// Released on a fresh context: a run cut short by shutdown must
			// still give the claim back.
			if err := r.Store.ReleaseEmails(context.WithoutCancel(ctx), ids); err != nil {
				return res, err
			}
			continue
		}
		res.Emailed++
	}
	return res, nil
}

// Loop runs the job now and then every interval until ctx ends. Running
// it more often than daily is cheap and harmless — a day's digest is made
// once, later runs add only what became due or waiting since — and it
// means a new Tehran day is picked up soon after midnight whenever the
// instance started.
func (r *Runner) Loop(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		res, err := r.RunOnce(ctx)
		if ctx.Err() != nil {
			return
		}
		if r.Observe != nil {
			r.Observe(res, err)
		}
		switch {
		case err != nil:
			r.logger().Error("follow-up digest failed", "err", err)
		default:
			r.logger().Info("follow-up digest", "day", res.Day.String(), "users", res.Users, "created", res.Created,
				"existing", res.Existing, "emailed", res.Emailed, "email_failed", res.EmailFailed, "pruned", res.Pruned)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Compose returns the subject and plain-text body of a user's email.
func (r *Runner) Compose(box payesh.Outbox) (subject, body string) {
	lang := r.Lang
	if lang == "" {
		lang = i18n.FA
	}
	subject = i18n.Format(lang, "ui.note.email_subject",
		FormatArgs(lang, map[string]string{"count": strconv.Itoa(len(box.Notifications))}))
	var b strings.Builder
	b.WriteString(i18n.Format(lang, "ui.note.email_greeting", map[string]string{"name": box.Name}) + "\n\n")
	b.WriteString(i18n.T(lang, "ui.note.email_intro") + "\n\n")
	for _, n := range box.Notifications {
		b.WriteString("• " + Message(lang, n) + "\n")
		// A digest's counts, each with its list, when there is an address
		// to link to.
		if r.BaseURL == "" {
			continue
		}
		for _, l := range DigestLinks(lang, n) {
			b.WriteString("  – " + l.Text + ": " + strings.TrimRight(r.BaseURL, "/") + l.Href + "\n")
		}
	}
	if r.BaseURL != "" {
		b.WriteString("\n" + i18n.Format(lang, "ui.note.email_link", map[string]string{"url": r.BaseURL}) + "\n")
	}
	b.WriteString("\n-- \n" + i18n.T(lang, "ui.note.email_footer") + "\n")
	return subject, b.String()
}

func (r *Runner) now() time.Time {
	if r.Now == nil {
		return time.Now()
	}
	return r.Now()
}

func (r *Runner) logger() *slog.Logger {
	if r.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return r.Logger
}
