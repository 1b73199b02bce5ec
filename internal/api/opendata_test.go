package api

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"payesh"
	"payesh/internal/jalali"
	"payesh/internal/opendata/adxtest"
)

// openEnv is the API over units with indicator values in every state:
//
//	org ─┬─ prov-a ── branch-a1
//	     ├─ prov-b
//	     └─ uni (a partner, owning work that the indicator covered measures)
//
// covered (monthly, نفر) for prov-a, branch-a1 and prov-b, 1402-12 and
// 1403-01..1403-12; satisfaction (quarterly, درصد) for prov-a, 1403Q1–Q4;
// debt (yearly, ریال) for org, 1402 and 1403. Every value is approved but
// prov-b's covered from 1403-06 on: drafts, one submitted and one
// returned.
type openEnv struct {
	*env
	ind map[string]payesh.Indicator
}

func newOpenEnv(t *testing.T) *openEnv {
	e := &openEnv{env: newEnv(t), ind: map[string]payesh.Indicator{}}
	e.clock.Add(330 * 24 * time.Hour) // 1404/02/07: all of 1403 is past, and may be reported
	e.addUnit("uni", payesh.UnitPartner, "org")
	e.addUser("partner", payesh.RoleReporter, "uni")
	work := e.addWork("پژوهش مشترک", "uni", nil, payesh.NewDate(2025, 3, 1), 1)
	e.ind["covered"] = e.addIndicator("covered", map[string]any{"work_item_ids": []int64{work.ID}})
	e.ind["satisfaction"] = e.addIndicator("satisfaction", map[string]any{"frequency": "quarterly", "measure": "درصد", "unit_agg": "avg", "time_agg": "avg"})
	e.ind["debt"] = e.addIndicator("debt", map[string]any{"frequency": "yearly", "measure": "ریال"})

	var approved, later []map[string]any
	cell := func(ind, unit, period string, v float64) map[string]any {
		return map[string]any{"indicator_id": e.ind[ind].ID, "unit_id": e.unit[unit].ID, "period": period, "value": v}
	}
	for i, unit := range []string{"prov-a", "branch-a1", "prov-b"} {
		approved = append(approved, cell("covered", unit, "1402-12", float64(1000*(i+1))))
		for m := 1; m <= 12; m++ {
			c := cell("covered", unit, fmt.Sprintf("1403-%02d", m), float64(1000*(i+1)+m)+0.25)
			if unit == "prov-b" && m >= 6 {
				later = append(later, c)
			} else {
				approved = append(approved, c)
			}
		}
	}
	for q := 1; q <= 4; q++ {
		approved = append(approved, cell("satisfaction", "prov-a", fmt.Sprintf("1403Q%d", q), 80+float64(q)))
	}
	approved = append(approved, cell("debt", "org", "1402", -4.5e12), cell("debt", "org", "1403", -5.25e12))
	e.ok(e.do("POST", apiPath("/indicators/values"), "sec", map[string]any{"values": approved}), http.StatusOK, nil)
	for _, ind := range e.ind {
		e.approveAll(ind.ID)
	}
	var saved valueList
	e.ok(e.do("POST", apiPath("/indicators/values"), "sec", map[string]any{"values": later}), http.StatusOK, &saved)
	e.ok(e.do("POST", apiPath("/indicators/values/review"), "sec",
		map[string]any{"ids": []int64{saved.Items[0].ID}, "state": "returned"}), http.StatusOK, nil)
	// A value submitted with its unit's report: set directly, as the
	// report flow is not what is under test.
	if _, err := e.db.SQL().Exec(`UPDATE indicator_values SET state = $1 WHERE id = $2`,
		payesh.ValueSubmitted, saved.Items[1].ID); err != nil {
		t.Fatal(err)
	}
	return e
}

// openRow is one exported value, as either format says it.
type openRow struct {
	indicator, unit string
	period          jalali.Period
	value           float64
}

func (r openRow) String() string {
	return fmt.Sprintf("%s/%s/%s=%v", r.indicator, r.unit, r.period, r.value)
}

