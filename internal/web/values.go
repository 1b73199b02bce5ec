package web

import (
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
	"payesh/internal/valuebook"
)

// valuesGridData is the value-entry grid: one unit's indicators over the
// base periods of one Jalali year, one table per reporting frequency so
// that every column of a table is the same kind of period.
type valuesGridData struct {
	Unit        *payesh.OrgUnit
	Units       []workOption // the units the user may report for
	Indicators  []*payesh.Indicator
	IndicatorID int64 // 0: every indicator the unit reports
	Year        int
	Years       []int
	Tables      []*valuesTable
	// Groups are the policy's axes when the unit reports too many
	// indicators for one screen (valuesGroupAbove); nil shows them all.
	// Group is the axis shown, nil when every row is.
	Groups []*valuesGroup
	Group  *valuesGroup
	// Refused are the cells of an uploaded workbook that were refused.
	Refused []valuesUploadCell
	lang    i18n.Lang
	today   jalali.Date
	shown   []*payesh.Indicator // the rows, before they are laid out
}

// valuesTable is the indicators of one frequency: rows are indicators,
// columns the year's months, seasons or the year itself.
type valuesTable struct {
	Frequency payesh.Frequency
	Columns   []string // period names without the year
	Rows      []*valuesRow
	periods   []jalali.Period
	lang      i18n.Lang
}

type valuesRow struct {
	Indicator *payesh.Indicator
	Name      string
	Cells     []*valuesCell
	// Own says the unit enters its own official figure here, kept apart
	// from the sum of the units below it, rather than a value that adds up.
	Own bool
	// Stats are the year's total, target and % of target beside the
	// cells (values_totals.go).
	Stats valuesStats
}

// Query is the grid's address without a flash: what a save returns to.
func (d *valuesGridData) Query() string {
	q := url.Values{"unit": {strconv.FormatInt(d.Unit.ID, 10)}, "period": {strconv.Itoa(d.Year)}}
	if d.IndicatorID != 0 {
		q.Set("indicator", strconv.FormatInt(d.IndicatorID, 10))
	}
	if d.Group != nil {
		q.Set("axis", d.Group.Key)
	}
	return q.Encode()
}

// YearLink is the grid of the same unit and indicators in another year.
func (d *valuesGridData) YearLink(year int) string {
	q := url.Values{"unit": {strconv.FormatInt(d.Unit.ID, 10)}, "period": {strconv.Itoa(year)}}
	if d.IndicatorID != 0 {
		q.Set("indicator", strconv.FormatInt(d.IndicatorID, 10))
	}
	if d.Group != nil {
		q.Set("axis", d.Group.Key)
	}
	return "/values?" + q.Encode()
}

// IndicatorOptions are the indicator filter's options, the one shown
// selected, written here rather than in the template: a unit reporting
// every national indicator has hundreds, three template actions each.
func (d *valuesGridData) IndicatorOptions() template.HTML {
	var b strings.Builder
	b.Grow(128 * len(d.Indicators))
	for _, i := range d.Indicators {
		b.WriteString(`<option value="` + strconv.FormatInt(i.ID, 10) + `"`)
		if i.ID == d.IndicatorID {
			b.WriteString(" selected")
		}
		b.WriteString(">" + html.EscapeString(pick(d.lang, i.NameFA, i.NameEN)) + "</option>")
	}
	return template.HTML(b.String())
}

// valuesGrid shows the grid of ?unit (default the user's), ?indicator
// (default every one the unit reports) and ?period (a year, default this
// one). A bad parameter never fails the page: the default is shown and the
// problem is named beside its filter, as on the work list.
func (s *server) valuesGrid(w http.ResponseWriter, r *http.Request) error {
	d, errs, err := s.valuesLoad(r, r.URL.Query(), false)
	if err != nil {
		return err
	}
	if err := s.valuesFill(r, d, nil); err != nil {
		return err
	}
	v := s.newView(r, "ui.values.title", d)
	v.Errors = errs
	return s.render(w, r, http.StatusOK, "values", v)
}

