// Package analytics defines how indicator values roll up the org tree and
// across Jalali periods, and explains every rolled-up number. It is the
// reference the store's incremental roll-ups are tested against: plain Go
// over plain data, simple enough to check by hand.
package analytics

import (
	"sort"

	"payesh"
	"payesh/internal/jalali"
)

// Rule is an indicator's aggregation: over the units of a subtree, then
// over the base periods within a longer period.
type Rule struct {
	UnitAgg payesh.Aggregation // sum or avg
	TimeAgg payesh.Aggregation // sum, avg or last
}

// Point is one reported value: a unit's value for one base period (a month
// for a monthly indicator, a quarter for a quarterly one, a year for a
// yearly one).
type Point struct {
	UnitID int64
	Period jalali.Period
	Value  float64
}

// Tree answers "is unit u inside the subtree of root?"; materialized paths
// make that a prefix test.
type Tree map[int64]string // unit id → path ("/1/4/17/")

// Within reports whether u lies in root's subtree (root included).
func (t Tree) Within(u, root int64) bool {
	pu, pr := t[u], t[root]
	return pr != "" && len(pu) >= len(pr) && pu[:len(pr)] == pr
}

// Step is one base period of an explanation: the values of the units that
// reported in it, and their aggregate over units.
type Step struct {
	Period    jalali.Period
	Points    []Point
	Aggregate float64
}

// Explanation is how a rolled-up number came about: the rule, each base
// period's contributing values and aggregate, and the result. Anyone can
// redo the arithmetic from it.
type Explanation struct {
	Rule   Rule
	Steps  []Step
	Value  float64
	HasAny bool // false when no unit in the subtree reported in the period
}

// Compute rolls up the points of root's subtree over period p. Units are
// aggregated first within each base period, then the base periods over
// time: a province's yearly pension count (a stock, time rule "last") is
// its branches' sum in the last month that has data.
func Compute(rule Rule, tree Tree, points []Point, root int64, p jalali.Period) Explanation {
	byPeriod := map[jalali.Period][]Point{}
	for _, pt := range points {
		if tree.Within(pt.UnitID, root) && covers(p, pt.Period) {
			byPeriod[pt.Period] = append(byPeriod[pt.Period], pt)
		}
	}
	ex := Explanation{Rule: rule}
	for per, pts := range byPeriod {
		sort.Slice(pts, func(i, j int) bool { return pts[i].UnitID < pts[j].UnitID })
		ex.Steps = append(ex.Steps, Step{Period: per, Points: pts, Aggregate: combine(rule.UnitAgg, values(pts))})
	}
	sort.Slice(ex.Steps, func(i, j int) bool { return before(ex.Steps[i].Period, ex.Steps[j].Period) })
	if len(ex.Steps) == 0 {
		return ex
	}
	aggs := make([]float64, len(ex.Steps))
	for i, s := range ex.Steps {
		aggs[i] = s.Aggregate
	}
	ex.Value, ex.HasAny = combine(rule.TimeAgg, aggs), true
	return ex
}

// combine aggregates xs, which are in time order for AggLast.
func combine(a payesh.Aggregation, xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	switch a {
	case payesh.AggLast:
		return xs[len(xs)-1]
	case payesh.AggAvg:
		return sum(xs) / float64(len(xs))
	}
	return sum(xs)
}

func sum(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s
}

func values(pts []Point) []float64 {
	out := make([]float64, len(pts))
	for i, p := range pts {
		out[i] = p.Value
	}
	return out
}

// covers reports whether base period b lies within p (or is p).
func covers(p, b jalali.Period) bool {
	return monthIndex(firstMonth(b)) >= monthIndex(firstMonth(p)) && monthIndex(lastMonth(b)) <= monthIndex(lastMonth(p))
}

func firstMonth(p jalali.Period) jalali.Period {
	f := p.First()
	return jalali.Period{Gran: jalali.Month, Year: f.Year, N: f.Month}
}

func lastMonth(p jalali.Period) jalali.Period {
	l := p.Last()
	return jalali.Period{Gran: jalali.Month, Year: l.Year, N: l.Month}
}

func monthIndex(m jalali.Period) int { return m.Year*12 + m.N - 1 }

// before orders periods by their first month, then coarser first.
func before(a, b jalali.Period) bool {
	ia, ib := monthIndex(firstMonth(a)), monthIndex(firstMonth(b))
	if ia != ib {
		return ia < ib
	}
	return a.Gran < b.Gran
}
