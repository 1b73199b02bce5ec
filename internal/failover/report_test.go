package failover

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestProblemsBoundLost: an asynchronous standby loses hundreds of writes
// in a run; the failure names the first few and counts the rest, so the
// other proofs' lines stay in sight.
func TestProblemsBoundLost(t *testing.T) {
	at := time.Date(2025, 3, 20, 8, 0, 0, 0, time.UTC)
	pass := func() report {
		return report{
			acked:  []Write{{Kind: writeWork, ID: 1, Text: "failover t c0 n1", At: at}},
			outage: Outage{Failed: 3, Recovery: []time.Duration{time.Second, time.Second}},
			alive:  []bool{true, true}, afterFailover: []int{5, 5},
			ready: []int{http.StatusOK, http.StatusOK}, session: []int{http.StatusOK, http.StatusOK},
			token: []bool{true, true}, digests: Digests{Users: 2}, emails: Emails{Expected: 2, Once: 2},
		}
	}
	withLost := func(n int) report {
		r := pass()
		for i := range n {
			r.lost = append(r.lost, Write{Kind: writeWork, ID: int64(n - i), Text: fmt.Sprintf("failover t c0 n%d", n-i), At: at})
		}
		return r
	}
	tests := []struct {
		name       string
		r          report
		lostLines  int
		more       string // the line counting the rest, "" for none
		firstNamed string // the first lost write named: the lowest id
	}{
		{"a pass", pass(), 0, "", ""},
		{"three lost, all named", withLost(3), 3, "", `work 1 "failover t c0 n1"`},
		{"exactly the bound", withLost(maxListed), maxListed, "", `work 1 "failover t c0 n1"`},
		{"122 lost", withLost(122), maxListed, "… and 112 more lost", `work 1 "failover t c0 n1"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.r.problems()
			var lostLines, more []string
			for _, line := range p {
				switch {
				case strings.HasPrefix(line, "lost: "):
					lostLines = append(lostLines, line)
				case strings.HasPrefix(line, "… and "):
					more = append(more, line)
				}
			}
			if len(p) != len(lostLines)+len(more) {
				t.Errorf("problems beyond the lost writes: %q", p)
			}
			if len(lostLines) != tt.lostLines {
				t.Errorf("%d lost writes named; want %d", len(lostLines), tt.lostLines)
			}
			if tt.more == "" && len(more) > 0 || tt.more != "" && (len(more) != 1 || !strings.HasPrefix(more[0], tt.more)) {
				t.Errorf("the rest: %q; want %q", more, tt.more)
			}
			if tt.firstNamed != "" && (len(lostLines) == 0 || !strings.Contains(lostLines[0], tt.firstNamed)) {
				t.Errorf("first named: %q; want %s", lostLines, tt.firstNamed)
			}
		})
	}
}
