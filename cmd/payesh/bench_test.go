package main

import (
	"slices"
	"testing"
)

// TestWorkSizes reads --work: counts that grow, or none.
func TestWorkSizes(t *testing.T) {
	for in, want := range map[string][]int{"": nil, "0": nil, "2000": {2000}, "10000,100000": {10000, 100000}, "10_000, 100_000": {10000, 100000}} {
		got, err := workSizes(in)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("workSizes(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"x", "-5", "100000,10000", "10,10", "1e5"} {
		if _, err := workSizes(in); err == nil {
			t.Errorf("workSizes(%q) took it", in)
		}
	}
}
