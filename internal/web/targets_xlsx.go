package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"

	"payesh"
	"payesh/internal/sheet"
	"payesh/internal/valuebook"
)

// targetsXLSX answers GET /indicators/{id}/targets.xlsx: the indicator's
// targets as a workbook, a unit a row (in the org tree's order) and a
// period a column, for the secretariat to fill in Excel and upload.
func (s *server) targetsXLSX(w http.ResponseWriter, r *http.Request) error {
	ind, err := s.indicatorOfPath(r)
	if err != nil {
		return err
	}
	idx, err := s.unitIndexOf(r)
	if err != nil {
		return err
	}
	t, err := valuebook.BuildTargets(r.Context(), s.Indicators, ind, idx.tree, payesh.Today(s.Now()).Jalali(), langOf(r))
	if err != nil {
		return err
	}
	return sheet.Send(w, fmt.Sprintf("targets-%s.xlsx", ind.Code), func(out io.Writer) error { return sheet.WriteTargets(out, t) })
}

// targetsUpload answers POST /indicators/{id}/targets.xlsx: the targets
// workbook filled in, set all or nothing (internal/valuebook). A refused
// file shows the indicator's page with each refused cell listed.
func (s *server) targetsUpload(w http.ResponseWriter, r *http.Request) error {
	ind, err := s.indicatorOfPath(r)
	if err != nil {
		return err
	}
	file, done, err := uploadedFile(w, r)
	if err == nil {
		defer done()
		_, err = valuebook.ApplyTargets(r.Context(), s.Indicators, ind.ID, file)
	}
	var refused *valuebook.Refused
	var pe *payesh.Error
	switch {
	case err == nil:
		return redirect(w, r, fmt.Sprintf("/indicators/%d/edit?flash=ui.indicator_form.flash.targets#targets", ind.ID))
	case errors.As(err, &refused), errors.As(err, &pe) && pe.Code == payesh.EINVALID:
	default:
		return err
	}
	d, err := s.indicatorForm(r, ind)
	if err != nil {
		return err
	}
	if err := s.targetsLoad(r, d); err != nil {
		return err
	}
	errs := map[string]string{"targets": "ui.values.upload_failed"}
	if refused != nil {
		d.Refused = valuesUploadCells(langOf(r), refused)
	} else {
		errs["upload.file"] = pe.Fields["file"]
	}
	return s.indicatorRender(w, r, http.StatusBadRequest, d, indicatorValues(langOf(r), ind), errs)
}
