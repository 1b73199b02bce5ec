package web

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// dashProvincesPage compares the provinces on one indicator in one period.
type dashProvincesPage struct {
	Scope      dashScope
	Indicator  *payesh.Indicator // nil until one is chosen
	Name       string
	Rule       string
	Ranking    dashRanking
	Indicators []dashOption
	Years      []dashOption
	// Export links the ranking as a file, once an indicator is chosen.
	Export exportLinks
}

// dashboardProvinces ranks the provinces (?indicator=ID&period=1403);
// with ?format=xlsx or csv, as a file (provincesExport).
func (s *server) dashboardProvinces(w http.ResponseWriter, r *http.Request) error {
	format, err := exportFormat(r)
	if err != nil {
		return err
	}
	sc, err := s.dashScopeOf(r)
	if err != nil {
		return err
	}
	// Every province is on the page: provisional only for a reader who
	// may read them all so.
	if err := s.dashAllowBasis(r, &sc, nil); err != nil {
		return err
	}
	d := &dashProvincesPage{}
	if d.Indicator, err = s.dashChosenIndicator(r); err != nil {
		return err
	}
	if d.Indicator != nil {
		// Open on the latest year in which a province reported this
		// indicator, not the organization's latest year over all of them.
		provinces, err := s.dashProvinces(r)
		if err != nil {
			return err
		}
		if err := s.dashOpenOnIndicator(r, &sc, d.Indicator, unitIDs(provinces)); err != nil {
			return err
		}
	}
	d.Scope, d.Years = sc, dashYearOptions(langOf(r), s.dashThisYear(), sc.Period)
	all, err := s.dashAllIndicators(r, payesh.IndicatorFilter{})
	if err != nil {
		return err
	}
	d.Indicators = dashIndicatorOptions(r, all, d.Indicator)
	if d.Indicator != nil {
		lang := langOf(r)
		d.Name, d.Rule = dashIndicatorName(lang, d.Indicator), dashRuleText(lang, d.Indicator, &sc.Period)
		if d.Ranking, err = s.dashProvinceRanking(r, d.Indicator, sc.Period, sc.Basis); err != nil {
			return err
		}
		// The ranking's own unit is no filter: every province is on it.
		d.Export = dashExportLinks("/dashboard/provinces", dashScope{Period: sc.Period, Basis: sc.Basis},
			url.Values{"indicator": {strconv.FormatInt(d.Indicator.ID, 10)}})
	}
	if format != "" {
		return s.provincesExport(w, r, format, d)
	}
	return s.render(w, r, http.StatusOK, "dash_provinces", s.newView(r, "ui.dash.provinces", d))
}

// dashChosenIndicator reads ?indicator=; nil when none is chosen, a 404 when
// it names no indicator.
func (s *server) dashChosenIndicator(r *http.Request) (*payesh.Indicator, error) {
	v := strings.TrimSpace(r.URL.Query().Get("indicator"))
	if v == "" {
		return nil, nil
	}
	id, err := strconv.ParseInt(jalali.ToLatinDigits(v), 10, 64)
	if err != nil || id <= 0 {
		return nil, payesh.NotFound("indicator")
	}
	return s.Indicators.FindIndicatorByID(r.Context(), id)
}

// dashAllIndicators pages through every indicator f selects; the secretariat
// defines tens or hundreds, not thousands.
func (s *server) dashAllIndicators(r *http.Request, f payesh.IndicatorFilter) ([]*payesh.Indicator, error) {
	var all []*payesh.Indicator
	for f.Limit, f.Offset = payesh.MaxLimit, 0; ; f.Offset += payesh.MaxLimit {
		inds, total, err := s.Indicators.FindIndicators(r.Context(), f)
		if err != nil {
			return nil, err
		}
		all = append(all, inds...)
		if f.Offset+payesh.MaxLimit >= total {
			return all, nil
		}
	}
}

