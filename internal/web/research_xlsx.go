package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"payesh"
	"payesh/internal/sheet"
)

// The project list as a workbook: GET /research/projects.xlsx downloads
// the projects the user reads (?template=1: an empty template), POST
// uploads one filled in, all or nothing; a refused upload shows
// /research with every refused row.

func (s *server) researchXLSX(w http.ResponseWriter, r *http.Request) error {
	empty := r.URL.Query().Get("template") == "1"
	book, _, err := sheet.LoadResearch(r.Context(), s.Services.Services, langOf(r), empty)
	if err != nil {
		return err
	}
	name := "payesh-research.xlsx"
	if empty {
		name = "payesh-research-template.xlsx"
	}
	return sheet.Send(w, name, func(out io.Writer) error { return sheet.WriteResearch(out, book) })
}

func (s *server) researchUpload(w http.ResponseWriter, r *http.Request) error {
	// Only who records projects imports them; the store checks each axis.
	if !canAddWork(user(r)) {
		return payesh.ErrForbidden
	}
	file, done, err := uploadedFile(w, r)
	if err != nil {
		return s.researchUploadFailed(w, r, nil, err)
	}
	defer done()
	_, look, err := sheet.LoadResearch(r.Context(), s.Services.Services, langOf(r), true)
	if err != nil {
		return err
	}
	rows, refused, err := sheet.ReadResearch(file, look)
	if errors.Is(err, sheet.ErrNotResearch) {
		return s.researchUploadFailed(w, r, nil, payesh.Invalid(map[string]string{"file": "err.research.not_ours"}))
	} else if err != nil {
		return err
	}
	if len(refused) > 0 {
		return s.researchUploadFailed(w, r, refused, payesh.Invalid(map[string]string{"file": "err.research.import_refused"}))
	}
	res, refused, err := s.Research.ImportResearchProjects(r.Context(), rows)
	if err != nil {
		return s.researchUploadFailed(w, r, refused, err)
	}
	q := url.Values{"created": {fmt.Sprint(res.Created)}, "updated": {fmt.Sprint(res.Updated)}, "unchanged": {fmt.Sprint(res.Unchanged)}}
	return redirect(w, r, "/research?"+q.Encode()+"#import")
}

// researchUploadFailed shows /research with the refused rows, or the
// error page for what is not the upload's fault.
func (s *server) researchUploadFailed(w http.ResponseWriter, r *http.Request, refused []payesh.RowError, err error) error {
	errs, ok := fieldErrors(err)
	if !ok {
		return err
	}
	r.URL.RawQuery = ""
	return s.renderResearch(w, r, http.StatusBadRequest, refused, errs)
}
