package analytics

import (
	"math"
	"testing"

	"payesh"
	"payesh/internal/jalali"
)

func month(y, m int) jalali.Period { return jalali.Period{Gran: jalali.Month, Year: y, N: m} }

// The tree: 1 → 2 (province) → 4, 5 (branches); 1 → 3 (province).
var tree = Tree{1: "/1/", 2: "/1/2/", 3: "/1/3/", 4: "/1/2/4/", 5: "/1/2/5/"}

var pts = []Point{
	{4, month(1403, 1), 10}, {5, month(1403, 1), 20}, {3, month(1403, 1), 30},
	{4, month(1403, 2), 12}, {5, month(1403, 2), 22},
	{4, month(1403, 4), 15},  // second quarter
	{3, month(1402, 12), 99}, // previous year
}

func TestCompute(t *testing.T) {
	q1 := jalali.Period{Gran: jalali.Quarter, Year: 1403, N: 1}
	y := jalali.Period{Gran: jalali.Year, Year: 1403}
	tests := []struct {
		name string
		rule Rule
		root int64
		p    jalali.Period
		want float64
		has  bool
	}{
		{"national month sum", Rule{payesh.AggSum, payesh.AggSum}, 1, month(1403, 1), 60, true},
		{"province month avg", Rule{payesh.AggAvg, payesh.AggSum}, 2, month(1403, 1), 15, true},
		{"province quarter sum of sums", Rule{payesh.AggSum, payesh.AggSum}, 2, q1, 64, true},
		{"province quarter, stock (last month)", Rule{payesh.AggSum, payesh.AggLast}, 2, q1, 34, true},
		{"province quarter, avg over months", Rule{payesh.AggSum, payesh.AggAvg}, 2, q1, 32, true},
		{"national year, stock", Rule{payesh.AggSum, payesh.AggLast}, 1, y, 15, true},
		{"branch alone", Rule{payesh.AggSum, payesh.AggSum}, 5, y, 42, true},
		{"nothing reported", Rule{payesh.AggSum, payesh.AggSum}, 3, month(1403, 2), 0, false},
		{"previous year stays out", Rule{payesh.AggSum, payesh.AggSum}, 3, y, 30, true},
	}
	for _, tt := range tests {
		ex := Compute(tt.rule, tree, pts, tt.root, tt.p)
		if ex.HasAny != tt.has || math.Abs(ex.Value-tt.want) > 1e-9 {
			t.Errorf("%s: %v (has %v), want %v (has %v)", tt.name, ex.Value, ex.HasAny, tt.want, tt.has)
		}
	}
	ex := Compute(Rule{payesh.AggSum, payesh.AggLast}, tree, pts, 2, q1)
	if len(ex.Steps) != 2 || ex.Steps[0].Period != month(1403, 1) || len(ex.Steps[1].Points) != 2 || ex.Steps[1].Aggregate != 34 {
		t.Errorf("explanation steps: %+v", ex.Steps)
	}
}
