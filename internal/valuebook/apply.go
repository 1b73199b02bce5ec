package valuebook

import (
	"cmp"
	"context"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/jalali"
	"payesh/internal/sheet"
)

// Refused is an upload refused cell by cell: nothing was saved. Cells
// name each cell — sheet, row, column, reference — with a message key.
// Conflict says at least one cell was changed by someone else after the
// workbook was made, or approved meanwhile, rather than mistyped.
type Refused struct {
	Cells    sheet.Errors
	Conflict bool
}

func (r *Refused) Error() string { return "valuebook: upload refused: " + r.Cells.Error() }

// Err is the refusal as the API answers it: a field per cell, named as
// Excel names it ("ماهانه!E7"), with its message key.
func (r *Refused) Err() *payesh.Error {
	code := payesh.EINVALID
	if r.Conflict {
		code = payesh.ECONFLICT
	}
	fields := make(map[string]string, len(r.Cells))
	for _, c := range r.Cells {
		fields[c.Sheet+"!"+c.Ref] = c.Key
	}
	e := payesh.Errorf(code, "err.sheet.refused")
	e.Fields = fields
	return e
}

// Result is what an accepted upload did.
type Result struct {
	UnitID int64
	Year   int
	Saved  []*payesh.IndicatorValue // the changed cells, as saved
}

// errNotOurs is a file that is not a workbook of Payesh of the kind
// expected.
var errNotOurs = payesh.Invalid(map[string]string{"file": "err.sheet.not_ours"})

// readError is why an uploaded workbook did not read: its cells that are
// not numbers, or a file that is not ours.
func readError(err error) error {
	var bad sheet.Errors
	switch {
	case errors.As(err, &bad):
		return &Refused{Cells: bad}
	case errors.Is(err, sheet.ErrNotOurs):
		return errNotOurs
	}
	return err
}

// unreadCells parts the cells of a workbook that did not read from any
// other failure to read it. The cells that did read are still checked,
// so that one answer names every cell to correct, not the mistyped
// numbers first and what someone else changed on the next upload.
func unreadCells(err error) (sheet.Errors, error) {
	var bad sheet.Errors
	if errors.As(err, &bad) {
		return bad, nil
	}
	return nil, err
}

// refusal joins the cells that did not read and those refused (which may
// be nil) into one refusal, in the workbook's order; nil when there are
// none.
func refusal(unread sheet.Errors, refused *Refused) *Refused {
	r := &Refused{Cells: unread}
	if refused != nil {
		r.Cells, r.Conflict = append(slices.Clone(unread), refused.Cells...), refused.Conflict
	}
	if len(r.Cells) == 0 {
		return nil
	}
	slices.SortStableFunc(r.Cells, func(a, b *sheet.CellError) int {
		return cmp.Or(strings.Compare(a.Sheet, b.Sheet), cmp.Compare(a.Row, b.Row),
			cmp.Compare(len(a.Column), len(b.Column)), strings.Compare(a.Column, b.Column))
	})
	return r
}

// Apply reads an uploaded workbook and saves the cells that differ from
// what is saved now, all in one transaction or none. The rules are the
// grid's, mostly enforced by the store itself: the unit must be one the
// user reports for, a period that has not begun takes no value, an
// approved value is locked. A cell someone else saved after the workbook
// was made is refused by its version; one emptied that held a value is a
// mistake (values are corrected, not erased). A value's note and
// evidence, which the workbook does not carry, are kept as saved.
func Apply(ctx context.Context, svc payesh.IndicatorService, file io.Reader) (*Result, error) {
	up, err := sheet.Read(file)
	unread, err := unreadCells(err)
	if err != nil {
		return nil, readError(err)
	}
	saved, err := savedValues(ctx, svc, up.UnitID, up.Year, frequenciesIn(up.Entries))
	if err != nil {
		return nil, err
	}
	entries, values, refused := changes(up, saved)
	if r := refusal(unread, refused); r != nil {
		return nil, r
	}
	res := &Result{UnitID: up.UnitID, Year: up.Year}
	if len(values) == 0 {
		return res, nil
	}
	if res.Saved, err = svc.SaveValues(ctx, values); err != nil {
		return nil, placeStoreError(err, entries)
	}
	return res, nil
}

