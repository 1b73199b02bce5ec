package web

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
	"payesh/internal/valuebook"
)

// The provinces × periods matrix of one indicator
// (/values/matrix?indicator=ID&period=1403): a row per province, a column
// per month, season or the year as the indicator is reported, the value
// each province entered with its review state, each row's year and a
// national row — for the secretariat to see at a glance who entered what.
// It is read-only; a province's name leads to its grid for those who may
// enter its values.
//
// Who sees what: anyone who reads the indicator opens the matrix, and
// every cell is read through the store with the reader's scope
// (payesh.ReadScope): admins and the secretariat see every value in
// every state; anyone else sees the approved values of every province —
// as the provinces dashboard shows them — and, in any state, only those
// of their own unit's chain. A province's reporter thus never sees
// another province's draft, submitted or returned value. A partner who
// does not read the indicator gets a 404, as on its page.
//
// The figures are made here from the cells shown: a row's year by the
// indicator's time rule; the national row by its unit rule over the
// provinces of each period, then the time rule over the year — the order
// of the store's roll-ups. A national figure counting only approved
// values is marked as the leadership's; one counting any other value is
// marked provisional. A ratio is not made from the provinces' own
// figures (a mean of ratios would mislead): its national row points to
// the indicator's page.

// valuesMatrixPage is the page's data.
type valuesMatrixPage struct {
	Indicator  *payesh.Indicator // nil until one is chosen
	Name       string
	Indicators []dashOption
	Year       int
	Years      []int
	Columns    []string
	Rows       []*matrixRow
	National   matrixNational
	// AllValues is set when the reader reads every value in every state.
	AllValues bool
	// Reported is false when provinces do not enter this indicator.
	Reported bool
	lang     i18n.Lang
}

// matrixRow is one province.
type matrixRow struct {
	Unit           *payesh.OrgUnit
	Name, FullName string
	Href           string // its values grid, when the reader may enter them
	Cells          []matrixCell
	Total, TotalOf string
	sortKey        string
}

// matrixCell is a province's value of one period, as entered.
type matrixCell struct {
	Value string // "" when none is shown
	State payesh.ValueState
}

// matrixNational is the national row and its year.
type matrixNational struct {
	Cells []matrixFigure
	Total matrixFigure
	// Computed is false for a ratio, whose national figure the matrix
	// does not make.
	Computed bool
}

// matrixFigure is one computed national figure.
type matrixFigure struct {
	Value    string // "" when no province counted
	How      string // what it counts: "۳۴ استان", "مجموع ۷ ماه"
	Approved bool   // every value counted is approved: a leadership figure
}

// YearLink is the matrix of the same indicator in another year.
func (d *valuesMatrixPage) YearLink(year int) string {
	q := url.Values{"period": {strconv.Itoa(year)}}
	if d.Indicator != nil {
		q.Set("indicator", strconv.FormatInt(d.Indicator.ID, 10))
	}
	return "/values/matrix?" + q.Encode()
}

// valuesMatrix shows the matrix of ?indicator in the year of ?period
// (default this year). Without an indicator it offers the choice; an
// indicator the reader does not read is not found.
func (s *server) valuesMatrix(w http.ResponseWriter, r *http.Request) error {
	lang := langOf(r)
	d := &valuesMatrixPage{lang: lang, Year: payesh.Today(s.Now()).Jalali().Year}
	errs := map[string]string{}
	q := r.URL.Query()
	this := d.Year
	if p, err := jalali.ParsePeriod(strings.TrimSpace(q.Get("period"))); err == nil {
		d.Year = p.Year
	} else if q.Get("period") != "" {
		errs["period"] = "err.values.year"
	}
	for y := this + 1; y >= this-9; y-- {
		d.Years = append(d.Years, y)
	}
	if d.Year > this+1 || d.Year < this-9 {
		d.Years = append(d.Years, d.Year)
	}
	var err error
	if d.Indicator, err = s.dashChosenIndicator(r); err != nil {
		return err
	}
	all, err := valuebook.AllIndicators(r.Context(), s.Indicators)
	if err != nil {
		return err
	}
	d.Indicators = dashIndicatorOptions(r, all, d.Indicator)
	if d.Indicator != nil {
		if err := s.matrixFill(r, d); err != nil {
			return err
		}
	}
	v := s.newView(r, "ui.matrix.title", d)
	v.Errors = errs
	return s.render(w, r, http.StatusOK, "values_matrix", v)
}

