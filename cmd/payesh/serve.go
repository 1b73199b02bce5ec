package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"time"

	"payesh"
	"payesh/internal/app"
	"payesh/internal/demo"
	"payesh/internal/edge"
	"payesh/internal/metrics"
	"payesh/internal/store"
)

// Server limits. The header timeout defeats slow-loris clients; the write
// timeout leaves room for large list responses; requests still in flight
// get shutdownGrace to finish when the process is told to stop.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 60 * time.Second
	idleTimeout       = 2 * time.Minute
	maxHeaderBytes    = 64 << 10
	shutdownGrace     = 15 * time.Second
)

// cmdServe serves the API until ctx ends (SIGINT or SIGTERM in main).
func cmdServe(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("serve")
	addr := e.stringFlag(fs, "addr", "PAYESH_ADDR", defaultAddr, "address to listen on")
	dsn := e.dbFlag(fs)
	withDemo, err := e.boolFlag(fs, "demo", "PAYESH_DEMO", false,
		"load the demo data if the database is empty, and print the demo logins")
	if err != nil {
		return err
	}
	withTraining, err := e.boolFlag(fs, "training", "PAYESH_TRAINING", false,
		"with --demo, also load the training set: made-up monthly values of the provinces and a round in progress, marked «آموزشی» wherever they show")
	if err != nil {
		return err
	}
	tokenMaxTTL, err := e.durationFlag(fs, "token-max-ttl", "PAYESH_TOKEN_MAX_TTL", payesh.DefaultTokenMaxTTL,
		"longest lifetime of an API token made through the API or the web, whole days from 24h to 87600h; 'payesh token create' is not bound by it")
	if err != nil {
		return err
	}
	maxConns, err := e.intFlag(fs, "db-max-conns", "PAYESH_DB_MAX_CONNS", store.DefaultPostgresConns,
		"most connections this instance opens to PostgreSQL (SQLite keeps its own 8); several instances together must stay under the server's max_connections")
	if err != nil {
		return err
	}
	proxiesFlag := e.stringFlag(fs, "trusted-proxies", "PAYESH_TRUSTED_PROXIES", "",
		"reverse proxies, as CIDR[,CIDR…], whose X-Forwarded-For, X-Forwarded-Proto and X-Request-Id are believed, e.g. 127.0.0.1/32; empty trusts none")
	follow, err := e.followUpFlags(fs)
	if err != nil {
		return err
	}
	metricsFl := e.metricsFlags(fs)
	backups, err := e.backupFlags(fs)
	if err != nil {
		return err
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := backups.check(); err != nil {
		return err
	}
	if _, err := metricsFl.options(nil); err != nil {
		return err
	}
	if err := follow.check(); err != nil {
		return err
	}
	if err := checkTokenMaxTTL(*tokenMaxTTL); err != nil {
		return err
	}
	if *maxConns < 1 || *maxConns > store.MaxPostgresConns {
		return usageErrorf("--db-max-conns %d: want 1 to %d", *maxConns, store.MaxPostgresConns)
	}
	webOpt, err := webFlags(*proxiesFlag, *follow.baseURL)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, nil))
	db, err := store.Open(ctx, *dsn, store.Options{TokenMaxTTL: *tokenMaxTTL, MaxConns: *maxConns})
	if err != nil {
		return fmt.Errorf("open database %s: %w", redact(*dsn), err)
	}
	defer db.Close()
	logger.Info("database open", "engine", db.Engine(), "db", redact(*dsn))
	var logins []demo.Login
	if *withDemo {
		if logins, err = ensureDemo(ctx, db, logger); err != nil {
			return err
		}
		if *withTraining && logins != nil {
			if err := ensureTraining(ctx, db, logger); err != nil {
				return err
			}
		}
	} else if *withTraining {
		return usageErrorf("--training goes with --demo: the training set is added to the demo")
	}
	mopt, _ := metricsFl.options(db) // checked above
	mopt.Logger = logger
	m := metrics.New(mopt)
	webOpt.Metrics = m
	stopFollowUp := startFollowUp(ctx, db, follow, logger, m)
	defer stopFollowUp()
	stopBackups := startBackups(ctx, db, backups, logger, m)
	defer stopBackups()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv, err := newHTTPServer(db, logger, webOpt)
	if err != nil {
		return err
	}
	printWelcome(e.stdout, ln.Addr(), logins)
	return serveUntilDone(ctx, srv, ln, logger)
}

