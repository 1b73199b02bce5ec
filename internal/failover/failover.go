// Package failover drives the failover check of scripts/failover.sh: two
// `payesh serve` processes on one PostgreSQL whose connection string
// names a primary and its synchronous standby, a write load through both,
// the failover mid-load (a command the script gives: stop the primary,
// promote the standby), and then the proofs — no acknowledged write lost,
// a session and a token made before still valid, the digest made once and
// every reminder emailed exactly once, both processes serving again
// without a restart — with the figures printed.
package failover

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/mail/mailtest"
	"payesh/internal/store"
)

// Config is one run.
type Config struct {
	Bin           string   // the payesh binary
	DSN           string   // the connection string both instances and the check use
	Addrs         []string // where the instances listen
	Clients       int      // concurrent writers, spread over the instances
	Duration      time.Duration
	FailoverAfter time.Duration // when, from the load's start, to run FailoverCmd
	FailoverCmd   string        // run with sh -c
	DigestEvery   time.Duration // the instances' --digest-every
	LogDir        string        // the instances' logs and the ledger
}

// recipients is how many people of the run's unit receive its reminders.
const recipients = 2

// Run runs the check and prints its figures to out; any failed proof is
// an error, after the figures.
func Run(ctx context.Context, cfg Config, out io.Writer) error {
	if len(cfg.Addrs) < 2 || cfg.Clients < len(cfg.Addrs) || cfg.FailoverAfter <= 0 || cfg.Duration <= cfg.FailoverAfter {
		return errors.New("failover: want two or more instances, a client per instance at least, and the failover within the duration")
	}
	tag := randomTag()
	sink, err := mailtest.Listen("127.0.0.1:0")
	if err != nil {
		return err
	}
	defer sink.Close()

	var insts []*instance
	defer func() {
		for _, in := range insts {
			in.stop()
		}
	}()
	for i, addr := range cfg.Addrs {
		in, err := startInstance(ctx, cfg.Bin, addr, cfg.DSN, filepath.Join(cfg.LogDir, fmt.Sprintf("serve-%d.log", i+1)),
			[]string{"--digest-every", cfg.DigestEvery.String(), "--smtp-addr", sink.Addr(), "--smtp-from", "Payesh <payesh@example.org>"})
		if err != nil {
			return err
		}
		insts = append(insts, in)
	}
	urls := make([]string, len(insts))
	for i, in := range insts {
		urls[i] = in.url
	}

	// Before the failover: a person signed in on the web, a token for the
	// load, the run's unit and the people its reminders email.
	person, admin := newClient(), newClient()
	if err := person.webLogin(ctx, urls[0], "secretariat", demo.Password); err != nil {
		return fmt.Errorf("web sign-in: %w", err)
	}
	if err := admin.api(ctx, urls[0], "POST", "/auth/login", false,
		map[string]string{"username": "admin", "password": demo.Password}, nil); err != nil {
		return fmt.Errorf("API sign-in: %w", err)
	}
	var tok struct {
		Secret string `json:"secret"`
	}
	if err := admin.api(ctx, urls[0], "POST", "/tokens", false,
		map[string]any{"name": "failover " + tag, "ttl_days": 1, "password": demo.Password}, &tok); err != nil {
		return fmt.Errorf("token: %w", err)
	}
	admin.token = tok.Secret
	unitID, emails, err := setUp(ctx, admin, urls[0], tag)
	if err != nil {
		return fmt.Errorf("set-up: %w", err)
	}

	ledgerFile, err := os.Create(filepath.Join(cfg.LogDir, "ledger.jsonl"))
	if err != nil {
		return err
	}
	defer ledgerFile.Close()
	l := &load{c: admin, urls: urls, tag: tag, unitID: unitID, ledger: &ledger{file: ledgerFile}, timeline: &timeline{}}
	start := time.Now()
	lctx, cancel := context.WithDeadline(ctx, start.Add(cfg.Duration))
	defer cancel()
	var wg sync.WaitGroup
	wg.Go(func() { l.run(lctx, cfg.Clients) })
	select {
	case <-time.After(cfg.FailoverAfter):
	case <-ctx.Done():
		// Interrupted: the writers end with the context, and are waited
		// for, since the ledger they write is closed on return.
		wg.Wait()
		return ctx.Err()
	}
	failoverAt := time.Now()
	cmd := exec.CommandContext(ctx, "sh", "-c", cfg.FailoverCmd)
	cmd.Stdout, cmd.Stderr = out, out
	failErr := cmd.Run()
	failoverTook := time.Since(failoverAt)
	wg.Wait()
	if failErr != nil {
		return fmt.Errorf("failover command %q: %w", cfg.FailoverCmd, failErr)
	}

	r := report{tag: tag, cfg: cfg, failoverAt: failoverAt.Sub(start), failoverTook: failoverTook,
		outage: l.timeline.outage(start, failoverAt, len(insts)), acked: l.ledger.all()}
	r.afterFailover = ackedAfter(r.acked, failoverAt.Add(failoverTook), len(insts))
	for i, in := range insts {
		r.alive = append(r.alive, !in.exited())
		r.ready = append(r.ready, status(ctx, in.url+"/readyz"))
		code, err := person.webPage(ctx, in.url, "/")
		if err != nil {
			code = 0
		}
		r.session = append(r.session, code)
		var me struct {
			Username string `json:"username"`
		}
		if err := admin.api(ctx, urls[i], "GET", "/me", true, nil, &me); err != nil || me.Username != "admin" {
			r.token = append(r.token, false)
		} else {
			r.token = append(r.token, true)
		}
	}

	db, err := store.Open(ctx, cfg.DSN, store.Options{})
	if err != nil {
		return fmt.Errorf("open the new primary: %w", err)
	}
	defer db.Close()
	// Every reminder notification emailed, then the instances stopped, so
	// no email is in flight when the sink is read.
	r.emailWait, err = waitEmailed(ctx, db, tag, 30*time.Second)
	if err != nil {
		return err
	}
	for _, in := range insts {
		in.stop()
	}
	insts = nil
	if r.written, err = written(ctx, db.SQL(), tag); err != nil {
		return err
	}
	r.lost = lost(r.acked, r.written)
	if r.digests, err = checkDigests(ctx, db, payesh.Today(time.Now())); err != nil {
		return fmt.Errorf("digest after the failover: %w", err)
	}
	msgs := sink.Messages()
	got, err := emailedNotes(msgs)
	if err != nil {
		return err
	}
	r.emails = checkEmails(r.written, emails, got, len(msgs))
	r.print(out)
	if problems := r.problems(); len(problems) > 0 {
		return fmt.Errorf("failover check failed (logs and ledger in %s):\n  %s", cfg.LogDir, strings.Join(problems, "\n  "))
	}
	return nil
}

