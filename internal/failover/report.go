package failover

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// report is what a run found, printed as figures and judged by problems.
type report struct {
	tag          string
	cfg          Config
	failoverAt   time.Duration // from the load's start
	failoverTook time.Duration // the failover command: stop, promote, promoted
	outage       Outage
	acked        []Write
	// afterFailover counts, per instance, the writes it acknowledged
	// after the failover was over.
	afterFailover []int
	written       Written
	lost          []Write
	alive         []bool // the processes started before the failover still run
	ready         []int  // /readyz after it
	session       []int  // GET / with the session cookie of a web sign-in made before it
	token         []bool // GET /api/v1/me with the token made before it
	digests       Digests
	emails        Emails
	emailWait     time.Duration
}

func (r *report) print(w io.Writer) {
	kinds := map[string]int{}
	for _, a := range r.acked {
		kinds[a.Kind]++
	}
	inDB := len(r.written[writeWork]) + len(r.written[writeReminder])
	fmt.Fprintf(w, "failover: %d instances, %d writers for %s; the primary stopped and the standby promoted at +%.1fs (took %.1fs)\n",
		len(r.cfg.Addrs), r.cfg.Clients, r.cfg.Duration, r.failoverAt.Seconds(), r.failoverTook.Seconds())
	fmt.Fprintf(w, "writes acknowledged: %d (%d programs, %d reminders); lost: %d; in the database: %d (%d committed but unanswered)\n",
		len(r.acked), kinds[writeWork], kinds[writeReminder], len(r.lost), inDB, inDB-(len(r.acked)-len(r.lost)))
	var rec []string
	for i, d := range r.outage.Recovery {
		s := "never"
		if d >= 0 {
			s = fmt.Sprintf("%.1fs", d.Seconds())
		}
		rec = append(rec, fmt.Sprintf("instance %d %s (%d writes after)", i+1, s, r.afterFailover[i]))
	}
	fmt.Fprintf(w, "failed attempts: %d; seconds of errors: %d; recovery from the failover's start: %s; restarts: %d\n",
		r.outage.Failed, r.outage.ErrorSeconds, strings.Join(rec, ", "), r.restarts())
	fmt.Fprintf(w, "after the failover: /readyz %v; web session signed in before: GET / %v; token made before: %v\n",
		r.ready, r.session, r.token)
	fmt.Fprintf(w, "digest: %d users have today's, %d twice; one more run after the failover made %d (%d existing)\n",
		r.digests.Users, r.digests.Duplicates, r.digests.Created, r.digests.Existing)
	fmt.Fprintf(w, "emails: %d reminders and programs × %d recipients = %d notifications, %d emailed exactly once, %d missing, %d twice or more, %d unknown (%d emails; all out %.1fs after the load)\n",
		inDB, recipients, r.emails.Expected, r.emails.Once, r.emails.Missing, r.emails.Repeated,
		r.emails.Unwritten, r.emails.Messages, r.emailWait.Seconds())
}

func (r *report) restarts() int {
	n := 0
	for _, a := range r.alive {
		if !a {
			n++
		}
	}
	return n
}

// maxListed bounds the lost writes a failed run names.
const maxListed = 10

// problems lists every proof that failed; none is a pass.
func (r *report) problems() []string {
	var p []string
	add := func(format string, args ...any) { p = append(p, fmt.Sprintf(format, args...)) }
	if len(r.acked) == 0 {
		add("no write was acknowledged")
	}
	for i, w := range sortedWrites(r.lost) {
		if i == maxListed {
			add("… and %d more lost (the ledger lists every acknowledged write)", len(r.lost)-maxListed)
			break
		}
		add("lost: %s %d %q acknowledged by instance %d at %s", w.Kind, w.ID, w.Text, w.Instance+1, w.At.Format(time.RFC3339Nano))
	}
	if r.outage.Failed == 0 {
		add("no write failed: the failover did not happen under the load")
	}
	for i := range r.alive {
		switch {
		case !r.alive[i]:
			add("instance %d exited", i+1)
		case r.outage.Recovery[i] < 0 || r.afterFailover[i] == 0:
			add("instance %d acknowledged no write after the failover", i+1)
		}
		if r.ready[i] != http.StatusOK {
			add("instance %d: /readyz %d after the failover", i+1, r.ready[i])
		}
		if r.session[i] != http.StatusOK {
			add("instance %d: the web session made before the failover got %d for GET /", i+1, r.session[i])
		}
		if !r.token[i] {
			add("instance %d: the token made before the failover was refused", i+1)
		}
	}
	if r.digests.Users == 0 {
		add("nobody has today's digest")
	}
	if r.digests.Duplicates > 0 || r.digests.Created > 0 {
		add("digest: %d users with two, %d made by a run after the failover", r.digests.Duplicates, r.digests.Created)
	}
	if e := r.emails; e.Expected == 0 || e.Once != e.Expected || e.Unwritten > 0 {
		add("emails: %d expected, %d once, %d missing, %d repeated, %d unknown", e.Expected, e.Once, e.Missing, e.Repeated, e.Unwritten)
	}
	return p
}
