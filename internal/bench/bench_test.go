package bench

import (
	"bytes"
	"context"
	"strings"
	"testing"

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
