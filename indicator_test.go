package payesh

import "testing"

func TestStatusOf(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	th := Thresholds{OnTrack: 95, AtRisk: 80}
	tests := []struct {
		name           string
		actual, target *float64
		dir            Direction
		want           IndicatorStatus
	}{
		{"no actual", nil, f(100), HigherIsBetter, NoData},
		{"no target", f(50), nil, HigherIsBetter, NoTarget},
		{"no value, no target", nil, nil, HigherIsBetter, NoData},
		{"exactly on the on-track line", f(95), f(100), HigherIsBetter, OnTrack},
		{"just below on track", f(94.99), f(100), HigherIsBetter, AtRisk},
		{"exactly on the at-risk line", f(80), f(100), HigherIsBetter, AtRisk},
		{"just below at risk", f(79.99), f(100), HigherIsBetter, OffTrack},
		{"beyond target", f(130), f(100), HigherIsBetter, OnTrack},
		{"lower is better, under target", f(90), f(100), LowerIsBetter, OnTrack},
		{"lower is better, 25% over", f(125), f(100), LowerIsBetter, AtRisk}, // 80%
		{"lower is better, far over", f(200), f(100), LowerIsBetter, OffTrack},
		{"zero target met", f(0), f(0), LowerIsBetter, OnTrack},
		{"zero target missed", f(5), f(0), HigherIsBetter, NoData},
	}
	for _, tt := range tests {
		if got := StatusOf(tt.actual, tt.target, tt.dir, th); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestInterpolate(t *testing.T) {
	tests := []struct{ x0, v0, x1, v1, x, want float64 }{
		{0, 70, 12, 82, 6, 76},
		{0, 70, 12, 82, 0, 70},
		{0, 70, 12, 82, 12, 82},
		{0, 70, 12, 82, -3, 70},
		{0, 70, 12, 82, 20, 82},
		{5, 10, 5, 20, 5, 20},
	}
	for _, tt := range tests {
		if got := Interpolate(tt.x0, tt.v0, tt.x1, tt.v1, tt.x); got != tt.want {
			t.Errorf("Interpolate(%v) = %v, want %v", tt, got, tt.want)
		}
	}
}
