package web_test

import (
	"net/http"
	"testing"

	"payesh"
	"payesh/internal/demo"
	"payesh/internal/store/storetest"
)

// TestDashOpensOnIndicatorLatest: a page about one indicator, asked for no
// period, opens on the latest year in which that indicator has data —
// the province ranking where provinces reported it, the indicator's page
// at the unit — not on this year nor on the unit's latest year over all
// indicators, and says which year is shown and why. Asked for a year,
// the page shows that year and no notice.
func TestDashOpensOnIndicatorLatest(t *testing.T) {
	s, _ := dashDemoSite(t, true)
	sys := storetest.System()
	sat := s.indicatorByCode(t, "audience-satisfaction") // yearly, provinces report it; no figure in the demo
	fars, khorasan := s.unitByCode("prov-fars"), s.unitByCode("prov-khorasan-razavi")
	saved, err := s.db.SaveValues(sys, []payesh.IndicatorValue{
		{IndicatorID: sat.ID, UnitID: fars.ID, Period: "1399", Value: 61},
		{IndicatorID: sat.ID, UnitID: khorasan.ID, Period: "1399", Value: 74},
	})
	if err != nil {
		t.Fatal(err)
	}
	ids := []int64{saved[0].ID, saved[1].ID}
	if _, err := s.db.ReviewValues(sys, ids, payesh.ValueApproved); err != nil {
		t.Fatal(err)
	}
	u := s.as("viewer", demo.Password)
	for _, c := range []struct {
		name, path, year string
	}{
		// The organization's latest year is 1401; satisfaction's provinces last reported in 1399.
		{"ranking", "/dashboard/provinces?indicator=" + paID(sat.ID), "1399"},
		// Pensioners: the organization's one figure is of 1396.
		{"indicator page", "/indicators/" + paID(s.indicatorByCode(t, "pensioners").ID), "1396"},
	} {
		p := u.get(c.path).must(t, c.name, http.StatusOK)
		p.has(t, c.name, `id="dash-latest"`, `<option value="`+c.year+`" selected>`,
			"سال ۱۴۰۳ هنوز دادهٔ تأییدشده ندارد؛ سال "+toFA(c.year)+" نمایش داده می‌شود: آخرین دوره‌ای که داده دارد")
	}
	ranking := u.get("/dashboard/provinces?indicator="+paID(sat.ID)).must(t, "ranking", http.StatusOK)
	ranking.has(t, "ranking", `data-v="74"`, `data-v="61"`)
	asked := u.get("/dashboard/provinces?indicator="+paID(sat.ID)+"&period=1402").must(t, "asked", http.StatusOK)
	asked.lacks(t, "asked", `id="dash-latest"`, `data-v="74"`)
	asked.has(t, "asked", `<option value="1402" selected>`)
}

// toFA writes Latin digits as Persian ones.
func toFA(s string) string {
	r := []rune(s)
	for i, c := range r {
		if c >= '0' && c <= '9' {
			r[i] = '۰' + (c - '0')
		}
	}
	return string(r)
}