// changes compares each entry with what is saved and returns the changed
// ones with the values to save, or the cells refused.
func changes(up *sheet.Upload, saved map[string]*payesh.IndicatorValue) ([]sheet.Entry, []payesh.IndicatorValue, *Refused) {
	var entries []sheet.Entry
	var values []payesh.IndicatorValue
	refused := &Refused{}
	refuse := func(e sheet.Entry, key string, conflict bool) {
		refused.Cells = append(refused.Cells, cellError(e, key))
		refused.Conflict = refused.Conflict || conflict
	}
	for _, e := range up.Entries {
		now := saved[key(e.IndicatorID, e.Period)]
		switch {
		case e.Value == nil && now != nil && e.Version != 0:
			refuse(e, "err.values.clear", false)
		case e.Value == nil:
			// Empty, as downloaded, or saved by someone else since: the
			// workbook asks nothing of this cell.
		case now != nil && now.Value == *e.Value:
			// Unchanged, or already so.
		case now != nil && now.State == payesh.ValueApproved:
			refuse(e, "err.indicator.value_locked", true)
		case now != nil && now.Version != e.Version, now == nil && e.Version != 0:
			refuse(e, "err.sheet.changed", true)
		default:
			v := payesh.IndicatorValue{IndicatorID: e.IndicatorID, UnitID: up.UnitID, Period: e.Period, Value: *e.Value, Version: e.Version}
			if now != nil {
				v.Note, v.Evidence = now.Note, now.Evidence
			}
			entries, values = append(entries, e), append(values, v)
		}
	}
	if len(refused.Cells) > 0 {
		return nil, nil, refused
	}
	return entries, values, nil
}

// placeStoreError turns what the store refused into cells: a field of
// the n-th value ("values.3.period") is the n-th changed entry's cell;
// a conflict the store found between the check above and the write (a
// cell saved or approved meanwhile) names the cells it names. The cells
// come in the workbook's order, as the entries do.
func placeStoreError(err error, entries []sheet.Entry) error {
	var pe *payesh.Error
	if !errors.As(err, &pe) || (pe.Code != payesh.EINVALID && pe.Code != payesh.ECONFLICT) || len(pe.Fields) == 0 {
		return err
	}
	keys := make(map[int]string, len(pe.Fields))
	for field, key := range pe.Fields {
		n, ok := indexOf(field, "values.", len(entries))
		if !ok {
			return err // not about a cell: the caller shows it as it is
		}
		keys[n] = key
	}
	refused := &Refused{Conflict: pe.Code == payesh.ECONFLICT}
	for n, e := range entries {
		if key, ok := keys[n]; ok {
			refused.Cells = append(refused.Cells, cellError(e, key))
		}
	}
	return refused
}

// indexOf reads the n of a store field "values.N" or "values.N.field"
// (prefix "values.").
func indexOf(field, prefix string, count int) (int, bool) {
	rest, ok := strings.CutPrefix(field, prefix)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(strings.SplitN(rest, ".", 2)[0])
	return n, err == nil && n >= 0 && n < count
}

func cellError(e sheet.Entry, key string) *sheet.CellError {
	return &sheet.CellError{Sheet: e.Sheet, Row: e.Row, Column: e.Column, Ref: e.Ref, Key: key}
}

// frequenciesIn is the frequencies the entries' periods are of.
func frequenciesIn(entries []sheet.Entry) map[payesh.Frequency]bool {
	out := map[payesh.Frequency]bool{}
	for _, e := range entries {
		p, err := jalali.ParsePeriod(e.Period)
		if err != nil {
			continue
		}
		switch p.Gran {
		case jalali.Month:
			out[payesh.Monthly] = true
		case jalali.Quarter:
			out[payesh.Quarterly] = true
		default:
			out[payesh.Yearly] = true
		}
	}
	return out
}
