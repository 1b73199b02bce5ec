package web_test

import (
	"net/http"
	"net/url"
	"testing"
)

// TestWorkListCappedCount: past 1,000 items the list stops counting and
// says so — "more than ۱٬۰۰۰" — and still offers the next page.
func TestWorkListCappedCount(t *testing.T) {
	e := newWorkEnv(t)
	var unit int64
	if err := e.db.SQL().QueryRow(`SELECT MIN(id) FROM org_units`).Scan(&unit); err != nil {
		t.Fatal(err)
	}
	_, err := e.db.SQL().Exec(`WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1100)
		INSERT INTO work_items (kind, title, owner_unit_id, status, path, depth, created_at, updated_at)
		SELECT 'action', 'انبوه ' || i, $1, 'not_started', '/0/', 0, $2, $2 FROM n`, unit, workNow())
	if err != nil {
		t.Fatal(err)
	}
	c := e.as("viewer")
	r := c.get("/work")
	r.want(t, http.StatusOK, `<p class="muted" id="work-total">بیش از ۱٬۰۰۰ کار</p>`,
		"ردیف ۱ تا ۵۰ از بیش از ۱٬۰۰۰", "۱ تا ۵۰ از بیش از ۱٬۰۰۰", `rel="next"`)
	r = c.get("/work?offset=1000")
	r.want(t, http.StatusOK, "بیش از ۱٬۰۵۰ کار", "۱۰۰۱ تا ۱۰۵۰ از بیش از ۱٬۰۵۰", `rel="next"`, `rel="prev"`)
	r = c.get("/work?q=" + url.QueryEscape("انبوه 1100"))
	r.want(t, http.StatusOK, `<p class="muted" id="work-total">۱ کار</p>`)
}
