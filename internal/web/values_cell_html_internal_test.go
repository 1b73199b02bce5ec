package web

import (
	"strings"
	"testing"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
	"payesh/internal/valuebook"
)

// TestValuesCellHTML: each kind of cell has its fields, and whatever a
// user typed is escaped where it is written.
func TestValuesCellHTML(t *testing.T) {
	ind := &payesh.Indicator{ID: 7, NameFA: `شاخص "ب" <i>`}
	p, err := jalali.ParsePeriod("1403-02")
	if err != nil {
		t.Fatal(err)
	}
	evil := `"><script>alert(1)</script>`
	cell := func(edit func(c *valuesCell)) string {
		c := newValuesCell(i18n.FA, ind, ind.NameFA, p, valuebook.PeriodLabel(i18n.FA, p))
		edit(c)
		return string(c.HTML())
	}
	for _, tc := range []struct {
		name      string
		edit      func(c *valuesCell)
		want, not []string
	}{
		{"empty", func(*valuesCell) {},
			[]string{`name="v.7.1403-02" value=""`, `name="n.7.1403-02"`, `name="e.7.1403-02"`, `<details class="vg-more">`, `&#34;ب&#34; &lt;i&gt;`,
				`aria-label="شاخص شاخص &#34;ب&#34; &lt;i&gt;، اردیبهشت ۱۴۰۳"`,
				`aria-label="یادداشت — شاخص شاخص &#34;ب&#34; &lt;i&gt;، اردیبهشت ۱۴۰۳"`,
				`aria-label="مستند (پیوند یا شمارهٔ نامه) — شاخص شاخص &#34;ب&#34; &lt;i&gt;، اردیبهشت ۱۴۰۳"`},
			[]string{`name="o.`, `readonly`, `has-error`, `vg-dot`}},
		{"typed, with a problem", func(c *valuesCell) {
			c.Value, c.Note, c.Evidence, c.Orig, c.Err = evil, evil, evil, "abc", evil
		}, []string{`has-error`, `name="o.7.1403-02" value="abc"`, `aria-invalid="true"`, `<details class="vg-more" open>`,
			`value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"`, `role="alert">&#34;&gt;&lt;script&gt;`, `vg-dot`},
			[]string{`<script>`}},
		{"approved", func(c *valuesCell) {
			c.Value, c.Note, c.State, c.Locked = "۱۲", evil, payesh.ValueApproved, true
		}, []string{`readonly`, `vg-state-approved`, `aria-describedby="st-7-1403-02"`, `type="hidden" name="n.7.1403-02"`,
			`<small class="vg-note" dir="auto">&#34;&gt;&lt;script&gt;`},
			[]string{`<details`, `<script>`}},
		{"not begun", func(c *valuesCell) { c.Future = true },
			[]string{`vg-cell-future`, `id="c-7-1403-02"`}, []string{`<input`}},
		{"with its period's target", func(c *valuesCell) { c.Target = evil },
			[]string{`aria-describedby="tg-7-1403-02"`, `<small class="vg-target" id="tg-7-1403-02">هدف: &#34;&gt;&lt;script&gt;`},
			[]string{`<script>`}},
		{"not begun, with a target", func(c *valuesCell) { c.Future, c.Target = true, "۱۲۰" },
			[]string{`vg-cell-future`, `id="tg-7-1403-02">هدف: ۱۲۰</small>`}, []string{`<input`}},
	} {
		got := cell(tc.edit)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: lacks %s in\n%s", tc.name, w, got)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(got, n) {
				t.Errorf("%s: has %s in\n%s", tc.name, n, got)
			}
		}
	}
}
