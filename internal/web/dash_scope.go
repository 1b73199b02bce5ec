package web

import (
	"context"
	"fmt"
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
	// Basis is approved unless the page was asked to include provisional
	// (submitted) values; every number then says so.
	Basis payesh.Basis
	// Notice is a message key shown when a parameter could not be read
	// and its default is shown instead; a person may have edited the URL.
	Notice string
	// Asked says the period came from ?period=; otherwise the page opens
	// on the latest year with data on the basis (dashOpenLatest), and
	// Latest says so in words.
	Asked  bool
	Latest string
	// OtherBasis is this page on the other basis.
	OtherBasis string
	// CanProvisional says the reader may read this page's numbers on the
	// provisional basis (payesh.ReadScope); without it the switch is not
	// offered, and Refused says it was asked for and the approved basis
	// is shown instead.
	CanProvisional bool
	Refused        bool
}

// Provisional reports whether the page counts submitted values too.
func (d dashScope) Provisional() bool { return d.Basis == payesh.BasisProvisional }

// basisQuery is what a link adds to keep the basis: "&basis=provisional",
// or nothing on the approved basis, the default.
func basisQuery(b payesh.Basis) string {
	if b == payesh.BasisProvisional {
		return "&basis=" + string(b)
	}
	return ""
}

// Href links another dashboard page in the same period and basis:
// "/dashboard/provinces?period=1403&basis=provisional".
func (d dashScope) Href(path string) string {
	return path + "?period=" + d.Period.String() + basisQuery(d.Basis)
}

// UnitHref is Href with the scope's unit.
func (d dashScope) UnitHref(path string) string {
	return fmt.Sprintf("%s?unit=%d&period=%s%s", path, d.Unit.ID, d.Period, basisQuery(d.Basis))
}

// otherBasisHref is this page on the other basis: the notice's way back
// to approved values, or to include provisional ones.
func otherBasisHref(r *http.Request, b payesh.Basis) string {
	q := r.URL.Query()
	q.Del("basis")
	if b != payesh.BasisProvisional {
		q.Set("basis", string(payesh.BasisProvisional))
	}
	if e := q.Encode(); e != "" {
		return r.URL.Path + "?" + e
	}
	return r.URL.Path
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
	if err != nil {
		return d, err
	}
	if err := s.dashAllowBasis(r, &d, d.Unit); err != nil {
		return d, err
	}
	return d, s.dashOpenLatest(r, &d)
}

// dashAllowBasis keeps the provisional basis only where the reader may
// read unit's numbers on it (nil: every province's, for a ranking); else
// the page shows approved numbers and says so, as the store would answer.
func (s *server) dashAllowBasis(r *http.Request, d *dashScope, unit *payesh.OrgUnit) error {
	rs, err := s.readScope(r)
	if err != nil {
		return err
	}
	d.CanProvisional = rs.Everything() || unit != nil && rs.ReadsProvisional(unit.Path)
	if d.Basis == payesh.BasisProvisional && !d.CanProvisional {
		d.Basis, d.Refused = payesh.BasisApproved, true
		d.OtherBasis = ""
	}
	return nil
}

// scopeReader is a store that states the signed-in user's read scope
// (store.ReadScope).
type scopeReader interface {
	ReadScope(ctx context.Context) (payesh.ReadScope, error)
}

// readScope is what the signed-in user may read (payesh.ReadScope), as
// the store states it, else derived from the org tree: pages leave out
// what the store would refuse.
func (s *server) readScope(r *http.Request) (payesh.ReadScope, error) {
	if sr, ok := s.Units.(scopeReader); ok {
		return sr.ReadScope(r.Context())
	}
	ix, err := s.unitIndexOf(r)
	if err != nil {
		return payesh.ReadScope{}, err
	}
	return payesh.NewReadScope(user(r), func(id int64) *payesh.OrgUnit { return ix.byID[id] }), nil
}

// dashPeriodOf reads ?period=, the current Jalali year when it is missing
// or cannot be read; the scope's unit is left for the caller.
func (s *server) dashPeriodOf(r *http.Request) dashScope {
	d := dashScope{Period: s.dashThisYear(), Basis: basisOf(r)}
	d.OtherBasis = otherBasisHref(r, d.Basis)
	if v := strings.TrimSpace(r.URL.Query().Get("period")); v != "" {
		if p, err := jalali.ParsePeriod(v); err == nil {
			d.Period, d.Asked = p, true
		} else {
			d.Notice = "ui.dash.bad_period"
		}
	}
	d.Label = dashPeriodLabel(langOf(r), d.Period)
	return d
}

// dashOpenLatest opens a page asked for no period on the latest year in
// which the scope's unit has data on the basis, and says so; with no data
// at all it stays on this year and says that. A period that could not be
// read keeps its own notice and this year.
func (s *server) dashOpenLatest(r *http.Request, d *dashScope) error {
	if d.Asked || d.Notice != "" || d.Unit == nil {
		return nil
	}
	p, ok, err := s.Indicators.LatestPeriod(r.Context(), d.Unit.ID, jalali.Year, d.Basis)
	if err != nil {
		return err
	}
	if !ok {
		v := &view{Lang: langOf(r)}
		d.Latest = dashTf(v, "ui.trust.latest_none", i18n.T(v.Lang, "ui.trust.basis_words."+string(d.Basis)), d.Label)
		return nil
	}
	s.dashMoveTo(r, d, p)
	return nil
}

// dashMoveTo shows p, the latest period with data, in place of this year
// on a page asked for no period, and says which period is shown and why:
// a year with no data yet would be a page of blanks and zeros that reads
// as "nothing was done".
func (s *server) dashMoveTo(r *http.Request, d *dashScope, p jalali.Period) {
	if d.Asked || d.Notice != "" {
		return
	}
	v := &view{Lang: langOf(r)}
	this := s.dashThisYear()
	d.Period, d.Label, d.Latest = p, dashPeriodLabel(v.Lang, p), ""
	if p != this {
		basis := i18n.T(v.Lang, "ui.trust.basis_words."+string(d.Basis))
		d.Latest = dashTf(v, "ui.first.latest", dashPeriodLabel(v.Lang, this), basis, d.Label)
	}
}

// basisOf reads ?basis=: approved unless provisional is asked for.
func basisOf(r *http.Request) payesh.Basis {
	b, _ := payesh.ParseBasis(r.URL.Query().Get("basis"))
	if b == "" {
		return payesh.BasisApproved
	}
	return b
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
// org tree shows them: the units the dashboards compare, read from the
// index of the tree kept per version (unitIndexOf), not queried and
// sorted again on every view. The units are shared: read, not changed.
func (s *server) dashProvinces(r *http.Request) ([]*payesh.OrgUnit, error) {
	ix, err := s.unitIndexOf(r)
	if err != nil {
		return nil, err
	}
	var provinces []*payesh.OrgUnit
	for _, u := range ix.src {
		if u.Kind == payesh.UnitProvince {
			provinces = append(provinces, u)
		}
	}
	sortUnitsBy(provinces, ix.key)
	return provinces, nil
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
