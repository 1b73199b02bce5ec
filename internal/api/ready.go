package api

import (
	"context"
	"errors"
	"net/http"
	"time"

	"payesh"
)

// readyBody is /readyz's answer: "ready", or "unavailable" with the
// reason — "database" (it does not answer) or "migrations" (it lacks one
// of this binary's) — and the migration this binary wants.
type readyBody struct {
	Status    string `json:"status"`
	Reason    string `json:"reason,omitempty"`
	Migration string `json:"migration,omitempty"`
}

// ready answers a load balancer whether to send this instance requests:
// unlike /healthz (the process and its database are alive), it also wants
// the database migrated to this binary's latest migration, so an instance
// of a new release waits for its migrations before taking traffic. The
// cause of a failure is logged; the answer names only its kind.
func (s *server) ready(w http.ResponseWriter, r *http.Request) error {
	check := s.Ready
	if check == nil {
		check = s.Ping
	}
	body := readyBody{Status: "ready", Migration: s.Migration}
	if check != nil {
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		defer cancel()
		if err := check(ctx); err != nil {
			s.Logger.ErrorContext(r.Context(), "api: readiness check failed", "err", err)
			body.Status, body.Reason = "unavailable", "database"
			var nm interface{ NotMigrated() bool }
			if errors.As(err, &nm) && nm.NotMigrated() {
				body.Reason = "migrations"
			}
			return writeJSON(w, http.StatusServiceUnavailable, body)
		}
	}
	return writeJSON(w, http.StatusOK, body)
}

// metrics serves the Prometheus metrics to whom they allow: a refusal is
// the API's JSON error, 401 naming the Bearer scheme when a token would
// let the reader in.
func (s *server) metrics(w http.ResponseWriter, r *http.Request) error {
	if s.Metrics == nil {
		return errNoRoute
	}
	if err := s.Metrics.Allow(r); err != nil {
		if payesh.ErrorCode(err) == payesh.EUNAUTHORIZED {
			w.Header().Set("WWW-Authenticate", `Bearer realm="payesh metrics"`)
		}
		return err
	}
	s.Metrics.ServeHTTP(w, r)
	return nil
}
