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
		{"a first report moves to in progress", WorkItem{Status: StatusNotReported}, ProgressUpdateInput{Progress: f(5)}, StatusInProgress, 5, false, ""},
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
		{"weights 1 and 3", []Child{{Weight: 1, Progress: 100, Status: StatusDone}, {Weight: 3, Status: StatusNotStarted}}, 25},
		{"cancelled left out", []Child{{Weight: 1, Progress: 50, Status: StatusInProgress}, {Weight: 5, Status: StatusCancelled}}, 50},
		{"all cancelled", []Child{{Weight: 1, Progress: 50, Status: StatusCancelled}}, 0},
		{"fractional weights", []Child{{Weight: 0.5, Progress: 100, Status: StatusDone}, {Weight: 1.5, Progress: 20, Status: StatusInProgress}}, 40},
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

func TestDeriveStatus(t *testing.T) {
	c := func(s Status, progress float64) Child { return Child{Weight: 1, Status: s, Progress: progress} }
	tests := []struct {
		name     string
		children []Child
		want     Status
	}{
		{"no children", nil, ""},
		{"only cancelled", []Child{c(StatusCancelled, 0)}, ""},
		{"all done", []Child{c(StatusDone, 100), c(StatusDone, 100)}, StatusDone},
		{"cancelled ignored", []Child{c(StatusDone, 100), c(StatusCancelled, 0)}, StatusDone},
		{"one in progress", []Child{c(StatusNotStarted, 0), c(StatusInProgress, 0)}, StatusInProgress},
		{"progress without status", []Child{c(StatusNotStarted, 14), c(StatusNotStarted, 0)}, StatusInProgress},
		{"one done of two", []Child{c(StatusDone, 100), c(StatusNotStarted, 0)}, StatusInProgress},
		{"delayed has started", []Child{c(StatusDelayed, 0), c(StatusNotStarted, 0)}, StatusInProgress},
		{"unreported", []Child{c(StatusNotReported, 0), c(StatusNotStarted, 0)}, StatusNotReported},
		{"none started", []Child{c(StatusNotStarted, 0), c(StatusNotStarted, 0)}, StatusNotStarted},
	}
	for _, tt := range tests {
		if got := Derive(tt.children).Status; got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestShownStatusAndFlags(t *testing.T) {
	today := NewDate(2024, 7, 31)
	tests := []struct {
		name              string
		item              WorkItem
		shown             Status
		mismatch, overdue bool
		atRisk            bool
		daysLate          int
	}{
		{"leaf", WorkItem{Status: StatusInProgress}, StatusInProgress, false, false, false, 0},
		{"14 % is not 'not started'", WorkItem{Status: StatusNotStarted, DerivedStatus: StatusInProgress}, StatusInProgress, true, false, false, 0},
		{"unreported parent takes its children's", WorkItem{Status: StatusNotReported, DerivedStatus: StatusInProgress}, StatusInProgress, false, false, false, 0},
		{"delayed stands", WorkItem{Status: StatusDelayed, DerivedStatus: StatusInProgress}, StatusDelayed, false, false, false, 0},
		{"cancelled stands", WorkItem{Status: StatusCancelled, DerivedStatus: StatusInProgress}, StatusCancelled, false, false, false, 0},
		{"done with open children", WorkItem{Status: StatusDone, DerivedStatus: StatusInProgress}, StatusInProgress, true, false, false, 0},
		{"no due date, late child", WorkItem{Status: StatusInProgress, RiskFrom: today.AddDays(-3)}, StatusInProgress, false, true, true, 0},
		{"own due date ahead, late child", WorkItem{Status: StatusInProgress, DueDate: today.AddDays(9), RiskFrom: today.AddDays(-3)}, StatusInProgress, false, false, true, 0},
		{"closed is never late", WorkItem{Status: StatusCancelled, RiskFrom: today.AddDays(-3)}, StatusCancelled, false, false, false, 0},
		{"done late", WorkItem{Status: StatusDone, DueDate: today.AddDays(-12), DoneDate: today.AddDays(-2)}, StatusDone, false, false, false, 10},
		{"done on time", WorkItem{Status: StatusDone, DueDate: today.AddDays(-2), DoneDate: today.AddDays(-2)}, StatusDone, false, false, false, 0},
	}
	for _, tt := range tests {
		w := tt.item
		w.Derive(today)
		if w.ShownStatus() != tt.shown || w.StatusMismatch != tt.mismatch || w.Overdue != tt.overdue || w.AtRisk != tt.atRisk || w.DaysLate != tt.daysLate {
			t.Errorf("%s: shown %s mismatch %v overdue %v at risk %v days late %d", tt.name,
				w.ShownStatus(), w.StatusMismatch, w.Overdue, w.AtRisk, w.DaysLate)
		}
	}
}

func TestDeriveRisk(t *testing.T) {
	d1, d2, d3 := NewDate(2024, 1, 1), NewDate(2024, 2, 1), NewDate(2024, 3, 1)
	got := Derive([]Child{
		{Weight: 1, Status: StatusDone, Due: d1},                     // closed: never late
		{Weight: 1, Status: StatusInProgress, Due: d3, RiskFrom: d2}, // late work under it
		{Weight: 1, Status: StatusNotStarted},
	}).RiskFrom
	if !got.Equal(d2) {
		t.Fatalf("risk from %s, want %s", got, d2)
	}
}

func TestPlanChange(t *testing.T) {
	due, w := NewDate(2024, 7, 1), &WorkItem{ID: 7, DueDate: NewDate(2024, 7, 1), Weight: 2}
	later, same, weight := NewDate(2030, 1, 1), 2.0, 5.0
	up := WorkItemUpdate{DueDate: &due, Weight: &same}
	if c, err := up.PlanChange(w); c != nil || err != nil || up.DueDate != nil {
		t.Fatalf("unchanged plan: %v, %v", c, err)
	}
	up = WorkItemUpdate{DueDate: &later, Weight: &weight}
	if _, err := up.PlanChange(w); err == nil || err.(*Error).Fields["change_reason"] == "" {
		t.Fatalf("no reason: %v", err)
	}
	up = WorkItemUpdate{DueDate: &later, Weight: &weight, ChangeReason: " دلیل "}
	c, err := up.PlanChange(w)
	if err != nil || !c.ChangeDue || !c.DueDate.Equal(later) || *c.Weight != 5 || c.Reason != "دلیل" || up.Weight != nil {
		t.Fatalf("change %+v, %v", c, err)
	}
}

func TestTodayIsTehranDate(t *testing.T) {
	// 21:00 UTC is 00:30 the next day in Tehran.
	got := Today(NewDate(2024, 3, 19).Time().Add(21 * 3600e9))
	if got.String() != "2024-03-20" || got.JalaliString() != "1403/01/01" {
		t.Fatalf("today = %s (%s)", got, got.JalaliString())
	}
}
