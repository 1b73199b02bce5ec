package api

import (
	"bytes"
	"io"
	"net/http"

	"payesh"
)

// maxTextPart bounds each text part of an upload; the store bounds the
// values themselves.
const maxTextPart = 8 << 10

// uploadForm is a multipart body as readMultipart reads it.
type uploadForm struct {
	// File is the part "file", nil when none came; Data its bytes.
	File *payesh.Upload
	Data []byte
	// Fields are the text parts, by name.
	Fields map[string]string
}

// readMultipart reads the whole multipart body: at most one part "file",
// of at most MaxEvidenceSize bytes, named as sent (partFileName), and the
// text parts named in fields, each once and of at most maxTextPart bytes.
// Any other part is refused rather than skipped: a field silently ignored
// is one the client believes was used. Every upload of the API reads its
// body here.
func readMultipart(r *http.Request, fields ...string) (*uploadForm, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, errMultipart
	}
	allowed := map[string]bool{}
	for _, f := range fields {
		allowed[f] = true
	}
	form := &uploadForm{Fields: map[string]string{}}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return form, nil
		}
		if err != nil {
			return nil, uploadError(err)
		}
		name := part.FormName()
		switch {
		case name == "":
			return nil, errMultipart
		case name == "file":
			if form.File != nil {
				return nil, errTwoFiles
			}
			if form.Data, err = readPart(part, payesh.MaxEvidenceSize); err == errPartTooLarge {
				return nil, errFileTooLarge
			} else if err != nil {
				return nil, err
			}
			form.File = &payesh.Upload{Name: partFileName(part), Content: bytes.NewReader(form.Data)}
		case !allowed[name]:
			return nil, invalid("err.unknown_field", name, "err.unknown_field")
		default:
			if _, twice := form.Fields[name]; twice {
				return nil, invalid("err.duplicate", name, "err.duplicate")
			}
			v, err := readPart(part, maxTextPart)
			if err == errPartTooLarge {
				return nil, invalid("err.too_long", name, "err.too_long")
			} else if err != nil {
				return nil, err
			}
			form.Fields[name] = string(v)
		}
	}
}

// errPartTooLarge is a part longer than its bound.
var errPartTooLarge = invalid("err.too_long", "file", "err.too_long")

// readPart reads a part of at most max bytes.
func readPart(part io.Reader, max int) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(part, int64(max)+1))
	if err != nil {
		return nil, uploadError(err)
	}
	if len(data) > max {
		return nil, errPartTooLarge
	}
	return data, nil
}

// requireFile is the form's file, or the refusal of a form without one.
func (f *uploadForm) requireFile() (*payesh.Upload, error) {
	if f.File == nil {
		return nil, errNoFile
	}
	return f.File, nil
}