// approvedRows is what an export of from..to must hold, from the values
// API as the secretariat reads them (every value, every state): the
// approved ones whose period lies within the range, of units under root
// ("" for all) and of the given indicators.
func (e *openEnv) approvedRows(from, to, root string, indicators ...string) []string {
	e.t.Helper()
	code := map[int64]string{}
	for c, i := range e.ind {
		code[i.ID] = c
	}
	unitCode := map[int64]string{}
	for c, u := range e.unit {
		unitCode[u.ID] = c
	}
	f, _ := jalali.ParsePeriod(from)
	t, _ := jalali.ParsePeriod(to)
	var out []string
	for _, v := range e.values("") {
		p, _ := jalali.ParsePeriod(v.Period)
		u := e.unit[unitCode[v.UnitID]]
		if v.State != payesh.ValueApproved || p.First().Before(f.First()) || p.Last().After(t.Last()) ||
			(root != "" && !payesh.IsUnder(u.Path, e.unit[root].Path)) || !slices.Contains(indicators, code[v.IndicatorID]) {
			continue
		}
		out = append(out, openRow{code[v.IndicatorID], u.Code, p, v.Value}.String())
	}
	slices.Sort(out)
	return out
}

var everyIndicator = []string{"covered", "satisfaction", "debt"}

