package payesh

import "testing"

func TestProgressUpdateApply(t *testing.T) {
	today := NewDate(2024, 7, 31)
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		name       string
		item       WorkItem
		in         ProgressUpdateInput
		wantStatus Status
		wantProg   float64
		wantDone   bool
		wantErr    string // field with an error
	}{
		{"start moves to in progress", WorkItem{Status: StatusNotStarted}, ProgressUpdateInput{Progress: f(10)}, StatusInProgress, 10, false, ""},
		{"100 on a leaf is done", WorkItem{Status: StatusInProgress}, ProgressUpdateInput{Progress: f(100)}, StatusDone, 100, true, ""},
		{"done means 100", WorkItem{Status: StatusInProgress, Progress: 60}, ProgressUpdateInput{Status: StatusDone}, StatusDone, 100, true, ""},
		{"explicit status wins", WorkItem{Status: StatusInProgress}, ProgressUpdateInput{Progress: f(30), Status: StatusDelayed}, StatusDelayed, 30, false, ""},
		{"reopen clears done date", WorkItem{Status: StatusDone, Progress: 100, DoneDate: today}, ProgressUpdateInput{Status: StatusInProgress}, StatusInProgress, 100, false, ""},
		{"less than 100 reopens done work", WorkItem{Status: StatusDone, Progress: 100, DoneDate: today}, ProgressUpdateInput{Progress: f(70)}, StatusInProgress, 70, false, ""},
		{"note alone", WorkItem{Status: StatusInProgress, Progress: 5}, ProgressUpdateInput{Note: " مانع: ردیف بودجه "}, StatusInProgress, 5, false, ""},
		{"parent status only", WorkItem{Status: StatusInProgress, ChildCount: 2, Progress: 40}, ProgressUpdateInput{Status: StatusDone}, StatusDone, 40, true, ""},
		{"parent progress refused", WorkItem{ChildCount: 2}, ProgressUpdateInput{Progress: f(40)}, "", 0, false, "progress"},
		{"below 0", WorkItem{}, ProgressUpdateInput{Progress: f(-0.1)}, "", 0, false, "progress"},
		{"above 100", WorkItem{}, ProgressUpdateInput{Progress: f(101)}, "", 0, false, "progress"},
		{"unknown status", WorkItem{}, ProgressUpdateInput{Status: "paused"}, "", 0, false, "status"},
		{"empty", WorkItem{}, ProgressUpdateInput{Note: "   "}, "", 0, false, "note"},
		{"done date given", WorkItem{Status: StatusInProgress}, ProgressUpdateInput{Status: StatusDone, DoneDate: NewDate(2023, 4, 10)}, StatusDone, 100, true, ""},
		{"done date in the future", WorkItem{}, ProgressUpdateInput{Status: StatusDone, DoneDate: today.AddDays(1)}, "", 0, false, "done_date"},
		{"done date without done", WorkItem{}, ProgressUpdateInput{Progress: f(50), DoneDate: today}, "", 0, false, "done_date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := tt.item
			err := tt.in.Apply(&w, today)
			if tt.wantErr != "" {
				e, ok := err.(*Error)
				if !ok || e.Fields[tt.wantErr] == "" {
					t.Fatalf("err = %v, want a field error on %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if w.Status != tt.wantStatus || w.Progress != tt.wantProg || w.DoneDate.IsZero() == tt.wantDone {
				t.Fatalf("got %s %v done=%s", w.Status, w.Progress, w.DoneDate)
			}
		})
	}
}

func TestRollUp(t *testing.T) {
	tests := []struct {
		name     string
		children []Child
		want     float64
	}{
		{"none", nil, 0},
		{"weights 1 and 3", []Child{{1, 100, StatusDone}, {3, 0, StatusNotStarted}}, 25},
		{"cancelled left out", []Child{{1, 50, StatusInProgress}, {5, 0, StatusCancelled}}, 50},
		{"all cancelled", []Child{{1, 50, StatusCancelled}}, 0},
		{"fractional weights", []Child{{0.5, 100, StatusDone}, {1.5, 20, StatusInProgress}}, 40},
	}
	for _, tt := range tests {
		if got := RollUp(tt.children); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestOverdue(t *testing.T) {
	today := NewDate(2024, 7, 31)
	tests := []struct {
		due    Date
		status Status
		want   bool
	}{
		{NewDate(2024, 7, 30), StatusInProgress, true},
		{NewDate(2024, 7, 30), StatusDelayed, true},
		{NewDate(2024, 7, 31), StatusInProgress, false},
		{NewDate(2024, 7, 30), StatusDone, false},
		{NewDate(2024, 7, 30), StatusCancelled, false},
		{Date{}, StatusNotStarted, false},
	}
	for _, tt := range tests {
		w := WorkItem{DueDate: tt.due, Status: tt.status}
		if got := w.IsOverdue(today); got != tt.want {
			t.Errorf("due %s %s: %v", tt.due, tt.status, got)
		}
	}
}

func TestTodayIsTehranDate(t *testing.T) {
	// 21:00 UTC is 00:30 the next day in Tehran.
	got := Today(NewDate(2024, 3, 19).Time().Add(21 * 3600e9))
	if got.String() != "2024-03-20" || got.JalaliString() != "1403/01/01" {
		t.Fatalf("today = %s (%s)", got, got.JalaliString())
	}
}
