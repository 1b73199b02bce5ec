package app_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"payesh/internal/app"
	"payesh/internal/edge"
	"payesh/internal/metrics"
	"payesh/internal/store"
	"payesh/internal/store/storetest"
)

// scrape reads /metrics from h as a Prometheus server on the same host
// would, and parses the answer with Prometheus's own text parser.
func scrape(t *testing.T, base string) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("/metrics: %s %s", resp.Status, b)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("/metrics Content-Type %q", ct)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("/metrics does not parse: %v", err)
	}
	return fams
}

// series returns the metric of family name whose labels include want,
// or nil.
func series(fams map[string]*dto.MetricFamily, name string, want map[string]string) *dto.Metric {
	f := fams[name]
	if f == nil {
		return nil
	}
next:
	for _, m := range f.GetMetric() {
		got := map[string]string{}
		for _, l := range m.GetLabel() {
			got[l.GetName()] = l.GetValue()
		}
		for k, v := range want {
			if got[k] != v {
				continue next
			}
		}
		return m
	}
	return nil
}

// TestMetricsScrape: /metrics, scraped and parsed as Prometheus does,
// counts requests by route pattern and status (never by path), times them
// in a histogram, and shows the connection pool, each table's estimated
// rows (and size, on SQLite once the background read is done), the
// database's size and the build.
func TestMetricsScrape(t *testing.T) {
	storetest.Engines(t, store.Options{}, func(t *testing.T, db *store.DB) {
		storetest.Analyze(t, db.SQL(), db.Engine())
		m := metrics.New(metrics.Options{DB: db, Version: "v-test", Revision: "abc123"})
		h, err := app.Handler(db, app.Options{Metrics: m, Version: "v-test"})
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(h)
		defer srv.Close()
		const route = "GET /api/v1/work-items/{id}"
		before := 0.0
		if c := series(scrape(t, srv.URL), "payesh_http_requests_total", map[string]string{"route": route, "status": "401"}); c != nil {
			before = c.GetCounter().GetValue()
		}
		for _, p := range []string{"/api/v1/work-items/7", "/api/v1/work-items/8", "/api/v1/work-items/9", "/healthz"} {
			resp, err := http.Get(srv.URL + p)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
		}
		fams := scrape(t, srv.URL)

		c := series(fams, "payesh_http_requests_total", map[string]string{"method": "GET", "route": route, "status": "401"})
		if c == nil || c.GetCounter().GetValue()-before != 3 {
			t.Errorf("requests to %s: %v, want 3 more than %v", route, c, before)
		}
		if f := fams["payesh_http_requests_total"]; f != nil {
			for _, m := range f.GetMetric() {
				for _, l := range m.GetLabel() {
					if l.GetName() == "route" && strings.ContainsAny(l.GetValue(), "0123456789") && !strings.Contains(l.GetValue(), "v1") {
						t.Errorf("a route label holds a path: %q", l.GetValue())
					}
				}
			}
		}
		if f := fams["payesh_http_request_duration_seconds"]; f == nil || f.GetType() != dto.MetricType_HISTOGRAM {
			t.Errorf("no latency histogram: %v", f)
		} else if hm := series(fams, "payesh_http_request_duration_seconds", map[string]string{"route": route}); hm == nil ||
			hm.GetHistogram().GetSampleCount() < 3 || len(hm.GetHistogram().GetBucket()) < 5 {
			t.Errorf("latency of %s: %v", route, hm)
		}
		if s := series(fams, "payesh_http_requests_total", map[string]string{"route": "GET /healthz", "status": "200"}); s == nil {
			t.Error("no count of GET /healthz")
		}

		if s := series(fams, "go_sql_open_connections", map[string]string{"db_name": db.Engine()}); s == nil {
			t.Error("no connection pool figures")
		}
		if s := series(fams, "go_sql_max_open_connections", map[string]string{"db_name": db.Engine()}); s == nil {
			t.Error("no pool size")
		}

		for _, table := range []string{"org_units", "users", "work_items", "audit_events"} {
			s := series(fams, "payesh_table_rows_estimate", map[string]string{"table": table})
			if s == nil {
				t.Errorf("no row estimate of %s", table)
			}
		}
		if s := series(fams, "payesh_table_stats_up", nil); s == nil || s.GetGauge().GetValue() != 1 {
			t.Errorf("table figures not read: %v", s)
		}
		if s := series(fams, "payesh_database_size_bytes", nil); s == nil || s.GetGauge().GetValue() <= 0 {
			t.Errorf("database size: %v", s)
		}
		if f := fams["payesh_table_rows_estimate"]; f != nil && !strings.Contains(f.GetHelp(), "estimated") {
			t.Errorf("the row figures do not say they are estimates: %q", f.GetHelp())
		}
		// Sizes: PostgreSQL's at once; SQLite's from a background read.
		deadline := time.Now().Add(10 * time.Second)
		for {
			s := series(fams, "payesh_table_size_bytes", map[string]string{"table": "work_items"})
			if s != nil && s.GetGauge().GetValue() > 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Errorf("no size of work_items: %v", s)
				break
			}
			time.Sleep(50 * time.Millisecond)
			fams = scrape(t, srv.URL)
		}
		if s := series(fams, "payesh_build_info", map[string]string{"version": "v-test", "revision": "abc123"}); s == nil || s.GetGauge().GetValue() != 1 {
			t.Errorf("build info: %v", s)
		}
	})
}

