package bench

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"
)

// Print writes the work bench's table: for each request and size, p50
// and p95 single-user and the throughput of the concurrent clients; with
// two sizes or more, the throughput at the largest over that at the
// smallest; then the goal and whether the largest size meets it.
func (r *WorkResult) Print(w io.Writer) {
	c, wc := r.Config, r.Work
	fmt.Fprintf(w, "Payesh work bench — %s; %d units, %d owner units of work, %d indicators; values: %s\n",
		r.Engine, c.Units(), r.Owners, r.IndicatorsN, r.valuesNote())
	fmt.Fprintf(w, "machine: %d cores; load average %s when timing began, %s when it ended (other work on the machine shares the cores)\n",
		runtime.NumCPU(), orUnknown(r.LoadBefore), orUnknown(r.LoadAfter))
	for _, s := range r.Sizes {
		fmt.Fprintf(w, "  %d work items: loaded in %s; %.1f %% overdue, %.1f %% done\n", s.Items, s.Load.Round(time.Millisecond),
			pct(s.Overdue, s.Items), pct(s.Done, s.Items))
	}
	fmt.Fprintf(w, "work: programs of 3–12 actions, 3 in 10 actions with milestones; every program linked to a clause, %d %% of actions too\n", wc.ActionLinks)
	fmt.Fprintf(w, "p50, p95: %d single-user requests (fewer when slow, at least %d); req/s: %d connections at once for %s\n",
		wc.Runs, wc.MinRuns, wc.Connections, wc.Duration)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := []string{"request", "user"}
	for _, s := range r.Sizes {
		k := sizeLabel(s.Items)
		head = append(head, "p50 @"+k, "p95 @"+k, "req/s @"+k)
	}
	if len(r.Sizes) > 1 {
		head = append(head, fmt.Sprintf("req/s %s/%s", sizeLabel(r.Sizes[len(r.Sizes)-1].Items), sizeLabel(r.Sizes[0].Items)))
	}
	head = append(head, "KB", "goal", "met")
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	last := r.Sizes[len(r.Sizes)-1]
	for i, t := range last.Timings {
		row := []string{t.Name, t.Who}
		for _, s := range r.Sizes {
			st := s.Timings[i]
			row = append(row, ms(st.P50), ms(st.P95), fmt.Sprintf("%.0f", st.RPS))
		}
		met := t.Goal.met(t)
		if len(r.Sizes) > 1 {
			ratio := t.RPS / max(r.Sizes[0].Timings[i].RPS, 1e-9)
			row = append(row, fmt.Sprintf("%.2f×", ratio))
			met = met && ratio >= 1/MaxGrowth
		}
		row = append(row, fmt.Sprintf("%.0f", float64(t.Bytes)/1024), t.Goal.String(), yesNo(met))
		fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	}
	tw.Flush()
	growth := ""
	if len(r.Sizes) > 1 {
		growth = fmt.Sprintf(", and throughput at %s within %.1f× of that at %s", sizeLabel(last.Items), MaxGrowth, sizeLabel(r.Sizes[0].Items))
	}
	fmt.Fprintf(w, "met: the goal at %s%s\n", sizeLabel(last.Items), growth)
	if r.Digest != nil {
		r.Digest.print(w)
	}
	fmt.Fprintf(w, "the stored progress, status and risk of %d sampled parents agree with payesh.RollUp and payesh.Derive over their children\n", r.Checked)
}

// met reports whether t meets the goal; a request without one meets it.
func (g WorkGoal) met(t WorkTiming) bool {
	return (g.P95 == 0 || t.P95 < g.P95) && (g.RPS == 0 || t.RPS >= g.RPS)
}

// valuesNote says which values the pages read: the work bench loads a
// smaller set than the indicator bench's unless told otherwise.
func (r *WorkResult) valuesNote() string {
	c := r.Config
	if c.Years == 0 {
		return "none (the /values and /dashboard pages show empty grids)"
	}
	note := fmt.Sprintf("%d year(s) of months from %d reporters per indicator, %d values", c.Years, c.Reporters, c.Values())
	if full := Full(); c.Units() == full.Units() && c.Values() < full.Values() {
		note += fmt.Sprintf(" — not the indicator bench's %d: /values and /dashboard read a smaller table", full.Values())
	}
	return note
}

func sizeLabel(n int) string {
	if n >= 1000 && n%1000 == 0 {
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}

func pct(n, of int) float64 { return 100 * float64(n) / float64(max(of, 1)) }

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}
