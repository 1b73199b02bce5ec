package web

import (
	"fmt"
	"hash/fnv"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// valuesCell is one indicator in one period of the grid. Its form fields
// are v.KEY (the value), n.KEY (note), e.KEY (evidence) and o.KEY, a
// fingerprint of what the cell showed: a save compares the typed value
// with it to tell what the user changed, and the saved value with it to
// tell what someone else changed meanwhile.
type valuesCell struct {
	Key, ID               string // "7.1403-01"; "7-1403-01" for element ids
	Value, Note, Evidence string // as shown: saved, or typed
	Orig                  string
	State                 payesh.ValueState // "" when nothing is saved
	Locked                bool              // approved: read-only
	// Future is a period that has not begun: nothing can be entered yet.
	Future bool
	// Target is the unit's target set for this very period, as shown.
	Target string
	Err    string // the message beside the cell, translated
	lang   i18n.Lang
	// name and when are the indicator's name and the period's, which
	// label the cell's fields (writeLabel).
	name, when string
	indicator  *payesh.Indicator
	period     jalali.Period
	saved      *payesh.IndicatorValue
}

// newValuesCell is the cell of ind in period p, named when
// (valuebook.PeriodLabel).
func newValuesCell(lang i18n.Lang, ind *payesh.Indicator, name string, p jalali.Period, when string) *valuesCell {
	key := valuesKey(ind.ID, p.String())
	return &valuesCell{Key: key, ID: strings.ReplaceAll(key, ".", "-"), lang: lang, name: name, when: when, indicator: ind, period: p}
}

// Input reports whether the cell offers a field: not for a period that
// has not begun, unless something was saved or typed there already (the
// store then says why it cannot stay).
func (c *valuesCell) Input() bool { return !c.Future || c.saved != nil || c.Value != "" }

// HasMore reports whether the cell has a note or evidence, which the
// closed disclosure then marks.
func (c *valuesCell) HasMore() bool { return c.Note != "" || c.Evidence != "" }

// Open keeps the note and evidence open when the cell's problem may be
// in them.
func (c *valuesCell) Open() bool { return c.Err != "" && c.HasMore() }

// fill shows the saved value and, when form is a submitted grid, what
// the user typed in the cell. A cell the user did not change shows what
// is saved now, which someone else may have changed meanwhile.
func (c *valuesCell) fill(lang i18n.Lang, saved *payesh.IndicatorValue, form url.Values) {
	c.saved = saved
	if saved != nil {
		c.State, c.Locked = saved.State, saved.State == payesh.ValueApproved
		c.Value, c.Note, c.Evidence = valuesNumber(lang, saved.Value), saved.Note, saved.Evidence
		c.Orig = valuesPrint(saved.Value, saved.Note, saved.Evidence)
	}
	if !form.Has("v." + c.Key) {
		return
	}
	value, note, evidence, orig := form.Get("v."+c.Key), form.Get("n."+c.Key), form.Get("e."+c.Key), form.Get("o."+c.Key)
	if valuesTyped(value, note, evidence) != orig {
		c.Value, c.Note, c.Evidence, c.Orig = value, note, evidence, orig
	}
}

// valuesTyped fingerprints what was typed in a cell as valuesPrint does
// the stored value: "" for an empty cell, and something no stored value
// has when the value does not read as a number.
func valuesTyped(value, note, evidence string) string {
	note, evidence = payesh.NormalizeText(note), payesh.NormalizeRef(evidence)
	if strings.TrimSpace(value) == "" && note == "" && evidence == "" {
		return ""
	}
	n, ok := valuesParse(value)
	if !ok {
		return "?"
	}
	return valuesPrint(n, note, evidence)
}

// valuesPrint fingerprints a cell's content as the store keeps it.
func valuesPrint(v float64, note, evidence string) string {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s\x00%s\x00%s", strconv.FormatFloat(v, 'g', -1, 64), note, evidence)
	return strconv.FormatUint(h.Sum64(), 36)
}

// check returns the value to save for the cell: nil when there is nothing
// to save, or, with a status, when the cell has a problem, which it then
// holds in Err.
func (c *valuesCell) check(lang i18n.Lang, unitID int64) (*payesh.IndicatorValue, int) {
	typed := strings.TrimSpace(c.Value)
	note, evidence := payesh.NormalizeText(c.Note), payesh.NormalizeRef(c.Evidence)
	if typed == "" {
		switch {
		case c.Orig != "" && c.saved != nil:
			// There is no deleting a reported value; an empty cell that
			// showed one is a mistake, not a request.
			return c.fail(lang, "err.values.clear", http.StatusBadRequest)
		case note != "" || evidence != "":
			return c.fail(lang, "err.values.note_alone", http.StatusBadRequest)
		}
		return nil, 0
	}
	n, ok := valuesParse(typed)
	if !ok {
		return c.fail(lang, "err.number", http.StatusBadRequest)
	}
	mine, now := valuesTyped(typed, note, evidence), ""
	if c.saved != nil {
		now = valuesPrint(c.saved.Value, c.saved.Note, c.saved.Evidence)
	}
	switch {
	case mine == c.Orig || mine == now:
		return nil, 0 // not changed, or already so
	case c.Locked:
		return c.fail(lang, "err.indicator.value_locked", http.StatusConflict)
	case now != c.Orig && c.saved != nil:
		// Someone saved this cell after the user loaded the grid. Say
		// what it is now, and take the new fingerprint, so that saving
		// again overwrites it knowingly.
		c.Orig = now
		c.Err = fmt.Sprintf(i18n.T(lang, "ui.values.changed"), valuesNumber(lang, c.saved.Value))
		return nil, http.StatusConflict
	}
	// The version of what the cell showed: the store refuses the save if
	// someone saved the cell between this check and the write.
	v := &payesh.IndicatorValue{IndicatorID: c.indicator.ID, UnitID: unitID, Period: c.period.String(),
		Value: n, Note: note, Evidence: evidence}
	if c.saved != nil {
		v.Version = c.saved.Version
	}
	return v, 0
}

func (c *valuesCell) fail(lang i18n.Lang, key string, status int) (*payesh.IndicatorValue, int) {
	c.Err = i18n.T(lang, key)
	return nil, status
}
