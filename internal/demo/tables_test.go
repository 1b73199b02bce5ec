package demo

import (
	"strconv"
	"testing"
)

// TestTables checks the demo tables refer only to what they define, in an
// order the loader can follow, so a typo fails here and not at load time.
func TestTables(t *testing.T) {
	units := map[string]bool{}
	for _, u := range orgUnits() {
		if units[u.code] {
			t.Errorf("unit %s defined twice", u.code)
		}
		if u.parent != "" && !units[u.parent] {
			t.Errorf("unit %s: parent %s not defined before it", u.code, u.parent)
		}
		units[u.code] = true
	}
	if len(provinces) != 30 || len(tehranUnits) != 3 {
		t.Errorf("%d provinces besides Tehran and %d Tehran units; Iran has 31 provinces", len(provinces), len(tehranUnits))
	}
	for _, l := range Logins() {
		if !units[l.UnitCode] {
			t.Errorf("login %s: unit %s not defined", l.Username, l.UnitCode)
		}
	}
	checkWorkTable(t, units)
}

func checkWorkTable(t *testing.T, units map[string]bool) {
	clauseNumbers := map[string]bool{}
	for _, c := range clauses {
		clauseNumbers[strconv.Itoa(c.number)] = true
	}
	work := map[string]bool{}
	for _, w := range workItems() {
		if work[w.code] {
			t.Errorf("work item %s defined twice", w.code)
		}
		if w.parent != "" && !work[w.parent] {
			t.Errorf("work item %s: parent %s not defined before it", w.code, w.parent)
		}
		work[w.code] = true
		for _, u := range append([]string{w.owner}, w.partners...) {
			if !units[u] {
				t.Errorf("work item %s: unit %s not defined", w.code, u)
			}
		}
		for _, c := range w.clauses {
			if !clauseNumbers[c] {
				t.Errorf("work item %s: clause %s not defined", w.code, c)
			}
		}
	}
}
