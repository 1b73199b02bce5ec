package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/i18n"
)

// valuesSave saves every cell of the posted grid the user changed, all or
// nothing. Any problem — a number that does not read, a value approved
// or changed by someone else meanwhile — shows the grid again with what
// the user typed and the message beside the cell, and saves nothing.
func (s *server) valuesSave(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseForm(r); err != nil {
		return err
	}
	d, _, err := s.valuesLoad(r, r.PostForm, true)
	if err != nil {
		return err
	}
	if err := s.valuesFill(r, d, r.PostForm); err != nil {
		return err
	}
	cells, values, status := valuesChanges(d)
	if status != 0 {
		return s.valuesFailed(w, r, d, status, nil)
	}
	if len(values) == 0 {
		return redirect(w, r, "/values?"+d.Query()+"&flash=ui.values.flash.nothing")
	}
	if _, err := s.Indicators.SaveValues(r.Context(), values); err != nil {
		return s.valuesSaveError(w, r, d, cells, err)
	}
	return redirect(w, r, "/values?"+d.Query()+"&flash=ui.values.flash.saved")
}

// valuesChanges checks every cell and returns the changed ones with their
// values, or the status of the worst problem: 400 for a mistake of the
// user's, else 409 for a value locked or changed meanwhile.
func valuesChanges(d *valuesGridData) ([]*valuesCell, []payesh.IndicatorValue, int) {
	var cells []*valuesCell
	var values []payesh.IndicatorValue
	worst := 0
	for _, t := range d.Tables {
		for _, row := range t.Rows {
			for _, c := range row.Cells {
				v, status := c.check(d.lang, d.Unit.ID)
				switch {
				case status == 0 && v != nil:
					cells, values = append(cells, c), append(values, *v)
				case status == http.StatusBadRequest, status != 0 && worst == 0:
					worst = status
				}
			}
		}
	}
	return cells, values, worst
}

// valuesSaveError places what the store refused: a field of the n-th
// value ("values.3.period") beside its cell, a value approved in the
// meantime above the grid. Anything else (forbidden) is an error page.
func (s *server) valuesSaveError(w http.ResponseWriter, r *http.Request, d *valuesGridData, cells []*valuesCell, err error) error {
	var e *payesh.Error
	if !errors.As(err, &e) {
		return err
	}
	form := map[string]string{}
	switch e.Code {
	case payesh.EINVALID:
		for field, key := range e.Fields {
			if c := valuesCellOf(cells, field); c != nil {
				c.Err = i18n.T(d.lang, key)
			} else {
				form["form"] = key
			}
		}
		return s.valuesFailed(w, r, d, http.StatusBadRequest, form)
	case payesh.ECONFLICT:
		if !valuesConflictBeside(d.lang, cells, e) {
			form["form"] = e.Message
		}
		return s.valuesFailed(w, r, d, http.StatusConflict, form)
	}
	return err
}

// valuesConflictBeside shows a conflict the store found — a cell saved
// or approved by someone else between the grid's own check and the
// write — beside its cell, as the grid's check would have, and reports
// whether it could.
func valuesConflictBeside(lang i18n.Lang, cells []*valuesCell, e *payesh.Error) bool {
	cur, _ := e.Current.(*payesh.IndicatorValue)
	placed := false
	for field := range e.Fields {
		c := valuesCellOf(cells, field)
		if c == nil || cur == nil {
			continue
		}
		c.saved, c.State = cur, cur.State
		if c.Locked = cur.State == payesh.ValueApproved; c.Locked {
			c.Err = i18n.T(lang, "err.indicator.value_locked")
		} else {
			// Take the new fingerprint, so that saving again overwrites
			// the other person's value knowingly.
			c.Orig = valuesPrint(cur.Value, cur.Note, cur.Evidence)
			c.Err = fmt.Sprintf(i18n.T(lang, "ui.values.changed"), valuesNumber(lang, cur.Value))
		}
		placed = true
	}
	return placed
}

// valuesCellOf returns the cell a store field error names, or nil.
func valuesCellOf(cells []*valuesCell, field string) *valuesCell {
	rest, ok := strings.CutPrefix(field, "values.")
	if !ok {
		return nil
	}
	n, err := strconv.Atoi(strings.SplitN(rest, ".", 2)[0])
	if err != nil || n < 0 || n >= len(cells) {
		return nil
	}
	return cells[n]
}

// valuesFailed shows the grid again, as typed, with the problems.
func (s *server) valuesFailed(w http.ResponseWriter, r *http.Request, d *valuesGridData, status int, errs map[string]string) error {
	v := s.newView(r, "ui.values.title", d)
	v.Errors = map[string]string{"failed": "ui.values.failed"}
	for k, m := range errs {
		v.Errors[k] = m
	}
	return s.render(w, r, status, "values", v)
}
