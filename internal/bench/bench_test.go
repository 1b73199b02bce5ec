package bench

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// TestSmallBench runs the benchmark at CI size on each engine: it must
// generate, time every question, and find the stored roll-ups equal to the
// raw values.
func TestSmallBench(t *testing.T) {
	c := Small()
	c.Runs = 3
	storetest.Engines(t, store.Options{}, func(t *testing.T, db *store.DB) {
		var log bytes.Buffer
		d, err := Generate(context.Background(), db, c, &log)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Measure(context.Background(), db, d, c)
		if err != nil {
			t.Fatal(err)
		}
		if r.Checked < 27 {
			t.Fatalf("only %d answers checked", r.Checked)
		}
		var out bytes.Buffer
		r.Print(&out)
		for _, want := range []string{"national scorecard", "by province", "grid of 50", "agree with the raw values"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("table lacks %q:\n%s", want, out.String())
			}
		}
	})
}

// TestWorkBench runs the work bench at a tiny size, in two steps, on each
// engine: every request must answer as expected (MeasureWork fails on any
// other status) and have its timings.
func TestWorkBench(t *testing.T) {
	c := Small()
	c.Years = 1
	wc := SmallWork(150, 300)
	wc.Runs, wc.MinRuns, wc.Duration, wc.Connections = 3, 1, 30*time.Millisecond, 4
	storetest.Engines(t, store.Options{}, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		d, err := Generate(ctx, db, c, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		r, err := MeasureWork(ctx, db, d, c, wc, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Sizes) != 2 || r.Sizes[1].Items != 300 || r.Checked == 0 {
			t.Fatalf("sizes %+v, %d parents checked", r.Sizes, r.Checked)
		}
		for _, s := range r.Sizes {
			if len(s.Timings) < 13 || s.Overdue == 0 || s.Done == 0 {
				t.Fatalf("at %d items: %d timings, %d overdue, %d done", s.Items, len(s.Timings), s.Overdue, s.Done)
			}
			for _, tm := range s.Timings {
				if tm.Runs < 1 || tm.P50 <= 0 || tm.P95 < tm.P50 || tm.RPS <= 0 || tm.Bytes == 0 {
					t.Errorf("at %d items, %s (%s): %+v", s.Items, tm.Name, tm.Who, tm)
				}
			}
		}
		// A month of digests gives the root-level user one notification
		// a day, and its pages are timed again.
		if g := r.Digest; g == nil || g.Notifications != DigestDays || len(g.After) < 7 || len(g.After) != len(g.Before) {
			t.Fatalf("after the digests: %+v", g)
		}
		var out bytes.Buffer
		r.Print(&out)
		for _, want := range []string{"API list, overdue", "page /values", "req/s 300/150", "agree with payesh.RollUp",
			"after 30 daily digests", "p50 day one"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("table lacks %q:\n%s", want, out.String())
			}
		}
	})
}
