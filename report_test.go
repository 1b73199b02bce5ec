package payesh

import "testing"

// TestTransition walks every state × action pair of a two-step chain.
func TestTransition(t *testing.T) {
	type want struct {
		state ReportState
		level int
		ok    bool
	}
	tests := []struct {
		state  ReportState
		level  int
		action ReviewAction
		want   want
	}{
		{ReportDraft, 0, ActSubmit, want{ReportSubmitted, 0, true}},
		{ReportDraft, 0, ActApprove, want{ReportDraft, 0, false}},
		{ReportDraft, 0, ActReturn, want{ReportDraft, 0, false}},
		{ReportDraft, 0, ActReopen, want{ReportDraft, 0, false}},
		{ReportSubmitted, 0, ActSubmit, want{ReportSubmitted, 0, false}},
		{ReportSubmitted, 0, ActApprove, want{ReportSubmitted, 1, true}},
		{ReportSubmitted, 1, ActApprove, want{ReportApproved, 1, true}},
		{ReportSubmitted, 1, ActReturn, want{ReportReturned, 0, true}},
		{ReportSubmitted, 0, ActReopen, want{ReportSubmitted, 0, false}},
		{ReportReturned, 0, ActSubmit, want{ReportSubmitted, 0, true}},
		{ReportReturned, 0, ActApprove, want{ReportReturned, 0, false}},
		{ReportReturned, 0, ActReturn, want{ReportReturned, 0, false}},
		{ReportReturned, 0, ActReopen, want{ReportReturned, 0, false}},
		{ReportApproved, 1, ActSubmit, want{ReportApproved, 1, false}},
		{ReportApproved, 1, ActApprove, want{ReportApproved, 1, false}},
		{ReportApproved, 1, ActReturn, want{ReportApproved, 1, false}},
		{ReportApproved, 1, ActReopen, want{ReportReturned, 0, true}},
		{ReportDraft, 0, ActWithdraw, want{ReportDraft, 0, false}},
		{ReportSubmitted, 0, ActWithdraw, want{ReportDraft, 0, true}},
		{ReportSubmitted, 1, ActWithdraw, want{ReportSubmitted, 1, false}},
		{ReportReturned, 0, ActWithdraw, want{ReportReturned, 0, false}},
		{ReportApproved, 1, ActWithdraw, want{ReportApproved, 1, false}},
	}
	for _, tt := range tests {
		state, level, err := Transition(tt.state, tt.level, tt.action, 2)
		if state != tt.want.state || level != tt.want.level || (err == nil) != tt.want.ok {
			t.Errorf("%s@%d %s → %s@%d (%v), want %s@%d ok=%v", tt.state, tt.level, tt.action, state, level, err, tt.want.state, tt.want.level, tt.want.ok)
		}
		// A withdrawal a reviewer has overtaken says so with its own code.
		code := ECONFLICT
		if tt.action == ActWithdraw && tt.state != ReportDraft {
			code = EREVIEWED
		}
		if err != nil && ErrorCode(err) != code {
			t.Errorf("%s %s: error code %s, want %s", tt.state, tt.action, ErrorCode(err), code)
		}
	}
	// With no reviewer at all, submitting approves.
	if s, _, err := Transition(ReportDraft, 0, ActSubmit, 0); s != ReportApproved || err != nil {
		t.Errorf("submit with an empty chain: %s %v", s, err)
	}
}

func TestEvidenceChecks(t *testing.T) {
	names := map[string]string{
		"گزارش.pdf": "", "scan.JPG": "", "table.xlsx": "",
		"../x.pdf": "err.evidence.name", "a/b.pdf": "err.evidence.name", `a\b.pdf`: "err.evidence.name",
		".hidden.pdf": "err.evidence.name", "a\u0007.pdf": "err.evidence.name", "": "err.evidence.name",
		"run.exe": "err.evidence.type", "page.html": "err.evidence.type", "noext": "err.evidence.type",
	}
	for name, key := range names {
		_, err := CheckEvidenceName(name)
		got := ""
		if e, ok := err.(*Error); ok {
			got = e.Fields["file"]
		}
		if got != key {
			t.Errorf("CheckEvidenceName(%q) = %q, want %q", name, got, key)
		}
	}
	contents := []struct {
		name, sniffed string
		size          int64
		key           string
	}{
		{"a.pdf", "application/pdf", 10, ""},
		{"a.docx", "application/zip", 10, ""},
		{"a.pdf", "text/html; charset=utf-8", 10, "err.evidence.mismatch"},
		{"a.png", "image/jpeg", 10, "err.evidence.mismatch"},
		{"a.pdf", "application/pdf", 0, "err.evidence.empty"},
		{"a.pdf", "application/pdf", MaxEvidenceSize + 1, "err.evidence.too_large"},
		{"a.pdf", "application/pdf", MaxEvidenceSize, ""},
	}
	for _, c := range contents {
		err := CheckEvidenceContent(c.name, c.sniffed, c.size)
		got := ""
		if e, ok := err.(*Error); ok {
			got = e.Fields["file"]
		}
		if got != c.key {
			t.Errorf("CheckEvidenceContent(%q, %q, %d) = %q, want %q", c.name, c.sniffed, c.size, got, c.key)
		}
	}
}

// TestChecklistCheck: what is missing asks for confirmation; what the
// round requires refuses, naming everything missing either way.
func TestChecklistCheck(t *testing.T) {
	full := Checklist{Evidence: 1, EmptyNarrative: []string{}}
	if !full.Complete() || full.Check(false) != nil {
		t.Errorf("a complete report: %v", full.Check(false))
	}
	c := Checklist{EmptyNarrative: []string{"requests"}, MissingValues: []MissingValue{{IndicatorID: 7, Period: "1403-02"}}}
	err := c.Check(false)
	e, _ := err.(*Error)
	if ErrorCode(err) != EINCOMPLETE || e.Fields["requests"] != "err.report.missing.narrative" ||
		e.Fields["evidence"] != "err.report.missing.evidence" || e.Fields["value:7:1403-02"] != "err.report.missing.value" {
		t.Errorf("incomplete: %v", err)
	}
	if err := c.Check(true); err != nil {
		t.Errorf("confirmed: %v", err)
	}
	c.RequireValues = true
	err = c.Check(true)
	e, _ = err.(*Error)
	if ErrorCode(err) != EREQUIRED || e.Fields["value:7:1403-02"] != "err.report.required.value" || e.Fields["evidence"] != "err.report.missing.evidence" {
		t.Errorf("required values: %v", err)
	}
}
