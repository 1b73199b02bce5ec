// Package app puts Payesh's two doors together over one store: the JSON
// API under /api/ (and /healthz) and the web UI everywhere else, sharing
// one sign-in guard. The binary and the browser tests serve the same
// handler.
package app

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"payesh/internal/api"
	"payesh/internal/login"
	"payesh/internal/pdf"
	"payesh/internal/store"
	"payesh/internal/web"
)

// Options configure the handler; zero values are production defaults.
type Options struct {
	Now     func() time.Time
	Logger  *slog.Logger
	Version string
	// PDF prints the round summaries; nil uses headless Chromium (see
	// internal/pdf) when one is installed.
	PDF func(ctx context.Context, url string, cookies []*http.Cookie) ([]byte, error)
}

// Handler returns the whole application over db.
func Handler(db *store.DB, opt Options) (http.Handler, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	// The store keeps the sign-in counters, so every instance over one
	// database throttles the same failures.
	guard := login.New(db, db, opt.Now)
	svc := db.Services()
	apiH := api.New(api.Services{
		Services: svc, Logins: guard, Ping: db.Ping, Now: opt.Now, Logger: opt.Logger,
	})
	if opt.PDF == nil {
		if r := pdf.New(pdf.Options{Require: web.PrintMark}); r.Available() {
			opt.PDF = r.Render
		}
	}
	webH, err := web.New(web.Services{
		Services: svc, Logins: guard, Now: opt.Now, Logger: opt.Logger, Version: opt.Version, PDF: opt.PDF,
	})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", apiH)
	mux.Handle("/healthz", apiH)
	mux.Handle("/", webH)
	return mux, nil
}
