package bench

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// Print writes the result as the table the README quotes: each question's
// p50 and p95, the naive computation beside it, the ratio, and the goals.
func (r *Result) Print(w io.Writer) {
	c := r.Config
	fmt.Fprintf(w, "Payesh bench — %s; %d units, %d indicators, %d years of months, %d values; generated in %s\n",
		r.Engine, c.Units(), c.Indicators, c.Years, c.Values(), r.Generate.Round(time.Second))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "question\truns\tp50\tp95\tnaive p50 / p50\tgoal\t")
	for i, t := range r.Timings {
		ratio := ""
		if i+1 < len(r.Timings) && r.Timings[i+1].Target == "" {
			ratio = fmt.Sprintf("%.0f×", float64(r.Timings[i+1].P50)/float64(max(t.P50, 1)))
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t\n", t.Name, t.Runs, ms(t.P50), ms(t.P95), ratio, t.Target)
	}
	tw.Flush()
	fmt.Fprintf(w, "5. the stored roll-ups agree with the raw values on %d answers, after the writes of questions 3 and 4\n", r.Checked)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }
