// Package web is Payesh's Persian, right-to-left web interface: server-
// rendered html/template pages from embedded files, enhanced with htmx, for
// the secretariat and every unit it follows up. It is transport only:
// handlers parse forms, call the same domain services as the JSON API with
// the signed-in user in the context, and render.
package web

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

// Services are what the web UI calls; the domain services are required.
type Services struct {
	payesh.Services
	// PDF prints a page of this site, loaded with the given cookies (the
	// user's session), to PDF in a headless browser; nil when there is no
	// browser, and the printable page is then the only way to print.
	PDF func(ctx context.Context, url string, cookies []*http.Cookie) ([]byte, error)
	// Logins signs people in; share one guard with the API so both doors
	// count the same failures.
	Logins *login.Guard
	Now    func() time.Time
	Logger *slog.Logger
	// ClientIP returns the address a request came from, for the login
	// limiter; nil uses edge.ClientIP (see api.Services).
	ClientIP func(*http.Request) string
	// Version tags asset URLs so browsers refetch after an upgrade.
	Version string
}

// server holds the parsed templates and the services.
type server struct {
	Services
	pages *pages
	mux   *http.ServeMux
}

// New returns the handler of the web UI. It answers every path it routes;
// mount the API before it for /api/ and /healthz.
func New(s Services) (http.Handler, error) {
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
	if s.Version == "" {
		s.Version = "dev"
	}
	if err := checkAssets(); err != nil {
		return nil, err
	}
	p, err := parsePages(s.Version)
	if err != nil {
		return nil, err
	}
	srv := &server{Services: s, pages: p}
	srv.mux = srv.routes()
	// Forms posted from another site are forgeries; the browser says where
	// a request comes from, and CrossOriginProtection refuses the rest.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(srv.crossOriginDenied))
	h := cop.Handler(srv.mux)
	// Request ids, the access log, panic recovery and the security
	// headers are the edge's (internal/edge), in front of both doors; a
	// panic below it is answered with this door's error page.
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		edge.HandleErrors(r, srv.renderError)
		h.ServeHTTP(w, r)
	}), nil
}

// handler is a page handler that may fail; errors become error pages.
type handler func(w http.ResponseWriter, r *http.Request) error

// user returns the signed-in user of a request that passed requireUser.
func user(r *http.Request) *payesh.User { return payesh.UserFrom(r.Context()) }
