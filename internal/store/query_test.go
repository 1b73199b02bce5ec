package store

import (
	"fmt"
	"strings"
	"testing"
)

// TestWhereNumbersInOrder checks the placeholders: numbered on from the
// arguments already held, in order, one per "?", and an argument without
// a "?" still held.
func TestWhereNumbersInOrder(t *testing.T) {
	w := &where{args: []any{"set"}} // $1 is an UPDATE's SET value
	w.add("a = ?", 10)
	w.add("b BETWEEN ? AND ?", 20, 30)
	w.add("c IS NULL")
	w.add("d IN "+inList(3), 40, 50, 60)
	w.add("e = $7", 70)
	want := " WHERE a = $2 AND b BETWEEN $3 AND $4 AND c IS NULL AND d IN ($5, $6, $7) AND e = $7"
	if got := w.String(); got != want {
		t.Errorf("where = %q\nwant    %q", got, want)
	}
	if got := fmt.Sprint(w.args); got != "[set 10 20 30 40 50 60 70]" {
		t.Errorf("args = %s", got)
	}
}

// TestWhereLongListLinear builds the IN list of 30,000 ids that took
// seconds when each "?" was replaced by a new copy of the whole condition.
// Building it now makes a fixed handful of allocations, not one per id: a
// count, so the test is as exact on a slow machine as on a fast one.
func TestWhereLongListLinear(t *testing.T) {
	const n = 30000
	args, cond := idArgs(n), "id IN "+inList(n)
	var w *where
	allocs := testing.AllocsPerRun(3, func() {
		w = &where{}
		w.add(cond, args...)
	})
	if allocs > 10 {
		t.Errorf("adding %d ids made %.0f allocations, want a handful", n, allocs)
	}
	s := w.String()
	if !strings.HasPrefix(s, " WHERE id IN ($1, $2, ") || !strings.HasSuffix(s, ", $29999, $30000)") || len(w.args) != n {
		t.Errorf("where of %d ids = %.40q…%q with %d args", n, s, s[len(s)-20:], len(w.args))
	}
}

// BenchmarkWhereIn shows the cost of an IN list growing with its length
// alone: ns/op of 30000 is about thirty times that of 1000.
func BenchmarkWhereIn(b *testing.B) {
	for _, n := range []int{1000, 10000, 30000} {
		args, cond := idArgs(n), "id IN "+inList(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				w := &where{}
				w.add(cond, args...)
			}
		})
	}
}

func idArgs(n int) []any {
	args := make([]any, n)
	for i := range args {
		args[i] = int64(i + 1)
	}
	return args
}
