package api

import (
	"context"
	"net/http"
	"time"

	"payesh"
)

// health answers load balancers and monitors without a login. A failing
// database makes the instance unhealthy; the cause is logged, not shown.
func (s *server) health(w http.ResponseWriter, r *http.Request) error {
	if s.Ping != nil {
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		defer cancel()
		if err := s.Ping(ctx); err != nil {
			s.Logger.ErrorContext(r.Context(), "api: health check failed", "err", err)
			code := payesh.ErrorCode(err)
			return writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "error": code})
		}
	}
	return writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}
