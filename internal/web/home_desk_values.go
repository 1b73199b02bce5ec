package web

import (
	"fmt"
	"net/http"
	"slices"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
	"payesh/internal/valuebook"
)

// deskValues are the values the user's unit still owes: for each
// frequency of the indicators its kind enters, the count of those with no
// value of the unit for their last finished period (last month, season
// or year), linked to that year's grid. A draft counts as entered: the
// unit has done its part. One read of the indicators and one indexed read
// of the unit's values per frequency.
func (s *server) deskValues(r *http.Request, unit *payesh.OrgUnit) ([]deskLead, error) {
	if unit == nil || s.Indicators == nil {
		return nil, nil
	}
	ctx, lang := r.Context(), langOf(r)
	all, err := valuebook.AllIndicators(ctx, s.Indicators)
	if err != nil {
		return nil, err
	}
	owed := map[jalali.Granularity][]int64{}
	for _, ind := range all {
		if g, ok := ind.Frequency.Granularity(); ok && valuebook.Enters(ind, unit.Kind) {
			owed[g] = append(owed[g], ind.ID)
		}
	}
	today := payesh.Today(s.Now()).Jalali()
	var leads []deskLead
	for _, g := range []jalali.Granularity{jalali.Month, jalali.Quarter, jalali.Year} {
		ids := owed[g]
		if len(ids) == 0 {
			continue
		}
		due := jalali.PeriodOf(today, g).Prev().String()
		values, err := s.Indicators.FindValues(ctx, payesh.ValueFilter{UnitID: unit.ID, From: due, To: due})
		if err != nil {
			return nil, err
		}
		missing := len(ids)
		for _, v := range values {
			if slices.Contains(ids, v.IndicatorID) {
				missing--
			}
		}
		if missing > 0 {
			p, _ := jalali.ParsePeriod(due)
			leads = append(leads, deskLead{ID: "desk-values-" + g.String(),
				Href: fmt.Sprintf("/values?unit=%d&period=%d", unit.ID, p.Year),
				Text: fmt.Sprintf(i18n.T(lang, "ui.desk.values"), formDigits(lang, fmt.Sprint(missing)), periodLabel(lang, due))})
		}
	}
	return leads, nil
}
