package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"payesh"
)

// maxBody bounds a request body: a clause text is at most 64 KiB, so 1 MiB
// is generous for any honest request and cheap to refuse for others.
const maxBody = 1 << 20

// decode reads one JSON object from the body into dst. Unknown fields are
// refused, because a misspelt field silently ignored is a change the client
// believes it made.
func decode(w http.ResponseWriter, r *http.Request, dst any) error {
	_, err := decodeBody(w, r, dst)
	return err
}

// decodePatch decodes a partial update. encoding/json leaves a pointer nil
// for an explicit null, which would make "due_date": null mean "no change";
// here null clears the fields a row can show as null — dates, parent_id,
// unit and clause lists — as a client that read null would expect.
func decodePatch(w http.ResponseWriter, r *http.Request, dst any) error {
	body, err := decodeBody(w, r, dst)
	if err != nil {
		return err
	}
	clearNulls(body, dst)
	return nil
}

func decodeBody(w http.ResponseWriter, r *http.Request, dst any) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, errTooLarge
		}
		return nil, errBadJSON
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return nil, decodeError(err, body, dst)
	}
	// One object and nothing after it: trailing data means the client sent
	// something other than what it meant.
	if _, err := dec.Token(); err != io.EOF {
		return nil, errBadJSON
	}
	return body, nil
}

// decodeError classifies a json.Decoder error into the API's keys.
func decodeError(err error, body []byte, dst any) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	const unknown = "json: unknown field "
	switch {
	case errors.As(err, &syntax), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errBadJSON
	case errors.As(err, &typ):
		if typ.Field == "" {
			return errBadJSON // e.g. an array where an object belongs
		}
		return invalid("err.invalid", typ.Field, "err.bad_type")
	case strings.HasPrefix(err.Error(), unknown):
		name, uerr := strconv.Unquote(strings.TrimPrefix(err.Error(), unknown))
		if uerr != nil {
			name = strings.TrimPrefix(err.Error(), unknown)
		}
		return invalid("err.unknown_field", name, "err.unknown_field")
	}
	// The only custom unmarshaler in request bodies is payesh.Date, and
	// encoding/json does not say which field its error came from, so find
	// the date fields that do not parse.
	if fields := badDateFields(body, dst); len(fields) > 0 {
		return &payesh.Error{Code: payesh.EINVALID, Message: "err.bad_date", Fields: fields}
	}
	if strings.Contains(err.Error(), "date") {
		return payesh.Errorf(payesh.EINVALID, "err.bad_date")
	}
	return errBadJSON
}

var (
	dateType  = reflect.TypeFor[payesh.Date]()
	int64Type = reflect.TypeFor[int64]()
)

// clearable reports whether a null in a patch clears a field of type t.
func clearable(t reflect.Type) bool {
	if t.Kind() != reflect.Pointer {
		return false
	}
	e := t.Elem()
	return e == dateType || e == int64Type || e.Kind() == reflect.Slice
}

// clearNulls points every clearable field of dst whose key in body is an
// explicit null at the empty value: a zero date, id 0 (the domain's "no
// parent"), an empty list.
func clearNulls(body []byte, dst any) {
	var raw map[string]json.RawMessage
	if json.Unmarshal(body, &raw) != nil {
		return
	}
	v := reflect.ValueOf(dst).Elem()
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if !clearable(f.Type) {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		for key, value := range raw {
			if strings.EqualFold(key, name) && string(bytes.TrimSpace(value)) == "null" {
				empty := reflect.New(f.Type.Elem())
				if f.Type.Elem().Kind() == reflect.Slice {
					empty.Elem().Set(reflect.MakeSlice(f.Type.Elem(), 0, 0))
				}
				v.Field(i).Set(empty)
			}
		}
	}
}

// badDateFields returns the top-level date fields of dst's struct type whose
// values in body do not parse as dates. Keys match case-insensitively, as
// encoding/json matches them.
func badDateFields(body []byte, dst any) map[string]string {
	var raw map[string]json.RawMessage
	if json.Unmarshal(body, &raw) != nil {
		return nil
	}
	t := reflect.TypeOf(dst)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	fields := map[string]string{}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Type != dateType && f.Type != reflect.PointerTo(dateType) {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		for key, value := range raw {
			var d payesh.Date
			if strings.EqualFold(key, name) && d.UnmarshalJSON(value) != nil {
				fields[name] = "err.bad_date"
			}
		}
	}
	return fields
}
