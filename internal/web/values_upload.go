package web

import (
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/valuebook"
)

// valuesUploadLimit bounds an uploaded workbook. The largest grid — every
// indicator of a unit over a year — is a few hundred kilobytes as XLSX.
const valuesUploadLimit = 8 << 20

// valuesUploadCell is one refused cell of an upload, as the page lists
// it: where it is in the workbook, and what is wrong.
type valuesUploadCell struct {
	Where, Message string
}

// valuesUpload answers POST /values.xlsx: a workbook downloaded from
// the grid, filled in Excel or LibreOffice, saved back all or nothing
// (internal/valuebook). A refused upload shows the grid the user was on
// with every refused cell listed by sheet, row and column; an accepted
// one shows the grid of the workbook's unit and year.
func (s *server) valuesUpload(w http.ResponseWriter, r *http.Request) error {
	// Only someone who reports for a unit has a workbook to upload; the
	// unit the file names is checked by the store.
	if me := user(r); !me.CanEditWorkOf(me.UnitPath) {
		return payesh.ErrForbidden
	}
	file, done, err := uploadedFile(w, r)
	if err != nil {
		return s.valuesUploadFailed(w, r, err)
	}
	defer done()
	res, err := valuebook.Apply(r.Context(), s.Indicators, file)
	if err != nil {
		return s.valuesUploadFailed(w, r, err)
	}
	q := url.Values{"unit": {strconv.FormatInt(res.UnitID, 10)}, "period": {strconv.Itoa(res.Year)}}
	for _, k := range []string{"indicator", "axis"} {
		if v := r.PostForm.Get(k); v != "" && r.PostForm.Get("unit") == q.Get("unit") {
			q.Set(k, v)
		}
	}
	flash := "ui.values.flash.uploaded"
	if len(res.Saved) == 0 {
		flash = "ui.values.flash.upload_nothing"
	}
	return redirect(w, r, "/values?"+q.Encode()+"&flash="+flash)
}

// uploadedFile is the workbook posted as "file" in a multipart form of
// at most valuesUploadLimit bytes, and what closes it. The form's other
// fields are in r.PostForm. A missing or too large file is a field error
// of "file"; a body that is no form is the bad-form page.
func uploadedFile(w http.ResponseWriter, r *http.Request) (multipart.File, func(), error) {
	r.Body = http.MaxBytesReader(w, r.Body, valuesUploadLimit)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		io.Copy(io.Discard, r.Body)
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, nil, payesh.Invalid(map[string]string{"file": "err.sheet.too_large"})
		}
		return nil, nil, errBadForm
	}
	file, _, err := r.FormFile("file")
	if err != nil {
		r.MultipartForm.RemoveAll()
		return nil, nil, payesh.Invalid(map[string]string{"file": "err.sheet.none"})
	}
	return file, func() { file.Close(); r.MultipartForm.RemoveAll() }, nil
}

// valuesUploadFailed shows the grid the user uploaded from with what was
// refused: each cell listed, or a problem with the file beside its input.
// Anything else — a unit the user does not report for — is an error page.
func (s *server) valuesUploadFailed(w http.ResponseWriter, r *http.Request, cause error) error {
	var refused *valuebook.Refused
	var pe *payesh.Error
	status := http.StatusBadRequest
	switch {
	case errors.As(cause, &refused):
		if refused.Conflict {
			status = http.StatusConflict
		}
	case errors.As(cause, &pe) && pe.Code == payesh.EINVALID:
	default:
		return cause
	}
	q := r.PostForm
	if q == nil {
		q = url.Values{}
	}
	d, _, err := s.valuesLoad(r, q, false)
	if err != nil {
		return err
	}
	if err := s.valuesFill(r, d, nil); err != nil {
		return err
	}
	v := s.newView(r, "ui.values.title", d)
	v.Errors = map[string]string{"failed": "ui.values.upload_failed"}
	if refused != nil {
		d.Refused = valuesUploadCells(d.lang, refused)
	} else {
		for f, k := range pe.Fields {
			if f != "file" {
				f = "form"
			}
			v.Errors["upload."+f] = k
		}
	}
	return s.render(w, r, status, "values", v)
}

// valuesUploadCells names each refused cell: «برگهٔ «ماهانه»، ردیف ۷،
// ستون «مهر ۱۴۰۳» (E7)».
func valuesUploadCells(lang i18n.Lang, refused *valuebook.Refused) []valuesUploadCell {
	out := make([]valuesUploadCell, len(refused.Cells))
	for n, c := range refused.Cells {
		out[n] = valuesUploadCell{
			Where:   fmt.Sprintf(i18n.T(lang, "ui.values.upload_where"), c.Sheet, formDigits(lang, strconv.Itoa(c.Row)), c.Column, c.Ref),
			Message: i18n.T(lang, c.Key),
		}
	}
	return out
}
