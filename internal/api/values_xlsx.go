package api

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"payesh"
	"payesh/internal/jalali"
	"payesh/internal/sheet"
	"payesh/internal/valuebook"
)

// maxWorkbook bounds an uploaded values workbook; the largest grid is a
// few hundred kilobytes.
const maxWorkbook = 8 << 20

// valuesWorkbook answers GET /indicators/values?format=xlsx&unit=ID
// [&year=1403][&indicator=ID]: the unit's grid of a year as the web page
// downloads it — every indicator the unit enters, or the one asked for —
// to fill in Excel and POST back. Only a user who reports for the unit
// gets it: the workbook is for entering values, not for reading them.
func (s *server) valuesWorkbook(w http.ResponseWriter, r *http.Request, q *query) error {
	unitID, indicatorID := q.id("unit"), q.id("indicator")
	q.require("unit", unitID != 0)
	year := payesh.Today(s.Now()).Jalali().Year
	if y := q.period("year"); y != "" {
		p, _ := jalali.ParsePeriod(y)
		year = p.Year
	}
	if err := q.err(); err != nil {
		return err
	}
	unit, err := s.Units.FindOrgUnitByID(r.Context(), unitID)
	if err != nil {
		return err
	}
	if !payesh.UserFrom(r.Context()).CanEditWorkOf(unit.Path) {
		return payesh.ErrForbidden
	}
	all, err := valuebook.AllIndicators(r.Context(), s.Indicators)
	if err != nil {
		return err
	}
	var inds []*payesh.Indicator
	for _, i := range all {
		if (indicatorID == 0 || i.ID == indicatorID) && valuebook.Enters(i, unit.Kind) {
			inds = append(inds, i)
		}
	}
	if indicatorID != 0 && len(inds) == 0 {
		return invalid("err.bad_query", "indicator", "err.indicator.not_reporting")
	}
	today := payesh.Today(s.Now()).Jalali()
	g, err := valuebook.Build(r.Context(), s.Indicators, unit, inds, year, today, langOf(r))
	if err != nil {
		return err
	}
	return sheet.Send(w, fmt.Sprintf("values-%s-%d.xlsx", unit.Code, year), func(out io.Writer) error { return sheet.Write(out, g) })
}

// uploadWorkbook answers POST /indicators/values with an XLSX body: the
// workbook of valuesWorkbook, filled in, saved all or nothing. A refused
// upload is 400 (409 when a cell changed or was approved meanwhile) with
// a field per refused cell named as Excel names it ("ماهانه!E7").
func (s *server) uploadWorkbook(w http.ResponseWriter, r *http.Request) error {
	res, err := valuebook.Apply(r.Context(), s.Indicators, http.MaxBytesReader(w, r.Body, maxWorkbook))
	if err != nil {
		return workbookError(err)
	}
	saved := res.Saved
	if saved == nil {
		saved = []*payesh.IndicatorValue{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{
		"unit_id": res.UnitID, "year": strconv.Itoa(res.Year), "items": saved})
}

// workbookError is a refused workbook as the API answers it: a field per
// refused cell, or 413 for a file beyond maxWorkbook.
func workbookError(err error) error {
	var refused *valuebook.Refused
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &refused):
		return refused.Err()
	case errors.As(err, &tooLarge):
		return errTooLarge
	}
	return err
}
