// Package app puts Payesh's two doors together over one store: the JSON
// API under /api/ (and /healthz) and the web UI everywhere else, sharing
// one sign-in guard. The binary and the browser tests serve the same
// handler.
package app

import (
	"log/slog"
	"net/http"
	"time"

	"payesh/internal/api"
	"payesh/internal/login"
	"payesh/internal/store"
	"payesh/internal/web"
)

// Options configure the handler; zero values are production defaults.
type Options struct {
	Now     func() time.Time
	Logger  *slog.Logger
	Version string
}

// Handler returns the whole application over db.
func Handler(db *store.DB, opt Options) (http.Handler, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	guard := login.New(db, opt.Now)
	apiH := api.New(api.Services{
		Units: db, Documents: db, Work: db, Users: db, Audit: db, Indicators: db,
		Logins: guard, Ping: db.Ping, Now: opt.Now, Logger: opt.Logger,
	})
	webH, err := web.New(web.Services{
		Units: db, Documents: db, Work: db, Users: db, Audit: db, Indicators: db, Reports: db, FollowUp: db,
		Logins: guard, Now: opt.Now, Logger: opt.Logger, Version: opt.Version,
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