// dashIndicatorOptions lists indicators for a select, "code — name".
func dashIndicatorOptions(r *http.Request, all []*payesh.Indicator, chosen *payesh.Indicator) []dashOption {
	lang := langOf(r)
	opts := make([]dashOption, len(all))
	for i, ind := range all {
		opts[i] = dashOption{Value: strconv.FormatInt(ind.ID, 10), Label: ind.Code + " — " + dashIndicatorName(lang, ind),
			Selected: chosen != nil && chosen.ID == ind.ID}
	}
	return opts
}

// dashProvinceRanking judges the indicator for every province in period p and
// ranks the ones that reported. Each province is one FindScores call, so a
// province's target is the one its own dashboard shows, interpolated the
// same way. The ranking is on one basis: b when the reader may read every
// province on it, else the approved one.
func (s *server) dashProvinceRanking(r *http.Request, ind *payesh.Indicator, p jalali.Period, b payesh.Basis) (dashRanking, error) {
	provinces, err := s.dashProvinces(r)
	if err != nil {
		return dashRanking{}, err
	}
	if rs, err := s.readScope(r); err != nil {
		return dashRanking{}, err
	} else if !rs.Everything() {
		b = payesh.BasisApproved
	}
	rows := make([]dashScoreRow, len(provinces))
	for i, u := range provinces {
		if rows[i], err = s.dashScoreAt(r, ind, u.ID, p, b); err != nil {
			return dashRanking{}, err
		}
		rows[i].Unit = u
	}
	dashRank(rows, ind.Direction)
	return newDashRanking(langOf(r), rows), nil
}

// dashRanking is a ranking of the provinces, split as people read it: the
// provinces that reported, ranked and charted, and apart from them those
// that did not, named under «بدون داده» — never a bar of zero, which
// would read as a province that reported nothing done.
type dashRanking struct {
	// Rows are every province, the ranked ones first: the exported file.
	Rows []dashScoreRow
	// Ranked have a value in the period, best first.
	Ranked []dashScoreRow
	// Missing have none, in alphabetical order of their short names.
	Missing []dashScoreRow
}

// newDashRanking splits rows ranked by dashRank.
func newDashRanking(lang i18n.Lang, rows []dashScoreRow) dashRanking {
	d := dashRanking{Rows: rows}
	for _, row := range rows {
		if row.HasValue {
			d.Ranked = append(d.Ranked, row)
		} else {
			d.Missing = append(d.Missing, row)
		}
	}
	key := func(row dashScoreRow) string {
		if lang == i18n.FA {
			return payesh.CollationKey(unitShortName(lang, row.Unit))
		}
		return strings.ToLower(unitShortName(lang, row.Unit))
	}
	slices.SortStableFunc(d.Missing, func(a, b dashScoreRow) int { return strings.Compare(key(a), key(b)) })
	return d
}

// Chart says the ranking is worth a chart: two provinces or more. One bar
// alone compares nothing; the table says it better.
func (d dashRanking) Chart() bool { return len(d.Ranked) >= 2 }

// dashRank orders rows best first by value in the indicator's direction
// (largest first when higher is better); rows without a value come last,
// unranked. Equal values share a rank (1, 2, 2, 4). The sort is stable,
// so ties keep the org tree's order.
func dashRank(rows []dashScoreRow, d payesh.Direction) {
	slices.SortStableFunc(rows, func(a, b dashScoreRow) int {
		if a.HasValue != b.HasValue {
			if a.HasValue {
				return -1
			}
			return 1
		}
		if !a.HasValue {
			return 0
		}
		if d == payesh.LowerIsBetter {
			return cmp.Compare(a.Value, b.Value)
		}
		return cmp.Compare(b.Value, a.Value)
	})
	for i := range rows {
		switch {
		case !rows[i].HasValue:
			rows[i].Rank = 0
		case i > 0 && rows[i-1].HasValue && rows[i-1].Value == rows[i].Value:
			rows[i].Rank = rows[i-1].Rank
		default:
			rows[i].Rank = i + 1
		}
	}
}
