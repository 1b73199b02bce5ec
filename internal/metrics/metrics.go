// Package metrics is what Payesh shows Prometheus at /metrics, in its
// text format: requests by route pattern and status with their latency,
// the database's connection pool, the jobs' runs (digest, mail, backup),
// estimated rows and sizes of the tables, and the build. Each Metrics has
// a registry of its own, so several handlers in one process (tests) never
// share or clash.
//
// Who may read it is Allow's business: the addresses in From (loopback
// only by default), or anyone with the bearer token. /metrics says how
// busy each route is and how big each table, which is no business of the
// public.
package metrics

import (
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"payesh/internal/edge"
	"payesh/internal/store"
)

// Options configure the metrics; the zero value has no database, answers
// loopback only, and refreshes the table figures at the defaults below.
type Options struct {
	// DB, when set, adds its connection pool and its tables.
	DB *store.DB
	// Version and Revision label payesh_build_info.
	Version, Revision string
	// From are the networks whose clients may read /metrics without a
	// token; nil is loopback only (127.0.0.0/8, ::1). An empty, non-nil
	// list allows none: only the token reads.
	From edge.Proxies
	// Token, when set, lets a request with "Authorization: Bearer <Token>"
	// read /metrics from anywhere.
	Token string
	// StatsEvery is how long the table figures are kept before a scrape
	// reads them again (DefaultStatsEvery when 0); SizesEvery the same
	// for SQLite's table sizes, read in the background
	// (DefaultSizesEvery when 0).
	StatsEvery, SizesEvery time.Duration
	// Logger hears of failed table reads; nil discards.
	Logger *slog.Logger
	Now    func() time.Time
}

// Defaults of the table figures' refresh, and the time one read may take
// within a scrape (Prometheus's own scrape timeout is 10 s by default).
const (
	DefaultStatsEvery = 30 * time.Second
	DefaultSizesEvery = 30 * time.Minute
	statsTimeout      = 3 * time.Second
	sizesTimeout      = 5 * time.Minute
)

// Loopback is who reads /metrics by default: the host itself.
var Loopback = edge.Proxies{
	netipPrefix("127.0.0.0/8"), netipPrefix("::1/128"),
}

// Metrics is the registry and what is measured into it.
type Metrics struct {
	reg     *prometheus.Registry
	handler http.Handler
	from    edge.Proxies
	token   string
	now     func() time.Time

	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec

	jobRuns        *prometheus.CounterVec
	jobLastRun     *prometheus.GaugeVec
	jobLastSuccess *prometheus.GaugeVec
	jobLastOK      *prometheus.GaugeVec
	emails         *prometheus.CounterVec
	notifications  prometheus.Counter
	backupBytes    prometheus.Gauge
	backupSeconds  prometheus.Gauge
	backupOnce     sync.Once
}

// New makes the metrics and registers everything they show.
func New(opt Options) *Metrics {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.From == nil {
		opt.From = Loopback
	}
	m := &Metrics{reg: prometheus.NewRegistry(), from: opt.From, token: opt.Token, now: opt.Now}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "payesh_http_requests_total",
		Help: "HTTP requests answered, by method, matched route pattern (never the raw path; \"unmatched\" for none) and status.",
	}, []string{"method", "route", "status"})
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "payesh_http_request_duration_seconds",
		Help:    "Time from a request's arrival at the edge to the end of its answer, by method and route pattern.",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
	}, []string{"method", "route"})
	m.jobRuns = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "payesh_job_runs_total",
		Help: "Runs of a background job (digest, mail, backup) by result: success, failure, or skipped (another instance ran that backup slot).",
	}, []string{"job", "result"})
	m.jobLastRun = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "payesh_job_last_run_timestamp_seconds",
		Help: "When a job last ran on this instance (Unix time).",
	}, []string{"job"})
	m.jobLastSuccess = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "payesh_job_last_success_timestamp_seconds",
		Help: "When a job last succeeded on this instance (Unix time); alert on time() minus this.",
	}, []string{"job"})
	m.jobLastOK = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "payesh_job_last_run_success",
		Help: "1 if a job's last run on this instance succeeded, 0 if it failed.",
	}, []string{"job"})
	m.emails = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "payesh_emails_total",
		Help: "Notification emails by result: sent, or failed (given back to be tried on the next run).",
	}, []string{"result"})
	m.notifications = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "payesh_digest_notifications_created_total",
		Help: "Notifications the digest job made on this instance.",
	})
	m.backupBytes = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "payesh_backup_last_size_bytes",
		Help: "Size of the last backup file this instance wrote.",
	})
	m.backupSeconds = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "payesh_backup_last_duration_seconds",
		Help: "How long the last backup this instance wrote took.",
	})
	build := prometheus.NewGauge(prometheus.GaugeOpts{
		Name:        "payesh_build_info",
		Help:        "Always 1; the labels name the build that is running.",
		ConstLabels: prometheus.Labels{"version": opt.Version, "revision": opt.Revision},
	})
	build.Set(1)
	m.reg.MustRegister(m.requests, m.duration, m.jobRuns, m.jobLastRun, m.jobLastSuccess, m.jobLastOK,
		m.emails, m.notifications, build,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if opt.DB != nil {
		m.reg.MustRegister(collectors.NewDBStatsCollector(opt.DB.SQL(), opt.DB.Engine()),
			newTableCollector(opt.DB, opt))
	}
	m.handler = promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		// A collector that fails leaves out its own series; the rest of
		// the page is still worth a scrape.
		ErrorHandling: promhttp.ContinueOnError,
		ErrorLog:      slog.NewLogLogger(opt.Logger.Handler(), slog.LevelWarn),
	})
	return m
}

// ServeHTTP writes the metrics in the format the scraper asked for (the
// text format unless it negotiates another). Allow first.
func (m *Metrics) ServeHTTP(w http.ResponseWriter, r *http.Request) { m.handler.ServeHTTP(w, r) }

// Registry is the registry, for tests and for adding collectors.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// ObserveRequest counts one answered request; the edge calls it (see
// edge.Options.Observe) with what the access log writes.
func (m *Metrics) ObserveRequest(method, route string, status int, elapsed time.Duration) {
	method = knownMethod(method)
	m.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(method, route).Observe(elapsed.Seconds())
}

// knownMethod keeps the method label to HTTP's methods: a client may send
// any token as a method, and each would be a new series.
func knownMethod(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return m
	}
	return "OTHER"
}
