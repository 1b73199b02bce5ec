package api

import (
	"bytes"
	"errors"
	"mime"
	"mime/multipart"
	"net/http"

	"payesh"
	"payesh/internal/download"
)

// maxUpload bounds an evidence upload's whole body: the file plus room for
// the multipart boundaries and part headers.
const maxUpload = payesh.MaxEvidenceSize + 64<<10

// Errors of an evidence upload. A file over the limit is a 413 carrying
// the store's own message, so the client reads the same words whichever
// side noticed.
var (
	errFileTooLarge = &statusError{http.StatusRequestEntityTooLarge,
		&payesh.Error{Code: payesh.EINVALID, Message: "err.evidence.too_large", Fields: map[string]string{"file": "err.evidence.too_large"}}}
	errMultipart = invalid("err.multipart", "file", "err.multipart")
	errNoFile    = invalid("err.evidence.no_file", "file", "err.evidence.no_file")
	errTwoFiles  = invalid("err.evidence.one_file", "file", "err.evidence.one_file")
)

// listEvidence returns a report's files, oldest first, without their bytes.
func (s *server) listEvidence(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	list, err := s.Reports.FindEvidence(r.Context(), id)
	if err != nil {
		return err
	}
	if list == nil {
		list = []*payesh.Evidence{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list})
}

// uploadEvidence attaches one file, sent as multipart/form-data in a part
// named "file", to a report. The name is the part's filename exactly as
// sent: the store refuses paths and unaccepted extensions, and checks the
// bytes against the extension.
func (s *server) uploadEvidence(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	// An unknown or unreadable report is answered before a byte of the
	// file is read; the store decides who may attach.
	if _, err := s.Reports.FindReport(r.Context(), id); err != nil {
		return err
	}
	if r.ContentLength > maxUpload {
		return errFileTooLarge
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	name, data, err := readUpload(r)
	if err != nil {
		return err
	}
	ev, err := s.Reports.AddEvidence(r.Context(), id, name, bytes.NewReader(data))
	if err != nil {
		return err
	}
	return writeCreated(w, prefix+"/evidence", ev.ID, ev)
}

// readUpload reads an upload of one file and nothing else.
func readUpload(r *http.Request) (name string, data []byte, err error) {
	form, err := readMultipart(r)
	if err != nil {
		return "", nil, err
	}
	if _, err := form.requireFile(); err != nil {
		return "", nil, err
	}
	return form.File.Name, form.Data, nil
}

// partFileName returns the filename parameter of a part's
// Content-Disposition as sent (filename* decoded), or "".
func partFileName(p *multipart.Part) string {
	_, params, err := mime.ParseMediaType(p.Header.Get("Content-Disposition"))
	if err != nil {
		return ""
	}
	return params["filename"]
}

// uploadError classifies a failure to read the body: over the limit is
// 413, anything else a malformed multipart body.
func uploadError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return errFileTooLarge
	}
	return errMultipart
}

// downloadEvidence serves a file to those who may read its report. It is
// always an attachment, typed as the store sniffed it on upload and never
// sniffed again by the browser, so an uploaded file cannot run as a page
// of this site.
func (s *server) downloadEvidence(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ev, data, err := s.Reports.OpenEvidence(r.Context(), id)
	if err != nil {
		return err
	}
	download.Evidence(w, r, ev, data)
	return nil
}
