package web

import (
	"errors"
	"fmt"
	"net/http"

	"payesh"
	"payesh/internal/edge"
)

var errBadForm = payesh.Errorf(payesh.EINVALID, "err.bad_form")

type errorData struct {
	Status  int
	Code    string
	Heading string // key
	Message string // key
	// RequestID is the request's id (edge.RequestID), shown so that a
	// person can quote it and an admin find the request in the log.
	RequestID string
}

// renderError shows the page for err: 404, 403, conflict or a generic
// error; internal errors are logged and never shown.
func (s *server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	code := payesh.ErrorCode(err)
	status := edge.Status(code)
	msg := payesh.ErrorMessage(err)
	if status == http.StatusInternalServerError {
		s.Logger.ErrorContext(r.Context(), "web: request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		msg = "err.internal"
	}
	if status == http.StatusUnauthorized {
		redirect(w, r, "/login")
		return
	}
	v := s.newView(r, "ui.error.title", errorData{Status: status, Code: code, Heading: fmt.Sprintf("ui.error.h%d", status),
		Message: msg, RequestID: edge.RequestID(r.Context())})
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
