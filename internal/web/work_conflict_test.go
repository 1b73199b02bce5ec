package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"payesh"
	"payesh/internal/jalali"
)

// TestWorkConflictKeepsTheirs: A opens an item's edit form; meanwhile B
// changes something and saves; then A saves. The 409 page names B and
// when, marks the fields B changed, holds B's value where A typed nothing
// and A's where A did, with B's beside it; the form carries the new
// version, so saving it as it stands keeps B's change and A's.
func TestWorkConflictKeepsTheirs(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	stamp := jalali.ToPersianDigits(payesh.DateOf(workNow().In(payesh.Tehran)).JalaliString() + " " + workNow().In(payesh.Tehran).Format("15:04"))
	cases := []struct {
		name, code string
		// b is what B does to the item through the web, given its
		// edit form as loaded.
		b func(f url.Values)
		// progress is set when B posts progress rather than editing.
		progress bool
		// a is what A changes in the form A loaded.
		a func(f url.Values)
		// want are the fields of the page's form after the conflict;
		// notes the fields with a sentence beside them, and what it
		// holds; after the values stored once A saves that form.
		want  map[string]string
		notes map[string]string
		after func(t *testing.T, w *payesh.WorkItem)
	}{{
		name: "B moves the due date, A renames", code: "women-c8-sessions",
		b:     func(f url.Values) { f.Set("due_date", "۱۴۰۳/۰۸/۳۰") },
		a:     func(f url.Values) { f.Set("title", "عنوانی که A نوشت") },
		want:  map[string]string{"due_date": "۱۴۰۳/۰۸/۳۰", "title": "عنوانی که A نوشت"},
		notes: map[string]string{"due_date": "«secretariat» این را در " + stamp},
		after: func(t *testing.T, w *payesh.WorkItem) {
			if w.DueDate.JalaliString() != "1403/08/30" || w.Title != "عنوانی که A نوشت" {
				t.Errorf("after saving the merged form: due %s, title %q", w.DueDate.JalaliString(), w.Title)
			}
		},
	}, {
		name: "both rename: A's kept, B's beside it", code: "women-c8-content",
		b:     func(f url.Values) { f.Set("title", "عنوانی که B نوشت") },
		a:     func(f url.Values) { f.Set("title", "عنوانی که A نوشت") },
		want:  map[string]string{"title": "عنوانی که A نوشت"},
		notes: map[string]string{"title": "عنوانی که B نوشت"},
		after: func(t *testing.T, w *payesh.WorkItem) {
			if w.Title != "عنوانی که A نوشت" {
				t.Errorf("after saving again: title %q", w.Title)
			}
		},
	}, {
		name: "B changes the description and partners, A the code", code: "women-c8-courses",
		b: func(f url.Values) {
			f.Set("description", "شرح تازهٔ B")
			f.Set("partner_unit_ids", "1")
		},
		a:     func(f url.Values) { f.Set("code", "women-c8-courses-a") },
		want:  map[string]string{"description": "شرح تازهٔ B", "code": "women-c8-courses-a", "partner_unit_ids": "1"},
		notes: map[string]string{"description": "«secretariat»", "partner_unit_ids": "«secretariat»"},
		after: func(t *testing.T, w *payesh.WorkItem) {
			if w.Description != "شرح تازهٔ B" || w.Code != "women-c8-courses-a" || len(w.PartnerUnitIDs) != 1 {
				t.Errorf("after saving again: description %q, code %q, partners %v", w.Description, w.Code, w.PartnerUnitIDs)
			}
		},
	}, {
		name: "B reports progress: no field of the form changed", code: "women-c8-infertility",
		progress: true,
		a:        func(f url.Values) { f.Set("title", "عنوانی که A نوشت") },
		want:     map[string]string{"title": "عنوانی که A نوشت"},
		after: func(t *testing.T, w *payesh.WorkItem) {
			if w.Title != "عنوانی که A نوشت" || w.Progress != 100 {
				t.Errorf("after saving again: title %q, progress %v", w.Title, w.Progress)
			}
		},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := e.item(tc.code)
			edit := fmt.Sprintf("/work/%d/edit", w.ID)
			a, b := e.as("reporter"), e.as("secretariat")
			loaded := pageForm(t, a.get(edit), fmt.Sprintf("/work/%d", w.ID))

			if tc.progress {
				b.post(fmt.Sprintf("/work/%d/progress", w.ID), url.Values{"progress": {"100"}, "status": {"done"},
					"done_date": {"۱۴۰۳/۰۵/۰۱"}, "note": {"پایان"}, "version": {fmt.Sprint(w.Version)}}, nil).want(t, http.StatusSeeOther)
			} else {
				theirs := pageForm(t, b.get(edit), fmt.Sprintf("/work/%d", w.ID))
				tc.b(theirs)
				b.post(fmt.Sprintf("/work/%d", w.ID), theirs, nil).want(t, http.StatusSeeOther)
			}

			mine := cloneValues(loaded)
			tc.a(mine)
			r := a.post(fmt.Sprintf("/work/%d", w.ID), mine, nil)
			r.want(t, http.StatusConflict, workFA("ui.work.conflict.title"))
			by := byID(t, r.body, "conflict-by")
			if !strings.Contains(by, "«secretariat»") || !strings.Contains(by, stamp) {
				t.Errorf("the conflict does not name B and the time %s: %q", stamp, by)
			}
			merged := pageForm(t, r, fmt.Sprintf("/work/%d", w.ID))
			for f, v := range tc.want {
				if got := strings.Join(merged[f], ","); got != v {
					t.Errorf("field %s holds %q, want %q", f, got, v)
				}
			}
			for _, f := range []string{"kind", "code", "title", "due_date", "start_date", "weight", "description", "partner_unit_ids", "clause_ids"} {
				note := noteOf(r.body, f)
				want, ok := tc.notes[f]
				switch {
				case ok && !strings.Contains(note, want):
					t.Errorf("the note beside %s is %q, want it to say %q", f, note, want)
				case !ok && note != "":
					t.Errorf("a note beside %s, which B did not change: %q", f, note)
				}
			}
			if tc.progress && !strings.Contains(r.body, workFA("ui.work.conflict.no_fields")) {
				t.Error("a progress-only change does not say no field changed")
			}
			if got := merged.Get("version"); got != fmt.Sprint(e.reload(w.ID).Version) {
				t.Errorf("the form carries version %s, not the new one", got)
			}

			// Saving the form as the page holds it.
			a.post(fmt.Sprintf("/work/%d", w.ID), merged, nil).want(t, http.StatusSeeOther)
			tc.after(t, e.reload(w.ID))
		})
	}
}