// matrixFill reads the provinces' values of the indicator over the year
// in one query — a seek per province on the values' key (indicator,
// unit, gran, period) — and lays them out.
func (s *server) matrixFill(r *http.Request, d *valuesMatrixPage) error {
	ind, lang := d.Indicator, d.lang
	d.Name = pick(lang, ind.NameFA, ind.NameEN)
	d.Reported = valuebook.Enters(ind, payesh.UnitProvince)
	rs, err := s.readScope(r)
	if err != nil {
		return err
	}
	d.AllValues = rs.AllValues
	provinces, err := s.dashProvinces(r)
	if err != nil {
		return err
	}
	periods := valuebook.BasePeriods(ind.Frequency, d.Year)
	for _, p := range periods {
		d.Columns = append(d.Columns, valuebook.PeriodName(lang, p))
	}
	ids := make([]int64, len(provinces))
	for i, u := range provinces {
		ids[i] = u.ID
	}
	vals, err := s.Indicators.FindValues(r.Context(), payesh.ValueFilter{IndicatorID: ind.ID, UnitIDs: ids,
		From: periods[0].String(), To: periods[len(periods)-1].String()})
	if err != nil {
		return err
	}
	byKey := make(map[string]*payesh.IndicatorValue, len(vals))
	for _, v := range vals {
		byKey[valuesKey(v.UnitID, v.Period)] = v
	}
	me := user(r)
	// Per period: the values counted in the national row, and whether all
	// of them are approved.
	national := make([][]float64, len(periods))
	approved := make([]bool, len(periods))
	for i := range approved {
		approved[i] = true
	}
	for _, u := range provinces {
		row := &matrixRow{Unit: u, Name: unitShortName(lang, u), FullName: pick(lang, u.NameFA, u.NameEN)}
		row.sortKey = payesh.CollationKey(unitShortName(i18n.FA, u))
		if lang == i18n.EN {
			row.sortKey = strings.ToLower(row.Name)
		}
		if me.CanEditWorkOf(u.Path) {
			row.Href = "/values?" + url.Values{"unit": {strconv.FormatInt(u.ID, 10)},
				"indicator": {strconv.FormatInt(ind.ID, 10)}, "period": {strconv.Itoa(d.Year)}}.Encode()
		}
		var mine []float64
		var last jalali.Period
		for i, p := range periods {
			var c matrixCell
			if v := byKey[valuesKey(u.ID, p.String())]; v != nil {
				c.Value, c.State = valuesNumber(lang, v.Value), v.State
				mine, last = append(mine, v.Value), p
				national[i] = append(national[i], v.Value)
				approved[i] = approved[i] && v.State == payesh.ValueApproved
			}
			row.Cells = append(row.Cells, c)
		}
		if len(mine) > 0 {
			row.Total = valuesStat(lang, valuesCombine(ind.TimeAgg, mine))
			row.TotalOf = valuesTotalOf(lang, ind, len(mine), last)
		}
		d.Rows = append(d.Rows, row)
	}
	slices.SortStableFunc(d.Rows, func(a, b *matrixRow) int { return cmp.Compare(a.sortKey, b.sortKey) })
	d.National = matrixNationalRow(lang, ind, periods, national, approved)
	return nil
}

// matrixNationalRow combines the provinces' values of each period by the
// indicator's unit rule, then those periods by its time rule.
func matrixNationalRow(lang i18n.Lang, ind *payesh.Indicator, periods []jalali.Period, byPeriod [][]float64, approved []bool) matrixNational {
	n := matrixNational{Computed: !ind.IsRatio()}
	n.Cells = make([]matrixFigure, len(byPeriod))
	if !n.Computed {
		return n
	}
	var year []float64
	var last jalali.Period
	yearApproved := true
	for i, vals := range byPeriod {
		if len(vals) == 0 {
			continue
		}
		v := valuesCombine(ind.UnitAgg, vals)
		n.Cells[i] = matrixFigure{Value: valuesStat(lang, v), Approved: approved[i],
			How: formDigits(lang, fmt.Sprintf(i18n.T(lang, "ui.matrix.counted"), len(vals)))}
		year, last = append(year, v), periods[i]
		yearApproved = yearApproved && approved[i]
	}
	if len(year) > 0 {
		n.Total = matrixFigure{Value: valuesStat(lang, valuesCombine(ind.TimeAgg, year)), Approved: yearApproved,
			How: valuesTotalOf(lang, ind, len(year), last)}
	}
	return n
}
