package payesh

import "testing"

func TestScoreOf(t *testing.T) {
	for _, tt := range []struct {
		name                                 string
		submitted                            bool
		daysLate, filled, expected, evidence int
		want                                 int
	}{
		{"perfect", true, 0, 12, 12, 3, 100},
		{"on time, half filled, no evidence", true, 0, 6, 12, 0, 60},
		{"10 days late", true, 10, 3, 4, 1, 77}, // 26.67 + 30 + 20
		{"15 days late", true, 15, 4, 4, 0, 60}, // 20 + 40
		{"a month late is as late as it gets", true, 30, 4, 4, 0, 40},
		{"later still", true, 90, 4, 4, 0, 40},
		{"not submitted", false, 0, 0, 4, 0, 0},
		{"not submitted but values filled", false, 12, 2, 4, 1, 40},
		{"nothing owed is complete", true, 0, 0, 0, 0, 80},
		{"extra values do not pass 100", true, 0, 9, 4, 1, 100},
	} {
		if got := ScoreOf(tt.submitted, tt.daysLate, tt.filled, tt.expected, tt.evidence); got != tt.want {
			t.Errorf("%s: ScoreOf = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestDaysBetween(t *testing.T) {
	// Esfand 1402 had 29 days; the Gregorian leap day sits inside it.
	if d := DaysBetween(NewDate(2024, 2, 20), NewDate(2024, 3, 20)); d != 29 {
		t.Errorf("DaysBetween = %d, want 29", d)
	}
	if d := DaysBetween(NewDate(2024, 7, 31), NewDate(2024, 7, 21)); d != -10 {
		t.Errorf("DaysBetween backwards = %d, want -10", d)
	}
}
