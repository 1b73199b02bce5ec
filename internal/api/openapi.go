package api

import (
	_ "embed"
	"net/http"
)

// openAPISpec describes every route; TestOpenAPIMatchesRoutes keeps it and
// routeTable equal.
//
//go:embed openapi.json
var openAPISpec []byte

func (s *server) openAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(openAPISpec)
	return nil
}
