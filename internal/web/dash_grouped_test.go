package web_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"payesh"
)

// TestDashboardGroupedByAxis: a scorecard of more indicators than a page
// shows keeps every axis's counts and shows one axis's table at a time.
func TestDashboardGroupedByAxis(t *testing.T) {
	t.Parallel()
	a := newValuesAxes(t)
	c := a.e.as("secretariat")
	one, two := strconv.FormatInt(a.one, 10), strconv.FormatInt(a.two, 10)
	shows := func(body string, want []*payesh.Indicator, not ...[]*payesh.Indicator) {
		t.Helper()
		for _, i := range want {
			if !strings.Contains(body, i.NameFA+"<") {
				t.Errorf("%s is not on the page", i.Code)
			}
		}
		for _, list := range not {
			for _, i := range list {
				if strings.Contains(body, i.NameFA+"<") {
					t.Errorf("%s, of another axis, is on the page", i.Code)
				}
			}
		}
	}

	r := c.get("/dashboard?period=1403")
	r.want(t, http.StatusOK, workFA("ui.dash.by_axis"), `&amp;axis=`+one+`#axis-`+one, `&amp;axis=`+two+`#axis-`+two,
		`&amp;axis=none#axis-none`, `id="axis-`+one+`"`, `aria-current="page"`)
	shows(r.body, a.onOne, a.onTwo, a.linkedNone)
	if strings.Contains(r.body, `id="axis-`+two+`"`) {
		t.Error("the table of a second axis is rendered")
	}
	// The axes table still counts every indicator: 30 on axis one with no
	// data, 12 on axis two.
	for _, n := range []string{"۳۰", "۱۲"} {
		if !strings.Contains(r.body, `<td class="num">`+n+`</td>`) {
			t.Errorf("the axes table lacks the count %s", n)
		}
	}

	r = c.get("/dashboard?period=1403&axis=" + two)
	r.want(t, http.StatusOK, `id="axis-`+two+`"`)
	shows(r.body, a.onTwo, a.onOne, a.linkedNone)
	r = c.get("/dashboard?period=1403&axis=none")
	r.want(t, http.StatusOK, `id="axis-none"`)
	shows(r.body, a.linkedNone, a.onOne, a.onTwo)
	// An axis that is not there falls back to the first.
	r = c.get("/dashboard?period=1403&axis=99999")
	shows(r.body, a.onOne, a.onTwo)
}