// valuesLoad reads which grid q asks for. Lenient (a GET), a bad
// parameter falls back to its default and is returned as a field error;
// strict (a POST), it is the error: a unit the user may not report for is
// forbidden, whatever the form says.
func (s *server) valuesLoad(r *http.Request, q url.Values, strict bool) (*valuesGridData, map[string]string, error) {
	d := &valuesGridData{lang: langOf(r), today: payesh.Today(s.Now()).Jalali()}
	errs := map[string]string{}
	fail := func(field, key string, err error) error {
		if strict {
			return err
		}
		errs[field] = key
		return nil
	}
	if err := s.valuesUnit(r, d, q.Get("unit"), fail); err != nil {
		return nil, nil, err
	}
	if err := valuesYear(s.Now, d, q.Get("period"), fail); err != nil {
		return nil, nil, err
	}
	if err := s.valuesIndicators(r, d, q.Get("indicator"), fail); err != nil {
		return nil, nil, err
	}
	if err := s.valuesGroups(r, d, q, strict); err != nil {
		return nil, nil, err
	}
	d.Tables = valuesTables(d.lang, d.shown, d.Year, d.Unit.Kind, d.today)
	return d, errs, nil
}

// valuesFail handles a bad parameter: it names the problem beside the
// field (key) and returns nil, or returns err when the caller is strict.
type valuesFail func(field, key string, err error) error

// valuesUnit picks the unit: the one asked for if the user may report
// for it, else the user's own (or the first they may report for).
func (s *server) valuesUnit(r *http.Request, d *valuesGridData, param string, fail valuesFail) error {
	opts, units, err := s.workUnits(r)
	if err != nil {
		return err
	}
	for _, o := range opts {
		if o.Editable {
			d.Units = append(d.Units, o)
		}
	}
	if len(d.Units) == 0 {
		// A viewer reports nothing; the grid would be all read-only.
		return payesh.ErrForbidden
	}
	me := user(r)
	id := me.UnitID
	if !workHasOption(d.Units, id) {
		id = d.Units[0].ID
	}
	if param != "" {
		n, perr := strconv.ParseInt(jalali.ToLatinDigits(param), 10, 64)
		switch u, ok := units[n]; {
		case perr != nil || !ok:
			if err := fail("unit", "err.unknown_ref", payesh.Errorf(payesh.ENOTFOUND, "err.not_found.org_unit")); err != nil {
				return err
			}
		case !me.CanEditWorkOf(u.Path):
			if err := fail("unit", "err.values.unit_forbidden", payesh.ErrForbidden); err != nil {
				return err
			}
		default:
			id = n
		}
	}
	d.Unit = units[id]
	return nil
}

// valuesYear reads the year: "1403", "۱۴۰۳", or any period of it. The
// year select offers this year, the next and the nine before, and the
// year shown if it is further away.
func valuesYear(now func() time.Time, d *valuesGridData, param string, fail valuesFail) error {
	this := payesh.Today(now()).Jalali().Year
	d.Year = this
	if p, err := jalali.ParsePeriod(param); err == nil {
		d.Year = p.Year
	} else if param != "" {
		if err := fail("period", "err.values.year", payesh.Invalid(map[string]string{"period": "err.values.year"})); err != nil {
			return err
		}
	}
	for y := this + 1; y >= this-9; y-- {
		d.Years = append(d.Years, y)
	}
	if d.Year > this+1 || d.Year < this-9 {
		d.Years = append(d.Years, d.Year)
	}
	return nil
}

