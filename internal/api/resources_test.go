package api

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	"payesh"
)

func TestOrgUnits(t *testing.T) {
	e := newEnv(t)
	var u payesh.OrgUnit
	r := e.do("POST", apiPath("/org-units"), "sec", map[string]any{
		"kind": "branch", "code": "b-12", "name_fa": "شعبه ١٢ كرج", "parent_id": e.unit["prov-a"].ID,
	})
	e.ok(r, http.StatusCreated, &u)
	if r.header.Get("Location") != apiPath("/org-units/%d", u.ID) || u.NameFA != "شعبه ١٢ کرج" || u.Depth != e.unit["prov-a"].Depth+1 {
		t.Errorf("created %+v at %s", u, r.header.Get("Location"))
	}
	units := func(query string) []int64 {
		t.Helper()
		var list struct{ Items []payesh.OrgUnit }
		e.ok(e.do("GET", apiPath("/org-units?%s", query), "viewer", nil), http.StatusOK, &list)
		var out []int64
		for _, x := range list.Items {
			out = append(out, x.ID)
		}
		slices.Sort(out)
		return out
	}
	a, a1, b := e.unit["prov-a"].ID, e.unit["branch-a1"].ID, e.unit["prov-b"].ID
	if got := units(fmt.Sprint("subtree_of=", a)); !slices.Equal(got, []int64{a, a1, u.ID}) {
		t.Errorf("subtree of prov-a: %v", got)
	}
	if got := units("parent_id=root"); !slices.Equal(got, []int64{e.unit["org"].ID}) {
		t.Errorf("roots: %v", got)
	}
	if got := units("kind=province"); !slices.Equal(got, []int64{a, b}) {
		t.Errorf("provinces: %v", got)
	}
	// Moving the unit moves its place in every subtree query.
	e.ok(e.do("PATCH", apiPath("/org-units/%d", u.ID), "sec", map[string]any{"parent_id": b, "version": u.Version}), http.StatusOK, &u)
	if got := units(fmt.Sprint("subtree_of=", b)); !slices.Equal(got, []int64{b, u.ID}) {
		t.Errorf("after move, subtree of prov-b: %v", got)
	}
	// A duplicate code is a conflict, and changes nothing.
	before := e.fingerprint()
	r = e.do("POST", apiPath("/org-units"), "sec", map[string]any{"kind": "branch", "code": "b-12", "name_fa": "تکراری"})
	if r.status != http.StatusConflict && r.status != http.StatusBadRequest {
		t.Errorf("duplicate code: %d %s", r.status, r.body)
	}
	if e.fingerprint() != before {
		t.Error("duplicate changed the database")
	}
	e.ok(e.do("DELETE", apiPath("/org-units/%d?version=%d", u.ID, u.Version), "sec", nil), http.StatusNoContent, nil)
	e.ok(e.do("GET", apiPath("/org-units/%d", u.ID), "sec", nil), http.StatusNotFound, nil)
	for _, action := range []string{payesh.ActionCreate, payesh.ActionUpdate, payesh.ActionDelete} {
		if n := e.auditCount("org_unit", u.ID, action); n != 1 {
			t.Errorf("%d %s audit rows for the unit, want 1", n, action)
		}
	}
}

