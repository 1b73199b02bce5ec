package briefing

import (
	"context"
	"fmt"
	"strings"

	"payesh"
	"payesh/internal/i18n"
)

// FilterNote says in words which work a file holds — «فیلترها: واحد:
// ادارهٔ کل …؛ وضعیت: در حال انجام» — so that a sheet read away from the
// page still says what it is a list of. The due-date bounds, strict in
// the filter, are said as the inclusive days a person typed.
func (b *Work) FilterNote(ctx context.Context, f payesh.WorkItemFilter) (string, error) {
	lang := b.Lang
	var parts []string
	add := func(key, value string) { parts = append(parts, i18n.T(lang, key)+": "+value) }
	if f.UnitID != 0 {
		name := UnitName(lang, b.Units[f.UnitID])
		if f.IncludePartner {
			name += " " + i18n.T(lang, "ui.export.f.with_partner")
		}
		add("ui.export.f.unit", name)
	}
	if f.ClauseID != 0 {
		names, err := b.clauseNames(ctx, []int64{f.ClauseID})
		if err != nil {
			return "", err
		}
		add("ui.export.f.clause", list(lang, names))
	}
	switch {
	case f.ParentID == nil:
	case *f.ParentID == 0:
		parts = append(parts, i18n.T(lang, "ui.export.f.top_level"))
	default:
		add("ui.export.f.parent", digits(lang, fmt.Sprint(*f.ParentID)))
	}
	if len(f.Kinds) > 0 {
		var ks []string
		for _, k := range f.Kinds {
			ks = append(ks, i18n.T(lang, "ui.kind."+string(k)))
		}
		add("ui.work.kind", list(lang, ks))
	}
	if len(f.Statuses) > 0 {
		var ss []string
		for _, s := range f.Statuses {
			ss = append(ss, i18n.T(lang, "ui.status."+string(s)))
		}
		add("ui.work.status", list(lang, ss))
	}
	if f.Overdue != nil {
		key := "ui.export.f.overdue"
		if !*f.Overdue {
			key = "ui.export.f.not_overdue"
		}
		parts = append(parts, i18n.T(lang, key))
	}
	if !f.DueAfter.IsZero() {
		add("ui.work.filter.due_from", digits(lang, f.DueAfter.AddDays(1).JalaliString()))
	}
	if !f.DueBefore.IsZero() {
		add("ui.work.filter.due_to", digits(lang, f.DueBefore.AddDays(-1).JalaliString()))
	}
	if f.Q != "" {
		add("ui.work.filter.q", "«"+f.Q+"»")
	}
	if len(parts) == 0 {
		return i18n.T(lang, "ui.export.no_filter"), nil
	}
	sep := "؛ "
	if lang == i18n.EN {
		sep = "; "
	}
	return fmt.Sprintf(i18n.T(lang, "ui.export.filters"), strings.Join(parts, sep)), nil
}
