package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"

	"payesh"
)

// evidenceBodyLimit bounds a whole upload. It is well above the largest
// file, so that a file somewhat too large is read to its end and the
// user gets the page that says so, rather than a connection the server
// cut while the browser was still sending.
const evidenceBodyLimit = 4 * payesh.MaxEvidenceSize

// evidenceUpload attaches the file posted as "file" to the report. The
// part is streamed to the store, which reads at most one byte past the
// limit and checks the name and the content; its Persian message shows
// beside the file input.
func (s *server) evidenceUpload(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, evidenceBodyLimit)
	err = s.addEvidence(r, id)
	// Read what is left before answering, so the browser is not cut off
	// mid-upload; MaxBytesReader stops a body beyond any reason.
	io.Copy(io.Discard, r.Body)
	if err != nil {
		return s.reportFailed(w, r, id, err)
	}
	return redirect(w, r, fmt.Sprintf("/reports/%d?flash=ui.evidence.flash.added#evidence", id))
}

// addEvidence finds the file part and hands it to the store.
func (s *server) addEvidence(r *http.Request, id int64) error {
	none := payesh.Invalid(map[string]string{"file": "err.evidence.none"})
	mr, err := r.MultipartReader()
	if err != nil {
		return none
	}
	for {
		part, err := mr.NextPart()
		var tooLarge *http.MaxBytesError
		switch {
		case errors.Is(err, io.EOF):
			return none
		case errors.As(err, &tooLarge):
			return payesh.Invalid(map[string]string{"file": "err.evidence.too_large"})
		case err != nil:
			return errBadForm
		}
		if part.FormName() != "file" {
			part.Close()
			continue
		}
		name := rawFileName(part)
		if name == "" {
			return none
		}
		_, err = s.Reports.AddEvidence(r.Context(), id, name, part)
		if errors.As(err, &tooLarge) {
			return payesh.Invalid(map[string]string{"file": "err.evidence.too_large"})
		}
		return err
	}
}
