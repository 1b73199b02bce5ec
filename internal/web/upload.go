package web

import (
	"errors"
	"mime"
	"mime/multipart"
	"net/http"

	"payesh"
)

// Uploads from the web forms. A file's name is read as the browser sent
// it: Part.FileName and FileHeader.Filename keep only the last path
// element, which would turn "../../x.pdf" into an innocent "x.pdf"; the
// store is to judge the name as sent and refuse it.

// rawFileName is a part's file name exactly as the browser sent it.
func rawFileName(p *multipart.Part) string { return rawName(p.Header.Get("Content-Disposition")) }

// rawName is the filename of a Content-Disposition as sent, or "".
func rawName(contentDisposition string) string {
	_, params, err := mime.ParseMediaType(contentDisposition)
	if err != nil {
		return ""
	}
	return params["filename"]
}

// formUpload reads a form that may carry a file, "file": multipart,
// or a plain form when there is none (a closure asked with a reference
// only). It returns the file's name as the browser sent it, and nil when
// none was chosen; the form's fields are in r.PostForm either way.
func formUpload(r *http.Request) (string, multipart.File, error) {
	err := r.ParseMultipartForm(2 << 20)
	var tooLarge *http.MaxBytesError
	switch {
	case errors.Is(err, http.ErrNotMultipart):
		return "", nil, nil
	case errors.As(err, &tooLarge):
		return "", nil, payesh.Invalid(map[string]string{"file": "err.evidence.too_large"})
	case err != nil:
		return "", nil, errBadForm
	}
	fhs := r.MultipartForm.File["file"]
	if len(fhs) == 0 || fhs[0].Filename == "" {
		return "", nil, nil
	}
	f, err := fhs[0].Open()
	if err != nil {
		return "", nil, err
	}
	name := fhs[0].Filename
	if raw := rawName(fhs[0].Header.Get("Content-Disposition")); raw != "" {
		name = raw
	}
	return name, f, nil
}
