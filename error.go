package payesh

import (
	"errors"
	"fmt"
)

// Error codes. They are part of the API contract: clients switch on them, so
// they never change once published.
const (
	EINVALID      = "invalid"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	ERATELIMITED  = "rate_limited"
	EINTERNAL     = "internal"
)

// Error is the domain's typed error. Message and the values of Fields are
// message keys ("err.…") that transports translate through internal/i18n, so
// the same failure reads in Persian in the UI and in English for a script.
type Error struct {
	Code    string
	Message string
	Fields  map[string]string // field name → message key
	// Current is the row as it is now, set on version conflicts so that a
	// client can show "someone else changed this — here is their version".
	Current any
}

func (e *Error) Error() string {
	if len(e.Fields) > 0 {
		return fmt.Sprintf("payesh: %s: %s %v", e.Code, e.Message, e.Fields)
	}
	return fmt.Sprintf("payesh: %s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with code and message key.
func Errorf(code, message string) *Error {
	return &Error{Code: code, Message: message}
}

// Invalid returns an EINVALID error whose fields explain what is wrong, or nil
// when fields is empty: validators collect problems and return Invalid(fields).
func Invalid(fields map[string]string) error {
	if len(fields) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "err.invalid", Fields: fields}
}

// ErrorCode returns the code of err, EINTERNAL for errors that are not ours.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message key of err.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "err.internal"
}

// Common errors.
var (
	ErrUnauthorized = Errorf(EUNAUTHORIZED, "err.unauthorized")
	ErrForbidden    = Errorf(EFORBIDDEN, "err.forbidden")
)

// NotFound returns an ENOTFOUND error for an entity ("work_item", …).
func NotFound(entity string) *Error {
	return Errorf(ENOTFOUND, "err.not_found."+entity)
}

// Conflict returns an ECONFLICT error for a stale version, carrying the
// current row.
func Conflict(current any) *Error {
	return &Error{Code: ECONFLICT, Message: "err.version_conflict", Current: current}
}
