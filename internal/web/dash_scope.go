package web

import (
	"net/http"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// dashScope is what a dashboard page looks at: one unit's subtree over one
// Jalali period, read from ?unit= and ?period=.
type dashScope struct {
	Unit   *payesh.OrgUnit
	Period jalali.Period
	Label  string // the period as people read it: "۱۴۰۳", "بهار ۱۴۰۳"
	// Notice is a message key shown when a parameter could not be read
	// and its default is shown instead; a person may have edited the URL.
	Notice string
}

// dashScopeOf reads the scope of r. The period defaults to the current
// Jalali year and the unit to the user's province, or else the user's
// organization (see dashHomeUnit). An unknown unit is a 404, as for /units/{id}.
func (s *server) dashScopeOf(r *http.Request) (dashScope, error) {
	d := s.dashPeriodOf(r)
	var err error
	if v := strings.TrimSpace(r.URL.Query().Get("unit")); v != "" {
		id, perr := strconv.ParseInt(jalali.ToLatinDigits(v), 10, 64)
		if perr != nil || id <= 0 {
			return d, payesh.NotFound("org_unit")
		}
		d.Unit, err = s.Units.FindOrgUnitByID(r.Context(), id)
	} else {
		d.Unit, err = s.dashHomeUnit(r)
	}
	return d, err
}

// dashPeriodOf reads ?period=, the current Jalali year when it is missing
// or cannot be read; the scope's unit is left for the caller.
func (s *server) dashPeriodOf(r *http.Request) dashScope {
	d := dashScope{Period: s.dashThisYear()}
	if v := strings.TrimSpace(r.URL.Query().Get("period")); v != "" {
		if p, err := jalali.ParsePeriod(v); err == nil {
			d.Period = p
		} else {
			d.Notice = "ui.dash.bad_period"
		}
	}
	d.Label = dashPeriodLabel(langOf(r), d.Period)
	return d
}

// dashThisYear is the Jalali year of today in Tehran: the fiscal year the
// dashboards open on.
func (s *server) dashThisYear() jalali.Period {
	return jalali.PeriodOf(payesh.Today(s.Now()).Jalali(), jalali.Year)
}

// dashHomeUnit is the unit dashboards open on: the province of people in
// a provincial directorate or a branch under one, else the top of the
// user's branch of the tree (headquarters and the secretariat see the
// whole organization). Any other unit is a ?unit= away.
func (s *server) dashHomeUnit(r *http.Request) (*payesh.OrgUnit, error) {
	ids := dashPathIDs(user(r).UnitPath)
	for i := len(ids) - 1; i > 0; i-- {
		u, err := s.Units.FindOrgUnitByID(r.Context(), ids[i])
		if err != nil {
			return nil, err
		}
		if u.Kind == payesh.UnitProvince {
			return u, nil
		}
	}
	return s.dashRootUnit(r)
}

// dashRootUnit is the top of the signed-in user's branch of the tree: the
// organization for its staff, the partner itself for a partner's.
func (s *server) dashRootUnit(r *http.Request) (*payesh.OrgUnit, error) {
	ctx := r.Context()
	if ids := dashPathIDs(user(r).UnitPath); len(ids) > 0 {
		return s.Units.FindOrgUnitByID(ctx, ids[0])
	}
	// The system user has no unit: take the first organization.
	units, _, err := s.Units.FindOrgUnits(ctx, payesh.OrgUnitFilter{Kind: payesh.UnitOrganization, Page: payesh.Page{Limit: 1}})
	if err != nil {
		return nil, err
	}
	if len(units) == 0 {
		return nil, payesh.NotFound("org_unit")
	}
	return units[0], nil
}

// dashPathIDs reads the ids of a materialized path ("/1/4/17/"), root
// first.
func dashPathIDs(path string) []int64 {
	var ids []int64
	for _, part := range strings.Split(strings.Trim(path, "/"), "/") {
		if id, err := strconv.ParseInt(part, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// dashProvinces returns the provincial directorates, in the order the
// org tree shows them: the units the dashboards compare.
func (s *server) dashProvinces(r *http.Request) ([]*payesh.OrgUnit, error) {
	var all []*payesh.OrgUnit
	f := payesh.OrgUnitFilter{Kind: payesh.UnitProvince, Page: payesh.Page{Limit: payesh.MaxLimit}}
	for ; ; f.Offset += payesh.MaxLimit {
		units, total, err := s.Units.FindOrgUnits(r.Context(), f)
		if err != nil {
			return nil, err
		}
		all = append(all, units...)
		if f.Offset+payesh.MaxLimit >= total {
			sortUnits(all)
			return all, nil
		}
	}
}

// dashOption is one choice of a dashboard's select.
type dashOption struct {
	Value, Label string
	Selected     bool
}

// dashYearOptions offers the years around the current one, and the chosen
// period when it is not among them (a season typed into the URL).
func dashYearOptions(lang i18n.Lang, current, chosen jalali.Period) []dashOption {
	var opts []dashOption
	found := false
	for y := current.Year + 1; y >= current.Year-6; y-- {
		p := jalali.Period{Gran: jalali.Year, Year: y}
		opts = append(opts, dashOption{Value: p.String(), Label: dashPeriodLabel(lang, p), Selected: p == chosen})
		found = found || p == chosen
	}
	if !found {
		opts = append([]dashOption{{Value: chosen.String(), Label: dashPeriodLabel(lang, chosen), Selected: true}}, opts...)
	}
	return opts
}

// dashUnitOptions offers the organization and its provinces, the units whose
// dashboards people compare; the chosen unit is added when it is another.
func dashUnitOptions(lang i18n.Lang, root *payesh.OrgUnit, provinces []*payesh.OrgUnit, chosen *payesh.OrgUnit) []dashOption {
	units := append([]*payesh.OrgUnit{root}, provinces...)
	found := false
	for _, u := range units {
		found = found || u.ID == chosen.ID
	}
	if !found {
		units = append([]*payesh.OrgUnit{chosen}, units...)
	}
	opts := make([]dashOption, len(units))
	for i, u := range units {
		opts[i] = dashOption{Value: strconv.FormatInt(u.ID, 10), Label: pick(lang, u.NameFA, u.NameEN), Selected: u.ID == chosen.ID}
	}
	return opts
}
