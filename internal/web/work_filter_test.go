package web

import (
	"net/url"
	"testing"

	"payesh"
)

func TestParseWorkFilter(t *testing.T) {
	units := map[int64]*payesh.OrgUnit{5: {ID: 5, Path: "/1/5/"}}
	q, _ := url.ParseQuery("unit=۵&include_partner=on&status=not_started,in_progress&status=delayed,&kind=program" +
		"&overdue=1&due_from=۱۴۰۳/۰۱/۰۱&due_to=1403/1/31&q=+%D9%83%D8%A7%D8%B1+&sort=-progress")
	f, errs := parseWorkFilter(q, units)
	if len(errs) != 0 {
		t.Fatalf("errors %v", errs)
	}
	if f.UnitID != 5 || !f.IncludePartner || len(f.Statuses) != 3 || len(f.Kinds) != 1 || f.Overdue == nil || !*f.Overdue {
		t.Errorf("filter %+v", f)
	}
	// The range is inclusive; the store's bounds are strict.
	if f.DueAfter.String() != "2024-03-19" || f.DueBefore.String() != "2024-04-20" {
		t.Errorf("due range (%s, %s)", f.DueAfter, f.DueBefore)
	}
	if f.Q != "کار" || f.Sort != "-progress" {
		t.Errorf("q %q sort %q", f.Q, f.Sort)
	}

	q, _ = url.ParseQuery("unit=7&status=done,soon&overdue=maybe&due_to=1403/07/31&sort=-&kind=x")
	f, errs = parseWorkFilter(q, units)
	for _, field := range []string{"unit", "status", "overdue", "sort", "kind", "due_to"} {
		if errs[field] == "" {
			t.Errorf("no error for %s", field)
		}
	}
	if f.UnitID != 0 || len(f.Statuses) != 1 || f.Overdue != nil || f.Sort != "" || !f.DueBefore.IsZero() {
		t.Errorf("bad values kept: %+v", f)
	}
}