func TestDocumentsAndClauses(t *testing.T) {
	e := newEnv(t)
	var d payesh.Document
	e.ok(e.do("POST", apiPath("/documents"), "sec", map[string]any{
		"code": "plan7", "kind": "plan", "title_fa": "قانون برنامه هفتم پیشرفت", "issued_on": "2024-03-11",
	}), http.StatusCreated, &d)
	if d.IssuedOn.String() != "2024-03-11" {
		t.Errorf("document %+v", d)
	}
	clauses := apiPath("/documents/%d/clauses", d.ID)
	var c1, c2, c11 payesh.Clause
	e.ok(e.do("POST", clauses, "sec", map[string]any{"number": "2", "ordinal": 2, "title_fa": "ماده ۲"}), http.StatusCreated, &c2)
	e.ok(e.do("POST", clauses, "sec", map[string]any{"number": "1", "ordinal": 1, "title_fa": "ماده ۱"}), http.StatusCreated, &c1)
	r := e.do("POST", clauses, "sec", map[string]any{"number": "1-1", "ordinal": 1, "title_fa": "جزء ۱", "parent_id": c1.ID})
	e.ok(r, http.StatusCreated, &c11)
	if c11.DocumentID != d.ID || r.header.Get("Location") != apiPath("/clauses/%d", c11.ID) {
		t.Errorf("clause %+v at %s", c11, r.header.Get("Location"))
	}
	// A body may not name another document: the path does.
	if r := e.do("POST", clauses, "sec", map[string]any{"number": "3", "title_fa": "x", "document_id": 99}); r.status != http.StatusBadRequest {
		t.Errorf("document_id in body: %d", r.status)
	}
	var tree struct{ Items []payesh.Clause }
	e.ok(e.do("GET", clauses, "viewer", nil), http.StatusOK, &tree)
	var order []int64
	for _, c := range tree.Items {
		order = append(order, c.ID)
	}
	if !slices.Equal(order, []int64{c1.ID, c11.ID, c2.ID}) {
		t.Errorf("tree order %v, want %v", order, []int64{c1.ID, c11.ID, c2.ID})
	}
	e.ok(e.do("PATCH", apiPath("/clauses/%d", c2.ID), "sec", map[string]any{"text": "متن ماده", "version": c2.Version}), http.StatusOK, &c2)
	if c2.Text != "متن ماده" || c2.Version != 2 {
		t.Errorf("patched clause %+v", c2)
	}
	e.ok(e.do("DELETE", apiPath("/clauses/%d?version=%d", c2.ID, c2.Version), "sec", nil), http.StatusNoContent, nil)
	e.ok(e.do("PATCH", apiPath("/documents/%d", d.ID), "sec", map[string]any{"issued_on": nil, "version": d.Version}), http.StatusOK, &d)
	if !d.IssuedOn.IsZero() {
		t.Errorf("issued_on not cleared: %v", d.IssuedOn)
	}
	var docs struct {
		Items []payesh.Document
		Total int
	}
	e.ok(e.do("GET", apiPath("/documents?kind=plan&q=%s", "هفتم"), "viewer", nil), http.StatusOK, &docs)
	if docs.Total != 1 || docs.Items[0].ID != d.ID {
		t.Errorf("search: %+v", docs)
	}
	if n := e.auditCount("clause", c2.ID, payesh.ActionDelete); n != 1 {
		t.Errorf("clause delete audit rows: %d", n)
	}
	if n := e.auditCount("document", d.ID, payesh.ActionUpdate); n != 1 {
		t.Errorf("document update audit rows: %d", n)
	}
}

func TestUsersByAdmin(t *testing.T) {
	e := newEnv(t)
	var u payesh.User
	r := e.do("POST", apiPath("/users"), "admin", map[string]any{
		"username": "khorasan.reporter", "name": "کارشناس خراسان", "unit_id": e.unit["prov-b"].ID,
		"role": "reporter", "password": "a long enough password",
	})
	e.ok(r, http.StatusCreated, &u)
	if !u.Active || u.Role != payesh.RoleReporter || r.header.Get("Location") != apiPath("/users/%d", u.ID) {
		t.Errorf("created %+v", u)
	}
	// Short passwords and duplicate usernames are refused.
	for _, body := range []map[string]any{
		{"username": "short.pw", "name": "x", "unit_id": e.unit["org"].ID, "role": "viewer", "password": "short"},
		{"username": "khorasan.reporter", "name": "x", "unit_id": e.unit["org"].ID, "role": "viewer", "password": "a long enough password"},
	} {
		if r := e.do("POST", apiPath("/users"), "admin", body); r.status != http.StatusBadRequest && r.status != http.StatusConflict {
			t.Errorf("%v: %d %s", body["username"], r.status, r.body)
		}
	}
	e.ok(e.do("GET", apiPath("/users/%d", u.ID), "admin", nil), http.StatusOK, &u)
	e.ok(e.do("PATCH", apiPath("/users/%d", u.ID), "admin", map[string]any{"role": "viewer", "version": u.Version}), http.StatusOK, &u)
	if u.Role != payesh.RoleViewer {
		t.Errorf("patched %+v", u)
	}
	e.ok(e.do("PUT", apiPath("/users/%d/password", u.ID), "admin", map[string]string{"password": "another long password"}), http.StatusNoContent, nil)
	if r := e.do("PUT", apiPath("/users/%d/password", u.ID), "admin", map[string]string{"password": "short"}); r.status != http.StatusBadRequest {
		t.Errorf("short password: %d", r.status)
	}
	e.ok(e.do("POST", apiPath("/auth/login"), "", map[string]string{"username": "khorasan.reporter", "password": "another long password"}), http.StatusOK, nil)
	var list struct{ Total int }
	e.ok(e.do("GET", apiPath("/users?role=viewer"), "admin", nil), http.StatusOK, &list)
	if list.Total != 2 {
		t.Errorf("viewers: %d, want 2", list.Total)
	}
	if n := e.auditCount("user", u.ID, payesh.ActionPassword); n != 1 {
		t.Errorf("password audit rows: %d", n)
	}
}
