package failover

import (
	"sync"
	"time"
)

// attempt is one write the load tried: on which instance, when it was
// sent and answered, and whether the server acknowledged it (2xx).
type attempt struct {
	instance   int
	start, end time.Time
	ok         bool
}

// timeline records every attempt, so the figures of an outage come from
// what clients saw, not from what the servers logged.
type timeline struct {
	mu       sync.Mutex
	attempts []attempt
}

func (t *timeline) add(a attempt) {
	t.mu.Lock()
	t.attempts = append(t.attempts, a)
	t.mu.Unlock()
}

// Outage is what the clients saw of a failover.
type Outage struct {
	Acknowledged int // writes answered 2xx
	Failed       int // attempts answered otherwise, or not at all
	// ErrorSeconds counts the whole seconds of the run (from its start)
	// during which some write was failing: each failed attempt covers the
	// seconds from its sending to its answer, so a connect timeout of
	// two seconds counts two.
	ErrorSeconds int
	// Recovery is, per instance, the time from the failover's start to the
	// answer of its first acknowledged write sent after its last failed
	// one: how long the instance took to take writes again without a
	// restart. Zero for an instance that never failed; negative for one
	// that never acknowledged a write after failing.
	Recovery []time.Duration
}

// outage sums the timeline up for a run that began at start, whose
// failover began at failoverAt, over n instances.
func (t *timeline) outage(start, failoverAt time.Time, n int) Outage {
	t.mu.Lock()
	defer t.mu.Unlock()
	o := Outage{Recovery: make([]time.Duration, n)}
	lastFail := make([]time.Time, n)
	seconds := map[int64]bool{}
	for _, a := range t.attempts {
		if a.ok {
			o.Acknowledged++
			continue
		}
		o.Failed++
		if a.end.After(lastFail[a.instance]) {
			lastFail[a.instance] = a.end
		}
		for s := int64(a.start.Sub(start) / time.Second); s <= int64(a.end.Sub(start)/time.Second); s++ {
			seconds[s] = true
		}
	}
	o.ErrorSeconds = len(seconds)
	for i := range n {
		if lastFail[i].IsZero() {
			continue
		}
		var back time.Time
		for _, a := range t.attempts {
			if a.instance == i && a.ok && !a.start.Before(lastFail[i]) && (back.IsZero() || a.end.Before(back)) {
				back = a.end
			}
		}
		if back.IsZero() {
			o.Recovery[i] = -1
		} else {
			o.Recovery[i] = back.Sub(failoverAt)
		}
	}
	return o
}
