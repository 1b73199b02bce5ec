// Package app puts Payesh's two doors together over one store: the JSON
// API under /api/ (and /healthz, /readyz, /metrics) and the web UI everywhere else, sharing
// one sign-in guard, behind one edge (internal/edge: request ids, the
// access log, panic recovery, security headers, trusted proxies). The
// binary and the browser tests serve the same handler.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"payesh/internal/api"
	"payesh/internal/compress"
	"payesh/internal/edge"
	"payesh/internal/login"
	"payesh/internal/metrics"
	"payesh/internal/pdf"
	"payesh/internal/store"
	"payesh/internal/web"
)

// Options configure the handler; zero values are production defaults.
type Options struct {
	Now func() time.Time
	// Logger receives the access log, one line per request, and the
	// doors' errors, each with its request's id. Nil discards them.
	Logger  *slog.Logger
	Version string
	// PDF prints the round summaries; nil uses headless Chromium (see
	// internal/pdf) when one is installed.
	PDF func(ctx context.Context, url string, cookies []*http.Cookie) ([]byte, error)
	// TrustedProxies are the reverse proxies whose X-Forwarded-For,
	// X-Forwarded-Proto and X-Request-Id are believed (see edge.Proxies);
	// none by default.
	TrustedProxies edge.Proxies
	// BaseURL is Payesh's public address (--base-url); an https one makes
	// the session cookie Secure whatever a request came over.
	BaseURL string
	// Metrics are served at /metrics and counted by the edge for every
	// request; nil makes them over db, readable from loopback only.
	Metrics *metrics.Metrics
}

// Handler returns the whole application over db.
func Handler(db *store.DB, opt Options) (http.Handler, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	secure, err := httpsBase(opt.BaseURL)
	if err != nil {
		return nil, err
	}
	// The doors log with their request's context; this logger adds the
	// request's id to each such line.
	logger := slog.New(edge.LogHandler(opt.Logger.Handler()))
	// The store keeps the sign-in counters, so every instance over one
	// database throttles the same failures.
	guard := login.New(db, db, opt.Now)
	svc := db.Services()
	if opt.Metrics == nil {
		opt.Metrics = metrics.New(metrics.Options{DB: db, Version: opt.Version, Logger: opt.Logger})
	}
	apiH := api.New(api.Services{
		Services: svc, Logins: guard, Ping: db.Ping, Now: opt.Now, Logger: logger, ClientIP: edge.ClientIP,
		Ready: db.Ready, Migration: store.LatestMigration(), Metrics: opt.Metrics,
	})
	if opt.PDF == nil {
		if r := pdf.New(pdf.Options{Require: web.PrintMark}); r.Available() {
			opt.PDF = r.Render
		}
	}
	webH, err := web.New(web.Services{
		Services: svc, Logins: guard, Now: opt.Now, Logger: logger, Version: opt.Version, PDF: opt.PDF,
		ClientIP: edge.ClientIP,
	})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", apiH)
	mux.Handle("/healthz", apiH)
	mux.Handle("/readyz", apiH)
	mux.Handle("/metrics", apiH)
	mux.Handle("/", webH)
	// Compression sits inside the edge, so the access log counts the
	// bytes that cross the wire.
	return edge.New(compress.Handler(mux), edge.Options{
		Logger: opt.Logger, Proxies: opt.TrustedProxies, SecureCookies: secure,
		Observe: opt.Metrics.ObserveRequest,
	}), nil
}

// httpsBase says whether base, Payesh's public address, is https; an
// empty one is not. Anything but an absolute http or https URL is a
// mistake in the configuration.
func httpsBase(base string) (bool, error) {
	if base == "" {
		return false, nil
	}
	u, err := url.Parse(base)
	if err != nil || u.Host == "" || (!strings.EqualFold(u.Scheme, "https") && !strings.EqualFold(u.Scheme, "http")) {
		return false, fmt.Errorf("base URL %q: want an absolute http:// or https:// address", base)
	}
	return strings.EqualFold(u.Scheme, "https"), nil
}
