package web_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"payesh"
	"payesh/internal/store/storetest"
)

// TestUnitPageCappedCount: past 1,000 items a unit's page stops counting
// its work and says so, offers to count exactly, and still pages on; an
// overdue count under the cap stays exact, and asked for, both are.
func TestUnitPageCappedCount(t *testing.T) {
	e := newWorkEnv(t)
	var unit int64
	if err := e.db.SQL().QueryRow(`SELECT MIN(id) FROM org_units`).Scan(&unit); err != nil {
		t.Fatal(err)
	}
	_, err := e.db.SQL().Exec(`WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1100)
		INSERT INTO work_items (kind, title, owner_unit_id, status, path, depth, created_at, updated_at, due_date, late_from)
		SELECT 'action', 'انبوه ' || i, $1, 'not_started', '/0/', 0, $2, $2,
			CASE WHEN i % 2 = 0 THEN '2001-01-01' END, CASE WHEN i % 2 = 0 THEN '2001-01-01' END FROM n`, unit, workNow())
	if err != nil {
		t.Fatal(err)
	}
	// The page's own counts, exact: the subtree's work, owned or
	// partnered, beside the items above.
	count := func(overdue *bool) int {
		n, _, err := e.db.CountWorkItems(storetest.System(), payesh.WorkItemFilter{UnitID: unit, IncludePartner: true, Overdue: overdue}, 0)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	yes := true
	all, late := count(nil), count(&yes)
	if late < 550 || late > 1000 || all < 1100 {
		t.Fatalf("the test needs over 1,000 items and under 1,000 overdue: %d of %d", late, all)
	}
	c := e.as("viewer")
	page := fmt.Sprintf("/units/%d", unit)
	r := c.get(page)
	r.want(t, http.StatusOK, `id="count-capped"`, "شمارش کارها در ۱٬۰۰۰ متوقف شد",
		`href="`+page+`?count=exact" rel="nofollow">شمارش دقیق</a>`, "۱ تا ۵۰ از بیش از ۱٬۰۰۰", `rel="next"`)
	if work := section(r.body, `id="work-count"`); !strings.Contains(work, "بیش از ۱٬۰۰۰") {
		t.Errorf("the work card does not say more than 1,000:\n%s", work)
	}
	if overdue := section(r.body, `id="overdue-count"`); !strings.Contains(overdue, faNum(late)) || strings.Contains(overdue, "بیش از") {
		t.Errorf("the overdue card does not say %d exactly:\n%s", late, overdue)
	}
	r = c.get(page + "?count=exact")
	r.want(t, http.StatusOK, "۱ تا ۵۰ از "+faNum(all), `href="`+page+`?overdue=1&amp;count=exact"`)
	r.lacks(t, `id="count-capped"`, "بیش از")
	if work := section(r.body, `id="work-count"`); !strings.Contains(work, faNum(all)) {
		t.Errorf("the exact work card does not say %d:\n%s", all, work)
	}
	r = c.get(page + "?overdue=1")
	r.want(t, http.StatusOK, "۱ تا ۵۰ از "+faNum(late), `id="count-capped"`)
}

// section is the text from the first mark in body to the end of its card.
func section(body, mark string) string {
	i := strings.Index(body, mark)
	if i < 0 {
		return ""
	}
	s := body[i:]
	if j := strings.Index(s, "</a>"); j >= 0 {
		s = s[:j]
	}
	return s
}

// faNum writes n as the pages do: Persian digits in groups of three.
func faNum(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, d := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteRune('٬')
		}
		b.WriteRune('۰' + d - '0')
	}
	return b.String()
}
