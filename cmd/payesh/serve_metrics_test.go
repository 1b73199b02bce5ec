package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// serveWith runs payesh serve with args in the background and returns
// its address and the log; the server is stopped, as SIGINT would stop
// it, when the test ends, and must stop cleanly.
func serveWith(t *testing.T, c *cli, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, stop := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), strings.NewReader(""), &out, &errOut, c.getenv)
	}()
	base := waitForURL(t, &out, done)
	t.Cleanup(func() {
		stop()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve returned %v after shutdown\nlog:\n%s", err, errOut.String())
			}
		case <-time.After(20 * time.Second):
			t.Error("serve did not stop within 20s of its context ending")
		}
	})
	return base, &errOut
}

// TestServeMetrics: with --metrics-from none only the token reads
// /metrics, which then shows the requests served and the follow-up job's
// run; /readyz answers anyone.
func TestServeMetrics(t *testing.T) {
	c := newCLI(t)
	const token = "a-metrics-token-of-some-length"
	c.env["PAYESH_METRICS_TOKEN"] = token
	base, _ := serveWith(t, c, "--metrics-from", "none")
	if code, body := get(t, base+"/readyz", ""); code != http.StatusOK || !strings.Contains(body, `"ready"`) {
		t.Errorf("/readyz: %d %s", code, body)
	}
	if code, _ := get(t, base+"/metrics", ""); code != http.StatusUnauthorized {
		t.Errorf("/metrics from loopback without the token, with --metrics-from none: %d; want 401", code)
	}
	if code, _ := get(t, base+"/metrics", "not-the-token-at-all"); code != http.StatusUnauthorized {
		t.Errorf("/metrics with a wrong token: %d; want 401", code)
	}
	// The digest runs at start; wait for its run to be counted.
	deadline := time.Now().Add(20 * time.Second)
	for {
		code, body := get(t, base+"/metrics", token)
		if code != http.StatusOK {
			t.Fatalf("/metrics with the token: %d %.300s", code, body)
		}
		if strings.Contains(body, `payesh_job_runs_total{job="digest",result="success"} 1`) &&
			strings.Contains(body, `payesh_http_requests_total{method="GET",route="GET /readyz",status="200"} 1`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/metrics lacks the digest run or the /readyz request:\n%s", body)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestServeMetricsFlagsChecked: a network that is not one, and a token
// too short to be secret, are command-line mistakes.
func TestServeMetricsFlagsChecked(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"garbage network", []string{"--metrics-from", "10.0.0.0/40"}, nil, "--metrics-from"},
		{"a host name", []string{"--metrics-from", "prometheus.example.org"}, nil, "--metrics-from"},
		{"short token", []string{"--metrics-token", "secret"}, nil, "--metrics-token"},
		{"short token in the environment", nil, map[string]string{"PAYESH_METRICS_TOKEN": "secret"}, "--metrics-token"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newCLI(t)
			for k, v := range tc.env {
				c.env[k] = v
			}
			_, _, err := c.run("", append([]string{"serve", "--addr", "127.0.0.1:0"}, tc.args...)...)
			if code := exitCode(err, io.Discard); code != exitUsage || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("serve %v: %v (exit %d); want a usage error naming %s", tc.args, err, code, tc.want)
			}
		})
	}
}
