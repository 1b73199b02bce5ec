package valuebook

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
	"payesh/internal/sheet"
)

// targetYearsBefore and targetYearsAfter frame the years a targets
// workbook offers around this one: last year's and a development plan's
// five years ahead. A period with a target set outside them is a column
// too, so the workbook holds every saved target.
const (
	targetYearsBefore = 1
	targetYearsAfter  = 5
)

// BuildTargets lays out an indicator's targets workbook: a row per unit
// that may have one — the organization, the units that enter the
// indicator's values, and any unit with a target set — in the order of
// units given (the org tree's), and a column per year of the frame and
// per period with a target set.
func BuildTargets(ctx context.Context, svc payesh.IndicatorService, ind *payesh.Indicator, units []*payesh.OrgUnit, today jalali.Date, lang i18n.Lang) (sheet.Targets, error) {
	name := pick(lang, ind.NameFA, ind.NameEN)
	t := sheet.Targets{IndicatorID: ind.ID, Sheet: i18n.T(lang, "ui.xlsx.targets_sheet"), Words: sheet.Words{
		Code: i18n.T(lang, "ui.xlsx.code"), Indicator: i18n.T(lang, "ui.xlsx.unit"), Measure: i18n.T(lang, "ui.xlsx.unit_kind"),
		Title: fmt.Sprintf(i18n.T(lang, "ui.xlsx.targets_title"), name),
	}}
	saved, err := svc.FindTargets(ctx, ind.ID)
	if err != nil {
		return t, err
	}
	byCell, hasTarget := map[string]*float64{}, map[int64]bool{}
	periods := map[jalali.Period]bool{}
	for y := today.Year - targetYearsBefore; y <= today.Year+targetYearsAfter; y++ {
		periods[jalali.Period{Gran: jalali.Year, Year: y}] = true
	}
	for _, s := range saved {
		p, err := jalali.ParsePeriod(s.Period)
		if err != nil {
			continue
		}
		periods[p] = true
		byCell[key(s.UnitID, s.Period)] = &s.Value
		hasTarget[s.UnitID] = true
	}
	cols := make([]jalali.Period, 0, len(periods))
	for p := range periods {
		cols = append(cols, p)
	}
	slices.SortFunc(cols, func(a, b jalali.Period) int {
		return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.Gran, b.Gran), cmp.Compare(a.N, b.N))
	})
	for _, p := range cols {
		t.Columns = append(t.Columns, sheet.Column{Period: p.String(), Label: PeriodLabel(lang, p)})
	}
	for _, u := range units {
		if u.Kind != payesh.UnitOrganization && !Enters(ind, u.Kind) && !hasTarget[u.ID] {
			continue
		}
		row := sheet.TargetRow{UnitID: u.ID, Code: u.Code, Name: pick(lang, u.NameFA, u.NameEN),
			Kind: i18n.T(lang, "ui.units.kind."+string(u.Kind))}
		for _, p := range cols {
			row.Values = append(row.Values, byCell[key(u.ID, p.String())])
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// ApplyTargets reads an uploaded targets workbook and sets the targets
// that differ from those saved, all in one transaction or none, as the
// targets table of the indicator's page does: a target once set is
// changed, not erased. The workbook must be of the indicator want (the
// page or the route it was posted to). It answers the targets set.
func ApplyTargets(ctx context.Context, svc payesh.IndicatorService, want int64, file io.Reader) ([]payesh.Target, error) {
	up, err := sheet.ReadTargets(file)
	unread, err := unreadCells(err)
	if err != nil {
		return nil, readError(err)
	}
	if up.IndicatorID != want {
		return nil, payesh.Invalid(map[string]string{"file": "err.sheet.other_indicator"})
	}
	saved, err := svc.FindTargets(ctx, up.IndicatorID)
	if err != nil {
		return nil, err
	}
	was := map[string]float64{}
	for _, s := range saved {
		was[key(s.UnitID, s.Period)] = s.Value
	}
	var changed []payesh.Target
	var cells []sheet.TargetEntry
	refused := &Refused{}
	for _, e := range up.Entries {
		v, had := was[key(e.UnitID, e.Period)]
		switch {
		case e.Value == nil && had:
			refused.Cells = append(refused.Cells, targetCell(e, "err.targets.clear"))
		case e.Value == nil, had && v == *e.Value:
		default:
			changed = append(changed, payesh.Target{IndicatorID: up.IndicatorID, UnitID: e.UnitID, Period: e.Period, Value: *e.Value})
			cells = append(cells, e)
		}
	}
	if r := refusal(unread, refused); r != nil {
		return nil, r
	}
	if len(changed) == 0 {
		return []payesh.Target{}, nil
	}
	if err := svc.SetTargets(ctx, up.IndicatorID, changed); err != nil {
		return nil, placeTargetError(err, cells)
	}
	return changed, nil
}

// placeTargetError names the cells of the store's field errors, which
// count the targets sent ("targets.3.value").
func placeTargetError(err error, cells []sheet.TargetEntry) error {
	var pe *payesh.Error
	if !errors.As(err, &pe) || pe.Code != payesh.EINVALID || len(pe.Fields) == 0 {
		return err
	}
	keys := map[int]string{}
	for field, k := range pe.Fields {
		n, ok := indexOf(field, "targets.", len(cells))
		if !ok {
			return err
		}
		keys[n] = k
	}
	refused := &Refused{}
	for n, e := range cells {
		if k, ok := keys[n]; ok {
			refused.Cells = append(refused.Cells, targetCell(e, k))
		}
	}
	return refused
}

func targetCell(e sheet.TargetEntry, key string) *sheet.CellError {
	return &sheet.CellError{Sheet: e.Sheet, Row: e.Row, Column: e.Column, Ref: e.Ref, Key: key}
}
