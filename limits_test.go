package payesh

import "testing"

// ids returns n distinct ids from 2 up (1 is the owner in the tests).
func ids(n int) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = int64(i + 2)
	}
	return out
}

// TestListBounds: each list at its bound passes, one more is refused on
// the list's own field with KeyTooMany.
func TestListBounds(t *testing.T) {
	comments := func(n int) []ReviewComment {
		out := make([]ReviewComment, n)
		for i := range out {
			out[i] = ReviewComment{Text: "نظر"}
		}
		return out
	}
	values := func(n int) []IndicatorValue {
		out := make([]IndicatorValue, n)
		for i := range out {
			out[i] = IndicatorValue{IndicatorID: 1, UnitID: 1, Period: "1403-01"}
		}
		return out
	}
	tests := []struct {
		name  string
		field string
		check func(n int) error
		max   int
	}{
		{"partners", "partner_unit_ids", func(n int) error {
			w := &WorkItem{Kind: KindAction, Title: "t", OwnerUnitID: 1, PartnerUnitIDs: ids(n)}
			w.Normalize()
			return w.Validate()
		}, MaxPartnerUnits},
		{"work clauses", "clause_ids", func(n int) error {
			w := &WorkItem{Kind: KindAction, Title: "t", OwnerUnitID: 1, ClauseIDs: ids(n)}
			w.Normalize()
			return w.Validate()
		}, MaxClauseLinks},
		{"indicator clauses", "clause_ids", func(n int) error {
			i := &Indicator{ClauseIDs: ids(n)}
			i.Normalize()
			return i.Validate()
		}, MaxClauseLinks},
		{"indicator work", "work_item_ids", func(n int) error {
			i := &Indicator{WorkItemIDs: ids(n)}
			i.Normalize()
			return i.Validate()
		}, MaxWorkItemLinks},
		{"round units", "unit_ids", func(n int) error {
			r := &Round{UnitIDs: ids(n)}
			r.Normalize()
			return r.Validate()
		}, MaxRoundUnits},
		{"values", "values", func(n int) error { return ValidateValues(values(n)) }, MaxValues},
		{"targets", "targets", func(n int) error { return ValidateTargets(make([]Target, n)) }, MaxTargets},
		{"comments", "comments", func(n int) error { return (&ReviewInput{Comments: comments(n)}).Validate() }, MaxReviewComments},
		{"ids", "ids", func(n int) error { return ValidateIDs("ids", ids(n)) }, MaxIDs},
	}
	for _, tt := range tests {
		if got := fieldKey(asError(tt.check(tt.max)), tt.field); got != "" {
			t.Errorf("%s: %d refused: %s", tt.name, tt.max, got)
		}
		got := fieldKey(asError(tt.check(tt.max+1)), tt.field)
		if got != KeyTooMany && got != KeyTooManyIDs {
			t.Errorf("%s: %d items gave %q, want a too-many error", tt.name, tt.max+1, got)
		}
	}
}

// TestRepeatsCountOnce: a list is deduplicated before it is measured, so
// repeats never push it past its bound, and the dedup is one pass.
func TestRepeatsCountOnce(t *testing.T) {
	partners := make([]int64, 0, 100_000)
	for len(partners) < cap(partners) {
		partners = append(partners, ids(MaxPartnerUnits)...)
	}
	w := &WorkItem{Kind: KindAction, Title: "t", OwnerUnitID: 1, PartnerUnitIDs: partners[:100_000]}
	w.Normalize()
	if err := w.Validate(); err != nil || len(w.PartnerUnitIDs) != MaxPartnerUnits {
		t.Errorf("%d repeats of %d partners: %d kept, %v", len(partners), MaxPartnerUnits, len(w.PartnerUnitIDs), err)
	}
	kinds := make([]UnitKind, 50_000)
	for i := range kinds {
		kinds[i] = UnitKinds[i%len(UnitKinds)]
	}
	i := &Indicator{ReportingKinds: kinds}
	i.Normalize()
	if len(i.ReportingKinds) != len(UnitKinds) {
		t.Errorf("reporting kinds kept %d of %d repeats", len(i.ReportingKinds), len(kinds))
	}
}

func TestValidateValuesNamesTheValue(t *testing.T) {
	vs := []IndicatorValue{
		{IndicatorID: 1, UnitID: 1, Period: "1403-01", Note: "درست"},
		{IndicatorID: 1, UnitID: 1, Period: "1403-02", Note: "یادداشت\x00"},
		{IndicatorID: 1, UnitID: 1, Period: "1403-03", Evidence: "\xff"},
		{Period: "1403-04"},
	}
	e := asError(ValidateValues(vs))
	want := map[string]string{"values.1.note": KeyBadText, "values.2.evidence": KeyBadText,
		"values.3.indicator_id": "err.required", "values.3.unit_id": "err.required"}
	if e == nil || len(e.Fields) != len(want) {
		t.Fatalf("ValidateValues = %v, want %v", e, want)
	}
	for f, k := range want {
		if e.Fields[f] != k {
			t.Errorf("%s = %q, want %q", f, e.Fields[f], k)
		}
	}
}