// TestMetricsAccess: /metrics answers the configured networks (loopback
// by default) and the bearer token; anyone else gets 403, or 401 naming
// the scheme where a token would do. Behind a trusted proxy the client
// the proxy names is who asks, so nginx on the same host does not open
// the metrics to the world. /healthz and /readyz stay open to all.
func TestMetricsAccess(t *testing.T) {
	db, _ := newStore(t)
	const token = "metrics-secret-0123456789"
	local, _ := edge.ParseProxies("127.0.0.1/32")
	from, _ := edge.ParseNetworks("198.51.100.0/24", "metrics address")
	cases := []struct {
		name      string
		from      edge.Proxies // nil: the default, loopback
		token     string
		remote    string
		xff       string
		auth      string
		want      int
		challenge bool
	}{
		{name: "loopback, by default", remote: "127.0.0.1:5000", want: 200},
		{name: "IPv6 loopback", remote: "[::1]:5000", want: 200},
		{name: "another host, no token configured", remote: "203.0.113.9:5000", want: 403},
		{name: "another host, token configured, none sent", token: token, remote: "203.0.113.9:5000", want: 401, challenge: true},
		{name: "another host, wrong token", token: token, remote: "203.0.113.9:5000", auth: "Bearer nope", want: 401, challenge: true},
		{name: "another host, the token", token: token, remote: "203.0.113.9:5000", auth: "Bearer " + token, want: 200},
		{name: "a token sent where none is configured", remote: "203.0.113.9:5000", auth: "Bearer " + token, want: 401, challenge: true},
		{name: "a configured network", from: from, remote: "198.51.100.20:5000", want: 200},
		{name: "loopback, when the networks leave it out", from: from, remote: "127.0.0.1:5000", want: 403},
		{name: "a client behind the trusted proxy on loopback", remote: "127.0.0.1:5000", xff: "203.0.113.9", want: 403},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := metrics.New(metrics.Options{DB: db, From: c.from, Token: c.token})
			h, err := app.Handler(db, app.Options{Metrics: m, TrustedProxies: local})
			if err != nil {
				t.Fatal(err)
			}
			for _, path := range []string{"/metrics", "/healthz", "/readyz"} {
				req := httptest.NewRequest("GET", path, nil)
				req.RemoteAddr = c.remote
				if c.xff != "" {
					req.Header.Set("X-Forwarded-For", c.xff)
				}
				if c.auth != "" {
					req.Header.Set("Authorization", c.auth)
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				want := c.want
				if path != "/metrics" {
					want = 200
				}
				if rec.Code != want {
					t.Errorf("%s: %d, want %d: %.200s", path, rec.Code, want, rec.Body)
				}
				if path != "/metrics" {
					continue
				}
				if got := rec.Header().Get("WWW-Authenticate") != ""; got != c.challenge {
					t.Errorf("WWW-Authenticate %q", rec.Header().Get("WWW-Authenticate"))
				}
				if want != 200 {
					var body struct {
						Error struct{ Code, Message string }
					}
					if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error.Message == "" {
						t.Errorf("refusal is not the API's JSON error: %s", rec.Body)
					}
					if strings.Contains(rec.Body.String(), "payesh_") {
						t.Errorf("a refusal shows metrics")
					}
				} else if !strings.Contains(rec.Body.String(), "payesh_build_info") {
					t.Errorf("no metrics in the answer")
				}
			}
		})
	}
}

// TestReadyz: 200 on a migrated database; 503 saying "migrations" when
// it lacks the binary's latest migration, and "database" once it is
// gone — while /healthz still says the process is alive until then.
func TestReadyz(t *testing.T) {
	storetest.Engines(t, store.Options{}, func(t *testing.T, db *store.DB) {
		h, err := app.Handler(db, app.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ask := func(path string) (int, map[string]string) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
			var body map[string]string
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatalf("%s: %v: %s", path, err, rec.Body)
			}
			return rec.Code, body
		}
		latest := store.LatestMigration()
		if code, body := ask("/readyz"); code != 200 || body["status"] != "ready" || body["migration"] != latest {
			t.Errorf("migrated: %d %v", code, body)
		}
		if _, err := db.SQL().ExecContext(context.Background(), `DELETE FROM schema_migrations WHERE name = $1`,
			"migrations/"+latest+".sql"); err != nil {
			t.Fatal(err)
		}
		if code, body := ask("/readyz"); code != 503 || body["status"] != "unavailable" || body["reason"] != "migrations" {
			t.Errorf("unmigrated: %d %v", code, body)
		}
		if code, _ := ask("/healthz"); code != 200 {
			t.Errorf("unmigrated /healthz: %d", code)
		}
		db.Close()
		if code, body := ask("/readyz"); code != 503 || body["reason"] != "database" {
			t.Errorf("closed: %d %v", code, body)
		}
		if code, _ := ask("/healthz"); code != 503 {
			t.Errorf("closed /healthz: %d", code)
		}
	})
}
