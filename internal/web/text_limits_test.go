package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"payesh"
)

// TestWorkFormTextAndLists: the web form gets the domain's rules of text
// and lists, beside the field, on whichever engine the tests run: a NUL
// byte, a title of zero-width characters, too many partners; a title's
// bidi controls are removed; and a search with a NUL byte is no error.
func TestWorkFormTextAndLists(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	c := e.as("secretariat")
	owner := e.unit("secretariat")
	form := func(title string, partners ...string) url.Values {
		return url.Values{"kind": {"action"}, "title": {title}, "owner_unit_id": {fmt.Sprint(owner.ID)}, "partner_unit_ids": partners}
	}
	many := make([]string, payesh.MaxPartnerUnits+1)
	for i := range many {
		many[i] = fmt.Sprint(1_000_000 + i)
	}
	before := e.count()
	for _, tt := range []struct {
		name, field, key string
		form             url.Values
	}{
		{"nul in the title", "title", payesh.KeyBadText, form("گزارش\x00سالانه")},
		{"invalid utf-8 in the title", "title", payesh.KeyBadText, form("گزارش\xff")},
		{"an invisible title", "title", "err.required", form(" \u200c\u200b\ufeff ")},
		{"too many partners", "partner_unit_ids", payesh.KeyTooMany, form("گزارش", many...)},
	} {
		r := c.post("/work", tt.form, nil)
		if r.status != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", tt.name, r.status)
			continue
		}
		if got := workErrorBeside(r.body, tt.field); got != workFA(tt.key) {
			t.Errorf("%s: beside %s %q, want %q", tt.name, tt.field, got, workFA(tt.key))
		}
	}
	if e.count() != before {
		t.Error("a refused form saved an item")
	}

	r := c.post("/work", form("\u202bگزارش\u202c \u2067سالانه\u2069"), nil)
	r.want(t, http.StatusSeeOther)
	var id int64
	if _, err := fmt.Sscanf(r.header.Get("Location"), "/work/%d?", &id); err != nil {
		t.Fatalf("redirect to %q", r.header.Get("Location"))
	}
	if got := e.reload(id).Title; got != "گزارش سالانه" {
		t.Errorf("title stored as %q", got)
	}
	list := c.get("/work?q=" + url.QueryEscape("گزارش\x00 سالانه"))
	list.want(t, http.StatusOK)
	if !strings.Contains(list.body, fmt.Sprintf(`href="/work/%d"`, id)) {
		t.Error("a search with a NUL byte did not find the item")
	}
}