// setUp makes the run's unit and the people its reminders email, and
// returns the unit's id and their addresses.
func setUp(ctx context.Context, c *client, base, tag string) (int64, []string, error) {
	var unit struct {
		ID int64 `json:"id"`
	}
	if err := c.api(ctx, base, "POST", "/org-units", true,
		map[string]any{"kind": "organization", "code": "fo-" + tag, "name_fa": "سازمان آزمون جابه‌جایی پایگاه داده"}, &unit); err != nil {
		return 0, nil, err
	}
	var emails []string
	for i := range recipients {
		email := fmt.Sprintf("fo%d-%s@example.org", i+1, tag)
		if err := c.api(ctx, base, "POST", "/users", true, map[string]any{
			"username": fmt.Sprintf("fo-%s-%d", tag, i+1), "name": fmt.Sprintf("گیرندهٔ یادآوری %d", i+1),
			"email": email, "unit_id": unit.ID, "role": "reporter", "password": "failover-check-" + tag,
		}, nil); err != nil {
			return 0, nil, err
		}
		emails = append(emails, email)
	}
	return unit.ID, emails, nil
}

// waitEmailed waits until the instances have emailed every notification
// of the run's recipients, and says how long that took.
func waitEmailed(ctx context.Context, db *store.DB, tag string, limit time.Duration) (time.Duration, error) {
	start := time.Now()
	for {
		var n int
		err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id
			WHERE u.username LIKE $1 AND n.emailed_at IS NULL`, "fo-"+tag+"-%").Scan(&n)
		if err != nil {
			return 0, err
		}
		if n == 0 {
			return time.Since(start), nil
		}
		if time.Since(start) > limit {
			return 0, fmt.Errorf("%d notifications still unemailed %s after the load", n, limit)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// ackedAfter counts, per instance, the writes acknowledged after the
// failover was over.
func ackedAfter(acked []Write, after time.Time, n int) []int {
	out := make([]int, n)
	for _, w := range acked {
		if w.At.After(after) {
			out[w.Instance]++
		}
	}
	return out
}

func randomTag() string {
	b := make([]byte, 4)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// sortedWrites orders writes by kind and id, for a readable listing.
func sortedWrites(ws []Write) []Write {
	ws = append([]Write(nil), ws...)
	sort.Slice(ws, func(i, j int) bool {
		if ws[i].Kind != ws[j].Kind {
			return ws[i].Kind < ws[j].Kind
		}
		return ws[i].ID < ws[j].ID
	})
	return ws
}