// TestWorkConflictWithoutTrail: a version the trail does not hold (a form
// from before the item's trail began, or a made-up one) cannot be merged:
// the form keeps what was typed, and every field that differs from the
// saved item shows the saved value.
func TestWorkConflictWithoutTrail(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	w := e.item("women-c8-hq")
	a := e.as("reporter")
	form := pageForm(t, a.get(fmt.Sprintf("/work/%d/edit", w.ID)), fmt.Sprintf("/work/%d", w.ID))
	form.Set("version", "999")
	form.Set("title", "عنوانی که A نوشت")
	r := a.post(fmt.Sprintf("/work/%d", w.ID), form, nil)
	r.want(t, http.StatusConflict, workFA("ui.work.conflict.unmerged"))
	if note := noteOf(r.body, "title"); !strings.Contains(note, w.Title) {
		t.Errorf("the note beside the title is %q, want the saved title", note)
	}
	if got := pageForm(t, r, fmt.Sprintf("/work/%d", w.ID)).Get("title"); got != "عنوانی که A نوشت" {
		t.Errorf("title %q, want what A typed", got)
	}
}

// noteOf is the text of the conflict's note beside field, "" if none.
func noteOf(body, field string) string {
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		return ""
	}
	var out string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && attrOf(n, "id") == "c-"+field {
			out = strings.TrimSpace(textIn(n))
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// pageForm returns what a browser would post from the page's form with
// action: each input's value (checkboxes and radios when checked), each
// select's chosen options and each textarea's text.
func pageForm(t *testing.T, r workResult, action string) url.Values {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	var form *html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if form == nil && n.DataAtom == atom.Form && attrOf(n, "action") == action && strings.EqualFold(attrOf(n, "method"), "post") {
			form = n
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	if form == nil {
		t.Fatalf("no form posting to %s on the page:\n%s", action, workExcerpt(r.body))
	}
	v := url.Values{}
	var collect func(n *html.Node)
	collect = func(n *html.Node) {
		name := attrOf(n, "name")
		switch {
		case n.Type != html.ElementNode || name == "" || hasAttr(n, "disabled"):
		case n.DataAtom == atom.Input:
			typ := attrOf(n, "type")
			if (typ == "checkbox" || typ == "radio") && !hasAttr(n, "checked") || typ == "submit" || typ == "file" {
				break
			}
			v.Add(name, attrOf(n, "value"))
		case n.DataAtom == atom.Textarea:
			v.Add(name, strings.TrimPrefix(textIn(n), "\n"))
			return
		case n.DataAtom == atom.Select:
			for o := range n.Descendants() {
				if o.DataAtom == atom.Option && hasAttr(o, "selected") {
					v.Add(name, attrOf(o, "value"))
				}
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			collect(c)
		}
	}
	collect(form)
	return v
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func textIn(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
