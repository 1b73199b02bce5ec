package failover

import (
	"reflect"
	"testing"
	"time"
)

func TestOutage(t *testing.T) {
	t0 := time.Date(2025, 3, 20, 8, 0, 0, 0, time.UTC)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	ok := func(inst, from, to int) attempt { return attempt{inst, at(from), at(to), true} }
	bad := func(inst, from, to int) attempt { return attempt{inst, at(from), at(to), false} }
	failover := at(3000)
	tests := []struct {
		name     string
		attempts []attempt
		want     Outage
	}{
		{"no failure", []attempt{ok(0, 0, 10), ok(1, 5, 20)},
			Outage{Acknowledged: 2, Recovery: []time.Duration{0, 0}}},
		{"one instance out for two seconds, one slow failure spanning seconds 3 to 5",
			[]attempt{ok(0, 0, 10), bad(0, 3000, 3100), bad(0, 3200, 5100), ok(0, 5200, 5300), ok(0, 5400, 5500), ok(1, 3000, 3010)},
			Outage{Acknowledged: 4, Failed: 2, ErrorSeconds: 3, Recovery: []time.Duration{2300 * time.Millisecond, 0}}},
		{"a write sent before the last failure's answer does not count as recovery",
			[]attempt{bad(1, 3000, 4000), ok(1, 3500, 3600), ok(1, 4000, 4800)},
			Outage{Acknowledged: 2, Failed: 1, ErrorSeconds: 2, Recovery: []time.Duration{0, 1800 * time.Millisecond}}},
		{"never back", []attempt{ok(0, 0, 10), bad(0, 3000, 3100)},
			Outage{Acknowledged: 1, Failed: 1, ErrorSeconds: 1, Recovery: []time.Duration{-1, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tl timeline
			for _, a := range tt.attempts {
				tl.add(a)
			}
			if got := tl.outage(t0, failover, 2); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("outage = %+v; want %+v", got, tt.want)
			}
		})
	}
}
