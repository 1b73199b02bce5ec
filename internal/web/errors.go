package web

import (
	"errors"
	"fmt"
	"net/http"

	"payesh"
)

var errBadForm = payesh.Errorf(payesh.EINVALID, "err.bad_form")

// statusOf maps a domain error code to the status of its page.
var statusOf = map[string]int{
	payesh.EINVALID:      http.StatusBadRequest,
	payesh.EUNAUTHORIZED: http.StatusUnauthorized,
	payesh.EFORBIDDEN:    http.StatusForbidden,
	payesh.ENOTFOUND:     http.StatusNotFound,
	payesh.ECONFLICT:     http.StatusConflict,
	payesh.ERATELIMITED:  http.StatusTooManyRequests,
	payesh.EINTERNAL:     http.StatusInternalServerError,
}

type errorData struct {
	Status  int
	Code    string
	Heading string // key
	Message string // key
}

// renderError shows the page for err: 404, 403, conflict or a generic
// error; internal errors are logged and never shown.
func (s *server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	code := payesh.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	msg := payesh.ErrorMessage(err)
	if status == http.StatusInternalServerError {
		s.Logger.ErrorContext(r.Context(), "web: request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		msg = "err.internal"
	}
	if status == http.StatusUnauthorized {
		redirect(w, r, "/login")
		return
	}
	v := s.newView(r, "ui.error.title", errorData{Status: status, Code: code, Heading: fmt.Sprintf("ui.error.h%d", status), Message: msg})
	if u, uerr := s.sessionUser(r); uerr == nil {
		v.User = u
	}
	var e *payesh.Error
	if errors.As(err, &e) {
		v.Current = e.Current
	}
	if rerr := s.render(w, r, status, "error", v); rerr != nil {
		s.Logger.ErrorContext(r.Context(), "web: error page failed", "err", rerr)
		http.Error(w, http.StatusText(status), status)
	}
}

func (s *server) notFound(w http.ResponseWriter, r *http.Request) error {
	return payesh.Errorf(payesh.ENOTFOUND, "err.not_found.page")
}

func (s *server) crossOriginDenied(w http.ResponseWriter, r *http.Request) {
	s.renderError(w, r, payesh.Errorf(payesh.EFORBIDDEN, "err.cross_origin"))
}