// Bounds of --token-max-ttl. People ask for a token's lifetime in days, so
// the maximum is at least one and a whole number of them; ten years was
// the longest a token could ever be asked for.
const (
	minTokenMaxTTL = 24 * time.Hour
	maxTokenMaxTTL = 3650 * 24 * time.Hour
)

func checkTokenMaxTTL(d time.Duration) error {
	if d < minTokenMaxTTL || d > maxTokenMaxTTL || d%(24*time.Hour) != 0 {
		return usageErrorf("--token-max-ttl %s: want whole days from 24h to 87600h, e.g. 2160h for 90 days", d)
	}
	return nil
}

// ensureDemo loads the demo into an empty database and returns its logins.
// A database that holds data of its own is left alone, and no logins are
// shown, since they would not exist there.
func ensureDemo(ctx context.Context, db *store.DB, logger *slog.Logger) ([]demo.Login, error) {
	ctx = asSystem(ctx)
	loaded, err := demo.Loaded(ctx, db)
	if err != nil {
		return nil, err
	}
	if loaded {
		logger.Info("demo data already loaded")
		return demo.Logins(), nil
	}
	_, units, err := db.FindOrgUnits(ctx, payesh.OrgUnitFilter{Page: payesh.Page{Limit: 1}})
	if err != nil {
		return nil, err
	}
	if units > 0 {
		logger.Warn("the database has data of its own; the demo was not loaded (use 'payesh demo' to load it anyway)")
		return nil, nil
	}
	sum, err := demo.Load(ctx, demoServices(db))
	if err != nil {
		return nil, err
	}
	logger.Info(sum.String())
	return sum.Logins, nil
}

// ensureTraining adds the training set to the demo unless it is there.
func ensureTraining(ctx context.Context, db *store.DB, logger *slog.Logger) error {
	sum, err := demo.LoadTraining(asSystem(ctx), demoServices(db), time.Now())
	if err != nil {
		return err
	}
	logger.Info(sum.String())
	return nil
}

// webFlags checks --trusted-proxies and --base-url and turns them into
// the handler's options.
func webFlags(proxies, baseURL string) (app.Options, error) {
	p, err := edge.ParseProxies(proxies)
	if err != nil {
		return app.Options{}, usageErrorf("--trusted-proxies: %v", err)
	}
	if baseURL != "" {
		u, err := url.Parse(baseURL)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			return app.Options{}, usageErrorf("--base-url %q: want an absolute address like https://payesh.example.org", baseURL)
		}
	}
	return app.Options{TrustedProxies: p, BaseURL: baseURL}, nil
}

// newHTTPServer serves the application with opt's proxies and base URL.
func newHTTPServer(db *store.DB, logger *slog.Logger, opt app.Options) (*http.Server, error) {
	opt.Logger, opt.Version = logger, version
	h, err := app.Handler(db, opt)
	if err != nil {
		return nil, err
	}
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}, nil
}

// serveUntilDone serves on ln until ctx ends, then shuts down gracefully:
// new connections are refused and requests in flight may finish.
func serveUntilDone(ctx context.Context, srv *http.Server, ln net.Listener, logger *slog.Logger) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	logger.Info("serving", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}

// printWelcome tells the person who started the server where to go and,
// for a demo, how to sign in.
func printWelcome(w io.Writer, addr net.Addr, logins []demo.Login) {
	base := "http://" + browsableHost(addr)
	fmt.Fprintf(w, "Payesh is serving at %s/  (open it in a browser)\n", base)
	fmt.Fprintf(w, "  API description: %s/api/v1/openapi.json\n", base)
	fmt.Fprintf(w, "  health check:    %s/healthz\n", base)
	if len(logins) > 0 {
		printLogins(w, logins)
	}
}

// browsableHost turns a listening address into one a browser can open: a
// server listening on all interfaces (":8080") is reached at localhost.
func browsableHost(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