// valuesIndicators picks the rows: the one indicator asked for, or every
// indicator the unit enters values of — those its kind reports and those
// it may state its own official figure of (an indicator naming no kinds
// is the organization's). The filter offers these; one the unit enters
// nothing of is named beside the filter and has no row.
func (s *server) valuesIndicators(r *http.Request, d *valuesGridData, param string, fail valuesFail) error {
	all, err := valuebook.AllIndicators(r.Context(), s.Indicators)
	if err != nil {
		return err
	}
	for _, i := range all {
		if valuebook.Enters(i, d.Unit.Kind) {
			d.Indicators = append(d.Indicators, i)
		}
	}
	shown := d.Indicators
	if param != "" {
		n, perr := strconv.ParseInt(jalali.ToLatinDigits(param), 10, 64)
		chosen := valuesFind(all, n)
		if perr != nil || chosen == nil {
			if err := fail("indicator", "err.unknown_ref", payesh.Errorf(payesh.ENOTFOUND, "err.not_found.indicator")); err != nil {
				return err
			}
		} else {
			d.IndicatorID, shown = n, []*payesh.Indicator{chosen}
			if valuesFind(d.Indicators, n) == nil {
				d.Indicators = append(d.Indicators, chosen)
				shown = nil
				if err := fail("indicator", "err.indicator.not_reporting", payesh.Invalid(map[string]string{"indicator": "err.indicator.not_reporting"})); err != nil {
					return err
				}
			}
		}
	}
	d.shown = shown
	return nil
}

func valuesFind(list []*payesh.Indicator, id int64) *payesh.Indicator {
	for _, i := range list {
		if i.ID == id {
			return i
		}
	}
	return nil
}

// valuesTables lays the indicators out, one table per frequency that has
// any, with a row of empty cells per indicator; a cell of a period that
// has not begun on today is marked future and offers no input.
func valuesTables(lang i18n.Lang, inds []*payesh.Indicator, year int, kind payesh.UnitKind, today jalali.Date) []*valuesTable {
	var tables []*valuesTable
	for _, f := range valuebook.Frequencies {
		t := &valuesTable{Frequency: f, periods: valuebook.BasePeriods(f, year), lang: lang}
		when := make([]string, len(t.periods))
		for i, p := range t.periods {
			t.Columns = append(t.Columns, valuebook.PeriodName(lang, p))
			when[i] = valuebook.PeriodLabel(lang, p)
		}
		for _, i := range inds {
			if i.Frequency != f {
				continue
			}
			row := &valuesRow{Indicator: i, Name: pick(lang, i.NameFA, i.NameEN), Own: !i.Reports(kind)}
			for j, p := range t.periods {
				c := newValuesCell(lang, i, row.Name, p, when[j])
				c.Future = p.First().After(today)
				row.Cells = append(row.Cells, c)
			}
			t.Rows = append(t.Rows, row)
		}
		if len(t.Rows) > 0 {
			tables = append(tables, t)
		}
	}
	return tables
}

// valuesFill puts the saved values into the cells, and over them what the
// user typed when form is a submitted grid. A grid shown one axis at a
// time (Groups) reads the values of the rows it shows, and counts each
// axis's empty and returned cells from a tally of the year by indicator
// (valuesCount), not from every value the unit has.
func (s *server) valuesFill(r *http.Request, d *valuesGridData, form url.Values) error {
	rows := map[payesh.Frequency][]int64{}
	for _, t := range d.Tables {
		for _, row := range t.Rows {
			rows[t.Frequency] = append(rows[t.Frequency], row.Indicator.ID)
		}
	}
	byKey := map[string]*payesh.IndicatorValue{}
	for _, f := range valuebook.Frequencies {
		if len(rows[f]) == 0 {
			continue
		}
		periods := valuebook.BasePeriods(f, d.Year)
		vf := payesh.ValueFilter{IndicatorID: d.IndicatorID, UnitID: d.Unit.ID,
			From: periods[0].String(), To: periods[len(periods)-1].String()}
		if d.Groups != nil {
			vf.IndicatorIDs = rows[f]
		}
		saved, err := s.Indicators.FindValues(r.Context(), vf)
		if err != nil {
			return err
		}
		for _, v := range saved {
			byKey[valuesKey(v.IndicatorID, v.Period)] = v
		}
	}
	for _, t := range d.Tables {
		for _, row := range t.Rows {
			for _, c := range row.Cells {
				c.fill(d.lang, byKey[c.Key], form)
			}
		}
	}
	if err := s.valuesCount(r, d); err != nil {
		return err
	}
	return s.valuesTargets(r, d)
}

// valuesKey names a cell in form fields: "7.1403-01".
func valuesKey(indicatorID int64, period string) string {
	return strconv.FormatInt(indicatorID, 10) + "." + period
}
