package api

import (
	"errors"
	"net/http"

	"payesh"
	"payesh/internal/edge"
	"payesh/internal/i18n"
)

// Errors of the transport itself.
var (
	errNoRoute  = payesh.Errorf(payesh.ENOTFOUND, "err.not_found.route")
	errBadJSON  = payesh.Errorf(payesh.EINVALID, "err.bad_json")
	errMethod   = &statusError{http.StatusMethodNotAllowed, payesh.Errorf("method_not_allowed", "err.method")}
	errTooLarge = &statusError{http.StatusRequestEntityTooLarge, payesh.Errorf(payesh.EINVALID, "err.body_too_large")}
)

// statusError overrides the status its code would map to (edge.Status,
// the one table of both doors), for the few answers HTTP has a better
// status for (413, 405, 503).
type statusError struct {
	status int
	err    error
}

func (e *statusError) Error() string { return e.err.Error() }
func (e *statusError) Unwrap() error { return e.err }

// errorBody is the JSON of every error: {"error": {...}}.
type errorBody struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
	// Current is the row as it is now, on a version conflict, and
	// changed_by/changed_at say whose change it holds.
	Current any `json:"current,omitempty"`
	*changeRef
}

// writeError writes err as JSON in the request's language. Internal errors
// are logged and answered with a generic message: their text may hold SQL
// or file paths that are no business of the client.
func (s *server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := payesh.ErrorCode(err)
	status := statusOf(err, code)
	key := payesh.ErrorMessage(err)
	if status >= 500 {
		s.Logger.ErrorContext(r.Context(), "api: request failed",
			"method", r.Method, "path", r.URL.Path, "err", err)
		code, key = payesh.EINTERNAL, "err.internal"
	}
	lang := langOf(r)
	body := errorBody{Code: code, Message: i18n.T(lang, key)}
	var pe *payesh.Error
	if errors.As(err, &pe) && status < 500 {
		body.Fields = translateFields(lang, pe.Fields)
		body.Current = present(pe.Current)
		if code == payesh.ECONFLICT && pe.Current != nil {
			body.changeRef = s.lastChange(r, pe.Current)
		}
	}
	writeJSON(w, status, map[string]any{"error": body})
}

func statusOf(err error, code string) int {
	var se *statusError
	if errors.As(err, &se) {
		return se.status
	}
	return edge.Status(code)
}

func translateFields(lang i18n.Lang, fields map[string]string) map[string]string {
	if len(fields) == 0 {
		return nil
	}
	out := make(map[string]string, len(fields))
	for f, key := range fields {
		out[f] = i18n.T(lang, key)
	}
	return out
}

func langOf(r *http.Request) i18n.Lang {
	return i18n.FromAcceptLanguage(r.Header.Get("Accept-Language"))
}

// withFields adds the transport's own field errors f to err, the domain's
// verdict on the same request, so one answer names every problem; err's
// own fields win. Any other error is returned as it is.
func withFields(err error, f map[string]string) error {
	var e *payesh.Error
	if err != nil && (!errors.As(err, &e) || e.Code != payesh.EINVALID) {
		return err
	}
	if e != nil {
		for k, v := range e.Fields {
			f[k] = v
		}
	}
	return payesh.Invalid(f)
}

// invalid returns an EINVALID error with message key msg and one field.
func invalid(msg, field, key string) error {
	return &payesh.Error{Code: payesh.EINVALID, Message: msg, Fields: map[string]string{field: key}}
}
