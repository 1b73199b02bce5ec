package main

import (
	"strings"
	"testing"
)

// TestDemoTraining: 'payesh demo --training' adds the training set after
// the demo, and only once; plain 'payesh demo' adds none; 'serve
// --training' without --demo is a usage error rather than a silent no-op.
func TestDemoTraining(t *testing.T) {
	plain := newCLI(t)
	plain.ok("", "demo")
	if loaded, err := plain.store().TrainingLoaded(system()); err != nil || loaded {
		t.Errorf("plain demo: training set %v, %v; want none", loaded, err)
	}

	c := newCLI(t)
	out := c.ok("", "demo", "--training")
	if !strings.Contains(out, "demo data loaded") || !strings.Contains(out, "training set loaded (illustrative") {
		t.Errorf("demo --training printed %q", out)
	}
	if out := c.ok("", "demo", "--training"); !strings.Contains(out, "training set already loaded") {
		t.Errorf("second demo --training printed %q; want it to do nothing", out)
	}
	if loaded, err := c.store().TrainingLoaded(system()); err != nil || !loaded {
		t.Errorf("demo --training: training set %v, %v", loaded, err)
	}
	_, _, err := c.run("", "serve", "--training", "--addr", "127.0.0.1:0")
	if err == nil || !strings.Contains(err.Error(), "--training goes with --demo") {
		t.Errorf("serve --training without --demo: %v", err)
	}
}
