package web

import (
	"fmt"
	"net/http"

	"payesh"
	"payesh/internal/i18n"
)

// checklistView is the step a submission stops at when the report lacks
// something: each missing thing with a link to where it is filled in,
// and whether the unit may send the report anyway.
type checklistView struct {
	Items []checkItem
	// More counts the missing values left off the list.
	More int
	// Required is true when the round requires something missing: the
	// report cannot be sent, so the step offers no "send anyway".
	Required bool
}

// checkItem is one missing thing: its message key with an argument
// already in the user's language ("" for none), where to fill it in, and
// whether the round requires it.
type checkItem struct {
	Field, Key, Arg, Href string
	Required              bool
}

// checklistValueLimit bounds the missing values listed: a unit that owes
// dozens needs the grid, not a list of each.
const checklistValueLimit = 20

// reportChecklist shows the report with the checklist step: 200 when the
// unit may confirm and send it anyway, 400 when the round requires what
// is missing.
func (s *server) reportChecklist(w http.ResponseWriter, r *http.Request, id int64, required bool) error {
	d, err := s.loadReport(r, id)
	if err != nil {
		return err
	}
	c, err := s.Reports.Checklist(r.Context(), id)
	if err != nil {
		return err
	}
	d.Check = checklistOf(langOf(r), d, c)
	d.Check.Required = d.Check.Required || required
	status := http.StatusOK
	if d.Check.Required {
		status = http.StatusBadRequest
	}
	return s.render(w, r, status, "report", s.reportView(r, d, nil))
}

// checklistOf lists what c says is missing, in the order the page shows
// the parts: the narrative, the evidence, then the values.
func checklistOf(lang i18n.Lang, d *reportData, c *payesh.Checklist) *checklistView {
	v := &checklistView{}
	add := func(it checkItem) {
		v.Items = append(v.Items, it)
		v.Required = v.Required || it.Required
	}
	labels := map[string]string{}
	for _, f := range d.Narrative() {
		labels[f.Name] = i18n.T(lang, f.Label)
	}
	for _, part := range c.EmptyNarrative {
		add(checkItem{Field: part, Key: "ui.report.check.narrative", Arg: labels[part], Href: "#f-" + part,
			Required: c.RequireNarrative})
	}
	if c.Evidence == 0 {
		add(checkItem{Field: "evidence", Key: "ui.report.check.evidence", Href: "#evidence-form", Required: c.RequireEvidence})
	}
	grid := fmt.Sprintf("/values?unit=%d&period=%d", d.Unit.ID, d.Year)
	for i, m := range c.MissingValues {
		if i == checklistValueLimit {
			v.More = len(c.MissingValues) - i
			v.Required = v.Required || c.RequireValues
			break
		}
		add(checkItem{Field: m.Field(), Key: "ui.report.check.value",
			Arg: d.names[m.IndicatorID] + " — " + periodLabel(lang, m.Period), Href: grid, Required: c.RequireValues})
	}
	return v
}
