package edge

import (
	"net/http"

	"payesh"
)

// statusByCode is the one place the domain's error codes become HTTP
// statuses, for the API's JSON errors and the web's error pages alike. A
// test checks that every code the root package declares is here.
var statusByCode = map[string]int{
	payesh.EINVALID:      http.StatusBadRequest,
	payesh.EUNAUTHORIZED: http.StatusUnauthorized,
	payesh.EFORBIDDEN:    http.StatusForbidden,
	payesh.ENOTFOUND:     http.StatusNotFound,
	payesh.ECONFLICT:     http.StatusConflict,
	payesh.ERATELIMITED:  http.StatusTooManyRequests,
	payesh.EINTERNAL:     http.StatusInternalServerError,

	// A report's own codes. A checklist refusal names what is missing in
	// its fields, as a field error does; a withdrawal too late conflicts
	// with the report's state; a reviewer who sent or wrote the report,
	// or belongs to its unit, is refused the step (separation of duties)
	// whatever its role allows.
	payesh.EINCOMPLETE: http.StatusBadRequest,
	payesh.EREQUIRED:   http.StatusBadRequest,
	payesh.EREVIEWED:   http.StatusConflict,
	payesh.ESELFREVIEW: http.StatusForbidden,

	// A reviewer's link that has expired or been revoked (call.go).
	payesh.EGONE: http.StatusGone,
}

// Status is the HTTP status of a domain error code; an unknown code is a
// 500, since only a bug makes one.
func Status(code string) int {
	if s, ok := statusByCode[code]; ok {
		return s
	}
	return http.StatusInternalServerError
}
