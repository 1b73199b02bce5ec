package bench

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"payesh"
	"payesh/internal/store"
)

// DigestDays is how many daily digests the work bench runs before timing
// the root-level user's pages again: a month of notifications.
const DigestDays = 30

// digestSlack is how much slower than on day one a page may be after the
// digests and still count as not slower: the noise between two timings
// of the same page on a shared machine.
const digestSlack = 1.2

// WorkDigest is what a month of digests left, and the root-level user's
// pages timed again after it.
type WorkDigest struct {
	Days          int
	Notifications int // the root-level user's, after the month
	Unread        int
	Before, After []WorkTiming
}

// measureDigest runs the daily digest for the DigestDays days before today,
// as the hourly job would have, then times again the pages the root-level
// user was timed on at the largest size.
func (cl *client) measureDigest(ctx context.Context, db *store.DB, today payesh.Date, root *benchUser,
	reqs []workRequest, before []WorkTiming, wc WorkConfig, log io.Writer) (*WorkDigest, error) {
	d := &WorkDigest{Days: DigestDays}
	for day := today.AddDays(-DigestDays); day.Before(today); day = day.AddDays(1) {
		if _, err := db.RunDigest(ctx, day); err != nil {
			return nil, fmt.Errorf("digest of %s: %w", day, err)
		}
	}
	err := db.SQL().QueryRowContext(ctx, `SELECT COUNT(*), COUNT(*) - COUNT(read_at) FROM notifications WHERE user_id = $1`,
		root.user.ID).Scan(&d.Notifications, &d.Unread)
	if err != nil {
		return nil, err
	}
	for i, q := range reqs {
		if q.who != root || !strings.HasPrefix(q.name, "page ") {
			continue
		}
		t, err := cl.time(ctx, q, wc)
		if err != nil {
			return nil, fmt.Errorf("%s after the digests: %w", q.name, err)
		}
		d.Before, d.After = append(d.Before, before[i]), append(d.After, t)
	}
	fmt.Fprintf(log, "  timed %d pages after %d digest days\n", len(d.After), d.Days)
	return d, nil
}

// print writes the pages' p50 on day one and after the month.
func (d *WorkDigest) print(w io.Writer) {
	fmt.Fprintf(w, "after %d daily digests (the root-level user has %d notifications, %d unread): the root-level user's pages again\n",
		d.Days, d.Notifications, d.Unread)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "request\tp50 day one\tp50 after\tafter/day one\tgoal\tmet\t")
	for i, a := range d.After {
		b := d.Before[i]
		ratio := float64(a.P50) / float64(max(b.P50, time.Microsecond))
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.2f×\tno slower (≤ %.1f×, noise)\t%s\t\n", a.Name, ms(b.P50), ms(a.P50), ratio, digestSlack,
			yesNo(ratio <= digestSlack))
	}
	tw.Flush()
}
