package web

import (
	"net/http"

	"payesh"
	"payesh/internal/jalali"
)

// dashLatestYears is how far back a page about one indicator looks for
// its latest year with data: the year select offers fewer, and a figure
// older than this is history, not where a dashboard should open.
const dashLatestYears = 30

// dashIndicatorLatest is the latest year, up to this one, in which ind
// has a number on basis b for any of units: where a page about one
// indicator opens when no period is asked for. The unit's latest year
// over all indicators (dashOpenLatest) can be one in which this
// indicator has nothing — a province ranking of blanks. One key range of
// the yearly roll-ups per unit, read once.
func (s *server) dashIndicatorLatest(r *http.Request, ind *payesh.Indicator, units []int64, b payesh.Basis) (jalali.Period, bool, error) {
	this := s.dashThisYear()
	from := jalali.Period{Gran: jalali.Year, Year: this.Year - dashLatestYears}
	rolls, err := s.Indicators.FindRollupSeries(r.Context(), ind.ID, units, from.String(), this.String(), b)
	if err != nil {
		return jalali.Period{}, false, err
	}
	var best jalali.Period
	found := false
	for _, ro := range rolls {
		if ro.Count == 0 && !ro.Own {
			continue
		}
		p, err := jalali.ParsePeriod(ro.Period)
		if err != nil || p.Gran != jalali.Year {
			continue
		}
		if !found || p.Year > best.Year {
			best, found = p, true
		}
	}
	return best, found, nil
}

// dashOpenOnIndicator moves a page about ind, asked for no period, to the
// latest year in which ind has a number for units (dashMoveTo). When it
// has none there, the page keeps the year dashOpenLatest chose and its
// notice.
func (s *server) dashOpenOnIndicator(r *http.Request, d *dashScope, ind *payesh.Indicator, units []int64) error {
	if d.Asked || d.Notice != "" || len(units) == 0 {
		return nil
	}
	p, ok, err := s.dashIndicatorLatest(r, ind, units, d.Basis)
	if err != nil || !ok {
		return err
	}
	s.dashMoveTo(r, d, p)
	return nil
}

// unitIDs are the ids of units, in their order.
func unitIDs(units []*payesh.OrgUnit) []int64 {
	ids := make([]int64, len(units))
	for i, u := range units {
		ids[i] = u.ID
	}
	return ids
}
