// Package api is Payesh's JSON API under /api/v1: the door for scripts, Excel
// macros and other systems. It is transport only — handlers decode, call a
// domain service with the signed-in user in the context, and encode; the
// store authorizes and validates. The contract is described in openapi.json,
// served at /api/v1/openapi.json, and kept equal to the route table by a test.
package api

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"time"

	"payesh"
	"payesh/internal/edge"
	"payesh/internal/login"
)

// Services are what the API calls. The domain services are required;
// Ping, Now, Logger and ClientIP have defaults.
//
// The handler New returns is the API alone: request ids, the access log,
// panic recovery and the security headers are the edge's (internal/edge),
// which internal/app puts in front of both doors.
type Services struct {
	payesh.Services
	// Logins signs people in; share one guard with the web UI so both
	// doors count the same failures. Nil makes one.
	Logins *login.Guard
	// Ping checks the database for /healthz; nil means always healthy.
	Ping func(context.Context) error
	// Ready checks, for /readyz, that the database answers and is
	// migrated (store.DB.Ready); nil falls back to Ping. An error with a
	// NotMigrated() bool method that says true is answered as such.
	Ready func(context.Context) error
	// Migration names the binary's latest migration, which /readyz
	// shows (store.LatestMigration).
	Migration string
	// Metrics answers /metrics to whom it allows; nil answers 404.
	Metrics Metrics
	// Now is the clock of the login limiter.
	Now    func() time.Time
	Logger *slog.Logger
	// ClientIP returns the address a request came from, for the login
	// limiter; nil uses edge.ClientIP, which is the socket's peer unless
	// the edge was told to trust the proxy in front (--trusted-proxies).
	ClientIP func(*http.Request) string
}

type server struct {
	Services
	logins *login.Guard
	mux    *http.ServeMux
}

// Metrics is what /metrics serves (internal/metrics): Allow says whether
// a request may read it, with a payesh error when not.
type Metrics interface {
	http.Handler
	Allow(r *http.Request) error
	TokenRequired() bool
}

// New returns the handler of /api/v1/..., GET /healthz, /readyz and
// /metrics. Mount it at "/"
// or at both prefixes; it answers nothing else.
func New(s Services) http.Handler {
	if s.Now == nil {
		s.Now = time.Now
	}
	if s.Logger == nil {
		s.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.ClientIP == nil {
		s.ClientIP = edge.ClientIP
	}
	if s.Logins == nil {
		// The store keeps the counters itself; a user service that does
		// not gets the guard's memory of this process.
		attempts, _ := s.Users.(login.Attempts)
		s.Logins = login.New(s.Users, attempts, s.Now)
	}
	srv := &server{
		Services: s,
		logins:   s.Logins,
	}
	srv.mux = srv.routes()
	// Cookie-authenticated writes from another site are forgeries; bearer
	// clients send neither Sec-Fetch-Site nor Origin, so they pass.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(srv.crossOriginDenied))
	h := cop.Handler(srv.mux)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A panic below is answered by the edge, in this door's JSON.
		edge.HandleErrors(r, srv.writeError)
		h.ServeHTTP(w, r)
	})
}

func (s *server) crossOriginDenied(w http.ResponseWriter, r *http.Request) {
	s.writeError(w, r, payesh.Errorf(payesh.EFORBIDDEN, "err.cross_origin"))
}