// adxRows validates an ADX answer against the schema and reads it back:
// each group's period through the calendar, and each group once.
func adxRows(t *testing.T, r *result) []string {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("ADX export: %d %s", r.status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/adx+xml; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := r.header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="payesh-values-`) || !strings.HasSuffix(cd, `.adx.xml"`) {
		t.Errorf("Content-Disposition %q", cd)
	}
	adxtest.Validate(t, r.body)
	var doc struct {
		Groups []struct {
			OrgUnit string `xml:"orgUnit,attr"`
			Period  string `xml:"period,attr"`
			Values  []struct {
				DataElement string `xml:"dataElement,attr"`
				Value       string `xml:"value,attr"`
			} `xml:"dataValue"`
		} `xml:"group"`
	}
	if err := xml.Unmarshal(r.body, &doc); err != nil {
		t.Fatal(err)
	}
	var out []string
	seen := map[string]bool{}
	for _, g := range doc.Groups {
		p, err := jalali.PeriodOfInterval(g.Period)
		if err != nil {
			t.Errorf("group %s: %v", g.OrgUnit, err)
		}
		if key := g.OrgUnit + " " + g.Period; seen[key] {
			t.Errorf("two groups for %s", key)
		} else {
			seen[key] = true
		}
		for _, v := range g.Values {
			f, err := strconv.ParseFloat(v.Value, 64)
			if err != nil {
				t.Errorf("value %q", v.Value)
			}
			out = append(out, openRow{v.DataElement, g.OrgUnit, p, f}.String())
		}
	}
	slices.Sort(out)
	return out
}

// sdmxRows reads an SDMX-CSV answer back with encoding/csv.
func sdmxRows(t *testing.T, r *result) []string {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("SDMX-CSV export: %d %s", r.status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	records, err := csv.NewReader(bytes.NewReader(r.body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(records[0], ",") != "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,INDICATOR,REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,JALALI_PERIOD" {
		t.Fatalf("header %q", records[0])
	}
	var out []string
	for _, rec := range records[1:] {
		p, err := jalali.PeriodOfInterval(rec[6])
		if err != nil || p.String() != rec[9] {
			t.Errorf("TIME_PERIOD %q against JALALI_PERIOD %q: %v", rec[6], rec[9], err)
		}
		f, err := strconv.ParseFloat(rec[7], 64)
		if err != nil {
			t.Errorf("OBS_VALUE %q", rec[7])
		}
		out = append(out, openRow{rec[4], rec[5], p, f}.String())
	}
	slices.Sort(out)
	return out
}

func sameRows(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(want) == 0 {
		t.Fatalf("%s: the test expects nothing; it would prove nothing", what)
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got %d %v\nwant %d %v", what, len(got), got, len(want), want)
	}
}

// TestOpenDataExport: both formats hold exactly the approved values of the
// range — never a draft, a submitted or a returned one, never one outside
// the range, a year only when the range holds all of it — for each filter;
// the ADX validates against its schema and every period, read back
// through the calendar, is the value's own.
func TestOpenDataExport(t *testing.T) {
	e := newOpenEnv(t)
	if n := len(e.values("")); n != 3*13+4+2 {
		t.Fatalf("%d values in the store", n)
	}
	for _, tt := range []struct {
		name, query, from, to, root string
		indicators                  []string
	}{
		{"the year", "from=1403-01&to=1403-12", "1403-01", "1403-12", "", everyIndicator},
		{"the year as a year", "from=1403&to=1403", "1403", "1403", "", everyIndicator},
		{"two years", "from=1402&to=1403", "1402", "1403", "", everyIndicator},
		{"a season's months", "from=1403-04&to=1403-06", "1403-04", "1403-06", "", everyIndicator},
		{"part of a season", "from=۱۴۰۳-۰۲&to=1403-05", "1403-02", "1403-05", "", everyIndicator},
		{"one province's subtree", "from=1403-01&to=1403-12&unit={prov-a}", "1403-01", "1403-12", "prov-a", everyIndicator},
		{"one indicator", "from=1402-01&to=1403-12&indicator={covered}", "1402-01", "1403-12", "", []string{"covered"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			q := strings.NewReplacer("{prov-a}", strconv.FormatInt(e.unit["prov-a"].ID, 10),
				"{covered}", strconv.FormatInt(e.ind["covered"].ID, 10)).Replace(tt.query)
			want := e.approvedRows(tt.from, tt.to, tt.root, tt.indicators...)
			sameRows(t, "ADX", adxRows(t, e.do("GET", apiPath("/open-data/values?format=adx&%s", q), "viewer", nil)), want)
			sameRows(t, "SDMX-CSV", sdmxRows(t, e.do("GET", apiPath("/open-data/values?format=sdmx-csv&%s", q), "viewer", nil)), want)
		})
	}
}

// TestOpenDataDurations: ADX writes Jalali months by default (what DHIS2
// with the Persian calendar reads), SDMX-CSV exact days, and either can be
// asked for the other.
func TestOpenDataDurations(t *testing.T) {
	e := newOpenEnv(t)
	q := "from=1403-01&to=1403-12&unit=" + strconv.FormatInt(e.unit["prov-a"].ID, 10)
	for _, tt := range []struct {
		format, durations string
		want              []string
	}{
		{"adx", "", []string{`period="2024-03-20/P1M"`, `period="2024-03-20/P3M"`, `period="2024-12-21/P1M"`}},
		{"adx", "days", []string{`period="2024-03-20/P31D"`, `period="2024-03-20/P93D"`, `period="2024-12-21/P30D"`}},
		{"sdmx-csv", "", []string{",2024-03-20/P31D,", ",2024-03-20/P93D,", ",2025-02-19/P30D,"}},
		{"sdmx-csv", "calendar", []string{",2024-03-20/P1M,", ",2024-03-20/P3M,", ",2025-02-19/P1M,"}},
	} {
		path := apiPath("/open-data/values?format=%s&%s", tt.format, q)
		if tt.durations != "" {
			path += "&durations=" + tt.durations
		}
		r := e.do("GET", path, "viewer", nil)
		if r.status != http.StatusOK {
			t.Fatalf("%s: %d %s", path, r.status, r.body)
		}
		for _, w := range tt.want {
			if !bytes.Contains(r.body, []byte(w)) {
				t.Errorf("%s: no %s in\n%s", path, w, r.body)
			}
		}
	}
}

// TestOpenDataScope: what leaves is what the reader may read. The
// province's reporter gets the approved values, never its own drafts;
// the partner gets only the indicator linked to its work, and the others
// do not exist for it; without a session there is nothing.
func TestOpenDataScope(t *testing.T) {
	e := newOpenEnv(t)
	all := e.approvedRows("1403-01", "1403-12", "", everyIndicator...)
	for _, who := range []string{"admin", "sec", "reporter", "viewer"} {
		sameRows(t, who, sdmxRows(t, e.do("GET", apiPath("/open-data/values?format=sdmx-csv&from=1403-01&to=1403-12"), who, nil)), all)
	}
	// The reporter of prov-a writes a draft of its own: read in its grid,
	// it never leaves.
	e.ok(e.do("POST", apiPath("/indicators/values"), "reporter", map[string]any{"values": []map[string]any{
		{"indicator_id": e.ind["covered"].ID, "unit_id": e.unit["prov-a"].ID, "period": "1404-01", "value": 99},
	}}), http.StatusOK, nil)
	if !slices.ContainsFunc(e.values("unit="+strconv.FormatInt(e.unit["prov-a"].ID, 10)), func(v payesh.IndicatorValue) bool {
		return v.State == payesh.ValueDraft && v.Period == "1404-01"
	}) {
		t.Fatal("the reporter's draft was not saved")
	}
	sameRows(t, "reporter after a draft", adxRows(t, e.do("GET", apiPath("/open-data/values?format=adx&from=1403-01&to=1404-01"), "reporter", nil)),
		e.approvedRows("1403-01", "1404-01", "", everyIndicator...))

	sameRows(t, "partner", sdmxRows(t, e.do("GET", apiPath("/open-data/values?format=sdmx-csv&from=1403-01&to=1403-12"), "partner", nil)),
		e.approvedRows("1403-01", "1403-12", "", "covered"))
	r := e.do("GET", apiPath("/open-data/values?format=adx&from=1403-01&to=1403-12&indicator=%d", e.ind["debt"].ID), "partner", nil)
	if r.status != http.StatusNotFound || r.apiError().Error.Code != payesh.ENOTFOUND {
		t.Errorf("the partner asks for the debt: %d %s", r.status, r.body)
	}
	if r := e.do("GET", apiPath("/open-data/values?format=adx&from=1403-01&to=1403-12"), "", nil); r.status != http.StatusUnauthorized {
		t.Errorf("without a session: %d %s", r.status, r.body)
	}
}

// TestOpenDataRefused: every bad request is answered before a byte of a
// file, in JSON, naming its parameter.
func TestOpenDataRefused(t *testing.T) {
	e := newOpenEnv(t)
	for _, tt := range []struct {
		query  string
		status int
		field  string
	}{
		{"from=1403-01&to=1403-12", http.StatusBadRequest, "format"},
		{"format=xlsx&from=1403-01&to=1403-12", http.StatusBadRequest, "format"},
		{"format=adx&to=1403-12", http.StatusBadRequest, "from"},
		{"format=adx&from=1403-01", http.StatusBadRequest, "to"},
		{"format=adx&from=1403-13&to=1403-12", http.StatusBadRequest, "from"},
		{"format=adx&from=1403-06&to=1403-01", http.StatusBadRequest, "to"},
		{"format=adx&from=1398-12&to=1403-01", http.StatusBadRequest, "to"},
		{"format=adx&from=1403-01&to=1403-12&durations=weeks", http.StatusBadRequest, "durations"},
		{"format=adx&from=1403-01&to=1403-12&unit=0", http.StatusBadRequest, "unit"},
		{"format=adx&from=1403-01&to=1403-12&period=1403", http.StatusBadRequest, "period"},
		{"format=adx&format=sdmx-csv&from=1403-01&to=1403-12", http.StatusBadRequest, "format"},
		{"format=adx&from=1403-01&to=1403-12&unit=999999", http.StatusNotFound, ""},
		{"format=sdmx-csv&from=1403-01&to=1403-12&indicator=999999", http.StatusNotFound, ""},
		// No approved value in 1401: an ADX message cannot be empty.
		{"format=adx&from=1401&to=1401", http.StatusNotFound, ""},
	} {
		r := e.do("GET", apiPath("/open-data/values?%s", tt.query), "viewer", nil)
		a := r.apiError()
		if r.status != tt.status || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
			t.Errorf("%s: %d %s %s, want %d", tt.query, r.status, r.header.Get("Content-Type"), r.body, tt.status)
			continue
		}
		if tt.field != "" && a.Error.Fields[tt.field] == "" {
			t.Errorf("%s: fields %v, want one on %s", tt.query, a.Error.Fields, tt.field)
		}
	}
	// SDMX-CSV has an empty dataset: the header alone.
	if rows := sdmxRows(t, e.do("GET", apiPath("/open-data/values?format=sdmx-csv&from=1401&to=1401"), "viewer", nil)); len(rows) != 0 {
		t.Errorf("1401: %v", rows)
	}
}
